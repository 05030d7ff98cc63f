package places

import (
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Weights of Focus.
const (
	focusLead     = 1.0 // extra for a mention in the lead (the headline and first sentence)
	focusNear     = 0.5 // a mention of another place in the same division
	focusLeadRune = 250 // how far the lead runs, in code points
)

// Focus returns the index in ms of the place an article is mostly about,
// -1 when it names none below the level of a country: the place named most
// often, mentions in the lead counting more, and mentions of other places
// of the same first-level division counting for it too (a report of
// shelling in three villages of Idlib province is about Idlib). A place
// counts in proportion to the share of all mentions its country has, so
// that "the ministry in Moscow" does not make a story of Russian strikes in
// Syria a Moscow story. Ties go to the place named first. ms are Find's
// mentions, in text order.
func Focus(ms []sitrep.PlaceMention) int {
	// A text names a few places, so lists scanned beat maps.
	type place struct {
		first   int // a mention of the place: the same but for its span
		score   float64
		country int // index into countries
	}
	type division struct {
		country, admin1 string
		score           float64
	}
	type country struct {
		code  string
		count float64
	}
	var placeBuf [16]place
	var divisionBuf [16]division
	var countryBuf [8]country
	places, divisions, countries := placeBuf[:0], divisionBuf[:0], countryBuf[:0]
	countryOf := func(code string) int {
		for i := range countries {
			if countries[i].code == code {
				return i
			}
		}
		countries = append(countries, country{code: code})
		return len(countries) - 1
	}
	total := 0.0
	for i := range ms {
		if m := &ms[i]; m.Country != "" {
			countries[countryOf(m.Country)].count++
			total++
		}
	}
	for i := range ms {
		m := &ms[i]
		if !local(*m) {
			continue
		}
		w := 1.0
		if m.Start < focusLeadRune {
			w += focusLead
		}
		p := -1
		for j := range places {
			if samePlace(&ms[places[j].first], m) {
				p = j
				break
			}
		}
		if p < 0 {
			p = len(places)
			places = append(places, place{first: i, country: countryOf(m.Country)})
		}
		places[p].score += w
		if m.Admin1 != "" {
			d := -1
			for j := range divisions {
				if divisions[j].country == m.Country && divisions[j].admin1 == m.Admin1 {
					d = j
					break
				}
			}
			if d < 0 {
				d = len(divisions)
				divisions = append(divisions, division{country: m.Country, admin1: m.Admin1})
			}
			divisions[d].score += w
		}
	}
	best, bestScore := -1, 0.0
	for _, p := range places {
		k := &ms[p.first]
		s := p.score
		if k.Admin1 != "" {
			for _, d := range divisions {
				if d.country == k.Country && d.admin1 == k.Admin1 {
					s += focusNear * (d.score - p.score)
					break
				}
			}
		}
		s *= countries[p.country].count / total
		if best < 0 || s > bestScore || (s == bestScore && p.first < best) {
			best, bestScore = p.first, s
		}
	}
	return best
}

// samePlace reports two mentions of one place: equal but for their spans.
func samePlace(a, b *sitrep.PlaceMention) bool {
	if a.Name != b.Name || a.Lat != b.Lat {
		return false // most pairs differ here
	}
	x, y := *a, *b
	x.Span, y.Span = sitrep.Span{}, sitrep.Span{}
	return x == y
}

// local reports a place below the level of a country: a town, a division,
// a region within one country.
func local(m sitrep.PlaceMention) bool {
	switch m.Feature {
	case "country", "continent", "water":
		return false
	}
	return m.Country != ""
}
