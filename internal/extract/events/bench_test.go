package events

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkFind codes testdata/article.txt repeated to a long document,
// with its inputs (tokens, actors, places, dates, quantities) prepared
// outside the timer, and reports words per second.
func BenchmarkFind(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	s := strings.Repeat(string(raw)+"\n", 40)
	c, _ := load(b)
	in := input(b, s, articlePlaces...)
	words := len(in.Toks)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Find(in)
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
