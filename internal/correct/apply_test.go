package correct_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/correct"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func ptr[T any](v T) *T { return &v }

// analysis is what the extractor found in a made-up report.
func analysis() *sitrep.Analysis {
	return &sitrep.Analysis{
		Countries: []sitrep.CountryScore{{Code: "SY", Name: "Syria", Score: 1}, {Code: "IQ", Name: "Iraq", Score: 0.3},
			{Code: "JO", Name: "Jordan", Score: 0.1}},
		Topics: []sitrep.TopicScore{{Code: "medtop:20000056", Label: "armed conflict", Score: 0.7},
			{Code: "medtop:16000000", Label: "conflict, war and peace", Score: 0.6}},
		Places: []sitrep.PlaceMention{
			{Span: sitrep.Span{Start: 0, End: 8, Text: "QAMISHLI"}, Name: "Al Qamishli", Country: "SY", Lat: 37.05, Lon: 41.23, Feature: "city"},
			{Span: sitrep.Span{Start: 69, End: 75, Text: "Thiban"}, Name: "Thiban", Country: "SY", Lat: 35.01, Lon: 40.56, Feature: "city"},
		},
		Actors: []sitrep.ActorMention{
			{Span: sitrep.Span{Start: 18, End: 31, Text: "Islamic State"}, Name: "Islamic State", Kind: "rebel group"},
			{Span: sitrep.Span{Start: 53, End: 56, Text: "SDF"}, Name: "QSD: Syrian Democratic Forces", Kind: "rebel group"},
		},
		Events: []sitrep.Event{
			{Type: "Battles", SubType: "Armed clash", Actor1: "Islamic State (Syria)", Place: &sitrep.EventPlace{Name: "Thiban", Country: "SY",
				Lat: 35.01, Lon: 40.56, GeoPrecision: 1}, Date: "2026-10-06", Fatalities: ptr(7), Trigger: "ambushed", Start: 18, End: 116},
			{Type: "Violence against civilians", SubType: "Attack", Trigger: "attacking", Negated: true, Start: 172, End: 209},
		},
	}
}

// Keys of the findings of analysis().
const (
	battleKey = "18:116|Battles|ambushed"
	attackKey = "172:209|Violence against civilians|attacking"
)

var t0 = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// corr builds the i-th correction of a case, made i minutes after t0.
func corr(target, action, key, value string) sitrep.Correction {
	c := sitrep.Correction{ArticleID: "a1", Target: target, Action: action, Key: key, Editor: "rana"}
	if value != "" {
		c.Value = json.RawMessage(value)
	}
	return c
}

func stamp(cs ...sitrep.Correction) []sitrep.Correction {
	for i := range cs {
		cs[i].ID = int64(i + 1)
		cs[i].Created = t0.Add(time.Duration(i) * time.Minute)
	}
	return cs
}

// summary renders one list of an analysis compactly; "*" marks verified.
func summary(a *sitrep.Analysis, target string) string {
	var parts []string
	v := func(ok bool) string {
		if ok {
			return "*"
		}
		return ""
	}
	switch target {
	case sitrep.TargetCountry:
		for _, c := range a.Countries {
			parts = append(parts, c.Code+v(c.Verified))
		}
	case sitrep.TargetTopic:
		for _, t := range a.Topics {
			parts = append(parts, strings.TrimPrefix(t.Code, "medtop:")+v(t.Verified))
		}
	case sitrep.TargetPlace:
		for _, p := range a.Places {
			parts = append(parts, fmt.Sprintf("%d:%d=%s@%.2f%s", p.Start, p.End, p.Name, p.Lat, v(p.Verified)))
		}
	case sitrep.TargetActor:
		for _, m := range a.Actors {
			parts = append(parts, fmt.Sprintf("%d:%d=%s/%s%s", m.Start, m.End, m.Name, m.Kind, v(m.Verified)))
		}
	case sitrep.TargetEvent:
		for _, e := range a.Events {
			f := "-"
			if e.Fatalities != nil {
				f = fmt.Sprint(*e.Fatalities)
			}
			place := ""
			if e.Place != nil {
				place = fmt.Sprintf(" at %s@%.2f", e.Place.Name, e.Place.Lat)
			}
			parts = append(parts, fmt.Sprintf("%s/%s f%s%s%s", e.Type, e.SubType, f, place, v(e.Verified)))
		}
	}
	return strings.Join(parts, " | ")
}

func TestApply(t *testing.T) {
	const (
		country, topic, place, actor, event = sitrep.TargetCountry, sitrep.TargetTopic, sitrep.TargetPlace, sitrep.TargetActor, sitrep.TargetEvent
		confirm, reject, edit, add          = sitrep.ActionConfirm, sitrep.ActionReject, sitrep.ActionEdit, sitrep.ActionAdd
	)
	battle := "Battles/Armed clash f7 at Thiban@35.01"
	attack := "Violence against civilians/Attack f-"
	tests := []struct {
		name    string
		cs      []sitrep.Correction
		want    map[string]string // target -> summary
		keys    map[string]string // target -> keys joined by " "
		orphans int
	}{
		{"none", nil, map[string]string{country: "SY | IQ | JO", event: battle + " | " + attack}, nil, 0},

		{"country confirm", stamp(corr(country, confirm, "IQ", "")), map[string]string{country: "SY | IQ* | JO"}, nil, 0},
		{"country reject", stamp(corr(country, reject, "IQ", "")), map[string]string{country: "SY | JO"}, map[string]string{country: "SY JO"}, 0},
		{"country edit keeps its key", stamp(corr(country, edit, "IQ", `{"code":"TR","name":"Turkey"}`)),
			map[string]string{country: "SY | TR* | JO"}, map[string]string{country: "SY IQ JO"}, 0},
		{"country add as main", stamp(corr(country, add, "TR", `{"code":"TR","main":true}`)),
			map[string]string{country: "TR* | SY | IQ | JO"}, map[string]string{country: "TR SY IQ JO"}, 0},
		{"country add of one found verifies it", stamp(corr(country, add, "JO", `{"code":"JO"}`)), map[string]string{country: "SY | IQ | JO*"}, nil, 0},
		{"country edit onto another merges them", stamp(corr(country, edit, "IQ", `{"code":"SY"}`)), map[string]string{country: "SY* | JO"}, nil, 0},

		{"topic confirm", stamp(corr(topic, confirm, "medtop:16000000", "")), map[string]string{topic: "20000056 | 16000000*"}, nil, 0},
		{"topic reject", stamp(corr(topic, reject, "medtop:20000056", "")), map[string]string{topic: "16000000"}, nil, 0},
		{"topic edit", stamp(corr(topic, edit, "medtop:20000056", `{"code":"medtop:20000053","label":"act of terror"}`)),
			map[string]string{topic: "20000053* | 16000000"}, map[string]string{topic: "medtop:20000056 medtop:16000000"}, 0},
		{"topic add", stamp(corr(topic, add, "medtop:20000053", `{"code":"medtop:20000053"}`)),
			map[string]string{topic: "20000056 | 16000000 | 20000053*"}, nil, 0},

		{"place confirm", stamp(corr(place, confirm, "69:75", "")), map[string]string{place: "0:8=Al Qamishli@37.05 | 69:75=Thiban@35.01*"}, nil, 0},
		{"place reject", stamp(corr(place, reject, "0:8", "")), map[string]string{place: "69:75=Thiban@35.01"}, map[string]string{place: "69:75"}, 0},
		{"place edit", stamp(corr(place, edit, "69:75", `{"name":"Thibane","lat":35.5}`)),
			map[string]string{place: "0:8=Al Qamishli@37.05 | 69:75=Thibane@35.50*"}, nil, 0},
		{"place edit cannot move its span", stamp(corr(place, edit, "69:75", `{"start":1,"end":2,"name":"X"}`)),
			map[string]string{place: "0:8=Al Qamishli@37.05 | 69:75=X@35.01*"}, nil, 0},

		{"actor confirm", stamp(corr(actor, confirm, "53:56", "")), map[string]string{actor: "18:31=Islamic State/rebel group | 53:56=QSD: Syrian Democratic Forces/rebel group*"}, nil, 0},
		{"actor reject", stamp(corr(actor, reject, "18:31", "")), map[string]string{actor: "53:56=QSD: Syrian Democratic Forces/rebel group"}, nil, 0},
		{"actor edit", stamp(corr(actor, edit, "18:31", `{"kind":"political militia"}`)),
			map[string]string{actor: "18:31=Islamic State/political militia* | 53:56=QSD: Syrian Democratic Forces/rebel group"}, nil, 0},

		{"event confirm", stamp(corr(event, confirm, battleKey, "")), map[string]string{event: battle + "* | " + attack}, nil, 0},
		{"event reject", stamp(corr(event, reject, attackKey, "")), map[string]string{event: battle}, map[string]string{event: battleKey}, 0},
		{"event edit merges the place", stamp(corr(event, edit, battleKey, `{"fatalities":9,"place":{"name":"Thiban East"}}`)),
			map[string]string{event: "Battles/Armed clash f9 at Thiban East@35.01* | " + attack}, nil, 0},
		{"event edit clears with null", stamp(corr(event, edit, battleKey, `{"fatalities":null,"place":null}`)),
			map[string]string{event: "Battles/Armed clash f-* | " + attack}, nil, 0},
		{"event edit of the type keeps its key", stamp(corr(event, edit, battleKey, `{"type":"Explosions/Remote violence","sub_type":"Air/drone strike"}`)),
			map[string]string{event: "Explosions/Remote violence/Air/drone strike f7 at Thiban@35.01* | " + attack},
			map[string]string{event: battleKey + " " + attackKey}, 0},
		{"event add", stamp(corr(event, add, "new:k1", `{"type":"Riots","sub_type":"Mob violence","fatalities":0}`)),
			map[string]string{event: battle + " | " + attack + " | Riots/Mob violence f0*"}, map[string]string{event: battleKey + " " + attackKey + " new:k1"}, 0},
		{"event add as main", stamp(corr(event, add, "new:k1", `{"type":"Riots","sub_type":"Mob violence","main":true}`)),
			map[string]string{event: "Riots/Mob violence f-* | " + battle + " | " + attack}, nil, 0},
		{"added event edited then rejected", stamp(
			corr(event, add, "new:k1", `{"type":"Riots","sub_type":"Mob violence"}`),
			corr(event, edit, "new:k1", `{"fatalities":2}`),
			corr(event, reject, "new:k1", "")),
			map[string]string{event: battle + " | " + attack}, nil, 0},

		{"confirm after reject restores", stamp(corr(event, reject, battleKey, ""), corr(event, confirm, battleKey, "")),
			map[string]string{event: battle + "* | " + attack}, nil, 0},
		{"reject after confirm removes", stamp(corr(event, confirm, battleKey, ""), corr(event, reject, battleKey, "")),
			map[string]string{event: attack}, nil, 0},
		{"later edit of a field wins, edits accumulate", stamp(
			corr(event, edit, battleKey, `{"fatalities":9,"date":"2026-10-05"}`),
			corr(event, edit, battleKey, `{"fatalities":10}`)),
			map[string]string{event: "Battles/Armed clash f10 at Thiban@35.01* | " + attack}, nil, 0},
		{"revoked corrections do not apply", func() []sitrep.Correction {
			cs := stamp(corr(event, reject, battleKey, ""))
			cs[0].Revoked, cs[0].RevokedBy = ptr(t0.Add(time.Hour)), "omar"
			return cs
		}(), map[string]string{event: battle + " | " + attack}, nil, 0},

		{"orphan: no such country", stamp(corr(country, reject, "FR", "")), map[string]string{country: "SY | IQ | JO"}, nil, 1},
		{"orphan: no such span", stamp(corr(place, reject, "300:306", "")), map[string]string{place: "0:8=Al Qamishli@37.05 | 69:75=Thiban@35.01"}, nil, 1},
		{"orphan: no event in that sentence", stamp(corr(event, edit, "500:600|Battles|clash", `{"fatalities":1}`)),
			map[string]string{event: battle + " | " + attack}, nil, 1},
		{"orphan: edit of an added event never added", stamp(corr(event, edit, "new:zz", `{"fatalities":1}`)),
			map[string]string{event: battle + " | " + attack}, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := analysis()
			before, _ := json.Marshal(in)
			res := correct.Apply(in, tt.cs)
			for target, want := range tt.want {
				if got := summary(res.Analysis, target); got != want {
					t.Errorf("%s:\n got %s\nwant %s", target, got, want)
				}
			}
			for target, want := range tt.keys {
				if got := strings.Join(keysOf(res.Keys, target), " "); got != want {
					t.Errorf("%s keys = %q, want %q", target, got, want)
				}
			}
			if len(res.Orphans) != tt.orphans {
				t.Errorf("orphans = %d %+v, want %d", len(res.Orphans), res.Orphans, tt.orphans)
			}
			if after, _ := json.Marshal(in); string(after) != string(before) {
				t.Errorf("Apply modified its input:\n%s\n%s", before, after)
			}
			checkKeysParallel(t, res)
		})
	}
}

func keysOf(k correct.Keys, target string) []string {
	switch target {
	case sitrep.TargetCountry:
		return k.Countries
	case sitrep.TargetTopic:
		return k.Topics
	case sitrep.TargetPlace:
		return k.Places
	case sitrep.TargetActor:
		return k.Actors
	}
	return k.Events
}

func checkKeysParallel(t *testing.T, res *correct.Result) {
	t.Helper()
	a := res.Analysis
	for _, c := range []struct {
		name       string
		keys, list int
	}{
		{"countries", len(res.Keys.Countries), len(a.Countries)},
		{"topics", len(res.Keys.Topics), len(a.Topics)},
		{"places", len(res.Keys.Places), len(a.Places)},
		{"actors", len(res.Keys.Actors), len(a.Actors)},
		{"events", len(res.Keys.Events), len(a.Events)},
	} {
		if c.keys != c.list {
			t.Errorf("%d %s keys for %d %s", c.keys, c.name, c.list, c.name)
		}
	}
}

// TestApplyOrder checks that corrections apply in the order they were
// made, not the order they are passed in.
func TestApplyOrder(t *testing.T) {
	cs := stamp(corr(sitrep.TargetEvent, sitrep.ActionReject, battleKey, ""), corr(sitrep.TargetEvent, sitrep.ActionConfirm, battleKey, ""))
	reversed := []sitrep.Correction{cs[1], cs[0]}
	got := summary(correct.Apply(analysis(), reversed).Analysis, sitrep.TargetEvent)
	if want := "Battles/Armed clash f7 at Thiban@35.01* | Violence against civilians/Attack f-"; got != want {
		t.Errorf("got %s, want %s (the later confirmation wins)", got, want)
	}
}

// TestApplySurvivesReextraction applies corrections made on one analysis
// to another extraction of the same text: events in another order, the
// battle typed differently, a place read with a wider span.
func TestApplySurvivesReextraction(t *testing.T) {
	old := analysis()
	cs := stamp(
		corr(sitrep.TargetEvent, sitrep.ActionEdit, correct.EventKey(old.Events[0]), `{"fatalities":9}`),
		corr(sitrep.TargetEvent, sitrep.ActionReject, correct.EventKey(old.Events[1]), ""),
		corr(sitrep.TargetPlace, sitrep.ActionConfirm, correct.SpanKey(old.Places[1].Span), ""),
		corr(sitrep.TargetCountry, sitrep.ActionReject, "IQ", ""),
		corr(sitrep.TargetActor, sitrep.ActionEdit, correct.SpanKey(old.Actors[1].Span), `{"country":"SY"}`),
	)
	re := analysis()
	re.Events[0], re.Events[1] = re.Events[1], re.Events[0]
	re.Events[1].Type, re.Events[1].SubType = "Explosions/Remote violence", "Shelling/artillery/missile attack"
	re.Places[1].Span = sitrep.Span{Start: 64, End: 75, Text: "near Thiban"}
	re.Countries = []sitrep.CountryScore{{Code: "IQ", Score: 0.9}, {Code: "SY", Score: 0.8}}

	res := correct.Apply(re, cs)
	if len(res.Orphans) != 0 {
		t.Errorf("orphans after re-extraction: %+v, want none", res.Orphans)
	}
	tests := []struct{ target, want string }{
		{sitrep.TargetEvent, "Explosions/Remote violence/Shelling/artillery/missile attack f9 at Thiban@35.01*"},
		{sitrep.TargetPlace, "0:8=Al Qamishli@37.05 | 64:75=Thiban@35.01*"},
		{sitrep.TargetCountry, "SY"},
		{sitrep.TargetActor, "18:31=Islamic State/rebel group | 53:56=QSD: Syrian Democratic Forces/rebel group*"},
	}
	for _, tt := range tests {
		if got := summary(res.Analysis, tt.target); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.target, got, tt.want)
		}
	}
	if res.Analysis.Actors[1].Country != "SY" {
		t.Errorf("edited actor's country = %q, want SY", res.Analysis.Actors[1].Country)
	}
}

// TestApplyAmbiguousSentence: a sentence with two events that share
// neither trigger nor type with a correction's key leaves it orphaned
// rather than guessing.
func TestApplyAmbiguousSentence(t *testing.T) {
	a := analysis()
	a.Events[1].Start, a.Events[1].End = 18, 116
	cs := stamp(corr(sitrep.TargetEvent, sitrep.ActionReject, "18:116|Riots|rioted", ""))
	res := correct.Apply(a, cs)
	if len(res.Orphans) != 1 || len(res.Analysis.Events) != 2 {
		t.Errorf("orphans %d, events %d; want 1 orphan and both events kept", len(res.Orphans), len(res.Analysis.Events))
	}
	// With one event in the sentence, it is that one.
	a.Events = a.Events[:1]
	if res := correct.Apply(a, cs); len(res.Orphans) != 0 || len(res.Analysis.Events) != 0 {
		t.Errorf("orphans %d, events %d; want the sentence's only event rejected", len(res.Orphans), len(res.Analysis.Events))
	}
}

func TestApplyNilAnalysis(t *testing.T) {
	if res := correct.Apply(nil, nil); res.Analysis != nil || res.Orphans != nil {
		t.Errorf("Apply(nil, nil) = %+v, want nothing", res)
	}
	rej := stamp(corr(sitrep.TargetEvent, sitrep.ActionReject, battleKey, ""))
	if res := correct.Apply(nil, rej); res.Analysis != nil || len(res.Orphans) != 1 {
		t.Errorf("a rejection on no analysis = %+v, want an orphan and no analysis", res)
	}
	added := stamp(corr(sitrep.TargetEvent, sitrep.ActionAdd, "new:a", `{"type":"Protests","sub_type":"Peaceful protest"}`))
	res := correct.Apply(nil, added)
	if res.Analysis == nil || summary(res.Analysis, sitrep.TargetEvent) != "Protests/Peaceful protest f-*" {
		t.Errorf("an added event on no analysis = %+v", res.Analysis)
	}
	if got := correct.ApplyCorrections(nil, added); !reflect.DeepEqual(got, res.Analysis) {
		t.Errorf("ApplyCorrections = %+v, want Apply's analysis", got)
	}
}
