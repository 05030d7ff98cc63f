package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sitrep-project/sitrep/internal/corpusgen"
	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/internal/web"
)

// benchSite is the sample corpus and 300 generated articles, ingested with
// the real extractor once for all benchmarks. scripts/load-test.sh
// measures the same endpoints on 100,000 articles over HTTP.
var benchSite = sync.OnceValues(func() (*benchData, error) {
	dir, err := os.MkdirTemp("", "sitrep-bench-")
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	corpus := filepath.Join(dir, "generated.jsonl")
	f, err := os.Create(corpus)
	if err != nil {
		return nil, err
	}
	g := corpusgen.New(11)
	enc := json.NewEncoder(f)
	for range 300 {
		enc.Encode(g.Next())
	}
	f.Close()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "bench.db"))
	if err != nil {
		return nil, err
	}
	x, err := extract.Load(extract.Options{})
	if err != nil {
		return nil, err
	}
	analyze := func(a *sitrep.Article) { a.Analysis = x.Analyze(extract.DocumentOf(a)) }
	if _, err := ingest.New(db, ingest.Options{Analyze: analyze}).Run(ctx, []string{"../../samples/html", "../../samples/text", "../../samples/batch.jsonl", corpus}, nil); err != nil {
		return nil, err
	}
	idx := index.New(db.SQL())
	if _, err := idx.Sync(ctx); err != nil {
		return nil, err
	}
	srv, err := web.New(web.Config{Store: db, Index: idx})
	if err != nil {
		return nil, err
	}
	arts, _, err := idx.Articles(ctx, index.Filter{}, 200, index.Cursor{})
	if err != nil {
		return nil, err
	}
	d := &benchData{handler: srv.Handler(), idx: idx}
	for _, a := range arts {
		d.ids = append(d.ids, a.ID)
	}
	return d, nil
})

type benchData struct {
	handler http.Handler
	idx     *index.Index
	ids     []string
}

func benchGet(b *testing.B, path func(i int) string) {
	d, err := benchSite()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		req := httptest.NewRequest("GET", path(i), nil)
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		d.handler.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("GET %s: %d", req.URL, rec.Code)
		}
		i++
	}
}

func BenchmarkArticlePage(b *testing.B) {
	d, err := benchSite()
	if err != nil {
		b.Fatal(err)
	}
	benchGet(b, func(i int) string { return "/article/" + d.ids[i%len(d.ids)] })
}

var benchWords = []string{"ambush", "convoy", "Aleppo", "shelling", "ceasefire", "Marib", "drone", "displaced"}

func BenchmarkSearchPage(b *testing.B) {
	benchGet(b, func(i int) string { return "/search?q=" + benchWords[i%len(benchWords)] })
}

// BenchmarkSearchPageUncached measures the search itself: every request
// ranks and counts facets, as the first search for a word does.
func BenchmarkSearchPageUncached(b *testing.B) {
	d, err := benchSite()
	if err != nil {
		b.Fatal(err)
	}
	d.idx.SetSearchCache(0)
	defer d.idx.SetSearchCache(index.DefaultSearchCache)
	benchGet(b, func(i int) string { return "/search?q=" + benchWords[i%len(benchWords)] })
}

func BenchmarkAPIEvents(b *testing.B) {
	countries := []string{"", "SY", "YE", "SD", "SO"}
	benchGet(b, func(i int) string {
		if c := countries[i%len(countries)]; c != "" {
			return "/api/v1/events?country=" + c
		}
		return "/api/v1/events"
	})
}

func BenchmarkHomePage(b *testing.B) {
	benchGet(b, func(int) string { return "/" })
}

func BenchmarkMapPage(b *testing.B) {
	benchGet(b, func(int) string { return "/map" })
}
