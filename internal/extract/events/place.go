package events

import (
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// eventPlace returns where the event happened: the best place of its first
// sentence that names one (own), else the first the text names. Geo precision follows ACLED: 1
// for the town itself, 2 near it or for a district, 3 for a province.
func (d *doc) eventPlace(ss []sentence, f *frame) (p *sitrep.EventPlace, own bool) {
	// A place outside the country the document is most about is most often
	// a namesake the resolver mistook: look for the best place at home, in
	// the event's sentences first, then anywhere in the text; and when the
	// text names none at home, give no place rather than a wrong one.
	for j := f.head; j <= f.last; j++ {
		if p := d.bestPlace(&ss[j], true, f.protest); p >= 0 {
			return d.placeOf(p), true
		}
	}
	for j := range ss {
		if j >= f.head && j <= f.last {
			continue
		}
		if p := d.bestPlace(&ss[j], true, f.protest); p >= 0 {
			return d.placeOf(p), false
		}
	}
	return nil, false
}

// home reports a place in the country the document is most about.
func (d *doc) home(p int) bool {
	return len(d.in.Countries) == 0 || d.places[p].m.Country == d.in.Countries[0].Code
}

func (d *doc) placeOf(i int) *sitrep.EventPlace {
	pl := d.places[i]
	m := pl.m
	return &sitrep.EventPlace{
		Name: m.Name, Country: m.Country, Admin1: m.Admin1,
		Lat: m.Lat, Lon: m.Lon, GeoPrecision: d.geoPrecision(pl),
	}
}

// featureRank orders places by how precisely they locate an event.
func featureRank(feature string) int {
	switch feature {
	case "country":
		return 0
	case "admin1", "region", "continent", "sea":
		return 1
	case "admin2":
		return 2
	}
	return 3
}

// bestPlace returns the index in d.places of the place of the event clause
// of sentence s: the most specific place, one introduced by "in", "at" or
// "near" before one introduced by "from", and a town before the district
// and province that qualify it ("in Marka town (Marka, Lower Shabelle)").
// With home, only places in the document's country count; in a
// demonstration, a place of its grievance ("in solidarity with the
// protest in Brest") yields to the place where it is held. It returns -1
// when the sentence names no place.
func (d *doc) bestPlace(s *sentence, home, protest bool) int {
	best, bestScore := -1, -1e9
	prev := -1
	main := ""
	if len(d.in.Countries) > 0 {
		main = d.in.Countries[0].Code
	}
	admins := d.adminsNamed(s)
	for i := d.firstPlace(s.t0); i < len(d.places); i++ {
		pl := d.places[i]
		if pl.t0 >= s.t1 {
			break
		}
		if home && !d.home(i) {
			continue
		}
		rank := featureRank(pl.m.Feature)
		score := float64(rank) * 2
		switch d.key(pl.t0 - 1) {
		case "from":
			score -= 3
		case "to", "towards", "toward":
			score -= 1.5
		case "in", "at", "near", "of", "on", "into", "inside", "outside":
			score += 1
		}
		if prev >= 0 && d.qualifies(pl, d.places[prev]) {
			score -= 2 // a district or province qualifying the place before it
		}
		if protest && d.inGrievance(pl.t0, s) {
			score -= 3
		}
		if d.partOf(pl, s) {
			score -= 2 // "Palanpur area of Surat city": the city locates it
		}
		if main != "" && pl.m.Country != main {
			score -= 5 // a namesake abroad, most likely
		}
		if len(admins) > 0 && rank >= 2 && pl.m.Admin1 != "" {
			if admins[text.Fold(pl.m.Admin1)] {
				score += 1.5
			} else {
				score -= 6 // "Monterrey, Hidalgo": not the Monterrey of another state
			}
		}
		prev = i
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// qualifies reports a division right after the place it contains:
// "Marka (Marka, Lower Shabelle)", "Gardez district, Paktia".
func (d *doc) qualifies(pl, prev placeRef) bool {
	if pl.t0-prev.t1 > 1 || !d.gapHas(pl.t0, ",(") {
		return false
	}
	rank, prevRank := featureRank(pl.m.Feature), featureRank(prev.m.Feature)
	if rank >= prevRank {
		return false
	}
	switch rank {
	case 1:
		return text.Fold(prev.m.Admin1) == text.Fold(pl.m.Name)
	case 2:
		return text.Fold(prev.m.Admin1) == text.Fold(pl.m.Admin1)
	}
	return true
}

// adminsNamed returns the folded names of the provinces the sentence names
// right after a place, as its qualifier ("Kalu, Gombe", "Marka (Marka,
// Lower Shabelle)"): a province itself, or the province of a district.
// The event's town must lie in one of them.
func (d *doc) adminsNamed(s *sentence) map[string]bool {
	var out map[string]bool
	prevEnd := int32(-100)
	for _, pl := range d.places[d.firstPlace(s.t0):] {
		if pl.t0 >= s.t1 {
			break
		}
		after := pl.t0-prevEnd <= 4
		prevEnd = pl.t1
		if !after {
			continue
		}
		name := ""
		switch featureRank(pl.m.Feature) {
		case 1:
			name = pl.m.Name
		case 2:
			name = pl.m.Admin1
		}
		if name == "" {
			continue
		}
		if out == nil {
			out = map[string]bool{}
		}
		out[text.Fold(name)] = true
	}
	return out
}

// partOf reports a place named as part of another: "X area of Y",
// "X neighbourhood of Y".
func (d *doc) partOf(pl placeRef, s *sentence) bool {
	switch d.key(pl.t1) {
	case "area", "neighbourhood", "neighborhood", "quarter", "sector", "suburb", "locality":
	default:
		return false
	}
	if d.key(pl.t1+1) != "of" {
		return false
	}
	i := d.firstPlace(pl.t1 + 2)
	return i < len(d.places) && d.places[i].t0 <= pl.t1+4 && d.places[i].t0 < s.t1
}

// geoPrecision applies ACLED's codes to a chosen place.
func (d *doc) geoPrecision(pl placeRef) int {
	switch featureRank(pl.m.Feature) {
	case 0, 1:
		return 3
	case 2:
		return 2
	}
	switch d.key(pl.t1) {
	case "district", "districts", "municipality", "county", "subdivision", "commune", "lga", "tehsil", "township", "subcounty", "zone", "area", "countryside", "outskirts", "sector", "frontline", "axis", "region", "governorate", "province", "state", "department":
		// "Yaftali Sufla district": the district, not its seat.
		if k := d.key(pl.t1); k == "province" || k == "governorate" || k == "state" || k == "department" || k == "region" {
			return 3
		}
		return 2
	}
	for _, h := range d.ctx[firstHit(d.ctx, pl.t0-8):] {
		if h.t0 >= pl.t0 {
			break
		}
		if h.t1 > pl.t0 || pl.t0-h.t1 > 3 {
			continue
		}
		for _, id := range h.ids {
			if d.c.lex.rules[id].label == modNear {
				return 2
			}
		}
	}
	return 1
}
