package events

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/biter777/countries"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// countryNames gives each country the English name ACLED writes in actor
// names ("Civilians (Syria)", "Military Forces of Mali") and reads
// nationality adjectives ("Ukrainian soldiers").
type countryNames struct {
	names    map[string]string // alpha-2 -> name
	demonyms map[string]string // folded demonym -> alpha-2
}

// acledNames are the names ACLED writes where the gazetteer's display name
// differs.
var acledNames = map[string]string{
	"CD": "Democratic Republic of Congo",
	"CG": "Republic of Congo",
	"SZ": "eSwatini",
	"VA": "Vatican City",
	"XK": "Kosovo",
}

// theNames take "the" after "Forces of": "Military Forces of the United
// States".
var theNames = map[string]bool{
	"US": true, "GB": true, "CD": true, "CG": true, "AE": true, "PH": true,
	"NL": true, "CF": true, "DO": true, "GM": true, "BS": true, "CZ": true,
}

// loadCountryNames reads the gazetteer's country table (code, names,
// demonyms): the first name is the display name.
func loadCountryNames(tsv string) (*countryNames, error) {
	cn := &countryNames{names: make(map[string]string, 256), demonyms: make(map[string]string, 512)}
	sc := bufio.NewScanner(strings.NewReader(tsv))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "code\t") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 3 {
			return nil, fmt.Errorf("events: countries line %d: %d columns, want at least 3", n, len(cols))
		}
		code := strings.ToUpper(strings.TrimSpace(cols[0]))
		name, _, _ := strings.Cut(cols[1], "|")
		cn.names[code] = strings.TrimSpace(name)
		for _, dm := range strings.Split(cols[2], "|") {
			if k := text.Fold(dm); k != "" {
				cn.demonyms[k] = code
				cn.demonyms[k+"s"] = code
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("events: read countries: %w", err)
	}
	for code, name := range acledNames {
		cn.names[code] = name
	}
	return cn, nil
}

// name returns the English name of an alpha-2 code, "" when unknown.
func (cn *countryNames) name(code string) string {
	if code == "" {
		return ""
	}
	if n, ok := cn.names[code]; ok {
		return n
	}
	if c := countries.ByName(code); c != countries.Unknown {
		return c.String()
	}
	return ""
}

// forcesOf returns the name of a state force of a country: "Military
// Forces of the United States".
func (cn *countryNames) forcesOf(prefix, code string) string {
	n := cn.name(code)
	if n == "" {
		return prefix
	}
	if theNames[code] {
		return prefix + " of the " + n
	}
	return prefix + " of " + n
}

// qualified returns a generic actor name with its country in brackets:
// "Civilians (Syria)".
func (cn *countryNames) qualified(name, code string) string {
	if n := cn.name(code); n != "" {
		return name + " (" + n + ")"
	}
	return name
}
