// Package countries ranks the countries an article is about. Evidence comes
// from the resolved places (a town counts for its country), the demonyms
// ("Syrian"), the actors' home countries and the headline. Places where
// things happen weigh most; a place named inside an actor's name ("the
// US-led coalition", "US warplanes") and an actor's home country weigh
// less, so that a story about Syria that names a foreign coalition at every
// turn still ranks Syria first.
package countries

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Weights of one cue.
const (
	wLocal          = 1.5  // a town, division or region of the country
	wCountry        = 1.0  // the country's name used as a place: "in Syria"
	wActing         = 0.5  // the country's name used for its government: "Iran said"
	wPlaceInActor   = 0.3  // a place inside an actor's name: "US-led coalition"
	wDemonym        = 0.4  // "Syrian"
	wDemonymInActor = 0.15 // "Russian warplanes"
	wActor          = 0.1  // an actor whose home is the country
	wTitleLocal     = 3.0  // a town or division of the country in the headline
	wTitleCountry   = 1.0  // the country's name in the headline
	wTitleDemonym   = 0.5  // a demonym in the headline
	// a large town or division in the headline that the text does not
	// name again, when all places of that name lie in one country
	wTitleUnmentioned = 2.5
	wWhere            = 1.5  // times for a place after "in", "near": where things happen
	wLead             = 0.5  // extra share for a cue in the first sentences
	leadRunes         = 400  // how far the lead runs
	minShare          = 0.05 // countries below this share of the top score are dropped
	maxCues           = 8    // cues kept per country
)

// Rank returns the countries of an article, most relevant first, scores
// normalised so that the first is 1. places, actors and toks come from the
// article's text; title is the tokenised headline, which may be empty.
func Rank(places []sitrep.PlaceMention, actors []sitrep.ActorMention, toks []text.Token, title []text.Token, g *gazetteer.Gazetteer) []sitrep.CountryScore {
	// Room on the stack for the lists of most texts.
	var countryBuf [8]country
	var weightBuf [32]cue
	r := ranker{countries: countryBuf[:0], weight: weightBuf[:0]}
	for i := range places {
		p := &places[i]
		if p.Country == "" {
			continue
		}
		w := wLocal
		if p.Feature == "country" {
			w = wCountry
		}
		switch actorAt(p.Span, actors) {
		case same:
			w = min(w, wActing)
		case inside:
			w = wPlaceInActor
		}
		if t, ok := tokenAt(toks, p.Start); ok && compound(&p.Span, toks, t) {
			w = wPlaceInActor // "UK-based", "US-led"
		} else if ok && placeBefore(toks, t) {
			w *= wWhere
		}
		if p.Start < leadRunes {
			w += wLead * w
		}
		r.add(p.Country, w, p.Text)
	}
	covered := placeCover(places)
	for i := range toks {
		tok := &toks[i]
		if !tok.Cap {
			continue
		}
		if c, ok := g.Demonym(tok.Key); ok && !covered(tok.Start) {
			w := wDemonym
			if actorAt(sitrep.Span{Start: tok.Start, End: tok.End}, actors) != none {
				w = wDemonymInActor
			}
			if tok.Start < leadRunes {
				w += wLead * w
			}
			r.add(c, w, tok.Text)
		}
	}
	for _, a := range actors {
		if a.Country != "" {
			r.add(a.Country, wActor, a.Name)
		}
	}
	r.title(title, places, g)
	return r.result(g)
}

// ranker gathers the cues of a text. A text speaks for a few countries
// with a few dozen names, so lists scanned beat maps, and they keep the
// order in which the text gave its cues, which makes the sums of scores
// the same from run to run.
type ranker struct {
	countries []country
	weight    []cue
}

// country is one country the text speaks for, with the names it used, at
// most maxCues of them.
type country struct {
	code  string
	cues  []string
	score float64
}

// cue is one name that speaks for a country: names equal but for case
// are one cue.
type cue struct {
	country int // index into countries
	name    string
	ascii   bool // name is ASCII
	w       float64
}

func (r *ranker) add(code string, w float64, name string) {
	code = strings.ToUpper(code)
	ci := -1
	for i := range r.countries {
		if r.countries[i].code == code {
			ci = i
			break
		}
	}
	if ci < 0 {
		ci = len(r.countries)
		r.countries = append(r.countries, country{code: code})
	}
	found := false
	nameASCII := ascii(name)
	for i := range r.weight {
		c := &r.weight[i]
		if c.country != ci || len(c.name) != len(name) && c.ascii && nameASCII {
			continue // ASCII of another length is another word in any case
		}
		if sameLower(c.name, name) {
			c.w += w
			found = true
			break
		}
	}
	if !found {
		r.weight = append(r.weight, cue{country: ci, name: name, ascii: nameASCII, w: w})
	}
	if c := &r.countries[ci]; len(c.cues) < maxCues && !slices.Contains(c.cues, name) {
		c.cues = append(c.cues, name)
	}
}

// sameLower reports whether a and b are equal in lower case.
func sameLower(a, b string) bool {
	if len(a) != len(b) {
		if ascii(a) && ascii(b) {
			return false
		}
		return strings.ToLower(a) == strings.ToLower(b)
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x >= utf8.RuneSelf || y >= utf8.RuneSelf {
			return strings.ToLower(a) == strings.ToLower(b)
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// scores sums the cues of each country, each damped by a logarithm: a
// name said ten times is more than one said once, but less than ten names.
func (r *ranker) scores() {
	for _, c := range r.weight {
		r.countries[c.country].score += math.Log1p(c.w)
	}
}

// title adds the headline's places: names of the text's resolved places,
// country names and demonyms.
func (r *ranker) title(title []text.Token, places []sitrep.PlaceMention, g *gazetteer.Gazetteer) {
	if len(title) == 0 {
		return
	}
	// known maps the folded text of the places to their country; the
	// last place of a text wins, as in a map filled in text order.
	type place struct{ key, country string }
	var knownBuf [32]place
	known := knownBuf[:0]
	for _, p := range places {
		if p.Country != "" && p.Feature != "country" {
			key := text.Fold(p.Text)
			if i := slices.IndexFunc(known, func(k place) bool { return k.key == key }); i >= 0 {
				known[i].country = p.Country
			} else {
				known = append(known, place{key, p.Country})
			}
		}
	}
	type given struct {
		country string
		w       float64
	}
	var seenBuf [8]given
	seen := seenBuf[:0] // best weight given to each country
	var keyBuf [64]byte
	for i := 0; i < len(title); i++ {
		tok := &title[i]
		// Longest first: "United States" before "United".
		for n := min(4, len(title)-i); n >= 1; n-- {
			kb := appendKeys(keyBuf[:0], title[i:i+n])
			c, ok := "", false
			for _, k := range known {
				if k.key == string(kb) {
					c, ok = k.country, true
					break
				}
			}
			// The key as a string, made only for a lookup or a cue.
			var key string
			if ok || tok.Cap {
				key = title[i].Key
				if n > 1 {
					key = string(kb)
				}
			}
			w := wTitleLocal
			var es []*gazetteer.Entry
			if !ok && tok.Cap {
				es = g.Lookup(key)
				c, ok = countryNamed(es)
				w = wTitleCountry
			}
			if !ok && n == 1 && tok.Cap {
				c, ok = g.Demonym(key)
				w = wTitleDemonym
			}
			if !ok && tok.Cap {
				c, ok = onlyCountry(es)
				w = wTitleUnmentioned
			}
			if ok {
				s := slices.IndexFunc(seen, func(x given) bool { return x.country == c })
				if s < 0 {
					s = len(seen)
					seen = append(seen, given{country: c})
				}
				if seen[s].w < w {
					r.add(c, w-seen[s].w, "title:"+key)
					seen[s].w = w
				}
				i += n - 1
				break
			}
		}
	}
}

// onlyCountry returns the country of a name whose places all lie in one
// country, the likeliest of them a first-level division, a town of 100,000
// people or more, or a curated place: "Idlib", "Aleppo", but not "Man" (a
// city of Côte d'Ivoire and a village in the US).
func onlyCountry(es []*gazetteer.Entry) (string, bool) {
	if len(es) == 0 || es[0].Country == "" {
		return "", false
	}
	for _, e := range es[1:] {
		if e.Country != es[0].Country {
			return "", false
		}
	}
	switch e := es[0]; {
	case e.Feature == "admin1", e.Population >= 100000,
		e.Source == gazetteer.SourceSupplement, e.Source == gazetteer.SourceUser:
		return e.Country, true
	}
	return "", false
}

// countryNamed returns the country named by the key whose gazetteer
// entries are es.
func countryNamed(es []*gazetteer.Entry) (string, bool) {
	for _, e := range es {
		if e.Feature == "country" {
			return e.Country, true
		}
		break // countries come first
	}
	return "", false
}

// appendKeys appends the keys of toks joined by spaces to buf.
func appendKeys(buf []byte, toks []text.Token) []byte {
	for i := range toks {
		if i > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, toks[i].Key...)
	}
	return buf
}

func (r *ranker) result(g *gazetteer.Gazetteer) []sitrep.CountryScore {
	r.scores()
	top := 0.0
	for _, c := range r.countries {
		top = max(top, c.score)
	}
	if top == 0 {
		return nil
	}
	out := make([]sitrep.CountryScore, 0, len(r.countries))
	for _, c := range r.countries {
		s := c.score
		if s < minShare*top {
			continue
		}
		name := c.code
		if e := g.Country(c.code); e != nil {
			name = e.Name
		}
		out = append(out, sitrep.CountryScore{Code: c.code, Name: name, Score: s / top, Cues: c.cues})
	}
	slices.SortFunc(out, func(a, b sitrep.CountryScore) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out
}

type overlap int

const (
	none   overlap = iota
	same           // an actor mention is exactly the span
	inside         // the span lies inside a longer actor mention
)

// actorAt tells how sp lies in the actor mentions, which are in text
// order.
func actorAt(sp sitrep.Span, actors []sitrep.ActorMention) overlap {
	i, _ := slices.BinarySearchFunc(actors, sp.Start, func(a sitrep.ActorMention, cp int) int {
		if a.End <= cp {
			return -1
		}
		return 1
	})
	for ; i < len(actors) && actors[i].Start < sp.End; i++ {
		a := &actors[i]
		switch {
		case a.Start == sp.Start && a.End == sp.End:
			return same
		case a.Start <= sp.Start && sp.End <= a.End:
			return inside
		}
	}
	return none
}

// tokenAt returns the token holding code point cp, if any.
func tokenAt(toks []text.Token, cp int) (int, bool) {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End > cp })
	return i, i < len(toks) && toks[i].Start <= cp
}

// compound reports a place written as the first part of a hyphenated word,
// token i the one where it starts: "UK-based", "US-led".
func compound(sp *sitrep.Span, toks []text.Token, i int) bool {
	return toks[i].Start == sp.Start && sp.End < toks[i].End
}

// placeBefore reports a place right after a word that says where things
// happen, token i the one where it starts: "in Syria", "near Aleppo".
func placeBefore(toks []text.Token, i int) bool {
	if i == 0 {
		return false
	}
	switch toks[i-1].Key {
	case "in", "near", "inside", "across", "throughout", "into", "around", "outside", "at":
		return true
	}
	return false
}

// placeCover returns a test for code points inside a place mention, for
// text-ordered places.
func placeCover(places []sitrep.PlaceMention) func(cp int) bool {
	return func(cp int) bool {
		i, _ := slices.BinarySearchFunc(places, cp, func(p sitrep.PlaceMention, cp int) int {
			switch {
			case p.End <= cp:
				return -1
			case p.Start > cp:
				return 1
			}
			return 0
		})
		return i < len(places) && places[i].Start <= cp && cp < places[i].End
	}
}
