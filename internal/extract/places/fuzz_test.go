package places

import (
	"testing"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// FuzzFind checks that Find never panics and that every mention lies inside
// the text, in code points, and is the text it says it is.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Fighters fled toward Deir ez-Zor province after the town fell.",
		"Deputies in Cottonport, La., arrested two men.",
		"Ḩumaymah — «a hamlet» — lies south of Al\u2011Būkamāl, near Syria\u2019s border.",
		"SHELLING HITS ALEPPO\n\nThe village of Tell Tamr, N.Y. W. Va., D.C.",
		"Syrias Idlib's al-Bab-based St. Louis, Mo. Keith D. Johnson said.",
		"a,-\u2011'\u2019 .", "",
	} {
		f.Add(s)
	}
	x := load(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		toks := text.Tokens(s)
		runes := []rune(s)
		for _, p := range x.r.Find(s, toks, text.Sentences(s), x.lex.Find(s, toks)) {
			if p.Start < 0 || p.End > len(runes) || p.Start >= p.End {
				t.Fatalf("mention %q at [%d,%d) outside text of %d code points", p.Text, p.Start, p.End, len(runes))
			}
			if got := string(runes[p.Start:p.End]); got != p.Text {
				t.Fatalf("mention text %q, but the text at [%d,%d) is %q", p.Text, p.Start, p.End, got)
			}
		}
	})
}
