package gazimport

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/biter777/countries"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// row is one data row of a file: a place, a code, or a row to skip (a
// feature or country the import does not keep).
type row struct {
	line  int
	skip  bool
	place *place
	code  *code
}

func (r row) country() string {
	if r.place != nil {
		return r.place.country
	}
	return r.code.country
}

// place is a stored place (table gazetteer_places).
type place struct {
	id                     string
	name, alternates       string // alternates |-separated
	lat, lon               float64
	country                string
	admin1, admin2         string
	admin1Code, admin2Code string
	feature, featureCode   string
	population, geonameID  int64
}

// code is a stored code list row (table gazetteer_codes).
type code struct {
	code, level, name, asciiName string
	country                      string
	geonameID, population        int64
}

// scanner calls fn with every data row of a file, and a reason when the row
// is bad. It stops at the first error fn returns.
type scanner interface {
	each(fn func(r row, bad error) error) error
}

func newScanner(f Format, in *input, opt Options, keep []string) (scanner, error) {
	lines := &lineScanner{in: in, keep: keep, known: map[string]bool{}}
	switch f {
	case FormatGeoNames:
		return &geonamesScanner{lineScanner: lines}, nil
	case FormatAdmin1, FormatAdmin2:
		return &codesScanner{lineScanner: lines, level: string(f)}, nil
	case FormatCountryInfo:
		return &countryInfoScanner{lineScanner: lines}, nil
	}
	return newTableScanner(in, opt, keep)
}

// lineScanner reads the tab-separated lines of GeoNames files.
type lineScanner struct {
	in    *input
	keep  []string        // countries to keep; all when empty
	known map[string]bool // country codes checked
}

// lines calls fn with each line that is not blank or a # comment.
func (s *lineScanner) lines(fn func(n int, line string, long bool) error) error {
	n := 0
	for {
		l, err := readLine(s.in.br)
		n++
		switch {
		case err == io.EOF:
			return nil
		case err == errLongLine:
			if err := fn(n, "", true); err != nil {
				return err
			}
			continue
		case err != nil:
			return fmt.Errorf("gazetteer: read %s:%d: %w", s.in.name, n, err)
		}
		if strings.TrimSpace(l) == "" || l[0] == '#' {
			continue
		}
		if err := fn(n, l, false); err != nil {
			return err
		}
	}
}

// kept reports whether a country passes the --country filter.
func (s *lineScanner) kept(country string) bool {
	return len(s.keep) == 0 || slices.Contains(s.keep, country)
}

// checkCountry reports a known alpha-2 code or "" (no country).
func (s *lineScanner) checkCountry(c string) error {
	if c == "" {
		return nil
	}
	ok, seen := s.known[c]
	if !seen {
		_, ok = countryCode(c)
		ok = ok && isUpper(c, 2)
		s.known[c] = ok
	}
	if !ok {
		return fmt.Errorf("unknown country code %q", c)
	}
	return nil
}

// countryCode returns the alpha-2 code of an alpha-2 or alpha-3 code or an
// English country name, in any case.
func countryCode(s string) (string, bool) {
	c := countries.ByName(strings.TrimSpace(s))
	code := c.Alpha2()
	if len(code) != 2 || !isUpper(code, 2) || code == "XX" || c.String() == "None" {
		return "", false
	}
	return code, true
}

// split cuts line at tabs into f, which must have room for every column;
// it returns how many columns the line has.
func split(line string, f []string) int {
	n := 0
	for {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			if n < len(f) {
				f[n] = line
			}
			return n + 1
		}
		if n < len(f) {
			f[n] = line[:i]
		}
		line = line[i+1:]
		n++
	}
}

// geonamesScanner reads the geoname table. Columns: geonameid, name,
// asciiname, alternatenames, latitude, longitude, feature class, feature
// code, country code, cc2, admin1 code, admin2 code, admin3 code, admin4
// code, population, elevation, dem, timezone, modification date.
type geonamesScanner struct{ *lineScanner }

func (s *geonamesScanner) each(fn func(row, error) error) error {
	var f [19]string
	return s.lines(func(n int, line string, long bool) error {
		r := row{line: n}
		if long {
			return fn(r, errLongLine)
		}
		if cols := split(line, f[:]); cols != 19 {
			return fn(r, fmt.Errorf("%d tab-separated columns, want 19", cols))
		}
		feature, ok := geonamesFeature(f[6], f[7])
		if !ok || !s.kept(f[8]) {
			r.skip = true
			return fn(r, nil)
		}
		p, err := s.place(f[:], feature)
		r.place = p
		return fn(r, err)
	})
}

func (s *geonamesScanner) place(f []string, feature string) (*place, error) {
	id, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil || id <= 0 || id > math.MaxInt32 {
		return nil, fmt.Errorf("geonameid %q is not a positive number", f[0])
	}
	name := clean(f[1])
	if text.Fold(name) == "" {
		return nil, fmt.Errorf("empty name %q", f[1])
	}
	lat, lon, err := parseLatLon(f[4], f[5])
	if err != nil {
		return nil, err
	}
	if err := s.checkCountry(f[8]); err != nil {
		return nil, err
	}
	var pop int64
	if f[14] != "" {
		if pop, err = strconv.ParseInt(f[14], 10, 64); err != nil || pop < 0 {
			return nil, fmt.Errorf("population %q is not a whole number", f[14])
		}
	}
	p := &place{
		id: f[0], name: name, lat: lat, lon: lon, country: f[8],
		admin1Code: strings.TrimSpace(f[10]), admin2Code: strings.TrimSpace(f[11]),
		feature: feature, featureCode: f[6] + "." + f[7], population: pop, geonameID: id,
	}
	if feature != "country" {
		// A country's other names in a hundred languages would match
		// common words; its English names come from the built-in list.
		p.alternates = usefulAlternates(name, f[2], f[3])
	}
	return p, nil
}

// usefulAlternates returns the |-joined alternate names (the ASCII name and
// the comma-separated list) that the built-in gazetteer would keep, each
// once by its folded key.
func usefulAlternates(name, ascii, list string) string {
	seen := []string{text.Fold(name)}
	var out []string
	add := func(a string) {
		a = clean(a)
		if !gazetteer.UsefulAlternate(name, a) {
			return
		}
		k := text.Fold(a)
		if slices.Contains(seen, k) {
			return
		}
		seen = append(seen, k)
		out = append(out, a)
	}
	add(ascii)
	for list != "" {
		var a string
		a, list, _ = strings.Cut(list, ",")
		add(a)
	}
	return strings.Join(out, "|")
}

// codesScanner reads admin1CodesASCII.txt or admin2Codes.txt: code, name,
// ASCII name, geonameid.
type codesScanner struct {
	*lineScanner
	level string
}

func (s *codesScanner) each(fn func(row, error) error) error {
	var f [4]string
	want := 1
	if s.level == string(FormatAdmin2) {
		want = 2
	}
	return s.lines(func(n int, line string, long bool) error {
		r := row{line: n}
		if long {
			return fn(r, errLongLine)
		}
		if cols := split(line, f[:]); cols != 4 {
			return fn(r, fmt.Errorf("%d tab-separated columns, want 4 (code, name, asciiname, geonameid)", cols))
		}
		if adminLevel(f[0]) != want {
			return fn(r, fmt.Errorf("code %q is not an %s code", f[0], s.level))
		}
		country := f[0][:2]
		if !s.kept(country) {
			r.skip = true
			return fn(r, nil)
		}
		if err := s.checkCountry(country); err != nil {
			return fn(r, err)
		}
		c := &code{code: f[0], level: s.level, name: clean(f[1]), asciiName: clean(f[2]), country: country}
		if c.name == "" {
			return fn(r, fmt.Errorf("empty name"))
		}
		id, err := strconv.ParseInt(f[3], 10, 64)
		if err != nil || id < 0 {
			return fn(r, fmt.Errorf("geonameid %q is not a number", f[3]))
		}
		c.geonameID = id
		r.code = c
		return fn(r, nil)
	})
}

// countryInfoScanner reads countryInfo.txt: ISO, ISO3, ISO-Numeric, fips,
// Country, Capital, Area, Population, Continent, tld, CurrencyCode,
// CurrencyName, Phone, postal code format and regex, Languages, geonameid,
// neighbours, EquivalentFipsCode.
type countryInfoScanner struct{ *lineScanner }

func (s *countryInfoScanner) each(fn func(row, error) error) error {
	var f [19]string
	return s.lines(func(n int, line string, long bool) error {
		r := row{line: n}
		if long {
			return fn(r, errLongLine)
		}
		if cols := split(line, f[:]); cols < 17 || cols > 19 {
			return fn(r, fmt.Errorf("%d tab-separated columns, want 19", cols))
		}
		if !isUpper(f[0], 2) {
			return fn(r, fmt.Errorf("ISO code %q is not two capital letters", f[0]))
		}
		if !s.kept(f[0]) {
			r.skip = true
			return fn(r, nil)
		}
		if err := s.checkCountry(f[0]); err != nil {
			return fn(r, err)
		}
		c := &code{code: f[0], level: "country", name: clean(f[4]), country: f[0]}
		if c.name == "" {
			return fn(r, fmt.Errorf("empty country name"))
		}
		var err error
		if f[7] != "" {
			if c.population, err = strconv.ParseInt(f[7], 10, 64); err != nil || c.population < 0 {
				return fn(r, fmt.Errorf("population %q is not a whole number", f[7]))
			}
		}
		if f[16] != "" {
			if c.geonameID, err = strconv.ParseInt(f[16], 10, 64); err != nil || c.geonameID < 0 {
				return fn(r, fmt.Errorf("geonameid %q is not a number", f[16]))
			}
		}
		r.code = c
		return fn(r, nil)
	})
}

func parseLatLon(la, lo string) (float64, float64, error) {
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(la), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
	if err1 != nil || err2 != nil || math.IsNaN(lat) || math.IsNaN(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, fmt.Errorf("bad coordinates %q %q", la, lo)
	}
	return lat, lon, nil
}

// clean removes what would break a |-list or a line and collapses spaces.
func clean(s string) string {
	if !strings.ContainsAny(s, "|\t\r\n") && !strings.Contains(s, "  ") && s == strings.TrimSpace(s) {
		return s
	}
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r', '|':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
