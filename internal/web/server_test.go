package web_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/web"
)

// now is the test clock: a month after the fixture's articles.
var now = time.Date(2026, 11, 6, 12, 0, 0, 0, time.UTC)

// startServer serves articles from a new store on a free loopback port.
func startServer(t testing.TB, articles ...*sitrep.Article) *web.Server {
	t.Helper()
	db, idx := indextest.Open(t, articles...)
	srv, err := web.New(web.Config{Store: db, Index: idx, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return srv
}

// get fetches path and returns the response with its body read.
func get(t testing.TB, srv *web.Server, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", srv.URL()+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var r io.Reader = res.Body
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatalf("GET %s: gzip: %v", path, err)
		}
		r = zr
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return res, string(b)
}

func TestPages(t *testing.T) {
	srv := startServer(t, indextest.All()...)
	ambush := indextest.Ambush().ID
	tests := []struct {
		path   string
		status int
		ctype  string
		want   []string
	}{
		{"/", 200, "text/html", []string{"Islamic State ambush kills seven SDF fighters", `data-map="home-map"`, "/country/SY"}},
		{"/article/" + ambush, 200, "text/html", []string{"Published:", "Country:", "Topic:", "Comments:"}},
		{"/article/nope", 404, "text/html", []string{"Page not found", "article nope not found"}},
		{"/country/SY", 200, "text/html", []string{"<h1>Syria</h1>", "/country/SY/feed.atom", "Thiban"}},
		{"/country/sy", 301, "text/html", nil},
		{"/country/XQ", 404, "text/html", nil},
		{"/countries", 200, "text/html", []string{"Lebanon"}},
		{"/topic/20000056", 200, "text/html", []string{"armed conflict", "Hermel"}},
		{"/topic/99999999", 404, "text/html", nil},
		{"/actor/qsd-syrian-democratic-forces", 200, "text/html", []string{"QSD: Syrian Democratic Forces", "rebel group"}},
		{"/actor/civilians-lebanon", 200, "text/html", []string{"Civilians (Lebanon)", "Shelling hits Hermel villages"}},
		{"/place/lb/hermel", 200, "text/html", []string{"<h1>Hermel</h1>", "Lebanon"}},
		{"/place/xx/nowhere", 404, "text/html", nil},
		{"/search", 200, "text/html", []string{"4 results"}},
		{"/search?q=fighters", 200, "text/html", []string{"1 result", "<mark>fighters</mark>", "/search/feed.atom?q=fighters"}},
		{"/search?q=fighters&country=LB", 200, "text/html", []string{"0 results", "Remove filter Country: Lebanon"}},
		{"/search?q=%21%21", 400, "text/html", []string{"has no words"}},
		{"/search?country=XQ", 400, "text/html", []string{"not an ISO 3166-1 alpha-2 code"}},
		{"/map", 200, "text/html", []string{`data-map="events-map"`, "Show", `<label for="f-type">`}},
		{"/map?type=Battles&since=2026-10-01", 200, "text/html", []string{"Battles", "1 events"}},
		{"/map?since=nonsense", 400, "text/html", []string{"is not a date"}},
		{"/no/such/page", 404, "text/html", []string{"There is no page at /no/such/page."}},
		{"/robots.txt", 200, "text/plain", []string{"Disallow: /search"}},
		{"/api/v1/events", 200, "application/json", []string{`"data"`}},
		{"/api/no-such", 404, "application/json", []string{`{"error":{"code":"not_found"`}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, body := get(t, srv, tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d; body: %.300s", res.StatusCode, tt.status, body)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.ctype) {
				t.Errorf("Content-Type = %q, want %s", ct, tt.ctype)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
		})
	}
}

func TestArticlePage(t *testing.T) {
	srv := startServer(t, indextest.All()...)
	a := indextest.Ambush()
	_, body := get(t, srv, "/article/"+a.ID)
	for _, want := range []string{
		// Filled from the analysis; Jordan and "crime" score below the thresholds.
		`<dt>Country:</dt> <dd><a href="/country/SY">Syria</a>, <a href="/country/IQ">Iraq</a></dd>`,
		`<dt>Topic:</dt> <dd><a href="/topic/20000056">armed conflict</a>, <a href="/topic/16000000">conflict, war and peace</a></dd>`,
		// Relative at the request, exact in datetime and title.
		`<dt>Published:</dt> <dd><time datetime="2026-10-06T07:40:00Z" title="Tuesday 6 October 2026, 07:40 UTC">1 month ago</time></dd>`,
		`<dt>Comments:</dt> <dd><a href="#comments">No Comments</a></dd>`,
		`<section id="comments"`, "No comments yet.", "The original page showed: 2 Comments.",
		// Highlights: offsets in code points after "—".
		`<mark class="hl hl-place" title="Place: Deir ez-Zor (Syria), city at 35.330, 40.140"><a href="/place/sy/deir-ez-zor">Dayr az-Zawr</a></mark>`,
		`<span class="hl hl-date" title="Date: 2026-10-06 · date">Tuesday</span>`,
		`<mark class="hl hl-actor" title="Actor: Islamic State (rebel group)"><a href="/actor/islamic-state">Islamic State</a></mark>`,
		// Events and claims panels.
		"Armed clash", `<span class="badge badge-deny" title="The text says this did not happen">denied</span>`,
		"Sources disagree", "one side denies what the other reports", `id="claim-2"`,
		`<meta property="og:type" content="article">`, `<meta property="article:published_time" content="2026-10-06T07:40:00Z">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %s", want)
		}
	}
	// Overlapping spans: the earlier, longer one wins and the page stays
	// well formed.
	if strings.Count(body, ">Thiban</a></mark>") != 0 || !strings.Contains(body, `">near Thiban</a></mark>`) {
		t.Error("overlapping spans: want only the longer \"near Thiban\" marked")
	}
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no JSON-LD")
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, m[1])
	}
	if ld["@type"] != "NewsArticle" || ld["headline"] != a.Title || ld["datePublished"] != "2026-10-06T07:40:00Z" || ld["isBasedOn"] != a.CanonicalURL {
		t.Errorf("JSON-LD = %v", ld)
	}
}

func TestEscapesIngestedText(t *testing.T) {
	srv := startServer(t, indextest.All()...)
	h := indextest.Hostile()
	for _, path := range []string{"/article/" + h.ID, "/", "/search?q=alert", "/feed.atom"} {
		_, body := get(t, srv, path)
		for _, bad := range []string{"<script>alert", "<img src=x", "<b>Evil</b>", "</p><p> paragraph"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s contains unescaped %q", path, bad)
			}
		}
	}
	_, body := get(t, srv, "/article/"+h.ID)
	for _, want := range []string{"&lt;/script&gt;&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;", "date unknown", "none found",
		"This article has not been analysed yet."} {
		if !strings.Contains(body, want) {
			t.Errorf("hostile article page lacks %q", want)
		}
	}
	// The JSON-LD block cannot be closed early by the title.
	ld := body[strings.Index(body, `<script type="application/ld+json">`)+len(`<script type="application/ld+json">`):]
	ld = ld[:strings.Index(ld, "</script>")]
	if strings.Contains(ld, "<") {
		t.Errorf("JSON-LD carries a raw '<': %s", ld)
	}
}

func TestNoDataPages(t *testing.T) {
	srv := startServer(t) // an empty database
	for _, path := range []string{"/", "/map", "/search", "/countries", "/feed.atom", "/feed.json", "/export/events.csv", "/api/v1/articles"} {
		res, body := get(t, srv, path)
		if res.StatusCode != 200 {
			t.Errorf("%s on an empty database: status %d: %.200s", path, res.StatusCode, body)
		}
	}
	srv = startServer(t, indextest.Empty())
	_, body := get(t, srv, "/article/"+indextest.Empty().ID)
	for _, want := range []string{"No events found in this report.", "No attributed claims found.", "none found"} {
		if !strings.Contains(body, want) {
			t.Errorf("article with an empty analysis lacks %q", want)
		}
	}
}

func TestHeaders(t *testing.T) {
	srv := startServer(t, indextest.All()...)
	_, home := get(t, srv, "/")
	css := regexp.MustCompile(`href="(/static/css/site\.[0-9a-f]{10}\.css)"`).FindStringSubmatch(home)
	if css == nil {
		t.Fatal("home page links no hashed stylesheet")
	}
	for _, path := range []string{"/", "/api/v1/events", css[1], "/nope"} {
		res, _ := get(t, srv, path)
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP = %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s: nosniff %q, referrer %q", path, h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"))
		}
	}
	res, _ := get(t, srv, css[1], "Accept-Encoding", "gzip")
	if got := res.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("hashed asset Cache-Control = %q", got)
	}
	if res.Header.Get("Content-Encoding") != "gzip" {
		t.Error("hashed asset not gzipped")
	}
	res, _ = get(t, srv, "/static/css/site.css")
	if got := res.Header.Get("Cache-Control"); got != "public, max-age=3600" {
		t.Errorf("unhashed asset Cache-Control = %q", got)
	}
	res, _ = get(t, srv, "/static/css/site.0000000000.css")
	if res.StatusCode != 404 {
		t.Errorf("stale hash: status %d, want 404", res.StatusCode)
	}
	res, body := get(t, srv, "/", "Accept-Encoding", "gzip")
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(body, "</html>") {
		t.Errorf("home page: Content-Encoding %q, body ok %v", res.Header.Get("Content-Encoding"), strings.Contains(body, "</html>"))
	}
	// No inline scripts: every <script> is a src= or a data block.
	for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(home, -1) {
		if !strings.Contains(m, "src=") && !strings.Contains(m, `type="application/`) {
			t.Errorf("inline script: %s", m)
		}
	}
}

func TestFeeds(t *testing.T) {
	srv := startServer(t, indextest.All()...)
	for _, path := range []string{"/feed.atom", "/country/SY/feed.atom", "/topic/20000056/feed.atom", "/search/feed.atom?q=shelling"} {
		res, body := get(t, srv, path)
		var feed struct {
			Title   string `xml:"title"`
			Entries []struct {
				Title string `xml:"title"`
				ID    string `xml:"id"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(body), &feed); err != nil || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/atom+xml") {
			t.Errorf("%s: %v, type %q", path, err, res.Header.Get("Content-Type"))
			continue
		}
		if len(feed.Entries) == 0 || !strings.HasPrefix(feed.Entries[0].ID, srv.URL()+"/article/") {
			t.Errorf("%s: entries %+v", path, feed.Entries)
		}
	}
	_, body := get(t, srv, "/country/LB/feed.json")
	var jf struct {
		Version string `json:"version"`
		Items   []struct {
			Title string `json:"title"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(body), &jf); err != nil || jf.Version != "https://jsonfeed.org/version/1.1" || len(jf.Items) != 1 || jf.Items[0].Title != "Shelling hits Hermel villages" {
		t.Errorf("JSON feed = %+v, %v", jf, err)
	}
}

func TestExports(t *testing.T) {
	srv := startServer(t, indextest.All()...)
	res, body := get(t, srv, "/export/events.csv?country=SY")
	lines := strings.Split(strings.TrimSpace(body), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "event_id_cnty,event_date,year,time_precision,disorder_type,event_type") {
		t.Errorf("CSV = %q", body)
	}
	if got := res.Header.Get("Content-Disposition"); !strings.Contains(got, "sitrep-events.csv") {
		t.Errorf("Content-Disposition = %q", got)
	}
	_, body = get(t, srv, "/export/events.geojson?all=1")
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(body), &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) != 3 {
		t.Errorf("GeoJSON: %v, %+v", err, fc)
	}
	_, body = get(t, srv, "/export/articles.jsonl?topic=20000056")
	if n := strings.Count(body, "\n"); n != 2 {
		t.Errorf("JSONL has %d lines, want 2", n)
	}
	res, body = get(t, srv, "/export/events.csv?bbox=nonsense")
	if res.StatusCode != 400 {
		t.Errorf("bad filter: status %d: %.200s", res.StatusCode, body)
	}
}
