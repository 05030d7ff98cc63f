package export

import (
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/eval"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// GoldTasks are the `sitrep eval` tasks whose gold the newsroom's
// corrections can supply.
var GoldTasks = []string{"docs", "events", "geo"}

// GoldLine is one line of `sitrep eval` input (eval.Line): an article's
// text with the newsroom's corrected analysis as the gold, so that the
// extractor is measured against the editors' judgement.
type GoldLine struct {
	ID        string `json:"id"`
	Task      string `json:"task"`
	Text      string `json:"text"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"` // YYYY-MM-DD
	Gold      any    `json:"gold"`
}

// eventGold is the events task's gold: ACLED's fields of the article's
// main event (what the scorer reads, eval.EventGold), the association
// and admin2 fields ACLED's own notes carry, and every asserted event of
// the article, in the same shape, which the scorer leaves unread.
type eventGold struct {
	eval.EventGold
	Assoc1 string      `json:"assoc_actor_1"`
	Assoc2 string      `json:"assoc_actor_2"`
	Admin2 string      `json:"admin2"`
	Events []eventGold `json:"events,omitempty"`
}

// GoldRelevant reports whether the corrections cs of an article judged
// what task scores: events for events, places for geo, countries, events
// or places for docs. An article whose editors judged only its topics
// says nothing about its events.
func GoldRelevant(task string, cs []sitrep.Correction) bool {
	for _, c := range cs {
		if !c.Active() {
			continue
		}
		switch task {
		case "events":
			if c.Target == sitrep.TargetEvent {
				return true
			}
		case "geo":
			if c.Target == sitrep.TargetPlace {
				return true
			}
		case "docs":
			if c.Target == sitrep.TargetCountry || c.Target == sitrep.TargetEvent || c.Target == sitrep.TargetPlace {
				return true
			}
		}
	}
	return false
}

// Gold returns the eval line of task for article a, whose analysis an is
// the corrected one. It returns false when an gives the task nothing to
// score: no asserted event for events, neither country nor place for
// docs.
func Gold(task string, a *sitrep.Article, an *sitrep.Analysis) (*GoldLine, bool) {
	if an == nil {
		an = &sitrep.Analysis{}
	}
	l := &GoldLine{ID: a.ID, Task: task, Text: a.Body, Title: a.Title}
	if a.Published != nil {
		l.Published = a.Published.UTC().Format(time.DateOnly)
	}
	switch task {
	case "events":
		var events []eventGold
		for _, e := range an.Events {
			if !e.Negated && !e.Hypothetical && e.Type != "" {
				events = append(events, goldEvent(e))
			}
		}
		if len(events) == 0 {
			return nil, false
		}
		g := events[0]
		g.Events = events
		l.Gold = g
	case "geo":
		toponyms := eval.GeoSpans(an.Places)
		if toponyms == nil {
			toponyms = []eval.GeoSpan{}
		}
		l.Gold = eval.GeoGold{Toponyms: toponyms}
	case "docs":
		var g eval.DocsGold
		if len(an.Countries) > 0 {
			g.Country = strings.ToUpper(an.Countries[0].Code)
		}
		g.Location = docLocation(an)
		if g.Country == "" && g.Location == "" {
			return nil, false
		}
		l.Gold = g
	default:
		return nil, false
	}
	return l, true
}

func goldEvent(e sitrep.Event) eventGold {
	g := eventGold{EventGold: eval.EventGold{EventType: e.Type, SubEventType: e.SubType, Actor1: e.Actor1, Actor2: e.Actor2,
		Date: e.Date, TimePrecision: e.TimePrecision}}
	g.Assoc1, g.Assoc2 = strings.Join(e.Assoc1, "; "), strings.Join(e.Assoc2, "; ")
	if e.Fatalities != nil {
		g.Fatalities = *e.Fatalities
	}
	if p := e.Place; p != nil {
		g.Location, g.Admin1, g.GeoPrecision = p.Name, p.Admin1, p.GeoPrecision
		if c, ok := index.LookupCountry(p.Country); ok {
			g.Country, g.ISO3 = c.Name, c.Alpha3
		}
		if !(p.Lat == 0 && p.Lon == 0) {
			lat, lon := p.Lat, p.Lon
			g.Lat, g.Lon = &lat, &lon
		}
	}
	if g.TimePrecision == 0 && g.Date != "" {
		g.TimePrecision = 1
	}
	return g
}

// docLocation is where the article's main asserted event happened, else
// its first place below country level, else its first place.
func docLocation(an *sitrep.Analysis) string {
	for _, e := range an.Events {
		if !e.Negated && !e.Hypothetical && e.Place != nil && e.Place.Name != "" {
			return e.Place.Name
		}
	}
	for _, p := range an.Places {
		if p.Feature != "country" && p.Name != "" {
			return p.Name
		}
	}
	if len(an.Places) > 0 {
		return an.Places[0].Name
	}
	return ""
}

// GoldWriter writes eval lines as JSON Lines.
type GoldWriter struct {
	enc *json.Encoder
	n   int
}

// NewGold returns a writer of eval lines to w.
func NewGold(w io.Writer) *GoldWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &GoldWriter{enc: enc}
}

// Write writes one line.
func (g *GoldWriter) Write(l *GoldLine) error {
	g.n++
	return g.enc.Encode(l)
}

// Count is how many lines were written.
func (g *GoldWriter) Count() int { return g.n }

// goldTaskNames is GoldTasks for messages.
func goldTaskNames() string { return strings.Join(GoldTasks, ", ") }

// ValidGoldTask reports whether task is one of GoldTasks, with a
// user-safe error when it is not.
func ValidGoldTask(task string) error {
	for _, t := range GoldTasks {
		if t == task {
			return nil
		}
	}
	return sitrep.Errorf(sitrep.EINVALID, "no gold for task %q (known: %s)", task, goldTaskNames())
}
