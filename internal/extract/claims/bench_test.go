package claims

import (
	"os"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/actors"
	"github.com/sitrep-project/sitrep/internal/extract/quantity"
	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// benchInput reads the golden article, repeated to the length of a long
// report, with the other extractors' output, so that the benchmarks time
// this package alone ("given tokens").
func benchInput(b *testing.B) Input {
	b.Helper()
	raw, err := os.ReadFile("testdata/market.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := strings.Repeat(string(raw)+"\n\n", 8)
	lex, err := actors.Load()
	if err != nil {
		b.Fatal(err)
	}
	toks := text.Tokens(s)
	return Input{Text: s, Toks: toks, Sents: text.Sentences(s), Actors: lex.Find(s, toks), Quantities: quantity.Find(s, toks)}
}

func BenchmarkFind(b *testing.B) {
	in := benchInput(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Find(in)
	}
	b.ReportMetric(float64(len(in.Toks))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

func BenchmarkContradictions(b *testing.B) {
	in := benchInput(b)
	cs := Find(in)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Contradictions(in.Text, cs, in.Quantities)
	}
	b.ReportMetric(float64(len(in.Toks))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkFindRunOn times a pathological text, one sentence of cue words,
// where every cue is read and most claims nest in the one before; its
// time must stay linear in the text.
func BenchmarkFindRunOn(b *testing.B) {
	s := strings.Repeat("officials said ", 5000)
	in := Input{Text: s, Toks: text.Tokens(s), Sents: text.Sentences(s)}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Find(in)
	}
	b.ReportMetric(float64(len(in.Toks))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

func BenchmarkContradictionsOf(b *testing.B) {
	in := benchInput(b)
	cs := Find(in)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ContradictionsOf(in, cs)
	}
	b.ReportMetric(float64(len(in.Toks))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
