package alerts_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/alerts"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// t0 is the test clock's start.
var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// clock is a test clock moved by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is a store with its index and an alerts service on a test clock.
type env struct {
	db    *sqlite.DB
	idx   *index.Index
	svc   *alerts.Service
	clock *clock
}

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "alerts.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := &env{db: db, idx: index.New(db.SQL()), clock: &clock{t: t0}}
	e.svc, err = alerts.New(alerts.Config{Store: db, DB: db.SQL(), Index: e.idx, BaseURL: "https://sitrep.example",
		Client: alerts.NewClient(2 * time.Second), Now: e.clock.Now,
		Retry: alerts.RetryPolicy{Backoff: 10 * time.Second, MaxBackoff: time.Minute, MaxAttempts: 5}})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) put(t testing.TB, articles ...*sitrep.Article) {
	t.Helper()
	if _, err := e.db.PutArticles(context.Background(), articles); err != nil {
		t.Fatal(err)
	}
}

func (e *env) create(t testing.TB, a *sitrep.Alert) *sitrep.Alert {
	t.Helper()
	if err := e.svc.Create(context.Background(), a); err != nil {
		t.Fatalf("Create(%q): %v", a.Name, err)
	}
	return a
}

// cycle runs one cycle and fails the test on error.
func (e *env) cycle(t testing.TB) alerts.CycleStats {
	t.Helper()
	st, err := e.svc.Cycle(context.Background())
	if err != nil {
		t.Fatalf("Cycle: %v", err)
	}
	return st
}

func (e *env) matches(t testing.TB, a *sitrep.Alert) []*sitrep.Delivery {
	t.Helper()
	ds, err := e.db.AlertMatches(context.Background(), a.ID, 1000)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// ev describes one event of a test article and the sentence reporting it.
type ev struct {
	typ, sub       string
	actor1, actor2 string
	place, country string
	lat, lon       float64
	sentence       string
	negated        bool
}

// report returns an article published at pub whose body is the events'
// sentences, each event pointing at its own, with extra paragraphs
// before them.
func report(id string, pub time.Time, before string, evs ...ev) *sitrep.Article {
	var b strings.Builder
	if before != "" {
		b.WriteString(before + "\n\n")
	}
	an := &sitrep.Analysis{}
	for _, e := range evs {
		start := len([]rune(b.String()))
		b.WriteString(e.sentence)
		end := len([]rune(b.String()))
		b.WriteString(" ")
		event := sitrep.Event{Type: e.typ, SubType: e.sub, Actor1: e.actor1, Actor2: e.actor2, Negated: e.negated,
			Trigger: strings.Fields(e.sentence)[1], Start: start, End: end}
		if e.place != "" || e.country != "" {
			event.Place = &sitrep.EventPlace{Name: e.place, Country: e.country, Lat: e.lat, Lon: e.lon, GeoPrecision: 1}
		}
		an.Events = append(an.Events, event)
	}
	a := &sitrep.Article{Input: id + ".html", Format: "html", Source: "Test Wire", CanonicalURL: "https://wire.example/" + id,
		Title: "Report " + id, Body: b.String(), Published: &pub, PublishedPrecision: sitrep.PrecisionMinute,
		Retrieved: pub, Analysis: an}
	a.Normalize()
	return a
}

// Events of the tests. Thiban is at 35.01,40.56; Deir ez-Zor about 40 km
// north-west of it.
var (
	clashThiban = ev{typ: "Battles", sub: "Armed clash", actor1: "Islamic State (Syria)", actor2: "QSD: Syrian Democratic Forces",
		place: "Thiban", country: "SY", lat: 35.01, lon: 40.56, sentence: "Militants attacked an SDF convoy near Thiban on Tuesday."}
	strikeDeir = ev{typ: "Explosions/Remote violence", sub: "Air/drone strike", actor1: "Military Forces of Syria",
		place: "Deir ez-Zor", country: "SY", lat: 35.33, lon: 40.14, sentence: "Jets bombed a market in Deir ez-Zor."}
	clashHermel = ev{typ: "Battles", sub: "Armed clash", actor1: "Hezbollah", actor2: "Unidentified Armed Group (Lebanon)",
		place: "Hermel", country: "LB", lat: 34.39, lon: 36.38, sentence: "Gunmen clashed with Hezbollah near Hermel."}
	protestBeirut = ev{typ: "Protests", sub: "Peaceful protest", actor1: "Protesters (Lebanon)",
		place: "Beirut", country: "LB", lat: 33.89, lon: 35.50, sentence: "Crowds marched in Beirut against prices."}
	deniedClash = ev{typ: "Battles", sub: "Armed clash", actor1: "Islamic State (Syria)", place: "Thiban", country: "SY",
		lat: 35.01, lon: 40.56, sentence: "The group denied fighting near Thiban.", negated: true}
	unplaced = ev{typ: "Battles", sub: "Armed clash", actor1: "Islamic State (Syria)", country: "SY",
		sentence: "Fighting was reported in the province."}
)

// receiver is a webhook endpoint on loopback that fails the first fails
// attempts of every delivery with a 500 and keeps what it received.
type receiver struct {
	*httptest.Server
	fails int

	mu       sync.Mutex
	requests []received
}

type received struct {
	delivery, event, attempt, signature string
	body                                []byte
	status                              int
}

func newReceiver(t testing.TB, fails int) *receiver {
	t.Helper()
	r := &receiver{fails: fails}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		defer r.mu.Unlock()
		id := req.Header.Get(alerts.HeaderDelivery)
		seen := 0
		for _, q := range r.requests {
			if q.delivery == id {
				seen++
			}
		}
		status := http.StatusOK
		if seen < r.fails {
			status = http.StatusInternalServerError
		}
		r.requests = append(r.requests, received{delivery: id, event: req.Header.Get(alerts.HeaderEvent),
			attempt: req.Header.Get(alerts.HeaderAttempt), signature: req.Header.Get(alerts.HeaderSignature), body: body, status: status})
		w.WriteHeader(status)
		io.WriteString(w, "ok\n")
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) got() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.requests...)
}

// byDelivery groups requests by delivery id.
func byDelivery(rs []received) map[string][]received {
	out := map[string][]received{}
	for _, r := range rs {
		out[r.delivery] = append(out[r.delivery], r)
	}
	return out
}
