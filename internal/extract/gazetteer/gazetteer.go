// Package gazetteer resolves folded place names to candidate places. The
// built-in gazetteer joins GeoNames populated places (cities500) and
// administrative divisions, the countries of github.com/biter777/countries
// with hand-written English names and demonyms, and a curated supplement of
// conflict-zone names GeoNames lacks or spells otherwise. Users add their own
// places with AddTSV.
//
// Names are indexed under text.Fold keys, plus variant keys for the usual
// transliteration differences of Arabic names (a leading article dropped or
// joined, interior articles written al-/ez-/ad-...). Lookup returns
// exact-key candidates before variant-key ones.
package gazetteer

import (
	"strings"

	"github.com/sitrep-project/sitrep/data"
)

// Entry is one place.
type Entry struct {
	// ID is the GeoNames geonameid for GeoNames populated places; other
	// entries (divisions, countries, supplement and user places) have a
	// negative ID, unique within one Gazetteer.
	ID       int
	Name     string
	Lat, Lon float64
	Country  string // ISO 3166-1 alpha-2
	Admin1   string // name of the first-level division ("Deir ez-Zor")
	Admin2   string // name of the second-level division, when known
	// Feature is the kind of place: country, admin1, admin2, city (any
	// GeoNames populated place), neighbourhood, region, crossing, base,
	// village, camp, ... as the supplement and user files write it.
	Feature     string
	FeatureCode string // GeoNames feature code (PPLA, PPLC, ADM1, PCLI), "" when unknown
	// Population is GeoNames' population of a place, the summed population
	// of its GeoNames places for a country (a lower bound), and 0 (unknown)
	// for divisions, so that a city outranks the division of the same name.
	Population int64
	Source     string // geonames, countries, supplement, user or imported
	// Dataset names the import an entry came from (AddPlaces), "" for the
	// built-in and user TSV entries.
	Dataset string
}

// Source names.
const (
	SourceGeoNames   = "geonames"
	SourceCountries  = "countries"
	SourceSupplement = "supplement"
	SourceUser       = "user"
)

// Gazetteer is an in-memory place index. It is safe for concurrent readers;
// AddTSV must not run concurrently with anything else.
type Gazetteer struct {
	entries []Entry
	weight  []int64 // tie-break after population: summed population of a division's places

	index map[string]posting
	lists [][]int32 // posting lists of keys with more than one entry
	keys  []string  // every distinct key, in the order first indexed

	countries map[string]int32  // alpha-2 -> entry
	demonyms  map[string]string // folded demonym -> alpha-2

	geonameIDs map[int32]int32 // GeoNames ID -> entry, made by the first AddPlaces that needs it
	// divisionGrid holds the GeoNames places with a known division by grid
	// cell, made by the first AddPlaces that needs it (inferDivisions).
	divisionGrid map[gridCell][]int32
}

// Load returns the built-in gazetteer.
func Load() (*Gazetteer, error) {
	g := newGazetteer(1 << 19)
	admin, err := readAdmin(data.GazetteerAdmin)
	if err != nil {
		return nil, err
	}
	places, err := gunzip(data.GazetteerPlaces, placesFile)
	if err != nil {
		return nil, err
	}
	// One allocation for all entries: rows of both tables, the supplement's
	// lines and the countries bound their number.
	n := len(admin.rows) + strings.Count(places, "\n") + strings.Count(data.GazetteerSupplement, "\n") + 300
	g.entries, g.weight = make([]Entry, 0, n), make([]int64, 0, n)
	if err := g.loadCountries(data.GazetteerCountries, admin); err != nil {
		return nil, err
	}
	g.loadDivisions(admin)
	if err := g.loadPlaces(places, admin); err != nil {
		return nil, err
	}
	rows, err := parseTSV(strings.NewReader(data.GazetteerSupplement), "supplement.tsv", g)
	if err != nil {
		return nil, err
	}
	g.addRows(rows, SourceSupplement)
	return g, nil
}

// newGazetteer returns an empty gazetteer sized for about keys keys.
func newGazetteer(keys int) *Gazetteer {
	return &Gazetteer{
		index:     make(map[string]posting, keys),
		keys:      make([]string, 0, keys),
		countries: make(map[string]int32, 256),
		demonyms:  make(map[string]string, 512),
	}
}

// Len returns the number of entries.
func (g *Gazetteer) Len() int { return len(g.entries) }

// Country returns the country entry of an alpha-2 code (any case), or nil.
func (g *Gazetteer) Country(code string) *Entry {
	i, ok := g.countries[strings.ToUpper(code)]
	if !ok {
		return nil
	}
	return &g.entries[i]
}

// Demonym returns the country of a folded demonym or nationality adjective:
// "syrian" and "syrians" give "SY".
func (g *Gazetteer) Demonym(key string) (country string, ok bool) {
	country, ok = g.demonyms[key]
	return country, ok
}

// Keys calls fn with every key Lookup answers without folding further: each
// folded name and each variant key, once, in the order they were indexed.
func (g *Gazetteer) Keys(fn func(key string)) {
	for _, k := range g.keys {
		fn(k)
	}
}

// Lookup returns the candidates for a folded name (text.Fold), best first:
// entries named exactly key, then entries reached through a transliteration
// variant; within each group countries come first, then higher population.
func (g *Gazetteer) Lookup(key string) []*Entry {
	p, ok := g.index[key]
	if !ok {
		p = posting{noEntry, noEntry}
	}
	ids := g.appendIDs(nil, p.exact)
	nExact := len(ids)
	ids = g.appendIDs(ids, p.variant)
	variants(key, func(v string) {
		if p, ok := g.index[v]; ok {
			ids = g.appendIDs(ids, p.exact)
			ids = g.appendIDs(ids, p.variant)
		}
	})
	if len(ids) == 0 {
		return nil
	}
	rest := dedupe(ids[nExact:], ids[:nExact])
	g.sortByRank(rest)
	out := make([]*Entry, 0, nExact+len(rest))
	for _, i := range ids[:nExact] {
		out = append(out, &g.entries[i])
	}
	for _, i := range rest {
		out = append(out, &g.entries[i])
	}
	return out
}

// dedupe drops from ids those in seen and repeated ones, in place.
func dedupe(ids, seen []int32) []int32 {
	out := ids[:0]
	for _, id := range ids {
		if !contains(seen, id) && !contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func contains(ids []int32, id int32) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
