package events

import "testing"

// TestSubEventTypes codes one original sentence per ACLED sub-event type.
func TestSubEventTypes(t *testing.T) {
	tests := []struct {
		name, in string
		places   []place
		typ, sub string
	}{
		{"government regains territory",
			"Government troops recaptured the town of Kalvari from the rebels on Tuesday.",
			[]place{town("Kalvari", "SO")}, "Battles", "Government regains territory"},
		{"non-state actor overtakes territory",
			"Insurgents seized control of Marobe town after a night of fighting.",
			[]place{town("Marobe", "ML")}, "Battles", "Non-state actor overtakes territory"},
		{"armed clash",
			"Soldiers and militants clashed near Tessit on Monday, leaving four fighters dead.",
			[]place{town("Tessit", "ML")}, "Battles", "Armed clash"},
		{"armed clash when a policeman is shot",
			"A police officer was shot dead by gunmen at a checkpoint in Garro.",
			[]place{town("Garro", "NG")}, "Battles", "Armed clash"},
		{"excessive force against protesters",
			"Police opened fire on protesters in Dunmore, killing two demonstrators.",
			[]place{town("Dunmore", "KE")}, "Protests", "Excessive force against protesters"},
		{"protest with intervention",
			"Hundreds of teachers marched in Corvella to demand unpaid wages. Police dispersed the crowd with tear gas.",
			[]place{town("Corvella", "CL")}, "Protests", "Protest with intervention"},
		{"peaceful protest",
			"About 200 farmers held a protest outside the district office in Lentor over water prices.",
			[]place{town("Lentor", "IN")}, "Protests", "Peaceful protest"},
		{"violent demonstration",
			"Demonstrators burned tyres and threw stones at police in Haskell during a protest against fuel prices.",
			[]place{town("Haskell", "NG")}, "Riots", "Violent demonstration"},
		{"mob violence",
			"A mob lynched a suspected thief in the market of Boravi.",
			[]place{town("Boravi", "UG")}, "Riots", "Mob violence"},
		{"chemical weapon",
			"Residents of Tamar reported a chlorine gas attack on the eastern quarter.",
			[]place{town("Tamar", "SY")}, "Explosions/Remote violence", "Chemical weapon"},
		{"air strike",
			"Military aircraft carried out an airstrike on a militant camp near Osura.",
			[]place{town("Osura", "SO")}, "Explosions/Remote violence", "Air/drone strike"},
		{"drone strike",
			"A drone strike hit a vehicle carrying fighters outside Birni.",
			[]place{town("Birni", "YE")}, "Explosions/Remote violence", "Air/drone strike"},
		{"suicide bomb",
			"A suicide bomber blew himself up at a checkpoint in Ferran, killing six soldiers.",
			[]place{town("Ferran", "AF")}, "Explosions/Remote violence", "Suicide bomb"},
		{"shelling",
			"Artillery shells fired by government forces hit the village of Darnel.",
			[]place{town("Darnel", "SY")}, "Explosions/Remote violence", "Shelling/artillery/missile attack"},
		{"rockets",
			"Rockets landed in a residential area of Quarra overnight.",
			[]place{town("Quarra", "IQ")}, "Explosions/Remote violence", "Shelling/artillery/missile attack"},
		{"remote explosive",
			"A roadside bomb exploded under a minibus near Kesh, killing three passengers.",
			[]place{town("Kesh", "PK")}, "Explosions/Remote violence", "Remote explosive/landmine/IED"},
		{"landmine",
			"Two shepherds were wounded when they stepped on a landmine in the hills of Varden.",
			[]place{town("Varden", "AZ")}, "Explosions/Remote violence", "Remote explosive/landmine/IED"},
		{"grenade",
			"An unidentified man threw a grenade into a bar in Lutoro, wounding five customers.",
			[]place{town("Lutoro", "BI")}, "Explosions/Remote violence", "Grenade"},
		{"sexual violence",
			"Armed men raped two women in Bakuma village.",
			[]place{town("Bakuma", "CD")}, "Violence against civilians", "Sexual violence"},
		{"attack",
			"Gunmen shot dead a village chief in Norra.",
			[]place{town("Norra", "NG")}, "Violence against civilians", "Attack"},
		{"attack on a village",
			"Militants attacked Sanga overnight and killed nine villagers.",
			[]place{town("Sanga", "BF")}, "Violence against civilians", "Attack"},
		{"abduction",
			"Bandits kidnapped twelve students from a school in Kaduri.",
			[]place{town("Kaduri", "NG")}, "Violence against civilians", "Abduction/forced disappearance"},
		{"detention by a rebel group is an abduction",
			"Rebels detained a local journalist in Pomo for three days.",
			[]place{town("Pomo", "CF")}, "Violence against civilians", "Abduction/forced disappearance"},
		{"agreement",
			"The army and the rebel movement signed a ceasefire agreement in Velsa.",
			[]place{town("Velsa", "SS")}, "Strategic developments", "Agreement"},
		{"arrests",
			"Police arrested five men suspected of armed robbery in Tarvo.",
			[]place{town("Tarvo", "KE")}, "Strategic developments", "Arrests"},
		{"change to group activity",
			"The army deployed reinforcements to the border town of Melk.",
			[]place{town("Melk", "AM")}, "Strategic developments", "Change to group/activity"},
		{"joint patrol",
			"Two foreign armies conducted a joint patrol along the highway near Sarin.",
			[]place{town("Sarin", "SY")}, "Strategic developments", "Change to group/activity"},
		{"disrupted weapons use",
			"Bomb disposal experts defused an explosive device found near the bridge in Sorel.",
			[]place{town("Sorel", "IQ")}, "Strategic developments", "Disrupted weapons use"},
		{"weapons seized",
			"Soldiers seized weapons and ammunition in a raid on a farm outside Kimbo.",
			[]place{town("Kimbo", "CM")}, "Strategic developments", "Disrupted weapons use"},
		{"headquarters established",
			"The militia established a base in the hills above Varna.",
			[]place{town("Varna", "LY")}, "Strategic developments", "Headquarters or base established"},
		{"looting",
			"Militiamen looted shops and torched houses in Ilembe.",
			[]place{town("Ilembe", "CD")}, "Strategic developments", "Looting/property destruction"},
		{"non-violent transfer of territory",
			"Rebel fighters handed over control of the airport to the national army.",
			nil, "Strategic developments", "Non-violent transfer of territory"},
		{"other",
			"Border guards fired warning shots near the crossing at Kessa.",
			[]place{town("Kessa", "KG")}, "Strategic developments", "Other"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := mainEvent(t, tt.in, tt.places...)
			if e.Type != tt.typ || e.SubType != tt.sub {
				t.Errorf("Find(%q)[0] = %s / %s (trigger %q), want %s / %s", tt.in, e.Type, e.SubType, e.Trigger, tt.typ, tt.sub)
			}
		})
	}
}

// TestNoEvent: texts about other things yield no conflict event.
func TestNoEvent(t *testing.T) {
	tests := []struct{ name, in string }{
		{"cholera outbreak", "A cholera outbreak has killed 43 people in the northern districts since January, health officials said. Hospitals in Gamba are overwhelmed and the ministry has appealed for clean water supplies."},
		{"flood", "Floods swept through low-lying villages on Saturday, killing 12 people and destroying more than 300 homes. Rescue workers used boats to reach families trapped on rooftops."},
		{"election result", "The ruling party won 61 percent of the vote in Sunday's parliamentary election, the electoral commission announced. Turnout was 48 percent, down from the previous poll."},
		{"traffic accident", "Nine passengers died when a bus collided with a truck on the coastal highway late on Friday."},
		{"sports", "The national team beat its rivals 3-1 in the final, and fans celebrated in the streets of the capital."},
	}
	c, _ := load(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if es := c.Find(input(t, tt.in)); len(es) > 0 {
				t.Errorf("Find(%q) = %d events, first %s (trigger %q), want none", tt.in, len(es), es[0].SubType, es[0].Trigger)
			}
		})
	}
}
