package gazetteer

import (
	"strings"
	"sync"
	"testing"

	"github.com/sitrep-project/sitrep/data"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/geo"
)

var (
	builtinOnce sync.Once
	builtin     *Gazetteer
	builtinErr  error
)

// loadBuiltin returns the built-in gazetteer, loaded once for all tests that
// only read it.
func loadBuiltin(t testing.TB) *Gazetteer {
	t.Helper()
	builtinOnce.Do(func() { builtin, builtinErr = Load() })
	if builtinErr != nil {
		t.Fatalf("Load: %v", builtinErr)
	}
	return builtin
}

func TestLookupBuiltin(t *testing.T) {
	g := loadBuiltin(t)
	tests := []struct {
		name     string
		query    string // raw text, folded by the test
		country  string
		feature  string  // "" for any
		lat, lon float64 // expected point of the matching candidate
		maxKm    float64
		first    bool // the match must be the first candidate
	}{
		{"capital", "Damascus", "SY", "city", 33.51, 36.29, 10, true},
		{"deir ez zor", "Deir ez-Zor", "SY", "city", 35.34, 40.14, 5, true},
		{"deir al zor", "deir al zor", "SY", "city", 35.34, 40.14, 5, true},
		{"dayr az zawr", "Dayr az-Zawr", "SY", "city", 35.34, 40.14, 5, true},
		{"deir ezzor", "Deir Ezzor", "SY", "city", 35.34, 40.14, 5, true},
		{"abu kamal", "Abu Kamal", "SY", "city", 34.45, 40.92, 5, true},
		{"al bukamal", "Al-Bukamal", "SY", "city", 34.45, 40.92, 5, true},
		{"albukamal joined", "Albukamal", "SY", "city", 34.45, 40.92, 5, true},
		{"idleb", "Idleb", "SY", "city", 35.93, 36.63, 5, true},
		{"deraa", "Deraa", "SY", "city", 32.62, 36.10, 5, true},
		{"ar raqqah", "Ar-Raqqah", "SY", "city", 35.95, 39.01, 5, true},
		{"humeima", "Humeima", "SY", "village", 34.33, 39.55, 10, true},
		{"humaymah", "Humaymah", "SY", "village", 34.33, 39.55, 10, true},
		{"syrian desert", "Syrian Desert", "SY", "region", 34.4, 38.5, 50, true},
		{"badia", "Badia", "SY", "region", 34.4, 38.5, 50, false},
		{"beirut", "Beirut", "LB", "city", 33.89, 35.50, 10, true},
		{"baghdad", "Baghdad", "IQ", "city", 33.34, 44.40, 10, true},
		{"mosul", "Mosul", "IQ", "city", 36.34, 43.12, 10, true},
		{"alexandria egypt first", "Alexandria", "EG", "city", 31.20, 29.92, 10, true},
		{"alexandria virginia too", "Alexandria", "US", "city", 38.80, -77.05, 10, false},
		{"country", "Syria", "SY", "country", 34.8, 38.9, 200, true},
		{"country alias", "U.S.", "US", "country", 39.8, -98.6, 200, true},
		{"al tanf base", "al-Tanf", "SY", "base", 33.5, 38.63, 10, true},
		{"t4 airbase", "T4", "SY", "base", 34.52, 37.63, 5, true},
		{"hmeimim", "Khmeimim", "SY", "base", 35.40, 35.95, 5, true},
		{"ain al asad", "Ain al-Asad", "IQ", "base", 33.80, 42.44, 10, true},
		{"al qaim crossing", "Al-Qaim crossing", "IQ", "crossing", 34.43, 40.96, 10, true},
		{"nasib crossing", "Nasib crossing", "SY", "crossing", 32.55, 36.20, 10, true},
		{"bab al hawa", "Bab al-Hawa", "SY", "crossing", 36.23, 36.67, 5, true},
		{"golan", "Golan Heights", "SY", "region", 33.0, 35.75, 30, true},
		{"nineveh plains", "Nineveh Plains", "IQ", "region", 36.35, 43.4, 30, true},
		{"darfur", "Darfur", "SD", "region", 13.5, 24, 100, true},
		{"governorate", "Rif Dimashq", "SY", "admin1", 33.5, 36.9, 30, true},
		{"kiev", "Kiev", "UA", "city", 50.45, 30.52, 10, true},
		{"red sea is the sea", "Red Sea", "", "water", 20, 38.5, 100, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := g.Lookup(text.Fold(tt.query))
			if len(got) == 0 {
				t.Fatalf("Lookup(%q) = no candidates", tt.query)
			}
			for i, e := range got {
				if e.Country != tt.country || (tt.feature != "" && e.Feature != tt.feature) {
					continue
				}
				if tt.first && i != 0 {
					t.Fatalf("Lookup(%q): %s %s %s is candidate %d, want first; first is %+v", tt.query, e.Name, e.Country, e.Feature, i, *got[0])
				}
				if d := geo.DistanceKm(e.Lat, e.Lon, tt.lat, tt.lon); d > tt.maxKm {
					t.Errorf("Lookup(%q): %s at %.3f,%.3f is %.0f km from %.2f,%.2f, want <= %.0f", tt.query, e.Name, e.Lat, e.Lon, d, tt.lat, tt.lon, tt.maxKm)
				}
				return
			}
			t.Errorf("Lookup(%q): no %s %s candidate among %d (first %+v)", tt.query, tt.country, tt.feature, len(got), *got[0])
		})
	}
}

func TestLookupMisses(t *testing.T) {
	g := loadBuiltin(t)
	for _, key := range []string{"", "kurdish", "zzzxqv"} {
		if got := g.Lookup(key); len(got) != 0 {
			t.Errorf("Lookup(%q) = %d candidates (first %+v), want none", key, len(got), *got[0])
		}
	}
}

func TestLookupOrder(t *testing.T) {
	g := loadBuiltin(t)
	for _, key := range []string{"alexandria", "damascus", "springfield", "tripoli"} {
		got := g.Lookup(key)
		if len(got) < 2 {
			t.Fatalf("Lookup(%q) = %d candidates, want several", key, len(got))
		}
		for i := 1; i < len(got); i++ {
			a, b := got[i-1], got[i]
			if a.Feature != "country" && b.Feature != "country" && a.Population < b.Population && text.Fold(b.Name) == key {
				t.Errorf("Lookup(%q): %s (%d) before %s (%d)", key, a.Name, a.Population, b.Name, b.Population)
			}
		}
	}
}

func TestCountry(t *testing.T) {
	g := loadBuiltin(t)
	tests := []struct {
		code, name string
	}{
		{"SY", "Syria"},
		{"sy", "Syria"},
		{"GB", "United Kingdom"},
		{"IR", "Iran"},
		{"PS", "Palestine"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			e := g.Country(tt.code)
			if e == nil {
				t.Fatalf("Country(%q) = nil", tt.code)
			}
			if e.Name != tt.name || e.Feature != "country" || e.Source != SourceCountries {
				t.Errorf("Country(%q) = %s %s %s, want %s country countries", tt.code, e.Name, e.Feature, e.Source, tt.name)
			}
		})
	}
	if e := g.Country("YU"); e != nil {
		t.Errorf("Country(YU) = %s, want nil for a retired code", e.Name)
	}
	// Every current country has an entry and a point.
	for _, code := range []string{"US", "RU", "CN", "YE", "SD", "SO", "AF", "UA", "AQ"} {
		if e := g.Country(code); e == nil || (e.Lat == 0 && e.Lon == 0) {
			t.Errorf("Country(%s) = %v, want an entry with a point", code, e)
		}
	}
}

func TestDemonym(t *testing.T) {
	g := loadBuiltin(t)
	tests := []struct {
		key, want string
	}{
		{"iraqi", "IQ"},
		{"iraqis", "IQ"},
		{"syrian", "SY"},
		{"syrians", "SY"},
		{"lebanese", "LB"},
		{"iranian", "IR"},
		{"american", "US"},
		{"british", "GB"},
		{"turkish", "TR"},
		{"israeli", "IL"},
		{"palestinian", "PS"},
		{"emirati", "AE"},
		{"saudi", "SA"},
		{"afghan", "AF"},
		{"sudanese", "SD"},
		{"south sudanese", "SS"},
		{"somali", "SO"},
		{"malian", "ML"},
		{"ukrainian", "UA"},
		{"russians", "RU"},
		{"kurdish", ""},
		{"arab", ""},
		{"sudaneses", ""},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			got, ok := g.Demonym(tt.key)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("Demonym(%q) = %q, %v, want %q", tt.key, got, ok, tt.want)
			}
		})
	}
}

func TestKeys(t *testing.T) {
	g := loadBuiltin(t)
	seen := make(map[string]bool, len(g.keys))
	var empty []string
	g.Keys(func(k string) {
		if seen[k] {
			t.Errorf("Keys: %q twice", k)
		}
		seen[k] = true
		if len(g.Lookup(k)) == 0 && len(empty) < 5 {
			empty = append(empty, k)
		}
	})
	if len(empty) > 0 {
		t.Errorf("Keys gives keys Lookup does not answer: %q", empty)
	}
	for _, k := range []string{"damascus", "deir ez zor", "bukamal", "albukamal", "syria", "humeima"} {
		if !seen[k] {
			t.Errorf("Keys: no %q", k)
		}
	}
	if g.Len() < 200000 {
		t.Errorf("Len() = %d, want the 200k GeoNames places and more", g.Len())
	}
}

func TestVariants(t *testing.T) {
	tests := []struct {
		key  string
		want []string
	}{
		{"al bukamal", []string{"bukamal", "albukamal"}},
		{"deir ez zor", []string{"deir al zor"}},
		{"ar raqqah", []string{"raqqah"}},
		{"as salt", []string{"salt"}},
		{"el arish", []string{"arish", "elarish"}},
		{"ras al ain", nil},
		{"tall al abyad", nil},
		{"damascus", nil},
		{"al ab", []string{"alab"}}, // "ab" is too short a key
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			var got []string
			variants(tt.key, func(v string) { got = append(got, v) })
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("variants(%q) = %q, want %q", tt.key, got, tt.want)
			}
		})
	}
}

// TestExactBeforeVariant checks that a place named exactly as asked comes
// before a bigger place reached only through a variant key.
func TestExactBeforeVariant(t *testing.T) {
	g := newGazetteer(16)
	g.countries["SY"] = g.addEntry(Entry{Name: "Syria", Country: "SY", Feature: "country", Source: SourceCountries}, 0, "Syria")
	tsv := TSVHeader + "\n" +
		"Al-Bukamal\t\t34.452\t40.919\tSY\tDeir ez-Zor\tcity\t57000\n" +
		"Bukamal\t\t35.100\t38.100\tSY\tRaqqa\tvillage\t300\n"
	if err := g.AddTSV(strings.NewReader(tsv), "places.tsv"); err != nil {
		t.Fatal(err)
	}
	got := g.Lookup("bukamal")
	if len(got) != 2 || got[0].Population != 300 || got[1].Population != 57000 {
		t.Fatalf("Lookup(bukamal) = %v, want the village (exact) then the city (variant)", names(got))
	}
	got = g.Lookup("al bukamal")
	if len(got) != 2 || got[0].Population != 57000 {
		t.Fatalf("Lookup(al bukamal) = %v, want the city (exact) first", names(got))
	}
}

func names(es []*Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name+"/"+e.Country+"/"+e.Feature)
	}
	return out
}

// TestSupplementAdmin1 checks that every admin1 of the supplement is the
// GeoNames name of a division of its country, so that entries agree.
func TestSupplementAdmin1(t *testing.T) {
	g := loadBuiltin(t)
	admin, err := readAdmin(data.GazetteerAdmin)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, d := range admin.rows {
		if d.level == "admin1" {
			country, _, _ := strings.Cut(d.code, ".")
			known[country+"/"+d.name] = true
		}
	}
	rows, err := parseTSV(strings.NewReader(data.GazetteerSupplement), "supplement.tsv", g)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.admin1 != "" && !known[r.country+"/"+r.admin1] {
			t.Errorf("supplement %s: admin1 %q is no GeoNames division of %s", r.name, r.admin1, r.country)
		}
	}
}

// TestStoredKeys checks that the keys folded into the generated tables at
// build time agree with text.Fold today; if Fold changes, run make gazetteer.
func TestStoredKeys(t *testing.T) {
	check := func(file, header string, columns, name, key, alts int, txt string) {
		t.Helper()
		bad := 0
		err := eachRow(txt, file, header, columns, func(line int, f []string) error {
			if got := text.Fold(f[name]); got != f[key] && bad < 5 {
				bad++
				t.Errorf("%s:%d: key %q, but Fold(%q) = %q", file, line, f[key], f[name], got)
			}
			for _, k := range strings.Split(f[alts], "|") {
				if k != "" && text.Fold(k) != k && bad < 5 {
					bad++
					t.Errorf("%s:%d: alternate key %q is not folded", file, line, k)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	places, err := gunzip(data.GazetteerPlaces, placesFile)
	if err != nil {
		t.Fatal(err)
	}
	check(placesFile, placesHeader, 11, 1, 2, 10, places)
	admin, err := gunzip(data.GazetteerAdmin, "admin.tsv.gz")
	if err != nil {
		t.Fatal(err)
	}
	check("admin.tsv.gz", adminHeader, 8, 2, 3, 4, admin)
}
