package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/extract/events"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/geo"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func fatal(n int) *int { return &n }

func TestEventScore(t *testing.T) {
	lat, lon := 33.58, 69.15
	gold := EventGold{
		EventType: "Violence against civilians", SubEventType: "Attack",
		Actor1: "Military Forces of Afghanistan (2014-)", Country: "Afghanistan", ISO3: "AFG",
		Lat: &lat, Lon: &lon, Date: "2020-05-04", Fatalities: 0,
	}
	tests := []struct {
		name string
		a    sitrep.Analysis
		want EventResult
	}{
		{
			name: "all right, unknown toll counts as 0",
			a: sitrep.Analysis{Events: []sitrep.Event{{
				Type: "Violence against civilians", SubType: "Attack", Actor1: "Military Forces of Afghanistan",
				Place: &sitrep.EventPlace{Country: "AF", Lat: 33.60, Lon: 69.16}, Date: "2020-05-04",
			}}},
			want: EventResult{Docs: 1, TypeAccuracy: 1, SubAccuracy: 1, SubMacroF1: 1, Country: 1, Within25km: 1, Within161km: 1, DateExact: 1, FatalExact: 1, Actor1Match: 1},
		},
		{
			name: "no event: wrong everywhere but country from countries",
			a:    sitrep.Analysis{Countries: []sitrep.CountryScore{{Code: "AF"}}},
			want: EventResult{Docs: 1, NoEvent: 1, Country: 1},
		},
		{
			name: "wrong sub-type, place 100 km off, other toll",
			a: sitrep.Analysis{Events: []sitrep.Event{{
				Type: "Violence against civilians", SubType: "Abduction/forced disappearance", Actor1: "Taliban",
				Place: &sitrep.EventPlace{Country: "PK", Lat: 33.58, Lon: 70.23}, Date: "2020-05-03", Fatalities: fatal(2),
			}}},
			want: EventResult{Docs: 1, TypeAccuracy: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s EventScore
			s.Add(gold, &tt.a)
			got := s.Result()
			got.Within161km = roundTo(got.Within161km)
			if tt.name == "wrong sub-type, place 100 km off, other toll" {
				tt.want.Within161km = 1 // 100 km is within 161
			}
			if got != tt.want {
				t.Errorf("Result() =\n %+v\nwant\n %+v", got, tt.want)
			}
		})
	}
}

func roundTo(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

func TestNormalizeActor(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"years dropped", "Military Forces of Mali (2021-)", "military forces of mali"},
		{"closed range dropped", "Police Forces of Sudan (1989-2019)", "police forces of sudan"},
		{"country kept", "Protesters (Mexico)", "protesters (mexico)"},
		{"suffix after years kept", "Military Forces of Yemen (2016-) Supreme Political Council", "military forces of yemen supreme political council"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeActor(tt.in); got != tt.want {
				t.Errorf("NormalizeActor(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestEventsDev scores the event coder on the ACLED development file when
// SITREP_EVAL_DIR names the directory that holds it. SITREP_EVAL_DUMP, when
// set, names a file to write the misses to, for error analysis.
func TestEventsDev(t *testing.T) {
	dir := os.Getenv("SITREP_EVAL_DIR")
	if dir == "" {
		t.Skip("SITREP_EVAL_DIR not set")
	}
	f, err := os.Open(filepath.Join(dir, "events-dev.jsonl"))
	if err != nil {
		t.Skipf("no events file: %v", err)
	}
	defer f.Close()
	x, err := extract.Load(extract.Options{})
	if err != nil {
		t.Fatalf("extract.Load: %v", err)
	}
	coder, err := events.Load()
	if err != nil {
		t.Fatalf("events.Load: %v", err)
	}
	var dump *bufio.Writer
	if p := os.Getenv("SITREP_EVAL_DUMP"); p != "" {
		df, err := os.Create(p)
		if err != nil {
			t.Fatalf("dump: %v", err)
		}
		defer df.Close()
		dump = bufio.NewWriter(df)
		defer dump.Flush()
	}
	var s EventScore
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var l Line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line: %v", err)
		}
		var g EventGold
		if err := json.Unmarshal(l.Gold, &g); err != nil {
			t.Fatalf("gold: %v", err)
		}
		a := x.Analyze(extract.Document{Text: l.Text, Title: l.Title, Published: l.Anchor(), PublishedPrecision: sitrep.PrecisionDay})
		a.Events = coder.Find(events.Input{
			Text: l.Text, Toks: text.Tokens(l.Text), Sents: text.Sentences(l.Text),
			Actors: a.Actors, Places: a.Places, Dates: a.Dates, Quantities: a.Quantities,
			Countries: a.Countries, Published: l.Anchor(),
		})
		s.Add(g, a)
		if dump != nil {
			writeMiss(dump, &l, g, a)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read: %v", err)
	}
	t.Log(s.Result().String())
	t.Log("per sub-event type:\n" + strings.Join(s.PerSubType(), "\n"))
}

func writeMiss(w *bufio.Writer, l *Line, g EventGold, a *sitrep.Analysis) {
	var e sitrep.Event
	if len(a.Events) > 0 {
		e = a.Events[0]
	}
	fat := 0
	if e.Fatalities != nil {
		fat = *e.Fatalities
	}
	place, prec := "", 0
	if e.Place != nil {
		place, prec = e.Place.Name+"/"+e.Place.Country, e.Place.GeoPrecision
		if g.Lat != nil && g.Lon != nil {
			place += fmt.Sprintf(" %.0fkm", geo.DistanceKm(e.Place.Lat, e.Place.Lon, *g.Lat, *g.Lon))
		}
	}
	fmt.Fprintf(w, "%s\tGOLD %s | %s | %s | %s | %s/%s p%d | %s t%d | f%d\n", l.ID, g.SubEventType, g.Actor1, g.Actor2, g.Country, g.Location, g.Admin1, g.GeoPrecision, g.Date, g.TimePrecision, g.Fatalities)
	top := ""
	if len(a.Countries) > 0 {
		top = a.Countries[0].Code
	}
	fmt.Fprintf(w, "\tPRED %s | %s | %s | %s p%d | %s t%d | f%d | trig=%q neg=%v hyp=%v n=%d | countryOK=%v top=%s\n", e.SubType, e.Actor1, e.Actor2, place, prec, e.Date, e.TimePrecision, fat, e.Trigger, e.Negated, e.Hypothetical, len(a.Events), countryMatch(g, a), top)
	best, bestKm := "", 1e9
	if g.Lat != nil && g.Lon != nil {
		for _, p := range a.Places {
			if km := geo.DistanceKm(p.Lat, p.Lon, *g.Lat, *g.Lon); km < bestKm {
				best, bestKm = p.Name+"/"+p.Country, km
			}
		}
	}
	fmt.Fprintf(w, "\tTEXT %s\n\tNEAREST %s %.0fkm of %d places\n", l.Text, best, bestKm, len(a.Places))
}
