package sqlite

import (
	"github.com/sitrep-project/sitrep/internal/store/storetest"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

const (
	benchArticles = 10000
	benchWords    = 400
	benchBatch    = 200
)

// BenchmarkPutArticles stores 10,000 articles of about 400 words into a new
// database in batches of 200, as ingest does, and reports articles/s.
func BenchmarkPutArticles(b *testing.B) {
	articles := storetest.NewArticleGen(42).Articles(benchArticles, benchWords)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		putBatches(b, db, articles)
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(benchArticles*b.N)/b.Elapsed().Seconds(), "articles/s")
}

func putBatches(b *testing.B, db *DB, articles []*sitrep.Article) {
	b.Helper()
	for len(articles) > 0 {
		n := min(benchBatch, len(articles))
		if _, err := db.PutArticles(b.Context(), articles[:n]); err != nil {
			b.Fatal(err)
		}
		articles = articles[n:]
	}
}

// benchQueries mix what users type: one common word, rare words, place
// names, several words, and text with stray syntax.
var benchQueries = []string{
	"killed",
	"said",
	"airstrike hospital",
	"convoy checkpoint border",
	"Aleppo",
	"Deir Ezzor",
	"kabul kandahar",
	"suicide car bomb",
	"ceasefire talks",
	"rebels' offensive",
	"militants NEAR(",
	"humanitarian aid convoy",
	"drone strike killed civilians",
	"protesters arrested",
	"the",
	"islamic state",
	"mosul -baghdad",
	"refugees camp",
	"ministry statement",
}

// BenchmarkSearch runs a set of queries against a 10,000-article store and
// reports the median and 99th percentile latency of one query, first on the
// index as ingest left it, then after Optimize.
func BenchmarkSearch(b *testing.B) {
	db, err := Open(b.Context(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	gen := storetest.NewArticleGen(42)
	putBatches(b, db, gen.Articles(benchArticles, benchWords))
	// Add words of the vocabulary's tail: rare, and rarer.
	queries := append(benchQueries, gen.Word(gen.VocabularySize()/20), gen.Word(gen.VocabularySize()-7))

	b.Run("ingested", func(b *testing.B) { benchQueryLatency(b, db, queries) })
	if err := db.Optimize(b.Context()); err != nil {
		b.Fatal(err)
	}
	b.Run("optimized", func(b *testing.B) { benchQueryLatency(b, db, queries) })
}

func benchQueryLatency(b *testing.B, db *DB, queries []string) {
	var lat []time.Duration
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		i++
		start := time.Now()
		if _, err := db.Search(b.Context(), sitrep.SearchQuery{Text: q}); err != nil {
			b.Fatalf("Search(%q): %v", q, err)
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
}
