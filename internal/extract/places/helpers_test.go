package places

import (
	"sync"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/actors"
	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// fixture is the built-in gazetteer with its resolver and the actor
// lexicon, loaded once for all tests.
type fixture struct {
	g   *gazetteer.Gazetteer
	r   *Resolver
	lex *actors.Lexicon
}

var (
	fixtureOnce sync.Once
	fixtureVal  *fixture
	fixtureErr  error
)

func load(t testing.TB) *fixture {
	t.Helper()
	fixtureOnce.Do(func() {
		g, err := gazetteer.Load()
		if err != nil {
			fixtureErr = err
			return
		}
		r, err := NewResolver(g)
		if err != nil {
			fixtureErr = err
			return
		}
		lex, err := actors.Load()
		if err != nil {
			fixtureErr = err
			return
		}
		fixtureVal = &fixture{g: g, r: r, lex: lex}
	})
	if fixtureErr != nil {
		t.Fatalf("load: %v", fixtureErr)
	}
	return fixtureVal
}

// find runs Find on s as the extractor does.
func (x *fixture) find(s string) []sitrep.PlaceMention {
	toks := text.Tokens(s)
	return x.r.Find(s, toks, text.Sentences(s), x.lex.Find(s, toks))
}
