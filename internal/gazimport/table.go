package gazimport

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Fields are the names --columns maps to a table's columns. geonameid lets
// a table's place merge with the GeoNames place of that id.
var Fields = []string{"id", "name", "alt", "lat", "lon", "country", "admin1", "admin2", "feature", "population", "geonameid"}

// Columns maps sitrep's fields to the names of a table's columns. Only alt
// may have several columns; their values are split on '|'.
type Columns map[string][]string

// ParseColumns reads field=column pairs, as --columns gives them:
// "name=name_en", "alt=name_ar", "alt=names_variant".
func ParseColumns(pairs []string) (Columns, error) {
	cols := Columns{}
	for _, pair := range pairs {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		field, column, ok := strings.Cut(pair, "=")
		field, column = strings.ToLower(strings.TrimSpace(field)), strings.TrimSpace(column)
		switch {
		case !ok || column == "":
			return nil, sitrep.Errorf(sitrep.EINVALID, "columns: %q is not field=column", pair)
		case !slices.Contains(Fields, field):
			return nil, sitrep.Errorf(sitrep.EINVALID, "columns: unknown field %q (fields: %s)", field, strings.Join(Fields, ", "))
		case field != "alt" && len(cols[field]) > 0:
			return nil, sitrep.Errorf(sitrep.EINVALID, "columns: field %s given twice (only alt may name several columns)", field)
		}
		cols[field] = append(cols[field], column)
	}
	if len(cols) == 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "columns: no field=column pairs")
	}
	return cols, nil
}

// defaultColumns are the header names a table without --columns may use
// for each field, compared without case: sitrep's field names, and the
// column names of supplement.tsv and of common exports.
var defaultColumns = map[string][]string{
	"id":         {"id"},
	"name":       {"name"},
	"alt":        {"alt", "alternates", "alternate_names"},
	"lat":        {"lat", "latitude"},
	"lon":        {"lon", "lng", "long", "longitude"},
	"country":    {"country", "country_code", "iso2"},
	"admin1":     {"admin1"},
	"admin2":     {"admin2"},
	"feature":    {"feature", "type", "placetype"},
	"population": {"population"},
	"geonameid":  {"geonameid"},
}

// headerFields splits a header line at its delimiter: a tab, a comma or a
// semicolon, whichever gives the most columns.
func headerFields(line string) []string {
	return strings.Split(line, string(delimiter(line)))
}

func delimiter(line string) rune {
	best, n := ',', strings.Count(line, ",")
	for _, d := range []rune{'\t', ';'} {
		if c := strings.Count(line, string(d)); c > n {
			best, n = d, c
		}
	}
	return best
}

// tableScanner reads a CSV or TSV table with a header.
type tableScanner struct {
	in     *input
	cr     *csv.Reader
	header []string
	col    map[string][]int // field -> column indexes
	keep   []string
	// country is given to rows that name none: the one --country code.
	country string
	known   map[string]string // country cell -> alpha-2, "" when unknown
}

func newTableScanner(in *input, opt Options, keep []string) (*tableScanner, error) {
	first, err := in.br.Peek(sniffBytes)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	delim := ','
	for _, l := range strings.Split(string(first), "\n") {
		if l = strings.TrimSuffix(l, "\r"); strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
			delim = delimiter(l)
			break
		}
	}
	cr := csv.NewReader(in.br)
	cr.Comma = delim
	// HDX tables carry a second header of HXL #hashtags: a comment here.
	cr.Comment = '#'
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "gazetteer: %s: header: %v", in.name, err)
	}
	s := &tableScanner{in: in, cr: cr, header: slices.Clone(head), col: map[string][]int{}, keep: keep, known: map[string]string{}}
	if len(s.header) > 0 {
		s.header[0] = strings.TrimPrefix(s.header[0], "\ufeff")
	}
	for i := range s.header {
		s.header[i] = strings.TrimSpace(s.header[i])
	}
	if err := s.mapColumns(opt.Columns); err != nil {
		return nil, err
	}
	if len(keep) == 1 {
		s.country = keep[0]
	}
	if s.col["country"] == nil && s.country == "" {
		return nil, sitrep.Errorf(sitrep.EINVALID,
			"gazetteer: %s: no country: map a column with --columns country=COLUMN or give the file's country with --country XX", in.name)
	}
	return s, nil
}

// mapColumns finds the columns of each field: those --columns names, or
// else those the header names as defaultColumns does.
func (s *tableScanner) mapColumns(cols Columns) error {
	find := func(name string) int {
		if i := slices.Index(s.header, name); i >= 0 {
			return i
		}
		return slices.IndexFunc(s.header, func(h string) bool { return strings.EqualFold(h, name) })
	}
	if cols != nil {
		for _, field := range Fields {
			for _, name := range cols[field] {
				i := find(name)
				if i < 0 {
					return sitrep.Errorf(sitrep.EINVALID, "gazetteer: %s: --columns %s=%s: no column %q in the header (%s)",
						s.in.name, field, name, name, clip(strings.Join(s.header, ", "), 300))
				}
				s.col[field] = append(s.col[field], i)
			}
		}
	} else {
		for _, field := range Fields {
			for _, name := range defaultColumns[field] {
				if i := find(name); i >= 0 {
					s.col[field] = append(s.col[field], i)
					break
				}
			}
		}
	}
	for _, field := range []string{"name", "lat", "lon"} {
		if s.col[field] == nil {
			return sitrep.Errorf(sitrep.EINVALID, "gazetteer: %s: no %s column: map one with --columns %s=COLUMN (header: %s)",
				s.in.name, field, field, clip(strings.Join(s.header, ", "), 300))
		}
	}
	return nil
}

func (s *tableScanner) each(fn func(row, error) error) error {
	for {
		rec, err := s.cr.Read()
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if err := fn(row{line: pe.StartLine}, pe.Err); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("gazetteer: read %s: %w", s.in.name, err)
		}
		line, _ := s.cr.FieldPos(0)
		r := row{line: line}
		if len(rec) != len(s.header) {
			if err := fn(r, fmt.Errorf("%d columns, the header has %d", len(rec), len(s.header))); err != nil {
				return err
			}
			continue
		}
		p, skip, bad := s.place(rec)
		r.place, r.skip = p, skip
		if err := fn(r, bad); err != nil {
			return err
		}
	}
}

// cell returns the cleaned value of field's first column, "" when unmapped.
func (s *tableScanner) cell(rec []string, field string) string {
	if cols := s.col[field]; cols != nil {
		return clean(rec[cols[0]])
	}
	return ""
}

func (s *tableScanner) place(rec []string) (p *place, skip bool, bad error) {
	country := s.cell(rec, "country")
	if country == "" {
		country = s.country
	} else {
		code, seen := s.known[country]
		if !seen {
			code, _ = countryCode(country)
			s.known[country] = code
		}
		if code == "" {
			return nil, false, fmt.Errorf("unknown country %q", country)
		}
		country = code
	}
	if country == "" {
		return nil, false, fmt.Errorf("no country (give --country XX for rows that name none)")
	}
	if len(s.keep) > 0 && !slices.Contains(s.keep, country) {
		return nil, true, nil
	}
	p = &place{name: s.cell(rec, "name"), country: country}
	if text.Fold(p.name) == "" {
		return nil, false, fmt.Errorf("empty name %q", p.name)
	}
	la, lo := rec[s.col["lat"][0]], rec[s.col["lon"][0]]
	var err error
	if p.lat, p.lon, err = parseLatLon(la, lo); err != nil {
		return nil, false, err
	}
	if s.col["id"] != nil {
		if p.id = s.cell(rec, "id"); p.id == "" {
			return nil, false, fmt.Errorf("empty id")
		}
	} else {
		// With no id column a row is known by its name and point: a moved
		// or renamed place is a new one, and the old one goes.
		p.id = p.name + "@" + strings.TrimSpace(la) + "," + strings.TrimSpace(lo)
	}
	p.alternates = s.alternates(rec, p.name)
	p.admin1, p.admin2 = s.cell(rec, "admin1"), s.cell(rec, "admin2")
	p.feature = defaultTableFeature
	if s.col["feature"] != nil {
		raw := s.cell(rec, "feature")
		p.feature, p.featureCode = tableFeature(raw), clip(raw, 40)
	}
	if v := s.cell(rec, "population"); v != "" {
		if p.population, err = parseCount(v); err != nil {
			return nil, false, fmt.Errorf("population %q is not a whole number", v)
		}
	}
	if v := s.cell(rec, "geonameid"); v != "" {
		if p.geonameID, err = strconv.ParseInt(v, 10, 64); err != nil || p.geonameID > math.MaxInt32 {
			return nil, false, fmt.Errorf("geonameid %q is not a number", v)
		}
		p.geonameID = max(p.geonameID, 0) // -1 and 0 mean none
	}
	return p, false, nil
}

// alternates returns the |-joined names of the alt columns, each split on
// '|', other than name, each once by its folded key. A name qualified in
// parentheses, as OCHA writes "Yarmuk (Damascus)", also goes by its bare
// name. Latin-script alternates must pass the rule of GeoNames alternates
// (gazetteer.UsefulAlternate), which drops codes and lower-case machine
// romanisations; names in other scripts are kept as the file gives them.
func (s *tableScanner) alternates(rec []string, name string) string {
	seen := []string{text.Fold(name)}
	var out []string
	add := func(a string, check bool) {
		a = clean(a)
		k := text.Fold(a)
		if k == "" || slices.Contains(seen, k) || (check && isLatinKey(k) && !gazetteer.UsefulAlternate(name, a)) {
			return
		}
		seen = append(seen, k)
		out = append(out, a)
	}
	if bare, _, ok := strings.Cut(name, " ("); ok && strings.HasSuffix(name, ")") {
		add(bare, false)
	}
	for _, c := range s.col["alt"] {
		for _, a := range strings.Split(rec[c], "|") {
			add(a, true)
		}
	}
	return strings.Join(out, "|")
}

// isLatinKey reports a folded name of ASCII letters, digits and spaces.
func isLatinKey(k string) bool {
	for i := 0; i < len(k); i++ {
		if c := k[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != ' ' {
			return false
		}
	}
	return true
}

// parseCount reads a population: a whole number, or a decimal one some
// exports write ("1234.0").
func parseCount(v string) (int64, error) {
	v = strings.ReplaceAll(v, ",", "")
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
		return n, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > math.MaxInt64/2 {
		return 0, fmt.Errorf("not a whole number")
	}
	return int64(f), nil
}
