package eval

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/biter777/countries"

	"github.com/sitrep-project/sitrep/internal/geo"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// EventGold is the gold annotation of one ACLED event note.
type EventGold struct {
	EventType     string   `json:"event_type"`
	SubEventType  string   `json:"sub_event_type"`
	Actor1        string   `json:"actor1"`
	Actor2        string   `json:"actor2"`
	Country       string   `json:"country"`
	ISO3          string   `json:"iso3"`
	Admin1        string   `json:"admin1"`
	Location      string   `json:"location"`
	Lat           *float64 `json:"lat"`
	Lon           *float64 `json:"lon"`
	GeoPrecision  int      `json:"geo_precision"`
	Date          string   `json:"date"`
	TimePrecision int      `json:"time_precision"`
	Fatalities    int      `json:"fatalities"`
}

// EventScore accumulates the events metrics over documents. Every metric
// but country reads the first predicted event, the main one; a document
// with no event predicted counts as wrong on all of them.
type EventScore struct {
	Docs      int
	TypeOK    int
	SubOK     int
	CountryOK int
	Within25  int
	Within161 int
	DateOK    int
	FatalOK   int
	Actor1OK  int
	NoEvent   int
	// Per sub-event type: true positives, false positives, false negatives.
	tp, fp, fn map[string]int
}

// Add scores one document.
func (s *EventScore) Add(g EventGold, a *sitrep.Analysis) {
	if s.tp == nil {
		s.tp, s.fp, s.fn = map[string]int{}, map[string]int{}, map[string]int{}
	}
	s.Docs++
	if countryMatch(g, a) {
		s.CountryOK++
	}
	if len(a.Events) == 0 {
		s.NoEvent++
		s.fn[g.SubEventType]++
		return
	}
	e := a.Events[0]
	if e.Type == g.EventType {
		s.TypeOK++
	}
	if e.SubType == g.SubEventType {
		s.SubOK++
		s.tp[g.SubEventType]++
	} else {
		s.fp[e.SubType]++
		s.fn[g.SubEventType]++
	}
	if e.Place != nil && g.Lat != nil && g.Lon != nil {
		km := geo.DistanceKm(e.Place.Lat, e.Place.Lon, *g.Lat, *g.Lon)
		if km <= 25 {
			s.Within25++
		}
		if km <= 161 {
			s.Within161++
		}
	}
	if e.Date != "" && e.Date == g.Date {
		s.DateOK++
	}
	fat := 0 // ACLED codes an unknown toll as 0
	if e.Fatalities != nil {
		fat = *e.Fatalities
	}
	if fat == g.Fatalities {
		s.FatalOK++
	}
	if e.Actor1 != "" && NormalizeActor(e.Actor1) == NormalizeActor(g.Actor1) {
		s.Actor1OK++
	}
}

// countryMatch compares the country of the main event's place, else the
// first country of the analysis, with the gold country by ISO code.
func countryMatch(g EventGold, a *sitrep.Analysis) bool {
	pred := ""
	if len(a.Events) > 0 && a.Events[0].Place != nil {
		pred = a.Events[0].Place.Country
	}
	if pred == "" && len(a.Countries) > 0 {
		pred = a.Countries[0].Code
	}
	if pred == "" {
		return false
	}
	want := countries.ByName(g.ISO3)
	if want == countries.Unknown {
		want = countries.ByName(g.Country)
	}
	if want == countries.Unknown {
		return false
	}
	return strings.EqualFold(pred, want.Alpha2())
}

// NormalizeActor lower-cases an actor name, drops parenthesised years
// ("(2014-)", "(1990-2001)") and collapses spaces, so that "Military
// Forces of Mali (2021-)" and "military forces of mali" compare equal.
func NormalizeActor(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '(' {
			if j := strings.IndexByte(s[i:], ')'); j > 0 && yearsOnly(s[i+1:i+j]) {
				i += j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return strings.Join(strings.Fields(strings.ToLower(b.String())), " ")
}

func yearsOnly(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == '-' || r == ' ' || r == '\u2013':
		default:
			return false
		}
	}
	return digits >= 4
}

// EventResult is the summary of an EventScore.
type EventResult struct {
	Docs         int     `json:"docs"`
	NoEvent      int     `json:"no_event"`
	TypeAccuracy float64 `json:"type_accuracy"`
	SubAccuracy  float64 `json:"sub_type_accuracy"`
	SubMacroF1   float64 `json:"sub_type_macro_f1"`
	Country      float64 `json:"country_accuracy"`
	Within25km   float64 `json:"location_within_25km"`
	Within161km  float64 `json:"location_within_161km"`
	DateExact    float64 `json:"date_exact"`
	FatalExact   float64 `json:"fatalities_exact"`
	Actor1Match  float64 `json:"actor1_match"`
}

// Result computes the accuracies and the macro-F1 over the sub-event types
// seen in gold or predictions.
func (s *EventScore) Result() EventResult {
	r := EventResult{Docs: s.Docs, NoEvent: s.NoEvent}
	n := func(a int) float64 { return ratio(a, s.Docs) }
	r.TypeAccuracy, r.SubAccuracy = n(s.TypeOK), n(s.SubOK)
	r.Country, r.Within25km, r.Within161km = n(s.CountryOK), n(s.Within25), n(s.Within161)
	r.DateExact, r.FatalExact, r.Actor1Match = n(s.DateOK), n(s.FatalOK), n(s.Actor1OK)
	types := map[string]bool{}
	for _, m := range []map[string]int{s.tp, s.fp, s.fn} {
		for k := range m {
			types[k] = true
		}
	}
	if len(types) > 0 {
		sum := 0.0
		for k := range types {
			tp, fp, fn := s.tp[k], s.fp[k], s.fn[k]
			if tp > 0 {
				sum += 2 * float64(tp) / float64(2*tp+fp+fn)
			}
		}
		r.SubMacroF1 = sum / float64(len(types))
	}
	return r
}

// PerSubType returns "sub-type: tp/fp/fn F1" lines, sorted, for error
// reports.
func (s *EventScore) PerSubType() []string {
	types := map[string]bool{}
	for _, m := range []map[string]int{s.tp, s.fp, s.fn} {
		for k := range m {
			types[k] = true
		}
	}
	var out []string
	for k := range types {
		tp, fp, fn := s.tp[k], s.fp[k], s.fn[k]
		f1 := 0.0
		if tp > 0 {
			f1 = 2 * float64(tp) / float64(2*tp+fp+fn)
		}
		out = append(out, fmt.Sprintf("%-40s tp %4d fp %4d fn %4d F1 %.3f", k, tp, fp, fn, f1))
	}
	sort.Strings(out)
	return out
}

func (r EventResult) String() string {
	return fmt.Sprintf("events: %d docs (%d with no event): event_type %.3f, sub_event_type %.3f, sub-type macro-F1 %.3f; country %.3f; location within 25 km %.3f, within 161 km %.3f; date exact %.3f; fatalities exact %.3f; actor1 %.3f",
		r.Docs, r.NoEvent, r.TypeAccuracy, r.SubAccuracy, r.SubMacroF1, r.Country, r.Within25km, r.Within161km, r.DateExact, r.FatalExact, r.Actor1Match)
}

type eventsScorer struct{ s EventScore }

func (e *eventsScorer) Add(l *Line, a *sitrep.Analysis) error {
	var g EventGold
	if err := json.Unmarshal(l.Gold, &g); err != nil {
		return fmt.Errorf("events gold: %w", err)
	}
	e.s.Add(g, a)
	return nil
}

func (e *eventsScorer) Report() string { return e.s.Result().String() }
