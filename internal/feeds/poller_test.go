package feeds_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/feeds"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// TestFormats checks that RSS 2.0, Atom and JSON Feed items all become
// articles in one cycle, each page fetched once, each feed titled.
func TestFormats(t *testing.T) {
	tests := []struct {
		name, contentType string
		render            func(string, []item) string
	}{
		{"RSS 2.0", "application/rss+xml", rss},
		{"Atom", "application/atom+xml; charset=utf-8", atom},
		{"JSON Feed", "application/feed+json", jsonFeed},
	}
	e := newEnv(t)
	s := newSite(t)
	ids := map[string]int64{}
	var all []item
	for i, tt := range tests {
		items := s.pages(uint64(i+1), 3)
		all = append(all, items...)
		path := fmt.Sprintf("/feed/%d", i)
		s.serve(path, tt.contentType, tt.render(tt.name+" feed", items))
		ids[tt.name] = e.add(t, s.URL+path).ID
	}

	c := e.pollOnce(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := result(t, c, ids[tt.name])
			if r.Err != nil || r.New != 3 || r.Status != "3 new items" {
				t.Errorf("result: err %v, new %d, status %q; want 3 new items", r.Err, r.New, r.Status)
			}
			f := e.feed(t, ids[tt.name])
			if f.Title != tt.name+" feed" || f.Items != 3 || f.LastItems != 3 || f.LastError != "" || !f.LastSuccess.Equal(t0) {
				t.Errorf("feed after poll: %+v", f)
			}
			for _, id := range r.Articles {
				a, err := e.db.Article(t.Context(), id)
				if err != nil {
					t.Fatalf("article %s: %v", id, err)
				}
				if !strings.HasPrefix(a.Input, s.URL+"/news/") || a.Body == "" {
					t.Errorf("article %s: input %q, body %d bytes; want a page of the site", id, a.Input, len(a.Body))
				}
			}
		})
	}
	for _, it := range all {
		if n := s.hitsOf(it.path); n != 1 {
			t.Errorf("%s fetched %d times, want 1", it.path, n)
		}
	}
	if got := e.articleCount(t); got != 9 {
		t.Errorf("%d articles stored, want 9", got)
	}
	if got, want := c.String(), "3 feeds polled: 9 new items"; got != want {
		t.Errorf("cycle summary %q, want %q", got, want)
	}
}

var (
	bombOnce sync.Once
	bomb     []byte
)

// gzipBomb is a small gzip body that decompresses to 64 MB of spaces inside
// an RSS document.
func gzipBomb(t *testing.T) []byte {
	t.Helper()
	bombOnce.Do(func() {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		io.WriteString(zw, `<?xml version="1.0"?><rss version="2.0"><channel><title>Bomb</title>`)
		spaces := bytes.Repeat([]byte(" "), 1<<20)
		for range 64 {
			zw.Write(spaces)
		}
		io.WriteString(zw, `</channel></rss>`)
		zw.Close()
		bomb = buf.Bytes()
	})
	return bomb
}

// writeBigFeed streams an RSS document of about size bytes.
func writeBigFeed(w io.Writer, size int) {
	io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>`)
	written := 0
	for i := 0; written < size; i++ {
		n, err := fmt.Fprintf(w, "<item><title>Item %d %s</title><link>http://huge.test/%d</link></item>\n", i, strings.Repeat("x", 400), i)
		if err != nil {
			return
		}
		written += n
	}
	io.WriteString(w, `</channel></rss>`)
}

// TestHostileFeeds polls, in one cycle, a good feed and one of each kind of
// bad feed: each bad one gets a clear status and an error count, is backed
// off, stores nothing; the good one is not disturbed.
func TestHostileFeeds(t *testing.T) {
	// Long enough for 20 MB to be read and refused on a loaded machine
	// under -race; the slow servers cost this much.
	e := newEnv(t, func(p *feeds.Poller, _ *ingest.Options) { p.Timeout = 4 * time.Second })
	s := newSite(t)
	good := s.pages(1, 2)
	s.serve("/good", "application/rss+xml", rss("Good", good))

	s.serve("/malformed", "application/rss+xml", `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>a</title><link>`+s.URL+`/news/1/0.html</link></item><item><title>b &amp c`)
	s.serve("/not-a-feed", "text/html", `<!DOCTYPE html><html><body><p>Subscribe to our newsletter</p></body></html>`)
	s.handle("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		writeBigFeed(w, 50<<20) // chunked: the size shows only while reading
	})
	s.handle("/huge-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Length", strconv.Itoa(50<<20))
		writeBigFeed(w, 50<<20)
	})
	bomb := gzipBomb(t)
	s.handle("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	s.handle("/slow", func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // never answers
	})
	s.handle("/trickle", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>`)
		for {
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
			if _, err := io.WriteString(w, " "); err != nil {
				return
			}
		}
	})
	s.handle("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	s.handle("/down", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "upstream timeout", http.StatusBadGateway)
	})

	tests := []struct {
		name, path string
		want       string // in the status
	}{
		{"malformed XML", "/malformed", "malformed XML: XML syntax error"},
		{"not a feed", "/not-a-feed", "not an RSS, Atom or JSON feed"},
		{"50 MB feed", "/huge", "feed larger than 20 MB"},
		{"50 MB feed, declared", "/huge-declared", "feed larger than 20 MB"},
		{"gzip bomb", "/bomb", "feed larger than 20 MB"},
		{"slow server", "/slow", "timeout after 4s"},
		{"trickling server", "/trickle", "timeout after 4s"},
		{"redirect loop", "/loop", "more than 5 redirects"},
		{"server error", "/down", "HTTP 502 Bad Gateway"},
	}
	goodID := e.add(t, s.URL+"/good").ID
	ids := map[string]int64{}
	for _, tt := range tests {
		ids[tt.name] = e.add(t, s.URL+tt.path).ID
	}

	c := e.pollOnce(t)

	t.Run("good feed", func(t *testing.T) {
		r := result(t, c, goodID)
		if r.Err != nil || r.New != 2 {
			t.Errorf("good feed: err %v, %d new; want 2 new items", r.Err, r.New)
		}
		f := e.feed(t, goodID)
		if f.LastStatus != "2 new items" || f.ErrorCount != 0 || !f.NextPoll.Equal(t0.Add(5*time.Minute)) {
			t.Errorf("good feed: status %q, errors %d, next poll %v", f.LastStatus, f.ErrorCount, f.NextPoll)
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := result(t, c, ids[tt.name])
			if r.Err == nil {
				t.Fatalf("no error; status %q", r.Status)
			}
			f := e.feed(t, ids[tt.name])
			t.Logf("status: %s", f.LastStatus)
			prefix := "feed " + f.URL + ": "
			if !strings.HasPrefix(f.LastError, prefix) || !strings.Contains(f.LastError, tt.want) {
				t.Errorf("last error %q, want %q... %q", f.LastError, prefix, tt.want)
			}
			if f.LastStatus != f.LastError || f.ErrorCount != 1 || !f.LastPolled.Equal(t0) || !f.LastSuccess.IsZero() || f.Items != 0 {
				t.Errorf("feed after a failure: %+v", f)
			}
			if want := t0.Add(10 * time.Minute); !f.NextPoll.Equal(want) {
				t.Errorf("next poll %v, want %v (twice the interval)", f.NextPoll, want)
			}
		})
	}
	if got := e.articleCount(t); got != 2 {
		t.Errorf("%d articles stored, want the good feed's 2", got)
	}
	if got := s.total("/news/"); got != 2 {
		t.Errorf("%d item pages fetched, want the good feed's 2", got)
	}
}

// TestConditionalGet checks that a feed answering 304 costs one request
// and no item fetches, and that the validators go back to the server.
func TestConditionalGet(t *testing.T) {
	e := newEnv(t)
	s := newSite(t)
	items := s.pages(1, 3)
	body := rss("Conditional", items)
	const etag, modified = `"v1"`, "Wed, 14 Oct 2026 08:00:00 GMT"
	s.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag || r.Header.Get("If-Modified-Since") == modified {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", modified)
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, body)
	})
	f := e.add(t, s.URL+"/feed")
	e.pollOnce(t)
	stored := e.feed(t, f.ID)
	if stored.ETag != etag || stored.LastModified != modified || stored.Items != 3 {
		t.Fatalf("after the first poll: etag %q, last modified %q, items %d", stored.ETag, stored.LastModified, stored.Items)
	}

	e.clock.Set(t0.Add(5 * time.Minute))
	c := e.pollOnce(t)
	r := result(t, c, f.ID)
	if !r.NotModified || r.Status != "not modified" || r.New != 0 {
		t.Errorf("second poll: not modified %v, status %q, new %d", r.NotModified, r.Status, r.New)
	}
	reqs := s.requests("/feed")
	if len(reqs) != 2 {
		t.Fatalf("feed requested %d times, want 2", len(reqs))
	}
	if got := reqs[1].header.Get("If-None-Match"); got != etag {
		t.Errorf("If-None-Match %q, want %q", got, etag)
	}
	if got := reqs[1].header.Get("If-Modified-Since"); got != modified {
		t.Errorf("If-Modified-Since %q, want %q", got, modified)
	}
	if got := s.total("/news/"); got != 3 {
		t.Errorf("%d item fetches after two polls, want 3 (none for the 304)", got)
	}
	after := e.feed(t, f.ID)
	if after.ETag != etag || after.Items != 3 || after.LastItems != 0 || after.LastStatus != "not modified" ||
		!after.LastSuccess.Equal(t0.Add(5*time.Minute)) || !after.NextPoll.Equal(t0.Add(10*time.Minute)) {
		t.Errorf("after the 304: %+v", after)
	}

	// Not due yet: nothing is requested.
	e.clock.Set(t0.Add(9 * time.Minute))
	if c := e.pollOnce(t); len(c.Results) != 0 {
		t.Errorf("poll before the feed is due polled %d feeds", len(c.Results))
	}
	if n := s.hitsOf("/feed"); n != 2 {
		t.Errorf("feed requested %d times, want still 2", n)
	}
}

// TestSeenItems checks that a server without validators costs a feed
// request per poll but no item is fetched twice, and a new item is.
func TestSeenItems(t *testing.T) {
	e := newEnv(t)
	s := newSite(t)
	items := s.pages(1, 4)
	var mu sync.Mutex
	listed := items[:3]
	s.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, rss("Plain", listed))
	})
	f := e.add(t, s.URL+"/feed")
	e.pollOnce(t)

	e.clock.Set(t0.Add(5 * time.Minute))
	r := result(t, e.pollOnce(t), f.ID)
	if r.NotModified || r.New != 0 || r.Status != "no new items" {
		t.Errorf("second poll: %+v", r)
	}
	if got := s.total("/news/"); got != 3 {
		t.Errorf("%d item fetches after the second poll, want 3", got)
	}

	mu.Lock()
	listed = []item{items[3], items[0], items[1], items[2]}
	mu.Unlock()
	e.clock.Set(t0.Add(10 * time.Minute))
	r = result(t, e.pollOnce(t), f.ID)
	if r.New != 1 || r.Status != "1 new item" {
		t.Errorf("third poll: new %d, status %q; want 1 new item", r.New, r.Status)
	}
	for _, it := range items {
		if n := s.hitsOf(it.path); n != 1 {
			t.Errorf("%s fetched %d times, want 1", it.path, n)
		}
	}
	if got := e.feed(t, f.ID).Items; got != 4 {
		t.Errorf("feed items %d, want 4", got)
	}
}

// TestBackoff checks that the wait doubles with each failure up to the
// cap, and that a success resets it.
func TestBackoff(t *testing.T) {
	e := newEnv(t, func(p *feeds.Poller, _ *ingest.Options) { p.MaxBackoff = time.Hour })
	s := newSite(t)
	var mu sync.Mutex
	failing := true
	s.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if failing {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, rss("Back", nil))
	})
	f := e.add(t, s.URL+"/feed")

	now := t0
	var waits []time.Duration
	for range 6 {
		e.clock.Set(now)
		result(t, e.pollOnce(t), f.ID)
		next := e.feed(t, f.ID).NextPoll
		waits = append(waits, next.Sub(now))
		// Just before it is due, the feed is left alone.
		e.clock.Set(next.Add(-time.Second))
		if c := e.pollOnce(t); len(c.Results) != 0 {
			t.Fatalf("polled %d feeds before the feed was due", len(c.Results))
		}
		now = next
	}
	want := []time.Duration{10 * time.Minute, 20 * time.Minute, 40 * time.Minute, time.Hour, time.Hour, time.Hour}
	if !slices.Equal(waits, want) {
		t.Errorf("waits after failures %v, want %v", waits, want)
	}
	if got := e.feed(t, f.ID); got.ErrorCount != 6 || !strings.Contains(got.LastError, "HTTP 503 Service Unavailable") {
		t.Errorf("after 6 failures: errors %d, last error %q", got.ErrorCount, got.LastError)
	}

	mu.Lock()
	failing = false
	mu.Unlock()
	e.clock.Set(now)
	e.pollOnce(t)
	got := e.feed(t, f.ID)
	if got.ErrorCount != 0 || got.LastError != "" || !got.NextPoll.Equal(now.Add(5*time.Minute)) || !got.LastSuccess.Equal(now) {
		t.Errorf("after a success: errors %d, last error %q, next poll %v (want %v)", got.ErrorCount, got.LastError, got.NextPoll, now.Add(5*time.Minute))
	}
	if s.hitsOf("/feed") != 7 {
		t.Errorf("feed requested %d times, want 7", s.hitsOf("/feed"))
	}
}

// TestPerHostInterval checks that requests to one host, the feed's and its
// items', start no closer together than PerHostInterval, while another
// host is not held up by them.
func TestPerHostInterval(t *testing.T) {
	const interval = 150 * time.Millisecond
	e := newEnv(t, func(p *feeds.Poller, _ *ingest.Options) { p.PerHostInterval = interval })
	s := newSite(t)
	s.serve("/feed", "application/rss+xml", rss("Busy", s.pages(1, 4)))
	other := newSite(t)
	other.serve("/feed", "application/rss+xml", rss("Other", other.pages(2, 1)))
	e.add(t, s.URL+"/feed")
	e.add(t, other.URL+"/feed")

	start := time.Now()
	c := e.pollOnce(t)
	if c.New() != 5 {
		t.Fatalf("cycle stored %d items, want 5: %s", c.New(), c)
	}
	s.mu.Lock()
	log := slices.Clone(s.log)
	s.mu.Unlock()
	if len(log) != 5 {
		t.Fatalf("%d requests to the busy host, want 5", len(log))
	}
	slices.SortFunc(log, func(a, b hit) int { return a.at.Compare(b.at) })
	for i := 1; i < len(log); i++ {
		// The limiter spaces the starts of requests; the server sees them a
		// little later, by differing amounts.
		if gap := log[i].at.Sub(log[i-1].at); gap < interval*8/10 {
			t.Errorf("requests %s and %s to one host %v apart, want at least %v", log[i-1].path, log[i].path, gap, interval)
		}
	}
	other.mu.Lock()
	otherLast := other.log[len(other.log)-1].at
	other.mu.Unlock()
	if otherLast.Sub(start) >= 4*interval {
		t.Errorf("the other host's last request came %v after the start: held up by the busy host", otherLast.Sub(start))
	}
}

// TestItemFailures checks that a page that is gone is given up at once, a
// page that fails for a passing reason is tried again at later polls up to
// MaxItemAttempts, and neither fails the feed.
func TestItemFailures(t *testing.T) {
	e := newEnv(t, func(p *feeds.Poller, _ *ingest.Options) { p.MaxItemAttempts = 2 })
	s := newSite(t)
	items := s.pages(1, 1)
	s.handle("/news/gone.html", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	s.handle("/news/busy.html", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "busy", http.StatusServiceUnavailable)
	})
	items = append(items,
		item{guid: "gone", link: s.URL + "/news/gone.html", title: "Gone", path: "/news/gone.html"},
		item{guid: "busy", link: s.URL + "/news/busy.html", title: "Busy", path: "/news/busy.html"},
		item{guid: "nolink", title: "No link"},
	)
	mixed := rss("Mixed", items)
	s.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		// Unchanged, but a page to try again must not be hidden by a 304.
		if r.Header.Get("If-None-Match") == `"mixed"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"mixed"`)
		io.WriteString(w, mixed)
	})
	f := e.add(t, s.URL+"/feed")

	r := result(t, e.pollOnce(t), f.ID)
	if r.Err != nil || r.New != 1 || r.Failed != 2 {
		t.Errorf("first poll: err %v, new %d, failed %d; want 1 new, 2 failed", r.Err, r.New, r.Failed)
	}
	if !strings.HasPrefix(r.Status, "1 new item, 2 failed (") {
		t.Errorf("status %q", r.Status)
	}
	if got := e.feed(t, f.ID); got.LastError != "" || got.ErrorCount != 0 {
		t.Errorf("item failures failed the feed: %q, %d", got.LastError, got.ErrorCount)
	}
	for i := 1; i <= 3; i++ {
		e.clock.Set(t0.Add(time.Duration(i) * 5 * time.Minute))
		e.pollOnce(t)
	}
	if got := s.hitsOf("/news/gone.html"); got != 1 {
		t.Errorf("gone page fetched %d times, want 1", got)
	}
	if got := s.hitsOf("/news/busy.html"); got != 2 {
		t.Errorf("busy page fetched %d times, want 2 (MaxItemAttempts)", got)
	}
	known, err := e.db.FeedItems(t.Context(), f.ID, []string{"gone", "busy", "nolink"})
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"gone": "HTTP 404", "busy": "HTTP 503", "nolink": "links to no web page"} {
		if it := known[key]; !it.Done || !strings.Contains(it.LastError, want) {
			t.Errorf("item %s: done %v, error %q; want done with %q", key, it.Done, it.LastError, want)
		}
	}
}

// TestMaxItemsPerPoll checks that a feed listing more new items than one
// poll takes is worked off over several polls, each fetching the whole
// document again rather than accepting a 304.
func TestMaxItemsPerPoll(t *testing.T) {
	e := newEnv(t, func(p *feeds.Poller, _ *ingest.Options) { p.MaxItemsPerPoll = 2 })
	s := newSite(t)
	body := rss("Backlog", s.pages(1, 5))
	s.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"same"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"same"`)
		io.WriteString(w, body)
	})
	f := e.add(t, s.URL+"/feed")
	var news, statuses []string
	for i := range 4 {
		e.clock.Set(t0.Add(time.Duration(i) * 5 * time.Minute))
		r := result(t, e.pollOnce(t), f.ID)
		news = append(news, strconv.Itoa(r.New))
		statuses = append(statuses, r.Status)
	}
	want := []string{"2 new items, 3 left for the next poll", "2 new items, 1 left for the next poll", "1 new item", "not modified"}
	if !slices.Equal(statuses, want) {
		t.Errorf("statuses %q, want %q", statuses, want)
	}
	if got := e.articleCount(t); got != 5 {
		t.Errorf("%d articles, want 5", got)
	}
}

// TestPollFeedBusy checks that a feed being polled is not polled twice at
// once.
func TestPollFeedBusy(t *testing.T) {
	e := newEnv(t)
	s := newSite(t)
	arrived, release := make(chan struct{}), make(chan struct{})
	s.handle("/feed", func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-release
		io.WriteString(w, rss("Held", nil))
	})
	f := e.add(t, s.URL+"/feed")
	done := make(chan error)
	go func() { done <- e.poller.PollFeed(context.Background(), f.ID) }()
	<-arrived
	err := e.poller.PollFeed(context.Background(), f.ID)
	if sitrep.ErrorCode(err) != sitrep.ECONFLICT {
		t.Errorf("second PollFeed while the first runs: got %v, want ECONFLICT", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Errorf("first PollFeed: %v", err)
	}
	if err := e.poller.PollFeed(context.Background(), f.ID+1); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("PollFeed of an unknown feed: got %v, want ENOTFOUND", err)
	}
	if got := e.feed(t, f.ID).LastStatus; got != "no new items" {
		t.Errorf("status %q, want no new items", got)
	}
}

// TestCharset checks that a feed in a legacy encoding declared only in its
// XML declaration is read as that encoding, once.
func TestCharset(t *testing.T) {
	e := newEnv(t)
	s := newSite(t)
	latin1 := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel><title>Caf\xe9 d\xe9p\xeaches</title></channel></rss>"
	s.serve("/feed", "application/rss+xml", latin1)
	f := e.add(t, s.URL+"/feed")
	e.pollOnce(t)
	if got, want := e.feed(t, f.ID).Title, "Café dépêches"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
}

// TestRelativeLinks checks that item links are resolved against the
// feed's final URL, after redirects.
func TestRelativeLinks(t *testing.T) {
	e := newEnv(t)
	s := newSite(t)
	items := s.pages(1, 1)
	s.handle("/old-feed", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/1/feed.xml", http.StatusMovedPermanently)
	})
	s.serve("/news/1/feed.xml", "application/rss+xml", rss("Relative", []item{{guid: "r", link: "0.html", title: "rel"}}))
	f := e.add(t, s.URL+"/old-feed")
	r := result(t, e.pollOnce(t), f.ID)
	if r.New != 1 || s.hitsOf(items[0].path) != 1 {
		t.Errorf("relative link: %d new, page fetched %d times; want 1, 1 (%s)", r.New, s.hitsOf(items[0].path), r.Status)
	}
}

// TestRun checks that Run polls a feed added while it sleeps once woken,
// calls OnCycle, and returns when its context ends.
func TestRun(t *testing.T) {
	cycles := make(chan feeds.Cycle, 10)
	e := newEnv(t, func(p *feeds.Poller, _ *ingest.Options) {
		p.Now = time.Now
		p.Interval = time.Hour
		p.OnCycle = func(c feeds.Cycle) { cycles <- c }
	})
	s := newSite(t)
	s.serve("/feed", "application/rss+xml", rss("Live", s.pages(1, 2)))
	ctx, cancel := context.WithCancel(t.Context())
	stopped := make(chan error)
	go func() { stopped <- e.poller.Run(ctx) }()

	f, _, err := e.db.AddFeed(t.Context(), s.URL+"/feed", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.poller.Wake()
	deadline := time.After(30 * time.Second)
	for got := 0; got < 2; {
		select {
		case c := <-cycles:
			got += c.New()
		case <-deadline:
			t.Fatal("Run did not poll the new feed within 30 s")
		}
	}
	cancel()
	if err := <-stopped; err != nil {
		t.Errorf("Run returned %v, want nil", err)
	}
	if got := e.feed(t, f.ID).Items; got != 2 {
		t.Errorf("feed items %d, want 2", got)
	}
}
