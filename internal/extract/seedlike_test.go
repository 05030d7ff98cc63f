package extract_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// TestAnalyzeConvoyEvents codes testdata/convoy.txt, an original report
// in the style of wire copy on a war: a handover under a truce deal, an
// air strike whose author the text names in a reported clause ("the
// Russian military says it was never bound by the deal - and last Tuesday
// bombed the highway"), a change of route, a strike promised not to
// happen, mock air raids and a denial. Each must be coded as the ACLED
// codebook has it, and nothing else coded as violence.
func TestAnalyzeConvoyEvents(t *testing.T) {
	data, err := os.ReadFile("testdata/convoy.txt")
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ := strings.Cut(string(data), "\n\n")
	pub := time.Date(2026, 3, 13, 8, 0, 0, 0, time.UTC) // a Friday
	a := load(t).Analyze(extract.Document{Title: title, Text: body, Published: &pub, PublishedPrecision: sitrep.PrecisionMinute})
	checkOffsets(t, body, a)
	if len(a.Events) == 0 {
		t.Fatal("no events")
	}
	sentence := func(e sitrep.Event) string { return string([]rune(body)[e.Start:e.End]) }

	t.Run("main event is the handover", func(t *testing.T) {
		e := a.Events[0]
		if e.SubType != "Non-violent transfer of territory" || e.Date != "2026-03-08" || e.Negated || e.Hypothetical {
			t.Errorf("events[0] = %s on %s (negated %v, hypothetical %v), want a factual Non-violent transfer of territory on 2026-03-08",
				e.SubType, e.Date, e.Negated, e.Hypothetical)
		}
		if e.Place == nil || e.Place.Country != "SY" {
			t.Errorf("events[0] place = %+v, want one in Syria", e.Place)
		}
	})

	tests := []struct {
		name                  string
		sub, actor1, date     string
		trigger, place, actor string // "" for any; actor: actor2 or an associate
	}{
		{"truce deal", "Agreement", "", "2026-03-08", "", "", "Military Forces of Syria"},
		{"strike by the actor of the reported clause", "Air/drone strike", "Military Forces of Russia", "2026-03-10", "bombed", "Tadmur", ""},
		{"change of route", "Change to group/activity", "Military Forces of Syria", "", "changed the route", "As Sukhnah", ""},
		{"mock air raids are a show of force", "Change to group/activity", "Military Forces of Russia", "2026-03-12", "mock air raids", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, e := range a.Events {
				if e.SubType != tt.sub || e.Negated || e.Hypothetical {
					continue
				}
				if tt.actor1 != "" && e.Actor1 != tt.actor1 || tt.date != "" && e.Date != tt.date ||
					tt.trigger != "" && e.Trigger != tt.trigger || tt.place != "" && (e.Place == nil || e.Place.Name != tt.place) {
					continue
				}
				if tt.actor != "" && e.Actor2 != tt.actor && !contains(e.Assoc1, tt.actor) {
					continue
				}
				return
			}
			t.Errorf("no factual %s by %q on %q (trigger %q, at %q, with %q) in %s", tt.sub, tt.actor1, tt.date, tt.trigger, tt.place, tt.actor, describe(a.Events))
		})
	}

	t.Run("one factual air strike", func(t *testing.T) {
		n := 0
		for _, e := range a.Events {
			if e.SubType == "Air/drone strike" && !e.Negated && !e.Hypothetical {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d factual air strikes, want 1 in %s", n, describe(a.Events))
		}
	})

	t.Run("promised and denied acts are not events", func(t *testing.T) {
		for _, e := range a.Events {
			s := sentence(e)
			if (strings.Contains(s, "will not bomb") || strings.Contains(s, "denied")) && !e.Negated && !e.Hypothetical {
				t.Errorf("factual %s from %q", e.SubType, s)
			}
			if e.Type == "Battles" || e.Type == "Violence against civilians" {
				t.Errorf("%s from %q: nobody fought or attacked civilians", e.SubType, s)
			}
		}
	})
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func describe(es []sitrep.Event) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString("\n  " + e.Date + " | " + e.SubType + " | " + e.Actor1 + " -> " + e.Actor2)
		if e.Place != nil {
			b.WriteString(" | " + e.Place.Name)
		}
		if e.Negated {
			b.WriteString(" | negated")
		}
		if e.Hypothetical {
			b.WriteString(" | hypothetical")
		}
		b.WriteString(" | " + e.Trigger)
	}
	return b.String()
}
