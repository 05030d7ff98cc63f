package cli_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/cli"
)

// TestServe ingests an article, serves the database on a free port, reads
// a page and the API, and stops on cancel.
func TestServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "serve.db")
	if code, out, errOut := runMain(t, "", "--db", db, "ingest", "testdata/stranded.txt"); code != 0 {
		t.Fatalf("ingest: exit %d: %s %s", code, out, errOut)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	m := &cli.Main{Stdout: pw, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() {
		done <- m.Run(ctx, []string{"--db", db, "serve", "--addr", "127.0.0.1:0"})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no Serving line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	base, ok := strings.CutPrefix(strings.Fields(line)[1], "http://")
	if !ok {
		t.Fatalf("Serving line %q", line)
	}
	for _, path := range []string{"/", "/api/v1/articles", "/search?q=convoy"} {
		res, err := http.Get("http://" + base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(b), "Stranded at the crossing") {
			t.Errorf("GET %s: status %d, body %.200s", path, res.StatusCode, b)
		}
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
