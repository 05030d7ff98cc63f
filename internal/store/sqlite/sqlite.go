// Package sqlite implements sitrep.Store on SQLite through the pure-Go driver
// modernc.org/sqlite: articles in one table, a full-text index over their
// titles and bodies, and numbered schema migrations embedded in the binary.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Every connection gets these settings. WAL lets readers run while a batch is
// written and, with synchronous=NORMAL, keeps the file consistent after a
// crash at the cost of losing at most the last commits on power failure.
// busy_timeout makes a second writer wait instead of failing at once.
var connPragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"synchronous(NORMAL)",
	"foreign_keys(1)",
	"temp_store(MEMORY)",
	"cache_size(-16000)", // KiB per connection
}

// DB is a sitrep.Store backed by one SQLite file.
type DB struct {
	db   *sql.DB
	path string
	// now stamps created_at and updated_at.
	now func() time.Time
}

var _ sitrep.Store = (*DB)(nil)

// Open opens the SQLite database at path, creating the file and its directory
// if needed, and brings its schema up to date. The path ":memory:" opens a
// private in-memory database, useful in tests of other packages.
func Open(ctx context.Context, path string) (*DB, error) {
	dsn, err := dataSourceName(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if path != ":memory:" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("store: open %s: %w", path, err)
		}
	}
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	conns := max(4, 2*runtime.NumCPU())
	if path == ":memory:" {
		// Each connection to ":memory:" would be a database of its own.
		conns = 1
	}
	sdb.SetMaxOpenConns(conns)
	sdb.SetMaxIdleConns(conns)

	db := &DB{db: sdb, path: path, now: time.Now}
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := db.migrate(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
}

// dataSourceName builds the driver's DSN. A file path becomes a file: URI so
// that characters such as '?' or '#' in it are escaped rather than read as
// URI syntax. Write transactions begin IMMEDIATE: a deferred one that reads
// first and then writes can fail with SQLITE_BUSY without waiting when
// another writer got there first.
func dataSourceName(path string) (string, error) {
	q := url.Values{}
	for _, p := range connPragmas {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	if path == ":memory:" {
		return ":memory:?" + q.Encode(), nil
	}
	if path == "" {
		return "", fmt.Errorf("empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	u := url.URL{Path: filepath.ToSlash(abs)}
	return "file:" + u.EscapedPath() + "?" + q.Encode(), nil
}

// Close runs PRAGMA optimize, as SQLite advises before closing, and releases
// the connections.
func (db *DB) Close() error {
	_, optErr := db.db.Exec("PRAGMA optimize")
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("store: close %s: %w", db.path, err)
	}
	if optErr != nil {
		return fmt.Errorf("store: close %s: optimize: %w", db.path, optErr)
	}
	return nil
}

// SQL returns the connection pool for packages that keep tables of their own
// in the same file. Transactions begun on it are IMMEDIATE, that is, take the
// write lock at BEGIN; plain queries outside a transaction do not.
func (db *DB) SQL() *sql.DB { return db.db }

// Optimize merges the full-text index into a single segment and refreshes
// the query planner's statistics: routine upkeep after a large ingest, as
// each ingested batch adds an index segment that FTS5 merges only in steps.
// It takes about 20 ms per 1,000 articles and holds the write lock meanwhile.
func (db *DB) Optimize(ctx context.Context) error {
	if _, err := db.db.ExecContext(ctx, "INSERT INTO articles_fts (articles_fts) VALUES ('optimize')"); err != nil {
		return fmt.Errorf("store: optimize %s: full-text index: %w", db.path, err)
	}
	if _, err := db.db.ExecContext(ctx, "PRAGMA optimize"); err != nil {
		return fmt.Errorf("store: optimize %s: %w", db.path, err)
	}
	return nil
}

// IntegrityCheck verifies the file's b-trees and that the full-text index
// matches the articles table.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	rows, err := db.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("store: integrity check %s: %w", db.path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fmt.Errorf("store: integrity check %s: %w", db.path, err)
		}
		problems = append(problems, s)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: integrity check %s: %w", db.path, err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		if len(problems) > 10 {
			problems = append(problems[:10], fmt.Sprintf("and %d more", len(problems)-10))
		}
		return fmt.Errorf("store: integrity check %s: %s", db.path, strings.Join(problems, "; "))
	}
	// An external-content index can drift from its table only through a bug
	// or a write that bypassed the triggers; this compares the two. It runs
	// on a connection of its own: one that checked the index before keeps
	// FTS5's view of the index structure from then, and after other
	// connections merged segments it reports corruption that is not there.
	check := db.db
	if db.path != ":memory:" {
		dsn, err := dataSourceName(db.path)
		if err != nil {
			return fmt.Errorf("store: integrity check %s: %w", db.path, err)
		}
		if check, err = sql.Open("sqlite", dsn); err != nil {
			return fmt.Errorf("store: integrity check %s: %w", db.path, err)
		}
		defer check.Close()
		check.SetMaxOpenConns(1)
	}
	if _, err := check.ExecContext(ctx, "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
		return fmt.Errorf("store: integrity check %s: full-text index: %w", db.path, err)
	}
	return nil
}
