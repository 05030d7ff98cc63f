package places

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/corpusgen"
	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// BenchmarkFind measures Find alone on generated articles whose tokens,
// sentences and actors are computed beforehand.
func BenchmarkFind(b *testing.B) {
	x := load(b)
	type doc struct {
		s      string
		toks   []text.Token
		sents  []text.Span
		actors []sitrep.ActorMention
	}
	gen := corpusgen.New(7)
	var docs []doc
	words, bytes := 0, 0
	for range 200 {
		s := gen.Next().Text
		toks := text.Tokens(s)
		docs = append(docs, doc{s, toks, text.Sentences(s), x.lex.Find(s, toks)})
		words += len(toks)
		bytes += len(s)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = 0
		for _, d := range docs {
			n += len(x.r.Find(d.s, d.toks, d.sents, d.actors))
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
	b.ReportMetric(float64(n)/float64(len(docs)), "places/doc")
}

// BenchmarkNewResolver measures building the resolver over the built-in
// gazetteer, the heap the resolver keeps (HeapAlloc after a GC, less the
// gazetteer's) and the process's peak resident set (VmHWM, Linux only).
func BenchmarkNewResolver(b *testing.B) {
	g, err := gazetteer.Load()
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var r *Resolver
	for b.Loop() {
		if r, err = NewResolver(g); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "heap-MB")
	b.ReportMetric(float64(after.HeapAlloc)/(1<<20), "total-heap-MB")
	if kb, ok := peakRSSKB(); ok {
		b.ReportMetric(float64(kb)/1024, "peakRSS-MB")
	}
	runtime.KeepAlive(r)
	runtime.KeepAlive(g)
}

func peakRSSKB() (int64, bool) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(status), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}
