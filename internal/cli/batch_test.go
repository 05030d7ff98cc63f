package cli_test

import (
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/corpusgen"
)

// TestBatchGoodAndBroken ingests a directory of 1,000 good files in three
// formats and 50 broken ones: the good ones are stored, every broken one is
// listed with its reason, the exit status is 1, and a rerun reports the good
// ones unchanged and the broken ones failed again.
func TestBatchGoodAndBroken(t *testing.T) {
	if testing.Short() {
		t.Skip("1,050 files; skipped with -short")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	gen := corpusgen.New(11)
	gen.Words = 120
	write := func(name string, data []byte) {
		t.Helper()
		path := filepath.Join(corpus, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 1000 {
		a := gen.Next()
		switch i % 10 {
		case 0, 1, 2:
			write(fmt.Sprintf("html/%04d.html", i), []byte(htmlPage(a)))
		case 3:
			data, _ := json.Marshal(a)
			write(fmt.Sprintf("json/%04d.json", i), data)
		default:
			write(fmt.Sprintf("text/%04d.txt", i), []byte(a.Title+"\n\n"+a.Text+"\n"))
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	broken := map[string]string{} // name -> reason fragment
	for i := range 10 {
		junk := make([]byte, 2000)
		for j := range junk {
			junk[j] = byte(rng.IntN(256))
		}
		junk[100] = 0
		write(fmt.Sprintf("broken/junk%d.txt", i), junk)
		broken[fmt.Sprintf("junk%d.txt", i)] = "NUL"
		write(fmt.Sprintf("broken/empty%d.txt", i), nil)
		broken[fmt.Sprintf("empty%d.txt", i)] = "empty"
		write(fmt.Sprintf("broken/latin%d.txt", i), []byte("Headline\n\nThe caf\xe9 near the square was hit \xe0 dawn.\n"))
		broken[fmt.Sprintf("latin%d.txt", i)] = "UTF-8"
		write(fmt.Sprintf("broken/nul%d.json", i), []byte("{\"title\":\"x\",\"text\":\"a\x00b\"}"))
		broken[fmt.Sprintf("nul%d.json", i)] = "NUL"
		if i < 9 {
			write(fmt.Sprintf("broken/truncated%d.html", i), []byte("<!doctype html><html><head><title>Clashes near the bor"))
			broken[fmt.Sprintf("truncated%d.html", i)] = "no article text"
		}
	}
	write("broken/huge.txt", []byte("Huge\n\n"+strings.Repeat("All quiet on the front today. ", 700_000)))
	broken["huge.txt"] = "too large"

	db := filepath.Join(dir, "batch.db")
	check := func(run string, wantAdded, wantUnchanged int) {
		t.Helper()
		code, out, errOut := runMain(t, "", "--db", db, "ingest", "--json", corpus)
		if code != 1 {
			t.Errorf("%s: exit %d, want 1 (stderr %q)", run, code, errOut)
		}
		var sum struct {
			Added, Unchanged, Failed int
			Failures                 []struct{ Input, Reason string }
		}
		if err := json.Unmarshal([]byte(out), &sum); err != nil {
			t.Fatalf("%s: summary %q: %v", run, out, err)
		}
		if sum.Added != wantAdded || sum.Unchanged != wantUnchanged || sum.Failed != 50 {
			t.Errorf("%s: %d added, %d unchanged, %d failed; want %d, %d, 50", run, sum.Added, sum.Unchanged, sum.Failed, wantAdded, wantUnchanged)
		}
		seen := map[string]bool{}
		for _, f := range sum.Failures {
			name := filepath.Base(f.Input)
			seen[name] = true
			want, ok := broken[name]
			if !ok {
				t.Errorf("%s: good file failed: %s: %s", run, f.Input, f.Reason)
				continue
			}
			if !strings.Contains(f.Reason, want) || !strings.Contains(f.Reason, name) {
				t.Errorf("%s: %s failed with %q, want the file named and %q", run, name, f.Reason, want)
			}
		}
		for name := range broken {
			if !seen[name] {
				t.Errorf("%s: broken file %s not listed", run, name)
			}
		}
	}
	check("first run", 1000, 0)
	check("rerun", 0, 1000)
}

func htmlPage(a corpusgen.Article) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s | %s</title>
<meta property="article:published_time" content="%s"><link rel="canonical" href="%s"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article><h1>%s</h1>`, html.EscapeString(a.Title), a.Source, a.Published, a.URL, html.EscapeString(a.Title))
	for _, p := range strings.Split(a.Text, "\n\n") {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString(`</article></main><aside><h2>Most read</h2><ul><li><a href="/a">Other story</a></li></ul></aside><footer>© Generated</footer></body></html>`)
	return b.String()
}
