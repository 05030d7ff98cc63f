//go:build reliability

// The reliability suite (make reliability): slow, process-level tests that
// `make test` leaves out.

package main_test

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-project/sitrep/internal/corpusgen"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/postgres"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

const (
	killJobs   = 2000 // ingest jobs queued
	killRounds = 4
	killLease  = "3s" // short, so killed workers' jobs come back soon
)

// probe reads a backend while the binary's processes write it.
type probe interface {
	sitrep.JobQueue
	Close() error
	// ids returns the stored articles' content hashes; dupes counts contents stored
	// more than once; links counts story links and articles linked twice.
	ids(ctx context.Context) ([]string, error)
	dupes(ctx context.Context) (int, error)
	links(ctx context.Context) (links, twice int, err error)
	check(ctx context.Context) error
}

type sqliteProbe struct{ *sqlite.DB }

func (p sqliteProbe) ids(ctx context.Context) ([]string, error) {
	rows, err := p.SQL().QueryContext(ctx, hashesSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

const (
	// Articles are compared by content: when two inputs carry one text
	// under different URLs, which of them is stored depends on which
	// worker got there first.
	hashesSQL = "SELECT content_hash FROM articles ORDER BY content_hash"
	dupesSQL  = "SELECT count(*) FROM (SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1) AS d"
	linksSQL  = "SELECT count(*), count(*) - count(DISTINCT article_id) FROM story_links"
)

func (p sqliteProbe) dupes(ctx context.Context) (n int, err error) {
	err = p.SQL().QueryRowContext(ctx, dupesSQL).Scan(&n)
	return n, err
}

func (p sqliteProbe) links(ctx context.Context) (n, twice int, err error) {
	err = p.SQL().QueryRowContext(ctx, linksSQL).Scan(&n, &twice)
	return n, twice, err
}

func (p sqliteProbe) check(ctx context.Context) error { return p.IntegrityCheck(ctx) }

type postgresProbe struct{ *postgres.DB }

func (p postgresProbe) ids(ctx context.Context) ([]string, error) {
	rows, err := p.Pool().Query(ctx, hashesSQL)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

func (p postgresProbe) dupes(ctx context.Context) (n int, err error) {
	err = p.Pool().QueryRow(ctx, dupesSQL).Scan(&n)
	return n, err
}

func (p postgresProbe) links(ctx context.Context) (n, twice int, err error) {
	err = p.Pool().QueryRow(ctx, linksSQL).Scan(&n, &twice)
	return n, twice, err
}

func (p postgresProbe) check(ctx context.Context) error { return p.IntegrityCheck(ctx) }

// build compiles sitrep for a test or a benchmark.
func build(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "sitrep")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// storyBatch writes n generated articles, grouped into stories as news is,
// as JSONL for `sitrep enqueue -`.
func storyBatch(t testing.TB, dir string, n int) string {
	t.Helper()
	path := filepath.Join(dir, "stories.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	gen := corpusgen.NewStories(2026)
	for range n {
		a := gen.NextStoryArticle().Article
		line := map[string]string{"id": a.ID, "title": a.Title, "text": a.Body, "url": a.URL,
			"source": a.Source, "published": a.Published.Format(time.RFC3339)}
		if err := enc.Encode(line); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// wantIDs ingests batch plainly into a scratch store: the articles the
// queue must end up with, no more, no fewer.
func wantIDs(t *testing.T, bin, dir, batch string) []string {
	t.Helper()
	db := filepath.Join(dir, "reference.db")
	if out, err := exec.Command(bin, "--db", db, "-q", "ingest", "--connect=false", batch).CombinedOutput(); err != nil {
		t.Fatalf("reference ingest: %v\n%s", err, out)
	}
	s, err := sqlite.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ids, err := sqliteProbe{s}.ids(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// TestKillWorkers queues 2,000 ingest jobs, then several times starts
// worker processes and `serve --workers` and kills them all
// with SIGKILL part way, then lets fresh workers drain the queue: every
// article must be stored and connected once, no job left running or
// failed, and the store sound after every kill.
func TestKillWorkers(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	batch := storyBatch(t, dir, killJobs)
	want := wantIDs(t, bin, dir, batch)
	t.Logf("%d jobs, %d distinct articles", killJobs, len(want))

	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "kill.db")
		open := func() probe {
			db, err := sqlite.Open(context.Background(), path)
			if err != nil {
				t.Fatalf("open after kill: %v", err)
			}
			return sqliteProbe{db}
		}
		killRun(t, bin, path, batch, want, open, true)
	})
	t.Run("postgres", func(t *testing.T) {
		if os.Getenv("SITREP_RELIABILITY_ONLY") == "sqlite" {
			t.Skip("SITREP_RELIABILITY_ONLY=sqlite")
		}
		dsn := postgresSchema(t)
		open := func() probe {
			db, err := postgres.Open(context.Background(), dsn)
			if err != nil {
				t.Fatalf("open after kill: %v", err)
			}
			return postgresProbe{db}
		}
		killRun(t, bin, dsn, batch, want, open, true)
	})
}

func killRun(t *testing.T, bin, db, batch string, want []string, open func() probe, withServe bool) {
	ctx := t.Context()
	in, err := os.Open(batch)
	if err != nil {
		t.Fatal(err)
	}
	enq := exec.Command(bin, "--db", db, "enqueue", "--max-attempts", "20", "-")
	enq.Stdin = in
	out, err := enq.CombinedOutput()
	in.Close()
	if err != nil || !strings.HasPrefix(string(out), fmt.Sprintf("%d queued", killJobs)) {
		t.Fatalf("enqueue: %v: %s", err, out)
	}

	p := open()
	defer func() { p.Close() }()
	logs := t.TempDir()
	defer func() {
		if t.Failed() {
			showLogs(t, logs)
		}
	}()
	lastDone := 0
	for round := 1; round <= killRounds; round++ {
		var procs []*exec.Cmd
		start := func(args ...string) {
			cmd := exec.Command(bin, append([]string{"--db", db, "-q"}, args...)...)
			cmd.Stderr = logTo(t, logs, fmt.Sprintf("round%d-%d.log", round, len(procs)))
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			procs = append(procs, cmd)
		}
		for i := range 3 {
			if withServe && i == 2 {
				start("serve", "--addr", "127.0.0.1:0", "--workers", "2", "--worker-lease", killLease, "--worker-poll", "100ms", "--sync", "1h",
					"--replica", filepath.Join(t.TempDir(), "replica.db"))
				continue
			}
			start("worker", "--concurrency", "2", "--lease", killLease, "--poll", "100ms", "--id", fmt.Sprintf("r%d-w%d", round, i))
		}
		// Kill once this round has done a share of the queue, at a
		// random moment within its work.
		target := lastDone + killJobs/(killRounds+2)
		deadline := time.Now().Add(90 * time.Second)
		for time.Now().Before(deadline) {
			s, err := p.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if s.Done >= target {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(time.Duration(rand.IntN(150)) * time.Millisecond)
		for _, cmd := range procs {
			_ = cmd.Process.Signal(syscall.SIGKILL)
		}
		for _, cmd := range procs {
			_ = cmd.Wait()
		}

		// The store after a kill: sound, nothing stored twice, no job
		// done twice or undone.
		p.Close()
		p = open()
		if err := p.check(ctx); err != nil {
			t.Fatalf("round %d: integrity after kill: %v", round, err)
		}
		if n, err := p.dupes(ctx); err != nil || n != 0 {
			t.Fatalf("round %d: %d contents stored twice (err %v)", round, n, err)
		}
		s, err := p.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.Done < lastDone || s.Failed != 0 {
			t.Fatalf("round %d: stats %+v after %d done before", round, s, lastDone)
		}
		t.Logf("round %d: killed %d processes with %d jobs done, %d running, %d articles to connect", round, len(procs), s.Done, s.Running, s.Connecting)
		lastDone = s.Done
	}

	// Fresh workers drain the queue, taking back the killed ones' jobs
	// as their leases expire.
	started := time.Now()
	var drains []*exec.Cmd
	for i := range 2 {
		cmd := exec.Command(bin, "--db", db, "-q", "worker", "--exit-when-done", "--concurrency", "2",
			"--lease", killLease, "--poll", "100ms", "--id", fmt.Sprint("drain-", i))
		cmd.Stderr = logTo(t, logs, fmt.Sprintf("drain-%d.log", i))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		drains = append(drains, cmd)
	}
	timer := time.AfterFunc(150*time.Second, func() {
		for _, cmd := range drains {
			cmd.Process.Kill()
		}
	})
	for _, cmd := range drains {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("drain worker: %v", err)
		}
	}
	timer.Stop()
	t.Logf("drained in %s", time.Since(started).Round(time.Millisecond))

	// A connection that ran FTS5's integrity-check before other processes
	// merged the index reports stale pages as corruption: check afresh.
	p.Close()
	p = open()
	s, err := p.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s != (sitrep.JobStats{Done: killJobs}) {
		t.Errorf("after the drain: %+v, want all %d done and nothing else", s, killJobs)
	}
	got, err := p.ids(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		missing, extra := diff(want, got), diff(got, want)
		t.Errorf("%d articles stored, want %d: %d missing (%v), %d unexpected (%v)",
			len(got), len(want), len(missing), head(missing), len(extra), head(extra))
	}
	if n, err := p.dupes(ctx); err != nil || n != 0 {
		t.Errorf("%d contents stored twice (err %v)", n, err)
	}
	links, twice, err := p.links(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if links != len(want) || twice != 0 {
		t.Errorf("%d story links (%d articles linked twice), want one per article: %d", links, twice, len(want))
	}
	if err := p.check(ctx); err != nil {
		t.Errorf("integrity: %v", err)
	}
}

// logTo returns a file in dir for a process's standard error.
func logTo(t *testing.T, dir, name string) *os.File {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// showLogs prints the processes' warnings and errors.
func showLogs(t *testing.T, dir string) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*.log"))
	for _, name := range names {
		b, _ := os.ReadFile(name)
		if len(b) > 4000 {
			b = append([]byte("..."), b[len(b)-4000:]...)
		}
		if len(b) > 0 {
			t.Logf("%s:\n%s", filepath.Base(name), b)
		}
	}
}

// diff returns what a holds and b does not; both are sorted.
func diff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if _, found := slices.BinarySearch(b, x); !found {
			out = append(out, x)
		}
	}
	return out
}

func head(xs []string) []string { return xs[:min(len(xs), 5)] }

// postgresSchema returns a DSN naming a new schema of the server named by
// SITREP_TEST_POSTGRES, dropped when t ends. It skips t without one,
// unless CI=true.
func postgresSchema(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("SITREP_TEST_POSTGRES")
	if dsn == "" {
		const how = `start one with: eval "$(scripts/postgres-test-cluster.sh start)"`
		if os.Getenv("CI") == "true" {
			t.Fatalf("SITREP_TEST_POSTGRES is not set, and CI=true requires the PostgreSQL tests to run; %s", how)
		}
		t.Skipf("SITREP_TEST_POSTGRES is not set: skipping the PostgreSQL kill test; %s", how)
	}
	var suffix [4]byte
	crand.Read(suffix[:])
	schema := "reliability_" + hex.EncodeToString(suffix[:])
	conn, err := pgx.Connect(t.Context(), dsn)
	if err != nil {
		t.Fatalf("PostgreSQL at SITREP_TEST_POSTGRES: %v", err)
	}
	if _, err := conn.Exec(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
