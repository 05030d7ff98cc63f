package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/postgres"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

func (m *Main) backupCommand() *cobra.Command {
	var (
		force  bool
		pgDump bool
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "backup DEST",
		Short: "Copy the database to DEST consistently, while serve, ingest and workers run",
		Long: `Backup writes a consistent copy of the SQLite database named by --db to the
file DEST with VACUUM INTO: one snapshot, taken without stopping the server,
ingestion or workers, compact and without a -wal file. The copy is checked
(PRAGMA integrity_check and the full-text index's own check) before it takes
DEST's name, so DEST is either a good backup or untouched; it is readable by
its owner only, since it holds the accounts' password hashes. An existing
DEST is replaced only with --force.

To restore, stop sitrep (serve and workers), move the database file and any
-wal and -shm files beside it out of the way, copy the backup in its place,
and start sitrep again. See docs/OPERATIONS.md.

A PostgreSQL database (--db postgres://...) is backed up with pg_dump: backup
prints the command to run, or runs it with --pg-dump.`,
		Example: `  sitrep --db /var/lib/sitrep/sitrep.db backup /var/backups/sitrep/sitrep-$(date +%F).db
  sitrep --db news.db backup --force news-latest.db
  sitrep --db postgres://sitrep@db/sitrep backup --pg-dump sitrep.dump`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dest := args[0]
			if postgres.IsDSN(m.dbPath) {
				return m.backupPostgres(cmd.Context(), dest, force, pgDump, asJSON)
			}
			if pgDump {
				return usageError{errors.New("--pg-dump is for a postgres:// --db; SQLite files are copied by sitrep itself")}
			}
			info, err := sqlite.Backup(cmd.Context(), m.dbPath, dest, force)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(m.Stdout, info)
			}
			fmt.Fprintf(m.Stdout, "Backed up %s to %s: %d articles, schema version %d, %s in %s; integrity ok\n",
				info.Source, info.Path, info.Articles, info.SchemaVersion, formatBytes(info.Bytes),
				info.Duration.Round(time.Millisecond))
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&force, "force", false, "replace DEST if it exists")
	f.BoolVar(&pgDump, "pg-dump", false, "PostgreSQL: run pg_dump (found on the PATH) instead of printing its command")
	f.BoolVar(&asJSON, "json", false, "print what was written as JSON")
	return cmd
}

// pgDumpInfo is what backup --pg-dump --json prints.
type pgDumpInfo struct {
	Path     string        `json:"path"`
	Bytes    int64         `json:"bytes"`
	Duration time.Duration `json:"duration_ns"`
}

// backupPostgres prints the pg_dump command for the database, or runs it.
func (m *Main) backupPostgres(ctx context.Context, dest string, force, run, asJSON bool) error {
	if _, err := os.Stat(dest); err == nil && !force {
		return sitrep.Errorf(sitrep.ECONFLICT, "%s already exists; remove it or pass --force to replace it", dest)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	cmdArgs, password, err := pgDumpArgs(m.dbPath, dest)
	if err != nil {
		return err
	}
	if !run {
		pw := ""
		if password != "" {
			pw = "\n(the password is left out: put it in ~/.pgpass or PGPASSWORD)"
		}
		return sitrep.Errorf(sitrep.EUNSUPPORTED,
			"sitrep backup copies SQLite files; back up PostgreSQL with pg_dump:\n\n  pg_dump %s\n%s\n"+
				"Restore with pg_restore (see docs/OPERATIONS.md), or pass --pg-dump to have sitrep run pg_dump now.",
			shellJoin(cmdArgs), pw)
	}
	bin, err := exec.LookPath("pg_dump")
	if err != nil {
		return sitrep.Errorf(sitrep.EUNAVAILABLE, "pg_dump is not on the PATH; install the PostgreSQL client tools (Debian: postgresql-client)")
	}
	tmp, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".tmp-*")
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	defer os.Remove(tmpPath) // gone already once renamed
	cmdArgs, _, _ = pgDumpArgs(m.dbPath, tmpPath)

	start := time.Now()
	c := exec.CommandContext(ctx, bin, cmdArgs...)
	c.Stdout, c.Stderr = m.Stderr, m.Stderr
	c.Env = os.Environ()
	if password != "" {
		c.Env = append(c.Env, "PGPASSWORD="+password) // not on the command line, where ps shows it
	}
	if err := c.Run(); err != nil {
		return fmt.Errorf("backup: pg_dump: %w", err)
	}
	if err := os.Rename(tmpPath, dest); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	st, err := os.Stat(dest)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	info := pgDumpInfo{Path: dest, Bytes: st.Size(), Duration: time.Since(start)}
	if asJSON {
		return writeJSON(m.Stdout, info)
	}
	fmt.Fprintf(m.Stdout, "Dumped the PostgreSQL database to %s: %s in %s (pg_dump custom format; restore with pg_restore)\n",
		dest, formatBytes(info.Bytes), info.Duration.Round(time.Millisecond))
	return nil
}

// pgDumpArgs returns pg_dump's arguments for the database dsn names and
// the password taken out of it. pgx accepts parameters libpq does not:
// search_path becomes --schema (the tables sitrep keeps there), and the
// pool_ settings are dropped.
func pgDumpArgs(dsn, dest string) (args []string, password string, err error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, "", sitrep.Errorf(sitrep.EINVALID, "--db is not a valid postgres:// URL")
	}
	if u.User != nil {
		password, _ = u.User.Password()
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	var schemas []string
	for _, s := range strings.Split(q.Get("search_path"), ",") {
		if s = strings.TrimSpace(s); s != "" {
			schemas = append(schemas, s)
		}
	}
	for k := range q {
		if k == "search_path" || strings.HasPrefix(k, "pool_") {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	args = []string{"--format=custom", "--no-owner", "--file=" + dest}
	for _, s := range schemas {
		args = append(args, "--schema="+s)
	}
	return append(args, "--dbname="+u.String()), password, nil
}

// shellJoin quotes args for a POSIX shell where they need it.
func shellJoin(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a != "" && strings.Trim(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=./:@,+%") == "" {
			out[i] = a
			continue
		}
		out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(out, " ")
}

// formatBytes renders n as "12.3 MB".
func formatBytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for v := n / unit; v >= unit; v /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGTPE"[exp])
}
