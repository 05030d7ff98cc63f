package web_test

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/alerts"
	"github.com/sitrep-project/sitrep/internal/feeds"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/internal/web"
)

// hostileFeedSite serves, for payload i, an RSS feed at /rss/i whose
// title is the payload, with one item: a page at /page/i whose title,
// headline and text carry it, as a hostile outlet would.
func hostileFeedSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	payload := func(w http.ResponseWriter, r *http.Request) (int, string, bool) {
		i, err := strconv.Atoi(r.PathValue("i"))
		if err != nil || i < 0 || i >= len(xssPayloads) {
			http.NotFound(w, r)
			return 0, "", false
		}
		return i, xssPayloads[i], true
	}
	mux.HandleFunc("GET /rss/{i}", func(w http.ResponseWriter, r *http.Request) {
		i, p, ok := payload(w, r)
		if !ok {
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>%s</title><link>%s</link>`+
			`<item><title>%s</title><link>%s/page/%d</link><guid>page-%d</guid><description>%s</description></item></channel></rss>`,
			html.EscapeString(p), html.EscapeString(p), html.EscapeString(p), srv.URL, i, i, html.EscapeString(p))
	})
	mux.HandleFunc("GET /page/{i}", func(w http.ResponseWriter, r *http.Request) {
		_, p, ok := payload(w, r)
		if !ok {
			return
		}
		// The payload goes in raw, as markup, and escaped, as text.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>%s</title><meta name="author" content="%s"></head><body><article><h1>%s</h1>
<p>The outlet writes %s in its report, and officials said on Monday that the district remained tense after days of fighting.</p>
<p>Residents described %s and long queues for bread and fuel while the talks went on in the provincial capital.</p>%s</article></body></html>`,
			html.EscapeString(p), html.EscapeString(p), html.EscapeString(p), html.EscapeString(p), p, p)
	})
	return srv
}

// TestSecurityXSSStored stores every payload in every field the site
// shows, through the store, the forms and a hostile feed, and checks
// every page, feed, export and API answer, as a reader and as an editor.
func TestSecurityXSSStored(t *testing.T) {
	if testing.Short() {
		t.Skip("security suite in -short mode")
	}
	clock := &testClock{t: now}
	var svc *alerts.Service
	var idx *index.Index
	srv, db := startNewsroom(t, []func(*web.Config){func(c *web.Config) {
		db := c.Store.(*sqlite.DB)
		idx = c.Index
		c.Now = clock.Now
		c.Corrections, c.Feeds, c.Stories = db, db, db
		c.FeedPoller = &feeds.Poller{Store: db, Ingest: feeds.NewPages(db, ingest.Options{}),
			PerHostInterval: -1, Timeout: 5 * time.Second, Now: clock.Now}
		var err error
		if svc, err = alerts.New(alerts.Config{Store: db, DB: db.SQL(), Index: c.Index, Now: clock.Now}); err != nil {
			t.Fatal(err)
		}
		c.Alerts = svc
	}}, hostileArticles(0)...)
	ctx := t.Context()
	sc := newResponseScan(t, srv)
	reader := newClient(t)
	editor := loginAs(t, srv, db, "rana", sitrep.RoleEditor)
	admin := loginAs(t, srv, db, "omar", sitrep.RoleAdmin)
	first := hostileArticle(0, xssPayloads[0]).ID
	formFields := 0 // form fields that carried a payload

	// Stored through the forms: comments (and a comment sent back to be
	// fixed), refused logins, alerts, feeds. The clock moves on between
	// posts so that the rate limits, tested elsewhere, stay out of the way.
	feedSite := hostileFeedSite(t)
	for i, p := range xssPayloads {
		clock.Advance(3 * time.Minute)
		for _, f := range []struct {
			c    *http.Client
			path string
			v    url.Values
		}{
			{newClient(t), "/article/" + first + "/comments", url.Values{"name": {truncate(p, sitrep.MaxCommentName)}, "text": {p}}},
			{newClient(t), "/article/" + first + "/comments", url.Values{"name": {p + strings.Repeat("n", sitrep.MaxCommentName)}, "text": {p}}},
			{newClient(t), "/login", url.Values{"name": {p}, "password": {p}, "next": {p}}},
			{editor, "/alerts", url.Values{"name": {p}, "query": {p + " report"}, "actor": {p}, "secret": {p}, "country": {"SY"}}},
			{editor, "/alerts", url.Values{"name": {p}, "country": {p}, "event_type": {p}, "near": {p}, "radius_km": {p}, "webhook": {p}}},
			{editor, "/feeds", url.Values{"url": {p}}},
		} {
			sc.post(f.c, f.path, f.v)
			formFields += len(f.v)
		}
		sc.post(editor, "/feeds", url.Values{"url": {fmt.Sprintf("%s/rss/%d", feedSite.URL, i)}})
	}
	// A story per payload.
	var update sitrep.StoryUpdate
	for i, p := range xssPayloads {
		st, link := hostileStory(i, p, hostileArticle(i, p))
		update.Stories, update.Links = append(update.Stories, st), append(update.Links, link)
	}
	if err := db.PutStories(ctx, update); err != nil {
		t.Fatal(err)
	}
	// The comments, published, and some waiting for an editor.
	for i, p := range xssPayloads {
		c := &sitrep.Comment{ArticleID: first, Name: truncate(p, sitrep.MaxCommentName), Text: p, Status: sitrep.CommentPublished, ClientHash: p}
		if i%2 == 0 {
			c.Status = sitrep.CommentPending
		}
		if err := db.AddComment(ctx, c); err != nil {
			t.Fatalf("add comment %q: %v", p, err)
		}
	}
	// Every feed polled: its title and its page's fields are the outlet's.
	list, err := db.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range list {
		sc.post(editor, fmt.Sprintf("/feeds/%d/poll", f.ID), nil)
	}
	// More hostile articles after the alerts were made, for their feeds.
	var later []*sitrep.Article
	for i, p := range xssPayloads {
		later = append(later, hostileArticle(len(xssPayloads)+i, p))
	}
	if _, err := db.PutArticles(ctx, later); err != nil {
		t.Fatal(err)
	}
	if _, err := idx.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Cycle(ctx); err != nil {
		t.Fatalf("alerts cycle: %v", err)
	}
	// The outlet's pages, one per payload, but the one with a NUL, which
	// ingest refuses as binary (and pages whose text is already stored).
	var fromFeed, polled int
	db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM articles WHERE url LIKE ?", feedSite.URL+"/page/%").Scan(&fromFeed)
	db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM feeds WHERE title != ''").Scan(&polled)
	if polled != len(xssPayloads) || fromFeed < len(xssPayloads)*9/10 {
		t.Fatalf("%d feeds polled, %d articles ingested from them, want %d and most: the hostile feed tests little", polled, fromFeed, len(xssPayloads))
	}

	// Every page, feed, export and API listing, as a reader and as an
	// editor (who sees the correction forms, the queue, feeds and alerts).
	pages := []string{"/", "/countries", "/map", "/feed.atom", "/feed.json", "/country/SY", "/country/SY/feed.atom",
		"/country/SY/feed.json", "/topic/20000056", "/topic/20000056/feed.atom", "/topic/20000056/feed.json",
		"/export/events.csv", "/export/events.geojson", "/export/articles.jsonl", "/api/v1/countries", "/api/v1/topics",
		"/api/v1/places?limit=100", "/api/v1/actors?limit=100", "/stories", "/stories?page=2", "/stories?page=3", "/stories?country=SY"}
	pages = append(pages, listed(t, sc, reader, "/api/v1/articles?limit=100", "id", "/article/", "/api/v1/articles/")...)
	listed(t, sc, reader, "/api/v1/events?limit=100", "")
	pages = append(pages, listed(t, sc, reader, "/api/v1/actors?limit=100", "slug", "/actor/")...)
	pages = append(pages, listed(t, sc, reader, "/api/v1/places?limit=100", "key", "/place/")...)
	pages = append(pages, listed(t, sc, reader, "/api/v1/stories?limit=100", "id", "/story/", "/api/v1/stories/")...)
	for _, p := range pages {
		if strings.HasPrefix(p, "/story/") {
			pages = append(pages, p+"/feed.atom", p+"/feed.json")
		}
	}
	sc.getAll(reader, pages)
	sc.getAll(editor, append(pages, "/moderation", "/moderation?page=2", "/feeds", "/alerts"))
	sc.getAll(admin, []string{"/admin/users", "/article/" + first})
	as, err := svc.Store().Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	entries := 0
	for _, a := range as {
		_, body := sc.get(newClient(t), fmt.Sprintf("/alerts/%d/feed.atom?token=%s", a.ID, a.FeedToken))
		n, _ := countAtom(body)
		entries += n
	}
	if len(as) < len(xssPayloads) || entries == 0 {
		t.Fatalf("%d alerts with %d feed entries: the alerts' pages and feeds test little", len(as), entries)
	}

	// The template payloads show as typed.
	_, body := sc.get(reader, "/article/"+hostileArticle(len(xssPayloads)-1, xssPayloads[len(xssPayloads)-1]).ID)
	contains(t, "article of a template payload", body, html.EscapeString(`{{.}}{{template "layout" .}}`))

	t.Logf("XSS stored: %d payloads in %d fields of each of %d articles, plus %d articles ingested from a hostile feed, %d fields of %d stories, "+
		"%d comments, %d alerts (%d feed entries); %d form fields posted; %d responses checked, %d findings",
		len(xssPayloads), hostileFields, 2*len(xssPayloads), fromFeed, storyFields, len(xssPayloads), len(xssPayloads), len(as), entries,
		formFields, sc.responses, sc.findings)
}

// TestSecurityXSSReflected sends every payload in every parameter and
// path segment of the site, its feeds, exports and API, as a reader and
// as an editor, and checks every response. The site holds only the small
// fixture: what is sent back is what matters.
func TestSecurityXSSReflected(t *testing.T) {
	if testing.Short() {
		t.Skip("security suite in -short mode")
	}
	n := startFullNewsroom(t)
	sc := newResponseScan(t, n.srv)
	var reflected, edited []string
	for _, p := range xssPayloads {
		reflected = append(reflected, reflectedURIs(p, n.article)...)
		edited = append(edited, editorReflectedURIs(p, n.article)...)
	}
	sc.getAll(newClient(t), reflected)
	sc.getAll(n.logIn(t, editorName), edited)
	t.Logf("XSS reflected: %d payloads in %d requests (%d per payload); %d responses checked, %d findings",
		len(xssPayloads), len(reflected)+len(edited), (len(reflected)+len(edited))/len(xssPayloads), sc.responses, sc.findings)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}

// listed follows a listing of the API to its last page and returns, for
// each item, its field named key under each prefix (escaped as a path;
// place keys as the site's place links).
func listed(t *testing.T, sc *responseScan, c *http.Client, uri, key string, prefixes ...string) []string {
	t.Helper()
	var out []string
	for {
		res, body := sc.get(c, uri)
		if res == nil || res.StatusCode != 200 {
			t.Fatalf("GET %s: not 200", uri)
		}
		var page struct {
			Data []map[string]any `json:"data"`
			Next string           `json:"next_cursor"`
		}
		if err := json.Unmarshal([]byte(body), &page); err != nil {
			t.Fatalf("GET %s: %v", uri, err)
		}
		for _, item := range page.Data {
			v, _ := item[key].(string)
			if v == "" {
				continue
			}
			for _, pre := range prefixes {
				if pre == "/place/" {
					country, slug, _ := strings.Cut(v, "/")
					out = append(out, pre+url.PathEscape(country)+"/"+url.PathEscape(slug))
					continue
				}
				out = append(out, pre+url.PathEscape(v))
			}
		}
		if page.Next == "" {
			break
		}
		u, _ := url.Parse(uri)
		q := u.Query()
		q.Set("cursor", page.Next)
		uri = u.Path + "?" + q.Encode()
	}
	return out
}

// freeFilters are the filters ParseFilter takes without checking, and
// so may send back as they came; the others are checked, and their errors
// quote them.
var freeFilters = []string{"q", "type", "sub_type", "actor", "place", "topic", "source"}

// reflectedEndpoints are the pages that read parameters: free ones, sent
// all at once, and checked ones, each alone since the first error ends a
// request. The map's checked filters are those of the API's events, and
// it draws every event when one is wrong, which makes it the slowest
// page: its country stands for them.
var reflectedEndpoints = []struct {
	path    string
	free    []string
	checked []string
}{
	{"/search", freeFilters, []string{"country", "since", "until", "bbox", "all", "page"}},
	{"/map", freeFilters[1:], []string{"country"}},
	{"/search/feed.atom", freeFilters, []string{"country", "since", "until", "bbox", "all"}},
	{"/search/feed.json", freeFilters, []string{"country", "since", "until", "bbox", "all"}},
	{"/export/events.csv", freeFilters[1:], []string{"country", "since", "bbox", "all"}},
	{"/export/events.geojson", freeFilters[1:], []string{"country", "until", "bbox"}},
	{"/export/articles.jsonl", freeFilters[1:], []string{"country", "since", "all"}},
	{"/api/v1/search", freeFilters, []string{"country", "since", "until", "bbox", "all", "limit", "cursor"}},
	{"/api/v1/events", freeFilters[1:], []string{"country", "since", "until", "bbox", "all", "limit", "cursor"}},
	{"/api/v1/articles", freeFilters[1:], []string{"country", "since", "until", "bbox", "all", "limit", "cursor"}},
	{"/api/v1/places", []string{"q"}, []string{"country", "limit", "cursor"}},
	{"/api/v1/actors", []string{"q"}, []string{"country", "limit", "cursor"}},
	{"/country/SY", nil, []string{"after"}},
	{"/topic/20000056", nil, []string{"after"}},
	{"/login", []string{"next"}, nil},
	{"/stories", nil, []string{"country", "page"}},
	{"/api/v1/stories", nil, []string{"country", "limit", "cursor"}},
}

// reflectedURIs puts p in every parameter of every page that reads
// parameters, raw as well as encoded where a page shows a query, and in
// every path segment a page names.
func reflectedURIs(p, article string) []string {
	e := url.QueryEscape(p)
	var out []string
	for _, ep := range reflectedEndpoints {
		if len(ep.free) > 0 {
			q := make([]string, len(ep.free))
			for i, k := range ep.free {
				q[i] = k + "=" + e
			}
			out = append(out, ep.path+"?"+strings.Join(q, "&"))
		}
		for _, k := range ep.checked {
			out = append(out, ep.path+"?"+k+"="+e)
		}
	}
	if raw := rawQueryValue(p); raw != e {
		for _, ep := range []string{"/search?q=", "/map?country=", "/search?type=", "/login?next="} {
			out = append(out, ep+raw)
		}
	}
	s := url.PathEscape(p)
	for _, path := range []string{"/country/" + s, "/country/" + s + "/feed.atom", "/topic/" + s, "/topic/" + s + "/feed.json",
		"/actor/" + s, "/place/sy/" + s, "/place/" + s + "/x", "/article/" + s, "/article/" + article + "?comment=" + e,
		"/api/v1/articles/" + s, "/" + s, "/static/" + s, "/alerts/1/feed.atom?token=" + e,
		"/story/" + s, "/story/" + s + "/feed.atom", "/story/" + s + "/feed.json", "/api/v1/stories/" + s} {
		out = append(out, path)
	}
	return out
}

// rawQueryValue is p as a browser might send it unencoded in a query:
// only the characters that cannot go in a request line are encoded; ""
// when that leaves nothing raw to test.
func rawQueryValue(p string) string {
	var b strings.Builder
	for _, r := range p {
		switch {
		case r == ' ':
			b.WriteByte('+')
		case r == '#' || r == '%' || r == '&' || r == '+' || r < 0x20 || r == 0x7f:
			b.WriteString(url.QueryEscape(string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// editorReflectedURIs puts p in the parameters of the editors' pages.
func editorReflectedURIs(p, article string) []string {
	e := url.QueryEscape(p)
	return []string{"/moderation?page=" + e + "&done=" + e, "/feeds?done=" + e, "/alerts?done=" + e,
		"/article/" + article + "?correction=" + e + "&comment=" + e}
}
