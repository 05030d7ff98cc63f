package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// BackupInfo describes a backup Backup wrote and checked.
type BackupInfo struct {
	Source        string        `json:"source"`
	Path          string        `json:"path"`
	Bytes         int64         `json:"bytes"`
	Articles      int           `json:"articles"`
	SchemaVersion int           `json:"schema_version"`
	Duration      time.Duration `json:"duration_ns"`
}

// Backup writes a consistent copy of the SQLite database at src to dest
// with VACUUM INTO, which reads one snapshot: writers (serve, ingest,
// workers) go on meanwhile, and what they commit after the snapshot is
// simply not in the copy. The copy is compact, needs no -wal file, and is
// checked with PRAGMA integrity_check and the full-text index's own check
// before it takes dest's name, so dest is either a good backup or
// untouched. An existing dest is replaced only with overwrite.
//
// src is opened read-only and without migrations: a backup taken with a
// newer sitrep before an upgrade is a copy of the old schema, as it must
// be. The copy is readable by its owner only: it holds password hashes.
func Backup(ctx context.Context, src, dest string, overwrite bool) (*BackupInfo, error) {
	start := time.Now()
	info, err := backup(ctx, src, dest, overwrite)
	if err != nil {
		return nil, fmt.Errorf("store: backup %s to %s: %w", src, dest, err)
	}
	info.Duration = time.Since(start)
	return info, nil
}

func backup(ctx context.Context, src, dest string, overwrite bool) (*BackupInfo, error) {
	srcStat, err := os.Stat(src)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "there is no database at %s", src)
	} else if err != nil {
		return nil, err
	}
	if destStat, err := os.Stat(dest); err == nil {
		if os.SameFile(srcStat, destStat) {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s is the database itself; name another file", dest)
		}
		if !overwrite {
			return nil, sitrep.Errorf(sitrep.ECONFLICT, "%s already exists; remove it or pass --force to replace it", dest)
		}
		if !destStat.Mode().IsRegular() {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s is not a regular file", dest)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}

	// VACUUM INTO accepts an empty file, so the temporary file is made
	// first, with the permissions the backup should have.
	tmp, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-*")
	if err != nil {
		return nil, err
	}
	tmpPath := tmp.Name()
	tmp.Close()
	keep := false // true once tmpPath is dest
	defer func() {
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			os.Remove(tmpPath + suffix)
		}
		if !keep {
			os.Remove(tmpPath)
		}
	}()

	if err := vacuumInto(ctx, src, tmpPath); err != nil {
		return nil, err
	}
	info, err := checkBackup(ctx, tmpPath)
	if err != nil {
		return nil, err
	}
	if err := syncFile(tmpPath); err != nil {
		return nil, err
	}
	if overwrite {
		err = os.Rename(tmpPath, dest)
		keep = err == nil
	} else if err = os.Link(tmpPath, dest); errors.Is(err, fs.ErrExist) {
		// Another process made dest meanwhile; Link never replaces it.
		return nil, sitrep.Errorf(sitrep.ECONFLICT, "%s already exists; remove it or pass --force to replace it", dest)
	}
	if err != nil {
		return nil, err
	}
	syncDir(filepath.Dir(dest))
	st, err := os.Stat(dest)
	if err != nil {
		return nil, err
	}
	info.Source, info.Path, info.Bytes = src, dest, st.Size()
	return info, nil
}

// readOnlyDSN opens path read-only, waiting on a writer's lock rather
// than failing.
func readOnlyDSN(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	u := url.URL{Path: filepath.ToSlash(abs)}
	return "file:" + u.EscapedPath() + "?mode=ro&_pragma=busy_timeout(10000)", nil
}

func vacuumInto(ctx context.Context, src, dest string) error {
	dsn, err := readOnlyDSN(src)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return fmt.Errorf("vacuum into: %w", err)
	}
	return nil
}

// checkBackup runs the integrity checks on the copy at path and reads what
// the report shows.
func checkBackup(ctx context.Context, path string) (*BackupInfo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	u := url.URL{Path: filepath.ToSlash(abs)}
	db, err := sql.Open("sqlite", "file:"+u.EscapedPath())
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, fmt.Errorf("check copy: %w", err)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return nil, fmt.Errorf("check copy: %w", err)
		}
		problems = append(problems, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("check copy: %w", err)
	}
	if len(problems) != 1 || problems[0] != "ok" {
		return nil, fmt.Errorf("check copy: integrity check: %s", strings.Join(problems, "; "))
	}
	info := &BackupInfo{}
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema
		WHERE type = 'table' AND name IN ('articles', 'articles_fts', 'schema_migrations')`).Scan(&tables); err != nil {
		return nil, fmt.Errorf("check copy: %w", err)
	}
	if tables != 3 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "the database is not a sitrep store (no articles table)")
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)"); err != nil {
		return nil, fmt.Errorf("check copy: full-text index: %w", err)
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&info.Articles); err != nil {
		return nil, fmt.Errorf("check copy: %w", err)
	}
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&info.SchemaVersion); err != nil {
		return nil, fmt.Errorf("check copy: %w", err)
	}
	return info, nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename in dir durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
