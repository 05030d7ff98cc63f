package timex

import (
	"reflect"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"digits split from letters", "the 1990s, 3pm, 20th", []string{"the", "1990", "s", "3", "pm", "20", "th"}},
		{"digit groups and decimals stay whole", "1,700 people, 2.5 years", []string{"1,700", "people", "2.5", "years"}},
		{"dotted date stays apart", "30.08.2017", []string{"30", "08", "2017"}},
		{"hyphens and apostrophes split", "mid-1996, year's end", []string{"mid", "1996", "year", "s", "end"}},
		{"non-ascii letters join words", "Al‑Būkamāl fell", []string{"Al", "Būkamāl", "fell"}},
		{"punctuation only", "— “ ” …", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tok := range tokenize(tt.in, nil) {
				got = append(got, tt.in[tok.bs:tok.be])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTokenizeLexicon(t *testing.T) {
	toks := tokenize("Last FRIDAY, 3 Sept", nil)
	if got := toks[0].e.w; got != wLast {
		t.Errorf("Last: word %d, want wLast", got)
	}
	if got := toks[1].e; got.k != kWeekday || got.v != 5 {
		t.Errorf("FRIDAY: entry %+v, want weekday 5", got)
	}
	if got := toks[2]; got.num != 3 || got.nd != 1 {
		t.Errorf("3: num %d nd %d, want 3 and 1", got.num, got.nd)
	}
	if got := toks[3].e; got.k != kMonth || got.v != 9 || got.f&fAbbr == 0 {
		t.Errorf("Sept: entry %+v, want abbreviated month 9", got)
	}
}
