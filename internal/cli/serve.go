package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/feeds"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/postgres"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/internal/web"
)

// DefaultAddr is where `sitrep serve` listens unless told otherwise:
// loopback only, so a first run exposes nothing.
const DefaultAddr = "127.0.0.1:8080"

func (m *Main) serveCommand() *cobra.Command {
	var (
		addr        string
		baseURL     string
		every       time.Duration
		comments    string
		workers     workerFlags
		replicaPath string
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the reader site, JSON API, feeds and exports",
		Long: `Serve runs the reader site over the database named by --db: the latest
articles, each article with its places, actors, dates, events and claims,
country, topic, actor and place pages, search, a map of events, Atom and
JSON feeds, CSV/GeoJSON/JSONL exports and the JSON API under /api/v1/
(described at /api/openapi.json).

It indexes new articles at start-up and every --sync interval, so articles
ingested while it runs appear without a restart. Stop it with Ctrl-C.`,
		Example: `  sitrep --db news.db serve
  sitrep --db news.db serve --addr :8080 --base-url https://sitrep.example.org`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			moderated, err := commentsModerated(comments)
			if err != nil {
				return err
			}
			if postgres.IsDSN(m.dbPath) {
				return m.servePostgres(cmd.Context(), replicaPath, workers, addr, baseURL, every, moderated)
			}
			db, err := m.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			defer m.startWorkers(cmd.Context(), db, workers)() // stopped before the store closes: see worker.go
			return m.serve(cmd.Context(), db, serveOptions{stories: db}, addr, baseURL, every, moderated)
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", DefaultAddr, "address to listen on (host:port)")
	f.StringVar(&baseURL, "base-url", "", "public root URL for feeds and links (default: from each request)")
	f.StringVar(&replicaPath, "replica", "", "with --db postgres://: the local SQLite file the site reads, a copy of the articles (default: in the user's cache directory)")
	f.DurationVar(&every, "sync", 10*time.Second, "how often to index newly ingested articles")
	f.StringVar(&comments, "comments", "moderated", "readers' comments: moderated (held for an editor) or open (published at once)")
	f.IntVar(&workers.concurrency, "workers", 1, "queued jobs (sitrep enqueue) run at once in this process; 0 runs none")
	addWorkerFlags(f, &workers, "worker-") // --worker-lease, ...: as sitrep worker's flags
	f.StringVar(&m.metrics, "metrics", "loopback", "GET /metrics for Prometheus: loopback (only to clients on this machine, not through a proxy), all, or off")
	f.DurationVar(&m.poll.interval, "poll", feeds.DefaultInterval, "how often to poll subscribed feeds (sitrep feeds); 0 polls only when an editor asks")
	f.DurationVar(&m.alerts.every, "alerts-every", DefaultAlertsEvery, "how often to match alerts (sitrep alerts), mark breaking stories and send webhooks; 0 runs none here ('sitrep alerts run' can)")
	return cmd
}

// serve indexes db, serves it on addr until ctx is done, then shuts down
// gracefully.
// serveOptions is what differs when the articles live elsewhere.
type serveOptions struct {
	stories sitrep.StoryStore
	// follow, when set, keeps db a copy of the store the articles live in
	// and re-indexes after each copy; it returns how to stop.
	follow func(ctx context.Context, idx *index.Index) (stop func())
	// noFeeds turns feed subscriptions off: their items would be stored
	// in the local copy only.
	noFeeds bool
}

func (m *Main) serve(ctx context.Context, db *sqlite.DB, opt serveOptions, addr, baseURL string, every time.Duration, moderated bool) error {
	metricsConfig, err := serveMetrics(m.metrics)
	if err != nil {
		return err
	}
	logger := m.logger
	idx := index.New(db.SQL())
	start := time.Now()
	n, err := idx.Sync(ctx)
	if err != nil {
		return err
	}
	logger.Info("indexed", "articles", n, "duration", time.Since(start).Round(time.Millisecond))
	if opt.follow != nil {
		defer opt.follow(ctx, idx)()
	}
	var poller web.FeedPoller
	var feedStore sitrep.FeedStore
	if !opt.noFeeds {
		p, stopPolling := m.startPolling(ctx, db, idx, logger)
		defer stopPolling()
		poller, feedStore = p, db
	}
	alertSvc, stopAlerts, err := m.startAlerts(ctx, db, idx, baseURL, logger)
	if err != nil {
		return err
	}
	defer stopAlerts()
	srv, err := web.New(web.Config{Store: db, Index: idx, Stories: opt.stories, BaseURL: baseURL, Logger: logger,
		Accounts: db, Comments: db, CommentsModerated: moderated, Feeds: feedStore, FeedPoller: poller, Corrections: db,
		Metrics: metricsConfig, Alerts: alertSvc})
	if err != nil {
		return err
	}
	if err := srv.Start(addr); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Serving %s (Ctrl-C to stop)\n", srv.URL())
	logger.Info("serving", "url", srv.URL(), "metrics", m.metrics)

	syncCtx, stopSync := context.WithCancel(ctx)
	defer stopSync()
	if every > 0 && opt.follow == nil { // a follower re-indexes after each copy
		go idx.Run(syncCtx, every, func(err error) { logger.Error("index sync", "err", err) })
	}
	stopped := make(chan error, 1)
	go func() { stopped <- srv.Wait() }()
	select {
	case err := <-stopped:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// commentsModerated reads the --comments flag.
func commentsModerated(mode string) (bool, error) {
	switch mode {
	case "moderated":
		return true, nil
	case "open":
		return false, nil
	}
	return false, usageError{fmt.Errorf("--comments %q: want moderated or open", mode)}
}
