package sitrep

import (
	"context"
	"net"
	"net/url"
	"strings"
	"time"
)

// Feed is a subscription: an RSS, Atom or JSON Feed document that the
// poller reads on a schedule, with what its last polls did, so that editors
// can see at a glance which feeds flow and which are stuck.
type Feed struct {
	ID    int64     `json:"id"`
	URL   string    `json:"url"`             // as FeedURL normalised it
	Title string    `json:"title,omitempty"` // the feed's own title, once polled
	Added time.Time `json:"added"`

	// Validators of the last complete fetch, sent back in a conditional GET.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`

	LastPolled  time.Time `json:"last_polled,omitzero"`  // zero: never polled
	LastSuccess time.Time `json:"last_success,omitzero"` // zero: never succeeded
	// LastStatus is the last poll's outcome in a few words: "3 new items",
	// "not modified", or the error.
	LastStatus string `json:"last_status,omitempty"`
	// LastError is why the last poll failed; empty after a success.
	LastError  string    `json:"last_error,omitempty"`
	ErrorCount int       `json:"error_count"` // failed polls since the last success
	NextPoll   time.Time `json:"next_poll"`
	Items      int       `json:"items"`      // items stored as articles, over all polls
	LastItems  int       `json:"last_items"` // items stored by the last poll
}

// FeedPoll is the outcome of one poll, as FeedStore.RecordPoll stores it.
type FeedPoll struct {
	At time.Time
	// Err is why the poll failed (a user-safe message); empty on success.
	// A failure counts one more error and keeps the stored validators.
	Err string
	// Status is the outcome in a few words; empty means Err.
	Status string
	// Title is the feed's title; empty keeps the stored one.
	Title string
	// ETag and LastModified replace the stored validators on success, so
	// a poll that left work for later can clear them to get a full fetch.
	ETag, LastModified string
	NewItems           int // items stored as articles by this poll
	NextPoll           time.Time
}

// FeedItem is what the poller remembers of one entry of a feed, so that an
// entry is fetched once, not at every poll that still lists it.
type FeedItem struct {
	FeedID int64  `json:"feed_id"`
	Key    string `json:"key"` // the entry's GUID or id, else its link
	URL    string `json:"url"` // the page the entry links to
	// ArticleID is the stored article; empty until the page is stored.
	ArticleID string `json:"article_id,omitempty"`
	Attempts  int    `json:"attempts"`
	LastError string `json:"last_error,omitempty"`
	// Done means never fetch again: stored, or given up on.
	Done      bool      `json:"done"`
	FirstSeen time.Time `json:"first_seen"`
}

// FeedStore keeps subscriptions and their items. Each backend passes the
// conformance suite in internal/store/storetest (RunFeeds).
type FeedStore interface {
	// AddFeed subscribes to rawURL, due for polling at once (NextPoll =
	// added). The URL is checked and normalised by FeedURL; one already
	// subscribed is not added again: AddFeed returns the stored feed and
	// false.
	AddFeed(ctx context.Context, rawURL string, added time.Time) (*Feed, bool, error)
	// RemoveFeed unsubscribes, forgetting the feed's items (the articles
	// stay). An unknown id is ENOTFOUND.
	RemoveFeed(ctx context.Context, id int64) error
	// Feed returns one feed, or an ENOTFOUND error.
	Feed(ctx context.Context, id int64) (*Feed, error)
	// FeedByURL finds a feed by its URL, normalised first; ENOTFOUND if none.
	FeedByURL(ctx context.Context, rawURL string) (*Feed, error)
	// Feeds lists every feed by id.
	Feeds(ctx context.Context) ([]*Feed, error)
	// DueFeeds lists the feeds whose NextPoll is at or before t, earliest
	// first.
	DueFeeds(ctx context.Context, t time.Time) ([]*Feed, error)
	// RecordPoll stores a poll's outcome: LastPolled, NextPoll and
	// LastStatus always; on success LastSuccess, the validators, the title,
	// Items += NewItems, LastItems = NewItems and no error; on failure
	// LastError, ErrorCount+1 and LastItems = 0. An unknown id is ENOTFOUND.
	RecordPoll(ctx context.Context, id int64, p FeedPoll) error
	// FeedItems returns the items of feed id with the given keys that are
	// known, by key.
	FeedItems(ctx context.Context, feedID int64, keys []string) (map[string]FeedItem, error)
	// PutFeedItems stores items, replacing those with the same feed and key
	// but keeping their FirstSeen.
	PutFeedItems(ctx context.Context, items []FeedItem) error
}

// FeedURL checks that rawURL can be subscribed to (http or https with a
// host) and returns it normalised, so that one feed written two ways is one
// subscription: scheme and host in lower case, no default port, no
// fragment, "/" for an empty path. The path and query are kept as given:
// servers may treat their case and order as meaningful.
func FeedURL(rawURL string) (string, error) {
	raw := strings.TrimSpace(rawURL)
	if raw == "" {
		return "", Errorf(EINVALID, "feed URL is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", Errorf(EINVALID, "feed URL %q is not a valid URL", rawURL)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", Errorf(EINVALID, "feed URL %q: want an http or https URL", rawURL)
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if host == "" {
		return "", Errorf(EINVALID, "feed URL %q has no host", rawURL)
	}
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	switch {
	case port != "":
		u.Host = net.JoinHostPort(host, port)
	case strings.Contains(host, ":"): // IPv6
		u.Host = "[" + host + "]"
	default:
		u.Host = host
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" && u.RawPath == "" {
		u.Path = "/"
	}
	return u.String(), nil
}
