package events

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// articlePlaces are the resolver's output for testdata/article.txt, made by
// hand: the towns are invented, the country is real.
var articlePlaces = []place{
	{name: "BAMAKO", feature: "city", country: "ML", admin1: "Bamako", lat: 12.65, lon: -8.0},
	{name: "Doruma", feature: "city", country: "ML", admin1: "Mopti", lat: 14.50, lon: -4.20},
	{name: "Kelta", feature: "city", country: "ML", admin1: "Mopti", lat: 14.60, lon: -3.80},
	{name: "Sefo", feature: "city", country: "ML", admin1: "Mopti", lat: 14.40, lon: -4.10},
}

// TestFindGolden codes an original multi-paragraph article and compares
// the events with testdata/article.golden.json; run with -update to
// rewrite it after a deliberate change.
func TestFindGolden(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := load(t)
	in := input(t, string(raw), articlePlaces...)
	got, err := json.MarshalIndent(c.Find(in), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "article.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("Find(article.txt) differs from %s; got:\n%s", path, got)
	}
}
