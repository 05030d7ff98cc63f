// Package places finds the toponyms of a text and resolves each to a
// gazetteer entry. Candidates are whole-word, case- and
// diacritics-insensitive matches of gazetteer names, vetted by the text's
// capitalisation, by the words around them (titles before person names,
// street and newspaper words after names, actor names around them) and by
// word lists; capitalised names in a place context ("the village of X", "X
// province") that match no name are looked up again through
// transliteration variants. The divisions a text writes after a place as
// its qualifier ("Kibanda (Idjwi, Sud-Kivu)", "Gardez district, Paktia",
// "Chowni area of Gardez") are read as divisions, looked up through state
// abbreviations and loose spellings when the dictionary misses them, and
// decide between the place's namesakes (qualify.go). Each distinct name is
// then resolved once per text by a score that weighs population, the kind
// of place, the countries and regions the text names and the home
// countries of its actors, "Town, State" co-mentions and qualifiers, and
// the distance to the other places of the text.
package places

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/match"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Resolver finds and resolves toponyms. It is safe for concurrent use.
// Build it after every AddTSV on its gazetteer: it indexes the names the
// gazetteer has when it is made.
type Resolver struct {
	g     *gazetteer.Gazetteer
	m     *match.Matcher
	keys  []string                      // matcher payload -> gazetteer key
	memo  []atomic.Pointer[[]candidate] // candidates of each key, made on first use
	words map[string]wordClass
	// divisions holds the first-level division entries that abbreviations
	// name, found on first use.
	divisions sync.Map // region -> *gazetteer.Entry
	// variants remembers lookups of names through variants, found or not
	// (key -> variantResult), up to variantCacheMax of them.
	variants     sync.Map
	variantCount atomic.Int64
	// looseIx finds divisions by loose spellings, made on first use.
	looseOnce sync.Once
	looseIx   *looseIndex
}

// candidate is one gazetteer entry a name may denote.
type candidate struct {
	e *gazetteer.Entry
	// alt is set when the name reached a GeoNames place through one of its
	// alternate names: "Palmyra" is an old name of several US towns.
	alt bool
}

// NewResolver indexes every name of g.
func NewResolver(g *gazetteer.Gazetteer) (*Resolver, error) {
	words, err := parseWords(wordsFile)
	if err != nil {
		return nil, err
	}
	b := match.NewBuilder()
	var keys []string
	g.Keys(func(k string) {
		b.Add(k, int32(len(keys)))
		keys = append(keys, k)
	})
	return &Resolver{
		g:     g,
		m:     b.Build(),
		keys:  slices.Clip(keys),
		memo:  make([]atomic.Pointer[[]candidate], len(keys)),
		words: words,
	}, nil
}

// Find returns every toponym of s in text order, resolved. toks and sents
// are text.Tokens(s) and text.Sentences(s); actors are the actor mentions
// of s, whose names hide the places inside them ("Washington Post").
// Offsets are code points of s.
func (r *Resolver) Find(s string, toks []text.Token, sents []text.Span, actors []sitrep.ActorMention) []sitrep.PlaceMention {
	return r.find(s, toks, nil, sents, actors)
}

// FindText is Find over the words of s interned by a vocabulary that holds
// the resolver's matcher (Matcher), which saves looking them up again.
func (r *Resolver) FindText(s string, words *match.Text, sents []text.Span, actors []sitrep.ActorMention) []sitrep.PlaceMention {
	return r.find(s, words.Tokens(), words, sents, actors)
}

// Matcher returns the matcher of the gazetteer's names, for a vocabulary.
func (r *Resolver) Matcher() *match.Matcher { return r.m }

func (r *Resolver) find(s string, toks []text.Token, words *match.Text, sents []text.Span, actors []sitrep.ActorMention) []sitrep.PlaceMention {
	if len(toks) == 0 {
		return nil
	}
	d := newDoc(r, s, toks, sents, actors)
	d.words = words
	defer d.release()
	d.match()
	d.possessives()
	d.contextNames()
	d.qualifierNames()
	d.vet()
	d.resolve()
	return d.output()
}

// lookup returns the candidates of the matcher key id.
func (r *Resolver) lookup(id int32) []candidate {
	if p := r.memo[id].Load(); p != nil {
		return *p
	}
	cs := r.candidates(r.keys[id])
	r.memo[id].Store(&cs)
	return cs
}

// candidates looks key up in the gazetteer.
func (r *Resolver) candidates(key string) []candidate {
	es := r.g.Lookup(key)
	if len(es) == 0 {
		return nil
	}
	cs := make([]candidate, len(es))
	for i, e := range es {
		cs[i] = candidate{e: e, alt: isAlternate(e, key)}
	}
	return cs
}

// isAlternate reports a GeoNames populated place whose own name is not key.
// Divisions, countries and curated places are named by their source for
// the names news uses, so none of their names counts as alternate.
func isAlternate(e *gazetteer.Entry, key string) bool {
	if e.Source != gazetteer.SourceGeoNames || (e.Feature != "city" && e.Feature != "neighbourhood") {
		return false
	}
	name := text.Fold(e.Name)
	return !sameName(name, key)
}

// sameName compares two keys ignoring spaces and a leading Arabic article:
// "al bukamal", "albukamal" and "bukamal" are one name.
func sameName(a, b string) bool {
	a, b = bareName(a), bareName(b)
	if a == b {
		return true
	}
	return squeeze(a) == squeeze(b)
}

func bareName(k string) string {
	for _, art := range []string{"al ", "el ", "as ", "ad ", "ash ", "az ", "ar ", "an ", "at "} {
		if len(k) > len(art) && k[:len(art)] == art {
			return k[len(art):]
		}
	}
	return k
}

// squeeze drops spaces and collapses doubled letters.
func squeeze(k string) string {
	b := make([]byte, 0, len(k))
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c == ' ' || (len(b) > 0 && b[len(b)-1] == c) {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}

// division returns the first-level division entry of r, nil when the
// gazetteer has none.
func (r *Resolver) division(reg region) *gazetteer.Entry {
	if v, ok := r.divisions.Load(reg); ok {
		return v.(*gazetteer.Entry)
	}
	var found *gazetteer.Entry
	for _, e := range r.g.Lookup(text.Fold(reg.admin1)) {
		if e.Feature == "admin1" && e.Country == reg.country {
			found = e
			break
		}
	}
	r.divisions.Store(reg, found)
	return found
}
