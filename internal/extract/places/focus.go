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
	type place struct {
		first int
		score float64
	}
	places := make(map[sitrep.PlaceMention]*place, len(ms))
	division := make(map[[2]string]float64, len(ms))
	key := func(m sitrep.PlaceMention) sitrep.PlaceMention {
		m.Span = sitrep.Span{}
		return m
	}
	country := make(map[string]float64, 4)
	total := 0.0
	for _, m := range ms {
		if m.Country != "" {
			country[m.Country]++
			total++
		}
	}
	for i, m := range ms {
		if !local(m) {
			continue
		}
		w := 1.0
		if m.Start < focusLeadRune {
			w += focusLead
		}
		k := key(m)
		p := places[k]
		if p == nil {
			p = &place{first: i}
			places[k] = p
		}
		p.score += w
		if m.Admin1 != "" {
			division[[2]string{m.Country, m.Admin1}] += w
		}
	}
	best, bestScore := -1, 0.0
	for k, p := range places {
		s := p.score
		if k.Admin1 != "" {
			s += focusNear * (division[[2]string{k.Country, k.Admin1}] - p.score)
		}
		s *= country[k.Country] / total
		if best < 0 || s > bestScore || (s == bestScore && p.first < best) {
			best, bestScore = p.first, s
		}
	}
	return best
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
