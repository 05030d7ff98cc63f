package gazetteer

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/geo"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// TSVHeader is the header line of supplement.tsv and of user place files.
// Lines starting with # are comments. alternates is a |-separated list;
// country is an ISO alpha-2 code, empty only for places of no country
// (international waters); admin1 and population may be empty.
const TSVHeader = "name\talternates\tlat\tlon\tcountry\tadmin1\tfeature\tpopulation"

// placeRow is one parsed row of a place file.
type placeRow struct {
	name, alternates string
	lat, lon         float64
	country, admin1  string
	feature          string
	population       int64
}

// AddTSV adds the places of a user file in the supplement.tsv format; name
// names the file in errors. A row that only gives other names for a place
// the gazetteer has (see addRow) adds its names to that place. Either every
// row is added or, on error, none.
func (g *Gazetteer) AddTSV(r io.Reader, name string) error {
	rows, err := parseTSV(r, name, g)
	if err != nil {
		return err
	}
	g.addRows(rows, SourceUser)
	return nil
}

func parseTSV(r io.Reader, file string, g *Gazetteer) ([]placeRow, error) {
	invalid := func(line int, format string, args ...any) error {
		return sitrep.Errorf(sitrep.EINVALID, "gazetteer: %s:%d: %s", file, line, fmt.Sprintf(format, args...))
	}
	var rows []placeRow
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	header := false
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if !header {
			if s != TSVHeader {
				return nil, invalid(line, "header %q, want %q", s, TSVHeader)
			}
			header = true
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 8 {
			return nil, invalid(line, "%d columns, want 8 (%s)", len(f), strings.ReplaceAll(TSVHeader, "\t", ", "))
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		row := placeRow{name: f[0], alternates: f[1], country: strings.ToUpper(f[4]), admin1: f[5], feature: f[6]}
		if text.Fold(row.name) == "" {
			return nil, invalid(line, "empty name %q", f[0])
		}
		var err error
		if row.lat, row.lon, err = parseLatLon(f[2], f[3]); err != nil {
			return nil, invalid(line, "%v", err)
		}
		if _, ok := g.countries[row.country]; !ok && row.country != "" {
			return nil, invalid(line, "unknown country code %q", f[4])
		}
		if !isWord(row.feature) {
			return nil, invalid(line, "feature %q is not a lower-case word of letters, digits or _", f[6])
		}
		if f[7] != "" {
			if row.population, err = strconv.ParseInt(f[7], 10, 64); err != nil || row.population < 0 {
				return nil, invalid(line, "population %q is not a whole number", f[7])
			}
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		return nil, invalid(line+1, "read: %v", err)
	}
	if !header {
		return nil, invalid(line, "no header %q", TSVHeader)
	}
	return rows, nil
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

func (g *Gazetteer) addRows(rows []placeRow, source string) {
	for _, r := range rows {
		g.addRow(r, source)
	}
}

// addRow adds r as a new entry, unless r only gives other names for a place
// the gazetteer has: a country (its names go to that country), a division
// of the same level and country named alike (names and the curated point go
// to it), or a populated place of the same country named alike within
// mergeKm (names go to it, GeoNames keeps its point).
func (g *Gazetteer) addRow(r placeRow, source string) {
	switch r.feature {
	case "country":
		if i, ok := g.countries[r.country]; ok {
			g.entries[i].Lat, g.entries[i].Lon = r.lat, r.lon
			g.addNames(i, r.name, r.alternates)
			return
		}
	case "admin1", "admin2":
		if i, ok := g.nearestNamed(r, math.Inf(1), r.feature); ok {
			g.entries[i].Lat, g.entries[i].Lon = r.lat, r.lon
			g.addNames(i, r.name, r.alternates)
			return
		}
	case "city", "town", "village", "hamlet", "neighbourhood":
		if i, ok := g.nearestNamed(r, mergeKm, "city", "neighbourhood"); ok {
			g.addNames(i, r.name, r.alternates)
			return
		}
	}
	e := Entry{
		Name: r.name, Lat: r.lat, Lon: r.lon, Country: r.country, Admin1: r.admin1,
		Feature: r.feature, Population: r.population, Source: source,
	}
	g.addEntry(e, 0, r.name, r.alternates)
}

// mergeKm is how far a GeoNames populated place may lie from a row naming
// it: towns' points differ by a few km between sources, distinct villages of
// the same name are usually further apart.
const mergeKm = 10

// nearestNamed returns the nearest entry within maxKm of r that one of r's
// names reaches, has r's country, and one of the features.
func (g *Gazetteer) nearestNamed(r placeRow, maxKm float64, features ...string) (int32, bool) {
	var ids []int32
	for _, n := range append([]string{r.name}, strings.Split(r.alternates, "|")...) {
		k := text.Fold(n)
		if k == "" {
			continue
		}
		ids = g.appendAll(ids, k)
	}
	best, bestKm := int32(-1), maxKm
	for _, id := range ids {
		e := &g.entries[id]
		if e.Country != r.country || !slices.Contains(features, e.Feature) {
			continue
		}
		if d := geo.DistanceKm(r.lat, r.lon, e.Lat, e.Lon); d <= bestKm {
			if d < bestKm || best < 0 || g.compare(id, best) < 0 {
				best, bestKm = id, d
			}
		}
	}
	return best, best >= 0
}
