package main_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/corpusgen"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// buildBinary compiles sitrep once for the process-level tests.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "sitrep")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestKillDuringIngest kills the real binary with SIGKILL in the middle of a
// 10,000-article ingest, several times, then reruns it to completion: nothing
// committed may be lost, nothing duplicated, and the database must pass
// PRAGMA integrity_check after every kill.
func TestKillDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the binary; skipped with -short")
	}
	const n = 10000
	bin := buildBinary(t)
	dir := t.TempDir()
	batch := filepath.Join(dir, "batch.jsonl")
	f, err := os.Create(batch)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	gen := corpusgen.New(2026)
	gen.Words = 150
	for range n {
		if err := enc.Encode(gen.Next()); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	db := filepath.Join(dir, "kill.db")
	// Story grouping is off: this test is about the store's durability, and
	// ten thousand near-identical generated articles make one giant story
	// whose grouping is the connector's own (known, benchmarked) cost.

	last := 0
	for round := 1; round <= 3; round++ {
		cmd := exec.Command(bin, "--db", db, "--quiet", "ingest", "--connect=false", "--batch", "100", batch)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill once this round has committed something new.
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) && count(t, db) <= last {
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(time.Duration(round*37) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()

		got := count(t, db)
		if got < last {
			t.Fatalf("round %d: %d articles after kill, fewer than the %d committed before", round, got, last)
		}
		checkStore(t, db)
		t.Logf("round %d: killed with %d of %d stored", round, got, n)
		last = got
	}

	out, err := exec.Command(bin, "--db", db, "--quiet", "ingest", "--connect=false", "--json", batch).Output()
	if err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	var sum struct{ Added, Unchanged, Failed int }
	if err := json.Unmarshal(out, &sum); err != nil {
		t.Fatalf("summary %q: %v", out, err)
	}
	if sum.Unchanged < last || sum.Added+sum.Unchanged != n || sum.Failed != 0 {
		t.Errorf("rerun summary %+v, want %d unchanged at least and %d in all", sum, last, n)
	}
	if got := count(t, db); got != n {
		t.Errorf("stored %d articles, want %d", got, n)
	}
	checkStore(t, db)
}

func count(t *testing.T, path string) int {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	conn, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT count(*) FROM articles").Scan(&n); err != nil {
		return 0 // schema not created yet
	}
	return n
}

// checkStore opens the store as the binary would and checks integrity and
// that no content is stored twice.
func checkStore(t *testing.T, path string) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer db.Close()
	if err := db.IntegrityCheck(context.Background()); err != nil {
		t.Fatalf("integrity: %v", err)
	}
	var dupes int
	err = db.SQL().QueryRow(`SELECT count(*) FROM (SELECT content_hash FROM articles GROUP BY content_hash HAVING count(*) > 1)`).Scan(&dupes)
	if err != nil {
		t.Fatal(err)
	}
	if dupes != 0 {
		t.Errorf("%d contents stored more than once", dupes)
	}
}
