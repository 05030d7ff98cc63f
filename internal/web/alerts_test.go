package web_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/alerts"
	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/internal/web"
)

// startAlertsSite serves the site with accounts and alerts over a new,
// empty store; the alerts run on clock.
func startAlertsSite(t *testing.T, clock *testClock) (*web.Server, *sqlite.DB, *alerts.Service) {
	t.Helper()
	var svc *alerts.Service
	srv, db := startNewsroom(t, []func(*web.Config){func(cfg *web.Config) {
		db := cfg.Store.(*sqlite.DB)
		var err error
		svc, err = alerts.New(alerts.Config{Store: db, DB: db.SQL(), Index: cfg.Index, Now: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Alerts = svc
	}})
	return srv, db, svc
}

func cycle(t *testing.T, svc *alerts.Service) {
	t.Helper()
	if _, err := svc.Cycle(context.Background()); err != nil {
		t.Fatalf("alerts cycle: %v", err)
	}
}

var feedLink = regexp.MustCompile(`href="(https?://[^"]+/alerts/(\d+)/feed\.atom\?token=[^"]+)"`)

func TestAlertsPage(t *testing.T) {
	clock := &testClock{t: now}
	srv, db, _ := startAlertsSite(t, clock)

	anon := newClient(t)
	if res, _ := fetch(t, anon, srv, "/alerts"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("anonymous GET /alerts: %d to %q, want a redirect to log in", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := postForm(t, anon, srv, "/alerts", url.Values{"name": {"x"}, "country": {"SY"}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous POST /alerts: %d, want 401", res.StatusCode)
	}

	editor := loginAs(t, srv, db, "lina", sitrep.RoleEditor)
	res, body := fetch(t, editor, srv, "/alerts")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /alerts: %d", res.StatusCode)
	}
	contains(t, "alerts page", body, `<label for="alert-near">`, `<option>Violence against civilians</option>`, "No alerts yet")

	// Without the CSRF token: refused.
	res, _ = postForm(t, editor, srv, "/alerts", url.Values{"csrf": {"forged"}, "name": {"x"}, "country": {"SY"}})
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("POST /alerts with a forged token: %d, want 403", res.StatusCode)
	}
	// Invalid: the page comes back with the message and what was typed.
	res, body = postForm(t, editor, srv, "/alerts", url.Values{"name": {"Nowhere"}, "country": {"XQ"}, "query": {"convoy"}})
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("POST /alerts with country XQ: %d, want 400", res.StatusCode)
	}
	contains(t, "refused form", body, "not an ISO 3166-1 alpha-2 code", `value="Nowhere"`, `value="convoy"`)

	res, _ = postForm(t, editor, srv, "/alerts", url.Values{"name": {"Near Thiban"}, "event_type": {"Battles"},
		"near": {"35.01,40.56"}, "radius_km": {"30"}, "webhook": {"https://hooks.example/in"}})
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "done=added") {
		t.Fatalf("POST /alerts: %d to %q, want a redirect to the list", res.StatusCode, res.Header.Get("Location"))
	}
	list, err := db.Alerts(context.Background())
	if err != nil || len(list) != 1 {
		t.Fatalf("stored alerts: %d (%v), want 1", len(list), err)
	}
	a := list[0]
	if a.Owner != "lina" || a.EventType != "Battles" || a.RadiusKm != 30 || a.Lat != 35.01 || a.Secret == "" || a.FeedToken == "" {
		t.Errorf("stored alert %+v", a)
	}
	_, body = fetch(t, editor, srv, "/alerts?done=added")
	contains(t, "list", body, "Alert saved", "Near Thiban", "Within 30 km of 35.0100, 40.5600", "Event type: Battles",
		"https://hooks.example/in", a.Secret, "/alerts/1/feed.atom?token="+a.FeedToken)

	res, _ = postForm(t, editor, srv, "/alerts/1/delete", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("delete: %d, want 303", res.StatusCode)
	}
	if list, _ := db.Alerts(context.Background()); len(list) != 0 {
		t.Errorf("%d alerts after delete", len(list))
	}
	if res, _ := postForm(t, editor, srv, "/alerts/1/delete", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("second delete: %d, want 404", res.StatusCode)
	}
}

type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string   `xml:"title"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title     string `xml:"title"`
		ID        string `xml:"id"`
		Published string `xml:"published"`
		Summary   string `xml:"summary"`
		Links     []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func TestAlertFeed(t *testing.T) {
	clock := &testClock{t: now}
	srv, db, svc := startAlertsSite(t, clock)
	ctx := context.Background()
	// Within 300 km of a point between Thiban and Hermel: both fixture
	// events; the other alert watches Lebanon only.
	wide := &sitrep.Alert{Name: "Levant", Lat: 35, Lon: 38, RadiusKm: 300}
	lebanon := &sitrep.Alert{Name: "Lebanon", Country: "LB"}
	for _, a := range []*sitrep.Alert{wide, lebanon} {
		if err := svc.Create(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.PutArticles(ctx, []*sitrep.Article{indextest.Ambush()}); err != nil {
		t.Fatal(err)
	}
	cycle(t, svc)
	clock.Advance(time.Hour)
	if _, err := db.PutArticles(ctx, []*sitrep.Article{indextest.Shelling()}); err != nil {
		t.Fatal(err)
	}
	cycle(t, svc)

	editor := loginAs(t, srv, db, "lina", sitrep.RoleEditor)
	_, page := fetch(t, editor, srv, "/alerts")
	m := feedLink.FindAllStringSubmatch(page, -1)
	if len(m) != 2 {
		t.Fatalf("alerts page lists %d feed links, want 2", len(m))
	}
	path := strings.TrimPrefix(m[0][1], srv.URL())
	path = strings.ReplaceAll(path, "&amp;", "&")

	// A feed reader: no cookies, only the URL.
	res, body := get(t, srv, path)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("GET %s: %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
	}
	var doc atomDoc
	if err := xml.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("feed is not valid Atom XML: %v\n%s", err, body)
	}
	if doc.Title != "sitrep alert: Levant" || len(doc.Entries) != 2 {
		t.Fatalf("feed %q with %d entries, want Levant's with 2", doc.Title, len(doc.Entries))
	}
	first, second := doc.Entries[0], doc.Entries[1]
	if !strings.HasPrefix(first.Title, "Shelling/artillery/missile attack in Hermel, Lebanon") ||
		!strings.HasPrefix(second.Title, "Armed clash in Thiban, Syria: Islamic State (Syria) vs QSD") {
		t.Errorf("entries, newest match first: %q, %q", first.Title, second.Title)
	}
	if first.Published <= second.Published {
		t.Errorf("entry times %s, %s: want newest first", first.Published, second.Published)
	}
	if !strings.Contains(second.Summary, "Fatalities: 7.") || !strings.Contains(second.Summary, "km from the alert's place") ||
		len(second.Links) == 0 || !strings.HasSuffix(second.Links[0].Href, "/article/"+indextest.Ambush().ID) || first.ID == second.ID {
		t.Errorf("entry: %+v", second)
	}
	selfOK := false
	for _, l := range doc.Links {
		selfOK = selfOK || (l.Rel == "self" && strings.Contains(l.Href, "token="))
	}
	if !selfOK {
		t.Errorf("feed's self link lacks the token: %+v", doc.Links)
	}

	// The token is required, and opens only its own alert's feed.
	otherPath := strings.ReplaceAll(strings.TrimPrefix(m[1][1], srv.URL()), "&amp;", "&")
	otherToken := otherPath[strings.Index(otherPath, "token=")+len("token="):]
	for _, p := range []string{
		"/alerts/" + m[0][2] + "/feed.atom",
		"/alerts/" + m[0][2] + "/feed.atom?token=",
		"/alerts/" + m[0][2] + "/feed.atom?token=wrong",
		"/alerts/" + m[0][2] + "/feed.atom?token=" + otherToken,
		"/alerts/999/feed.atom?token=" + otherToken,
		"/alerts/x/feed.atom",
	} {
		if res, _ := get(t, srv, p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", p, res.StatusCode)
		}
	}
	res, body = get(t, srv, otherPath)
	if res.StatusCode != http.StatusOK || strings.Count(body, "<entry>") != 1 || !strings.Contains(body, "Hermel") {
		t.Errorf("Lebanon's feed: %d with %d entries, want Hermel's alone", res.StatusCode, strings.Count(body, "<entry>"))
	}
}

func TestAlertsOff(t *testing.T) {
	srv := startServer(t) // no alerts configured
	for _, p := range []string{"/alerts", "/alerts/1/feed.atom?token=x"} {
		if res, _ := get(t, srv, p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s without alerts: %d, want 404", p, res.StatusCode)
		}
	}
	if _, body := get(t, srv, "/"); strings.Contains(body, "Breaking") {
		t.Error("home page without alerts shows Breaking")
	}
}

func TestBreakingOnHome(t *testing.T) {
	clock := &testClock{t: now}
	srv, db, svc := startAlertsSite(t, clock)
	ctx := context.Background()
	// Four reports of one story within the hour before the clock: a
	// story new in the window with at least three is breaking.
	var arts []*sitrep.Article
	var links []sitrep.ArticleLink
	for i := range 4 {
		a := indextest.Shelling()
		a.URL = a.URL + "/" + string(rune('a'+i))
		a.Body += strings.Repeat(" More.", i+1)
		seen := now.Add(-time.Duration(10*i) * time.Minute)
		a.Published = &seen
		a.ID = "" // from the new URL
		a.Normalize()
		arts = append(arts, a)
		links = append(links, sitrep.ArticleLink{ArticleID: a.ID, StoryID: "st1", Role: sitrep.RoleOriginal, Seen: seen})
	}
	if _, err := db.PutArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	st := &sitrep.Story{ID: "st1", Title: "Shelling of Hermel villages", CentralArticle: arts[0].ID, FirstSeen: now.Add(-time.Hour), LastSeen: now, ArticleCount: 4}
	if err := db.PutStories(ctx, sitrep.StoryUpdate{Links: links, Stories: []*sitrep.Story{st}}); err != nil {
		t.Fatal(err)
	}
	_, body := get(t, srv, "/")
	if strings.Contains(body, "Breaking") {
		t.Fatal("home shows Breaking before the detector ran")
	}
	st1, err := svc.Cycle(ctx)
	if err != nil || len(st1.Breaking) != 1 {
		t.Fatalf("cycle: breaking %+v (%v), want st1", st1.Breaking, err)
	}
	_, body = get(t, srv, "/")
	contains(t, "home page", body, `<span class="badge badge-deny">Breaking</span>`, `<a href="/story/st1">Shelling of Hermel villages</a>`, "4 new reports")
}
