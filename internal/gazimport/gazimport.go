// Package gazimport imports fuller gazetteers into the store and loads them
// into the extractor's gazetteer: GeoNames dumps (per-country XX.txt or
// XX.zip, allCountries.zip), the GeoNames code lists that name divisions
// and countries (admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt),
// and other CSV or TSV tables such as OCHA populated places or Who's On
// First exports, through a mapping of their columns.
//
// Files are recognised by their content, streamed with bounded memory and
// written in batched transactions. Each file is one source; re-importing
// it updates its places by (source, id), and deletes those it no longer
// has once the import is complete. The tables are created by the store's
// migration 0002_gazetteer.sql.
package gazimport

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Format is the kind of gazetteer file.
type Format string

const (
	FormatGeoNames    Format = "geonames"    // the 19-column geoname table
	FormatAdmin1      Format = "admin1"      // admin1CodesASCII.txt
	FormatAdmin2      Format = "admin2"      // admin2Codes.txt
	FormatCountryInfo Format = "countryinfo" // countryInfo.txt
	FormatTable       Format = "table"       // CSV or TSV with a header
)

// Options configure one import.
type Options struct {
	// Source names the import; default the file's base name ("SY.zip").
	Source string
	// Countries keeps only the rows of these alpha-2 codes, and gives the
	// one code, when there is one, to table rows that name no country.
	Countries []string
	// Columns maps sitrep's fields to a table's columns (see ParseColumns).
	// Setting it reads the file as a table.
	Columns Columns
	// Progress, when set, follows the bytes read.
	Progress Progress
}

// Progress follows an import: Begin with the file's name and size in bytes
// (-1 when unknown), Read with each chunk read, End when done.
type Progress interface {
	Begin(name string, size int64)
	Read(n int)
	End()
}

// Report says what one import did.
type Report struct {
	Source string `json:"source"`
	Path   string `json:"path"`
	Format Format `json:"format"`
	// Rows is the number of data rows read; each is added, updated,
	// unchanged, skipped (a feature or country not kept) or bad.
	Rows      int `json:"rows"`
	Added     int `json:"added"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Skipped   int `json:"skipped"`
	Bad       int `json:"bad"`
	// Removed counts the rows of earlier imports of the source that the file
	// no longer has.
	Removed   int                `json:"removed"`
	Countries map[string]*Counts `json:"countries"`
	// BadRows lists the first bad rows, with their reasons.
	BadRows []*RowError   `json:"bad_rows,omitempty"`
	Elapsed time.Duration `json:"-"`
	Seconds float64       `json:"seconds"` // Elapsed
}

// Counts are one country's share of a Report.
type Counts struct {
	Added     int `json:"added"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Removed   int `json:"removed"`
}

// RowError is a bad row: its file, line and why it was skipped.
type RowError struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

func (e *RowError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason) }

// maxBadRows is how many bad rows a Report lists; the rest are counted.
const maxBadRows = 20

// sniffRows is how many data rows are read before anything is written: a
// file whose first rows are mostly bad is rejected untouched.
const sniffRows = 1000

// batchRows is how many rows one transaction writes.
const batchRows = 5000

func (r *Report) country(code string) *Counts {
	c := r.Countries[code]
	if c == nil {
		c = &Counts{}
		r.Countries[code] = c
	}
	return c
}

// CountryCodes returns the countries of the report, sorted.
func (r *Report) CountryCodes() []string {
	codes := make([]string, 0, len(r.Countries))
	for c := range r.Countries {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// mostlyBad reports a file to reject: more than half its rows bad.
func mostlyBad(bad, rows int) bool { return rows > 0 && bad*2 > rows }

// Importer writes gazetteer files into a store's tables.
type Importer struct {
	DB  *sql.DB
	Now func() time.Time
}

// Import reads the gazetteer file at path into the store. A file that is
// not a gazetteer, or whose rows are mostly bad, is rejected with the
// reason (sitrep.EINVALID); its first rows are checked before anything is
// written. A few bad rows are skipped and listed in the report. An import
// that fails after writing keeps the rows it wrote; importing the file
// again completes it.
func (im *Importer) Import(ctx context.Context, path string, opt Options) (*Report, error) {
	start := time.Now()
	countries, err := normaliseCountries(opt.Countries)
	if err != nil {
		return nil, err
	}
	in, err := openInput(path)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	if opt.Progress != nil {
		opt.Progress.Begin(filepath.Base(path), in.size)
		defer opt.Progress.End()
		in.progress = opt.Progress
	}
	format, err := sniff(in, opt.Columns != nil)
	if err != nil {
		return nil, err
	}
	src := opt.Source
	if src == "" {
		src = DefaultSource(path, countries)
	}
	rep := &Report{Source: src, Path: path, Format: format, Countries: map[string]*Counts{}}
	scan, err := newScanner(format, in, opt, countries)
	if err != nil {
		return nil, err
	}
	now := time.Now
	if im.Now != nil {
		now = im.Now
	}
	w := &writer{db: im.DB, source: src, rep: rep, file: in.name}
	err = im.run(ctx, scan, w, path, format, now())
	rep.Elapsed = time.Since(start)
	rep.Seconds = rep.Elapsed.Seconds()
	return rep, err
}

// run reads every row of scan and writes the good ones through w. Nothing
// is written until sniffRows rows have been read, so a file that starts
// mostly bad leaves the store untouched.
func (im *Importer) run(ctx context.Context, scan scanner, w *writer, path string, format Format, now time.Time) error {
	rep, file := w.rep, w.file
	var pending []row
	started := false
	start := func() error {
		if mostlyBad(rep.Bad, rep.Rows) {
			return rejectMostlyBad(rep, path)
		}
		if err := w.begin(ctx, format, path, now); err != nil {
			return err
		}
		started = true
		for _, p := range pending {
			if err := w.add(ctx, p); err != nil {
				return err
			}
		}
		pending = nil
		return nil
	}
	err := scan.each(func(r row, rowErr error) error {
		rep.Rows++
		switch {
		case rowErr != nil:
			rep.Bad++
			if len(rep.BadRows) < maxBadRows {
				rep.BadRows = append(rep.BadRows, &RowError{File: file, Line: r.line, Reason: rowErr.Error()})
			}
			if rep.Bad > sniffRows && mostlyBad(rep.Bad, rep.Rows) {
				return rejectMostlyBad(rep, path)
			}
			return nil
		case r.skip:
			rep.Skipped++
			return nil
		case started:
			return w.add(ctx, r)
		}
		pending = append(pending, r)
		if rep.Rows >= sniffRows {
			return start()
		}
		return nil
	})
	switch {
	case err != nil:
		return err
	case rep.Rows == 0:
		return sitrep.Errorf(sitrep.EINVALID, "gazetteer: %s: no rows", path)
	case mostlyBad(rep.Bad, rep.Rows):
		return rejectMostlyBad(rep, path)
	case !started:
		if err := start(); err != nil {
			return err
		}
	}
	return w.finish(ctx)
}

func rejectMostlyBad(rep *Report, path string) error {
	first := ""
	if len(rep.BadRows) > 0 {
		first = "; first: " + rep.BadRows[0].Error()
	}
	return sitrep.Errorf(sitrep.EINVALID, "gazetteer: %s: rejected: %d of %d rows are bad%s", path, rep.Bad, rep.Rows, first)
}

// DefaultSource names the import of path when --source is not given: the
// file's base name, with the countries kept when there is a filter, so that
// "allCountries.zip:SY" and "allCountries.zip:IQ" are two sources.
func DefaultSource(path string, countries []string) string {
	base := filepath.Base(path)
	if len(countries) == 0 {
		return base
	}
	return base + ":" + strings.Join(countries, ",")
}

// normaliseCountries checks --country codes.
func normaliseCountries(codes []string) ([]string, error) {
	var out []string
	for _, c := range codes {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		code, ok := countryCode(c)
		if !ok {
			return nil, sitrep.Errorf(sitrep.EINVALID, "gazetteer: unknown country %q (want an ISO 3166-1 alpha-2 code such as SY)", c)
		}
		out = append(out, code)
	}
	return out, nil
}
