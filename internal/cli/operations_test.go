package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/cli"
	"github.com/sitrep-project/sitrep/internal/metrics/metricstest"
)

// lockedBuffer is a bytes.Buffer safe for a server goroutine to write
// while the test reads.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeJSONLogsAndMetrics runs serve with --log-format json: every line
// it writes to standard error must be a JSON record, requests among them,
// and /metrics must answer a client on this machine.
func TestServeJSONLogsAndMetrics(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ops.db")
	if code, out, errOut := runMain(t, "", "--db", db, "ingest", "testdata/stranded.txt"); code != 0 {
		t.Fatalf("ingest: exit %d: %s %s", code, out, errOut)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var stderr lockedBuffer
	m := &cli.Main{Stdout: pw, Stderr: &stderr, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() {
		done <- m.Run(ctx, []string{"--db", db, "--log-format", "json", "serve", "--addr", "127.0.0.1:0", "--workers", "0",
			"--poll", "0"}) // feeds print "polling feeds every" as plain text
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no Serving line: %v; stderr %s", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	base := strings.Fields(line)[1]

	res, err := http.Get(base + "/?token=s3cret")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	res, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("GET /metrics: status %d", res.StatusCode)
	}
	samples, err := metricstest.Parse(string(body))
	if err != nil {
		t.Fatalf("GET /metrics: %v", err)
	}
	if v, _ := metricstest.Value(samples, "sitrep_http_requests_total", "route", "GET /{$}", "status", "2xx"); v < 1 {
		t.Errorf("requests for GET /{$} = %v, want at least 1", v)
	}
	if v, _ := metricstest.Value(samples, "sitrep_store_articles"); v != 1 {
		t.Errorf("sitrep_store_articles = %v, want 1", v)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
	msgs := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Errorf("stderr line is not a JSON record: %q", l)
			continue
		}
		msgs[rec["msg"].(string)] = true
		if rec["msg"] == "http request" && rec["path"] == "/" && rec["status"] != float64(200) {
			t.Errorf("access record for / has status %v: %q", rec["status"], l)
		}
	}
	for _, want := range []string{"indexed", "serving", "http request"} {
		if !msgs[want] {
			t.Errorf("no %q record in %s", want, stderr.String())
		}
	}
	if strings.Contains(stderr.String(), "s3cret") {
		t.Error("a token in a query string reached the log")
	}
}

func TestOperationsFlagErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "flags.db")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"log format", []string{"--log-format", "xml", "search", "x"}, "--log-format"},
		{"log level", []string{"--log-level", "loud", "search", "x"}, "--log-level"},
		{"metrics mode", []string{"serve", "--addr", "127.0.0.1:0", "--workers", "0", "--metrics", "maybe"}, "--metrics"},
		{"pg-dump on SQLite", []string{"backup", "--pg-dump", filepath.Join(t.TempDir(), "x.db")}, "--pg-dump"},
		{"backup without DEST", []string{"backup"}, "arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runMain(t, "", append([]string{"--db", db}, tt.args...)...)
			if code != cli.ExitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, cli.ExitUsage, tt.want)
			}
		})
	}
}

func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "live.db")
	if code, out, errOut := runMain(t, "", "--db", db, "ingest", "testdata/stranded.txt"); code != 0 {
		t.Fatalf("ingest: exit %d: %s %s", code, out, errOut)
	}
	dest := filepath.Join(dir, "copy.db")
	code, out, errOut := runMain(t, "", "--db", db, "backup", dest)
	if code != 0 || !strings.Contains(out, "1 articles") || !strings.Contains(out, "integrity ok") {
		t.Fatalf("backup: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, _, errOut = runMain(t, "", "--db", db, "backup", dest)
	if code != cli.ExitRuntime || !strings.Contains(errOut, "already exists") {
		t.Errorf("second backup to the same file: exit %d, stderr %q; want a refusal", code, errOut)
	}
	code, out, errOut = runMain(t, "", "--db", db, "backup", "--force", "--json", dest)
	var info struct {
		Path     string `json:"path"`
		Bytes    int64  `json:"bytes"`
		Articles int    `json:"articles"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &info) != nil || info.Articles != 1 || info.Path != dest || info.Bytes == 0 {
		t.Fatalf("backup --force --json: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// The copy is a store like any other.
	code, out, _ = runMain(t, "", "--db", dest, "search", "convoy")
	if code != 0 || !strings.Contains(out, "Stranded at the crossing") {
		t.Errorf("search in the backup: exit %d, %q", code, out)
	}
}

func TestBackupPostgresPrintsCommand(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "news.dump")
	dsn := "postgres://sitrep:s3cret@db.example:5432/news?sslmode=require&search_path=newsroom&pool_max_conns=4"
	code, out, errOut := runMain(t, "", "--db", dsn, "backup", dest)
	want := "pg_dump --format=custom --no-owner --file=" + dest +
		" --schema=newsroom '--dbname=postgres://sitrep@db.example:5432/news?sslmode=require'"
	if code != cli.ExitRuntime || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, cli.ExitRuntime, want)
	}
	if strings.Contains(out+errOut, "s3cret") {
		t.Error("the password was printed")
	}
	if _, err := os.Stat(dest); err == nil {
		t.Error("printing the command wrote the file")
	}
}

// TestBackupPgDump runs pg_dump through sitrep against the test server and
// checks the archive lists the articles table.
func TestBackupPgDump(t *testing.T) {
	if _, err := exec.LookPath("pg_dump"); err != nil {
		t.Skip("pg_dump is not on the PATH")
	}
	db := postgresURL(t)
	if code, out, errOut := runMain(t, "", "--db", db, "ingest", "testdata/stranded.txt"); code != 0 {
		t.Fatalf("ingest: exit %d: %s %s", code, out, errOut)
	}
	dest := filepath.Join(t.TempDir(), "news.dump")
	code, out, errOut := runMain(t, "", "--db", db, "backup", "--pg-dump", dest)
	if code != 0 || !strings.Contains(out, "Dumped") {
		t.Fatalf("backup --pg-dump: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	list, err := exec.Command("pg_restore", "--list", dest).Output()
	if err != nil {
		t.Fatalf("pg_restore --list: %v", err)
	}
	if !strings.Contains(string(list), "TABLE DATA") || !strings.Contains(string(list), " articles ") {
		t.Errorf("archive lists no articles table data:\n%s", list)
	}
}
