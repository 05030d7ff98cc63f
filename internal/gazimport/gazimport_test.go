package gazimport

import (
	"archive/zip"
	"compress/gzip"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

func openDB(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "gazetteer.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db.SQL()
}

func importFile(t testing.TB, db *sql.DB, path string, opt Options) *Report {
	t.Helper()
	rep, err := (&Importer{DB: db}).Import(t.Context(), path, opt)
	if err != nil {
		t.Fatalf("Import(%s): %v", path, err)
	}
	return rep
}

// storedPlace is a row of gazetteer_places as the tests compare it.
type storedPlace struct {
	Name, Alternates, Country, Admin1Code, Admin2Code, Feature, FeatureCode string
	Population, GeonameID                                                   int64
}

func readPlace(t *testing.T, db *sql.DB, source, id string) *storedPlace {
	t.Helper()
	var p storedPlace
	err := db.QueryRow(`SELECT name, alternates, country, admin1_code, admin2_code, feature, feature_code, population, geonameid
		FROM gazetteer_places WHERE source = ? AND id = ?`, source, id).
		Scan(&p.Name, &p.Alternates, &p.Country, &p.Admin1Code, &p.Admin2Code, &p.Feature, &p.FeatureCode, &p.Population, &p.GeonameID)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return &p
}

func countRows(t *testing.T, db *sql.DB, table, source string) int {
	t.Helper()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM "+table+" WHERE source = ?", source).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// wantCounts checks a report's totals.
func wantCounts(t *testing.T, rep *Report, rows, added, updated, unchanged, removed, skipped, bad int) {
	t.Helper()
	got := []int{rep.Rows, rep.Added, rep.Updated, rep.Unchanged, rep.Removed, rep.Skipped, rep.Bad}
	want := []int{rows, added, updated, unchanged, removed, skipped, bad}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: rows, added, updated, unchanged, removed, skipped, bad = %v, want %v", rep.Source, got, want)
	}
}

func TestImportGeoNames(t *testing.T) {
	db := openDB(t)
	rep := importFile(t, db, "testdata/geonames.txt", Options{})
	if rep.Format != FormatGeoNames || rep.Source != "geonames.txt" {
		t.Errorf("format %s, source %s; want geonames, geonames.txt", rep.Format, rep.Source)
	}
	// 16 rows: 3 bad, 4 features not kept (spring, slope, road,
	// historical place).
	wantCounts(t, rep, 16, 9, 0, 0, 0, 4, 3)
	if got, want := rep.Countries, map[string]*Counts{"SY": {Added: 8}, "IQ": {Added: 1}}; !reflect.DeepEqual(got, want) {
		t.Errorf("countries = %v, want %v", got, want)
	}
	var bad []string
	for _, b := range rep.BadRows {
		bad = append(bad, b.Error())
	}
	wantBad := []string{
		"geonames.txt:10: 18 tab-separated columns, want 19",
		`geonames.txt:11: bad coordinates "95.0" "40.0"`,
		`geonames.txt:12: population "many" is not a whole number`,
	}
	if !reflect.DeepEqual(bad, wantBad) {
		t.Errorf("bad rows = %q, want %q", bad, wantBad)
	}

	tests := []struct {
		id   string
		want *storedPlace
	}{
		// Latin alternates kept; Arabic, a code, a lower-case romanisation
		// and the name itself dropped.
		{"900000001", &storedPlace{Name: "Qarmāzah", Alternates: "Qarmaza|Karmaza", Country: "SY", Admin1Code: "07", Feature: "city", FeatureCode: "P.PPL", GeonameID: 900000001}},
		{"900000002", &storedPlace{Name: "Ḩārat as Sūq", Country: "SY", Admin1Code: "07", Feature: "neighbourhood", FeatureCode: "P.PPLX", GeonameID: 900000002}},
		{"900000003", &storedPlace{Name: "Tall Şufayr", Alternates: "Tell Sufeir", Country: "SY", Admin1Code: "99", Admin2Code: "900200001", Feature: "city", FeatureCode: "P.PPL", Population: 1200, GeonameID: 900000003}},
		{"900000004", &storedPlace{Name: "Wādī Khanzīr", Alternates: "Wadi el Khanzir", Country: "SY", Admin1Code: "07", Feature: "wadi", FeatureCode: "H.WAD", GeonameID: 900000004}},
		{"900000007", &storedPlace{Name: "Qarmazah Air Base", Alternates: "Qarmazah Airfield", Country: "SY", Admin1Code: "07", Feature: "base", FeatureCode: "S.AIRB", GeonameID: 900000007}},
		{"900000016", &storedPlace{Name: "Syrian Arab Republic", Country: "SY", Admin1Code: "00", Feature: "country", FeatureCode: "A.PCLI", GeonameID: 900000016}},
		{"900000017", &storedPlace{Name: "Sufayr Camp", Country: "SY", Admin1Code: "99", Feature: "camp", FeatureCode: "S.CMPRF", GeonameID: 900000017}},
		{"900000005", nil}, // spring
		{"900000011", nil}, // bad row
	}
	for _, tt := range tests {
		if got := readPlace(t, db, "geonames.txt", tt.id); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("place %s = %+v, want %+v", tt.id, got, tt.want)
		}
	}
}

// writeZip writes an archive of members (name -> contents) in dir.
func writeZip(t *testing.T, path string, members map[string]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, name := range []string{"readme.txt", "SY.txt", "IQ.txt"} {
		body, ok := members[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestImportCompressed(t *testing.T) {
	dir := t.TempDir()
	geo := readFixture(t, "geonames.txt")
	zipped := filepath.Join(dir, "SY.zip")
	writeZip(t, zipped, map[string]string{"readme.txt": "GeoNames read-me, not data\n", "SY.txt": geo})
	gz := filepath.Join(dir, "SY.txt.gz")
	f, err := os.Create(gz)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte(geo))
	zw.Close()
	f.Close()

	db := openDB(t)
	for _, path := range []string{zipped, gz} {
		rep := importFile(t, db, path, Options{})
		wantCounts(t, rep, 16, 9, 0, 0, 0, 4, 3)
		if rep.Source != filepath.Base(path) {
			t.Errorf("source %q, want %q", rep.Source, filepath.Base(path))
		}
	}
	if rep := importFile(t, db, zipped, Options{}); len(rep.BadRows) == 0 || rep.BadRows[0].File != "SY.zip:SY.txt" {
		t.Errorf("bad rows %v, want them named SY.zip:SY.txt", rep.BadRows)
	}
}

func TestReimport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "SY.txt")
	geo := readFixture(t, "geonames.txt")
	if err := os.WriteFile(path, []byte(geo), 0o644); err != nil {
		t.Fatal(err)
	}
	db := openDB(t)
	importFile(t, db, path, Options{})
	rep := importFile(t, db, path, Options{})
	wantCounts(t, rep, 16, 0, 0, 9, 0, 4, 3)
	if n := countRows(t, db, "gazetteer_places", "SY.txt"); n != 9 {
		t.Fatalf("%d rows stored after importing twice, want 9", n)
	}

	// A newer dump: one place renamed, the IQ village gone, one new place.
	lines := strings.Split(strings.TrimSuffix(geo, "\n"), "\n")
	var next []string
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "900000009\t"):
			continue
		case strings.HasPrefix(l, "900000004\t"):
			l = strings.Replace(l, "Wādī Khanzīr", "Wādī al Khanzīr", 1)
		}
		next = append(next, l)
	}
	next = append(next, strings.Replace(strings.Replace(lines[0], "900000001", "900000099", 1), "Qarmāzah", "Qarmāzah Gharbiyah", 1))
	if err := os.WriteFile(path, []byte(strings.Join(next, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rep = importFile(t, db, path, Options{})
	wantCounts(t, rep, 16, 1, 1, 7, 1, 4, 3)
	if got, want := rep.Countries["IQ"], (&Counts{Removed: 1}); !reflect.DeepEqual(got, want) {
		t.Errorf("IQ counts = %+v, want %+v", got, want)
	}
	if n := countRows(t, db, "gazetteer_places", "SY.txt"); n != 9 {
		t.Errorf("%d rows stored, want 9", n)
	}
	if p := readPlace(t, db, "SY.txt", "900000004"); p == nil || p.Name != "Wādī al Khanzīr" {
		t.Errorf("renamed place = %+v, want Wādī al Khanzīr", p)
	}
	var rows, run, complete int
	if err := db.QueryRow("SELECT rows, run, complete_run FROM gazetteer_sources WHERE name = 'SY.txt'").Scan(&rows, &run, &complete); err != nil {
		t.Fatal(err)
	}
	if rows != 9 || run != 3 || complete != 3 {
		t.Errorf("source rows %d, run %d, complete %d; want 9, 3, 3", rows, run, complete)
	}
}

func TestImportDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dup.csv")
	csv := "id,name,lat,lon\nv1,Qarmazah,35.4,40.0\nv2,Sufayr,35.6,39.9\nv1,Qarmazah Two,35.5,40.1\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	db := openDB(t)
	rep := importFile(t, db, path, Options{Countries: []string{"SY"}})
	wantCounts(t, rep, 3, 2, 0, 0, 0, 0, 1)
	if len(rep.BadRows) != 1 || rep.BadRows[0].Line != 4 || !strings.Contains(rep.BadRows[0].Reason, "repeats the id") {
		t.Errorf("bad rows = %v, want line 4 repeating an id", rep.BadRows)
	}
	if p := readPlace(t, db, "dup.csv:SY", "v1"); p == nil || p.Name != "Qarmazah" {
		t.Errorf("v1 = %+v, want the first row kept", p)
	}
}

func TestImportCodeLists(t *testing.T) {
	db := openDB(t)
	tests := []struct {
		file   string
		format Format
		rows   int
		level  string
	}{
		{"admin1.txt", FormatAdmin1, 3, "admin1"},
		{"admin2.txt", FormatAdmin2, 2, "admin2"},
		{"countryinfo.txt", FormatCountryInfo, 2, "country"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rep := importFile(t, db, filepath.Join("testdata", tt.file), Options{})
			if rep.Format != tt.format {
				t.Errorf("format %s, want %s", rep.Format, tt.format)
			}
			wantCounts(t, rep, tt.rows, tt.rows, 0, 0, 0, 0, 0)
			var n int
			db.QueryRow("SELECT count(*) FROM gazetteer_codes WHERE source = ? AND level = ?", tt.file, tt.level).Scan(&n)
			if n != tt.rows {
				t.Errorf("%d %s codes stored, want %d", n, tt.level, tt.rows)
			}
		})
	}
	var name string
	var pop, id int64
	if err := db.QueryRow("SELECT name, population, geonameid FROM gazetteer_codes WHERE code = 'LB'").Scan(&name, &pop, &id); err != nil {
		t.Fatal(err)
	}
	if name != "Lebanon Testname" || pop != 500000 || id != 900300002 {
		t.Errorf("LB = %s %d %d, want Lebanon Testname 500000 900300002", name, pop, id)
	}
}

func TestImportTables(t *testing.T) {
	db := openDB(t)
	ocha := Options{Countries: []string{"SY"}, Columns: mustColumns(t, "id=pcode,name=name_en,alt=name_ar,lat=lat,lon=lon,feature=type")}
	rep := importFile(t, db, "testdata/ocha.csv", ocha)
	if rep.Format != FormatTable || rep.Source != "ocha.csv:SY" {
		t.Errorf("format %s, source %s; want table, ocha.csv:SY", rep.Format, rep.Source)
	}
	wantCounts(t, rep, 7, 5, 0, 0, 0, 0, 2)
	var bad []string
	for _, b := range rep.BadRows {
		bad = append(bad, b.Error())
	}
	if want := []string{"ocha.csv:5: 6 columns, the header has 7", `ocha.csv:6: empty name ""`}; !reflect.DeepEqual(bad, want) {
		t.Errorf("bad rows = %q, want %q", bad, want)
	}
	tests := []struct {
		source, id string
		want       *storedPlace
	}{
		{"ocha.csv:SY", "T0001", &storedPlace{Name: "Kafr Zaytunah", Alternates: "كفر زيتونة", Country: "SY", Feature: "village", FeatureCode: "community"}},
		{"ocha.csv:SY", "T0002", &storedPlace{Name: "Yarmaz (Qarmazah)", Alternates: "Yarmaz|يرمز", Country: "SY", Feature: "village", FeatureCode: "community"}},
		{"ocha.csv:SY", "T0003", &storedPlace{Name: "Sufayr", Alternates: "صفير", Country: "SY", Feature: "admin3", FeatureCode: "subdistrict"}},
		{"ocha.csv:SY", "T0006", &storedPlace{Name: `Khirbat "al" Hamra`, Alternates: "خربة الحمرا", Country: "SY", Feature: "village", FeatureCode: "community"}},
		{"ocha.csv:SY", "T0007", &storedPlace{Name: "Testland Governorate", Country: "SY", Feature: "admin1", FeatureCode: "governorate"}},
	}
	// A TSV in the supplement layout needs no --columns; its country
	// column takes alpha-3 codes and names.
	rep = importFile(t, db, "testdata/places.tsv", Options{})
	wantCounts(t, rep, 4, 3, 0, 0, 0, 0, 1)
	if len(rep.BadRows) != 1 || rep.BadRows[0].Error() != `places.tsv:5: unknown country "XQ"` {
		t.Errorf("bad rows = %v, want places.tsv:5 unknown country", rep.BadRows)
	}
	tests = append(tests,
		struct {
			source, id string
			want       *storedPlace
		}{"places.tsv", "Khirbat Nasim@34.9,36.7", &storedPlace{Name: "Khirbat Nasim", Alternates: "Khirbet Nasim|Kherbet Naseem", Country: "SY", Feature: "village", FeatureCode: "village", Population: 300}},
		struct {
			source, id string
			want       *storedPlace
		}{"places.tsv", "Marj Tinah@33.8,35.9", &storedPlace{Name: "Marj Tinah", Country: "LB", Feature: "village", FeatureCode: "village"}},
		struct {
			source, id string
			want       *storedPlace
		}{"places.tsv", "Sufayr Crossing@35.62,39.88", &storedPlace{Name: "Sufayr Crossing", Alternates: "Sufayr Border Crossing", Country: "SY", Feature: "crossing", FeatureCode: "Crossing Point"}},
	)
	for _, tt := range tests {
		if got := readPlace(t, db, tt.source, tt.id); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %s = %+v, want %+v", tt.source, tt.id, got, tt.want)
		}
	}

	// --country filters a table with a country column.
	rep = importFile(t, db, "testdata/places.tsv", Options{Countries: []string{"LB"}})
	wantCounts(t, rep, 4, 1, 0, 0, 0, 2, 1)
}

func mustColumns(t *testing.T, s string) Columns {
	t.Helper()
	cols, err := ParseColumns(strings.Split(s, ","))
	if err != nil {
		t.Fatal(err)
	}
	return cols
}

func TestParseColumns(t *testing.T) {
	cols, err := ParseColumns([]string{"name=name_en", " alt = name_ar ", "alt=names_variant", "LAT=y", "lon=x"})
	if err != nil {
		t.Fatal(err)
	}
	want := Columns{"name": {"name_en"}, "alt": {"name_ar", "names_variant"}, "lat": {"y"}, "lon": {"x"}}
	if !reflect.DeepEqual(cols, want) {
		t.Errorf("ParseColumns = %v, want %v", cols, want)
	}
	bad := []struct {
		pairs []string
		want  string
	}{
		{[]string{"name"}, "not field=column"},
		{[]string{"name="}, "not field=column"},
		{[]string{"elevation=ele"}, "unknown field"},
		{[]string{"name=a", "name=b"}, "given twice"},
		{[]string{" "}, "no field=column pairs"},
	}
	for _, tt := range bad {
		if _, err := ParseColumns(tt.pairs); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseColumns(%q) error = %v, want %q", tt.pairs, err, tt.want)
		}
	}
}

func TestImportRejected(t *testing.T) {
	good := strings.SplitN(readFixture(t, "geonames.txt"), "\n", 2)[0] + "\n"
	badRow := strings.Replace(good, "35.41", "north", 1)
	tests := []struct {
		name    string
		file    string // written to the temp dir
		body    string
		opt     Options
		zipWith map[string]string // a zip archive instead of body
		want    string
	}{
		{"empty", "empty.txt", "", Options{}, nil, "empty file"},
		{"binary", "data.bin", "\x00\x01\x02PK", Options{}, nil, "not UTF-8 text"},
		{"prose", "notes.txt", "Some notes about villages\nand more notes\n", Options{}, nil, "not a gazetteer"},
		{"comments only", "c.txt", "# nothing\n# here\n", Options{}, nil, "only comments"},
		{"mostly bad", "SY.txt", good + badRow + badRow + badRow, Options{}, nil, "rejected: 3 of 4 rows are bad; first: SY.txt:2: bad coordinates"},
		{"header only", "h.csv", "name,lat,lon\n", Options{Countries: []string{"SY"}}, nil, "no rows"},
		{"no country", "t.csv", "name,lat,lon\nQarmazah,35.4,40\n", Options{}, nil, "no country"},
		{"no name column", "t.csv", "title,lat,lon\nQarmazah,35.4,40\n", Options{Countries: []string{"SY"}}, nil, "no name column"},
		{"missing column", "t.csv", "name,lat,lon\nQarmazah,35.4,40\n", Options{Countries: []string{"SY"}, Columns: Columns{"name": {"name_en"}}}, nil, `no column "name_en"`},
		{"bad --country", "t.csv", "name,lat,lon\nQarmazah,35.4,40\n", Options{Countries: []string{"Atlantis"}}, nil, `unknown country "Atlantis"`},
		{"two members", "XX.zip", "", Options{}, map[string]string{"SY.txt": good, "IQ.txt": good}, "want one data file in the zip archive, found 2"},
		{"zip of prose", "XX.zip", "", Options{}, map[string]string{"SY.txt": "hello\n"}, "not a gazetteer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openDB(t)
			path := filepath.Join(t.TempDir(), tt.file)
			if tt.zipWith != nil {
				writeZip(t, path, tt.zipWith)
			} else if err := os.WriteFile(path, []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := (&Importer{DB: db}).Import(t.Context(), path, tt.opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Import error = %v, want %q", err, tt.want)
			}
			if code := sitrep.ErrorCode(err); code != sitrep.EINVALID {
				t.Errorf("error code %q, want %q", code, sitrep.EINVALID)
			}
			var n int
			db.QueryRow("SELECT (SELECT count(*) FROM gazetteer_sources) + (SELECT count(*) FROM gazetteer_places)").Scan(&n)
			if n != 0 {
				t.Errorf("%d rows written by a rejected import, want 0", n)
			}
		})
	}
	if _, err := (&Importer{DB: openDB(t)}).Import(t.Context(), filepath.Join(t.TempDir(), "missing.txt"), Options{}); err == nil {
		t.Error("Import of a missing file = nil error")
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		file string
		want Format
	}{
		{"geonames.txt", FormatGeoNames},
		{"admin1.txt", FormatAdmin1},
		{"admin2.txt", FormatAdmin2},
		{"countryinfo.txt", FormatCountryInfo},
		{"ocha.csv", FormatTable},
		{"places.tsv", FormatTable},
	}
	for _, tt := range tests {
		in, err := openInput(filepath.Join("testdata", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		got, err := sniff(in, false)
		in.Close()
		if err != nil || got != tt.want {
			t.Errorf("sniff(%s) = %s, %v; want %s", tt.file, got, err, tt.want)
		}
	}
}

func TestTableFeature(t *testing.T) {
	tests := map[string]string{
		"":              "village",
		"community":     "village",
		"Locality":      "village",
		"neighborhood":  "neighbourhood",
		"county":        "admin2",
		"Governorate":   "admin1",
		"sub_district":  "admin3",
		"PPLA":          "city",
		"AIRB":          "base",
		"Check Point":   "check_point",
		"نقطة":          "village",
		"border-post 2": "border_post_2",
	}
	for in, want := range tests {
		if got := tableFeature(in); got != want {
			t.Errorf("tableFeature(%q) = %q, want %q", in, got, want)
		}
	}
}

// syntheticRow is a made-up row of the geoname table: place i, a village
// of SY with three alternate names.
func syntheticRow(i int) string {
	return fmt.Sprintf("%d\tTestplace %d\tTestplace %d\tTestort %d,Testville %d,testplace%d\t%.5f\t%.5f\tP\tPPL\tSY\t\t07\t\t\t\t%d\t\t300\tAsia/Damascus\t2024-01-01",
		800000000+i, i, i, i, i, i, 33+float64(i%3000)/1000, 36+float64(i%4000)/1000, i%5000)
}

func TestImportRejectedLate(t *testing.T) {
	var b strings.Builder
	for i := range 1000 {
		b.WriteString(syntheticRow(i) + "\n")
	}
	for i := range 1200 {
		b.WriteString(strings.Replace(syntheticRow(1000+i), "\tP\tPPL\t", "\tP\tPPL\tXX\t", 1) + "\n")
	}
	path := filepath.Join(t.TempDir(), "SY.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	db := openDB(t)
	_, err := (&Importer{DB: db}).Import(t.Context(), path, Options{})
	if err == nil || !strings.Contains(err.Error(), "rejected: 1001 of 2001 rows are bad; first: SY.txt:1001: 20 tab-separated columns") {
		t.Fatalf("Import error = %v, want a rejection at row 2001", err)
	}
	var complete int
	if err := db.QueryRow("SELECT complete_run FROM gazetteer_sources WHERE name = 'SY.txt'").Scan(&complete); err != nil || complete != 0 {
		t.Errorf("complete_run = %d, %v; want 0: the import did not finish", complete, err)
	}
}
