package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered schema change, applied once per database. The
// numbers are this store's own; they need not match SQLite's.
type migration struct {
	version int
	name    string // file name, e.g. 0001_articles.sql
	sql     string
}

// loadMigrations reads the migrations from fsys, in version order. Files are
// named NNNN_what.sql; a misnamed or duplicated number is a build mistake and
// fails every Open rather than being skipped.
func loadMigrations(fsys fs.FS) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	seen := map[int]string{}
	for _, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and '_'", base)
		}
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("migration %s: version %d already used by %s", base, v, prev)
		}
		seen[v] = base
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", base, err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

const createSchemaMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    integer PRIMARY KEY,
	name       text NOT NULL,
	applied_at timestamptz NOT NULL
)`

// migrateLock is the advisory lock key that makes processes opening one
// database at once apply each migration once. It is held by a connection of
// its own, so that closing the connection releases it whatever happens.
const migrateLock = 0x73697472_65706d67 // "sitrepmg"

// migrate applies the embedded migrations the database has not seen, each in
// its own transaction, so a failure leaves the schema at the last complete
// version.
func (db *DB) migrate(ctx context.Context, cfg *pgx.ConnConfig) error {
	return db.migrateFrom(ctx, cfg, migrationFiles)
}

func (db *DB) migrateFrom(ctx context.Context, cfg *pgx.ConnConfig, fsys fs.FS) error {
	ms, err := loadMigrations(fsys)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	known := 0
	if len(ms) > 0 {
		known = ms[len(ms)-1].version
	}

	conn, err := pgx.ConnectConfig(ctx, cfg.Copy())
	if err != nil {
		return fmt.Errorf("migrate: connect: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(migrateLock)); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	if _, err := conn.Exec(ctx, createSchemaMigrations); err != nil {
		return fmt.Errorf("migrate: create schema_migrations: %w", err)
	}
	newest, err := schemaVersion(ctx, conn)
	if err != nil {
		return fmt.Errorf("migrate: read schema version: %w", err)
	}
	if newest > known {
		return sitrep.Errorf(sitrep.EUNSUPPORTED,
			"database schema version %d is newer than this program knows (%d); use a newer sitrep", newest, known)
	}
	for _, m := range ms {
		if err := db.apply(ctx, conn, m); err != nil {
			return fmt.Errorf("migrate: %s: %w", m.name, err)
		}
	}
	return nil
}

// apply runs m unless it is already recorded.
func (db *DB) apply(ctx context.Context, conn *pgx.Conn, m migration) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))

	var one int
	err = tx.QueryRow(ctx, "SELECT 1 FROM schema_migrations WHERE version = $1", m.version).Scan(&one)
	if err == nil {
		return nil // applied before
	} else if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	// With no arguments pgx sends the file as a simple query, which may hold
	// many statements.
	if _, err := tx.Exec(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
		m.version, m.name, db.now()); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// querier is what a pool, a connection and a transaction share.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func schemaVersion(ctx context.Context, q querier) (int, error) {
	var v int
	err := q.QueryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	return v, err
}

// SchemaVersion returns the highest migration applied to the database.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	v, err := schemaVersion(ctx, db.pool)
	if err != nil {
		return 0, fmt.Errorf("store: schema version %s: %w", db.name, err)
	}
	return v, nil
}
