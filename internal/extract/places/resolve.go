package places

import (
	"math"
	"slices"
	"sort"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Weights of the resolution score. A candidate's prior is about half the
// decimal log of its population plus a bonus for its kind; the text adds
// evidence on top. Tuned on development data by error category, not item.
const (
	wCountryShare = 4.0 // times the share of the text's evidence for the country
	wAdminShare   = 2.0 // times the share for the first-level division
	wRegion       = 4.0 // "Town, State": the town lies in that state
	wAfterName    = 2.0 // the state of "Town, State" is the division
	wHint         = 3.0 // "X province", "X County"
	wCityHint     = 1.0 // "X city", "the village of X"
	wDistance     = 2.5 // near the other places of the text
	wAlternate    = 1.2 // penalty for a GeoNames alternate name
	wCurated      = 1.5 // curated places were written for news
	wDemonym      = 0.5 // evidence of one "Syrian" against one "Syria"
	wActorHome    = 1.0 // an actor of the country: "LNA forces", "Al Shabaab"
	wSeat         = 1.0 // a town over the division of its name
)

// group is one distinct name of the text, resolved once for all its
// mentions.
type group struct {
	key      string
	cands    []candidate
	mentions []int32
	hint     wordClass
	regions  []region
	regionOf []int // first tokens of the mentions naming the region after a comma
	after    bool  // the name is itself the region of "Town, State"
	// qualifies holds the groups whose places this name qualifies; nqual
	// counts its mentions in qualifiers and lastQual is set when one ends
	// its qualifier.
	qualifies []int
	nqual     int
	lastQual  bool
	weight    float64
	// The candidates weighed (at most maxCandidates, the best priors) and
	// for each its country and division (indexes of the doc's tables),
	// prior, score and probability.
	idx                []int32
	country, division  []int16
	prior, score, prob []float64
	top                [3]int32 // the likeliest, by position in idx
	ntop               int
	anchors            [3]anchor
	nanchor            int
	best               int // index into cands
}

// maxCandidates is how many candidates of one name are weighed: a name of
// forty US towns need not be scored forty times.
const maxCandidates = 16

// resolve picks a candidate for every group. Evidence of countries and
// divisions comes from all the other names, weighted by how sure each is;
// three rounds let sure names (countries, unique towns) settle the unsure,
// the last two also weighing the distance to the other names' places.
func (d *doc) resolve() {
	d.group()
	if len(d.groups) == 0 {
		return
	}
	ev := d.newEvidence()
	for round := 0; round < 3; round++ {
		ev.sum(d)
		for gi := range d.groups {
			g := &d.groups[gi]
			ev.own(g)
			for j, i := range g.idx {
				e := g.cands[i].e
				g.score[j] = g.prior[j] + ev.bonus(g, j) + d.regionBonus(g, e) + d.qualifierBonus(g, e)
			}
			ev.clearOwn(g)
		}
		if round > 0 {
			for gi := range d.groups {
				d.distanceBonus(gi)
			}
		}
		for gi := range d.groups {
			g := &d.groups[gi]
			softmax(g.score, g.prob)
			g.setTop()
			g.setAnchors()
		}
	}
	ev.sum(d)
	for gi := range d.groups {
		g := &d.groups[gi]
		g.best = int(g.idx[argmax(g.score)])
	}
	d.keepQualified()
	for gi := range d.groups {
		g := &d.groups[gi]
		j := slices.Index(g.idx, int32(g.best))
		if (g.cands[g.best].alt || ev.actorsAbroad(g, j) && small(g.cands[g.best].e)) && ev.foreign(g, j) {
			// An odd old name of a place in a country the text says
			// nothing else about, in a text about another country: "the
			// town of Al-Quriyah" is no town in China. So is a village
			// abroad when the actors of the text are all of one country:
			// the monitors in Ukraine observed no shelling near a
			// Rumyantsevo of Russia.
			for _, mi := range g.mentions {
				d.mentions[mi].drop = true
			}
		}
	}
}

// group gathers the kept mentions by name and prepares each group's
// candidates.
func (d *doc) group() {
	// First each kept mention's group, then each group's mentions, carved
	// from one slice.
	kept := 0
	for i := range d.mentions {
		m := &d.mentions[i]
		if m.drop || len(m.cands) == 0 {
			m.drop = true
			continue
		}
		kept++
		gi := d.groupOf(m.key)
		if gi < 0 {
			gi = len(d.groups)
			d.groups = append(d.groups, group{key: m.key, cands: m.cands})
		}
		g := &d.groups[gi]
		m.group = gi
		g.weight++
		g.hint |= m.hint
		if m.region.country != "" {
			g.regions = append(g.regions, m.region)
		}
		if m.regionOf >= 0 {
			g.regionOf = append(g.regionOf, m.regionOf)
		}
		for _, q := range m.quals {
			if q > 0 && int(q-1) != m.regionOf {
				g.regionOf = append(g.regionOf, int(q-1))
			}
		}
		if m.qual != 0 {
			g.nqual++
			g.lastQual = g.lastQual || m.qual == qualLast
		}
		g.after = g.after || m.afterName
	}
	d.groupOfs = slices.Grow(d.groupOfs[:0], kept)[:kept]
	all := d.groupOfs
	for gi := range d.groups {
		g := &d.groups[gi]
		n := int(g.weight)
		g.mentions, all = all[:0:n], all[n:]
	}
	for i := range d.mentions {
		if m := &d.mentions[i]; !m.drop {
			g := &d.groups[m.group]
			g.mentions = append(g.mentions, int32(i))
		}
	}
	n := 0
	for gi := range d.groups {
		n += min(len(d.groups[gi].cands), maxCandidates)
	}
	// One slice of each kind for all groups, kept between texts.
	d.floats = slices.Grow(d.floats[:0], 3*n)[:3*n]
	d.ints = slices.Grow(d.ints[:0], n)[:n]
	d.smalls = slices.Grow(d.smalls[:0], 2*n)[:2*n]
	floats, ints, smalls := d.floats, d.ints, d.smalls
	for gi := range d.groups {
		g := &d.groups[gi]
		if g.nqual > 0 && g.nqual == int(g.weight) {
			// A name used only as a qualifier is a division.
			if g.lastQual {
				g.hint |= classAdmin
			} else {
				g.hint |= classAdmin2
			}
		}
		for _, t := range g.regionOf {
			if mi := d.mentionAt(t); mi >= 0 && !d.mentions[mi].drop {
				if r := &d.groups[d.mentions[mi].group]; r != g && !slices.Contains(r.qualifies, gi) {
					r.qualifies = append(r.qualifies, gi)
				}
			}
		}
	}
	for gi := range d.groups {
		g := &d.groups[gi]
		g.weight = math.Min(g.weight, 3)
		k := min(len(g.cands), maxCandidates)
		g.idx, ints = ints[:k:k], ints[k:]
		g.prior, g.score, g.prob, floats = floats[:k:k], floats[k:2*k:2*k], floats[2*k:3*k:3*k], floats[3*k:]
		g.country, g.division, smalls = smalls[:k:k], smalls[k:2*k:2*k], smalls[2*k:]
		if len(g.cands) <= maxCandidates {
			for j := range g.idx {
				g.idx[j] = int32(j)
				g.prior[j] = prior(g.cands[j]) + d.localEvidence(g, g.cands[j])
			}
		} else {
			d.bestPriors(g)
		}
		if g.hint&(classAdmin|classAdmin2) == 0 {
			g.preferSeat()
		}
		for j, i := range g.idx {
			e := g.cands[i].e
			g.country[j], g.division[j] = d.countryIndex(e.Country), -1
			if e.Admin1 != "" && e.Country != "" {
				g.division[j] = d.divisionIndex(region{e.Country, e.Admin1})
			}
			g.score[j] = g.prior[j]
		}
		softmax(g.score, g.prob)
		g.setTop()
		g.setAnchors()
	}
}

// preferSeat raises a town over the division of the same name it lies in:
// "Homs" alone is the city; "Homs province" is the division.
func (g *group) preferSeat() {
	for j, i := range g.idx {
		c := g.cands[i].e
		if c.Feature != "city" {
			continue
		}
		for _, k := range g.idx {
			a := g.cands[k].e
			if (a.Feature == "admin1" || a.Feature == "admin2") && a.Country == c.Country &&
				(a.Admin1 == c.Admin1 && a.Feature == "admin1" || a.Admin2 == c.Admin2 && a.Feature == "admin2") {
				g.prior[j] += wSeat
				break
			}
		}
	}
}

// bestPriors keeps the maxCandidates candidates of g with the best priors,
// best first.
func (d *doc) bestPriors(g *group) {
	n := 0
	for i := range g.cands {
		p := prior(g.cands[i]) + d.localEvidence(g, g.cands[i])
		if n == len(g.idx) && p <= g.prior[n-1] {
			continue
		}
		j := n
		if n < len(g.idx) {
			n++
		} else {
			j = n - 1
		}
		for j > 0 && g.prior[j-1] < p {
			g.prior[j], g.idx[j] = g.prior[j-1], g.idx[j-1]
			j--
		}
		g.prior[j], g.idx[j] = p, int32(i)
	}
}

func (d *doc) countryIndex(c string) int16 {
	if c == "" {
		return -1
	}
	for i, x := range d.countries {
		if x == c {
			return int16(i)
		}
	}
	d.countries = append(d.countries, c)
	return int16(len(d.countries) - 1)
}

func (d *doc) divisionIndex(r region) int16 {
	for i, x := range d.divisions {
		if x == r {
			return int16(i)
		}
	}
	d.divisions = append(d.divisions, r)
	return int16(len(d.divisions) - 1)
}

// groupOf returns the group of the name key, -1 for none. Texts name
// few places, so a scan beats a map.
func (d *doc) groupOf(key string) int {
	for i := range d.groups {
		if d.groups[i].key == key {
			return i
		}
	}
	return -1
}

// setTop records the group's likeliest candidates, best first.
func (g *group) setTop() {
	g.ntop = 0
	for j := range g.prob {
		k := g.ntop
		if k < len(g.top) {
			g.ntop++
		} else if g.prob[j] <= g.prob[g.top[k-1]] {
			continue
		} else {
			k--
		}
		for k > 0 && g.prob[g.top[k-1]] < g.prob[j] {
			g.top[k] = g.top[k-1]
			k--
		}
		g.top[k] = int32(j)
	}
}

// demonyms counts the capitalised demonyms of the text by country.
func (d *doc) demonyms(ev *evidence) {
	for i := range d.toks {
		tok := &d.toks[i]
		if !tok.Cap && !d.caseless {
			continue
		}
		if c, ok := d.r.g.Demonym(tok.Key); ok {
			ci := int(d.countryIndex(c))
			for ci >= len(ev.demonym) {
				ev.demonym = append(ev.demonym, 0)
			}
			ev.demonym[ci] += wDemonym
		}
	}
}

// actorHomes counts the actors of the text by home country, each distinct
// actor once: a story of the LNA is a Libyan story. An actor named by its
// country ("Russian forces", "Iraq") is counted already.
func (d *doc) actorHomes(ev *evidence) {
	for i := range d.actors {
		a := &d.actors[i]
		if a.Country == "" || slices.ContainsFunc(d.actors[:i], func(b sitrep.ActorMention) bool { return b.Name == a.Name }) {
			continue
		}
		if d.namesCountry(a) {
			continue
		}
		ci := int(d.countryIndex(a.Country))
		for ci >= len(ev.demonym) {
			ev.demonym = append(ev.demonym, 0)
		}
		for ci >= len(ev.actor) {
			ev.actor = append(ev.actor, 0)
		}
		ev.demonym[ci] += wActorHome
		ev.actor[ci] += wActorHome
	}
}

// namesCountry reports an actor mention with a demonym or a country's name
// in it.
func (d *doc) namesCountry(a *sitrep.ActorMention) bool {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].End > a.Start })
	// The country's name, folded on first use.
	name, named, folded := "", false, false
	for ; i < len(d.toks) && d.toks[i].Start < a.End; i++ {
		k := d.toks[i].Key
		if _, ok := d.r.g.Demonym(k); ok {
			return true
		}
		if !folded {
			if c := d.r.g.Country(a.Country); c != nil {
				name, named = text.Fold(c.Name), true
			}
			folded = true
		}
		if named && name == k {
			return true
		}
	}
	return false
}

// evidence is the text's weight for each country and division (indexes of
// the doc's tables), and scratch space for one group's own part of it,
// which a group must not count for itself.
type evidence struct {
	demonym                 []float64
	actor                   []float64 // the actors' part of demonym
	country, division       []float64
	countryAll, divisionAll float64
	ownCountry, ownDivision []float64
	ownCountryAll           float64
	ownDivisionAll          float64
}

func (d *doc) newEvidence() *evidence {
	ev := &evidence{}
	d.demonyms(ev)
	d.actorHomes(ev)
	nc, na := len(d.countries), len(d.divisions)
	buf := make([]float64, 2*nc+2*na)
	ev.country, ev.ownCountry = buf[:nc:nc], buf[nc:2*nc:2*nc]
	ev.division, ev.ownDivision = buf[2*nc:2*nc+na:2*nc+na], buf[2*nc+na:]
	return ev
}

// sum adds up the evidence of every group and demonym.
func (ev *evidence) sum(d *doc) {
	clear(ev.country)
	clear(ev.division)
	ev.countryAll, ev.divisionAll = 0, 0
	for c, w := range ev.demonym {
		ev.country[c] += w
		ev.countryAll += w
	}
	for gi := range d.groups {
		g := &d.groups[gi]
		for j := range g.idx {
			p := g.prob[j] * g.weight
			if p < 0.01 || g.country[j] < 0 {
				continue
			}
			ev.country[g.country[j]] += p
			ev.countryAll += p
			if a := g.division[j]; a >= 0 {
				ev.division[a] += p
				ev.divisionAll += p
			}
		}
	}
}

// own fills the scratch space with g's part of the evidence.
func (ev *evidence) own(g *group) {
	ev.ownCountryAll, ev.ownDivisionAll = 0, 0
	for j := range g.idx {
		p := g.prob[j] * g.weight
		if p < 0.01 || g.country[j] < 0 {
			continue
		}
		ev.ownCountry[g.country[j]] += p
		ev.ownCountryAll += p
		if a := g.division[j]; a >= 0 {
			ev.ownDivision[a] += p
			ev.ownDivisionAll += p
		}
	}
}

func (ev *evidence) clearOwn(g *group) {
	for j := range g.idx {
		if c := g.country[j]; c >= 0 {
			ev.ownCountry[c] = 0
		}
		if a := g.division[j]; a >= 0 {
			ev.ownDivision[a] = 0
		}
	}
}

// bonus scores g's j-th candidate by the share of the other names'
// evidence for its country and first-level division; own must hold g's
// part.
func (ev *evidence) bonus(g *group, j int) float64 {
	c := g.country[j]
	if c < 0 {
		return 0
	}
	var s float64
	if all := ev.countryAll - ev.ownCountryAll; all > 1e-9 {
		s += wCountryShare * math.Max(0, ev.country[c]-ev.ownCountry[c]) / all
	}
	if a := g.division[j]; a >= 0 {
		if all := ev.divisionAll - ev.ownDivisionAll; all > 1e-9 {
			s += wAdminShare * math.Max(0, ev.division[a]-ev.ownDivision[a]) / all
		}
	}
	return s
}

// foreign reports a candidate in a country that no name but g's speaks
// for, in a text where another country has at least half the evidence.
func (ev *evidence) foreign(g *group, j int) bool {
	ev.own(g)
	defer ev.clearOwn(g)
	all := ev.countryAll - ev.ownCountryAll
	c := g.country[j]
	if all < 1 || c < 0 || ev.country[c]-ev.ownCountry[c] > 0.05*all {
		return false
	}
	for o, w := range ev.country {
		if int16(o) != c && w-ev.ownCountry[o] >= 0.5*all {
			return true
		}
	}
	return false
}

// actorsAbroad reports actor evidence for a country other than that of
// g's j-th candidate, and none for its own.
func (ev *evidence) actorsAbroad(g *group, j int) bool {
	c := g.country[j]
	if c < 0 {
		return false
	}
	other := false
	for o, w := range ev.actor {
		if w > 0 && int16(o) == c {
			return false
		}
		other = other || w > 0
	}
	return other
}

// small reports a village: a populated place of fewer than 20,000 people
// that no curator wrote for news.
func small(e *gazetteer.Entry) bool {
	return (e.Feature == "city" || e.Feature == "neighbourhood") && e.Population < 20000 && e.Source == gazetteer.SourceGeoNames
}

// anchor is a likely place of a group that weighs the candidates of the
// other groups by their distance to it.
type anchor struct {
	lat, lon, cos float64 // cos of the latitude
	scale         float64 // km at which the weight falls to 1/e
	p             float64
}

// setAnchors records the likely places of g.
func (g *group) setAnchors() {
	g.nanchor = 0
	for u := 0; u < g.ntop; u++ {
		b := g.top[u]
		if g.prob[b] < 0.05 {
			break
		}
		f := g.cands[g.idx[b]].e
		scale := 100.0
		switch f.Feature {
		case "country", "continent", "water":
			continue
		case "admin1", "region":
			scale = 300
		}
		g.anchors[g.nanchor] = anchor{f.Lat, f.Lon, math.Cos(f.Lat * math.Pi / 180), scale, g.prob[b]}
		g.nanchor++
	}
}

// distanceBonus raises the likeliest candidates of group gi near the
// likely places of the other groups, each counted as likely as it is.
func (d *doc) distanceBonus(gi int) {
	g := &d.groups[gi]
	if len(g.idx) < 2 || g.prob[g.top[0]] > 0.995 {
		return
	}
	const kmPerDegree = 111.2
	for t := 0; t < g.ntop; t++ {
		j := g.top[t]
		e := g.cands[g.idx[j]].e
		switch e.Feature {
		case "country", "continent", "admin1", "region", "water":
			continue // a nominal centre: no nearer to anything
		}
		best := 0.0
		for hi := range d.groups {
			if hi == gi {
				continue
			}
			h := &d.groups[hi]
			v := 0.0
			for _, a := range h.anchors[:h.nanchor] {
				dLat := (e.Lat - a.lat) * kmPerDegree
				if math.Abs(dLat) > 6*a.scale {
					continue // too far to count
				}
				dLon := math.Abs(e.Lon - a.lon)
				if dLon > 180 {
					dLon = 360 - dLon
				}
				dLon *= kmPerDegree * a.cos
				if dLon > 6*a.scale {
					continue
				}
				v += a.p * math.Exp(-math.Sqrt(dLat*dLat+dLon*dLon)/a.scale)
			}
			best = max(best, v)
		}
		g.score[j] += wDistance * best
	}
}

// Prior is the score the resolver gives a candidate entry before it reads
// the text (kind, size, capital rank, curated entry, reached through an
// alternate name), exported so `sitrep gazetteer lookup` shows the same
// figure the resolver starts from.
func Prior(e *gazetteer.Entry, alternate bool) float64 { return prior(candidate{e: e, alt: alternate}) }

// prior scores a candidate before reading the text: its kind and size.
func prior(c candidate) float64 {
	e := c.e
	var s float64
	switch e.Feature {
	case "country":
		s = 7.5
	case "continent":
		s = 6.5
	case "admin1":
		s = 3.5
	case "admin2":
		s = 1.5
	default:
		s = 0.5 * math.Log10(float64(e.Population)+1)
		switch e.FeatureCode {
		case "PPLC":
			s += 1.5
		case "PPLA":
			s += 0.7
		case "PPLA2":
			s += 0.3
		}
		if e.Feature == "neighbourhood" {
			s -= 0.5
		}
	}
	if (e.Source == gazetteer.SourceSupplement || e.Source == gazetteer.SourceUser) && e.Feature != "country" {
		s += wCurated
	}
	if c.alt {
		s -= wAlternate
	}
	return s
}

// localEvidence scores what the name's own mentions say: "X province",
// "X, Louisiana".
func (d *doc) localEvidence(g *group, c candidate) float64 {
	var s float64
	e := c.e
	if g.hint&classAdmin != 0 {
		switch e.Feature {
		case "admin1":
			s += wHint
		case "admin2":
			s += wHint / 2
		}
	}
	if g.hint&classAdmin2 != 0 && e.Feature == "admin2" {
		s += wHint
	}
	if g.hint&classCity != 0 && e.Feature != "country" && e.Feature != "admin1" && e.Feature != "admin2" {
		s += wCityHint
	}
	if g.after && (e.Feature == "admin1" || e.Feature == "country") {
		s += wAfterName
	}
	for _, r := range g.regions {
		if e.Country == r.country {
			s += 1
			if e.Admin1 == r.admin1 && e.Feature != "admin1" {
				s += wRegion
			}
		}
	}
	return s
}

// regionBonus scores "Town, State" and "Town (District, State)" where the
// state and district are themselves mentions, weighted by how sure each
// mention is to be the division.
func (d *doc) regionBonus(g *group, e *gazetteer.Entry) float64 {
	var s float64
	for _, t := range g.regionOf {
		mi := d.mentionAt(t)
		if mi < 0 || d.mentions[mi].drop {
			continue
		}
		r := &d.groups[d.mentions[mi].group]
		if r == g {
			continue
		}
		for j, i := range r.idx {
			c := r.cands[i].e
			switch {
			case c.Feature == "admin1" && c.Country == e.Country && c.Admin1 == e.Admin1 && e.Feature != "admin1":
				s += wRegion * r.prob[j]
			case c.Feature == "admin2" && c.Country == e.Country && c.Admin1 == e.Admin1 && e.Feature != "admin1" && e.Feature != "admin2":
				s += wRegion / 2 * r.prob[j]
				if e.Admin2 == c.Admin2 {
					s += wRegion / 2 * r.prob[j]
				}
			case c.Feature == "country" && c.Country == e.Country && e.Feature != "country":
				s += wRegion / 2 * r.prob[j]
			}
		}
	}
	return s
}

// qualifierBonus scores a division by the places it qualifies that may lie
// in it: "(Banfora, Comoe)" is the Comoé of Burkina Faso, where Banfora
// is.
func (d *doc) qualifierBonus(g *group, e *gazetteer.Entry) float64 {
	if len(g.qualifies) == 0 || e.Feature != "admin1" && e.Feature != "admin2" {
		return 0
	}
	var s float64
	for _, ti := range g.qualifies {
		t := &d.groups[ti]
		for j, i := range t.idx {
			if c := t.cands[i].e; c.Feature != "country" && c != e && qualified(c, e) {
				s += wRegion / 2 * t.prob[j]
			}
		}
	}
	return s
}

// keepQualified makes each place qualified in brackets or with "of" lie in
// its qualifier when the qualifier is sure: the likeliest candidate there,
// or, when the name has none there, no place at all, since the place the
// text means is one the gazetteer lacks ("Islamabad area of Alishing
// district, Laghman" is no Islamabad of Pakistan).
func (d *doc) keepQualified() {
	for gi := range d.groups {
		g := &d.groups[gi]
		q := d.qualifierOf(g)
		if q == nil || qualified(g.cands[g.best].e, q) {
			continue
		}
		if f := g.cands[g.best].e.Feature; f == "country" || f == "continent" {
			continue
		}
		best := -1
		for j, i := range g.idx {
			if qualified(g.cands[i].e, q) && (best < 0 || g.score[j] > g.score[best]) {
				best = j
			}
		}
		if best >= 0 {
			g.best = int(g.idx[best])
			continue
		}
		for _, mi := range g.mentions {
			if d.mentions[mi].explicit {
				d.mentions[mi].drop = true
			}
		}
	}
}

// qualifierOf returns the division an explicit qualifier of g surely
// names, nil for none.
func (d *doc) qualifierOf(g *group) *gazetteer.Entry {
	for _, mi := range g.mentions {
		m := &d.mentions[mi]
		if !m.explicit {
			continue
		}
		for _, q := range m.quals {
			if q == 0 {
				continue
			}
			qi := d.mentionAt(int(q - 1))
			if qi < 0 || d.mentions[qi].drop {
				continue
			}
			r := &d.groups[d.mentions[qi].group]
			if r == g {
				continue
			}
			j := argmax(r.score)
			e := r.cands[r.idx[j]].e
			if r.prob[j] >= 0.6 && (e.Feature == "admin1" || e.Feature == "admin2" || e.Feature == "country") {
				return e
			}
		}
	}
	return nil
}

// seatOf returns the town a name means where the text also uses the name
// for the division the town is the seat of: "in Sao Paulo, Sao Paulo" is
// the city of the state, a town called by the name itself (not New York
// City for "New York"). It is nil when m is the division, or the group
// resolved to a town.
func (d *doc) seatOf(g *group, m *mention) *gazetteer.Entry {
	div := g.cands[g.best].e
	if m.qual != 0 || m.afterName || !(g.after || g.nqual > 0) || div.Feature != "admin1" && div.Feature != "admin2" {
		return nil
	}
	if n := m.tokEnd; n < len(d.toks) && d.class(n)&(classAdmin|classAdmin2) != 0 {
		return nil // "Sao Paulo state"
	}
	var seat *gazetteer.Entry
	for j, i := range g.idx {
		e := g.cands[i].e
		if e.Feature == "city" && !g.cands[i].alt && e.Country == div.Country && e.Admin1 == div.Admin1 && (seat == nil || g.prior[j] > priorOf(g, seat)) {
			seat = e
		}
	}
	return seat
}

func priorOf(g *group, e *gazetteer.Entry) float64 {
	for j, i := range g.idx {
		if g.cands[i].e == e {
			return g.prior[j]
		}
	}
	return math.Inf(-1)
}

// output turns the kept mentions into place mentions.
func (d *doc) output() []sitrep.PlaceMention {
	n := 0
	for i := range d.mentions {
		if !d.mentions[i].drop {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]sitrep.PlaceMention, 0, n)
	for i := range d.mentions {
		m := &d.mentions[i]
		if m.drop {
			continue
		}
		g := &d.groups[m.group]
		e := g.cands[g.best].e
		if s := d.seatOf(g, m); s != nil {
			e = s
		}
		pm := sitrep.PlaceMention{
			Span:       sitrep.Span{Start: m.span.Start, End: m.span.End, Text: d.s[m.span.ByteStart:m.span.ByteEnd]},
			Name:       e.Name,
			Country:    e.Country,
			Admin1:     e.Admin1,
			Lat:        e.Lat,
			Lon:        e.Lon,
			Feature:    e.Feature,
			Population: e.Population,
		}
		if e.ID > 0 {
			pm.GeonameID = e.ID
		}
		out = append(out, pm)
	}
	return out
}

func softmax(score, prob []float64) {
	hi := math.Inf(-1)
	for _, s := range score {
		hi = math.Max(hi, s)
	}
	var sum float64
	for i, s := range score {
		prob[i] = math.Exp(s - hi)
		sum += prob[i]
	}
	for i := range prob {
		prob[i] /= sum
	}
}

func argmax(xs []float64) int {
	best := 0
	for i, x := range xs {
		if x > xs[best] {
			best = i
		}
	}
	return best
}

// mentionAt returns the index of the mention starting at token t, -1 for
// none.
func (d *doc) mentionAt(t int) int {
	ms := d.mentions
	i := sort.Search(len(ms), func(i int) bool { return ms[i].tokStart >= t })
	if i < len(ms) && ms[i].tokStart == t {
		return i
	}
	return -1
}
