package gazetteer

import (
	"strings"
	"testing"
)

func TestAddPlaces(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	damascus := firstOf(t, g, "damascus", "city")
	deir := firstOf(t, g, "deir ez zor", "city")
	aleppo := firstOf(t, g, "aleppo", "admin1")
	before := g.Len()
	ps := []Place{
		// Carries the GeoNames ID of Damascus: its names go to Damascus.
		{Entry: Entry{ID: damascus.ID, Name: "Dimashq Testname", Lat: 33.5, Lon: 36.3, Country: "SY", Feature: "city", Source: SourceGeoNames, Dataset: "SY.txt"},
			Alternates: []string{"Dimashq Othername"}},
		// Names Deir ez-Zor and lies 3 km from it: merged.
		{Entry: Entry{Name: "Deir ez-Zor", Lat: deir.Lat + 0.02, Lon: deir.Lon, Country: "SY", Feature: "village", Dataset: "ocha"},
			Alternates: []string{"Dayr Testzor"}},
		// Same name 200 km away: a place of its own.
		{Entry: Entry{Name: "Deir ez-Zor", Lat: deir.Lat + 1.8, Lon: deir.Lon, Country: "SY", Feature: "village", Dataset: "ocha"}},
		// A division named like Aleppo governorate: merged, however far.
		{Entry: Entry{Name: "Aleppo", Lat: 30, Lon: 40, Country: "SY", Feature: "admin1", Dataset: "ocha"},
			Alternates: []string{"Halab Testgovernorate"}},
		// A country takes the name, not the other names.
		{Entry: Entry{Name: "Syria Testname", Lat: 35, Lon: 38, Country: "SY", Feature: "country", Dataset: "wof"},
			Alternates: []string{"Testsyrian"}},
		// New places: one with a GeoNames ID, one hill next to a village
		// of the same name.
		{Entry: Entry{ID: 990000001, Name: "Qarmazah", Lat: 35.41, Lon: 40.02, Country: "SY", Admin1: "Deir ez-Zor", Feature: "city", FeatureCode: "PPL", Source: SourceGeoNames, Dataset: "SY.txt"},
			Alternates: []string{"Karmaza"}},
		{Entry: Entry{Name: "Qarmazah", Lat: 35.42, Lon: 40.03, Country: "SY", Feature: "hill", Source: SourceGeoNames, Dataset: "SY.txt"}},
		// Repeats the ID of the place just added.
		{Entry: Entry{ID: 990000001, Name: "Qirmizah", Lat: 35.41, Lon: 40.02, Country: "SY", Feature: "village", Dataset: "wof"}},
	}
	st, err := g.AddPlaces(ps)
	if err != nil {
		t.Fatal(err)
	}
	// The village 200 km from Deir ez-Zor has no GeoNames place within
	// 20 km, and the GeoNames hill keeps what its codes say: none located.
	if got, want := st, (AddStats{Added: 3, Merged: 5}); got != want {
		t.Errorf("AddPlaces = %+v, want %+v", got, want)
	}
	if got, want := g.Len(), before+3; got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
	tests := []struct {
		key      string
		want     *Entry // the first candidate
		wantName string // when want is a new entry
	}{
		{"dimashq testname", damascus, ""},
		{"dimashq othername", damascus, ""},
		{"dayr testzor", deir, ""},
		{"halab testgovernorate", aleppo, ""},
		{"syria testname", g.Country("SY"), ""},
		{"karmaza", nil, "Qarmazah"},
		{"qirmizah", nil, "Qarmazah"},
	}
	for _, tt := range tests {
		got := g.Lookup(tt.key)
		if len(got) == 0 {
			t.Errorf("Lookup(%q) = none", tt.key)
			continue
		}
		if tt.want != nil && got[0] != tt.want {
			t.Errorf("Lookup(%q)[0] = %s (%s), want %s (%s)", tt.key, got[0].Name, got[0].Feature, tt.want.Name, tt.want.Feature)
		}
		if tt.want == nil && got[0].Name != tt.wantName {
			t.Errorf("Lookup(%q)[0] = %s, want %s", tt.key, got[0].Name, tt.wantName)
		}
	}
	if got := g.Lookup("testsyrian"); len(got) != 0 {
		t.Errorf("Lookup(testsyrian) = %s, want none: a country takes no alternate names", got[0].Name)
	}
	q := g.Lookup("qarmazah")
	if len(q) != 2 || q[0].Feature != "city" || q[1].Feature != "hill" {
		t.Fatalf("Lookup(qarmazah) = %v, want the village, then the hill", names(q))
	}
	if e := q[0]; e.ID != 990000001 || e.Dataset != "SY.txt" || e.Source != SourceGeoNames || e.Admin1 != "Deir ez-Zor" {
		t.Errorf("new entry = %+v, want ID 990000001 from SY.txt, geonames, Deir ez-Zor", *e)
	}
	if d := g.Lookup("deir ez zor"); !hasEntry(d, func(e *Entry) bool { return e.Dataset == "ocha" && e.Source == SourceImported && e.ID < 0 }) {
		t.Errorf("Lookup(deir ez zor) = %v, want the distant village as an imported entry with a negative ID", names(d))
	}
}

func TestAddPlacesInvalid(t *testing.T) {
	g := newGazetteer(16)
	g.countries["SY"] = g.addEntry(Entry{Name: "Syria", Country: "SY", Feature: "country"}, 0, "Syria")
	good := Place{Entry: Entry{Name: "Qarmazah", Lat: 35, Lon: 40, Country: "SY", Feature: "village"}}
	tests := []struct {
		name string
		edit func(p *Place)
		want string
	}{
		{"empty name", func(p *Place) { p.Name = "--" }, "empty name"},
		{"latitude", func(p *Place) { p.Lat = 91 }, "bad coordinates"},
		{"country", func(p *Place) { p.Country = "XQ" }, `unknown country code "XQ"`},
		{"feature", func(p *Place) { p.Feature = "Big Village" }, "feature"},
		{"population", func(p *Place) { p.Population = -1 }, "negative population"},
		{"id", func(p *Place) { p.ID = -4 }, "negative ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := good
			tt.edit(&bad)
			before := g.Len()
			_, err := g.AddPlaces([]Place{good, bad})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("AddPlaces error = %v, want %q", err, tt.want)
			}
			if g.Len() != before {
				t.Errorf("Len() = %d after a failed AddPlaces, want %d (nothing added)", g.Len(), before)
			}
		})
	}
}

func TestUsefulAlternate(t *testing.T) {
	tests := []struct {
		alt  string
		want bool
	}{
		{"Karmaza", true},
		{"Tell Sufeir", true},
		{"Qarmāzah", false}, // the name itself, folded
		{"QRZ", false},      // airport-like code
		{"qrmzh", false},    // no capital: machine romanisation
		{"Abu", false},      // under four letters
		{"قرمزة", false},    // not Latin
		{"https://example.org/Qarmazah", false},
	}
	for _, tt := range tests {
		if got := UsefulAlternate("Qarmazah", tt.alt); got != tt.want {
			t.Errorf("UsefulAlternate(Qarmazah, %q) = %v, want %v", tt.alt, got, tt.want)
		}
	}
}

func TestDivisionNames(t *testing.T) {
	names := map[string]string{}
	if err := DivisionNames(func(code, name string) { names[code] = name }); err != nil {
		t.Fatal(err)
	}
	g := loadBuiltin(t)
	deir := firstOf(t, g, "deir ez zor", "admin1")
	found := false
	for code, name := range names {
		if strings.HasPrefix(code, "SY.") && strings.Count(code, ".") == 1 && name == deir.Name {
			found = true
		}
	}
	if !found {
		t.Errorf("DivisionNames: no SY admin1 code named %q (the built-in division)", deir.Name)
	}
}

func firstOf(t *testing.T, g *Gazetteer, key, feature string) *Entry {
	t.Helper()
	for _, e := range g.Lookup(key) {
		if e.Feature == feature {
			return e
		}
	}
	t.Fatalf("no %s for %q", feature, key)
	return nil
}

func hasEntry(es []*Entry, ok func(*Entry) bool) bool {
	for _, e := range es {
		if ok(e) {
			return true
		}
	}
	return false
}
