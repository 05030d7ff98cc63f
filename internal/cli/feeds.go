package cli

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/feeds"
	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

func (m *Main) feedsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feeds",
		Short: "Subscribe to RSS, Atom and JSON feeds whose items are ingested as they appear",
		Long: `Feeds manages subscriptions. 'sitrep serve' polls them (every --poll interval)
and stores each new item's page as 'sitrep ingest URL' would: extracted and
connected to stories. 'sitrep feeds poll' runs one cycle now.

Polls are conditional GETs (ETag, Last-Modified); requests to one host are
spaced out; a feed that fails is polled again after 2, 4, 8... times the
interval, up to 6 hours, and on time again once it succeeds. 'feeds list'
shows each feed's last success, last error and items.`,
		Example: `  sitrep feeds add https://news.example/rss.xml https://other.example/atom
  sitrep feeds list
  sitrep feeds poll
  sitrep feeds remove 2`,
	}
	cmd.AddCommand(m.feedsAddCommand(), m.feedsListCommand(), m.feedsRemoveCommand(), m.feedsPollCommand())
	for _, c := range cmd.Commands() {
		wrapArgs(c)
	}
	return cmd
}

func (m *Main) feedsAddCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "add URL...",
		Short:   "Subscribe to feeds",
		Example: `  sitrep feeds add https://news.example/rss.xml`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := m.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			failed := false
			for _, u := range args {
				f, added, err := db.AddFeed(cmd.Context(), u, time.Now())
				switch {
				case err != nil:
					fmt.Fprintf(m.Stderr, "failed: %s\n", describe(err))
					failed = true
				case added:
					fmt.Fprintf(m.Stdout, "added %d %s\n", f.ID, f.URL)
				default:
					fmt.Fprintf(m.Stdout, "already subscribed %d %s\n", f.ID, f.URL)
				}
			}
			if failed {
				return errPartial
			}
			return nil
		},
	}
}

func (m *Main) feedsListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List feeds with the status of their last poll",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := m.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			all, err := db.Feeds(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				if all == nil {
					all = []*sitrep.Feed{}
				}
				return writeJSON(m.Stdout, all)
			}
			if len(all) == 0 {
				fmt.Fprintln(m.Stdout, "no feeds; add one with 'sitrep feeds add URL'")
				return nil
			}
			now := time.Now()
			w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tURL\tITEMS\tLAST SUCCESS\tERRORS\tNEXT POLL\tLAST STATUS")
			for _, f := range all {
				fmt.Fprintf(w, "%d\t%s\t%d\t%s\t%d\t%s\t%s\n", f.ID, f.URL, f.Items, ago(f.LastSuccess, now),
					f.ErrorCount, until(f.NextPoll, now), clip(statusOf(f), 100))
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the feeds as JSON")
	return cmd
}

func (m *Main) feedsRemoveCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "remove ID|URL...",
		Short:   "Unsubscribe from feeds (their articles stay)",
		Example: `  sitrep feeds remove 2 https://news.example/rss.xml`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := m.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			failed := false
			for _, arg := range args {
				f, err := findFeed(cmd.Context(), db, arg)
				if err == nil {
					err = db.RemoveFeed(cmd.Context(), f.ID)
				}
				if err != nil {
					fmt.Fprintf(m.Stderr, "failed: %s\n", describe(err))
					failed = true
					continue
				}
				fmt.Fprintf(m.Stdout, "removed %d %s\n", f.ID, f.URL)
			}
			if failed {
				return errPartial
			}
			return nil
		},
	}
}

func (m *Main) feedsPollCommand() *cobra.Command {
	var (
		opt    pollOptions
		due    bool
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "poll [ID|URL...]",
		Short: "Poll feeds now: every feed, the ones named, or with --due the ones due",
		Example: `  sitrep feeds poll
  sitrep feeds poll 3
  sitrep feeds poll --due --json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			db, err := m.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			x, err := m.loadExtractor()
			if err != nil {
				return err
			}
			p := m.newPoller(db, opt)
			p.Ingest = feeds.NewPages(db, opt.ingestOptions(db, analyzer(x)))
			if !m.quiet && !asJSON {
				p.OnFeed = func(r feeds.Result) {
					fmt.Fprintf(m.Stderr, "%s: %s\n", r.Feed.URL, clip(r.Status, 200))
				}
			}
			var cycle feeds.Cycle
			switch {
			case len(args) > 0:
				var list []*sitrep.Feed
				for _, arg := range args {
					f, err := findFeed(ctx, db, arg)
					if err != nil {
						return err
					}
					list = append(list, f)
				}
				cycle, err = p.Poll(ctx, list)
			case due:
				cycle, err = p.PollOnce(ctx)
			default:
				cycle, err = p.PollAll(ctx)
			}
			if err != nil {
				return err
			}
			return m.reportCycle(cycle, asJSON)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&due, "due", false, "poll only the feeds that are due")
	f.BoolVar(&asJSON, "json", false, "print each feed's outcome as JSON")
	opt.flags(cmd)
	return cmd
}

// reportCycle prints a poll cycle's summary; a feed that failed makes the
// exit status 1.
func (m *Main) reportCycle(c feeds.Cycle, asJSON bool) error {
	failed := 0
	for _, r := range c.Results {
		if r.Err != nil {
			failed++
		}
	}
	if asJSON {
		type feedOutcome struct {
			ID          int64    `json:"id"`
			URL         string   `json:"url"`
			Status      string   `json:"status"`
			Error       string   `json:"error,omitempty"`
			NotModified bool     `json:"not_modified,omitempty"`
			New         int      `json:"new"`
			Failed      int      `json:"failed_items"`
			Pending     int      `json:"pending"`
			Articles    []string `json:"articles,omitempty"`
		}
		out := []feedOutcome{}
		for _, r := range c.Results {
			o := feedOutcome{ID: r.Feed.ID, URL: r.Feed.URL, Status: r.Status, NotModified: r.NotModified,
				New: r.New, Failed: r.Failed, Pending: r.Pending, Articles: r.Articles}
			if r.Err != nil {
				o.Error = describe(r.Err)
			}
			out = append(out, o)
		}
		if err := writeJSON(m.Stdout, out); err != nil {
			return err
		}
	} else if !m.quiet || failed > 0 {
		fmt.Fprintf(m.Stdout, "%s in %s\n", c, c.Elapsed.Round(time.Millisecond))
	}
	if failed > 0 {
		return errPartial
	}
	return nil
}

// pollOptions are the poller's settings shared by 'feeds poll' and 'serve'.
type pollOptions struct {
	interval   time.Duration
	perHost    time.Duration
	timeout    time.Duration
	maxBytes   int64
	maxItems   int
	userAgent  string
	connect    bool
	pageMaxLen int64
}

func (o *pollOptions) flags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.DurationVar(&o.perHost, "per-host", feeds.DefaultPerHostInterval, "least time between two requests to one host")
	f.DurationVar(&o.timeout, "timeout", feeds.DefaultTimeout, "timeout for one HTTP request")
	f.Int64Var(&o.maxBytes, "max-feed-bytes", feeds.DefaultMaxFeedBytes, "largest feed accepted, in bytes after decompression")
	f.Int64Var(&o.pageMaxLen, "max-bytes", fetch.DefaultMaxBytes, "largest item page accepted, in bytes")
	f.IntVar(&o.maxItems, "max-items", feeds.DefaultMaxItemsPerPoll, "new items taken from one feed per poll")
	f.StringVar(&o.userAgent, "user-agent", "", "User-Agent for HTTP requests (default sitrep/VERSION)")
	f.BoolVar(&o.connect, "connect", true, "connect new articles to stories as they are stored")
}

// newPoller returns a poller over db with o's settings; the caller sets
// Ingest.
func (m *Main) newPoller(db *sqlite.DB, o pollOptions) *feeds.Poller {
	return &feeds.Poller{
		Store:           db,
		Interval:        o.interval,
		PerHostInterval: noLimit(o.perHost),
		Timeout:         o.timeout,
		MaxFeedBytes:    o.maxBytes,
		MaxItemsPerPoll: o.maxItems,
		UserAgent:       o.userAgent,
	}
}

// noLimit maps a flag's 0 ("no spacing") to the poller's negative.
func noLimit(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}

// ingestOptions are the ingest settings for item pages: the extractor,
// the connector, and a fetch client with the same timeout and agent.
func (o pollOptions) ingestOptions(db *sqlite.DB, analyze func(*sitrep.Article)) ingest.Options {
	return ingest.Options{
		Analyze: analyze,
		Connect: connectHook(db, o.connect),
		Fetcher: fetch.New(fetch.Config{UserAgent: o.userAgent, Timeout: o.timeout, MaxBytes: o.pageMaxLen}),
	}
}

// lazyPages is the feeds.Ingester of serve: it loads the extractor at the
// first item, so that a server without feeds does not pay for it.
type lazyPages struct {
	load func() (*feeds.Pages, error)

	mu    sync.Mutex
	pages *feeds.Pages
	err   error
}

func (m *Main) lazyPages(db *sqlite.DB, o pollOptions) *lazyPages {
	return &lazyPages{load: func() (*feeds.Pages, error) {
		x, err := m.loadExtractor()
		if err != nil {
			return nil, fmt.Errorf("load extractor: %w", err)
		}
		return feeds.NewPages(db, o.ingestOptions(db, analyzer(x))), nil
	}}
}

func (l *lazyPages) get(load bool) (*feeds.Pages, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if load && l.pages == nil && l.err == nil {
		l.pages, l.err = l.load()
	}
	return l.pages, l.err
}

func (l *lazyPages) Ingest(ctx context.Context, url string) ingest.Item {
	p, err := l.get(true)
	if err != nil {
		return ingest.Item{Input: url, Err: err}
	}
	return p.Ingest(ctx, url)
}

func (l *lazyPages) Flush(ctx context.Context) error {
	if p, _ := l.get(false); p != nil {
		return p.Flush(ctx)
	}
	return nil
}

// findFeed finds a feed by id or URL.
func findFeed(ctx context.Context, db sitrep.FeedStore, arg string) (*sitrep.Feed, error) {
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		return db.Feed(ctx, id)
	}
	return db.FeedByURL(ctx, arg)
}

// statusOf is what 'feeds list' says of a feed's last poll.
func statusOf(f *sitrep.Feed) string {
	if f.LastPolled.IsZero() {
		return "not polled yet"
	}
	return f.LastStatus
}

// ago writes a past time relative to now: "never", "42s ago", "5m ago",
// "3h ago", "2d ago".
func ago(t, now time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return span(now.Sub(t)) + " ago"
}

// until writes a coming time relative to now: "now", "in 4m".
func until(t, now time.Time) string {
	d := t.Sub(now)
	if d <= 0 {
		return "now"
	}
	return "in " + span(d)
}

func span(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}

// startPolling makes the poller that serve runs over db: every
// m.poll.interval (0: only when an editor asks from the site), re-indexing
// after a cycle that stored articles so they show at once. stop ends it
// and waits, so that it is done before the store closes.
func (m *Main) startPolling(ctx context.Context, db *sqlite.DB, idx *index.Index, logger *slog.Logger) (p *feeds.Poller, stop func()) {
	o := m.poll
	o.connect = true
	if o.perHost == 0 {
		o.perHost = feeds.DefaultPerHostInterval
	}
	p = m.newPoller(db, o)
	p.Ingest = m.lazyPages(db, o)
	p.Logger = logger
	p.OnCycle = func(c feeds.Cycle) {
		if c.New() == 0 {
			return
		}
		if _, err := idx.Sync(context.WithoutCancel(ctx)); err != nil {
			logger.Error("index sync after feed poll", "err", err)
		}
	}
	if o.interval <= 0 {
		return p, func() {}
	}
	logger.Info("polling feeds", "every", o.interval.String())
	runCtx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.Run(runCtx)
	}()
	return p, func() {
		cancel()
		<-done
	}
}
