package match

import (
	"reflect"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// build returns a Matcher over phrases, each phrase's id being its index.
func build(t testing.TB, phrases ...string) *Matcher {
	t.Helper()
	b := NewBuilder()
	for i, p := range phrases {
		b.Add(text.Fold(p), int32(i))
	}
	return b.Build()
}

// found renders matches as the matched text and ids.
type found struct {
	Text string
	IDs  []int32
}

func render(s string, toks []text.Token, ms []Match) []found {
	var out []found
	for _, m := range ms {
		sp := m.Span(toks)
		out = append(out, found{s[sp.ByteStart:sp.ByteEnd], m.IDs})
	}
	return out
}

func TestFind(t *testing.T) {
	m := build(t,
		"Deir ez-Zor",                         // 0
		"Deir",                                // 1
		"Syrian Observatory",                  // 2
		"Syrian Observatory for Human Rights", // 3
		"Aleppo",                              // 4
		"al-Bab",                              // 5
		"Bab",                                 // 6
		"Ḩumaymah",                            // 7
		"US-led coalition",                    // 8
		"coalition",                           // 9
		"Aleppo",                              // 10: second payload for the same key
	)
	tests := []struct {
		name string
		in   string
		want []found
	}{
		{"hyphen and space spellings", "From Deir ez-Zor to Deir Ez Zor.",
			[]found{{"Deir ez-Zor", []int32{0}}, {"Deir Ez Zor", []int32{0}}}},
		{"longest wins", "the Syrian Observatory for Human Rights said",
			[]found{{"Syrian Observatory for Human Rights", []int32{3}}}},
		{"falls back to shorter", "the Syrian Observatory for Human beings",
			[]found{{"Syrian Observatory", []int32{2}}}},
		{"prefix of phrase alone", "Deir al-Qamar", []found{{"Deir", []int32{1}}}},
		{"several payloads", "ALEPPO", []found{{"ALEPPO", []int32{4, 10}}}},
		{"whole tokens only", "Aleppos and Bab-Tuma, al-Bab", []found{{"al-Bab", []int32{5}}}},
		{"diacritics", "Humaymah and Ḩumaymah",
			[]found{{"Humaymah", []int32{7}}, {"Ḩumaymah", []int32{7}}}},
		{"no overlap", "the US-led coalition and the coalition",
			[]found{{"US-led coalition", []int32{8}}, {"coalition", []int32{9}}}},
		{"nothing", "nothing here", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := text.Tokens(tt.in)
			got := render(tt.in, toks, m.Find(toks))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Find(%q)\n got %v\nwant %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFindWith(t *testing.T) {
	m := build(t, "Isil", "Assad", "al-Qaeda", "Iran", "held territory")
	tests := []struct {
		name string
		in   string
		o    Options
		want []found
	}{
		{"prefix off", "Isil-held territory", Options{}, nil},
		{"prefix on", "Isil-held territory", Options{Prefix: true}, []found{{"Isil", []int32{0}}}},
		{"prefix on, later word", "al-Qaeda-linked men", Options{Prefix: true}, []found{{"al-Qaeda", []int32{2}}}},
		{"suffix off", "pro-Assad forces", Options{}, nil},
		{"suffix on", "pro-Assad forces", Options{Suffix: true}, []found{{"Assad", []int32{1}}}},
		{"suffix and prefix", "pro-Iran-backed men", Options{Suffix: true, Prefix: true}, []found{{"Iran", []int32{3}}}},
		{"suffix crossing tokens", "Isil-held territory", Options{Suffix: true},
			[]found{{"held territory", []int32{4}}}},
		{"keep rejects", "Isil and Assad", Options{Keep: func(m Match) bool { return m.IDs[0] != 0 }},
			[]found{{"Assad", []int32{1}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := text.Tokens(tt.in)
			got := render(tt.in, toks, m.FindWith(toks, tt.o))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("FindWith(%q)\n got %v\nwant %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestKeepFallsBackToShorter(t *testing.T) {
	m := build(t, "Islamic State", "Islamic State of Iraq")
	in := "the Islamic State of Iraq"
	toks := text.Tokens(in)
	var asked []int32
	keep := func(m Match) bool {
		asked = append(asked, m.IDs[0])
		return m.IDs[0] == 0
	}
	got := render(in, toks, m.FindWith(toks, Options{Keep: keep}))
	want := []found{{"Islamic State", []int32{0}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if want := []int32{1, 0}; !reflect.DeepEqual(asked, want) {
		t.Errorf("Keep asked about %v, want longest first %v", asked, want)
	}
}

func TestGet(t *testing.T) {
	m := build(t, "Deir ez-Zor", "Deir", "Aleppo")
	tests := []struct {
		key  string
		want []int32
	}{
		{"deir ez zor", []int32{0}},
		{"deir", []int32{1}},
		{"deir ez", nil},
		{"homs", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := m.Get(tt.key); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Get(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}

func TestEmptyDictionary(t *testing.T) {
	m := NewBuilder().Build()
	if got := m.Find(text.Tokens("Aleppo and Homs")); got != nil {
		t.Errorf("Find on empty dictionary = %v, want nil", got)
	}
}
