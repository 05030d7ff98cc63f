package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/export"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestACLEDGolden(t *testing.T) {
	_, idx := indextest.Open(t, indextest.All()...)
	var buf bytes.Buffer
	n, err := export.Events(context.Background(), idx, index.Filter{All: true}, export.NewACLED(&buf))
	if err != nil || n != 3 {
		t.Fatalf("exported %d, %v; want 3", n, err)
	}
	// The event numbers depend on the order articles were stored, which
	// indextest fixes; the timestamp is the publication time.
	const golden = "testdata/events.golden.csv"
	if *update {
		os.WriteFile(golden, buf.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != string(want) {
		t.Errorf("CSV differs from %s (run with -update to accept):\n%s", golden, got)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) != len(export.ACLEDColumns) {
			t.Errorf("row %d has %d columns, want %d", i, len(r), len(export.ACLEDColumns))
		}
	}
}

func TestEmptyExportsAreValid(t *testing.T) {
	_, idx := indextest.Open(t)
	var csvBuf, geo bytes.Buffer
	if _, err := export.Events(context.Background(), idx, index.Filter{}, export.NewACLED(&csvBuf)); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.TrimSpace(csvBuf.String()), strings.Join(export.ACLEDColumns, ","); got != want {
		t.Errorf("empty CSV = %q, want the header", got)
	}
	if _, err := export.Events(context.Background(), idx, index.Filter{}, export.NewGeoJSON(&geo)); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []any  `json:"features"`
	}
	if err := json.Unmarshal(geo.Bytes(), &fc); err != nil || fc.Type != "FeatureCollection" || fc.Features == nil || len(fc.Features) != 0 {
		t.Errorf("empty GeoJSON %q: %v", geo.String(), err)
	}
}

func TestGeoJSON(t *testing.T) {
	_, idx := indextest.Open(t, indextest.All()...)
	var buf bytes.Buffer
	if _, err := export.Events(context.Background(), idx, index.Filter{Country: "LB"}, export.NewGeoJSON(&buf)); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			ID       string `json:"id"`
			Geometry struct {
				Type        string     `json:"type"`
				Coordinates [2]float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties struct {
				Type      string `json:"type"`
				ArticleID string `json:"article_id"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil || len(fc.Features) != 1 {
		t.Fatalf("GeoJSON: %v: %s", err, buf.String())
	}
	f := fc.Features[0]
	if f.Geometry.Type != "Point" || f.Geometry.Coordinates != [2]float64{36.38, 34.39} || f.Properties.Type != "Explosions/Remote violence" ||
		f.Properties.ArticleID != indextest.Shelling().ID {
		t.Errorf("feature = %+v (coordinates are lon, lat)", f)
	}
}

func TestArticlesJSONL(t *testing.T) {
	db, idx := indextest.Open(t, indextest.All()...)
	var buf bytes.Buffer
	n, err := export.Articles(context.Background(), idx, db, index.Filter{}, &buf)
	if err != nil || n != 4 {
		t.Fatalf("exported %d, %v; want 4", n, err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	var first sitrep.Article
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first.ID != indextest.Ambush().ID || first.Analysis == nil {
		t.Errorf("first line: %v, %+v", err, first.ID)
	}
}

func TestMappings(t *testing.T) {
	for kind, want := range map[string]string{"state forces": "State forces", "rebel group": "Rebel group", "civilians": "Civilians",
		"intergovernmental": "External/Other forces", "person": "", "": ""} {
		if got := export.Inter(kind); got != want {
			t.Errorf("Inter(%q) = %q, want %q", kind, got, want)
		}
	}
	for typ, want := range map[string]string{"Battles": "Political violence", "Riots": "Demonstrations", "Strategic developments": "Strategic developments", "x": ""} {
		if got := export.DisorderType(typ); got != want {
			t.Errorf("DisorderType(%q) = %q, want %q", typ, got, want)
		}
	}
}
