package alerts_test

import (
	"context"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/alerts"
	"github.com/sitrep-project/sitrep/internal/geo"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// TestWebhookExactlyOnce is the acceptance test: a watched search fires
// its webhook exactly once per new matching event, with a receiver that
// fails the first two deliveries of each.
func TestWebhookExactlyOnce(t *testing.T) {
	e := newEnv(t)
	recv := newReceiver(t, 2)
	// Indexed before the alert exists: never fires.
	e.put(t, report("old", t0.Add(-time.Hour), "", clashThiban))
	e.cycle(t)
	a := e.create(t, &sitrep.Alert{Name: "Battles in Syria", Country: "sy", EventType: "battles",
		WebhookURL: recv.URL + "/hook", Secret: "s3cret", Owner: "test"})
	if a.Country != "SY" || a.EventType != "Battles" {
		t.Errorf("normalized filters: country %q, type %q", a.Country, a.EventType)
	}

	e.clock.Add(time.Minute)
	e.put(t, report("new", t0, "QAMISHLI, Syria.", clashThiban, strikeDeir, clashHermel, deniedClash, unplaced))
	// Two matching events (the clash at Thiban, the unplaced fighting);
	// the strike is another type, Hermel another country, the denied
	// clash negated. Each delivery fails twice, so it takes three cycles
	// with the clock moved past the longest backoff between them.
	for range 6 {
		e.cycle(t)
		e.clock.Add(2 * time.Minute)
	}

	reqs := recv.got()
	groups := byDelivery(reqs)
	if len(groups) != 2 {
		t.Fatalf("receiver saw %d deliveries, want 2 (one per matching event); requests: %d", len(groups), len(reqs))
	}
	events := map[string]bool{}
	for id, rs := range groups {
		if len(rs) != 3 {
			t.Errorf("delivery %s: %d attempts, want 3", id, len(rs))
			continue
		}
		acks := 0
		for i, r := range rs {
			if r.status/100 == 2 {
				acks++
			}
			if want := []int{500, 500, 200}[i]; r.status != want {
				t.Errorf("delivery %s attempt %d: answered %d, want %d", id, i+1, r.status, want)
			}
			if r.attempt != []string{"1", "2", "3"}[i] {
				t.Errorf("delivery %s: attempt header %q on attempt %d", id, r.attempt, i+1)
			}
			if !alerts.Verify("s3cret", r.body, r.signature) {
				t.Errorf("delivery %s attempt %d: signature %q does not verify", id, i+1, r.signature)
			}
			if string(r.body) != string(rs[0].body) {
				t.Errorf("delivery %s attempt %d: body differs from the first attempt's", id, i+1)
			}
		}
		if acks != 1 {
			t.Errorf("delivery %s acknowledged %d times, want exactly 1", id, acks)
		}
		var p alerts.Payload
		if err := json.Unmarshal(rs[0].body, &p); err != nil {
			t.Fatalf("payload: %v", err)
		}
		if p.DeliveryID != id || p.EventKey != rs[0].event || p.Alert.ID != a.ID || p.Event.Country != "SY" || p.Event.Type != "Battles" {
			t.Errorf("payload %+v does not match its headers and alert", p)
		}
		if p.Link != "https://sitrep.example/article/"+p.Event.ArticleID {
			t.Errorf("payload link %q", p.Link)
		}
		events[p.Event.Notes] = true
	}
	want := map[string]bool{clashThiban.sentence: true, unplaced.sentence: true}
	if !reflect.DeepEqual(events, want) {
		t.Errorf("delivered events %v, want %v", events, want)
	}
	for _, d := range e.matches(t, a) {
		if d.State != sitrep.DeliveryDelivered || d.Attempts != 3 || d.DeliveredAt == nil {
			t.Errorf("stored delivery %s: state %s after %d attempts, want delivered after 3", d.ID, d.State, d.Attempts)
		}
	}

	// Re-indexing must not fire again: the article updated with a new
	// paragraph and a new matching event before the old ones (so every
	// event's position shifts), then the whole index rebuilt.
	e.put(t, report("new", t0, "QAMISHLI, Syria. Updated at noon.",
		ev{typ: "Battles", sub: "Armed clash", actor1: "Islamic State (Syria)", country: "SY", lat: 35.2, lon: 40.3,
			sentence: "Fresh clashes broke out at dawn."},
		clashThiban, strikeDeir, clashHermel, deniedClash, unplaced))
	for range 4 {
		e.cycle(t)
		e.clock.Add(2 * time.Minute)
	}
	for _, table := range []string{"index_articles", "index_events", "index_article_countries", "index_article_topics",
		"index_article_actors", "index_article_places"} {
		if _, err := e.db.SQL().Exec("DELETE FROM " + table); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		e.cycle(t)
		e.clock.Add(2 * time.Minute)
	}
	groups = byDelivery(recv.got())
	if len(groups) != 3 {
		t.Fatalf("after re-indexing the receiver saw %d deliveries, want 3 (the two before and the new event)", len(groups))
	}
	if n := len(e.matches(t, a)); n != 3 {
		t.Errorf("stored %d matches, want 3", n)
	}
}

// TestFilters checks which events each kind of alert matches.
func TestFilters(t *testing.T) {
	e := newEnv(t)
	type alertCase struct {
		alert *sitrep.Alert
		want  []string // sentences of the events it matches
	}
	cases := []struct {
		name string
		alertCase
	}{
		{"country", alertCase{&sitrep.Alert{Country: "LB"}, []string{clashHermel.sentence, protestBeirut.sentence}}},
		{"event type", alertCase{&sitrep.Alert{EventType: "Protests"}, []string{protestBeirut.sentence}}},
		{"actor either side, by name", alertCase{&sitrep.Alert{Actor: "qsd: syrian democratic forces"}, []string{clashThiban.sentence}}},
		{"actor as actor1", alertCase{&sitrep.Alert{Actor: "Hezbollah"}, []string{clashHermel.sentence}}},
		{"text over the article", alertCase{&sitrep.Alert{Query: "market"}, []string{clashThiban.sentence, strikeDeir.sentence, unplaced.sentence}}},
		{"text and type", alertCase{&sitrep.Alert{Query: "market", EventType: "Battles"}, []string{clashThiban.sentence, unplaced.sentence}}},
		{"text that no article has", alertCase{&sitrep.Alert{Query: "volcano"}, nil}},
		// Deir ez-Zor is about 50 km from Thiban.
		{"within 30 km of Thiban", alertCase{&sitrep.Alert{Lat: 35.01, Lon: 40.56, RadiusKm: 30}, []string{clashThiban.sentence}}},
		{"within 60 km of Thiban", alertCase{&sitrep.Alert{Lat: 35.01, Lon: 40.56, RadiusKm: 60}, []string{clashThiban.sentence, strikeDeir.sentence}}},
		{"radius and type", alertCase{&sitrep.Alert{Lat: 35.01, Lon: 40.56, RadiusKm: 60, EventType: "Battles"}, []string{clashThiban.sentence}}},
		{"all filters, one event", alertCase{&sitrep.Alert{Query: "convoy", Actor: "Islamic State (Syria)", Country: "SY",
			EventType: "Battles", Lat: 35.0, Lon: 40.5, RadiusKm: 10}, []string{clashThiban.sentence}}},
		{"nothing matches", alertCase{&sitrep.Alert{Country: "YE"}, nil}},
	}
	var created []*sitrep.Alert
	for _, c := range cases {
		c.alert.Name = c.name
		created = append(created, e.create(t, c.alert))
	}
	// Two articles: the Syrian one mentions a market in its first
	// paragraph; text queries match articles, so every event of it is a
	// candidate. The negated clash never matches.
	e.put(t, report("sy", t0, "A market reopened on Monday.", clashThiban, strikeDeir, unplaced, deniedClash),
		report("lb", t0, "", clashHermel, protestBeirut))
	st := e.cycle(t)
	if st.Match.Articles != 2 || st.Match.Events != 6 {
		t.Errorf("matcher read %d articles, %d events; want 2 and 6", st.Match.Articles, st.Match.Events)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, d := range e.matches(t, created[i]) {
				p, err := alerts.DecodePayload(d)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, p.Event.Notes)
				if d.State != sitrep.DeliveryNone {
					t.Errorf("alert without a webhook: delivery state %s", d.State)
				}
				if c.alert.HasPlace() && (p.DistanceKm == nil || *p.DistanceKm > c.alert.RadiusKm) {
					t.Errorf("%s: distance %v, want at most %g km", p.Event.Notes, p.DistanceKm, c.alert.RadiusKm)
				}
			}
			slices.Sort(got)
			want := append([]string(nil), c.want...)
			slices.Sort(want)
			if !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Errorf("matched\n  %q\nwant\n  %q", got, want)
			}
		})
	}
	// Nothing new: a second cycle records nothing.
	if st := e.cycle(t); st.Match.Matches != 0 || st.Match.Articles != 0 {
		t.Errorf("second cycle: %+v, want nothing read or matched", st.Match)
	}
}

func TestCreateChecks(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name  string
		alert sitrep.Alert
		want  string // part of the message
	}{
		{"no filter", sitrep.Alert{Name: "x"}, "needs a query or at least one filter"},
		{"unknown country", sitrep.Alert{Name: "x", Country: "XQ"}, "not an ISO 3166-1"},
		{"unknown type", sitrep.Alert{Name: "x", EventType: "Skirmish"}, "not one of ACLED's"},
		{"query without words", sitrep.Alert{Name: "x", Query: "!!"}, "has no words"},
		{"radius too large", sitrep.Alert{Name: "x", Lat: 1, Lon: 1, RadiusKm: 30000}, "radius"},
		{"webhook not http", sitrep.Alert{Name: "x", Country: "SY", WebhookURL: "file:///etc/passwd"}, "not an absolute http"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.alert
			err := e.svc.Create(context.Background(), &a)
			if sitrep.ErrorCode(err) != sitrep.EINVALID || !strings.Contains(sitrep.ErrorMessage(err), tt.want) {
				t.Errorf("Create: %v, want EINVALID saying %q", err, tt.want)
			}
		})
	}
	a := e.create(t, &sitrep.Alert{Name: "hook", Country: "SY", WebhookURL: "https://hooks.example/x"})
	if len(a.Secret) < 40 || len(a.FeedToken) < 40 || a.Secret == a.FeedToken {
		t.Errorf("generated secret %q and token %q: want two long random values", a.Secret, a.FeedToken)
	}
}

func TestDistanceKm(t *testing.T) {
	tests := []struct {
		name                   string
		lat1, lon1, lat2, lon2 float64
		want, tolerance        float64
	}{
		{"same point", 35, 40, 35, 40, 0, 1e-9},
		{"one degree of the equator", 0, 0, 0, 1, 111.19, 0.01},
		{"pole to pole", 90, 0, -90, 0, math.Pi * 6371, 0.01},
		{"Damascus to Beirut", 33.5138, 36.2765, 33.8938, 35.5018, 84.5, 1.5},
		{"across the antimeridian", 0, 179.5, 0, -179.5, 111.19, 0.01},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := geo.DistanceKm(tt.lat1, tt.lon1, tt.lat2, tt.lon2)
			if math.Abs(got-tt.want) > tt.tolerance {
				t.Errorf("got %.3f km, want %.3f ± %g", got, tt.want, tt.tolerance)
			}
		})
	}
}

func TestParseNear(t *testing.T) {
	tests := []struct {
		in       string
		lat, lon float64
		ok       bool
	}{
		{"35.01,40.56", 35.01, 40.56, true},
		{" -33.9 , 151.2 ", -33.9, 151.2, true},
		{"91,0", 0, 0, false},
		{"35.01", 0, 0, false},
		{"a,b", 0, 0, false},
	}
	for _, tt := range tests {
		lat, lon, err := alerts.ParseNear(tt.in)
		if (err == nil) != tt.ok || (tt.ok && (lat != tt.lat || lon != tt.lon)) {
			t.Errorf("ParseNear(%q) = %g, %g, %v; want %g, %g, ok %v", tt.in, lat, lon, err, tt.lat, tt.lon, tt.ok)
		}
	}
}
