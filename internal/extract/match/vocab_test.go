package match

import (
	"reflect"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// TestFindText checks that every matcher of a vocabulary finds in an
// interned text what it finds reading the tokens itself, whichever words
// the matchers share, and that a matcher the vocabulary lacks still reads
// the text.
func TestFindText(t *testing.T) {
	places := build(t, "Deir ez-Zor", "Deir", "Aleppo", "Homs", "al-Bab", "New York", "Iran")
	actors := build(t, "Islamic State", "Islamic State of Iraq", "Iran", "the army", "Hezbollah")
	triggers := build(t, "air strike", "shelled", "killed", "the army shelled")
	outside := build(t, "Homs", "shelled", "Iran")
	v := NewVocabulary(places, actors, triggers)

	texts := []string{
		"The army shelled Homs and Deir ez-Zor; an air strike killed five in al-Bab.",
		"Islamic State of Iraq fighters and Iran-backed Hezbollah clashed near Aleppo.",
		"pro-Iran militias in New York-style rallies, Isil-held Deir",
		"The army quietly shelled Islamic positions of the State of Iraq.",
		"Nothing here is known to any matcher at all",
		"",
	}
	options := []Options{{}, {Prefix: true}, {Suffix: true}, {Prefix: true, Suffix: true}}
	for _, s := range texts {
		toks := text.Tokens(s)
		words := v.Intern(toks)
		for name, m := range map[string]*Matcher{"places": places, "actors": actors, "triggers": triggers, "outside": outside} {
			for _, o := range options {
				want := render(s, toks, m.FindWith(toks, o))
				got := render(s, toks, m.FindText(words, o))
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s %+v on %q\n got %v\nwant %v", name, o, s, got, want)
				}
			}
		}
		words.Release()
	}
}

func TestAppendTextAppends(t *testing.T) {
	m := build(t, "Aleppo", "Homs")
	v := NewVocabulary(build(t, "Damascus"), m)
	s := "Aleppo and Homs"
	toks := text.Tokens(s)
	words := v.Intern(toks)
	defer words.Release()
	prior := Match{TokStart: 7}
	got := m.AppendText([]Match{prior}, words, Options{})
	if len(got) != 3 || got[0].TokStart != prior.TokStart {
		t.Fatalf("AppendText = %v, want the prior match and two more", got)
	}
	if want := []found{{"Aleppo", []int32{0}}, {"Homs", []int32{1}}}; !reflect.DeepEqual(render(s, toks, got[1:]), want) {
		t.Errorf("appended %v, want %v", render(s, toks, got[1:]), want)
	}
}

func TestIDTable(t *testing.T) {
	var pairs [][2]uint32
	for id := uint32(1); id < 3000; id += 7 {
		pairs = append(pairs, [2]uint32{id * 13, id})
	}
	tab := newIDTable(pairs)
	for _, p := range pairs {
		if got := tab.get(p[0]); got != p[1] {
			t.Errorf("get(%d) = %d, want %d", p[0], got, p[1])
		}
	}
	for _, id := range []uint32{1, 2, 14, 40000, 1 << 30} {
		if got := tab.get(id); got != 0 {
			t.Errorf("get(%d) = %d, want 0 for an id it lacks", id, got)
		}
	}
	empty := newIDTable(nil)
	if got := empty.get(5); got != 0 {
		t.Errorf("empty table get(5) = %d, want 0", got)
	}
}
