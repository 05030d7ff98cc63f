package ingest_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// TestConnectHook checks the hook sees each batch's added and updated
// articles once they are stored, and never the unchanged ones.
func TestConnectHook(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), []byte(plain))
	writeFile(t, filepath.Join(dir, "b.html"), []byte(page))
	db := openStore(t)
	var calls [][]string
	hook := func(ctx context.Context, arts []*sitrep.Article) error {
		var ids []string
		for _, a := range arts {
			if _, err := db.Article(ctx, a.ID); err != nil {
				t.Errorf("hook got %s before it was stored: %v", a.ID, err)
			}
			ids = append(ids, a.Title)
		}
		slices.Sort(ids)
		calls = append(calls, ids)
		return nil
	}
	run := func(opt ingest.Options) ingest.Summary {
		t.Helper()
		opt.Connect = hook
		sum, err := ingest.New(db, opt).Run(t.Context(), []string{dir}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	run(ingest.Options{BatchSize: 1})
	want := [][]string{{"Aid convoy reaches besieged town after weeks of talks"}, {"Strikes hit road near border"}}
	if !slices.EqualFunc(calls, want, slices.Equal) {
		t.Fatalf("first run: hook calls %v, want %v", calls, want)
	}

	calls = nil
	writeFile(t, filepath.Join(dir, "b.html"), []byte(strings.Replace(page, "dozens of families", "hundreds of families", 1)))
	run(ingest.Options{})
	want = [][]string{{"Strikes hit road near border"}}
	if !slices.EqualFunc(calls, want, slices.Equal) {
		t.Errorf("second run (one page updated): hook calls %v, want %v", calls, want)
	}

	failing := func(context.Context, []*sitrep.Article) error { return errors.New("story store full") }
	writeFile(t, filepath.Join(dir, "c.txt"), []byte(strings.Replace(plain, "twelve trucks", "nine trucks", 1)))
	_, err := ingest.New(db, ingest.Options{Connect: failing}).Run(t.Context(), []string{dir}, nil)
	if err == nil || !strings.Contains(err.Error(), "story store full") {
		t.Errorf("failing hook: got %v, want its error", err)
	}
}
