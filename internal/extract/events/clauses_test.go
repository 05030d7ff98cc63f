package events

import (
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestClauses(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"but joins two clauses",
			"The army says it has shelled rebel positions but will not shell the town.",
			[]string{"The army says it has shelled rebel positions", "but will not shell the town."}},
		{"dash and",
			"The ministry says it was not part of the talks - and on Monday bombed the bridge.",
			[]string{"The ministry says it was not part of the talks", "and on Monday bombed the bridge."}},
		{"an aside between dashes stays",
			"The convoy of fighters - and their families - left at dawn.",
			[]string{"The convoy of fighters - and their families - left at dawn."}},
		{"semicolon",
			"Gunmen attacked a post near the border; two guards were wounded.",
			[]string{"Gunmen attacked a post near the border", "two guards were wounded."}},
		{"not only but also stays",
			"The militia is not only recruiting but also arming local youths.",
			[]string{"The militia is not only recruiting but also arming local youths."}},
		{"too short to cut",
			"Police came but left.",
			[]string{"Police came but left."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units, of := clauses(tt.in, text.Tokens(tt.in), text.Sentences(tt.in))
			var got []string
			for i, u := range units {
				got = append(got, tt.in[u.ByteStart:u.ByteEnd])
				if of[i] != 0 {
					t.Errorf("clause %d of sentence %d, want 0", i, of[i])
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("clauses(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestReadingClauses codes sentences whose meaning hangs on their clauses:
// who the subject of a coordinated verb is, which acts are only
// prevented, named or promised, and what a show of force is.
func TestReadingClauses(t *testing.T) {
	tests := []struct {
		name, in      string
		sub, actor1   string
		actor2, assoc string // "" for any
		negated       bool
	}{
		{"subject of a verb after dash and",
			"But the Turkish army says it and the rebels were not part of the truce - and on Tuesday bombed the road near Tarvi.",
			"Air/drone strike", "Military Forces of Turkey", "", "", false},
		{"strike promised not to happen",
			"The Turkish army says its aircraft will not bomb the camp near Tarvi, because it holds civilians.",
			"Air/drone strike", "Military Forces of Turkey", "", "", true},
		{"struck is an air strike when the sentence names one",
			"The US-led coalition says it has struck militants in trucks near Tarvi but will not strike civilian cars.",
			"Air/drone strike", "US-led Coalition", "", "", false},
		{"two subjects joined by and",
			"Hezbollah and the Syrian army changed the route of the convoy from Tarvi to the north.",
			"Change to group/activity", "Hezbollah", "", "Military Forces of Syria", false},
		{"mock air raids are a show of force",
			"Turkish jets ran mock air raids over the convoy near Tarvi on Friday.",
			"Change to group/activity", "Military Forces of Turkey", "", "", false},
		{"a handover under a deal",
			"The rebels surrendered the town of Tarvi to the army on Monday under a truce deal.",
			"Non-violent transfer of territory", "Unidentified Armed Group (Syria)", "", "", false},
		{"the fighters are the group just named",
			"Islamic State militants left Tarvi on Monday. The fighters surrendered the town of Tarvi under a deal.",
			"Non-violent transfer of territory", "Islamic State (Syria)", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mainEvent(t, tt.in, town("Tarvi", "SY"))
			if e.SubType != tt.sub || e.Actor1 != tt.actor1 || e.Negated != tt.negated ||
				tt.actor2 != "" && e.Actor2 != tt.actor2 || tt.assoc != "" && (len(e.Assoc1) == 0 || e.Assoc1[0] != tt.assoc) {
				t.Errorf("Find(%q)[0] = %s by %q -> %q with %q, negated %v (trigger %q), want %s by %q -> %q with %q, negated %v",
					tt.in, e.SubType, e.Actor1, e.Actor2, e.Assoc1, e.Negated, e.Trigger, tt.sub, tt.actor1, tt.actor2, tt.assoc, tt.negated)
			}
		})
	}
}

// TestNamedActsAreNoEvents checks acts that a sentence names without reporting them.
func TestNamedActsAreNoEvents(t *testing.T) {
	tests := []struct{ name, in string }{
		{"an act someone seeks to prevent",
			"Hezbollah called on the world to intervene to prevent what it called a massacre of the people in Tarvi."},
		{"what someone is deemed to deserve",
			"The militants consider the villagers of Tarvi apostates - and thus deserving of murder."},
		{"an ongoing state in the present",
			"The government is fighting the rebels around Tarvi but also pushing them east."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := load(t)
			for _, e := range c.Find(input(t, tt.in, town("Tarvi", "SY"))) {
				if !e.Negated && !e.Hypothetical && e.Type != "Strategic developments" {
					t.Errorf("Find(%q) has %s by %q (trigger %q), want no violent event", tt.in, e.SubType, e.Actor1, e.Trigger)
				}
			}
		})
	}
}

// TestMergeRepeats checks that an act the text reports twice is one event
// dated by the report that gives a day.
func TestMergeRepeats(t *testing.T) {
	in := "The rebels agreed with the army to leave Tarvi. " +
		"On Monday, the rebels surrendered the town of Tarvi under an evacuation agreement."
	c, _ := load(t)
	var deals []sitrep.Event
	for _, e := range c.Find(input(t, in, town("Tarvi", "SY"))) {
		if e.SubType == "Agreement" {
			deals = append(deals, e)
		}
	}
	if len(deals) != 1 || deals[0].Date != "2024-03-04" {
		t.Errorf("agreements = %+v, want one on 2024-03-04", deals)
	}
}
