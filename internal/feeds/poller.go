// Package feeds polls the RSS, Atom and JSON feeds editors subscribe to and
// turns their new items into articles through the ingest pipeline, so that
// news flows in without anyone running `sitrep ingest`.
//
// Every feed request is a conditional GET; a feed that fails is polled
// again after an exponentially growing wait and reset on success; requests
// to one host are spaced out whoever makes them; a feed document is bounded
// in size (after decompression), time and redirects. Whatever one feed
// does, the others of the cycle are polled as usual: each outcome is a
// status on that feed only.
package feeds

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Defaults applied to a Poller's zero fields.
const (
	DefaultInterval        = 5 * time.Minute
	DefaultMaxBackoff      = 6 * time.Hour
	DefaultPerHostInterval = time.Second
	DefaultTimeout         = 30 * time.Second
	DefaultMaxFeedBytes    = 20 << 20
	DefaultMaxItemsPerPoll = 50
	DefaultMaxItemAttempts = 3
	DefaultWorkers         = 4
	DefaultItemWorkers     = 4
)

// minWait keeps Run from spinning on a feed that is due but being polled.
const minWait = time.Second

// Poller polls the feeds of Store and hands their new items to Ingest. Set
// its fields before the first call; zero values mean the defaults. It is
// safe for concurrent use: a feed being polled is skipped by other polls.
type Poller struct {
	Store  sitrep.FeedStore
	Ingest Ingester // stores items' pages; see Pages

	Interval        time.Duration // between polls of a healthy feed; 0: 5 min
	MaxBackoff      time.Duration // longest wait after failures; 0: 6 h
	PerHostInterval time.Duration // between requests to one host; 0: 1 s; negative: no limit
	Timeout         time.Duration // one feed request, body included; 0: 30 s
	MaxFeedBytes    int64         // feed size after decompression; 0: 20 MB
	MaxRedirects    int           // 0: 5; negative: none followed
	MaxItemsPerPoll int           // new items taken from one feed per poll; 0: 50
	MaxItemAttempts int           // polls that try a failing page before giving up; 0: 3
	Workers         int           // feeds polled at once; 0: 4
	ItemWorkers     int           // pages ingested at once, over all feeds; 0: 4
	UserAgent       string        // "" means fetch's default
	Now             func() time.Time

	// OnFeed, when set, is called after each feed's poll, one call at a time.
	OnFeed func(Result)
	// OnCycle, when set, is called after each PollOnce, PollAll, Poll or
	// PollFeed that polled at least one feed: the place to re-index.
	OnCycle func(Cycle)
	Logger  *slog.Logger // nil: discard

	once     sync.Once
	fetcher  *fetch.Client
	hosts    *hostLimiter
	pages    chan struct{} // ItemWorkers slots
	wake     chan struct{}
	mu       sync.Mutex
	inflight map[int64]bool
	onFeedMu sync.Mutex
}

func (p *Poller) setup() {
	p.once.Do(func() {
		if p.Interval <= 0 {
			p.Interval = DefaultInterval
		}
		if p.MaxBackoff <= 0 {
			p.MaxBackoff = DefaultMaxBackoff
		}
		if p.PerHostInterval == 0 {
			p.PerHostInterval = DefaultPerHostInterval
		}
		if p.Timeout <= 0 {
			p.Timeout = DefaultTimeout
		}
		if p.MaxFeedBytes <= 0 {
			p.MaxFeedBytes = DefaultMaxFeedBytes
		}
		if p.MaxItemsPerPoll <= 0 {
			p.MaxItemsPerPoll = DefaultMaxItemsPerPoll
		}
		if p.MaxItemAttempts <= 0 {
			p.MaxItemAttempts = DefaultMaxItemAttempts
		}
		if p.Workers <= 0 {
			p.Workers = DefaultWorkers
		}
		if p.ItemWorkers <= 0 {
			p.ItemWorkers = DefaultItemWorkers
		}
		if p.Now == nil {
			p.Now = time.Now
		}
		if p.Logger == nil {
			p.Logger = slog.New(slog.DiscardHandler)
		}
		p.fetcher = fetch.New(fetch.Config{
			Timeout:      p.Timeout,
			MaxBytes:     p.MaxFeedBytes,
			MaxRedirects: p.MaxRedirects,
			UserAgent:    p.UserAgent,
			Accept:       feedAccept,
		})
		p.hosts = newHostLimiter(p.PerHostInterval)
		p.pages = make(chan struct{}, p.ItemWorkers)
		p.wake = make(chan struct{}, 1)
		p.inflight = map[int64]bool{}
	})
}

// Result is what one poll of one feed did.
type Result struct {
	Feed   *sitrep.Feed // as it was before the poll
	Status string       // as stored: "3 new items", "not modified", or the error
	// Err is why the feed could not be polled: fetching or parsing failed.
	// Pages of items that failed are counted in Failed, not here.
	Err         error
	NotModified bool
	Skipped     bool     // another poll of this feed was under way
	Entries     int      // items the feed listed
	New         int      // items stored as articles
	Failed      int      // items whose page failed this time
	Retry       int      // of those, the ones tried again at the next poll
	Pending     int      // new items left for the next poll (MaxItemsPerPoll)
	Articles    []string // ids of the articles stored
	NextPoll    time.Time
	Elapsed     time.Duration
}

// Cycle is the outcome of polling a set of feeds.
type Cycle struct {
	Results []Result
	Elapsed time.Duration
}

// New counts the items stored as articles over the cycle.
func (c Cycle) New() int {
	n := 0
	for _, r := range c.Results {
		n += r.New
	}
	return n
}

// String summarises the cycle in one line.
func (c Cycle) String() string {
	var polled, notModified, failed, items int
	for _, r := range c.Results {
		switch {
		case r.Skipped:
			continue
		case r.Err != nil:
			failed++
		case r.NotModified:
			notModified++
		}
		polled++
		items += r.Failed
	}
	s := fmt.Sprintf("%s polled: %s", plural(polled, "feed"), plural(c.New(), "new item"))
	if notModified > 0 {
		s += fmt.Sprintf(", %d not modified", notModified)
	}
	if failed > 0 {
		s += fmt.Sprintf(", %d failed", failed)
	}
	if items > 0 {
		s += fmt.Sprintf(", %s failed", plural(items, "item"))
	}
	return s
}

// PollOnce polls the feeds that are due now. The error reports a failing
// store; a failing feed is a Result with Err, recorded on the feed.
func (p *Poller) PollOnce(ctx context.Context) (Cycle, error) {
	p.setup()
	due, err := p.Store.DueFeeds(ctx, p.Now())
	if err != nil {
		return Cycle{}, fmt.Errorf("feeds: due feeds: %w", err)
	}
	return p.Poll(ctx, due)
}

// PollAll polls every feed now, due or not.
func (p *Poller) PollAll(ctx context.Context) (Cycle, error) {
	p.setup()
	all, err := p.Store.Feeds(ctx)
	if err != nil {
		return Cycle{}, fmt.Errorf("feeds: list feeds: %w", err)
	}
	return p.Poll(ctx, all)
}

// PollFeed polls the feed with id now. Its outcome is recorded on the
// feed; the error says only that it could not be polled at all: unknown
// (ENOTFOUND), already being polled (ECONFLICT), or the store failed.
func (p *Poller) PollFeed(ctx context.Context, id int64) error {
	p.setup()
	f, err := p.Store.Feed(ctx, id)
	if err != nil {
		return err
	}
	c, err := p.Poll(ctx, []*sitrep.Feed{f})
	if err != nil {
		return err
	}
	if c.Results[0].Skipped {
		return sitrep.Errorf(sitrep.ECONFLICT, "feed %d is being polled already", id)
	}
	return nil
}

// Poll polls the given feeds now, Workers at a time.
func (p *Poller) Poll(ctx context.Context, feeds []*sitrep.Feed) (Cycle, error) {
	p.setup()
	start := time.Now()
	c := Cycle{Results: make([]Result, len(feeds))}
	errs := make([]error, len(feeds))
	slots := make(chan struct{}, p.Workers)
	var wg sync.WaitGroup
	for i, f := range feeds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			c.Results[i], errs[i] = p.pollFeed(ctx, f)
			if p.OnFeed != nil {
				p.onFeedMu.Lock()
				p.OnFeed(c.Results[i])
				p.onFeedMu.Unlock()
			}
		}()
	}
	wg.Wait()
	// Stories are connected once per cycle, even one cut short.
	if err := p.Ingest.Flush(context.WithoutCancel(ctx)); err != nil {
		errs = append(errs, err)
	}
	c.Elapsed = time.Since(start)
	if p.OnCycle != nil && len(feeds) > 0 {
		p.OnCycle(c)
	}
	return c, errors.Join(errs...)
}

// Run polls due feeds until ctx ends, sleeping until the next feed is due
// (at most Interval) or Wake is called. It returns nil when ctx ends.
func (p *Poller) Run(ctx context.Context) error {
	p.setup()
	for {
		if _, err := p.PollOnce(ctx); err != nil && ctx.Err() == nil {
			p.Logger.Error("feeds: poll", "err", err)
		}
		t := time.NewTimer(p.untilNext(ctx))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		case <-p.wake:
			t.Stop()
		}
	}
}

// Wake makes Run look for due feeds now, for instance after a feed was
// added.
func (p *Poller) Wake() {
	p.setup()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// untilNext is how long Run sleeps: until the earliest NextPoll, within
// [minWait, Interval].
func (p *Poller) untilNext(ctx context.Context) time.Duration {
	all, err := p.Store.Feeds(ctx)
	if err != nil {
		return p.Interval
	}
	wait, now := p.Interval, p.Now()
	for _, f := range all {
		wait = min(wait, f.NextPoll.Sub(now))
	}
	return max(wait, minWait)
}

// claim marks a feed as being polled; false if it already is.
func (p *Poller) claim(id int64) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.inflight[id] {
		return false
	}
	p.inflight[id] = true
	return true
}

func (p *Poller) release(id int64) {
	p.mu.Lock()
	delete(p.inflight, id)
	p.mu.Unlock()
}

// pollFeed polls one feed and records the outcome. The error is the
// store's; the feed's own failure is in Result.Err.
func (p *Poller) pollFeed(ctx context.Context, f *sitrep.Feed) (res Result, storeErr error) {
	start := time.Now()
	res.Feed = f
	defer func() { res.Elapsed = time.Since(start) }()
	if !p.claim(f.ID) {
		res.Skipped, res.Status = true, "already being polled"
		return res, nil
	}
	defer p.release(f.ID)

	at := p.Now()
	var doc *document
	err := p.hosts.wait(ctx, hostOf(f.URL))
	if err == nil {
		doc, err = p.fetchDocument(ctx, f)
	}
	if ctx.Err() != nil {
		// Shutting down is no fault of the feed's: leave it due.
		res.Err, res.Status = ctx.Err(), "interrupted"
		return res, nil
	}
	if err != nil {
		res.Err, res.Status = err, errorText(err)
		res.NextPoll = at.Add(p.backoff(f.ErrorCount + 1))
		return res, p.record(ctx, f.ID, sitrep.FeedPoll{At: at, Err: res.Status, NextPoll: res.NextPoll})
	}

	poll := sitrep.FeedPoll{At: at, Title: doc.title, ETag: doc.etag, LastModified: doc.lastModified, NextPoll: at.Add(p.Interval)}
	if doc.notModified {
		res.NotModified, res.Status = true, "not modified"
	} else {
		firstFailure, err := p.ingestEntries(ctx, f, doc.entries, at, &res)
		if err != nil {
			return res, err
		}
		if ctx.Err() != nil {
			res.Err, res.Status = ctx.Err(), "interrupted"
			return res, nil
		}
		if res.Pending > 0 || res.Retry > 0 {
			// The next poll must see the whole document again, not a 304.
			poll.ETag, poll.LastModified = "", ""
		}
		res.Status = res.summary(firstFailure)
	}
	poll.Status, poll.NewItems, res.NextPoll = res.Status, res.New, poll.NextPoll
	return res, p.record(ctx, f.ID, poll)
}

// record stores a poll's outcome even if ctx is ending; a feed removed
// meanwhile is no error.
func (p *Poller) record(ctx context.Context, id int64, poll sitrep.FeedPoll) error {
	err := p.Store.RecordPoll(context.WithoutCancel(ctx), id, poll)
	if err != nil && sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		return fmt.Errorf("feeds: record poll of feed %d: %w", id, err)
	}
	return nil
}

// ingestEntries ingests the entries not done before, at most
// MaxItemsPerPoll of them, and remembers each one's outcome. It returns the
// first failure's reason.
func (p *Poller) ingestEntries(ctx context.Context, f *sitrep.Feed, entries []entry, at time.Time, res *Result) (string, error) {
	res.Entries = len(entries)
	keys := make([]string, len(entries))
	for i, e := range entries {
		keys[i] = e.key
	}
	known, err := p.Store.FeedItems(ctx, f.ID, keys)
	if err != nil {
		return "", fmt.Errorf("feeds: items of feed %d: %w", f.ID, err)
	}

	var todo []sitrep.FeedItem
	var records []sitrep.FeedItem
	for _, e := range entries {
		it, ok := known[e.key]
		if ok && it.Done {
			continue
		}
		if !ok {
			it = sitrep.FeedItem{FeedID: f.ID, Key: e.key, FirstSeen: at}
		}
		it.URL = e.url
		if e.url == "" {
			// Nothing to fetch; remember it so it is not looked at again.
			it.Done, it.LastError = true, "the item links to no web page"
			records = append(records, it)
			continue
		}
		if len(todo) == p.MaxItemsPerPoll {
			res.Pending++
			continue
		}
		todo = append(todo, it)
	}

	outcomes := make([]*sitrep.FeedItem, len(todo))
	var wg sync.WaitGroup
	for i, it := range todo {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if p.hosts.wait(ctx, hostOf(it.URL)) != nil {
				return
			}
			select {
			case p.pages <- struct{}{}:
			case <-ctx.Done():
				return
			}
			got := p.Ingest.Ingest(ctx, it.URL)
			<-p.pages
			if got.Err != nil && ctx.Err() != nil {
				return // interrupted: no attempt counted
			}
			it.Attempts++
			if got.Err != nil {
				it.LastError = clip(errorText(got.Err), 500)
				it.Done = permanent(got.Err) || it.Attempts >= p.MaxItemAttempts
			} else {
				it.ArticleID, it.LastError, it.Done = got.ID, "", true
				if got.DuplicateOf != "" {
					it.ArticleID = got.DuplicateOf
				}
			}
			outcomes[i] = &it
		}()
	}
	wg.Wait()

	var firstFailure string
	for _, it := range outcomes {
		if it == nil {
			continue
		}
		records = append(records, *it)
		if it.LastError != "" {
			res.Failed++
			if !it.Done {
				res.Retry++
			}
			if firstFailure == "" {
				firstFailure = it.LastError
			}
			continue
		}
		res.New++
		res.Articles = append(res.Articles, it.ArticleID)
	}
	err = p.Store.PutFeedItems(context.WithoutCancel(ctx), records)
	if err != nil && sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		return firstFailure, fmt.Errorf("feeds: remember items of feed %d: %w", f.ID, err)
	}
	return firstFailure, nil
}

// summary is the status of a poll that fetched the feed.
func (r *Result) summary(firstFailure string) string {
	if r.New == 0 && r.Failed == 0 && r.Pending == 0 {
		return "no new items"
	}
	s := plural(r.New, "new item")
	if r.Failed > 0 {
		s += fmt.Sprintf(", %d failed (%s)", r.Failed, clip(firstFailure, 200))
	}
	if r.Pending > 0 {
		s += fmt.Sprintf(", %d left for the next poll", r.Pending)
	}
	return s
}

// backoff is the wait after the nth failure in a row: Interval doubled n
// times, at most MaxBackoff.
func (p *Poller) backoff(n int) time.Duration {
	d := p.Interval
	for i := 0; i < n && d < p.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, p.MaxBackoff)
}

// permanent reports whether a page's failure will recur, so that it is not
// tried again: gone, refused, not a page, too large.
func permanent(err error) bool {
	switch sitrep.ErrorCode(err) {
	case sitrep.ENOTFOUND, sitrep.EINVALID, sitrep.EUNSUPPORTED, sitrep.ETOOLARGE:
		return true
	}
	return false
}

// errorText is an error as editors see it: the user-safe message with its
// cause (a network error, say), since editors are trusted with detail.
func errorText(err error) string {
	return clip(strings.TrimSpace(err.Error()), 500)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
