package web_test

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/feeds"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/internal/web"
)

// feedSite serves an RSS feed of two article pages at /rss and a failing
// feed at /down.
func feedSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	titles := []string{"Convoy reaches the crossing after a week of talks", "Shelling closes the northern road again"}
	var items strings.Builder
	for i, title := range titles {
		path := fmt.Sprintf("/news/%d.html", i)
		body := fmt.Sprintf(`<!DOCTYPE html><html><head><title>%s</title></head><body><article><h1>%s</h1>
<p>Report %d of the feed test. Officials said on Monday that the situation in the district remained tense after several days of heavy fighting, and aid agencies warned that access to the area was still limited by damaged roads.</p>
<p>Residents described long queues for bread and fuel while the talks went on.</p></article></body></html>`, title, title, i)
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, body)
		})
		fmt.Fprintf(&items, "<item><title>%s</title><link>%s%s</link><guid>%s</guid></item>", html.EscapeString(title), srv.URL, path, path)
	}
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk wire</title>%s</channel></rss>`, items.String())
	})
	mux.HandleFunc("/down", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	})
	return srv
}

// startFeedsSite serves the site with feeds and a poller over its store.
func startFeedsSite(t *testing.T) (*web.Server, *sqlite.DB) {
	t.Helper()
	var db *sqlite.DB
	srv, db := startNewsroom(t, []func(*web.Config){func(cfg *web.Config) {
		db = cfg.Store.(*sqlite.DB)
		cfg.Feeds = db
		cfg.FeedPoller = &feeds.Poller{Store: db, Ingest: feeds.NewPages(db, ingest.Options{}),
			PerHostInterval: -1, Timeout: 5 * time.Second, Now: func() time.Time { return now }}
	}})
	return srv, db
}

func TestFeedsPage(t *testing.T) {
	site := feedSite(t)
	srv, db := startFeedsSite(t)

	t.Run("login required", func(t *testing.T) {
		res, _ := fetch(t, newClient(t), srv, "/feeds")
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?next=%2Ffeeds" {
			t.Errorf("anonymous GET /feeds: %d to %q, want 303 to the login", res.StatusCode, res.Header.Get("Location"))
		}
		c := newClient(t)
		res, _ = postForm(t, c, srv, "/feeds", url.Values{"url": {site.URL + "/rss"}})
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("anonymous POST /feeds: %d, want 401", res.StatusCode)
		}
	})

	editor := loginAs(t, srv, db, "desk", sitrep.RoleEditor)
	_, body := fetch(t, editor, srv, "/feeds")
	contains(t, "empty feeds page", body, "No feeds yet", `name="csrf"`, `action="/feeds"`)

	t.Run("invalid URL", func(t *testing.T) {
		res, body := postForm(t, editor, srv, "/feeds", url.Values{"url": {"ftp://files.example/feed"}})
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("status %d, want 400", res.StatusCode)
		}
		contains(t, "form with an invalid URL", body, "want an http or https URL", `value="ftp://files.example/feed"`)
	})

	res, _ := postForm(t, editor, srv, "/feeds", url.Values{"url": {site.URL + "/rss"}})
	good, err := db.FeedByURL(t.Context(), site.URL+"/rss")
	if err != nil {
		t.Fatalf("feed not stored after POST /feeds (%d): %v", res.StatusCode, err)
	}
	if want := fmt.Sprintf("/feeds?done=added#feed-%d", good.ID); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
		t.Errorf("add: %d to %q, want 303 to %q", res.StatusCode, res.Header.Get("Location"), want)
	}
	res, _ = postForm(t, editor, srv, "/feeds", url.Values{"url": {site.URL + "/rss#again"}})
	if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, "/feeds?done=exists") {
		t.Errorf("adding it again led to %q, want done=exists", loc)
	}
	postForm(t, editor, srv, "/feeds", url.Values{"url": {site.URL + "/down"}})
	bad, err := db.FeedByURL(t.Context(), site.URL+"/down")
	if err != nil {
		t.Fatal(err)
	}
	_, body = fetch(t, editor, srv, "/feeds?done=added")
	contains(t, "feeds page before polling", body, "Feed added.", site.URL+"/rss", "not polled yet", "due now")

	for _, id := range []int64{good.ID, bad.ID} {
		res, _ := postForm(t, editor, srv, fmt.Sprintf("/feeds/%d/poll", id), nil)
		if want := fmt.Sprintf("/feeds?done=polled#feed-%d", id); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
			t.Errorf("poll %d: %d to %q, want 303 to %q", id, res.StatusCode, res.Header.Get("Location"), want)
		}
	}
	_, body = fetch(t, editor, srv, "/feeds?done=polled")
	contains(t, "feeds page after polling", body,
		"Desk wire", "2 new items", "(+2)", "in 5 minutes",
		"feed "+site.URL+"/down: HTTP 500 Internal Server Error", `class="feed-failing"`, "in 10 minutes")
	if n, err := db.CountArticles(t.Context()); err != nil || n != 2 {
		t.Errorf("%d articles stored by the poll (%v), want 2", n, err)
	}

	res, _ = postForm(t, editor, srv, fmt.Sprintf("/feeds/%d/delete", bad.ID), nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/feeds?done=removed" {
		t.Errorf("remove: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = fetch(t, editor, srv, "/feeds")
	if strings.Contains(body, site.URL+"/down") {
		t.Error("removed feed still listed")
	}

	t.Run("unknown feed", func(t *testing.T) {
		for _, path := range []string{"/feeds/999/poll", "/feeds/999/delete", "/feeds/x/poll"} {
			if res, _ := postForm(t, editor, srv, path, nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("POST %s: %d, want 404", path, res.StatusCode)
			}
		}
	})
	t.Run("no CSRF token", func(t *testing.T) {
		res, _ := postForm(t, editor, srv, "/feeds", url.Values{"url": {site.URL + "/other"}, "csrf": {"forged"}})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("POST without a valid token: %d, want 403", res.StatusCode)
		}
	})
}

func TestFeedsPageOff(t *testing.T) {
	srv, db := startNewsroom(t, nil)
	editor := loginAs(t, srv, db, "desk", sitrep.RoleEditor)
	if res, _ := fetch(t, editor, srv, "/feeds"); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /feeds without a feed store: %d, want 404", res.StatusCode)
	}
}
