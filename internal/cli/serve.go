package cli

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/internal/web"
)

// DefaultAddr is where `sitrep serve` listens unless told otherwise:
// loopback only, so a first run exposes nothing.
const DefaultAddr = "127.0.0.1:8080"

func (m *Main) serveCommand() *cobra.Command {
	var (
		addr    string
		baseURL string
		every   time.Duration
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
			db, err := m.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			return m.serve(cmd.Context(), db, addr, baseURL, every)
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", DefaultAddr, "address to listen on (host:port)")
	f.StringVar(&baseURL, "base-url", "", "public root URL for feeds and links (default: from each request)")
	f.DurationVar(&every, "sync", 10*time.Second, "how often to index newly ingested articles")
	return cmd
}

// serve indexes db, serves it on addr until ctx is done, then shuts down
// gracefully.
func (m *Main) serve(ctx context.Context, db *sqlite.DB, addr, baseURL string, every time.Duration) error {
	idx := index.New(db.SQL())
	start := time.Now()
	n, err := idx.Sync(ctx)
	if err != nil {
		return err
	}
	if !m.quiet {
		fmt.Fprintf(m.Stderr, "indexed %d articles in %s\n", n, time.Since(start).Round(time.Millisecond))
	}
	logger := slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := web.New(web.Config{Store: db, Index: idx, BaseURL: baseURL, Logger: logger})
	if err != nil {
		return err
	}
	if err := srv.Start(addr); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Serving %s (Ctrl-C to stop)\n", srv.URL())

	syncCtx, stopSync := context.WithCancel(ctx)
	defer stopSync()
	if every > 0 {
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
