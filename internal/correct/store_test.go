package correct_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/correct"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

func TestStore(t *testing.T) {
	ctx := t.Context()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "correct.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a := &sitrep.Article{Input: "a.txt", Format: "text", Title: "Clash near Thiban", Body: "Fighters clashed near Thiban.",
		Retrieved: time.Date(2026, 10, 6, 0, 0, 0, 0, time.UTC), Analysis: analysis()}
	b := &sitrep.Article{Input: "b.txt", Format: "text", Title: "Quiet day", Body: "Nothing happened.",
		Retrieved: time.Date(2026, 10, 7, 0, 0, 0, 0, time.UTC), Analysis: analysis()}
	a.Normalize()
	b.Normalize()
	if _, err := db.PutArticles(ctx, []*sitrep.Article{a, b}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []sitrep.Correction{
		corr(sitrep.TargetEvent, sitrep.ActionReject, attackKey, ""),
		corr(sitrep.TargetPlace, sitrep.ActionReject, "900:905", ""),
	} {
		c.ArticleID = a.ID
		if err := db.AddCorrection(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	s := correct.NewStore(db, db)

	got, res, history, err := s.Corrected(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Analysis.Events) != 1 || len(history) != 2 || len(res.Orphans) != 1 || res.Orphans[0].Key != "900:905" {
		t.Errorf("Corrected: %d events, %d in history, orphans %+v; want 1, 2 and the place", len(got.Analysis.Events), len(history), res.Orphans)
	}
	one, err := s.Article(ctx, a.ID)
	if err != nil || len(one.Analysis.Events) != 1 {
		t.Errorf("Article: %v, want the rejected event gone", err)
	}
	list, err := s.Articles(ctx, sitrep.ArticleFilter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("Articles: %d, %v", len(list), err)
	}
	for _, art := range list {
		want := 2
		if art.ID == a.ID {
			want = 1
		}
		if n := len(art.Analysis.Events); n != want {
			t.Errorf("article %s lists %d events, want %d", art.Title, n, want)
		}
	}
	if _, err := s.Article(ctx, "nope"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("unknown article: %v, want %s", err, sitrep.ENOTFOUND)
	}
	// The store underneath keeps the extractor's analysis.
	raw, err := db.Article(ctx, a.ID)
	if err != nil || len(raw.Analysis.Events) != 2 {
		t.Errorf("raw article: %v, want both events kept", err)
	}
}
