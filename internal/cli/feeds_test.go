package cli_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/cli"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// newsSite serves an RSS feed at /rss listing the article of
// testdata/stranded.txt as a page, and a broken feed at /broken.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	text, err := os.ReadFile("testdata/stranded.txt")
	if err != nil {
		t.Fatal(err)
	}
	title, body, _ := strings.Cut(string(text), "\n")
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	mux.HandleFunc("/news/stranded.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>%s</title></head><body><article><h1>%s</h1>", title, title)
		for _, p := range strings.Split(strings.TrimSpace(body), "\n\n") {
			fmt.Fprintf(w, "<p>%s</p>\n", p)
		}
		io.WriteString(w, "</article></body></html>")
	})
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Test desk</title>
<item><title>Stranded</title><link>%s/news/stranded.html</link><guid>stranded</guid></item></channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `<rss version="2.0"><channel><title>Broken`)
	})
	return srv
}

func TestFeedsCommands(t *testing.T) {
	site := newsSite(t)
	db := filepath.Join(t.TempDir(), "feeds.db")

	code, out, errOut := runMain(t, "", "--db", db, "feeds", "add", site.URL+"/rss", site.URL+"/broken", "ftp://files.example/feed")
	if code != 1 {
		t.Errorf("add with one bad URL: exit %d, want 1", code)
	}
	contains := func(what, got string, wants ...string) {
		t.Helper()
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q:\n%s", what, w, got)
			}
		}
	}
	contains("add output", out, "added 1 "+site.URL+"/rss", "added 2 "+site.URL+"/broken")
	contains("add errors", errOut, `failed: feed URL "ftp://files.example/feed": want an http or https URL`)
	_, out, _ = runMain(t, "", "--db", db, "feeds", "add", site.URL+"/rss#x")
	contains("second add", out, "already subscribed 1 "+site.URL+"/rss")

	_, out, _ = runMain(t, "", "--db", db, "feeds", "list")
	contains("list before polling", out, "ID", "LAST SUCCESS", "never", "not polled yet", "now")

	code, out, errOut = runMain(t, "", "--db", db, "feeds", "poll")
	if code != 1 {
		t.Errorf("poll with a broken feed: exit %d, want 1", code)
	}
	contains("poll progress", errOut, site.URL+"/rss: 1 new item", site.URL+"/broken: feed "+site.URL+"/broken: malformed XML")
	contains("poll summary", out, "2 feeds polled: 1 new item, 1 failed")

	code, out, _ = runMain(t, "", "--db", db, "feeds", "list", "--json")
	var list []sitrep.Feed
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 || len(list) != 2 {
		t.Fatalf("list --json: exit %d, %v: %s", code, err, out)
	}
	if list[0].Title != "Test desk" || list[0].Items != 1 || list[1].ErrorCount != 1 || !strings.Contains(list[1].LastError, "malformed XML") {
		t.Errorf("feeds after the poll: %+v", list)
	}
	code, out, _ = runMain(t, "", "--db", db, "search", "--json", "convoy")
	if code != 0 || !strings.Contains(out, "Stranded at the crossing") {
		t.Errorf("the polled article is not searchable: exit %d, %s", code, out)
	}

	// Polling the good feed again fetches nothing new.
	code, out, _ = runMain(t, "", "--db", db, "feeds", "poll", "--json", "1")
	var outcomes []struct {
		Status string `json:"status"`
		New    int    `json:"new"`
	}
	if err := json.Unmarshal([]byte(out), &outcomes); err != nil || code != 0 || len(outcomes) != 1 || outcomes[0].Status != "no new items" {
		t.Errorf("second poll of feed 1: exit %d, %v, %s", code, err, out)
	}

	code, out, _ = runMain(t, "", "--db", db, "feeds", "remove", site.URL+"/broken", "7")
	if code != 1 || !strings.Contains(out, "removed 2 "+site.URL+"/broken") {
		t.Errorf("remove: exit %d, %s", code, out)
	}
	_, out, _ = runMain(t, "", "--db", db, "feeds", "list")
	if strings.Contains(out, "/broken") || !strings.Contains(out, "no new items") {
		t.Errorf("list after remove:\n%s", out)
	}
	if code, _, _ := runMain(t, "", "--db", db, "feeds", "add"); code != 2 {
		t.Errorf("add without URL: exit %d, want 2", code)
	}
}

// TestServePollsFeeds checks that serve polls a subscribed feed at start
// and that the new article is on the site at once, without waiting for
// the index's own sync.
func TestServePollsFeeds(t *testing.T) {
	site := newsSite(t)
	db := filepath.Join(t.TempDir(), "serve.db")
	if code, _, errOut := runMain(t, "", "--db", db, "feeds", "add", site.URL+"/rss"); code != 0 {
		t.Fatalf("feeds add: %s", errOut)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	m := &cli.Main{Stdout: pw, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() {
		done <- m.Run(ctx, []string{"--db", db, "serve", "--addr", "127.0.0.1:0", "--sync", "1h", "--poll", "1h", "--workers", "0"})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no Serving line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	base := strings.Fields(line)[1]

	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get(base + "/api/v1/articles")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(b), "Stranded at the crossing") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the feed's article did not reach the site within 60 s: %.300s", b)
		}
		time.Sleep(100 * time.Millisecond)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after cancel, want 0", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
}
