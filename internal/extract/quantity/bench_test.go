package quantity

import (
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// benchText is an original conflict report, repeated to article length, so
// that the benchmark needs nothing from outside the repository.
const benchText = "A convoy of 17 buses carrying about 300 lightly armed fighters and 300 civilians left the " +
	"enclave on Monday, and dozens of their relatives followed in cars. At least 12 people were killed " +
	"and twenty-three wounded when a car bomb exploded near a checkpoint in 2017, officials said on August " +
	"30. Aid agencies say 1,200 families and 3.5 million people need help, while the UN has asked for $5 " +
	"million. Two hundred and fifty men were freed, a dozen women remain held, and several hundred more " +
	"wait at the border crossing where the road has been closed for three days. "

func BenchmarkFind(b *testing.B) {
	in := strings.Repeat(benchText, 12)
	toks := text.Tokens(in)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Find(in, toks)
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
