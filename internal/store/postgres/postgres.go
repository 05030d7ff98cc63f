// Package postgres implements sitrep.Store and sitrep.StoryStore on
// PostgreSQL through pgx, with the semantics of the SQLite store: the same
// tables, a full-text index over titles and bodies (a tsvector column with
// a GIN index), and numbered schema migrations embedded in the binary.
// Several processes may write to one database at once.
package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// DB is a sitrep.Store and sitrep.StoryStore backed by one PostgreSQL
// database, or one schema of it when the DSN sets search_path.
type DB struct {
	pool *pgxpool.Pool
	// name is host:port/database, for messages: never the password.
	name string
	// now stamps created_at and updated_at.
	now func() time.Time
}

var (
	_ sitrep.Store      = (*DB)(nil)
	_ sitrep.StoryStore = (*DB)(nil)
)

// IsDSN reports whether s names a PostgreSQL database rather than a file:
// a postgres:// or postgresql:// URL.
func IsDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database named by dsn, a URL or key=value string as
// libpq reads them (PG* environment variables fill what it leaves out), and
// brings its schema up to date. The database must be in UTF8; the role
// needs to create tables in it on first use.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	c := cfg.ConnConfig
	db := &DB{name: fmt.Sprintf("%s:%d/%s", c.Host, c.Port, c.Database), now: time.Now}
	if db.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", db.name, err)
	}
	if err := db.check(ctx); err != nil {
		db.pool.Close()
		return nil, fmt.Errorf("store: open %s: %w", db.name, err)
	}
	if err := db.migrate(ctx, c); err != nil {
		db.pool.Close()
		return nil, fmt.Errorf("store: open %s: %w", db.name, err)
	}
	return db, nil
}

// check refuses a server whose text cannot hold every article.
func (db *DB) check(ctx context.Context) error {
	var enc string
	if err := db.pool.QueryRow(ctx, "SHOW server_encoding").Scan(&enc); err != nil {
		return err
	}
	if enc != "UTF8" {
		return sitrep.Errorf(sitrep.EUNSUPPORTED, "database %s has encoding %s; sitrep needs UTF8", db.name, enc)
	}
	return nil
}

// Close releases the connections.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Pool returns the connection pool for packages that keep tables of their
// own in the same database.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Optimize merges the full-text index's pending entries into the index and
// refreshes the planner's statistics: routine upkeep after a large ingest,
// which autovacuum otherwise does in its own time.
func (db *DB) Optimize(ctx context.Context) error {
	if _, err := db.pool.Exec(ctx, "VACUUM (ANALYZE) articles"); err != nil {
		return fmt.Errorf("store: optimize %s: %w", db.name, err)
	}
	return nil
}
