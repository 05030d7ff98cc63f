package ingest_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/corpusgen"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

const page = `<!doctype html><html lang="en"><head><title>Strikes hit road near border | Test Courier</title>
<meta property="og:site_name" content="Test Courier">
<meta name="author" content="Jane Field">
<meta property="article:published_time" content="2026-10-03T09:30:00Z">
<link rel="canonical" href="https://courier.example/2026/10/03/strikes">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Strikes hit road near border</h1>
<p>Coalition aircraft struck the main road east of the town on Tuesday, cutting the route used by a convoy of buses, officials said.</p>
<p>The strikes left a crater across both lanes and damaged a bridge over a dry river bed, according to a statement issued by the coalition late on Tuesday.</p>
<p>Local residents said dozens of families had been waiting at a checkpoint for two days with little water.</p>
</article><footer>Copyright Test Courier</footer></body></html>`

const plain = `Published: 2 days ago | Country: , , |  Topics: , , | Comments: No Comments

Aid convoy reaches besieged town after weeks of talks

An aid convoy of twelve trucks reached the besieged town on Sunday after weeks of negotiations between the warring sides, a United Nations official said.

The trucks carried flour, medicine and fuel for about 20,000 residents, the official said, adding that more deliveries were planned for next week.

Written by Test Courier`

func openStore(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func jsonl(t testing.TB, arts ...corpusgen.Article) []byte {
	t.Helper()
	var b strings.Builder
	for _, a := range arts {
		line, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func run(t *testing.T, db sitrep.Store, opt ingest.Options, inputs ...string) ingest.Summary {
	t.Helper()
	sum, err := ingest.New(db, opt).Run(context.Background(), inputs, bufio.NewReader(strings.NewReader("")))
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return sum
}

// failureFor returns the reason the input failed, or "" when it did not.
func failureFor(sum ingest.Summary, input string) string {
	for _, f := range sum.Failures {
		if strings.HasSuffix(f.Input, input) {
			return f.Err.Error()
		}
	}
	return ""
}

func TestRunDirectoryWithBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	gen := corpusgen.New(1)
	gen.Words = 100
	writeFile(t, filepath.Join(dir, "a/page.html"), []byte(page))
	writeFile(t, filepath.Join(dir, "a/b/plain.txt"), []byte(plain))
	writeFile(t, filepath.Join(dir, "batch.jsonl"), append(jsonl(t, gen.Next(), gen.Next()), []byte("{not json\n")...))
	writeFile(t, filepath.Join(dir, "broken/empty.txt"), nil)
	writeFile(t, filepath.Join(dir, "broken/binary.txt"), []byte("\x00\x01\x02binary\x00junk"))
	writeFile(t, filepath.Join(dir, "broken/latin1.txt"), []byte("Title\n\nCaf\xe9 \xff\xfe text"))
	writeFile(t, filepath.Join(dir, "broken/big.txt"), []byte(strings.Repeat("word ", 3000)))
	writeFile(t, filepath.Join(dir, ".hidden/skip.txt"), []byte(plain))

	db := openStore(t)
	opt := ingest.Options{MaxFileBytes: 8 << 10}
	inputs := []string{dir, filepath.Join(dir, "missing.html")}
	sum := run(t, db, opt, inputs...)

	if got, want := sum.Added, 4; got != want {
		t.Errorf("added = %d, want %d (failures: %v)", got, want, sum.Failures)
	}
	if got, want := sum.Failed, 6; got != want {
		t.Errorf("failed = %d, want %d: %v", got, want, sum.Failures)
	}
	for _, tc := range []struct{ input, reason string }{
		{"broken/empty.txt", "empty"},
		{"broken/binary.txt", "NUL"},
		{"broken/latin1.txt", "UTF-8"},
		{"broken/big.txt", "too large"},
		{"batch.jsonl:3", "JSON"},
		{"missing.html", "no such file"},
	} {
		got := failureFor(sum, tc.input)
		if !strings.Contains(got, tc.reason) || !strings.Contains(got, strings.TrimSuffix(tc.input, ":3")) {
			t.Errorf("failure for %s = %q, want it to name the input and say %q", tc.input, got, tc.reason)
		}
	}

	again := run(t, db, opt, inputs...)
	if again.Added != 0 || again.Unchanged != 4 || again.Failed != 6 {
		t.Errorf("rerun = %s, want 0 added, 4 unchanged, 6 failed", again)
	}
	if n, _ := db.CountArticles(context.Background()); n != 4 {
		t.Errorf("stored %d articles, want 4", n)
	}
}

func TestRunStoresChromeAsMetadata(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "plain.txt"), []byte(plain))
	db := openStore(t)
	sum := run(t, db, ingest.Options{}, filepath.Join(dir, "plain.txt"))
	if sum.Added != 1 {
		t.Fatalf("summary %s, failures %v", sum, sum.Failures)
	}
	hits, err := db.Search(context.Background(), sitrep.SearchQuery{Text: "convoy"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("search convoy: %v, %d hits", err, len(hits))
	}
	a, err := db.Article(context.Background(), hits[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := a.Title, "Aid convoy reaches besieged town after weeks of talks"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := a.Byline, "Test Courier"; got != want {
		t.Errorf("byline = %q, want %q", got, want)
	}
	if a.PublishedPrecision != sitrep.PrecisionDay || a.Published == nil {
		t.Errorf("published = %v at %q, want a date at day precision", a.Published, a.PublishedPrecision)
	}
	for _, chrome := range []string{"Published:", "Comments:", "Written by"} {
		if strings.Contains(a.Body, chrome) {
			t.Errorf("body still holds chrome %q", chrome)
		}
	}
}

func TestRunDuplicateContent(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "one.txt"), []byte(plain))
	writeFile(t, filepath.Join(dir, "two.txt"), []byte(plain))
	db := openStore(t)
	sum := run(t, db, ingest.Options{}, dir)
	if sum.Added != 1 || sum.Unchanged != 1 {
		t.Fatalf("summary %s, want 1 added and 1 unchanged", sum)
	}
}

func TestRunURLs(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte(page))
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	db := openStore(t)
	sum := run(t, db, ingest.Options{}, srv.URL+"/article", srv.URL+"/moved", srv.URL+"/missing", srv.URL+"/image")
	if sum.Added != 1 || sum.Unchanged != 1 || sum.Failed != 2 {
		t.Fatalf("summary %s (%v), want 1 added, 1 unchanged, 2 failed", sum, sum.Failures)
	}
	if got := failureFor(sum, "/missing"); !strings.Contains(got, "404") {
		t.Errorf("404 failure = %q", got)
	}
	if got := failureFor(sum, "/image"); !strings.Contains(got, "image/png") {
		t.Errorf("non-HTML failure = %q", got)
	}
	arts, err := db.Articles(context.Background(), sitrep.ArticleFilter{})
	if err != nil || len(arts) != 1 {
		t.Fatalf("articles: %v %d", err, len(arts))
	}
	if got, want := arts[0].ETag, `"v1"`; got != want {
		t.Errorf("etag = %q, want %q", got, want)
	}
	if got, want := arts[0].CanonicalURL, "https://courier.example/2026/10/03/strikes"; got != want {
		t.Errorf("canonical = %q, want %q", got, want)
	}
}

func TestRunStdin(t *testing.T) {
	tests := []struct {
		name  string
		input string
		added int
	}{
		{"plain text", plain, 1},
		{"jsonl", string(jsonl(t, corpusgen.New(3).Next(), corpusgen.New(4).Next())), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openStore(t)
			sum, err := ingest.New(db, ingest.Options{}).Run(context.Background(), []string{"-"}, bufio.NewReaderSize(strings.NewReader(tt.input), 1<<17))
			if err != nil {
				t.Fatal(err)
			}
			if sum.Added != tt.added || sum.Failed != 0 {
				t.Errorf("summary %s %v, want %d added", sum, sum.Failures, tt.added)
			}
		})
	}
}

func TestRunCancelledCommitsAndResumes(t *testing.T) {
	dir := t.TempDir()
	gen := corpusgen.New(9)
	gen.Words = 80
	arts := make([]corpusgen.Article, 600)
	for i := range arts {
		arts[i] = gen.Next()
	}
	path := filepath.Join(dir, "batch.jsonl")
	writeFile(t, path, jsonl(t, arts...))

	db := openStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	stopAfter := &cancelAfter{n: 250, cancel: cancel}
	sum, err := ingest.New(db, ingest.Options{BatchSize: 100, Progress: stopAfter}).Run(ctx, []string{path}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Interrupted {
		t.Errorf("summary %s, want interrupted", sum)
	}
	stored, _ := db.CountArticles(context.Background())
	if stored < 250 || stored >= 600 {
		t.Errorf("stored %d after cancel, want between 250 and 600", stored)
	}
	resumed := run(t, db, ingest.Options{}, path)
	if resumed.Added+resumed.Unchanged != 600 || resumed.Unchanged != stored {
		t.Errorf("resume = %s, want %d unchanged and the rest added", resumed, stored)
	}
	if n, _ := db.CountArticles(context.Background()); n != 600 {
		t.Errorf("stored %d, want 600", n)
	}
	if err := db.IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
}

type cancelAfter struct {
	n, seen int
	cancel  func()
}

func (c *cancelAfter) Total(int) {}
func (c *cancelAfter) Done(ingest.Item) {
	c.seen++
	if c.seen == c.n {
		c.cancel()
	}
}
