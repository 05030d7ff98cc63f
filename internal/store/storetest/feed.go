package storetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// RunFeeds runs the conformance suite of sitrep.FeedStore. open must return
// a new, empty store and arrange for it to be closed when t ends.
//
// Beyond the interface's comments the suite fixes these behaviours:
//   - Times come back in UTC, to the nanosecond; never-set times are zero.
//   - An invalid URL is EINVALID and stores nothing.
//   - A poll that did not succeed keeps the title, validators and Items.
//   - PutFeedItems with an item of an unknown feed is ENOTFOUND and stores
//     none of the call's items.
func RunFeeds(t *testing.T, open func(t *testing.T) sitrep.FeedStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s sitrep.FeedStore)
	}{
		{"AddAndGet", testFeedAddAndGet},
		{"AddDedupes", testFeedAddDedupes},
		{"AddInvalid", testFeedAddInvalid},
		{"Remove", testFeedRemove},
		{"ListOrder", testFeedListOrder},
		{"Due", testFeedDue},
		{"RecordSuccess", testFeedRecordSuccess},
		{"RecordFailure", testFeedRecordFailure},
		{"RecordUnknown", testFeedRecordUnknown},
		{"Items", testFeedItems},
		{"ItemsUnknownFeed", testFeedItemsUnknownFeed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}

var feedT0 = time.Date(2026, 10, 1, 8, 30, 0, 123456789, time.UTC)

func addFeed(t *testing.T, s sitrep.FeedStore, rawURL string, at time.Time) *sitrep.Feed {
	t.Helper()
	f, added, err := s.AddFeed(ctx(t), rawURL, at)
	if err != nil {
		t.Fatalf("AddFeed(%q): %v", rawURL, err)
	}
	if !added {
		t.Fatalf("AddFeed(%q): added = false, want a new feed", rawURL)
	}
	return f
}

func getFeed(t *testing.T, s sitrep.FeedStore, id int64) *sitrep.Feed {
	t.Helper()
	f, err := s.Feed(ctx(t), id)
	if err != nil {
		t.Fatalf("Feed(%d): %v", id, err)
	}
	return f
}

func feedURLs(fs []*sitrep.Feed) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.URL)
	}
	return out
}

func testFeedAddAndGet(t *testing.T, s sitrep.FeedStore) {
	local := time.FixedZone("UTC+3", 3*3600)
	f := addFeed(t, s, "https://news.example/feed.xml", feedT0.In(local))
	want := &sitrep.Feed{ID: f.ID, URL: "https://news.example/feed.xml", Added: feedT0, NextPoll: feedT0}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("AddFeed returned %+v, want %+v", f, want)
	}
	got := getFeed(t, s, f.ID)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Feed(%d) = %+v, want %+v", f.ID, got, want)
	}
	if got.Added.Location() != time.UTC {
		t.Errorf("Added in %v, want UTC", got.Added.Location())
	}
	byURL, err := s.FeedByURL(ctx(t), "HTTPS://NEWS.example:443/feed.xml#top")
	if err != nil {
		t.Fatalf("FeedByURL: %v", err)
	}
	if byURL.ID != f.ID {
		t.Errorf("FeedByURL found feed %d, want %d", byURL.ID, f.ID)
	}
	if _, err := s.FeedByURL(ctx(t), "https://news.example/other.xml"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("FeedByURL of an unknown URL: got %v, want ENOTFOUND", err)
	}
	if _, err := s.Feed(ctx(t), f.ID+100); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("Feed of an unknown id: got %v, want ENOTFOUND", err)
	}
}

func testFeedAddDedupes(t *testing.T, s sitrep.FeedStore) {
	first := addFeed(t, s, "http://News.Example:80/rss?lang=en#latest", feedT0)
	if got, want := first.URL, "http://news.example/rss?lang=en"; got != want {
		t.Errorf("stored URL %q, want %q", got, want)
	}
	tests := []struct {
		name string
		url  string
	}{
		{"same", "http://news.example/rss?lang=en"},
		{"host case and default port", "HTTP://NEWS.EXAMPLE:80/rss?lang=en"},
		{"fragment", "http://news.example/rss?lang=en#other"},
		{"spaces", "  http://news.example/rss?lang=en\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, added, err := s.AddFeed(ctx(t), tt.url, feedT0.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if added || f.ID != first.ID || !f.Added.Equal(feedT0) {
				t.Errorf("AddFeed(%q) = feed %d added %v at %v, want the existing feed %d (added %v)", tt.url, f.ID, added, f.Added, first.ID, feedT0)
			}
		})
	}
	// Other paths, queries, schemes and ports are other feeds.
	for _, u := range []string{"http://news.example/RSS?lang=en", "http://news.example/rss?lang=fr",
		"https://news.example/rss?lang=en", "http://news.example:8080/rss?lang=en"} {
		addFeed(t, s, u, feedT0)
	}
	all, err := s.Feeds(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 5 {
		t.Errorf("%d feeds stored, want 5: %v", len(all), feedURLs(all))
	}
}

func testFeedAddInvalid(t *testing.T, s sitrep.FeedStore) {
	for _, u := range []string{"", "   ", "ftp://news.example/feed", "news.example/feed", "http:///feed", "http://[::1", "javascript:alert(1)"} {
		if _, _, err := s.AddFeed(ctx(t), u, feedT0); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("AddFeed(%q): got %v, want EINVALID", u, err)
		}
	}
	all, err := s.Feeds(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 0 {
		t.Errorf("invalid URLs stored feeds %v", feedURLs(all))
	}
}

func testFeedRemove(t *testing.T, s sitrep.FeedStore) {
	a := addFeed(t, s, "https://a.example/feed", feedT0)
	b := addFeed(t, s, "https://b.example/feed", feedT0)
	putItems(t, s, sitrep.FeedItem{FeedID: a.ID, Key: "x", URL: "https://a.example/x", Done: true, FirstSeen: feedT0})
	if err := s.RemoveFeed(ctx(t), a.ID); err != nil {
		t.Fatalf("RemoveFeed: %v", err)
	}
	if _, err := s.Feed(ctx(t), a.ID); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("Feed after remove: got %v, want ENOTFOUND", err)
	}
	if err := s.RemoveFeed(ctx(t), a.ID); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("second RemoveFeed: got %v, want ENOTFOUND", err)
	}
	all, err := s.Feeds(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := feedURLs(all), []string{b.URL}; !reflect.DeepEqual(got, want) {
		t.Errorf("feeds after remove %v, want %v", got, want)
	}
	// Subscribing again starts afresh: the old items are forgotten.
	again := addFeed(t, s, a.URL, feedT0)
	items, err := s.FeedItems(ctx(t), again.ID, []string{"x"})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 0 {
		t.Errorf("re-subscribed feed has items %v, want none", items)
	}
}

func testFeedListOrder(t *testing.T, s sitrep.FeedStore) {
	var want []string
	for i := range 5 {
		u := fmt.Sprintf("https://news%d.example/feed", 4-i)
		addFeed(t, s, u, feedT0.Add(time.Duration(-i)*time.Hour))
		want = append(want, u)
	}
	all, err := s.Feeds(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := feedURLs(all); !reflect.DeepEqual(got, want) {
		t.Errorf("Feeds in order %v, want by id %v", got, want)
	}
}

func testFeedDue(t *testing.T, s sitrep.FeedStore) {
	a := addFeed(t, s, "https://a.example/feed", feedT0)
	b := addFeed(t, s, "https://b.example/feed", feedT0.Add(-time.Minute))
	c := addFeed(t, s, "https://c.example/feed", feedT0)
	record(t, s, c.ID, sitrep.FeedPoll{At: feedT0, Status: "no new items", NextPoll: feedT0.Add(5 * time.Minute)})

	tests := []struct {
		at   time.Time
		want []string
	}{
		{feedT0.Add(-2 * time.Minute), []string{}},
		{feedT0.Add(-time.Minute), []string{b.URL}},
		{feedT0, []string{b.URL, a.URL}},
		{feedT0.Add(5*time.Minute - time.Nanosecond), []string{b.URL, a.URL}},
		{feedT0.Add(5 * time.Minute), []string{b.URL, a.URL, c.URL}},
		{time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), []string{b.URL, a.URL, c.URL}},
	}
	for _, tt := range tests {
		due, err := s.DueFeeds(ctx(t), tt.at)
		if err != nil {
			t.Fatal(err)
		}
		if got := feedURLs(due); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("DueFeeds(%v) = %v, want %v", tt.at, got, tt.want)
		}
	}
}

func record(t *testing.T, s sitrep.FeedStore, id int64, p sitrep.FeedPoll) {
	t.Helper()
	if err := s.RecordPoll(ctx(t), id, p); err != nil {
		t.Fatalf("RecordPoll(%d): %v", id, err)
	}
}

func testFeedRecordSuccess(t *testing.T, s sitrep.FeedStore) {
	f := addFeed(t, s, "https://news.example/feed", feedT0)
	t1, t2 := feedT0.Add(time.Minute), feedT0.Add(6*time.Minute)
	record(t, s, f.ID, sitrep.FeedPoll{At: t1, Status: "3 new items", Title: "News", ETag: `"v1"`,
		LastModified: "Thu, 01 Oct 2026 08:00:00 GMT", NewItems: 3, NextPoll: t1.Add(5 * time.Minute)})
	record(t, s, f.ID, sitrep.FeedPoll{At: t2, Status: "2 new items", ETag: `"v2"`, NewItems: 2, NextPoll: t2.Add(5 * time.Minute)})
	got := getFeed(t, s, f.ID)
	want := &sitrep.Feed{ID: f.ID, URL: f.URL, Title: "News", Added: feedT0, ETag: `"v2"`,
		LastPolled: t2, LastSuccess: t2, LastStatus: "2 new items", NextPoll: t2.Add(5 * time.Minute),
		Items: 5, LastItems: 2}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after two successes got\n%+v\nwant\n%+v", got, want)
	}
}

func testFeedRecordFailure(t *testing.T, s sitrep.FeedStore) {
	f := addFeed(t, s, "https://news.example/feed", feedT0)
	t1 := feedT0.Add(time.Minute)
	record(t, s, f.ID, sitrep.FeedPoll{At: t1, Status: "4 new items", Title: "News", ETag: `"v1"`, NewItems: 4, NextPoll: t1.Add(time.Hour)})
	for i := 1; i <= 3; i++ {
		at := t1.Add(time.Duration(i) * time.Hour)
		record(t, s, f.ID, sitrep.FeedPoll{At: at, Err: fmt.Sprintf("fetch %s: HTTP 503 Service Unavailable (%d)", f.URL, i),
			Title: "ignored", ETag: `"ignored"`, NewItems: 9, NextPoll: at.Add(time.Duration(i) * time.Hour)})
	}
	at := t1.Add(3 * time.Hour)
	got := getFeed(t, s, f.ID)
	msg := fmt.Sprintf("fetch %s: HTTP 503 Service Unavailable (3)", f.URL)
	want := &sitrep.Feed{ID: f.ID, URL: f.URL, Title: "News", Added: feedT0, ETag: `"v1"`,
		LastPolled: at, LastSuccess: t1, LastStatus: msg, LastError: msg, ErrorCount: 3,
		NextPoll: at.Add(3 * time.Hour), Items: 4, LastItems: 0}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after three failures got\n%+v\nwant\n%+v", got, want)
	}

	// A success clears the error and its count; not modified keeps the title.
	t5 := at.Add(3 * time.Hour)
	record(t, s, f.ID, sitrep.FeedPoll{At: t5, Status: "not modified", ETag: `"v1"`, NextPoll: t5.Add(time.Hour)})
	got = getFeed(t, s, f.ID)
	if got.LastError != "" || got.ErrorCount != 0 || !got.LastSuccess.Equal(t5) || got.LastStatus != "not modified" || got.Title != "News" || got.Items != 4 {
		t.Errorf("after a success: error %q count %d, last success %v, status %q, title %q, items %d; want no error, %v, not modified, News, 4",
			got.LastError, got.ErrorCount, got.LastSuccess, got.LastStatus, got.Title, got.Items, t5)
	}
}

func testFeedRecordUnknown(t *testing.T, s sitrep.FeedStore) {
	err := s.RecordPoll(ctx(t), 42, sitrep.FeedPoll{At: feedT0, NextPoll: feedT0})
	if sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("RecordPoll of an unknown feed: got %v, want ENOTFOUND", err)
	}
}

func putItems(t *testing.T, s sitrep.FeedStore, items ...sitrep.FeedItem) {
	t.Helper()
	if err := s.PutFeedItems(ctx(t), items); err != nil {
		t.Fatalf("PutFeedItems: %v", err)
	}
}

func testFeedItems(t *testing.T, s sitrep.FeedStore) {
	a := addFeed(t, s, "https://a.example/feed", feedT0)
	b := addFeed(t, s, "https://b.example/feed", feedT0)
	x := sitrep.FeedItem{FeedID: a.ID, Key: "tag:a.example,2026:1", URL: "https://a.example/1", Attempts: 1,
		LastError: "fetch https://a.example/1: HTTP 503 Service Unavailable", FirstSeen: feedT0}
	y := sitrep.FeedItem{FeedID: a.ID, Key: "https://a.example/2", URL: "https://a.example/2", ArticleID: "art2",
		Attempts: 1, Done: true, FirstSeen: feedT0}
	z := sitrep.FeedItem{FeedID: b.ID, Key: "tag:a.example,2026:1", URL: "https://b.example/1", Done: true, FirstSeen: feedT0}
	putItems(t, s, x, y, z)

	got, err := s.FeedItems(ctx(t), a.ID, []string{x.Key, y.Key, "unknown"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]sitrep.FeedItem{x.Key: x, y.Key: y}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FeedItems got\n%+v\nwant\n%+v", got, want)
	}

	// A second attempt replaces the item but keeps when it was first seen.
	x2 := x
	x2.Attempts, x2.ArticleID, x2.LastError, x2.Done, x2.FirstSeen = 2, "art1", "", true, feedT0.Add(time.Hour)
	putItems(t, s, x2)
	got, err = s.FeedItems(ctx(t), a.ID, []string{x.Key})
	if err != nil {
		t.Fatal(err)
	}
	x2.FirstSeen = feedT0
	if !reflect.DeepEqual(got[x.Key], x2) {
		t.Errorf("after update got %+v, want %+v", got[x.Key], x2)
	}

	// Many keys at once, more than a query could take as parameters.
	var many []sitrep.FeedItem
	var keys []string
	for i := range 40000 {
		k := fmt.Sprintf("https://b.example/many/%d", i)
		keys = append(keys, k)
		if i%2 == 0 {
			many = append(many, sitrep.FeedItem{FeedID: b.ID, Key: k, URL: k, Done: true, FirstSeen: feedT0})
		}
	}
	putItems(t, s, many...)
	got, err = s.FeedItems(ctx(t), b.ID, keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(many) {
		t.Errorf("FeedItems of %d keys found %d, want %d", len(keys), len(got), len(many))
	}
	if empty, err := s.FeedItems(ctx(t), b.ID, nil); err != nil || len(empty) != 0 {
		t.Errorf("FeedItems with no keys = %v, %v; want empty", empty, err)
	}
}

func testFeedItemsUnknownFeed(t *testing.T, s sitrep.FeedStore) {
	a := addFeed(t, s, "https://a.example/feed", feedT0)
	err := s.PutFeedItems(ctx(t), []sitrep.FeedItem{
		{FeedID: a.ID, Key: "k1", FirstSeen: feedT0},
		{FeedID: a.ID + 1, Key: "k2", FirstSeen: feedT0},
	})
	if sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("PutFeedItems with an unknown feed: got %v, want ENOTFOUND", err)
	}
	got, err := s.FeedItems(ctx(t), a.ID, []string{"k1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("failed PutFeedItems stored %v", got)
	}
	if err := s.PutFeedItems(ctx(t), []sitrep.FeedItem{{FeedID: a.ID, FirstSeen: feedT0}}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("PutFeedItems of an item without key: got %v, want EINVALID", err)
	}
}
