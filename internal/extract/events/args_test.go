package events

import (
	"strings"
	"testing"
)

func TestModality(t *testing.T) {
	tests := []struct {
		name, in               string
		negated, hyp, reported bool
	}{
		{"factual", "Gunmen attacked a police post in Gedo on Friday.", false, false, false},
		{"reported", "Militants reportedly attacked a police post in Gedo on Friday.", false, false, true},
		{"according to", "According to residents, soldiers shelled the outskirts of Gedo.", false, false, true},
		{"denied", "The army denied shelling the village of Gedo.", true, false, false},
		{"did not", "Government aircraft did not bomb the market in Gedo, officials said.", true, false, true},
		{"threatened to", "The rebels threatened to attack the garrison in Gedo.", false, true, false},
		{"will", "The militia will attack Gedo unless the army withdraws, a commander said.", false, true, true},
		{"plans to", "Insurgents plans to ambush convoys near Gedo, the ministry warned.", false, true, false},
		{"no casualties is no negation", "Gunmen attacked a police post in Gedo; no casualties were reported.", false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mainEvent(t, tt.in, town("Gedo", "SO"))
			if e.Negated != tt.negated || e.Hypothetical != tt.hyp || e.Reported != tt.reported {
				t.Errorf("Find(%q)[0]: negated %v hypothetical %v reported %v (trigger %q), want %v %v %v",
					tt.in, e.Negated, e.Hypothetical, e.Reported, e.Trigger, tt.negated, tt.hyp, tt.reported)
			}
		})
	}
}

func TestFatalities(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // Fatalities: a number or "nil"
		injured  int
		abducted int
		arrested int
	}{
		{"number after the verb", "Militants killed 14 villagers and wounded 3 others in Sanga.", "14", 3, 0, 0},
		{"passive", "Two soldiers were killed and five were injured when their patrol was ambushed near Sanga.", "2", 5, 0, 0},
		{"sum of victims", "Gunmen killed two teachers and three students at a school in Sanga.", "5", 0, 0, 0},
		{"single victim", "A farmer was shot dead by unknown gunmen in Sanga.", "1", 0, 0, 0},
		{"dozens is 12", "An air strike on the market of Sanga killed dozens of civilians.", "12", 0, 0, 0},
		{"several is 10", "Clashes in Sanga killed several fighters on both sides.", "10", 0, 0, 0},
		{"lowest of a range", "Between 10 and 15 people were killed when militants stormed Sanga.", "10", 0, 0, 0},
		{"injured only is unknown", "Three people were injured when police fired on a crowd in Sanga.", "nil", 3, 0, 0},
		{"no figure is unknown", "Soldiers and rebels clashed near Sanga on Monday.", "nil", 0, 0, 0},
		{"no one killed is zero", "Mortar shells hit Sanga overnight but no one was killed.", "0", 0, 0, 0},
		{"no casualties is zero", "Rebels shelled army positions near Sanga. No casualties were reported.", "0", 0, 0, 0},
		{"death toll over the sum", "Gunmen attacked Sanga on Sunday. The death toll rose to 23, officials said.", "23", 0, 0, 0},
		{"abducted count", "Bandits abducted 12 residents in a raid on Sanga.", "nil", 0, 12, 0},
		{"arrested count", "Police arrested 7 suspects after the attack in Sanga.", "nil", 0, 0, 7},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mainEvent(t, tt.in, town("Sanga", "BF"))
			if got := fatalities(e); got != tt.want {
				t.Errorf("Find(%q)[0].Fatalities = %s, want %s (%s)", tt.in, got, tt.want, e.SubType)
			}
			for k, want := range map[string]int{"injured": tt.injured, "abducted": tt.abducted, "arrested": tt.arrested} {
				if got := e.Counts[k]; got != want {
					t.Errorf("Find(%q)[0].Counts[%s] = %d, want %d", tt.in, k, got, want)
				}
			}
		})
	}
}

func TestActors(t *testing.T) {
	tests := []struct {
		name, in       string
		places         []place
		actor1, actor2 string
	}{
		{"passive: the victim first, the attacker after by",
			"A police officer was shot dead by gunmen in Tiro.",
			[]place{town("Tiro", "NG")}, "Unidentified Armed Group (Nigeria)", "Police Forces of Nigeria"},
		{"active: attacker before, civilians after",
			"Gunmen killed a farmer in Tiro.",
			[]place{town("Tiro", "NG")}, "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)"},
		{"named group",
			"Boko Haram fighters abducted 20 women from Tiro.",
			[]place{town("Tiro", "NG")}, "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Civilians (Nigeria)"},
		{"clash between two named sides",
			"Clashes between the Taliban and Afghan forces left five dead in Tiro.",
			[]place{town("Tiro", "AF")}, "Taliban", "Military Forces of Afghanistan"},
		{"protesters and police",
			"Police fired tear gas to disperse protesters in Tiro.",
			[]place{town("Tiro", "KE")}, "Protesters (Kenya)", "Police Forces of Kenya"},
		{"rioters",
			"Rioters torched a police station in Tiro during a protest over fuel prices.",
			[]place{town("Tiro", "NG")}, "Rioters (Nigeria)", "Police Forces of Nigeria"},
		{"generic soldiers take the event country",
			"Soldiers shot dead two civilians at a checkpoint in Tiro.",
			[]place{town("Tiro", "CM")}, "Military Forces of Cameroon", "Civilians (Cameroon)"},
		{"nationality gives the forces' country",
			"A French soldier was killed by militants near Tiro.",
			[]place{town("Tiro", "ML")}, "Unidentified Armed Group (Mali)", "Military Forces of France"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mainEvent(t, tt.in, tt.places...)
			if e.Actor1 != tt.actor1 || e.Actor2 != tt.actor2 {
				t.Errorf("Find(%q)[0] actors = %q, %q (%s), want %q, %q", tt.in, e.Actor1, e.Actor2, e.SubType, tt.actor1, tt.actor2)
			}
		})
	}
}

func TestPlace(t *testing.T) {
	tests := []struct {
		name, in  string
		places    []place
		want      string
		precision int
	}{
		{"the event clause, not the origin",
			"Fighters who came from Abbo attacked the town of Bessa at dawn.",
			[]place{town("Abbo", "NE"), town("Bessa", "NE")}, "Bessa", 1},
		{"the town before its district and province",
			"Gunmen killed two traders in Kalu (Dera district, Gombe).",
			[]place{{name: "Kalu", feature: "city", country: "NG", admin1: "Gombe"}, {name: "Dera", feature: "admin2", country: "NG", admin1: "Gombe"}, {name: "Gombe", feature: "admin1", country: "NG"}}, "Kalu", 1},
		{"a namesake in another province gives way to the province",
			"Gunmen killed two traders in Kalu, Gombe.",
			[]place{{name: "Kalu", feature: "city", country: "NG", admin1: "Kano"}, {name: "Gombe", feature: "admin1", country: "NG"}}, "Gombe", 3},
		{"near a town",
			"A roadside bomb exploded near Kesh, wounding two soldiers.",
			[]place{town("Kesh", "PK")}, "Kesh", 2},
		{"outskirts",
			"Shells fell on the outskirts of Darnel overnight.",
			[]place{town("Darnel", "SY")}, "Darnel", 2},
		{"a district",
			"Militants attacked a checkpoint in Marj district on Monday.",
			[]place{{name: "Marj", feature: "admin2", country: "LY"}}, "Marj", 2},
		{"only a province",
			"Government aircraft struck rebel positions in Upper Kaso province.",
			[]place{{name: "Upper Kaso", feature: "admin1", country: "SS"}}, "Upper Kaso", 3},
		{"a namesake abroad gives way to the home place",
			"Rebels shelled Varsa, a village in Kaso province.",
			[]place{{name: "Kaso", feature: "admin1", country: "SS"}, town("Varsa", "PL")}, "Kaso", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mainEvent(t, tt.in, tt.places...)
			if e.Place == nil {
				t.Fatalf("Find(%q)[0].Place = nil, want %s", tt.in, tt.want)
			}
			if e.Place.Name != tt.want || e.Place.GeoPrecision != tt.precision {
				t.Errorf("Find(%q)[0].Place = %s precision %d, want %s precision %d", tt.in, e.Place.Name, e.Place.GeoPrecision, tt.want, tt.precision)
			}
		})
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		name, in  string
		want      string
		precision int
	}{
		{"exact day", "On 4 March 2024, gunmen attacked a bus near Sanga.", "2024-03-04", 1},
		{"around a day", "Around 4 March 2024, gunmen attacked a bus near Sanga.", "2024-03-04", 2},
		{"as reported", "On 4 March 2024 (as reported), gunmen attacked a bus near Sanga.", "2024-03-04", 2},
		{"relative to the published date", "Gunmen attacked a bus near Sanga on Friday.", "2024-03-08", 1},
		{"lead date for a later sentence", "On 4 March 2024, fighting broke out in the north. Later, gunmen attacked a bus near Sanga.", "2024-03-04", 1},
		{"no date: published, approximate", "Gunmen attacked a bus near Sanga.", "2024-03-10", 2},
		{"a month only", "In February 2024, gunmen attacked a bus near Sanga.", "2024-02-15", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mainEvent(t, tt.in, town("Sanga", "BF"))
			if e.Date != tt.want || e.TimePrecision != tt.precision {
				t.Errorf("Find(%q)[0] date %s precision %d, want %s precision %d", tt.in, e.Date, e.TimePrecision, tt.want, tt.precision)
			}
		})
	}
}

func TestMainEventFirst(t *testing.T) {
	s := "Rebels threatened on Monday to attack the capital. On Sunday, they ambushed an army convoy near Sanga, killing four soldiers."
	c, _ := load(t)
	es := c.Find(input(t, s, town("Sanga", "BF")))
	if len(es) < 2 {
		t.Fatalf("Find(%q) = %d events, want 2", s, len(es))
	}
	if es[0].Hypothetical || !strings.Contains(s[es[0].Start:es[0].End], "ambushed") {
		t.Errorf("Find(%q)[0] = %s %q (hypothetical %v), want the ambush first", s, es[0].SubType, es[0].Trigger, es[0].Hypothetical)
	}
	if !es[1].Hypothetical {
		t.Errorf("Find(%q)[1] = %s %q, want the threat, hypothetical", s, es[1].SubType, es[1].Trigger)
	}
}
