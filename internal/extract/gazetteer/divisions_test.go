package gazetteer

import (
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

func TestInferDivisions(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	deir := firstOf(t, g, "deir ez zor", "city")
	if deir.Admin1 == "" {
		t.Fatalf("built-in Deir ez-Zor has no admin1")
	}
	tests := []struct {
		name       string
		place      Entry
		wantAdmin1 string
	}{
		{"village 3 km from a known city takes its division",
			Entry{Name: "Testvillage One", Lat: deir.Lat + 0.02, Lon: deir.Lon + 0.01, Country: "SY", Feature: "village", Dataset: "t"}, deir.Admin1},
		{"another country's city is not a neighbour",
			Entry{Name: "Testvillage Two", Lat: deir.Lat + 0.02, Lon: deir.Lon + 0.01, Country: "IQ", Feature: "village", Dataset: "t"}, ""},
		{"nothing within 20 km: no guess",
			Entry{Name: "Testvillage Three", Lat: 33.2, Lon: 39.3, Country: "SY", Feature: "village", Dataset: "t"}, ""},
		{"a division of its own is kept",
			Entry{Name: "Testvillage Four", Lat: deir.Lat, Lon: deir.Lon, Country: "SY", Admin1: "Testdivision", Feature: "village", Dataset: "t"}, "Testdivision"},
		{"a GeoNames town imported after the grid was made is a neighbour",
			Entry{Name: "Testvillage Six", Lat: 33.21, Lon: 39.31, Country: "SY", Feature: "village", Dataset: "t"}, "Testdivision"},
		{"GeoNames places keep what their codes say",
			Entry{Name: "Testvillage Five", Lat: deir.Lat, Lon: deir.Lon, Country: "SY", Feature: "village", Source: SourceGeoNames, Dataset: "t"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.place.Name == "Testvillage Six" {
				town := Entry{ID: 990000007, Name: "Testtown", Lat: 33.2, Lon: 39.3, Country: "SY", Admin1: "Testdivision",
					Feature: "city", FeatureCode: "PPL", Source: SourceGeoNames, Dataset: "SY.txt"}
				if _, err := g.AddPlaces([]Place{{Entry: town}}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := g.AddPlaces([]Place{{Entry: tt.place}}); err != nil {
				t.Fatal(err)
			}
			got := g.Lookup(text.Fold(tt.place.Name))
			if len(got) != 1 {
				t.Fatalf("Lookup(%q) = %d entries, want 1", tt.place.Name, len(got))
			}
			if got[0].Admin1 != tt.wantAdmin1 {
				t.Errorf("admin1 = %q, want %q", got[0].Admin1, tt.wantAdmin1)
			}
		})
	}
}
