package sqlite

import (
	"bufio"
	"fmt"
	"github.com/sitrep-project/sitrep/internal/store/storetest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// crashChildEnv names the database a child process of TestKillMidBatch
// writes to until it is killed.
const crashChildEnv = "SITREP_SQLITE_CRASH_CHILD"

// TestKillMidBatch kills a process with SIGKILL while it writes batches and
// checks that the file it leaves is sound and holds whole batches only.
func TestKillMidBatch(t *testing.T) {
	if path := os.Getenv(crashChildEnv); path != "" {
		writeUntilKilled(t, path)
		return
	}
	if testing.Short() {
		t.Skip("starts a child process")
	}
	const batch = 200
	path := filepath.Join(t.TempDir(), "sitrep.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillMidBatch$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	// Wait for three commits, then kill part way into a later batch.
	committed := 0
	lines := bufio.NewScanner(out)
	for committed < 3*batch && lines.Scan() {
		if n, ok := strings.CutPrefix(lines.Text(), "committed "); ok {
			committed, _ = strconv.Atoi(n)
		}
	}
	if committed < 3*batch {
		t.Fatalf("child stopped after %d articles: %v", committed, lines.Err())
	}
	time.Sleep(25 * time.Millisecond)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	db := openAt(t, path)
	if err := db.IntegrityCheck(t.Context()); err != nil {
		t.Fatalf("after kill: %v", err)
	}
	n, err := db.CountArticles(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("killed after %d reported committed; %d stored", committed, n)
	if n < committed || n%batch != 0 {
		t.Errorf("after kill: %d articles, want a multiple of %d and at least the %d reported committed", n, batch, committed)
	}
}

func writeUntilKilled(t *testing.T, path string) {
	db := openAt(t, path)
	gen := storetest.NewArticleGen(99)
	total := 0
	for range 1000 { // bounded, in case the parent dies first
		b := gen.Articles(200, 150)
		if _, err := db.PutArticles(t.Context(), b); err != nil {
			t.Fatal(err)
		}
		total += len(b)
		fmt.Printf("committed %d\n", total)
	}
}
