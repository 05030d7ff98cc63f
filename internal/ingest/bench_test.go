package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep-project/sitrep/internal/corpusgen"
	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// BenchmarkIngestJSONL measures the whole pipeline (read, parse, hash, batch
// commit, FTS indexing) on 10,000 generated articles of ~400 words, without
// and with extraction.
func BenchmarkIngestJSONL(b *testing.B) {
	b.Run("store", func(b *testing.B) { benchIngest(b, nil) })
	b.Run("extract", func(b *testing.B) {
		x, err := extract.Load(extract.Options{})
		if err != nil {
			b.Fatal(err)
		}
		benchIngest(b, func(a *sitrep.Article) { a.Analysis = x.Analyze(extract.DocumentOf(a)) })
	})
}

func benchIngest(b *testing.B, analyze func(*sitrep.Article)) {
	const n = 10000
	dir := b.TempDir()
	gen := corpusgen.New(42)
	arts := make([]corpusgen.Article, n)
	for i := range arts {
		arts[i] = gen.Next()
	}
	path := filepath.Join(dir, "batch.jsonl")
	if err := os.WriteFile(path, jsonl(b, arts...), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := sqlite.Open(context.Background(), filepath.Join(dir, "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := ingest.New(db, ingest.Options{Analyze: analyze}).Run(context.Background(), []string{path}, nil)
		if err != nil || sum.Added != n {
			b.Fatalf("run: %v, %s", err, sum)
		}
		b.StopTimer()
		db.Close()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(filepath.Join(dir, "bench.db"+suffix))
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
}
