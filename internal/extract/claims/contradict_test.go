package claims

import (
	"reflect"
	"strings"
	"testing"
)

func TestContradictions(t *testing.T) {
	tests := []struct {
		name, text string
		// want holds, per contradiction, the cues of its two claims and a
		// part of its reason; nil wants none.
		want [][3]string
	}{
		{"denial of a report inside it",
			"The commander denied news reports that said a hundred fighters had crossed into the valley.",
			[][3]string{{"denied", "said", "the commander denies what news reports said: a hundred fighters had crossed into the valley"}}},
		{"denial of a claim made elsewhere",
			"Activists said dozens of fighters had crossed into government territory overnight. " +
				"The army denied that any fighters had crossed into government territory.",
			[][3]string{{"denied", "said", "the army denies what Activists said: dozens of fighters had crossed"}}},
		{"denial of the reports just made",
			"Local media reported that the bridge at Jisr al-Shughur was destroyed. The army dismissed the reports as lies.",
			[][3]string{{"dismissed", "reported", "the army denies what Local media said"}}},
		{"short denial points back",
			"It is believed that the commander of the brigade was wounded. The brigade said it was not true.",
			[][3]string{{"said", "is believed", "the brigade denies"}}},
		{"conflicting tolls",
			"Activists said 30 people were killed in the air strike on Saraqib. " +
				"State media said eight people were killed in the air strike on Saraqib.",
			[][3]string{{"said", "said", "different figures for people killed: 30 people (Activists) vs eight people (State media)"}}},
		{"vague and exact figures",
			"Opposition activists said dozens of fighters had crossed into Isil territory. " +
				"News reports said a hundred fighters had crossed into Isil territory.",
			[][3]string{{"said", "said", "different figures for fighters who crossed: dozens of fighters (Opposition activists) vs a hundred fighters (News reports)"}}},
		{"same source repeating itself",
			"The ministry said 30 people were killed in the air strike on Saraqib. " +
				"The ministry later said eight people were killed in the air strike on Saraqib.",
			nil},
		{"compatible figures",
			"Activists said about 30 people were killed in the air strike on Saraqib. " +
				"Medics said 32 people were killed in the air strike on Saraqib.",
			nil},
		{"at least is a floor",
			"Activists said at least 12 people were killed in the strike on Saraqib. " +
				"Medics said 20 people were killed in the strike on Saraqib.",
			nil},
		{"different places are different events",
			"Activists said 30 people were killed in Saraqib. Medics said eight people were killed in Ariha.",
			nil},
		{"different things counted",
			"Activists said 30 people were killed in the strike on Saraqib. " +
				"Medics said eight children were killed in the strike on Saraqib.",
			nil},
		{"a purpose is not asserted",
			"The monitor said dozens of fighters had left the convoy in an attempt to reach the river. " +
				"The commander denied that fighters had reached the river.",
			nil},
		{"a running toll is no rival figure",
			"The monitor said 300 people have been killed in Aleppo since April. " +
				"Medics said 40 people were killed in Aleppo on Monday.",
			nil},
		{"a second toll adds to the first",
			"The monitor said 15 people were killed in Manbij. Activists said six more people were killed in Manbij.",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input(t, tt.text)
			cs := Find(in)
			got := Contradictions(tt.text, cs, in.Quantities)
			if of := ContradictionsOf(in, cs); !reflect.DeepEqual(of, got) {
				t.Errorf("ContradictionsOf = %+v, Contradictions = %+v", of, got)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Contradictions = %+v, want %d; claims %+v", got, len(tt.want), cs)
			}
			for i, w := range tt.want {
				x := got[i]
				if x.A < 0 || x.A >= len(cs) || x.B < 0 || x.B >= len(cs) || x.A == x.B {
					t.Fatalf("contradiction %+v: indexes outside %d claims", x, len(cs))
				}
				a, b := viewOf(tt.text, cs[x.A]).Cue, viewOf(tt.text, cs[x.B]).Cue
				if a != w[0] || b != w[1] || !strings.Contains(x.Reason, w[2]) {
					t.Errorf("contradiction %d: cues %q, %q, reason %q\nwant cues %q, %q, reason with %q", i, a, b, x.Reason, w[0], w[1], w[2])
				}
			}
		})
	}
}

func TestValueRange(t *testing.T) {
	tests := []struct {
		text         string
		lo, hi, huge bool // hi unbounded when huge
		wantLo       float64
		wantHi       float64
	}{
		{text: "dozens of fighters", wantLo: 20, wantHi: 99},
		{text: "a hundred fighters", wantLo: 100, wantHi: 100},
		{text: "about 300 fighters", wantLo: 240, wantHi: 360},
		{text: "at least 12 people", wantLo: 12, huge: true},
		{text: "more than 40 people", wantLo: 40, huge: true},
		{text: "up to 50 people", wantLo: 0, wantHi: 50},
		{text: "nearly 200 families", wantLo: 170, wantHi: 200},
		{text: "hundreds of families", wantLo: 200, wantHi: 999},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			in := input(t, "Officials said "+tt.text+" fled.")
			if len(in.Quantities) != 1 {
				t.Fatalf("quantities of %q: %+v", tt.text, in.Quantities)
			}
			lo, hi := valueRange(in.Quantities[0])
			if lo != tt.wantLo || tt.huge && hi < 1e9 || !tt.huge && hi != tt.wantHi {
				t.Errorf("valueRange(%q) = %v, %v, want %v, %v (unbounded %v)", tt.text, lo, hi, tt.wantLo, tt.wantHi, tt.huge)
			}
		})
	}
}

func TestContradictionsNothingToRead(t *testing.T) {
	s := "The ministry said the road was open. Residents said it was busy."
	in := input(t, s)
	if got := Contradictions(s, Find(in), in.Quantities); got != nil {
		t.Errorf("Contradictions = %+v, want none", got)
	}
	if got := Contradictions("", nil, nil); got != nil {
		t.Errorf("Contradictions of nothing = %+v", got)
	}
}
