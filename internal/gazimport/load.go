package gazimport

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// LoadStats says what Load added to a gazetteer.
type LoadStats struct {
	Places  int `json:"places"`  // stored places read
	Added   int `json:"added"`   // that became entries
	Merged  int `json:"merged"`  // that gave their names to an entry the gazetteer had
	Invalid int `json:"invalid"` // that the gazetteer refused, such as a country it does not know
	// Located counts new entries without divisions that took those of the
	// nearest GeoNames place.
	Located int `json:"located"`
	// Unnamed counts places whose GeoNames admin codes no division list
	// names: import admin1CodesASCII.txt and admin2Codes.txt.
	Unnamed int           `json:"unnamed_admin"`
	Elapsed time.Duration `json:"-"`
}

// loadBatch is how many places one AddPlaces call adds.
const loadBatch = 4096

// LoadFile adds the places imported into the store at path to g. A path
// that does not exist adds nothing, and creates no file.
func LoadFile(ctx context.Context, path string, g *gazetteer.Gazetteer) (LoadStats, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return LoadStats{}, nil
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return LoadStats{}, err
	}
	st, err := Load(ctx, db.SQL(), g)
	if cerr := db.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return st, err
}

// Load adds every imported place of db to g: the country names of
// countryInfo.txt first, then the places of GeoNames dumps, then those of
// other tables, each source by name and its places by id, so that the same
// store always gives the same gazetteer and a table's village merges into
// the GeoNames village it names (see gazetteer.AddPlaces). GeoNames admin
// codes are named as the built-in gazetteer names its divisions, else by
// the imported code lists. Build the place matcher afterwards.
func Load(ctx context.Context, db *sql.DB, g *gazetteer.Gazetteer) (LoadStats, error) {
	start := time.Now()
	var st LoadStats
	sources, err := loadSources(ctx, db)
	if err != nil || len(sources) == 0 {
		return st, err
	}
	l := &loader{db: db, g: g, st: &st, intern: map[string]string{}}
	for _, s := range sources {
		switch s.format {
		case FormatCountryInfo:
			err = l.countries(ctx, s.name)
		case FormatGeoNames, FormatTable:
			if s.format == FormatGeoNames && l.admin == nil {
				if err = l.loadAdminNames(ctx); err != nil {
					break
				}
			}
			err = l.places(ctx, s)
		}
		if err != nil {
			return st, err
		}
	}
	st.Elapsed = time.Since(start)
	return st, nil
}

type source struct {
	name   string
	format Format
}

func loadSources(ctx context.Context, db *sql.DB) ([]source, error) {
	rows, err := db.QueryContext(ctx, `SELECT name, format FROM gazetteer_sources
		ORDER BY CASE format WHEN 'countryinfo' THEN 0 WHEN 'geonames' THEN 1 ELSE 2 END, name`)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: load sources: %w", err)
	}
	defer rows.Close()
	var out []source
	for rows.Next() {
		var s source
		if err := rows.Scan(&s.name, &s.format); err != nil {
			return nil, fmt.Errorf("gazetteer: load sources: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

type loader struct {
	db     *sql.DB
	g      *gazetteer.Gazetteer
	st     *LoadStats
	admin  map[string]string // GeoNames admin code -> division name
	intern map[string]string // one copy of each repeated string
	batch  []gazetteer.Place
}

// loadAdminNames reads the division names: the built-in gazetteer's, whose
// names the resolver compares (Entry.Admin1), then the imported lists'.
func (l *loader) loadAdminNames(ctx context.Context) error {
	l.admin = map[string]string{}
	if err := gazetteer.DivisionNames(func(code, name string) { l.admin[code] = name }); err != nil {
		return err
	}
	rows, err := l.db.QueryContext(ctx, "SELECT code, name FROM gazetteer_codes WHERE level IN ('admin1', 'admin2') ORDER BY source")
	if err != nil {
		return fmt.Errorf("gazetteer: load admin codes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, name string
		if err := rows.Scan(&code, &name); err != nil {
			return fmt.Errorf("gazetteer: load admin codes: %w", err)
		}
		if _, ok := l.admin[code]; !ok {
			l.admin[code] = name
		}
	}
	return rows.Err()
}

// countries adds the names of countryInfo.txt to the gazetteer's countries.
func (l *loader) countries(ctx context.Context, src string) error {
	rows, err := l.db.QueryContext(ctx, "SELECT code, name FROM gazetteer_codes WHERE source = ? AND level = 'country' ORDER BY code", src)
	if err != nil {
		return fmt.Errorf("gazetteer: load %s: %w", src, err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, name string
		if err := rows.Scan(&code, &name); err != nil {
			return fmt.Errorf("gazetteer: load %s: %w", src, err)
		}
		c := l.g.Country(code)
		if c == nil {
			l.st.Invalid++
			continue
		}
		l.st.Places++
		p := gazetteer.Place{Entry: gazetteer.Entry{
			Name: name, Lat: c.Lat, Lon: c.Lon, Country: c.Country, Feature: "country",
			Source: gazetteer.SourceGeoNames, Dataset: l.str(src),
		}}
		if err := l.add(p); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("gazetteer: load %s: %w", src, err)
	}
	return l.flush()
}

func (l *loader) places(ctx context.Context, s source) error {
	rows, err := l.db.QueryContext(ctx, `SELECT name, alternates, lat, lon, country, admin1, admin2,
		admin1_code, admin2_code, feature, feature_code, population, geonameid
		FROM gazetteer_places WHERE source = ? ORDER BY id`, s.name)
	if err != nil {
		return fmt.Errorf("gazetteer: load %s: %w", s.name, err)
	}
	defer rows.Close()
	dataset := l.str(s.name)
	var (
		alternates, a1code, a2code, code string
		geonameID                        int64
	)
	for rows.Next() {
		var e gazetteer.Entry
		if err := rows.Scan(&e.Name, &alternates, &e.Lat, &e.Lon, &e.Country, &e.Admin1, &e.Admin2,
			&a1code, &a2code, &e.Feature, &code, &e.Population, &geonameID); err != nil {
			return fmt.Errorf("gazetteer: load %s: %w", s.name, err)
		}
		l.st.Places++
		e.ID = int(geonameID)
		e.Dataset = dataset
		e.Source = gazetteer.SourceImported
		if s.format == FormatGeoNames {
			e.Source = gazetteer.SourceGeoNames
			_, e.FeatureCode, _ = strings.Cut(code, ".")
			l.nameAdmin(&e, a1code, a2code)
		}
		e.Country, e.Admin1, e.Admin2 = l.str(e.Country), l.str(e.Admin1), l.str(e.Admin2)
		e.Feature, e.FeatureCode = l.str(e.Feature), l.str(e.FeatureCode)
		p := gazetteer.Place{Entry: e}
		if alternates != "" {
			p.Alternates = strings.Split(alternates, "|")
		}
		if err := l.add(p); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("gazetteer: load %s: %w", s.name, err)
	}
	return l.flush()
}

// nameAdmin sets the division names of a GeoNames place from its codes.
func (l *loader) nameAdmin(e *gazetteer.Entry, a1, a2 string) {
	if a1 == "" || a1 == "00" {
		return
	}
	k1 := e.Country + "." + a1
	if e.Admin1 = l.admin[k1]; e.Admin1 == "" {
		l.st.Unnamed++
		return
	}
	if a2 != "" {
		e.Admin2 = l.admin[k1+"."+a2]
	}
}

// add queues p, unless the gazetteer would refuse it.
func (l *loader) add(p gazetteer.Place) error {
	if l.g.Check(&p) != nil {
		l.st.Invalid++
		return nil
	}
	l.batch = append(l.batch, p)
	if len(l.batch) >= loadBatch {
		return l.flush()
	}
	return nil
}

func (l *loader) flush() error {
	if len(l.batch) == 0 {
		return nil
	}
	st, err := l.g.AddPlaces(l.batch)
	if err != nil {
		return err
	}
	l.st.Added += st.Added
	l.st.Merged += st.Merged
	l.st.Located += st.Located
	clear(l.batch)
	l.batch = l.batch[:0]
	return nil
}

// str returns the one copy of s, so that the thousands of entries of one
// country or feature share their strings.
func (l *loader) str(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := l.intern[s]; ok {
		return v
	}
	l.intern[s] = s
	return s
}
