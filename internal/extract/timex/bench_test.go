package timex

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/corpusgen"
)

// BenchmarkFind measures Find on generated conflict reporting, in words a
// second. The target for this component is 5,000,000 words/s on one core.
func BenchmarkFind(b *testing.B) {
	g := corpusgen.New(1)
	g.Words = 600
	var docs []string
	words := 0
	for range 200 {
		a := g.Next()
		docs = append(docs, a.Text)
		words += len(strings.Fields(a.Text))
	}
	anchor := time.Date(2026, 9, 14, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Find(d, &anchor)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
