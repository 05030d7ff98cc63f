package events

import (
	"os"
	"reflect"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/match"
	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// TestSharedInputAgrees checks that a document read with the words and
// the token index the extractor shares codes the events it codes without
// them.
func TestSharedInputAgrees(t *testing.T) {
	c, al := load(t)
	article, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		string(article),
		"Gunmen attacked a village on Tuesday, killing five civilians. Police dispersed protesters in the town.",
	}
	v := match.NewVocabulary(append([]*match.Matcher{al.Matcher()}, c.Matchers()...)...)
	for _, s := range texts {
		in := input(t, s)
		want := c.Find(in)
		words := v.Intern(in.Toks)
		in.Words, in.Index = words, text.NewIndex(in.Toks)
		got := c.Find(in)
		words.Release()
		if len(want) == 0 {
			t.Errorf("no events in %.40q...: the test reads nothing", s)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("shared input of %.40q...\n got %+v\nwant %+v", s, got, want)
		}
	}
}
