package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// The tests and benchmarks that need a server read its DSN from
// SITREP_TEST_POSTGRES; scripts/postgres-test-cluster.sh starts a private
// one. Each run creates a database of its own (or, when the role may not
// create databases, uses the DSN's), each store a schema in it, and drops
// them afterwards.
const dsnEnv = "SITREP_TEST_POSTGRES"

// server is the run's test database, set up on first use.
var server struct {
	once  sync.Once
	err   error
	admin string // the DSN as given
	dsn   string // the run's database
	// created names the database this run created, dropped by TestMain.
	created string
	conn    *pgx.Conn
	mu      sync.Mutex // guards conn
	schemas atomic.Int64
}

func TestMain(m *testing.M) {
	code := m.Run()
	if err := dropTestDatabase(); err != nil {
		fmt.Fprintf(os.Stderr, "postgres tests: %v\n", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// testDatabase returns the DSN of the run's database. Without
// SITREP_TEST_POSTGRES it skips tb, unless CI=true: CI must run these
// tests, so there a missing or unreachable server fails them.
func testDatabase(tb testing.TB) string {
	tb.Helper()
	dsn := os.Getenv(dsnEnv)
	if dsn == "" {
		const how = `start one with: eval "$(scripts/postgres-test-cluster.sh start)"`
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is not set, and CI=true requires the PostgreSQL tests to run; %s", dsnEnv, how)
		}
		tb.Skipf("%s is not set: skipping the PostgreSQL tests; %s", dsnEnv, how)
	}
	server.once.Do(func() { server.err = setUp(dsn) })
	if server.err != nil {
		tb.Fatalf("PostgreSQL at %s: %v", dsnEnv, server.err)
	}
	return server.dsn
}

// setUp creates the run's database, or falls back to the DSN's own.
func setUp(dsn string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	server.admin = dsn
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var suffix [6]byte
	rand.Read(suffix[:])
	name := fmt.Sprintf("sitrep_test_%d_%s", os.Getpid(), hex.EncodeToString(suffix[:]))
	_, err = conn.Exec(ctx, "CREATE DATABASE "+name+" ENCODING 'UTF8' TEMPLATE template0")
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "42501": // insufficient_privilege
		server.dsn = dsn
	case err != nil:
		return fmt.Errorf("create test database: %w", err)
	default:
		server.created = name
		if server.dsn, err = withParam(dsn, "dbname", name); err != nil {
			return err
		}
	}
	server.conn, err = pgx.Connect(ctx, server.dsn)
	return err
}

func dropTestDatabase() error {
	if server.conn != nil {
		server.conn.Close(context.Background())
	}
	if server.created == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, server.admin)
	if err != nil {
		return fmt.Errorf("drop test database %s: %w", server.created, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "DROP DATABASE "+server.created+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("drop test database %s: %w", server.created, err)
	}
	return nil
}

// withParam returns dsn with a connection parameter set: in the query of a
// URL (where dbname also replaces the path), else appended to key=value.
func withParam(dsn, key, value string) (string, error) {
	if !IsDSN(dsn) {
		return dsn + " " + key + "='" + strings.ReplaceAll(value, "'", `\'`) + "'", nil
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", err
	}
	q := u.Query()
	if key == "dbname" {
		u.Path = "/" + value
		q.Del("dbname")
	} else {
		q.Set(key, value)
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// exec runs SQL on the run's database outside any store.
func exec(tb testing.TB, sql string, args ...any) {
	tb.Helper()
	server.mu.Lock()
	defer server.mu.Unlock()
	if _, err := server.conn.Exec(context.Background(), sql, args...); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
}

// newSchema creates an empty schema in the run's database, dropped when tb
// ends, and returns a DSN whose search_path is that schema.
func newSchema(tb testing.TB) string {
	tb.Helper()
	dsn := testDatabase(tb)
	name := fmt.Sprintf("store_%d", server.schemas.Add(1))
	exec(tb, "CREATE SCHEMA "+name)
	tb.Cleanup(func() { exec(tb, "DROP SCHEMA "+name+" CASCADE") })
	dsn, err := withParam(dsn, "search_path", name)
	if err != nil {
		tb.Fatal(err)
	}
	return dsn
}

// openTemp opens a store in a new, empty schema, closed when tb ends.
func openTemp(tb testing.TB) *DB {
	tb.Helper()
	return openAt(tb, newSchema(tb))
}

func openAt(tb testing.TB, dsn string) *DB {
	tb.Helper()
	db, err := Open(tb.Context(), dsn)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
