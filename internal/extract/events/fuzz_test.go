package events

import (
	"testing"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// FuzzFind checks that Find never panics and that every event's sentence
// span lies inside the text, whatever the text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Gunmen killed 14 villagers in Sanga on Friday.",
		"On 4 March 2024, police fired tear gas to disperse protesters in Corvella. [size=no report]",
		"A police officer was shot dead by gunmen. Fatalities coded as 0.",
		"Between 10 and 15 people were killed when militants stormed the town.",
		"BAMAKO, March 9 (sitrep) - Soldiers and militants clashed near Kelta.\n\nNo casualties.",
		"", "killed", "\u00a0\u2014 shelled (", "Ṣaʿda—airstrike; 3-4 May",
	} {
		f.Add(s)
	}
	c, _ := load(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		in := input(t, s)
		// A place on the first word, so that place code runs too.
		if len(in.Toks) > 0 {
			tok := in.Toks[0]
			in.Places = []sitrep.PlaceMention{{
				Span: sitrep.Span{Start: tok.Start, End: tok.End, Text: tok.Text},
				Name: tok.Text, Country: "ML", Feature: "city", Lat: 14, Lon: -4,
			}}
			in.Countries = []sitrep.CountryScore{{Code: "ML", Score: 1}}
		}
		n := utf8.RuneCountInString(s)
		for _, e := range c.Find(in) {
			if e.Start < 0 || e.End > n || e.Start > e.End {
				t.Fatalf("Find(%q): span [%d, %d) outside the text of %d code points", s, e.Start, e.End, n)
			}
			if e.Fatalities != nil && *e.Fatalities < 0 {
				t.Fatalf("Find(%q): negative fatalities %d", s, *e.Fatalities)
			}
			if e.Place != nil && (e.Place.GeoPrecision < 1 || e.Place.GeoPrecision > 3) {
				t.Fatalf("Find(%q): geo precision %d", s, e.Place.GeoPrecision)
			}
			if e.SubType == "" || e.Type == "" {
				t.Fatalf("Find(%q): event without type: %+v", s, e)
			}
		}
	})
}
