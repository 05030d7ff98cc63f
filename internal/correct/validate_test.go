package correct_test

import (
	"encoding/json"
	"testing"

	"github.com/sitrep-project/sitrep/internal/correct"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name      string
		c         sitrep.Correction
		wantErr   bool
		wantValue string // the value after Validate, when valid
	}{
		{"confirm", corr(sitrep.TargetEvent, sitrep.ActionConfirm, battleKey, ""), false, ""},
		{"event edit fills the type", corr(sitrep.TargetEvent, sitrep.ActionEdit, battleKey, `{"sub_type":"Air/drone strike"}`),
			false, `{"sub_type":"Air/drone strike","type":"Explosions/Remote violence"}`},
		{"event edit of the type alone", corr(sitrep.TargetEvent, sitrep.ActionEdit, battleKey, `{"type":"Riots"}`), true, ""},
		{"event edit of a sub-type of another type", corr(sitrep.TargetEvent, sitrep.ActionEdit, battleKey,
			`{"type":"Riots","sub_type":"Armed clash"}`), true, ""},
		{"unknown sub-type", corr(sitrep.TargetEvent, sitrep.ActionEdit, battleKey, `{"sub_type":"Skirmish"}`), true, ""},
		{"event add needs a sub-type", corr(sitrep.TargetEvent, sitrep.ActionAdd, "new:1", `{"fatalities":3}`), true, ""},
		{"event add", corr(sitrep.TargetEvent, sitrep.ActionAdd, "new:1",
			`{"sub_type":"Peaceful protest","actor1":"Protesters (Syria)","date":"2026-10-01","fatalities":0,"place":{"name":"Raqqa","country":"SY","lat":35.95,"lon":39.01}}`),
			false, `{"actor1":"Protesters (Syria)","date":"2026-10-01","fatalities":0,"place":{"name":"Raqqa","country":"SY","lat":35.95,"lon":39.01},"sub_type":"Peaceful protest","type":"Protests"}`},
		{"span is not editable", corr(sitrep.TargetEvent, sitrep.ActionEdit, battleKey, `{"start":3}`), true, ""},
		{"verified is not editable", corr(sitrep.TargetPlace, sitrep.ActionEdit, "0:8", `{"verified":false}`), true, ""},
		{"bad date", corr(sitrep.TargetEvent, sitrep.ActionEdit, battleKey, `{"date":"2026-13-01"}`), true, ""},
		{"negative fatalities", corr(sitrep.TargetEvent, sitrep.ActionEdit, battleKey, `{"fatalities":-1}`), true, ""},
		{"fatalities as text", corr(sitrep.TargetEvent, sitrep.ActionEdit, battleKey, `{"fatalities":"seven"}`), true, ""},
		{"fatalities cleared", corr(sitrep.TargetEvent, sitrep.ActionEdit, battleKey, `{"fatalities":null}`), false, `{"fatalities":null}`},
		{"event place field unknown", corr(sitrep.TargetEvent, sitrep.ActionEdit, battleKey, `{"place":{"population":3}}`), true, ""},
		{"event place latitude", corr(sitrep.TargetEvent, sitrep.ActionEdit, battleKey, `{"place":{"lat":91}}`), true, ""},
		{"control characters", corr(sitrep.TargetEvent, sitrep.ActionEdit, battleKey, `{"actor1":"a\u0000b"}`), true, ""},
		{"markup is text, allowed", corr(sitrep.TargetActor, sitrep.ActionEdit, "18:31", `{"name":"<script>alert(1)</script>"}`),
			false, `{"name":"\u003cscript\u003ealert(1)\u003c/script\u003e"}`},
		{"empty actor name", corr(sitrep.TargetActor, sitrep.ActionEdit, "18:31", `{"name":""}`), true, ""},
		{"place country unknown", corr(sitrep.TargetPlace, sitrep.ActionEdit, "0:8", `{"country":"XQ"}`), true, ""},
		{"place longitude", corr(sitrep.TargetPlace, sitrep.ActionEdit, "0:8", `{"lon":-181}`), true, ""},
		{"country add fills the code", corr(sitrep.TargetCountry, sitrep.ActionAdd, "TR", `{"main":true}`), false, `{"code":"TR","main":true}`},
		{"country add of another code", corr(sitrep.TargetCountry, sitrep.ActionAdd, "TR", `{"code":"SY"}`), true, ""},
		{"country unknown", corr(sitrep.TargetCountry, sitrep.ActionAdd, "XQ", `{"code":"XQ"}`), true, ""},
		{"topic add fills the label", corr(sitrep.TargetTopic, sitrep.ActionAdd, "medtop:20000053", `{"main":false}`),
			false, `{"code":"medtop:20000053","label":"act of terror","main":false}`},
		{"topic not in the lexicon", corr(sitrep.TargetTopic, sitrep.ActionEdit, "medtop:20000056", `{"code":"medtop:99999999"}`), true, ""},
		{"empty value", corr(sitrep.TargetActor, sitrep.ActionEdit, "18:31", `{}`), true, ""},
		{"no editor", func() sitrep.Correction {
			c := corr(sitrep.TargetActor, sitrep.ActionConfirm, "18:31", "")
			c.Editor = ""
			return c
		}(), true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			err := correct.Validate(&c)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Validate = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				if code := sitrep.ErrorCode(err); code != sitrep.EINVALID {
					t.Errorf("error code %q, want %s", code, sitrep.EINVALID)
				}
				return
			}
			if got := string(c.Value); got != tt.wantValue {
				t.Errorf("value = %s, want %s", got, tt.wantValue)
			}
			if c.Value != nil && !json.Valid(c.Value) {
				t.Errorf("value %q is not JSON", c.Value)
			}
		})
	}
}

func TestVocabularies(t *testing.T) {
	subs := correct.SubEventTypes()
	if len(subs) != 25 {
		t.Errorf("%d sub-event types, want ACLED's 25", len(subs))
	}
	types := map[string]bool{}
	for _, s := range subs {
		types[s.Type] = true
		if correct.EventTypeOf(s.SubType) != s.Type {
			t.Errorf("EventTypeOf(%q) = %q, want %q", s.SubType, correct.EventTypeOf(s.SubType), s.Type)
		}
	}
	if len(types) != 6 {
		t.Errorf("%d event types, want ACLED's 6", len(types))
	}
	topics := correct.Topics()
	if len(topics) < 20 || correct.TopicLabel(topics[0].Code) != topics[0].Label || correct.TopicLabel("medtop:00000000") != "" {
		t.Errorf("topics: %d, first %+v", len(topics), topics[0])
	}
}
