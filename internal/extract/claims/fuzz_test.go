package claims

import (
	"testing"
	"unicode/utf8"
)

// FuzzFind checks that Find and Contradictions never panic, that every span
// lies inside the text with start <= end, that Cue and Source name their
// spans, and that contradictions index the claims.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		`"We will hold the line," said Colonel Hassan Dabbagh. "Nobody leaves."`,
		"According to activists, dozens of fighters crossed. The army denied it, the ministry said.",
		"Mayor: water out\n\n\u201cIt burns.\u201d \u2015 Amina Saleh\n\nIt is believed that 3 died.",
		"A monitor, the Observatory, said 30 people were killed; state media said eight people were killed.",
		"said said, said: \"\" '' \u201d\u201c -- \u2015 ( ) according to , that",
		"\xff\xfe invalid \xc3 utf8 said that",
		"He said. She told. They denied reports that said it was not true.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in := input(t, s)
		cs := Find(in)
		n := utf8.RuneCountInString(s)
		ok := func(a, b int) bool { return 0 <= a && a <= b && b <= n }
		for _, c := range cs {
			if !ok(c.SourceStart, c.SourceEnd) || !ok(c.CueStart, c.CueEnd) || !ok(c.ContentStart, c.ContentEnd) || c.CueStart == c.CueEnd {
				t.Fatalf("claim %+v has spans outside 0..%d in %q", c, n, s)
			}
			if got := runeSlice(s, c.CueStart, c.CueEnd); got != c.Cue {
				t.Fatalf("cue span %d:%d is %q, Cue %q in %q", c.CueStart, c.CueEnd, got, c.Cue, s)
			}
			if got := runeSlice(s, c.SourceStart, c.SourceEnd); got != c.Source {
				t.Fatalf("source span %d:%d is %q, Source %q in %q", c.SourceStart, c.SourceEnd, got, c.Source, s)
			}
		}
		for _, x := range Contradictions(s, cs, in.Quantities) {
			if x.A < 0 || x.A >= len(cs) || x.B < 0 || x.B >= len(cs) || x.A == x.B || x.Reason == "" {
				t.Fatalf("contradiction %+v for %d claims in %q", x, len(cs), s)
			}
		}
	})
}
