package actors

import (
	"reflect"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/match"
	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// TestFindTextAgreesWithFind checks that reading a text interned by a
// vocabulary the lexicon shares gives the actors Find gives, whether the
// lexicon's matcher is the vocabulary's first or not.
func TestFindTextAgreesWithFind(t *testing.T) {
	l := load(t)
	other := match.NewBuilder()
	other.Add("damascus", 0)
	vocabularies := map[string]*match.Vocabulary{
		"first":  match.NewVocabulary(l.Matcher()),
		"second": match.NewVocabulary(other.Build(), l.Matcher()),
	}
	texts := []string{
		"Iran said the Syrian Observatory for Human Rights and Hezbollah fighters left; the army of Armenia denied it.",
		"President Bashar al-Assad met Gen. Qais Farhan and the Hamza Brigade in Damascus.",
		"ISLAMIC STATE CLAIMS IS ATTACK ON US BASE",
		"",
	}
	for name, v := range vocabularies {
		for _, s := range texts {
			toks := text.Tokens(s)
			want := l.Find(s, toks)
			words := v.Intern(toks)
			got := l.FindText(s, words)
			words.Release()
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: FindText(%q)\n got %v\nwant %v", name, s, got, want)
			}
		}
	}
}
