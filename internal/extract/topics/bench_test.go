package topics

import (
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// benchBody is an original conflict report, repeated to article length, so
// that the benchmark needs nothing from outside the repository.
const benchBody = "Government forces backed by Russian air strikes pushed into the eastern suburbs on Tuesday, " +
	"a war monitor said, as rebel fighters shelled army positions near the airport. At least 17 people " +
	"were killed, including four children, and dozens were wounded when a car bomb exploded at a " +
	"checkpoint. Aid agencies warned that the humanitarian situation was deteriorating, with thousands of " +
	"families displaced and the main hospital damaged. The UN envoy called for a ceasefire and for peace " +
	"talks to resume in Geneva, while the opposition said it would not negotiate under bombardment. "

func BenchmarkScore(b *testing.B) {
	lex, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	toks := text.Tokens(strings.Repeat(benchBody, 12))
	title := text.Tokens("Air strikes pound suburbs as envoy calls for ceasefire")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		lex.Score(toks, title)
	}
	b.ReportMetric(float64(len(toks)+len(title))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
