package eval

import (
	"bufio"
	"encoding/json"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/actors"
	"github.com/sitrep-project/sitrep/internal/extract/countries"
	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/places"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestGeoScore(t *testing.T) {
	gold := []GeoSpan{
		{Start: 0, End: 10, Lat: 31.31, Lon: -92.45},  // Alexandria, Louisiana
		{Start: 20, End: 26, Lat: 34.80, Lon: 38.90},  // Syria
		{Start: 40, End: 47, Lat: 34.56, Lon: 38.28},  // Palmyra, missed
		{Start: 60, End: 74, Lat: 31.17, Lon: -92.48}, // a parish
	}
	pred := []GeoSpan{
		{Start: 0, End: 10, Lat: 31.20, Lon: 29.92},   // Alexandria, Egypt: wrong
		{Start: 20, End: 26, Lat: 34.80, Lon: 38.90},  // exact
		{Start: 60, End: 67, Lat: 31.30, Lon: -92.40}, // overlaps, 17 km off
		{Start: 80, End: 85, Lat: 0, Lon: 0},          // spurious
	}
	var s GeoScore
	s.Add(gold, pred)
	s.Add(nil, nil)
	got := s.Result()
	if got.Docs != 2 || got.Gold != 4 || got.Pred != 4 {
		t.Fatalf("counts = %+v, want 2 docs, 4 gold, 4 predicted", got)
	}
	near := func(x, want, tol float64) bool { return math.Abs(x-want) <= tol }
	if !near(got.Precision, 0.75, 1e-9) || !near(got.Recall, 0.75, 1e-9) || !near(got.F1, 0.75, 1e-9) {
		t.Errorf("P/R/F1 = %.3f/%.3f/%.3f, want 0.75 each", got.Precision, got.Recall, got.F1)
	}
	if !near(got.Accuracy, 2.0/3, 1e-9) {
		t.Errorf("Accuracy = %.3f, want 0.667", got.Accuracy)
	}
	// Alexandria LA to Alexandria EG is about 10,800 km.
	if wantMean := (HaversineKm(31.31, -92.45, 31.20, 29.92) + HaversineKm(31.17, -92.48, 31.30, -92.40)) / 3; !near(got.MeanErrorKm, wantMean, 1e-6) || got.MeanErrorKm < 3000 {
		t.Errorf("MeanErrorKm = %.1f, want %.1f", got.MeanErrorKm, wantMean)
	}
	if s := got.String(); !strings.Contains(s, "F1 0.750") || !strings.Contains(s, "161 km 0.667") {
		t.Errorf("String() = %q", s)
	}
}

func TestGeoScoreBestOverlap(t *testing.T) {
	// Two predictions overlap one gold span: the point is judged on the
	// larger overlap.
	gold := []GeoSpan{{Start: 10, End: 30, Lat: 35.34, Lon: 40.14}}
	pred := []GeoSpan{
		{Start: 5, End: 12, Lat: 0, Lon: 0},
		{Start: 14, End: 30, Lat: 35.30, Lon: 40.10},
	}
	var s GeoScore
	s.Add(gold, pred)
	if got := s.Result(); got.Accuracy != 1 || got.Precision != 1 || got.Recall != 1 {
		t.Errorf("Result() = %+v, want accuracy, precision and recall 1", got)
	}
}

func TestHaversineKm(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want, tol              float64
	}{
		{"same point", 33.5, 36.3, 33.5, 36.3, 0, 1e-9},
		{"damascus to beirut", 33.51, 36.29, 33.89, 35.50, 85, 5},
		{"quarter meridian", 0, 0, 90, 0, 10008, 5},
		{"across the date line", 0, 179.5, 0, -179.5, 111, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HaversineKm(tt.lat1, tt.lon1, tt.lat2, tt.lon2); math.Abs(got-tt.want) > tt.tol {
				t.Errorf("HaversineKm = %.1f, want %.1f ± %.1f", got, tt.want, tt.tol)
			}
		})
	}
}

func TestDocsScore(t *testing.T) {
	tests := []struct {
		name             string
		gold             DocsGold
		a                sitrep.Analysis
		placeOK, countOK bool
	}{
		{"event place admin1", DocsGold{"SY", "deir ezzor"}, sitrep.Analysis{
			Events:    []sitrep.Event{{Place: &sitrep.EventPlace{Name: "Al-Bukamal", Admin1: "Deir ez-Zor"}}},
			Places:    []sitrep.PlaceMention{{Name: "Aleppo"}},
			Countries: []sitrep.CountryScore{{Code: "SY"}},
		}, true, true},
		{"first place name", DocsGold{"SY", "aleppo"}, sitrep.Analysis{
			Places:    []sitrep.PlaceMention{{Name: "Aleppo", Admin1: "Aleppo"}, {Name: "Idlib"}},
			Countries: []sitrep.CountryScore{{Code: "sy"}},
		}, true, true},
		{"event without place falls back to places", DocsGold{"SY", "idlib"}, sitrep.Analysis{
			Events: []sitrep.Event{{Type: "Battles"}},
			Places: []sitrep.PlaceMention{{Name: "Idlib"}},
		}, true, false},
		{"wrong place and country", DocsGold{"SY", "homs"}, sitrep.Analysis{
			Places:    []sitrep.PlaceMention{{Name: "Syria"}},
			Countries: []sitrep.CountryScore{{Code: "US"}, {Code: "SY"}},
		}, false, false},
		{"nothing predicted", DocsGold{"SY", "hama"}, sitrep.Analysis{}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s DocsScore
			s.Add(tt.gold, &tt.a)
			if got := s.PlaceOK == 1; got != tt.placeOK {
				t.Errorf("place right = %v, want %v", got, tt.placeOK)
			}
			if got := s.CountryOK == 1; got != tt.countOK {
				t.Errorf("country right = %v, want %v", got, tt.countOK)
			}
		})
	}
	var s DocsScore
	s.Add(DocsGold{"SY", "aleppo"}, &sitrep.Analysis{Places: []sitrep.PlaceMention{{Name: "Aleppo"}}, Countries: []sitrep.CountryScore{{Code: "SY"}}})
	s.Add(DocsGold{"SY", "homs"}, &sitrep.Analysis{})
	if got := s.Result().String(); got != "docs: 2 docs: place accuracy 0.500, country accuracy 0.500" {
		t.Errorf("String() = %q", got)
	}
}

// extractor runs the place pipeline of the extractor on one text.
type extractor struct {
	g   *gazetteer.Gazetteer
	r   *places.Resolver
	lex *actors.Lexicon
}

var (
	extractorOnce sync.Once
	extractorVal  *extractor
	extractorErr  error
)

func loadExtractor(t *testing.T) *extractor {
	t.Helper()
	extractorOnce.Do(func() {
		g, err := gazetteer.Load()
		if err != nil {
			extractorErr = err
			return
		}
		r, err := places.NewResolver(g)
		if err != nil {
			extractorErr = err
			return
		}
		lex, err := actors.Load()
		if err != nil {
			extractorErr = err
			return
		}
		extractorVal = &extractor{g: g, r: r, lex: lex}
	})
	if extractorErr != nil {
		t.Fatal(extractorErr)
	}
	return extractorVal
}

func (x *extractor) analyze(l *Line) *sitrep.Analysis {
	toks := text.Tokens(l.Text)
	acts := x.lex.Find(l.Text, toks)
	ps := x.r.Find(l.Text, toks, text.Sentences(l.Text), acts)
	return &sitrep.Analysis{
		Places:    ps,
		Actors:    acts,
		Countries: countries.Rank(ps, acts, toks, text.Tokens(l.Title), x.g),
	}
}

// devLines reads an evaluation file of SITREP_EVAL_DIR, skipping the test
// when there is none.
func devLines(t *testing.T, file string) []Line {
	t.Helper()
	dir := os.Getenv("SITREP_EVAL_DIR")
	if dir == "" {
		t.Skip("SITREP_EVAL_DIR not set")
	}
	f, err := os.Open(filepath.Join(dir, file))
	if err != nil {
		t.Skipf("no dev set: %v", err)
	}
	defer f.Close()
	var lines []Line
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var l Line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		lines = append(lines, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// TestGeoDev measures toponym recognition and resolution on the geo
// development set. It runs only when SITREP_EVAL_DIR names the evaluation
// directory; with SITREP_EVAL_VERBOSE=1 it logs every miss, false alarm and
// far resolution.
func TestGeoDev(t *testing.T) {
	lines := devLines(t, "geo-dev.jsonl")
	x := loadExtractor(t)
	verbose := os.Getenv("SITREP_EVAL_VERBOSE") != ""
	bySource := map[string]*GeoScore{}
	var all GeoScore
	for i := range lines {
		l := &lines[i]
		var gold GeoGold
		if err := json.Unmarshal(l.Gold, &gold); err != nil {
			t.Fatalf("%s: %v", l.ID, err)
		}
		pred := GeoSpans(x.analyze(l).Places)
		all.Add(gold.Toponyms, pred)
		src, _, _ := strings.Cut(l.ID, "-")
		if bySource[src] == nil {
			bySource[src] = &GeoScore{}
		}
		bySource[src].Add(gold.Toponyms, pred)
		if verbose {
			logGeoErrors(t, l, gold.Toponyms, pred)
		}
	}
	for _, src := range slices.Sorted(maps.Keys(bySource)) {
		t.Logf("%s %s", src, bySource[src].Result())
	}
	t.Log(all.Result())
}

func logGeoErrors(t *testing.T, l *Line, gold, pred []GeoSpan) {
	t.Helper()
	_, bests := matchSpans(len(gold), len(pred),
		func(i int) (int, int) { return gold[i].Start, gold[i].End },
		func(j int) (int, int) { return pred[j].Start, pred[j].End })
	for i, g := range gold {
		best := bests[i]
		switch {
		case best < 0:
			t.Logf("MISS %s %q | %s", l.ID, g.Text, geoContext(l.Text, g))
		case HaversineKm(g.Lat, g.Lon, pred[best].Lat, pred[best].Lon) > AccuracyKm:
			t.Logf("FAR %s %q gold %.2f,%.2f got %.2f,%.2f (%.0f km) | %s", l.ID, g.Text, g.Lat, g.Lon,
				pred[best].Lat, pred[best].Lon, HaversineKm(g.Lat, g.Lon, pred[best].Lat, pred[best].Lon), geoContext(l.Text, g))
		}
	}
	for _, p := range pred {
		hit := false
		for _, g := range gold {
			hit = hit || spanOverlap(p.Start, p.End, g.Start, g.End) > 0
		}
		if !hit {
			t.Logf("FALSE %s %q | %s", l.ID, p.Text, geoContext(l.Text, p))
		}
	}
}

func geoContext(s string, sp GeoSpan) string {
	r := []rune(s)
	if sp.Start < 0 || sp.End > len(r) || sp.Start > sp.End {
		return "(span out of text)"
	}
	lo, hi := max(0, sp.Start-50), min(len(r), sp.End+40)
	return strings.ReplaceAll(string(r[lo:sp.Start])+"[["+string(r[sp.Start:sp.End])+"]]"+string(r[sp.End:hi]), "\n", " ")
}

// TestDocsDev measures document place and country accuracy on the docs
// development set, with the places and countries alone (no events): the
// place is then the first place mention. It also logs the place accuracy
// when places.Focus stands in for the first event's place.
func TestDocsDev(t *testing.T) {
	lines := devLines(t, "docs-dev.jsonl")
	x := loadExtractor(t)
	verbose := os.Getenv("SITREP_EVAL_VERBOSE") != ""
	var s, focus DocsScore
	for i := range lines {
		l := &lines[i]
		var gold DocsGold
		if err := json.Unmarshal(l.Gold, &gold); err != nil {
			t.Fatalf("%s: %v", l.ID, err)
		}
		a := x.analyze(l)
		s.Add(gold, a)
		withFocus := *a
		if fi := places.Focus(a.Places); fi >= 0 {
			p := a.Places[fi]
			withFocus.Events = []sitrep.Event{{Place: &sitrep.EventPlace{Name: p.Name, Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon}}}
		}
		focus.Add(gold, &withFocus)
		if verbose {
			name, admin1, _ := DocPlace(a)
			var top []string
			for _, c := range a.Countries[:min(3, len(a.Countries))] {
				top = append(top, c.Code)
			}
			if !SamePlace(gold.Location, name, admin1) || len(top) == 0 || top[0] != gold.Country {
				t.Logf("DOC %s gold %s/%s got %s (%s) countries %v", l.ID, gold.Country, gold.Location, name, admin1, top)
			}
		}
	}
	t.Log(s.Result())
	t.Logf("with places.Focus as the event place: %s", focus.Result())
}
