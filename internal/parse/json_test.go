package parse_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/sitrep-project/sitrep/internal/parse"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// lineResult is what Lines reported for one line, as stored in the golden
// file.
type lineResult struct {
	Line    int             `json:"line"`
	Article *sitrep.Article `json:"article,omitempty"`
	Error   string          `json:"error,omitempty"`
	Code    string          `json:"code,omitempty"`
}

func collectLines(t *testing.T, r io.Reader, name string) []lineResult {
	t.Helper()
	var got []lineResult
	err := parse.Lines(r, name, retrieved, func(line int, a *sitrep.Article, err error) error {
		res := lineResult{Line: line, Article: a}
		if err != nil {
			res.Error, res.Code = err.Error(), sitrep.ErrorCode(err)
		}
		got = append(got, res)
		return nil
	})
	if err != nil {
		t.Fatalf("Lines: %v", err)
	}
	return got
}

func TestLinesGolden(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "batch.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := collectLines(t, f, "batch.jsonl")
	if len(got) != 8 {
		t.Errorf("got %d results, want 8 (10 lines, 2 blank)", len(got))
	}
	compareGolden(t, filepath.Join("testdata", "batch.jsonl.golden.json"), got)
}

func TestLines(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  []string // per reported line: "N ok <title>" or "N <error>"
	}{
		{"no trailing newline", `{"title": "A", "text": "x"}`, []string{"1 ok A"}},
		{"crlf", "{\"title\": \"A\", \"text\": \"x\"}\r\n{\"title\": \"B\", \"text\": \"y\"}\r\n", []string{"1 ok A", "2 ok B"}},
		{"byte order mark", "\xEF\xBB\xBF{\"title\": \"A\", \"text\": \"x\"}\n", []string{"1 ok A"}},
		{"blank lines keep numbering", "\n\n{\"title\": \"C\", \"text\": \"x\"}\n", []string{"3 ok C"}},
		{"invalid utf-8", "{\"title\": \"caf\xe9\", \"text\": \"x\"}\n", []string{"1 parse b.jsonl:1: not valid UTF-8 (byte offset 14)"}},
		{"not an object", "\"text\"\n", []string{"1 parse b.jsonl:1: invalid JSON: expected an object, found a string"}},
		{"two values on a line", "{\"text\": \"x\"} {\"text\": \"y\"}\n", []string{"1 parse b.jsonl:1: invalid JSON: unexpected data after the object"}},
		{"text aliases", `{"headline": "H", "body": "x", "author": "By Sam Lee"}`, []string{"1 ok H"}},
		{"empty input", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range collectLines(t, strings.NewReader(tt.input), "b.jsonl") {
				if r.Error != "" {
					got = append(got, strconv.Itoa(r.Line)+" "+r.Error)
				} else {
					got = append(got, strconv.Itoa(r.Line)+" ok "+r.Article.Title)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLinesLong(t *testing.T) {
	// A 12 MB record is parsed; a 17 MB one is that line's error, and the
	// lines after it are still read.
	long := strings.Repeat("word ", 12<<20/5)
	tooLong := strings.Repeat("word ", 17<<20/5)
	input := `{"title": "Long", "text": "` + long + `"}` + "\n" +
		`{"title": "Too long", "text": "` + tooLong + `"}` + "\n" +
		`{"title": "After", "text": "x"}` + "\n"
	got := collectLines(t, strings.NewReader(input), "big.jsonl")
	if len(got) != 3 {
		t.Fatalf("got %d results, want 3", len(got))
	}
	if got[0].Error != "" || got[0].Article.Title != "Long" || len(got[0].Article.Body) != len(long)-1 {
		t.Errorf("line 1: got error %q, want the long article", got[0].Error)
	}
	if want := "parse big.jsonl:2: line too long (over 16 MiB)"; got[1].Error != want || got[1].Code != sitrep.ETOOLARGE {
		t.Errorf("line 2: got %q (%s), want %q (%s)", got[1].Error, got[1].Code, want, sitrep.ETOOLARGE)
	}
	if got[2].Line != 3 || got[2].Article == nil || got[2].Article.Title != "After" {
		t.Errorf("line 3: got %+v, want the article after the long line", got[2])
	}
}

func TestLinesStops(t *testing.T) {
	t.Run("callback error", func(t *testing.T) {
		stop := errors.New("stop")
		calls := 0
		input := "{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": \"c\"}\n"
		err := parse.Lines(strings.NewReader(input), "b.jsonl", retrieved, func(line int, a *sitrep.Article, err error) error {
			calls++
			if line == 2 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || calls != 2 {
			t.Errorf("got %v after %d calls, want %v after 2", err, calls, stop)
		}
	})
	t.Run("read error", func(t *testing.T) {
		r := io.MultiReader(strings.NewReader("{\"text\": \"a\"}\n{\"te"), iotest.ErrReader(errors.New("disk gone")))
		calls := 0
		err := parse.Lines(r, "b.jsonl", retrieved, func(int, *sitrep.Article, error) error {
			calls++
			return nil
		})
		if err == nil || err.Error() != "parse b.jsonl:2: read: disk gone" || calls != 1 {
			t.Errorf("got %v after %d calls, want the read error after 1", err, calls)
		}
	})
	t.Run("line errors do not stop", func(t *testing.T) {
		input := "{\n{\"text\": \"b\"}\n"
		var lines []int
		err := parse.Lines(bytes.NewReader([]byte(input)), "b.jsonl", retrieved, func(line int, _ *sitrep.Article, _ error) error {
			lines = append(lines, line)
			return nil
		})
		if err != nil || len(lines) != 2 {
			t.Errorf("got %v and lines %v, want nil and [1 2]", err, lines)
		}
	})
}
