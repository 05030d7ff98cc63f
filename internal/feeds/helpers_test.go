package feeds_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/connect"
	"github.com/sitrep-project/sitrep/internal/corpusgen"
	"github.com/sitrep-project/sitrep/internal/feeds"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// site is a web server on loopback that counts the requests for each path.
type site struct {
	*httptest.Server
	mux *http.ServeMux

	mu   sync.Mutex
	hits map[string]int
	log  []hit
}

type hit struct {
	path   string
	at     time.Time
	header http.Header
}

func newSite(t testing.TB) *site {
	t.Helper()
	s := &site{mux: http.NewServeMux(), hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.log = append(s.log, hit{r.URL.Path, time.Now(), r.Header.Clone()})
		s.mu.Unlock()
		s.mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) handle(path string, h http.HandlerFunc) { s.mux.HandleFunc(path, h) }

func (s *site) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// total counts the requests for paths with prefix.
func (s *site) total(prefix string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for p, c := range s.hits {
		if strings.HasPrefix(p, prefix) {
			n += c
		}
	}
	return n
}

func (s *site) requests(path string) []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []hit
	for _, h := range s.log {
		if h.path == path {
			out = append(out, h)
		}
	}
	return out
}

// serve answers path with body as contentType.
func (s *site) serve(path, contentType, body string) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		fmt.Fprint(w, body)
	})
}

// pages serves n generated articles under /news/ and returns them with the
// items a feed lists for them.
func (s *site) pages(seed uint64, n int) []item {
	gen := corpusgen.New(seed)
	var out []item
	for i := range n {
		a := gen.Next()
		path := fmt.Sprintf("/news/%d/%d.html", seed, i)
		s.serve(path, "text/html; charset=utf-8", articlePage(a))
		out = append(out, item{guid: fmt.Sprintf("tag:test,2026:%d-%d", seed, i), link: s.URL + path, title: a.Title, path: path})
	}
	return out
}

// articlePage renders a generated article as a news page.
func articlePage(a corpusgen.Article) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title>
<meta property="article:published_time" content="%s"></head>
<body><nav><a href="/">Home</a></nav><article><h1>%s</h1>`, html.EscapeString(a.Title), a.Published, html.EscapeString(a.Title))
	for _, p := range strings.Split(a.Text, "\n\n") {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString("</article><footer>Test site</footer></body></html>")
	return b.String()
}

// item is one entry of a test feed.
type item struct {
	guid, link, title string
	path              string // on the site, for counting fetches
}

func rss(title string, items []item) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>%s</title><link>http://example.test/</link><description>test</description>
`, html.EscapeString(title))
	for _, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link>", html.EscapeString(it.title), html.EscapeString(it.link))
		if it.guid != "" {
			fmt.Fprintf(&b, `<guid isPermaLink="false">%s</guid>`, html.EscapeString(it.guid))
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

func atom(title string, items []item) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>%s</title><id>urn:test:feed</id><updated>2026-10-01T00:00:00Z</updated>
`, html.EscapeString(title))
	for _, it := range items {
		fmt.Fprintf(&b, `<entry><title>%s</title><id>%s</id><link rel="alternate" href="%s"/><updated>2026-10-01T00:00:00Z</updated></entry>`+"\n",
			html.EscapeString(it.title), html.EscapeString(it.guid), html.EscapeString(it.link))
	}
	b.WriteString("</feed>\n")
	return b.String()
}

func jsonFeed(title string, items []item) string {
	type jsonItem struct {
		ID    string `json:"id"`
		URL   string `json:"url"`
		Title string `json:"title"`
	}
	f := struct {
		Version string     `json:"version"`
		Title   string     `json:"title"`
		Items   []jsonItem `json:"items"`
	}{Version: "https://jsonfeed.org/version/1.1", Title: title, Items: []jsonItem{}}
	for _, it := range items {
		f.Items = append(f.Items, jsonItem{it.guid, it.link, it.title})
	}
	b, _ := json.Marshal(f)
	return string(b)
}

// clock is a settable clock for the poller's schedule.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

var t0 = time.Date(2026, 10, 14, 9, 0, 0, 0, time.UTC)

// env is a poller over a real SQLite store whose items go through the
// ingest pipeline with the story connector.
type env struct {
	db     *sqlite.DB
	clock  *clock
	poller *feeds.Poller
}

func newEnv(t testing.TB, configure ...func(*feeds.Poller, *ingest.Options)) *env {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := &clock{now: t0}
	opt := ingest.Options{Connect: connect.New(db, connect.Options{}).Connect}
	p := &feeds.Poller{
		Store:           db,
		Interval:        5 * time.Minute,
		PerHostInterval: -1,
		Timeout:         2 * time.Second,
		Now:             c.Now,
	}
	for _, f := range configure {
		f(p, &opt)
	}
	p.Ingest = feeds.NewPages(db, opt)
	return &env{db: db, clock: c, poller: p}
}

func (e *env) add(t testing.TB, url string) *sitrep.Feed {
	t.Helper()
	f, _, err := e.db.AddFeed(context.Background(), url, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (e *env) feed(t testing.TB, id int64) *sitrep.Feed {
	t.Helper()
	f, err := e.db.Feed(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (e *env) pollOnce(t testing.TB) feeds.Cycle {
	t.Helper()
	c, err := e.poller.PollOnce(context.Background())
	if err != nil {
		t.Fatalf("PollOnce: %v", err)
	}
	return c
}

// result finds the result for feed id in a cycle.
func result(t testing.TB, c feeds.Cycle, id int64) feeds.Result {
	t.Helper()
	for _, r := range c.Results {
		if r.Feed.ID == id {
			return r
		}
	}
	t.Fatalf("feed %d was not polled in the cycle (%d results)", id, len(c.Results))
	return feeds.Result{}
}

func (e *env) articleCount(t testing.TB) int {
	t.Helper()
	n, err := e.db.CountArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}
