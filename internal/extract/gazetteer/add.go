package gazetteer

import (
	"fmt"
	"math"
	"slices"

	"github.com/sitrep-project/sitrep/data"
	"github.com/sitrep-project/sitrep/internal/extract/gazetteer/internal/build"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/geo"
)

// SourceImported is the Source of places imported from tables such as OCHA
// or Who's On First exports. Places imported from GeoNames dumps keep
// SourceGeoNames, so the resolver treats them as it treats cities500.
// Entry.Dataset names the import either way.
const SourceImported = "imported"

// Place is a place for AddPlaces: an entry and the other names it goes by.
type Place struct {
	Entry
	Alternates []string
}

// AddStats counts what AddPlaces did.
type AddStats struct {
	Added  int // places that became entries
	Merged int // places that only gave their names to an entry the gazetteer had
	// Located counts the added places without divisions that took those of
	// the nearest GeoNames place (see inferDivisions).
	Located int
}

// settlements are the features of populated places. Imported places of
// these kinds merge with each other, and outrank a hill or wadi of the same
// name and population, since news names villages far more often.
var settlements = []string{"city", "town", "village", "hamlet", "neighbourhood"}

// Check reports why p cannot be added, or nil: a name with no letters or
// digits, bad coordinates, a country code the gazetteer does not know, a
// feature that is not a lower-case word, a negative population or ID.
func (g *Gazetteer) Check(p *Place) error {
	switch {
	case text.Fold(p.Name) == "":
		return fmt.Errorf("empty name %q", p.Name)
	case math.IsNaN(p.Lat) || math.IsNaN(p.Lon) || p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180:
		return fmt.Errorf("bad coordinates %v %v", p.Lat, p.Lon)
	case !isWord(p.Feature):
		return fmt.Errorf("feature %q is not a lower-case word of letters, digits or _", p.Feature)
	case p.Population < 0:
		return fmt.Errorf("negative population %d", p.Population)
	case p.ID < 0:
		return fmt.Errorf("negative ID %d", p.ID)
	}
	if _, ok := g.countries[p.Country]; !ok && p.Country != "" {
		return fmt.Errorf("unknown country code %q", p.Country)
	}
	return nil
}

// AddPlaces adds places imported from other gazetteers. A place only names
// an entry the gazetteer has, and adds its names to it, when it carries
// that entry's GeoNames ID, or it is
//   - a country: the country's entry;
//   - an admin1 or admin2 division: a division of the same level and country
//     that one of its names reaches;
//   - a settlement: a settlement of the same country within 10 km that one
//     of its names reaches;
//   - any other feature: a place of the same feature and country within
//     10 km that one of its names reaches.
//
// Points stay where the gazetteer had them, and a country takes only the
// place's name: the other names gazetteers give a country ("Syrian", "Ash
// Sham") are demonyms and old names that would turn adjectives into
// places. Other places become entries,
// with ID the GeoNames ID when they have one. Either every place is added
// or, when one fails Check, none. Build the place matcher after the last
// call: it indexes the names the gazetteer has when it is made.
func (g *Gazetteer) AddPlaces(ps []Place) (AddStats, error) {
	var st AddStats
	for i := range ps {
		if err := g.Check(&ps[i]); err != nil {
			return st, fmt.Errorf("gazetteer: place %q (%s): %w", ps[i].Name, ps[i].Dataset, err)
		}
	}
	for i := range ps {
		if g.addPlace(&ps[i], &st) {
			st.Added++
		} else {
			st.Merged++
		}
	}
	return st, nil
}

// addPlace adds p and reports whether it became an entry.
func (g *Gazetteer) addPlace(p *Place, st *AddStats) bool {
	if i, ok := g.mergeTarget(p); ok {
		g.addNames(i, p.Name)
		if g.entries[i].Feature != "country" {
			g.addNames(i, p.Alternates...)
		}
		return false
	}
	e := p.Entry
	if e.Source == "" {
		e.Source = SourceImported
	}
	if g.inferDivisions(&e) {
		st.Located++
	}
	var weight int64
	if slices.Contains(settlements, e.Feature) {
		weight = 1
	}
	id := g.addEntry(e, weight, p.Name)
	g.addNames(id, p.Alternates...)
	g.gridDivision(id)
	if e.ID > 0 && e.ID <= math.MaxInt32 {
		g.indexGeonameIDs()
		g.geonameIDs[int32(e.ID)] = id
	}
	return true
}

// mergeTarget returns the entry p only names, if any (see AddPlaces).
func (g *Gazetteer) mergeTarget(p *Place) (int32, bool) {
	if p.ID > 0 && p.ID <= math.MaxInt32 {
		g.indexGeonameIDs()
		if i, ok := g.geonameIDs[int32(p.ID)]; ok {
			return i, true
		}
	}
	switch {
	case p.Feature == "country":
		i, ok := g.countries[p.Country]
		return i, ok
	case p.Feature == "admin1" || p.Feature == "admin2":
		return g.nearestOf(p, math.Inf(1), p.Feature)
	case slices.Contains(settlements, p.Feature):
		return g.nearestOf(p, mergeKm, settlements...)
	}
	return g.nearestOf(p, mergeKm, p.Feature)
}

// indexGeonameIDs maps the GeoNames IDs of the entries to the entries, once:
// only imports need it.
func (g *Gazetteer) indexGeonameIDs() {
	if g.geonameIDs != nil {
		return
	}
	g.geonameIDs = make(map[int32]int32, len(g.entries))
	for i := range g.entries {
		if id := g.entries[i].ID; id > 0 && id <= math.MaxInt32 {
			g.geonameIDs[int32(id)] = int32(i)
		}
	}
}

// nearestOf is nearestNamed for a Place.
func (g *Gazetteer) nearestOf(p *Place, maxKm float64, features ...string) (int32, bool) {
	ids := g.appendAll(nil, text.Fold(p.Name))
	for _, a := range p.Alternates {
		if k := text.Fold(a); k != "" {
			ids = g.appendAll(ids, k)
		}
	}
	best, bestKm := int32(-1), maxKm
	for _, id := range ids {
		e := &g.entries[id]
		if e.Country != p.Country || !slices.Contains(features, e.Feature) {
			continue
		}
		if d := geo.DistanceKm(p.Lat, p.Lon, e.Lat, e.Lon); d <= bestKm {
			if d < bestKm || best < 0 || g.compare(id, best) < 0 {
				best, bestKm = id, d
			}
		}
	}
	return best, best >= 0
}

// UsefulAlternate reports whether a GeoNames alternate name a of the place
// named name is one English news may use, by the rule the built-in
// gazetteer applies: Latin script, four letters or more, a capital, no
// airport code or URL, and not the name itself.
func UsefulAlternate(name, a string) bool { return build.UsefulAlternate(name, a) }

// DivisionNames calls fn with the code ("SY.07", "SY.07.170793") and name of
// every built-in administrative division: the names Entry.Admin1 and Admin2
// give, in English news usage where GeoNames has it.
func DivisionNames(fn func(code, name string)) error {
	t, err := readAdmin(data.GazetteerAdmin)
	if err != nil {
		return err
	}
	for _, d := range t.rows {
		if d.level != "country" {
			fn(d.code, d.name)
		}
	}
	return nil
}
