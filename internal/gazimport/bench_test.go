package gazimport

import (
	"bufio"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// writeSynthetic writes a geoname table of n made-up villages.
func writeSynthetic(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "SY.txt")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for i := range n {
		w.WriteString(syntheticRow(i))
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return path
}

// BenchmarkImport imports 100,000 rows into a new database per iteration
// and reports rows per second and the heap in use at the end.
func BenchmarkImport(b *testing.B) {
	const n = 100_000
	path := writeSynthetic(b, n)
	for b.Loop() {
		db, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "g.db"))
		if err != nil {
			b.Fatal(err)
		}
		rep, err := (&Importer{DB: db.SQL()}).Import(b.Context(), path, Options{})
		if err != nil || rep.Added != n {
			b.Fatalf("Import: %v, %d added", err, rep.Added)
		}
		db.Close()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MB")
}

// BenchmarkLoad adds 50,000 imported villages to the built-in gazetteer and
// reports the heap they add.
func BenchmarkLoad(b *testing.B) {
	const n = 50_000
	db, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "g.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := (&Importer{DB: db.SQL()}).Import(b.Context(), writeSynthetic(b, n), Options{}); err != nil {
		b.Fatal(err)
	}
	var before, after runtime.MemStats
	var g *gazetteer.Gazetteer
	for b.Loop() {
		b.StopTimer()
		g = nil
		runtime.GC()
		if g, err = gazetteer.Load(); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		if _, err := Load(b.Context(), db.SQL(), g); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "added-heap-MB")
	runtime.KeepAlive(g)
}
