package gazetteer

import (
	"compress/gzip"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer/internal/build"
)

// The generated tables (see internal/build for how they are made). Their
// text stays in memory as one string each: entry names and keys are
// substrings of it, so the half million keys cost no allocation. Keys were
// folded by text.Fold at build time (TestStoredKeys checks they still agree).
const (
	placesHeader = build.PlacesHeader
	adminHeader  = build.AdminHeader
)

// division is one row of admin.tsv.gz: a country or administrative division
// with the representative point of its places.
type division struct {
	level, code, name, key, altKeys string
	lat, lon                        float64
	located                         bool // lat/lon known (it has places)
	weight                          int64
}

// adminTable holds the divisions by code: "SY", "SY.07", "SY.07.170793".
type adminTable struct {
	byCode map[string]int
	rows   []division
}

func (t *adminTable) get(code string) *division {
	if i, ok := t.byCode[code]; ok {
		return &t.rows[i]
	}
	return nil
}

// nameOf returns the name of the division whose code is parts joined by
// dots. buf is scratch space, so the lookup allocates nothing.
func (t *adminTable) nameOf(buf *[]byte, parts ...string) string {
	b := (*buf)[:0]
	for i, p := range parts {
		if i > 0 {
			b = append(b, '.')
		}
		b = append(b, p...)
	}
	*buf = b
	if i, ok := t.byCode[string(b)]; ok {
		return t.rows[i].name
	}
	return ""
}

// gunzip returns the decompressed text of a gzipped table.
func gunzip(gz, file string) (string, error) {
	zr, err := gzip.NewReader(strings.NewReader(gz))
	if err != nil {
		return "", fmt.Errorf("gazetteer: read %s: %w", file, err)
	}
	var b strings.Builder
	b.Grow(len(gz) * 3)
	if _, err := io.Copy(&b, zr); err != nil {
		return "", fmt.Errorf("gazetteer: read %s: %w", file, err)
	}
	return b.String(), nil
}

// eachRow calls fn with the fields of every line after the header, which it
// checks. fields is reused between calls.
func eachRow(text, file, header string, columns int, fn func(line int, f []string) error) error {
	head, rest, _ := strings.Cut(text, "\n")
	if head != header {
		return fmt.Errorf("gazetteer: %s: header %q, want %q (regenerate with make gazetteer)", file, head, header)
	}
	f := make([]string, columns)
	for line := 2; rest != ""; line++ {
		var row string
		row, rest, _ = strings.Cut(rest, "\n")
		n := 0
		for n < columns-1 {
			var ok bool
			if f[n], row, ok = strings.Cut(row, "\t"); !ok {
				break
			}
			n++
		}
		if n != columns-1 || strings.Contains(row, "\t") {
			return fmt.Errorf("gazetteer: %s:%d: want %d columns", file, line, columns)
		}
		f[n] = row
		if err := fn(line, f); err != nil {
			return err
		}
	}
	return nil
}

func readAdmin(gz string) (*adminTable, error) {
	const file = "admin.tsv.gz"
	txt, err := gunzip(gz, file)
	if err != nil {
		return nil, err
	}
	n := strings.Count(txt, "\n")
	t := &adminTable{byCode: make(map[string]int, n), rows: make([]division, 0, n)}
	err = eachRow(txt, file, adminHeader, 8, func(line int, f []string) error {
		d := division{level: f[0], code: f[1], name: f[2], key: f[3], altKeys: f[4]}
		if f[5] != "" {
			d.lat, d.lon, err = parseLatLon(f[5], f[6])
			if err != nil {
				return fmt.Errorf("gazetteer: %s:%d: %w", file, line, err)
			}
			d.located = true
		}
		if d.weight, err = strconv.ParseInt(f[7], 10, 64); err != nil {
			return fmt.Errorf("gazetteer: %s:%d: weight: %w", file, line, err)
		}
		t.byCode[d.code] = len(t.rows)
		t.rows = append(t.rows, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// loadDivisions adds every located admin1 and admin2 division as an entry.
func (g *Gazetteer) loadDivisions(t *adminTable) {
	var buf []byte
	for _, d := range t.rows {
		if !d.located || d.level == "country" {
			continue
		}
		country, a1code, _ := strings.Cut(d.code, ".")
		e := Entry{
			Name: d.name, Lat: d.lat, Lon: d.lon, Country: country,
			Feature: d.level, FeatureCode: strings.ToUpper(strings.Replace(d.level, "admin", "ADM", 1)),
			Source: SourceGeoNames,
		}
		if d.level == "admin1" {
			e.Admin1 = d.name
		} else {
			a1, _, _ := strings.Cut(a1code, ".")
			e.Admin1 = t.nameOf(&buf, country, a1)
			e.Admin2 = d.name
		}
		g.addKeyedEntry(e, d.weight, d.key, d.altKeys)
	}
}

const placesFile = "cities500.tsv.gz"

func (g *Gazetteer) loadPlaces(txt string, t *adminTable) error {
	const file = placesFile
	var buf []byte
	return eachRow(txt, file, placesHeader, 11, func(line int, f []string) error {
		id, err := strconv.Atoi(f[0])
		if err != nil || id <= 0 {
			return fmt.Errorf("gazetteer: %s:%d: geonameid %q", file, line, f[0])
		}
		lat, lon, err := parseLatLon(f[3], f[4])
		if err != nil {
			return fmt.Errorf("gazetteer: %s:%d: %w", file, line, err)
		}
		pop, err := strconv.ParseInt(f[9], 10, 64)
		if err != nil {
			return fmt.Errorf("gazetteer: %s:%d: population: %w", file, line, err)
		}
		e := Entry{
			ID: id, Name: f[1], Lat: lat, Lon: lon, Country: f[5],
			Feature: "city", FeatureCode: f[8], Population: pop, Source: SourceGeoNames,
		}
		if e.FeatureCode == "PPLX" {
			e.Feature = "neighbourhood" // a section of a populated place
		}
		if f[6] != "" {
			e.Admin1 = t.nameOf(&buf, f[5], f[6])
			if f[7] != "" {
				e.Admin2 = t.nameOf(&buf, f[5], f[6], f[7])
			}
		}
		if f[2] == "" {
			return fmt.Errorf("gazetteer: %s:%d: empty key", file, line)
		}
		g.addKeyedEntry(e, 0, f[2], f[10])
		return nil
	})
}

func parseLatLon(la, lo string) (float64, float64, error) {
	lat, err1 := strconv.ParseFloat(la, 64)
	lon, err2 := strconv.ParseFloat(lo, 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, fmt.Errorf("bad coordinates %q %q", la, lo)
	}
	return lat, lon, nil
}
