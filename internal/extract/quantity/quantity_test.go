package quantity

import (
	"testing"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

type want struct {
	text   string
	value  float64
	approx bool
	noun   string
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"digits with noun and hedge",
			"The convoy of 17 buses carrying about 300 fighters has stalled in the desert.",
			[]want{{"17 buses", 17, false, "buses"}, {"about 300 fighters", 300, true, "fighters"}}},
		{"adjectives before the noun",
			"Some 300 lightly armed fighters and 40 battle-hardened militants left the enclave.",
			[]want{{"Some 300 lightly armed fighters", 300, true, "fighters"}, {"40 battle-hardened militants", 40, false, "militants"}}},
		{"dozens of",
			"Dozens of Isil fighters were seen near the crossing.",
			[]want{{"Dozens of Isil fighters", 12, true, "fighters"}}},
		{"a hundred of the",
			"A hundred of the jihadists surrendered on Sunday.",
			[]want{{"A hundred of the jihadists", 100, false, "jihadists"}}},
		{"number words",
			"Six buses stayed behind while twenty-three others drove east.",
			[]want{{"Six buses", 6, false, "buses"}, {"twenty-three others", 23, false, "others"}}},
		{"compound number words",
			"Two hundred and fifty families returned to the village.",
			[]want{{"Two hundred and fifty families", 250, false, "families"}}},
		{"separators and multipliers",
			"Aid reached 1,200 households and 3.5 million people this year.",
			[]want{{"1,200 households", 1200, false, "households"}, {"3.5 million people", 3.5e6, false, "people"}}},
		{"decimal comma",
			"Police seized 8,5 tonnes of cannabis.",
			[]want{{"8,5 tonnes", 8.5, false, "tonnes"}}},
		{"at least",
			"At least 12 people were killed in the raid.",
			[]want{{"At least 12 people", 12, true, "people"}}},
		{"more hedges",
			"Nearly 40 soldiers, more than 1,000 civilians, up to 15 trucks and an estimated 2,000 residents.",
			[]want{
				{"Nearly 40 soldiers", 40, true, "soldiers"}, {"more than 1,000 civilians", 1000, true, "civilians"},
				{"up to 15 trucks", 15, true, "trucks"}, {"an estimated 2,000 residents", 2000, true, "residents"},
			}},
		{"a dozen, several, half",
			"A dozen trucks and several ambulances arrived, carrying half of the wounded.",
			[]want{{"A dozen trucks", 12, false, "trucks"}, {"several ambulances", 3, true, "ambulances"}, {"half of the wounded", 0.5, false, "wounded"}}},
		{"vague multiples",
			"Tens of thousands of people fled, and several hundred stayed.",
			[]want{{"Tens of thousands of people", 1e4, true, "people"}, {"several hundred", 300, true, ""}}},
		{"percent",
			"Turnout was 61% and the ruling party took 54 percent of the vote, up 3 per cent.",
			[]want{{"61%", 61, false, "percent"}, {"54 percent", 54, false, "percent"}, {"3 per cent", 3, false, "percent"}}},
		{"ranges",
			"Between 10 to 15 civilians died when two or three drones struck, and 5-7 houses burned.",
			[]want{{"10 to 15 civilians", 10, true, "civilians"}, {"two or three drones", 2, true, "drones"}, {"5-7 houses", 5, true, "houses"}}},
		{"currency and units",
			"Donors pledged $5 million to rebuild a 50km road.",
			[]want{{"$5 million", 5e6, false, "dollars"}, {"50km", 50, false, "km"}}},
		{"a year-like number before a plural counts",
			"In 2017, 2000 fighters joined the group.",
			[]want{{"2000 fighters", 2000, false, "fighters"}}},
		{"punctuation ends the noun phrase",
			"They killed 12, the army said, and wounded 30 others.",
			[]want{{"12", 12, false, ""}, {"30 others", 30, false, "others"}}},
		{"a verb after the noun ends it",
			"One soldier died and 17 buses carrying families were stopped.",
			[]want{{"One soldier", 1, false, "soldier"}, {"17 buses", 17, false, "buses"}}},
		{"years, dates and times are not counts",
			"In 2017 the group lost the 2014 election; the attack came on August 30 and 2 September at 10:30 or 10 pm.",
			nil},
		{"durations are not counts",
			"The siege lasted five years and two months, and talks took 3 days.",
			nil},
		{"ages and number adjectives are not counts",
			"A 17-year-old boy was hurt during a three-day truce.",
			nil},
		{"identifiers are not counts",
			"Resolution 2254 was cited as F-16 jets flew and COVID-19 spread along Route 4.",
			nil},
		{"ordinals and pronoun one are not counts",
			"The third convoy left on the 3rd; no one was hurt, one said.",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Find(tt.in, text.Tokens(tt.in))
			if len(got) != len(tt.want) {
				t.Fatalf("Find(%q) found %d: %+v, want %d: %+v", tt.in, len(got), got, len(tt.want), tt.want)
			}
			runes := []rune(tt.in)
			for i, q := range got {
				w := tt.want[i]
				if q.Text != w.text || q.Value != w.value || q.Approximate != w.approx || q.Noun != w.noun {
					t.Errorf("quantity %d = {%q %v %v %q}, want {%q %v %v %q}",
						i, q.Text, q.Value, q.Approximate, q.Noun, w.text, w.value, w.approx, w.noun)
				}
				if span := string(runes[q.Start:q.End]); span != q.Text {
					t.Errorf("quantity %d: code points [%d,%d) are %q, text is %q", i, q.Start, q.End, span, q.Text)
				}
			}
		})
	}
}

func TestFindCodePointOffsets(t *testing.T) {
	in := "Ḩumaymah: 17 buses, €3 million"
	got := Find(in, text.Tokens(in))
	if len(got) != 2 {
		t.Fatalf("found %+v, want 2 quantities", got)
	}
	if got[0].Start != 10 || got[0].End != 18 || got[0].Text != "17 buses" {
		t.Errorf("first = %+v, want 17 buses at [10,18)", got[0].Span)
	}
	if got[1].Start != 20 || got[1].End != 30 || got[1].Text != "€3 million" || got[1].Noun != "euros" {
		t.Errorf("second = %+v %q, want €3 million at [20,30) counting euros", got[1].Span, got[1].Noun)
	}
}

func TestFindEmpty(t *testing.T) {
	if got := Find("", nil); got != nil {
		t.Errorf("Find of nothing = %+v, want nil", got)
	}
}

// FuzzFind checks that no input panics and that every span is the text it
// claims, in code points.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"About 300 fighters, 1,200 families, 3.5 million people",
		"a hundred of the jihadists; tens of thousands of people; 10:30.45",
		"$5 million, 61%, 5-7 houses, two or three drones, half a million",
		"Ḩumaymah: 17 buses, €3 million, 10.30pm, 1,2,3, a", "10 to", "half a", "tens of",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		qs := Find(in, text.Tokens(in))
		if !utf8.ValidString(in) {
			return // no panic is all that is asked; []rune would rewrite the bytes
		}
		runes := []rune(in)
		for _, q := range qs {
			if q.Start < 0 || q.End > len(runes) || q.Start >= q.End {
				t.Fatalf("Find(%q): bad span %+v", in, q.Span)
			}
			if span := string(runes[q.Start:q.End]); span != q.Text {
				t.Fatalf("Find(%q): code points [%d,%d) are %q, text is %q", in, q.Start, q.End, span, q.Text)
			}
		}
	})
}
