package match

import (
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// The benchmarks run over a synthetic gazetteer of a million place-like
// names and a news-like text that mentions some of them, so that they need
// no data from outside the repository.
const benchPhrases = 1_000_000

var (
	syllables = strings.Fields("ba da ka ma na ra sa ta za ha ja la qa ya wa bi di ki mi ni ri si " +
		"ti zi hi ji li bu du ku mu nu ru su tu zu hu ju lu yu shar khan dar mar sul kar ab ul " +
		"em or in an el am ash ous iya ra ye bey gol tel kor")
	particles = strings.Fields("al tal deir kafr ain abu umm jabal bir khirbet wadi new saint port north")
	filler    = strings.Fields("the a of in on to and said that forces fighters were was had has " +
		"near town village after before attack killed people government army officials reported " +
		"convoy buses road desert border group statement monday tuesday yesterday week area " +
		"civilians troops air strikes shelling local sources according to two three dozens " +
		"with from by at its their it they he she new more than about around")
)

type benchData struct {
	phrases []string // folded keys
	text    string
	words   int
}

var (
	benchOnce sync.Once
	bench     benchData
)

func benchSetup() *benchData {
	benchOnce.Do(func() {
		rng := rand.New(rand.NewPCG(1, 2))
		word := func() string {
			var b strings.Builder
			for range 2 + rng.IntN(2) {
				b.WriteString(syllables[rng.IntN(len(syllables))])
			}
			return b.String()
		}
		seen := make(map[string]bool, benchPhrases)
		for len(bench.phrases) < benchPhrases {
			var parts []string
			if rng.IntN(4) == 0 {
				parts = append(parts, particles[rng.IntN(len(particles))])
			}
			for range 1 + rng.IntN(2) {
				parts = append(parts, word())
			}
			p := strings.Join(parts, " ")
			if !seen[p] {
				seen[p] = true
				bench.phrases = append(bench.phrases, p)
			}
		}
		// About one name every twenty words, written capitalised.
		var b strings.Builder
		for b.Len() < 256<<10 {
			for i := range 20 {
				w := filler[rng.IntN(len(filler))]
				if i == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
				b.WriteString(w)
				b.WriteByte(' ')
			}
			for _, w := range strings.Fields(bench.phrases[rng.IntN(len(bench.phrases))]) {
				b.WriteString(strings.ToUpper(w[:1]) + w[1:])
				b.WriteByte(' ')
			}
			b.WriteString("said. ")
		}
		bench.text = b.String()
		bench.words = len(strings.Fields(bench.text))
	})
	return &bench
}

var (
	benchMatcherOnce sync.Once
	benchMatcher     *Matcher
)

func matcherSetup(tb testing.TB) *Matcher {
	d := benchSetup()
	benchMatcherOnce.Do(func() {
		b := NewBuilder()
		for i, p := range d.phrases {
			b.Add(p, int32(i))
		}
		benchMatcher = b.Build()
	})
	return benchMatcher
}

func report(b *testing.B, d *benchData) {
	b.SetBytes(int64(len(d.text)))
	b.ReportMetric(float64(d.words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkFind matches pre-computed tokens, as the extractor does: the text
// is tokenised once and shared by every lexicon.
func BenchmarkFind(b *testing.B) {
	d := benchSetup()
	m := matcherSetup(b)
	toks := text.Tokens(d.text)
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for b.Loop() {
		n = len(m.Find(toks))
	}
	report(b, d)
	b.ReportMetric(float64(n), "matches")
}

// BenchmarkTokensFind includes tokenisation.
func BenchmarkTokensFind(b *testing.B) {
	d := benchSetup()
	m := matcherSetup(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m.Find(text.Tokens(d.text))
	}
	report(b, d)
}

// BenchmarkAhoCorasick runs github.com/petar-dambovaliev/aho-corasick over
// the same dictionary and text in whole-word, case-insensitive,
// leftmost-longest mode, for comparison.
func BenchmarkAhoCorasick(b *testing.B) {
	d := benchSetup()
	builder := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{
		AsciiCaseInsensitive: true,
		MatchOnlyWholeWords:  true,
		MatchKind:            ahocorasick.LeftMostLongestMatch,
		DFA:                  false, // a DFA over a million patterns does not fit in memory
	})
	ac := builder.Build(d.phrases)
	b.ReportAllocs()
	b.ResetTimer()
	var n int
	for b.Loop() {
		n = len(ac.FindAll(d.text))
	}
	report(b, d)
	b.ReportMetric(float64(n), "matches")
}

// BenchmarkBuild measures building the million-phrase dictionary and the
// heap the finished Matcher keeps.
func BenchmarkBuild(b *testing.B) {
	d := benchSetup()
	var before, after runtime.MemStats
	var m *Matcher
	for b.Loop() {
		m = nil
		runtime.GC()
		runtime.ReadMemStats(&before)
		bl := NewBuilder()
		for i, p := range d.phrases {
			bl.Add(p, int32(i))
		}
		m = bl.Build()
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(m.Words()), "words")
	b.ReportMetric(float64(m.Nodes()), "nodes")
}
