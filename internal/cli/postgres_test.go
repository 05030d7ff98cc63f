package cli_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-project/sitrep/internal/cli"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// postgresURL returns the URL of a new, empty schema of the server named by
// SITREP_TEST_POSTGRES (see scripts/postgres-test-cluster.sh), dropped when
// t ends. It skips t without the variable, unless CI=true.
func postgresURL(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("SITREP_TEST_POSTGRES")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("SITREP_TEST_POSTGRES is not set, and CI=true requires the PostgreSQL tests to run")
		}
		t.Skip(`SITREP_TEST_POSTGRES is not set: skipping; start a server with eval "$(scripts/postgres-test-cluster.sh start)"`)
	}
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("SITREP_TEST_POSTGRES must be a postgres:// URL for the command line tests")
	}
	conn, err := pgx.Connect(t.Context(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	schema := fmt.Sprintf("cli_test_%d", os.Getpid())
	if _, err := conn.Exec(t.Context(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		conn.Close(context.Background())
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func TestPostgresIngestSearchShowStories(t *testing.T) {
	db := postgresURL(t)
	article := filepath.Join("testdata", "stranded.txt")
	code, out, errOut := runMain(t, "", "--db", db, "ingest", article)
	if code != 0 || !strings.Contains(out, "1 added") {
		t.Fatalf("ingest: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, _ = runMain(t, "", "--db", db, "ingest", article)
	if code != 0 || !strings.Contains(out, "1 unchanged") {
		t.Fatalf("re-ingest: exit %d, stdout %q", code, out)
	}
	code, out, errOut = runMain(t, "", "--db", db, "search", "--json", "convoy")
	var hits []sitrep.SearchHit
	if code != 0 || json.Unmarshal([]byte(out), &hits) != nil || len(hits) != 1 {
		t.Fatalf("search: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if !strings.Contains(hits[0].Snippet, "[convoy]") {
		t.Errorf("snippet %q does not mark [convoy]", hits[0].Snippet)
	}
	code, out, errOut = runMain(t, "", "--db", db, "show", hits[0].ID)
	if code != 0 || !strings.Contains(out, "Stranded at the crossing") {
		t.Errorf("show: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// Ingest connected the article into a story of its own.
	code, out, errOut = runMain(t, "", "--db", db, "stories", "--json")
	var stories []sitrep.Story
	if code != 0 || json.Unmarshal([]byte(out), &stories) != nil || len(stories) != 1 {
		t.Fatalf("stories: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, errOut = runMain(t, "", "--db", db, "story", stories[0].ID)
	if code != 0 || !strings.Contains(out, hits[0].ID) {
		t.Errorf("story: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// The commands that keep tables of their own in SQLite refuse a PostgreSQL
// URL with a clear message, before connecting to it.
func TestPostgresUnsupportedCommands(t *testing.T) {
	const db = "postgres://sitrep:pw@127.0.0.1:1/sitrep"
	for _, args := range [][]string{
		{"gazetteer", "stats", "--no-load"},
		{"gazetteer", "import", filepath.Join(t.TempDir(), "places.tsv")},
	} {
		code, _, errOut := runMain(t, "", append([]string{"--db", db}, args...)...)
		if code != 1 || !strings.Contains(errOut, "not supported on PostgreSQL yet") {
			t.Errorf("%v: exit %d, stderr %q; want 1 and not supported on PostgreSQL", args, code, errOut)
		}
	}
}

// TestPostgresServe serves a site whose articles live in PostgreSQL: the
// site reads its local replica, which follows what is ingested into
// PostgreSQL while it runs, and its story pages read PostgreSQL.
func TestPostgresServe(t *testing.T) {
	db := postgresURL(t)
	if code, out, errOut := runMain(t, "", "--db", db, "ingest", filepath.Join("testdata", "stranded.txt")); code != 0 {
		t.Fatalf("ingest: exit %d: %s %s", code, out, errOut)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	m := &cli.Main{Stdout: pw, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	replica := filepath.Join(t.TempDir(), "replica.db")
	go func() {
		done <- m.Run(ctx, []string{"--db", db, "serve", "--addr", "127.0.0.1:0", "--replica", replica,
			"--sync", "200ms", "--workers", "0", "--alerts-every", "0"})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no Serving line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	base := strings.Fields(line)[1]
	get := func(path string) (int, string) {
		t.Helper()
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	for _, path := range []string{"/", "/api/v1/articles", "/search?q=convoy", "/stories"} {
		if code, body := get(path); code != 200 || !strings.Contains(body, "Stranded at the crossing") {
			t.Errorf("GET %s: status %d, body %.200s", path, code, body)
		}
	}
	// An article ingested into PostgreSQL while the site runs shows up.
	second := filepath.Join(t.TempDir(), "second.txt")
	if err := os.WriteFile(second, []byte("Drone strike hits the Tabqa dam road\n\nA drone struck a checkpoint on the road to the Tabqa dam on Tuesday, killing two guards, local sources said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runMain(t, "", "--db", db, "ingest", second); code != 0 {
		t.Fatalf("ingest while serving: exit %d: %s %s", code, out, errOut)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		code, body := get("/search?q=Tabqa")
		if code == 200 && strings.Contains(body, "Drone strike hits the Tabqa dam road") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the article ingested into PostgreSQL never reached the site: %d %.300s", code, body)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code, _ := get("/feeds"); code != 404 {
		t.Errorf("/feeds on PostgreSQL = %d, want 404 (subscriptions are off)", code)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after cancel, want 0", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
}
