package replica_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/replica"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

func open(t *testing.T, name string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func article(id, title, body string) *sitrep.Article {
	a := &sitrep.Article{ID: id, Input: id + ".txt", Format: "text", Title: title, Body: body,
		Retrieved: time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC),
		Analysis:  &sitrep.Analysis{Countries: []sitrep.CountryScore{{Code: "SY", Name: "Syria", Score: 1}}}}
	a.Normalize()
	return a
}

func syncN(t *testing.T, r *replica.Replicator, want int, what string) {
	t.Helper()
	n, err := r.Sync(context.Background())
	if err != nil {
		t.Fatalf("%s: Sync: %v", what, err)
	}
	if n != want {
		t.Errorf("%s: Sync copied %d, want %d", what, n, want)
	}
}

// The replica follows a store through new articles, new analyses of the
// same text, new texts and a restart, and re-reading its lag window
// copies nothing twice. The source here is SQLite; PostgreSQL's change
// feed passes the same conformance suite (storetest.RunChanges).
func TestReplicaFollows(t *testing.T) {
	ctx := context.Background()
	src, dst := open(t, "source.db"), open(t, "replica.db")
	r := &replica.Replicator{From: src, To: dst, Source: "test", Lag: time.Hour}
	if _, err := src.PutArticles(ctx, []*sitrep.Article{article("a1", "One", "The convoy left."), article("a2", "Two", "The road was cut."), article("a3", "Three", "Strikes hit the bridge.")}); err != nil {
		t.Fatal(err)
	}
	syncN(t, r, 3, "first sync")
	if n, _ := dst.CountArticles(ctx); n != 3 {
		t.Fatalf("replica holds %d articles, want 3", n)
	}
	syncN(t, r, 0, "nothing new (the lag window is read again)")

	newer := &sitrep.Analysis{Countries: []sitrep.CountryScore{{Code: "IQ", Name: "Iraq", Score: 1}}}
	if err := src.PutAnalysis(ctx, "a2", newer); err != nil {
		t.Fatal(err)
	}
	syncN(t, r, 1, "new analysis")
	got, err := dst.Article(ctx, "a2")
	if err != nil || got.Analysis == nil || got.Analysis.Countries[0].Code != "IQ" {
		t.Fatalf("replica's a2 = %+v, %v; want the new analysis", got, err)
	}

	restarted := &replica.Replicator{From: src, To: dst, Source: "test", Lag: time.Millisecond}
	syncN(t, restarted, 0, "restart: the mark was kept")
	if _, err := src.PutArticles(ctx, []*sitrep.Article{article("a1", "One, updated", "The convoy left at dawn.")}); err != nil {
		t.Fatal(err)
	}
	syncN(t, restarted, 1, "new text")
	if got, err := dst.Article(ctx, "a1"); err != nil || got.Title != "One, updated" {
		t.Errorf("replica's a1 = %+v, %v; want the new text", got, err)
	}
	hits, err := dst.Search(ctx, sitrep.SearchQuery{Text: "dawn"})
	if err != nil || len(hits) != 1 {
		t.Errorf("search the replica for the new text: %d hits, %v", len(hits), err)
	}
}
