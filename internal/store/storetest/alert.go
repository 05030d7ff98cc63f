package storetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// AlertBackend is what RunAlerts needs: alerts, their deliveries, and the
// breaking marks of stories, which count stored story links.
type AlertBackend interface {
	sitrep.Store
	sitrep.StoryStore
	sitrep.AlertStore
	sitrep.BreakingStore
}

// RunAlerts runs the conformance suite of sitrep.AlertStore and
// sitrep.BreakingStore. open must return a new, empty store and arrange for
// it to be closed when t ends.
//
// Beyond the interfaces' comments the suite fixes these behaviours:
//   - Alert ids increase and are never reused after a delete.
//   - A delivery's Payload comes back byte for byte; times in UTC.
//   - A claim counts the attempt; FinishAttempt on a delivery no longer
//     pending changes nothing and is not an error.
//   - Deliveries of state none are never claimed.
func RunAlerts(t *testing.T, open func(t *testing.T) AlertBackend) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s AlertBackend)
	}{
		{"RoundTrip", testAlertRoundTrip},
		{"Validation", testAlertValidation},
		{"IDsNotReused", testAlertIDsNotReused},
		{"DeleteCascades", testAlertDeleteCascades},
		{"RecordOncePerEvent", testAlertRecordOnce},
		{"RecordCursorConflict", testAlertCursorConflict},
		{"RecordValidation", testAlertRecordValidation},
		{"ClaimLease", testAlertClaimLease},
		{"FinishAttempt", testAlertFinishAttempt},
		{"MatchesNewestFirst", testAlertMatchesOrder},
		{"Stats", testAlertStats},
		{"StoryRates", testStoryRates},
		{"SetBreaking", testSetBreaking},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}

var alertTime = time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)

func newAlert(name string) *sitrep.Alert {
	return &sitrep.Alert{Name: name, Country: "SY", FeedToken: "tok-" + name, Owner: "editor", Created: alertTime}
}

func createAlert(t *testing.T, s AlertBackend, a *sitrep.Alert) *sitrep.Alert {
	t.Helper()
	if err := s.CreateAlert(ctx(t), a); err != nil {
		t.Fatalf("CreateAlert(%q): %v", a.Name, err)
	}
	if a.ID == 0 {
		t.Fatalf("CreateAlert(%q) set no id", a.Name)
	}
	return a
}

// delivery returns a pending (or, without a webhook, none) delivery of
// alert a for event key, matched minutes after alertTime.
func alertDelivery(a *sitrep.Alert, key string, minutes int, pending bool) *sitrep.Delivery {
	d := &sitrep.Delivery{ID: fmt.Sprintf("d-%d-%s", a.ID, key), AlertID: a.ID, EventKey: key, EventID: "ev-" + key,
		Payload: []byte(`{"event_key":"` + key + `","n":[1,2]}`), Matched: alertTime.Add(time.Duration(minutes) * time.Minute),
		State: sitrep.DeliveryNone}
	if pending {
		d.State = sitrep.DeliveryPending
	}
	return d
}

func recordAlertMatches(t *testing.T, s AlertBackend, a *sitrep.Alert, from, to string, ds ...*sitrep.Delivery) int {
	t.Helper()
	n, err := s.RecordMatches(ctx(t), a.ID, from, to, ds)
	if err != nil {
		t.Fatalf("RecordMatches(alert %d, %q -> %q): %v", a.ID, from, to, err)
	}
	return n
}

func alertMatchList(t *testing.T, s AlertBackend, a *sitrep.Alert) []*sitrep.Delivery {
	t.Helper()
	ds, err := s.AlertMatches(ctx(t), a.ID, 0)
	if err != nil {
		t.Fatalf("AlertMatches(%d): %v", a.ID, err)
	}
	return ds
}

func deliveryKeys(ds []*sitrep.Delivery) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.EventKey)
	}
	return out
}

func alertWantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := sitrep.ErrorCode(err); got != code {
		t.Errorf("%s: error %v (code %q), want code %q", what, err, got, code)
	}
}

func testAlertRoundTrip(t *testing.T, s AlertBackend) {
	want := &sitrep.Alert{Name: "  Strikes near Thiban ", Query: "air strike", Actor: "Islamic State", Country: "SY",
		EventType: "Battles", Lat: 35.01, Lon: 40.56, RadiusKm: 25, WebhookURL: "https://hooks.example/x?y=1",
		Secret: "s3cret", FeedToken: "token-1", Owner: "lina", Created: alertTime.In(time.FixedZone("X", 3600)), Cursor: "c0"}
	createAlert(t, s, want)
	if want.Name != "Strikes near Thiban" || want.Created.Location() != time.UTC {
		t.Errorf("after create: name %q, created %v; want trimmed and UTC", want.Name, want.Created)
	}
	got, err := s.Alert(ctx(t), want.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Alert:\ngot  %+v\nwant %+v", got, want)
	}
	second := createAlert(t, s, newAlert("second"))
	if second.ID <= want.ID {
		t.Errorf("second id %d is not above first %d", second.ID, want.ID)
	}
	list, err := s.Alerts(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != want.ID || list[1].ID != second.ID {
		t.Errorf("Alerts: got %d alerts, want the two oldest first", len(list))
	}
	unset := createAlert(t, s, &sitrep.Alert{Name: "no time", EventType: "Riots", FeedToken: "t3"})
	if unset.Created.IsZero() {
		t.Error("CreateAlert left Created zero")
	}
	_, err = s.Alert(ctx(t), 999)
	alertWantCode(t, "Alert(999)", err, sitrep.ENOTFOUND)
}

func testAlertValidation(t *testing.T, s AlertBackend) {
	tests := []struct {
		name string
		edit func(a *sitrep.Alert)
		code string
	}{
		{"no name", func(a *sitrep.Alert) { a.Name = " " }, sitrep.EINVALID},
		{"no filter", func(a *sitrep.Alert) { a.Country = "" }, sitrep.EINVALID},
		{"radius without place in range", func(a *sitrep.Alert) { a.RadiusKm, a.Lat = 10, 91 }, sitrep.EINVALID},
		{"negative radius", func(a *sitrep.Alert) { a.RadiusKm = -1 }, sitrep.EINVALID},
		{"webhook not http", func(a *sitrep.Alert) { a.WebhookURL, a.Secret = "ftp://x.example/", "k" }, sitrep.EINVALID},
		{"webhook relative", func(a *sitrep.Alert) { a.WebhookURL, a.Secret = "/hook", "k" }, sitrep.EINVALID},
		{"webhook without secret", func(a *sitrep.Alert) { a.WebhookURL = "https://x.example/" }, sitrep.EINVALID},
		{"webhook with password", func(a *sitrep.Alert) { a.WebhookURL, a.Secret = "https://u:p@x.example/", "k" }, sitrep.EINVALID},
		{"no feed token", func(a *sitrep.Alert) { a.FeedToken = "" }, sitrep.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newAlert("bad")
			tt.edit(a)
			alertWantCode(t, "CreateAlert", s.CreateAlert(ctx(t), a), tt.code)
		})
	}
	createAlert(t, s, newAlert("dup"))
	alertWantCode(t, "CreateAlert with a used feed token", s.CreateAlert(ctx(t), newAlert("dup")), sitrep.ECONFLICT)
	list, err := s.Alerts(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 {
		t.Errorf("stored %d alerts, want only the one valid", len(list))
	}
}

func testAlertIDsNotReused(t *testing.T, s AlertBackend) {
	a := createAlert(t, s, newAlert("a"))
	b := createAlert(t, s, newAlert("b"))
	if err := s.DeleteAlert(ctx(t), b.ID); err != nil {
		t.Fatal(err)
	}
	c := createAlert(t, s, newAlert("c"))
	if c.ID == b.ID || c.ID <= a.ID {
		t.Errorf("ids a=%d b=%d (deleted) c=%d: want c new and above b", a.ID, b.ID, c.ID)
	}
}

func testAlertDeleteCascades(t *testing.T, s AlertBackend) {
	a := createAlert(t, s, newAlert("a"))
	other := createAlert(t, s, newAlert("other"))
	recordAlertMatches(t, s, a, "", "c1", alertDelivery(a, "k1", 1, true), alertDelivery(a, "k2", 2, false))
	recordAlertMatches(t, s, other, "", "c1", alertDelivery(other, "k1", 1, true))
	if err := s.DeleteAlert(ctx(t), a.ID); err != nil {
		t.Fatal(err)
	}
	_, err := s.Alert(ctx(t), a.ID)
	alertWantCode(t, "Alert after delete", err, sitrep.ENOTFOUND)
	alertWantCode(t, "second delete", s.DeleteAlert(ctx(t), a.ID), sitrep.ENOTFOUND)
	if got := alertMatchList(t, s, a); len(got) != 0 {
		t.Errorf("deleted alert still has %d matches", len(got))
	}
	claimed, err := s.ClaimDeliveries(ctx(t), alertTime.Add(time.Hour), time.Minute, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(claimed) != 1 || claimed[0].AlertID != other.ID {
		t.Errorf("claimed %d deliveries, want only the other alert's one", len(claimed))
	}
}

func testAlertRecordOnce(t *testing.T, s AlertBackend) {
	a := createAlert(t, s, newAlert("a"))
	if n := recordAlertMatches(t, s, a, "", "c1", alertDelivery(a, "k1", 1, true), alertDelivery(a, "k2", 2, true)); n != 2 {
		t.Errorf("first record added %d, want 2", n)
	}
	// A re-indexed article brings k2 again: under a new delivery id it
	// must still not be stored twice.
	again := alertDelivery(a, "k2", 5, true)
	again.ID = "another-id"
	if n := recordAlertMatches(t, s, a, "c1", "c2", again, alertDelivery(a, "k3", 6, true)); n != 1 {
		t.Errorf("second record added %d, want 1 (k3 only)", n)
	}
	got := alertMatchList(t, s, a)
	if want := []string{"k3", "k2", "k1"}; !reflect.DeepEqual(deliveryKeys(got), want) {
		t.Errorf("matches %v, want %v", deliveryKeys(got), want)
	}
	for _, d := range got {
		if d.EventKey == "k2" && d.ID != fmt.Sprintf("d-%d-k2", a.ID) {
			t.Errorf("k2's delivery id became %q; the first one must stay", d.ID)
		}
	}
	stored, err := s.Alert(ctx(t), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Cursor != "c2" {
		t.Errorf("cursor %q, want c2", stored.Cursor)
	}
	if n := recordAlertMatches(t, s, a, "c2", "c3"); n != 0 {
		t.Errorf("empty record added %d", n)
	}
}

func testAlertCursorConflict(t *testing.T, s AlertBackend) {
	a := createAlert(t, s, newAlert("a"))
	recordAlertMatches(t, s, a, "", "c1", alertDelivery(a, "k1", 1, true))
	_, err := s.RecordMatches(ctx(t), a.ID, "", "c9", []*sitrep.Delivery{alertDelivery(a, "k2", 2, true)})
	alertWantCode(t, "record from a stale cursor", err, sitrep.ECONFLICT)
	if got := deliveryKeys(alertMatchList(t, s, a)); !reflect.DeepEqual(got, []string{"k1"}) {
		t.Errorf("after the conflict matches are %v, want [k1]", got)
	}
	stored, _ := s.Alert(ctx(t), a.ID)
	if stored == nil || stored.Cursor != "c1" {
		t.Errorf("cursor moved by a refused record: %+v", stored)
	}
	_, err = s.RecordMatches(ctx(t), 999, "", "c1", nil)
	alertWantCode(t, "record for an unknown alert", err, sitrep.ENOTFOUND)
}

func testAlertRecordValidation(t *testing.T, s AlertBackend) {
	a := createAlert(t, s, newAlert("a"))
	b := createAlert(t, s, newAlert("b"))
	tests := []struct {
		name string
		d    *sitrep.Delivery
	}{
		{"nil", nil},
		{"no id", func() *sitrep.Delivery { d := alertDelivery(a, "k", 1, true); d.ID = ""; return d }()},
		{"no key", func() *sitrep.Delivery { d := alertDelivery(a, "", 1, true); return d }()},
		{"other alert", alertDelivery(b, "k", 1, true)},
		{"delivered already", func() *sitrep.Delivery {
			d := alertDelivery(a, "k", 1, true)
			d.State = sitrep.DeliveryDelivered
			return d
		}()},
		{"no match time", func() *sitrep.Delivery { d := alertDelivery(a, "k", 1, true); d.Matched = time.Time{}; return d }()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.RecordMatches(ctx(t), a.ID, "", "c1", []*sitrep.Delivery{alertDelivery(a, "ok", 1, true), tt.d})
			alertWantCode(t, "RecordMatches", err, sitrep.EINVALID)
		})
	}
	if got := alertMatchList(t, s, a); len(got) != 0 {
		t.Errorf("invalid batches stored %d deliveries", len(got))
	}
}

func testAlertClaimLease(t *testing.T, s AlertBackend) {
	a := createAlert(t, s, newAlert("a"))
	later := alertDelivery(a, "later", 3, true)
	next := alertTime.Add(time.Hour)
	later.NextAttempt = &next
	recordAlertMatches(t, s, a, "", "c1", alertDelivery(a, "k1", 1, true), alertDelivery(a, "feed-only", 2, false), later)

	now := alertTime.Add(10 * time.Minute)
	claim := func(at time.Time) []*sitrep.Delivery {
		t.Helper()
		ds, err := s.ClaimDeliveries(ctx(t), at, 5*time.Minute, 10)
		if err != nil {
			t.Fatalf("ClaimDeliveries(%v): %v", at, err)
		}
		return ds
	}
	got := claim(now)
	if len(got) != 1 || got[0].EventKey != "k1" || got[0].Attempts != 1 {
		t.Fatalf("first claim: %v, want k1 with one attempt", deliveryKeys(got))
	}
	if string(got[0].Payload) != `{"event_key":"k1","n":[1,2]}` {
		t.Errorf("payload %q changed in the store", got[0].Payload)
	}
	if got := claim(now.Add(time.Minute)); len(got) != 0 {
		t.Errorf("claim within the lease returned %v", deliveryKeys(got))
	}
	got = claim(now.Add(5 * time.Minute))
	if len(got) != 1 || got[0].EventKey != "k1" || got[0].Attempts != 2 {
		t.Errorf("claim after the lease: %v, want k1 with two attempts", deliveryKeys(got))
	}
	got = claim(next) // k1's second lease has run out too
	if want := []string{"k1", "later"}; !reflect.DeepEqual(deliveryKeys(got), want) || got[0].Attempts != 3 || got[1].Attempts != 1 {
		t.Errorf("claim at the later delivery's time: %v, want %v (k1 on its third attempt)", deliveryKeys(got), want)
	}
	_, err := s.ClaimDeliveries(ctx(t), now, 0, 10)
	alertWantCode(t, "claim with no lease", err, sitrep.EINVALID)
}

func testAlertFinishAttempt(t *testing.T, s AlertBackend) {
	a := createAlert(t, s, newAlert("a"))
	recordAlertMatches(t, s, a, "", "c1", alertDelivery(a, "ok", 1, true), alertDelivery(a, "retry", 2, true), alertDelivery(a, "fail", 3, true))
	now := alertTime.Add(10 * time.Minute)
	claimed, err := s.ClaimDeliveries(ctx(t), now, time.Minute, 10)
	if err != nil || len(claimed) != 3 {
		t.Fatalf("claimed %d (%v), want 3", len(claimed), err)
	}
	ids := map[string]string{}
	for _, d := range claimed {
		ids[d.EventKey] = d.ID
	}
	retryAt := now.Add(time.Hour)
	finish := func(key string, r sitrep.AttemptResult) {
		t.Helper()
		if err := s.FinishAttempt(ctx(t), ids[key], r); err != nil {
			t.Fatalf("FinishAttempt(%s): %v", key, err)
		}
	}
	finish("ok", sitrep.AttemptResult{At: now, OK: true})
	finish("retry", sitrep.AttemptResult{At: now, Error: "HTTP 500", Next: retryAt})
	finish("fail", sitrep.AttemptResult{At: now, Error: "HTTP 500", Final: true})
	// A late report from a dispatcher whose lease ran out changes nothing.
	finish("ok", sitrep.AttemptResult{At: now, Error: "timeout", Next: retryAt})

	byKey := map[string]*sitrep.Delivery{}
	for _, d := range alertMatchList(t, s, a) {
		byKey[d.EventKey] = d
	}
	if d := byKey["ok"]; d.State != sitrep.DeliveryDelivered || d.DeliveredAt == nil || !d.DeliveredAt.Equal(now) || d.NextAttempt != nil || d.LastError != "" {
		t.Errorf("ok: %+v, want delivered at %v", d, now)
	}
	if d := byKey["retry"]; d.State != sitrep.DeliveryPending || d.NextAttempt == nil || !d.NextAttempt.Equal(retryAt) || d.LastError != "HTTP 500" || d.Attempts != 1 {
		t.Errorf("retry: %+v, want pending until %v with its error", d, retryAt)
	}
	if d := byKey["fail"]; d.State != sitrep.DeliveryFailed || d.NextAttempt != nil || d.LastError != "HTTP 500" {
		t.Errorf("fail: %+v, want failed", d)
	}
	again, err := s.ClaimDeliveries(ctx(t), retryAt, time.Minute, 10)
	if err != nil || len(again) != 1 || again[0].EventKey != "retry" || again[0].Attempts != 2 {
		t.Errorf("claim at the retry time: %v (%v), want retry on its second attempt", deliveryKeys(again), err)
	}
	alertWantCode(t, "finish an unknown delivery", s.FinishAttempt(ctx(t), "nope", sitrep.AttemptResult{At: now, OK: true}), sitrep.ENOTFOUND)
	alertWantCode(t, "finish without a next time", s.FinishAttempt(ctx(t), ids["retry"], sitrep.AttemptResult{At: now, Error: "x"}), sitrep.EINVALID)
}

func testAlertMatchesOrder(t *testing.T, s AlertBackend) {
	a := createAlert(t, s, newAlert("a"))
	var ds []*sitrep.Delivery
	for i := range 5 {
		ds = append(ds, alertDelivery(a, fmt.Sprintf("k%d", i), i, false))
	}
	recordAlertMatches(t, s, a, "", "c1", ds...)
	got, err := s.AlertMatches(ctx(t), a.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"k4", "k3", "k2"}; !reflect.DeepEqual(deliveryKeys(got), want) {
		t.Errorf("AlertMatches limit 3: %v, want %v", deliveryKeys(got), want)
	}
	if got[0].Matched.Location() != time.UTC || !got[0].Matched.Equal(alertTime.Add(4*time.Minute)) || got[0].State != sitrep.DeliveryNone {
		t.Errorf("newest match: %+v", got[0])
	}
	_, err = s.AlertMatches(ctx(t), a.ID, -1)
	alertWantCode(t, "negative limit", err, sitrep.EINVALID)
}

func testAlertStats(t *testing.T, s AlertBackend) {
	a := createAlert(t, s, newAlert("a"))
	quiet := createAlert(t, s, newAlert("quiet"))
	recordAlertMatches(t, s, a, "", "c1", alertDelivery(a, "k1", 1, true), alertDelivery(a, "k2", 2, true), alertDelivery(a, "k3", 3, true))
	now := alertTime.Add(time.Hour)
	claimed, err := s.ClaimDeliveries(ctx(t), now, time.Minute, 2)
	if err != nil || len(claimed) != 2 {
		t.Fatalf("claimed %d (%v), want 2", len(claimed), err)
	}
	if err := s.FinishAttempt(ctx(t), claimed[0].ID, sitrep.AttemptResult{At: now, OK: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishAttempt(ctx(t), claimed[1].ID, sitrep.AttemptResult{At: now, Error: "HTTP 410", Final: true}); err != nil {
		t.Fatal(err)
	}
	stats, err := s.AlertStats(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	got := stats[a.ID]
	if got.Matches != 3 || got.Pending != 1 || got.Delivered != 1 || got.Failed != 1 || got.LastError != "HTTP 410" ||
		got.LastMatch == nil || !got.LastMatch.Equal(alertTime.Add(3*time.Minute)) {
		t.Errorf("stats %+v, want 3 matches: 1 pending, 1 delivered, 1 failed with its error, last at +3m", got)
	}
	if _, ok := stats[quiet.ID]; ok {
		t.Errorf("an alert that never matched has stats")
	}
}

// storyAt stores articles published at the given hours after alertTime
// and links them to story id.
func alertStoryAt(t *testing.T, s AlertBackend, id string, hours ...float64) {
	t.Helper()
	var arts []*sitrep.Article
	var ls []sitrep.ArticleLink
	for i, h := range hours {
		a := article(fmt.Sprintf("%s-%d", id, i), "Report "+id, body(30, i, "surge"))
		seen := alertTime.Add(time.Duration(h * float64(time.Hour)))
		a.Published = &seen
		a.PublishedPrecision = sitrep.PrecisionMinute
		arts = append(arts, a)
		ls = append(ls, sitrep.ArticleLink{ArticleID: a.ID, StoryID: id, Role: sitrep.RoleOriginal, Seen: seen})
	}
	put(t, s, arts...)
	st := &sitrep.Story{ID: id, Title: id, CentralArticle: "c1", FirstSeen: alertTime, LastSeen: alertTime, ArticleCount: len(arts)}
	putStories(t, s, sitrep.StoryUpdate{Links: ls, Stories: []*sitrep.Story{st}})
}

func testStoryRates(t *testing.T, s AlertBackend) {
	// now is alertTime+24h; the window is the last hour, the baseline the
	// 23 hours before it.
	alertStoryAt(t, s, "surging", 2, 10, 23.1, 23.5, 23.9, 24)
	alertStoryAt(t, s, "steady", 1, 5, 9, 13, 17, 21, 23.5)
	alertStoryAt(t, s, "quiet", 1, 2, 3)
	alertStoryAt(t, s, "future", 25) // seen after now: not counted
	now := alertTime.Add(24 * time.Hour)
	got, err := s.StoryRates(ctx(t), alertTime, now.Add(-time.Hour), now)
	if err != nil {
		t.Fatal(err)
	}
	want := []sitrep.StoryRate{{StoryID: "steady", Recent: 1, Baseline: 6}, {StoryID: "surging", Recent: 4, Baseline: 2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("StoryRates:\ngot  %+v\nwant %+v", got, want)
	}
}

func testSetBreaking(t *testing.T, s AlertBackend) {
	alertStoryAt(t, s, "s1", 1)
	t0 := alertTime
	t1 := t0.Add(30 * time.Minute)
	set := func(bs ...sitrep.BreakingStory) {
		t.Helper()
		if err := s.SetBreaking(ctx(t), bs); err != nil {
			t.Fatalf("SetBreaking: %v", err)
		}
	}
	list := func() []sitrep.BreakingStory {
		t.Helper()
		bs, err := s.BreakingStories(ctx(t))
		if err != nil {
			t.Fatal(err)
		}
		return bs
	}
	set(sitrep.BreakingStory{StoryID: "s1", Since: t0, Updated: t0, Recent: 4, BaselineRate: 0.5})
	set(sitrep.BreakingStory{StoryID: "s1", Since: t1, Updated: t1, Recent: 6, BaselineRate: 0.5},
		sitrep.BreakingStory{StoryID: "s2", Updated: t1, Recent: 3})
	want := []sitrep.BreakingStory{
		{StoryID: "s2", Since: t1, Updated: t1, Recent: 3}, // not stored: no title
		{StoryID: "s1", Since: t0, Updated: t1, Recent: 6, BaselineRate: 0.5, Title: "s1", CentralArticle: "c1"},
	}
	if got := list(); !reflect.DeepEqual(got, want) {
		t.Errorf("after two runs:\ngot  %+v\nwant %+v (s1 keeps its first since)", got, want)
	}
	set(sitrep.BreakingStory{StoryID: "s2", Updated: t1.Add(time.Minute), Recent: 3})
	if got := list(); len(got) != 1 || got[0].StoryID != "s2" || !got[0].Since.Equal(t1) {
		t.Errorf("after s1 calmed down: %+v, want s2 alone, since %v", got, t1)
	}
	set()
	if got := list(); len(got) != 0 {
		t.Errorf("after an empty set: %+v", got)
	}
	alertWantCode(t, "SetBreaking without an id", s.SetBreaking(ctx(t), []sitrep.BreakingStory{{Updated: t0}}), sitrep.EINVALID)
}
