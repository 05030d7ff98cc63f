package gazetteer

import (
	"math"

	"github.com/sitrep-project/sitrep/internal/geo"
)

// Tables such as OCHA's populated places or Who's On First exports give a
// village's point but often not its province, and the resolver prefers the
// candidates that lie in the divisions a text names ("near Lazaka village in
// Shirqat district"). An imported place without divisions takes those of
// the nearest GeoNames populated place of its country, when one lies within
// inferDivisionsKm: villages a few kilometres apart share their district
// except along a border, where the guess may name the neighbouring one.
const inferDivisionsKm = 20

// divisionCellDeg is the side of a cell of the grid of places with known
// divisions; with the 3x3 cells around a point searched, every place within
// inferDivisionsKm lies in them (a degree of latitude is 111 km, and of
// longitude more than 40 km below 68 degrees).
const divisionCellDeg = 0.25

type gridCell struct{ lat, lon int32 }

func cellOf(lat, lon float64) gridCell {
	return gridCell{int32(math.Floor(lat / divisionCellDeg)), int32(math.Floor(lon / divisionCellDeg))}
}

// indexDivisions makes the grid of GeoNames populated places whose first-
// level division is known, once: only imports without divisions need it.
func (g *Gazetteer) indexDivisions() {
	if g.divisionGrid != nil {
		return
	}
	g.divisionGrid = make(map[gridCell][]int32)
	for i := range g.entries {
		g.gridDivision(int32(i))
	}
}

// gridDivision adds entry i to the grid if it is a GeoNames populated
// place with a known division. Entries added after the grid was made (a
// GeoNames dump imported before a table) join it here.
func (g *Gazetteer) gridDivision(i int32) {
	if g.divisionGrid == nil {
		return
	}
	if e := &g.entries[i]; e.Source == SourceGeoNames && e.Feature == "city" && e.Admin1 != "" {
		c := cellOf(e.Lat, e.Lon)
		g.divisionGrid[c] = append(g.divisionGrid[c], i)
	}
}

// inferDivisions sets e's Admin1 and Admin2 from the nearest GeoNames
// populated place of its country within inferDivisionsKm, if e has no
// Admin1; it reports whether it did. GeoNames places keep what their admin
// codes say, even when no division list names the codes yet.
func (g *Gazetteer) inferDivisions(e *Entry) bool {
	if e.Admin1 != "" || e.Source == SourceGeoNames || e.Country == "" || e.Feature == "country" || e.Feature == "admin1" {
		return false
	}
	g.indexDivisions()
	c := cellOf(e.Lat, e.Lon)
	best, bestKm := int32(-1), float64(inferDivisionsKm)
	for dl := int32(-1); dl <= 1; dl++ {
		for dn := int32(-1); dn <= 1; dn++ {
			for _, id := range g.divisionGrid[gridCell{c.lat + dl, c.lon + dn}] {
				n := &g.entries[id]
				if n.Country != e.Country {
					continue
				}
				if d := geo.DistanceKm(e.Lat, e.Lon, n.Lat, n.Lon); d < bestKm {
					best, bestKm = id, d
				}
			}
		}
	}
	if best < 0 {
		return false
	}
	n := &g.entries[best]
	e.Admin1 = n.Admin1
	if e.Admin2 == "" && e.Feature != "admin2" {
		e.Admin2 = n.Admin2
	}
	return true
}
