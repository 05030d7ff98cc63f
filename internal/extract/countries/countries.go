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
	"strings"

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
	r := ranker{weight: map[cue]float64{}, cues: map[string][]string{}}
	for _, p := range places {
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
		if compound(p.Span, toks) {
			w = wPlaceInActor // "UK-based", "US-led"
		} else if placeBefore(p.Span, toks) {
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
		if !tok.Cap || covered(tok.Start) {
			continue
		}
		if c, ok := g.Demonym(tok.Key); ok {
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

type ranker struct {
	weight map[cue]float64
	cues   map[string][]string
}

// cue is one name that speaks for a country.
type cue struct{ country, name string }

func (r *ranker) add(country string, w float64, name string) {
	country = strings.ToUpper(country)
	r.weight[cue{country, strings.ToLower(name)}] += w
	if cs := r.cues[country]; len(cs) < maxCues && !slices.Contains(cs, name) {
		r.cues[country] = append(cs, name)
	}
}

// scores sums the cues of each country, each damped by a logarithm: a
// name said ten times is more than one said once, but less than ten names.
func (r *ranker) scores() map[string]float64 {
	out := make(map[string]float64, 8)
	for c, w := range r.weight {
		out[c.country] += math.Log1p(w)
	}
	return out
}

// title adds the headline's places: names of the text's resolved places,
// country names and demonyms.
func (r *ranker) title(title []text.Token, places []sitrep.PlaceMention, g *gazetteer.Gazetteer) {
	if len(title) == 0 {
		return
	}
	known := make(map[string]string, len(places)) // folded place text -> country
	for _, p := range places {
		if p.Country != "" && p.Feature != "country" {
			known[text.Fold(p.Text)] = p.Country
		}
	}
	seen := map[string]float64{} // best weight given to each country
	for i := 0; i < len(title); i++ {
		tok := &title[i]
		// Longest first: "United States" before "United".
		for n := min(4, len(title)-i); n >= 1; n-- {
			key := joinKeys(title[i : i+n])
			c, ok := known[key]
			w := wTitleLocal
			if !ok && tok.Cap {
				c, ok = countryNamed(g, key)
				w = wTitleCountry
			}
			if !ok && n == 1 && tok.Cap {
				c, ok = g.Demonym(key)
				w = wTitleDemonym
			}
			if !ok && tok.Cap {
				c, ok = onlyCountry(g, key)
				w = wTitleUnmentioned
			}
			if ok {
				if seen[c] < w {
					r.add(c, w-seen[c], "title:"+key)
					seen[c] = w
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
func onlyCountry(g *gazetteer.Gazetteer, key string) (string, bool) {
	es := g.Lookup(key)
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

// countryNamed returns the country whose name key is.
func countryNamed(g *gazetteer.Gazetteer, key string) (string, bool) {
	for _, e := range g.Lookup(key) {
		if e.Feature == "country" {
			return e.Country, true
		}
		break // countries come first
	}
	return "", false
}

func joinKeys(toks []text.Token) string {
	if len(toks) == 1 {
		return toks[0].Key
	}
	keys := make([]string, len(toks))
	for i := range toks {
		keys[i] = toks[i].Key
	}
	return strings.Join(keys, " ")
}

func (r *ranker) result(g *gazetteer.Gazetteer) []sitrep.CountryScore {
	score := r.scores()
	top := 0.0
	for _, s := range score {
		top = max(top, s)
	}
	if top == 0 {
		return nil
	}
	out := make([]sitrep.CountryScore, 0, len(score))
	for c, s := range score {
		if s < minShare*top {
			continue
		}
		name := c
		if e := g.Country(c); e != nil {
			name = e.Name
		}
		out = append(out, sitrep.CountryScore{Code: c, Name: name, Score: s / top, Cues: r.cues[c]})
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

// compound reports a place written as the first part of a hyphenated word:
// "UK-based", "US-led".
func compound(sp sitrep.Span, toks []text.Token) bool {
	i, found := slices.BinarySearchFunc(toks, sp.Start, func(t text.Token, cp int) int {
		switch {
		case t.End <= cp:
			return -1
		case t.Start > cp:
			return 1
		}
		return 0
	})
	return found && toks[i].Start == sp.Start && sp.End < toks[i].End
}

// placeBefore reports a place right after a word that says where things
// happen: "in Syria", "near Aleppo".
func placeBefore(sp sitrep.Span, toks []text.Token) bool {
	i, found := slices.BinarySearchFunc(toks, sp.Start, func(t text.Token, cp int) int {
		switch {
		case t.End <= cp:
			return -1
		case t.Start > cp:
			return 1
		}
		return 0
	})
	if !found || i == 0 {
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
