package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/cli"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// runMain runs one command line in-process and returns its exit code and
// output.
func runMain(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &cli.Main{
		Stdin:  strings.NewReader(stdin),
		Stdout: &out,
		Stderr: &errOut,
		Getenv: func(string) string { return "" },
	}
	code = m.Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

func TestIngestSearchShow(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	// Retrieval time for a file is its modification time.
	article := filepath.Join(dir, "stranded.txt")
	data, err := os.ReadFile("testdata/stranded.txt")
	if err != nil {
		t.Fatal(err)
	}
	retrieved := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	if err := os.WriteFile(article, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(article, retrieved, retrieved); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := runMain(t, "", "--db", db, "ingest", article)
	if code != 0 || !strings.Contains(out, "1 added") {
		t.Fatalf("ingest: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	code, out, _ = runMain(t, "", "--db", db, "ingest", article)
	if code != 0 || !strings.Contains(out, "1 unchanged") {
		t.Fatalf("re-ingest: exit %d, stdout %q", code, out)
	}

	code, out, errOut = runMain(t, "", "--db", db, "search", "--json", "convoy")
	if code != 0 {
		t.Fatalf("search: exit %d, %s", code, errOut)
	}
	var hits []sitrep.SearchHit
	if err := json.Unmarshal([]byte(out), &hits); err != nil || len(hits) != 1 {
		t.Fatalf("search output %q: %v", out, err)
	}

	code, out, errOut = runMain(t, "", "--db", db, "show", "--json", hits[0].ID)
	if code != 0 {
		t.Fatalf("show: exit %d, %s", code, errOut)
	}
	var a sitrep.Article
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if got, want := a.Title, "Stranded at the crossing: fuel convoy waits as talks drag on"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got, want := a.Byline, "The Test Desk"; got != want {
		t.Errorf("byline = %q, want %q", got, want)
	}
	if a.Published == nil || a.Published.Year() != 2021 || a.PublishedPrecision != sitrep.PrecisionYear {
		t.Errorf("published = %v (%s), want 2021 at year precision", a.Published, a.PublishedPrecision)
	}
	if strings.Contains(a.Body, "Published:") || strings.Contains(a.Body, "Written by") {
		t.Errorf("body keeps page chrome: %q", a.Body[:80])
	}

	code, out, _ = runMain(t, "", "--db", db, "show", hits[0].ID)
	if code != 0 || !strings.Contains(out, "Byline:    The Test Desk") || !strings.Contains(out, "Comments:  No Comments") {
		t.Errorf("show text: exit %d, %q", code, out)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		stdin    string
		code     int
		inStderr string
	}{
		{"no command args", []string{"--db", db, "ingest"}, "", 2, "requires at least 1 arg"},
		{"unknown flag", []string{"--db", db, "search", "--bogus", "x"}, "", 2, "unknown flag"},
		{"some failed", []string{"--db", db, "ingest", "testdata/stranded.txt", empty}, "", 1, "empty"},
		{"not found", []string{"--db", db, "show", "nope"}, "", 1, "not found"},
		{"stdin", []string{"--db", db, "ingest", "--quiet", "-"}, "Title line\n\nSome body text about a ceasefire.", 0, ""},
		{"help", []string{"ingest", "--help"}, "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runMain(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit = %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.inStderr) {
				t.Errorf("stderr %q, want it to contain %q", errOut, tt.inStderr)
			}
		})
	}
}

func TestHelpHasExamples(t *testing.T) {
	for _, cmd := range []string{"ingest", "search", "show", "extract", "demo"} {
		code, out, _ := runMain(t, "", cmd, "--help")
		if code != 0 || !strings.Contains(out, "Examples:") {
			t.Errorf("%s --help: exit %d, no Examples section in %q", cmd, code, out)
		}
	}
}

func TestExtractPrintsArticle(t *testing.T) {
	code, out, errOut := runMain(t, "", "extract", "testdata/stranded.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var a sitrep.Article
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("output is not an article: %v", err)
	}
	if a.Title == "" || a.Body == "" {
		t.Errorf("extract gave empty title or body: %+v", a)
	}
}

func TestDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	code, out, errOut := runMain(t, "", "--db", db, "demo")
	if code != 0 {
		t.Fatalf("demo: exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"0 failed", "Stored articles", "Search \"convoy\""} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
}
