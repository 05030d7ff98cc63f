//go:build reliability

package ingest_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// bombBytes is what each compression bomb expands to: far more than the
// memory a bounded reader may use.
const bombBytes = 2 << 30

// gzipBomb returns gzip data that expands to n zero bytes: one member of
// 64 MiB repeated, which gzip readers read as one stream.
func gzipBomb(t *testing.T, n int64) []byte {
	t.Helper()
	const member = 64 << 20
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := io.CopyN(zw, zeros{}, member); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return bytes.Repeat(buf.Bytes(), int(n/member))
}

// zipBomb returns a zip archive of one file that expands to n zero bytes.
func zipBomb(t *testing.T, n int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("article.html")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.CopyN(w, zeros{}, n); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// peakMemory samples the heap until stop is called and returns the
// highest in-use heap it saw.
func peakMemory() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	})
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak.Load()
	}
}

// TestHostileInputs ingests one batch of hostile inputs beside two good
// articles: every hostile one is rejected with a clear reason or stored
// clean, memory stays bounded, and the good ones are stored.
func TestHostileInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		t.Helper()
		path := filepath.Join(dir, name)
		writeFile(t, path, data)
		return path
	}
	gz := gzipBomb(t, bombBytes)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz)
	}))
	defer srv.Close()

	// A 100 MB line: as a plain file (over the file limit) and as a JSONL
	// stream, which is read line by line with no file limit.
	long := bytes.Repeat([]byte("convoy "), 100<<20/7)
	bigLine := write("line.txt", long)
	bigJSONL := write("line.jsonl", append(append([]byte(`{"title": "x", "text": "`), long...), "\"}\n"...))
	nested := write("nested.html", []byte("<html><body>"+strings.Repeat("<div>", 100_000)+"Deep text about a convoy."+strings.Repeat("</div>", 100_000)+"</body></html>"))

	tests := []struct {
		name  string
		input string
		// code is the error code a rejected input must carry; "" means it
		// must be stored.
		code string
		// reason is a word its message must contain.
		reason string
	}{
		{"gzip bomb over HTTP", srv.URL + "/bomb.html", sitrep.ETOOLARGE, "limit"},
		{"gzip bomb as a file", write("bomb.html.gz", gz), sitrep.EINVALID, "bomb.html.gz"},
		{"zip bomb as a file", write("bomb.zip", zipBomb(t, 512<<20)), sitrep.EINVALID, "bomb.zip"},
		{"100 MB single line", bigLine, sitrep.ETOOLARGE, "too large"},
		{"100 MB JSONL line", bigJSONL, sitrep.ETOOLARGE, "too long"},
		{"100k nested elements", nested, "", ""},
		{"invalid UTF-8 text", write("latin1.txt", []byte("Caf\xe9 shelled\n\nShelling near the caf\xe9 \xff\xfe killed two, officials said.")), sitrep.EINVALID, "not valid UTF-8"},
		{"invalid UTF-8 in HTML", write("latin1.html", []byte("<title>Caf\xe9 shelled</title><p>Shelling near the caf\xe9 \xff killed two, officials said.</p>")), sitrep.EINVALID, "not valid UTF-8"},
		{"invalid UTF-8 in JSON", write("latin1.json", []byte("{\"title\": \"Caf\xe9\", \"text\": \"Shelling near the caf\xe9 \xff killed two.\"}")), sitrep.EINVALID, "not valid UTF-8"},
		{"NUL bytes in text", write("nul.txt", []byte("Title\x00 here\n\nBody with a NUL\x00 byte and more text.")), sitrep.EINVALID, "binary data"},
		{"NUL escapes in JSON", write("nul.json", []byte(`{"title": "A\u0000B", "text": "Body with a NUL\u0000 escape and more text."}`)), "", ""},
		{"only NUL bytes", write("nuls.txt", bytes.Repeat([]byte{0}, 4096)), sitrep.EINVALID, "nuls.txt"},
	}
	good := []string{write("good.html", []byte(page)), write("good.txt", []byte(plain))}

	inputs := append([]string{}, good...)
	for _, tt := range tests {
		inputs = append(inputs, tt.input)
	}
	db := openStore(t)
	var items progress
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := peakMemory()
	start := time.Now()
	sum, err := ingest.New(db, ingest.Options{
		Fetcher:  fetch.New(fetch.Config{Timeout: time.Minute}),
		Progress: &items,
	}).Run(context.Background(), inputs, bufio.NewReader(strings.NewReader("")))
	peak := stop()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	t.Logf("%d inputs in %s: peak heap in use %d MiB (before %d MiB), %d MiB allocated in all; %s",
		len(inputs), time.Since(start).Round(time.Millisecond), peak>>20, before.HeapInuse>>20,
		(after.TotalAlloc-before.TotalAlloc)>>20, sum)
	// Bounded: each bomb expands to 2 GiB and the long line is 100 MB; a
	// reader without limits would hold one of them whole.
	if peak > 1<<30 {
		t.Errorf("peak heap in use %d MiB, want under 1 GiB", peak>>20)
	}

	for _, g := range good {
		if it, ok := items.of(g); !ok || it.Failed() {
			t.Errorf("good input %s: %+v, want stored", g, it)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it, ok := items.of(tt.input)
			if !ok {
				t.Fatalf("no outcome for %s", tt.input)
			}
			if tt.code == "" {
				if it.Failed() {
					t.Fatalf("failed with %v, want stored", it.Err)
				}
				a, err := db.Article(context.Background(), it.ID)
				if err != nil {
					t.Fatal(err)
				}
				// A NUL that JSON escapes is text like any other here; the
				// PostgreSQL store refuses it with EINVALID.
				if !utf8Valid(a.Body+a.Title) || a.Body == "" {
					t.Errorf("stored text is empty or not valid UTF-8: %q", a.Title)
				}
				return
			}
			if !it.Failed() {
				t.Fatalf("stored as %s, want rejected with %s", it.ID, tt.code)
			}
			if got := sitrep.ErrorCode(it.Err); got != tt.code || !strings.Contains(it.Err.Error(), tt.reason) {
				t.Errorf("error %q (code %s), want code %s naming %q", it.Err, got, tt.code, tt.reason)
			}
			t.Logf("rejected: %v", it.Err)
		})
	}
}

// progress keeps every item by input, the first outcome of each.
type progress struct {
	mu    sync.Mutex
	items map[string]ingest.Item
}

func (p *progress) Total(int) {}

func (p *progress) Done(it ingest.Item) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.items == nil {
		p.items = map[string]ingest.Item{}
	}
	name, _, _ := strings.Cut(it.Input, ".jsonl:")
	if name != it.Input {
		name += ".jsonl"
	}
	if _, seen := p.items[name]; !seen {
		p.items[name] = it
	}
}

func (p *progress) of(input string) (ingest.Item, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	it, ok := p.items[input]
	return it, ok
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
