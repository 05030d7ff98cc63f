package places

import (
	"slices"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// TestFindQualifiers checks that the division written after a place picks
// among its namesakes, and is found however it is spelled.
func TestFindQualifiers(t *testing.T) {
	x := load(t)
	tests := []struct {
		name string
		in   string
		want []want // mentions that must be found, in any order
		not  []string
	}{
		{"french compass words in brackets",
			"On Monday, a policeman shot a man in Kibanda village (Idjwi, Sud-Kivu).",
			[]want{{"Sud-Kivu", "CD", "admin1", "South Kivu"}}, nil},
		{"far north in french, no piece of a hyphenated district",
			"Gunmen looted houses in Kolofata town (Mayo-Sava, Extreme-Nord) on Friday.",
			[]want{{"Extreme-Nord", "CM", "admin1", "Far North"}}, []string{"Sava"}},
		{"state abbreviation after a district",
			"Troops exchanged fire across the Line of Control in the Nowshera sector (Rajouri district, J&K).",
			[]want{{"J&K", "IN", "admin1", "Jammu and Kashmir"}}, nil},
		{"other transliteration of a province",
			"Shells fell on farms in Garabulli (Almargeb) on Sunday.",
			[]want{{"Almargeb", "LY", "admin1", "Al Marqab"}}, nil},
		{"the division decides the namesake",
			"Traders closed their shops in Banfora (Banfora, Comoe) after the attack.",
			[]want{{"Banfora", "BF", "", ""}, {"Comoe", "BF", "admin2", ""}}, nil},
		{"a capital qualified by a province of another country is another place",
			"Gunmen killed a farmer in Islamabad area of Alishing district, Laghman.",
			[]want{{"Laghman", "AF", "admin1", "Laghman"}}, []string{"Islamabad"}},
		{"a province written after the place",
			"Police raided a house in San Rafael, Bulacan, before dawn.",
			[]want{{"San Rafael", "PH", "", ""}, {"Bulacan", "PH", "", ""}}, nil},
		{"a comma list is no qualifier",
			"Protests spread to Aleppo, Hama, Homs and Idlib on Friday.",
			[]want{{"Aleppo", "SY", "", ""}, {"Hama", "SY", "", ""}, {"Homs", "SY", "", ""}, {"Idlib", "SY", "", ""}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := x.find(tt.in)
			for _, w := range tt.want {
				if !slices.ContainsFunc(got, func(p sitrep.PlaceMention) bool { return matches(p, w) }) {
					t.Errorf("Find(%q) = %v, want %v among them", tt.in, describe(got), w)
				}
			}
			for _, n := range tt.not {
				for _, p := range got {
					if p.Text == n {
						t.Errorf("Find(%q) found %q, want no such place", tt.in, n)
					}
				}
			}
		})
	}
}

// TestFindNameHeads checks that a word for a kind of place, or a small
// place, that opens a longer name the gazetteer lacks is not that place.
func TestFindNameHeads(t *testing.T) {
	x := load(t)
	tests := []struct{ name, in, not string }{
		{"spanish word for a neighbourhood", "Two men were shot dead in Colonia Vistas del Rio, Monterrey.", "Colonia"},
		{"arabic word for a well", "Shells fell on Bir al Ghanam overnight.", "Bir"},
		{"arabic article written apart", "Airstrikes targeted Ash Shabakah area on Friday.", "Ash"},
		{"small village before another name", "Militants abducted a girl near Boula Gana.", "Boula"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, p := range x.find(tt.in) {
				if p.Text == tt.not {
					t.Errorf("Find(%q) found %q (%s, %s), want no such place", tt.in, p.Text, p.Name, p.Country)
				}
			}
		})
	}
}

func TestLooseKeys(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"sud kivu", "south kivu", true},
		{"extreme nord", "far north", true},
		{"province de la comoe", "comoe", true},
		{"banadir", "banaadir", true},
		{"aljfara", "al jafarah", true},
		{"lower shabelle", "lower shabeelle", true},
		{"banadir", "bender", true}, // the same skeleton; spellingDistance tells them apart
		{"kivu", "kabul", false},
	}
	for _, tt := range tests {
		pa, pb := plainKey(tt.a), plainKey(tt.b)
		if got := pa == pb || skeletonKey(pa) == skeletonKey(pb); got != tt.same {
			t.Errorf("loose %q (%q, %q) and %q (%q, %q) alike = %v, want %v", tt.a, pa, skeletonKey(pa), tt.b, pb, skeletonKey(pb), got, tt.same)
		}
	}
	if near, far := spellingDistance("banadir", "banaadir"), spellingDistance("banadir", "bender"); near >= far {
		t.Errorf("spellingDistance: banaadir %v, bender %v, want banaadir nearer", near, far)
	}
	if near, far := spellingDistance("margeb", "marqab"), spellingDistance("margeb", "margibi"); near >= far {
		t.Errorf("spellingDistance: marqab %v, margibi %v, want marqab nearer", near, far)
	}
}

// matches reports a mention with w's text and, where w gives them, its
// country, feature and first-level division.
func matches(p sitrep.PlaceMention, w want) bool {
	return p.Text == w.text && (w.country == "" || p.Country == w.country) &&
		(w.feature == "" || p.Feature == w.feature) && (w.admin1 == "" || p.Admin1 == w.admin1)
}
