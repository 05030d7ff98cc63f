package gazetteer

import (
	"fmt"
	"strings"

	"github.com/biter777/countries"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// retired lists codes biter777/countries still carries for states that no
// longer exist; news names their successors.
var retired = map[string]bool{"AN": true, "YU": true}

const countriesHeader = "code\tnames\tdemonyms\tlat\tlon"

// countryRow is one line of countries.tsv: the English names news uses for a
// country, its demonyms, and optionally a curated centre point.
type countryRow struct {
	names, demonyms string
	lat, lon        float64
	located         bool
}

// loadCountries adds one entry per current country of biter777/countries.
// Its name is the first name of countries.tsv, else biter777's; its point is
// the curated one of countries.tsv, else the representative point of its
// GeoNames places. A country with neither has no entry.
func (g *Gazetteer) loadCountries(tsv string, t *adminTable) error {
	rows, err := parseCountries(tsv)
	if err != nil {
		return err
	}
	for _, c := range countries.All() {
		code := c.Alpha2()
		if retired[code] || len(code) != 2 {
			continue
		}
		row := rows[code]
		delete(rows, code)
		e := Entry{Name: c.String(), Country: code, Feature: "country", FeatureCode: "PCLI", Source: SourceCountries}
		if first, _, _ := strings.Cut(row.names, "|"); first != "" {
			e.Name = first
		}
		e.Lat, e.Lon = row.lat, row.lon
		located := row.located
		var weight int64
		if d := t.get(code); d != nil {
			weight, e.Population = d.weight, d.weight
			if !located && d.located {
				e.Lat, e.Lon, located = d.lat, d.lon, true
			}
		}
		if !located {
			continue
		}
		g.countries[code] = g.addEntry(e, weight, c.String(), row.names)
		for _, d := range strings.Split(row.demonyms, "|") {
			g.addDemonym(text.Fold(d), code)
		}
	}
	for code := range rows {
		return fmt.Errorf("gazetteer: countries.tsv: %s is not a current country code", code)
	}
	return nil
}

// addDemonym records a demonym and its English plural: "syrian" and
// "syrians"; "sudanese", "british" and "swiss" have none.
func (g *Gazetteer) addDemonym(key, code string) {
	if key == "" {
		return
	}
	g.demonyms[key] = code
	for _, end := range []string{"ese", "sh", "ch", "s", "x", "z"} {
		if strings.HasSuffix(key, end) {
			return
		}
	}
	g.demonyms[key+"s"] = code
}

func parseCountries(tsv string) (map[string]countryRow, error) {
	const file = "countries.tsv"
	rows := map[string]countryRow{}
	header := false
	for i, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !header {
			if line != countriesHeader {
				return nil, fmt.Errorf("gazetteer: %s:%d: header %q, want %q", file, i+1, line, countriesHeader)
			}
			header = true
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("gazetteer: %s:%d: %d columns, want 5", file, i+1, len(f))
		}
		code := f[0]
		if _, dup := rows[code]; dup {
			return nil, fmt.Errorf("gazetteer: %s:%d: %s listed twice", file, i+1, code)
		}
		row := countryRow{names: f[1], demonyms: f[2]}
		if f[3] != "" || f[4] != "" {
			var err error
			if row.lat, row.lon, err = parseLatLon(f[3], f[4]); err != nil {
				return nil, fmt.Errorf("gazetteer: %s:%d: %w", file, i+1, err)
			}
			row.located = true
		}
		rows[code] = row
	}
	return rows, nil
}
