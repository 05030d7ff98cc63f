package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/storetest"
)

// TestBackupDuringWrites backs up a store while another goroutine keeps
// storing batches, then opens the copy: it must hold a whole number of
// batches (a snapshot, never half a transaction), no fewer than were
// committed before the backup began, and pass the integrity checks.
func TestBackupDuringWrites(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "live.db")
	db := openAt(t, src)
	gen := storetest.NewArticleGen(7)
	const batch = 25
	for range 20 {
		putAll(t, db, gen.Articles(batch, 120))
	}
	work := make([][]*sitrep.Article, 40)
	for i := range work {
		work[i] = gen.Articles(batch, 120)
	}

	var committed atomic.Int64
	started := make(chan struct{})
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writeErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i, b := range work {
			if i == 1 {
				close(started)
			}
			select {
			case <-stop:
				return
			default:
			}
			if _, err := db.PutArticles(context.Background(), b); err != nil {
				writeErr = err
				return
			}
			committed.Add(1)
		}
	}()
	<-started
	atStart := committed.Load()
	before := 20*batch + int(atStart)*batch
	dest := filepath.Join(dir, "backups", "copy.db")
	if err := os.Mkdir(filepath.Dir(dest), 0o700); err != nil {
		t.Fatal(err)
	}
	info, err := Backup(t.Context(), src, dest, false)
	during := committed.Load()
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if writeErr != nil {
		t.Fatalf("writer failed during the backup: %v", writeErr)
	}
	after, err := db.CountArticles(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("backup of %d articles, %d bytes, in %s; %d batches committed meanwhile",
		info.Articles, info.Bytes, info.Duration, during-atStart)

	copyDB := openAt(t, dest)
	n, err := copyDB.CountArticles(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if n%batch != 0 || n < before || n > after {
		t.Errorf("backup holds %d articles, want a multiple of %d between %d and %d", n, batch, before, after)
	}
	if info.Articles != n {
		t.Errorf("reported %d articles, the copy holds %d", info.Articles, n)
	}
	if err := copyDB.IntegrityCheck(t.Context()); err != nil {
		t.Errorf("copy: %v", err)
	}
	st, err := os.Stat(dest)
	if err != nil {
		t.Fatal(err)
	}
	if info.Bytes != st.Size() || info.Path != dest {
		t.Errorf("reported %s of %d bytes, file is %d bytes", info.Path, info.Bytes, st.Size())
	}
	if perm := st.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("backup mode %v: others may read the password hashes", perm)
	}
	if v, _ := db.SchemaVersion(t.Context()); info.SchemaVersion != v {
		t.Errorf("schema version %d, want %d", info.SchemaVersion, v)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".*tmp*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestBackupRefusals(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	db := openAt(t, src)
	putAll(t, db, storetest.NewArticleGen(8).Articles(3, 40))

	existing := filepath.Join(dir, "existing.db")
	if err := os.WriteFile(existing, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "foreign.db")
	fdb, err := sql.Open("sqlite", foreign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fdb.Exec("CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	fdb.Close()

	tests := []struct {
		name      string
		src, dest string
		code      string
	}{
		{"dest exists", src, existing, sitrep.ECONFLICT},
		{"dest is the source", src, src, sitrep.EINVALID},
		{"no source", filepath.Join(dir, "missing.db"), filepath.Join(dir, "new1.db"), sitrep.ENOTFOUND},
		{"not a sitrep store", foreign, filepath.Join(dir, "new2.db"), sitrep.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.dest)
			_, err := Backup(t.Context(), tt.src, tt.dest, false)
			if got := sitrep.ErrorCode(err); got != tt.code {
				t.Fatalf("error %v (code %q), want code %q", err, got, tt.code)
			}
			after, _ := os.ReadFile(tt.dest)
			if string(before) != string(after) {
				t.Errorf("%s changed by a refused backup", tt.dest)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if name := e.Name(); name != "src.db" && name != "src.db-wal" && name != "src.db-shm" &&
			name != "existing.db" && name != "foreign.db" {
			t.Errorf("refused backups left %s", name)
		}
	}

	info, err := Backup(t.Context(), src, existing, true)
	if err != nil {
		t.Fatalf("Backup with overwrite: %v", err)
	}
	if info.Articles != 3 {
		t.Errorf("replaced backup holds %d articles, want 3", info.Articles)
	}
}
