package connect

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// evRef is one article's report of an event.
type evRef struct {
	d   *doc
	e   *eventRec
	day int // days since 1970-01-01; noDay when the report gives no date
}

const noDay = math.MinInt32

func newRef(d *doc, e *eventRec) *evRef {
	r := &evRef{d: d, e: e, day: noDay}
	if t, err := time.Parse("2006-01-02", e.Date); err == nil {
		r.day = int(t.Unix() / 86400)
	}
	return r
}

// dateSlack is how many days apart two reports of one event may date it,
// by ACLED time precision: 1 the day itself (ACLED codes one event per day
// and place, so fighting on two days is two events), 2 the week, 3 the
// month.
func dateSlack(precision int) int {
	switch precision {
	case 2:
		return 7
	case 3:
		return 31
	}
	return 0
}

// placeSlack is how many kilometres apart two reports of one event may
// place it, by ACLED geo precision: 1 the town, 2 near it or a district,
// 3 a region. Unknown counts as 2.
func placeSlack(precision int) float64 {
	switch precision {
	case 1:
		return 25
	case 3:
		return 250
	}
	return 50
}

// compatible reports whether two reports may describe one real event:
// the same sub-type or type, no named actor that rules the other out,
// places within the coarser geo precision's distance and dates within the
// coarser time precision. What a report leaves out rules nothing out.
func compatible(a, b *evRef) bool {
	ea, eb := a.e, b.e
	if ea.SubType != eb.SubType && ea.Type != eb.Type {
		return false
	}
	if a.day != noDay && b.day != noDay {
		slack := max(dateSlack(ea.TimePrecision), dateSlack(eb.TimePrecision))
		if abs(a.day-b.day) > slack {
			return false
		}
	}
	if !placesAgree(ea.Place, eb.Place) {
		return false
	}
	return actorsAgree(ea, eb)
}

func placesAgree(p, q *sitrep.EventPlace) bool {
	if p == nil || q == nil {
		return true
	}
	if p.Country != "" && q.Country != "" && !strings.EqualFold(p.Country, q.Country) {
		return false
	}
	slack := max(placeSlack(p.GeoPrecision), placeSlack(q.GeoPrecision))
	if located(p) && located(q) {
		return distanceKM(p.Lat, p.Lon, q.Lat, q.Lon) <= slack
	}
	if p.GeoPrecision == 1 && q.GeoPrecision == 1 && p.Name != "" && q.Name != "" {
		return placeKey(p.Country, p.Name) == placeKey(q.Country, q.Name)
	}
	return true
}

func located(p *sitrep.EventPlace) bool { return p.Lat != 0 || p.Lon != 0 }

// actorsAgree reports whether the named actors of two reports can be the
// same parties: when both name some, they share one. Generic actors
// ("Civilians", "Military Forces") name no one.
func actorsAgree(a, b *eventRec) bool {
	na, nb := namedActors(a), namedActors(b)
	if len(na) == 0 || len(nb) == 0 {
		return true
	}
	for _, x := range na {
		if slices.Contains(nb, x) {
			return true
		}
	}
	return false
}

func namedActors(e *eventRec) []string {
	var out []string
	for _, name := range []string{e.Actor1, e.Actor2} {
		if k := actorKey(name); k != "" && !genericActors[k] {
			out = append(out, k)
		}
	}
	return out
}

// precise reports a report that pins its event to a town and a day.
func precise(r *evRef) bool {
	return r.day != noDay && r.e.TimePrecision <= 1 && r.e.Place != nil && r.e.Place.GeoPrecision == 1 && located(r.e.Place)
}

// clusterEvents groups reports into events. Every pair in a group must be
// compatible (complete linkage), so a chain of vague reports cannot glue
// two distinct events together. Precise reports are placed first; a vague
// report that fits two distinct events is kept apart unless one fits it
// clearly better, as nothing else says which one it reports. The result depends only on the set of reports,
// not on their order of arrival, which is what makes a merge reversible.
func clusterEvents(refs []*evRef) [][]*evRef {
	// Reports of different event types are never compatible, so each type
	// is clustered on its own: the same result, without comparing every
	// report of a long story with every other.
	byType := map[string][]*evRef{}
	var types []string
	for _, r := range refs {
		if _, ok := byType[r.e.Type]; !ok {
			types = append(types, r.e.Type)
		}
		byType[r.e.Type] = append(byType[r.e.Type], r)
	}
	slices.Sort(types)
	var clusters [][]*evRef
	for _, t := range types {
		clusters = append(clusters, clusterType(byType[t])...)
	}
	return clusters
}

// clusterType clusters reports of one event type.
func clusterType(refs []*evRef) [][]*evRef {
	refs = slices.Clone(refs)
	slices.SortStableFunc(refs, compareSpecificity)
	var clusters [][]*evRef
	for _, r := range refs {
		var fits []int
		for i, c := range clusters {
			if !slices.ContainsFunc(c, func(m *evRef) bool { return !compatible(r, m) }) {
				fits = append(fits, i)
			}
		}
		switch {
		case len(fits) == 0:
			clusters = append(clusters, []*evRef{r})
		case len(fits) == 1:
			clusters[fits[0]] = append(clusters[fits[0]], r)
		default:
			// Several events fit. A precise report goes to the one most
			// like it; a vague one only when that one is clearly better,
			// else nothing says which event it reports and it stays apart.
			best, second := -1, 0.0
			for _, i := range fits {
				a := affinity(r, clusters[i])
				if best < 0 || a > affinity(r, clusters[best]) {
					if best >= 0 {
						second = affinity(r, clusters[best])
					}
					best = i
				} else if a > second {
					second = a
				}
			}
			if precise(r) || affinity(r, clusters[best]) >= 1.5*second+0.25 {
				clusters[best] = append(clusters[best], r)
			} else {
				clusters = append(clusters, []*evRef{r})
			}
		}
	}
	return clusters
}

// compareSpecificity puts the most precise reports first: finer place,
// finer date, more named actors, then earlier publication.
func compareSpecificity(a, b *evRef) int {
	if c := geoRank(a.e.Place) - geoRank(b.e.Place); c != 0 {
		return c
	}
	if c := timeRank(a) - timeRank(b); c != 0 {
		return c
	}
	if c := len(namedActors(b.e)) - len(namedActors(a.e)); c != 0 {
		return c
	}
	if c := a.d.dg.Time.Compare(b.d.dg.Time); c != 0 {
		return c
	}
	if c := strings.Compare(a.d.dg.ID, b.d.dg.ID); c != 0 {
		return c
	}
	return a.e.Index - b.e.Index
}

func geoRank(p *sitrep.EventPlace) int {
	if p == nil {
		return 9
	}
	if p.GeoPrecision <= 0 {
		return 4
	}
	return p.GeoPrecision
}

func timeRank(r *evRef) int {
	if r.day == noDay {
		return 9
	}
	if r.e.TimePrecision <= 0 {
		return 1
	}
	return r.e.TimePrecision
}

// affinity scores how well r fits a group it is compatible with.
func affinity(r *evRef, c []*evRef) float64 {
	s := 0.0
	for _, m := range c {
		if m.e.SubType == r.e.SubType {
			s += 1
		}
		if m.day == r.day {
			s += 0.5
		}
		if p, q := m.e.Place, r.e.Place; p != nil && q != nil && located(p) && located(q) {
			s += 1 / (1 + distanceKM(p.Lat, p.Lon, q.Lat, q.Lon))
		}
	}
	return s / float64(len(c))
}

// distanceKM is the great-circle distance between two points.
func distanceKM(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(min(1, h)))
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
