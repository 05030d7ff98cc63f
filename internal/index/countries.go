package index

import (
	"bufio"
	"strconv"
	"strings"
	"sync"

	"github.com/biter777/countries"

	"github.com/sitrep-project/sitrep/data"
)

// Country is what the site shows of a country: the display name the
// extractor uses and the codes ACLED and the world map need.
type Country struct {
	Code    string  `json:"code"` // ISO 3166-1 alpha-2
	Name    string  `json:"name"`
	Alpha3  string  `json:"alpha3,omitempty"`
	Numeric int     `json:"numeric,omitempty"` // ISO 3166-1 numeric, the world atlas's feature id
	Lat     float64 `json:"lat,omitempty"`
	Lon     float64 `json:"lon,omitempty"`
}

var (
	countryOnce  sync.Once
	countryTable map[string]Country
)

// LookupCountry returns the country with alpha-2 code (any case). The name
// is the gazetteer's display name, the one articles are tagged with.
func LookupCountry(code string) (Country, bool) {
	countryOnce.Do(loadCountries)
	c, ok := countryTable[strings.ToUpper(code)]
	return c, ok
}

// CountryName returns the display name of code, or code itself when it is
// not a known country.
func CountryName(code string) string {
	if c, ok := LookupCountry(code); ok {
		return c.Name
	}
	return code
}

// loadCountries reads the gazetteer's country table (code, names,
// demonyms, lat, lon; the first name is the display name) and adds the
// ISO codes of biter777/countries.
func loadCountries() {
	countryTable = map[string]Country{}
	sc := bufio.NewScanner(strings.NewReader(data.GazetteerCountries))
	header := true
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f[0]) != 2 {
			continue
		}
		name, _, _ := strings.Cut(f[1], "|")
		c := Country{Code: f[0], Name: name}
		if len(f) >= 5 {
			c.Lat, _ = strconv.ParseFloat(f[3], 64)
			c.Lon, _ = strconv.ParseFloat(f[4], 64)
		}
		if cc := countries.ByName(f[0]); cc != countries.Unknown {
			c.Alpha3 = cc.Alpha3()
			c.Numeric = int(cc)
		}
		countryTable[c.Code] = c
	}
}
