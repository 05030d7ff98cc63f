package places

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/match"
	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// TestFindTextAgreesWithFind checks that reading a text interned by a
// vocabulary the resolver shares gives the places Find gives.
func TestFindTextAgreesWithFind(t *testing.T) {
	x := load(t)
	v := match.NewVocabulary(x.r.Matcher(), x.lex.Matcher())
	texts := []string{
		"Shelling hit Deir ez-Zor and al-Bukamal; the Iran-backed militia left Aleppo for Homs.",
		"Gunmen attacked Kibanda (Idjwi, Sud-Kivu) and the village of Mukoko near Goma.",
		"",
	}
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		toks := text.Tokens(s)
		sents := text.Sentences(s)
		acts := x.lex.Find(s, toks)
		want := x.r.Find(s, toks, sents, acts)
		words := v.Intern(toks)
		got := x.r.FindText(s, words, sents, acts)
		words.Release()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("FindText(%.40q...)\n got %v\nwant %v", s, got, want)
		}
	}
}
