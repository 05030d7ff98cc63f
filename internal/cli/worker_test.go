package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestEnqueueWorkerJobs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "queue.db")
	corpus := filepath.Join(dir, "corpus")
	for name, text := range map[string]string{
		"a.txt":         "Convoy reaches the town\n\nAn aid convoy of twelve trucks reached the town on Sunday, officials said.",
		"sub/b.txt":     "Strike on a bridge\n\nAircraft struck a bridge east of the city on Tuesday, residents said.",
		".hidden/c.txt": "Hidden\n\nNot queued.",
	} {
		path := filepath.Join(corpus, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lines := `{"title": "Shelling near the border", "text": "Shelling near the border killed two people on Monday, a monitor said.", "url": "https://example.org/1"}
{"title": "Talks resume", "text": "Talks between the two sides resumed on Wednesday in the capital, diplomats said.", "url": "https://example.org/2"}
not json
`

	code, out, errOut := runMain(t, "", "--db", db, "enqueue", "--json", corpus, filepath.Join(dir, "missing.html"))
	var got struct {
		Queued        int      `json:"queued"`
		AlreadyQueued int      `json:"already_queued"`
		Failures      []string `json:"failures"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("enqueue output %q: %v (stderr %s)", out, err, errOut)
	}
	if code != 1 || got.Queued != 2 || len(got.Failures) != 1 || !strings.Contains(got.Failures[0], "missing.html") {
		t.Errorf("enqueue of a directory and a missing file: exit %d, %+v; want 1, two queued, the missing file failed", code, got)
	}
	code, out, _ = runMain(t, lines, "--db", db, "enqueue", "-", corpus)
	if code != 1 || !strings.HasPrefix(out, "2 queued, 2 already queued, 1 failed") {
		t.Errorf("enqueue of stdin and the directory again: exit %d, %q; want 1 and 2 queued, 2 already queued, 1 failed", code, out)
	}

	code, out, errOut = runMain(t, "", "--db", db, "-q", "worker", "--exit-when-done", "--poll", "50ms", "--json")
	if code != 0 {
		t.Fatalf("worker: exit %d: %s", code, errOut)
	}
	var counts struct{ Done, Failed, Articles int }
	if err := json.Unmarshal([]byte(out), &counts); err != nil {
		t.Fatalf("worker output %q: %v", out, err)
	}
	if counts.Done != 4 || counts.Failed != 0 || counts.Articles != 4 {
		t.Errorf("worker counts %+v, want 4 done, 4 articles connected", counts)
	}

	code, out, _ = runMain(t, "", "--db", db, "jobs", "--json")
	var s sitrep.JobStats
	if err := json.Unmarshal([]byte(out), &s); err != nil || code != 0 {
		t.Fatalf("jobs: exit %d, %q: %v", code, out, err)
	}
	if s != (sitrep.JobStats{Done: 4}) {
		t.Errorf("jobs %+v, want 4 done and nothing else", s)
	}
	code, out, _ = runMain(t, "", "--db", db, "search", "convoy")
	if code != 0 || !strings.Contains(out, "Convoy reaches the town") {
		t.Errorf("search after the worker: exit %d, %q", code, out)
	}
	code, out, _ = runMain(t, "", "--db", db, "jobs")
	if code != 0 || out != "0 queued, 0 running (0 expired), 4 done, 0 failed; 0 articles to connect\n" {
		t.Errorf("jobs: exit %d, %q", code, out)
	}
}
