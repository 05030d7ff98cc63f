package gazimport

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
)

func loadInto(t *testing.T, db *sql.DB) (*gazetteer.Gazetteer, LoadStats) {
	t.Helper()
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	st, err := Load(t.Context(), db, g)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return g, st
}

// only returns the one candidate of key from dataset.
func only(t *testing.T, g *gazetteer.Gazetteer, key, dataset string) *gazetteer.Entry {
	t.Helper()
	var found *gazetteer.Entry
	for _, e := range g.Lookup(key) {
		if e.Dataset == dataset {
			if found != nil {
				t.Fatalf("Lookup(%q): two entries from %s", key, dataset)
			}
			found = e
		}
	}
	if found == nil {
		t.Fatalf("Lookup(%q): no entry from %s", key, dataset)
	}
	return found
}

func TestLoad(t *testing.T) {
	db := openDB(t)
	importFile(t, db, "testdata/geonames.txt", Options{})
	g, st := loadInto(t, db)
	// Nine places; the country row names Syria.
	if st.Places != 9 || st.Added != 8 || st.Merged != 1 || st.Invalid != 0 {
		t.Errorf("LoadStats = %+v, want 9 places: 8 added, 1 merged", st)
	}
	// Admin code 07 is named as the built-in gazetteer names it; 99 is
	// unknown until a code list names it.
	deir := g.Lookup("deir ez zor")
	var builtinName string
	for _, e := range deir {
		if e.Feature == "admin1" && e.Country == "SY" {
			builtinName = e.Name
		}
	}
	q := only(t, g, "qarmazah", "geonames.txt")
	if q.Admin1 != builtinName || q.Feature != "city" || q.FeatureCode != "PPL" || q.Source != gazetteer.SourceGeoNames || q.ID != 900000001 {
		t.Errorf("Qarmazah = %+v, want admin1 %q, city PPL from geonames with its geonameid", *q, builtinName)
	}
	if e := only(t, g, "karmaza", "geonames.txt"); e != q {
		t.Errorf("alternate Karmaza reaches %s, want Qarmazah", e.Name)
	}
	if e := only(t, g, "tall sufayr", "geonames.txt"); e.Admin1 != "" || st.Unnamed != 3 {
		t.Errorf("Tall Sufayr admin1 %q, unnamed %d; want none and 3 (code 99) before the code lists", e.Admin1, st.Unnamed)
	}
	if got := g.Lookup("syrian arab republic"); len(got) == 0 || got[0] != g.Country("SY") {
		t.Errorf("Lookup(syrian arab republic) does not reach the country Syria")
	}
	if got := g.Lookup("siria"); len(got) != 0 && got[0] == g.Country("SY") {
		t.Errorf("Lookup(siria) reaches the country: a country takes no alternate names")
	}

	// The code lists name the divisions from then on.
	for _, f := range []string{"admin1.txt", "admin2.txt", "countryinfo.txt", "ocha.csv"} {
		opt := Options{}
		if f == "ocha.csv" {
			opt = Options{Countries: []string{"SY"}, Columns: mustColumns(t, "id=pcode,name=name_en,alt=name_ar,lat=lat,lon=lon,feature=type")}
		}
		importFile(t, db, filepath.Join("testdata", f), opt)
	}
	g, st = loadInto(t, db)
	if st.Unnamed != 0 {
		t.Errorf("unnamed admin codes = %d after importing the code lists, want 0", st.Unnamed)
	}
	if e := only(t, g, "tall sufayr", "geonames.txt"); e.Admin1 != "Testland" || e.Admin2 != "Şufayr District" {
		t.Errorf("Tall Sufayr admin1 %q admin2 %q, want Testland, Şufayr District", e.Admin1, e.Admin2)
	}
	if e := only(t, g, "qarmazah", "geonames.txt"); e.Admin1 != builtinName {
		t.Errorf("Qarmazah admin1 %q, want the built-in name %q over the code list's", e.Admin1, builtinName)
	}
	if got := g.Lookup("syria testname"); len(got) == 0 || got[0] != g.Country("SY") {
		t.Errorf("countryInfo's name does not reach the country Syria")
	}
	k := only(t, g, "kafr zaytunah", "ocha.csv:SY")
	if k.Source != gazetteer.SourceImported || k.Feature != "village" || k.ID >= 0 {
		t.Errorf("Kafr Zaytunah = %+v, want an imported village with a negative ID", *k)
	}
	if e := only(t, g, "yarmaz", "ocha.csv:SY"); e.Name != "Yarmaz (Qarmazah)" {
		t.Errorf("Lookup(yarmaz) = %s, want Yarmaz (Qarmazah) by its bare name", e.Name)
	}

	// The same store gives the same gazetteer.
	g2, st2 := loadInto(t, db)
	st.Elapsed, st2.Elapsed = 0, 0
	if g2.Len() != g.Len() || st2 != st {
		t.Errorf("second load: %d entries %+v, want %d %+v", g2.Len(), st2, g.Len(), st)
	}
}

func TestLoadMergesByGeonameID(t *testing.T) {
	g0, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	var damascus *gazetteer.Entry
	for _, e := range g0.Lookup("damascus") {
		if e.Feature == "city" && e.Country == "SY" {
			damascus = e
			break
		}
	}
	if damascus == nil || damascus.ID <= 0 {
		t.Fatal("no GeoNames entry for Damascus")
	}
	path := filepath.Join(t.TempDir(), "wof.csv")
	csv := fmt.Sprintf("id,name,lat,lon,geonameid\nw1,Dimashq Testname,33.52,36.29,%d\nw2,Sufayr,35.6,39.9,-1\n", damascus.ID)
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	db := openDB(t)
	importFile(t, db, path, Options{Countries: []string{"SY"}})
	g, st := loadInto(t, db)
	if st.Added != 1 || st.Merged != 1 {
		t.Errorf("LoadStats = %+v, want 1 added, 1 merged", st)
	}
	got := g.Lookup("dimashq testname")
	if len(got) != 1 || got[0].ID != damascus.ID || got[0].Dataset != "" {
		t.Errorf("Lookup(dimashq testname) = %v, want the built-in Damascus", got)
	}
}

func TestLoadFileMissing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	n := g.Len()
	st, err := LoadFile(t.Context(), path, g)
	if err != nil || st != (LoadStats{}) || g.Len() != n {
		t.Errorf("LoadFile(missing) = %+v, %v, %d entries; want nothing added", st, err, g.Len())
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("LoadFile created %s", path)
	}
}
