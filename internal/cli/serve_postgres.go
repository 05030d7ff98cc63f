package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/replica"
	"github.com/sitrep-project/sitrep/internal/store/postgres"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// servePostgres serves a site whose articles, stories and job queue live in
// PostgreSQL. The site reads a local SQLite copy of the articles (the
// replica, followed through PostgreSQL's change feed), which it indexes and
// searches as it does an embedded store; stories are read from PostgreSQL.
// Accounts, comments, corrections and alerts are kept in the replica file,
// so each web server has its own; feed subscriptions are off (their items
// would reach this copy only): run `sitrep feeds` against a SQLite store,
// or enqueue the pages (`sitrep enqueue`) for the workers.
func (m *Main) servePostgres(ctx context.Context, replicaPath string, workers workerFlags, addr, baseURL string, every time.Duration, moderated bool) error {
	pg, err := postgres.Open(ctx, m.dbPath)
	if err != nil {
		return err
	}
	defer pg.Close()
	if replicaPath == "" {
		if replicaPath, err = defaultReplicaPath(m.dbPath); err != nil {
			return err
		}
	}
	local, err := sqlite.Open(ctx, replicaPath)
	if err != nil {
		return err
	}
	defer local.Close()
	rep := &replica.Replicator{From: pg, To: local, Source: redactDSN(m.dbPath)}
	start := time.Now()
	n, err := rep.Sync(ctx)
	if err != nil {
		return err
	}
	m.logger.Info("replica", "file", replicaPath, "copied", n, "duration", time.Since(start).Round(time.Millisecond))
	defer m.startWorkers(ctx, pg, workers)() // stopped before the stores close
	follow := func(ctx context.Context, idx *index.Index) func() {
		if every <= 0 {
			return func() {}
		}
		ctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			rep.Run(ctx, every, func() {
				if _, err := idx.Sync(ctx); err != nil && ctx.Err() == nil {
					m.logger.Error("index sync after replica copy", "err", err)
				}
			}, func(err error) { m.logger.Error("replica", "err", err) })
		}()
		return func() { cancel(); <-done }
	}
	return m.serve(ctx, local, serveOptions{stories: pg, follow: follow, noFeeds: true}, addr, baseURL, every, moderated)
}

// defaultReplicaPath is a file in the user's cache directory named after
// the database, so that a server following two databases keeps two.
func defaultReplicaPath(dsn string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("serve: no cache directory for the replica (give --replica): %w", err)
	}
	sum := sha256.Sum256([]byte(redactDSN(dsn)))
	return filepath.Join(dir, "sitrep", "replica-"+hex.EncodeToString(sum[:6])+".db"), nil
}

// redactDSN names a database without its password.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	return u.String()
}
