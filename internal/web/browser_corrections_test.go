package web_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/internal/web"
)

// TestBrowserCorrections serves a sample report, analysed by the real
// extractor, with corrections on, and runs browsertest/corrections.mjs:
// an editor logs in, rejects an event, confirms another, and a reader on a
// phone sees the result. It skips as TestBrowser does.
func TestBrowserCorrections(t *testing.T) {
	b := needBrowser(t)
	root := b.root

	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "corrections.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x, err := extract.Load(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	analyze := func(a *sitrep.Article) { a.Analysis = x.Analyze(extract.DocumentOf(a)) }
	sample := filepath.Join(root, "samples", "text", "gulfdispatch-2026-10-09-mashjah-drone-strike.txt")
	if sum, err := ingest.New(db, ingest.Options{Analyze: analyze}).Run(ctx, []string{sample}, nil); err != nil || sum.Added != 1 {
		t.Fatalf("ingest %s: %v, %s", sample, err, sum)
	}
	arts, err := db.Articles(ctx, sitrep.ArticleFilter{})
	if err != nil || len(arts) != 1 || arts[0].Analysis == nil || len(arts[0].Analysis.Events) < 2 {
		t.Fatalf("the sample has no two events to correct: %v", err)
	}
	if _, err := db.CreateUser(ctx, "rana", sitrep.RoleEditor, testPassword); err != nil {
		t.Fatal(err)
	}
	idx := index.New(db.SQL())
	if _, err := idx.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{Store: db, Index: idx, Accounts: db, Comments: db, CommentsModerated: true, Corrections: db})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	b.run(t, "corrections.mjs", []string{srv.URL(), b.out, arts[0].ID, "rana", testPassword})
	cs, err := db.Corrections(ctx, sitrep.CorrectionFilter{ArticleID: arts[0].ID})
	if err != nil || len(cs) != 2 || cs[0].Action != sitrep.ActionReject || cs[1].Action != sitrep.ActionConfirm || cs[0].Editor != "rana" {
		t.Errorf("stored corrections = %+v, %v; want rana's rejection then confirmation", cs, err)
	}
}
