package web_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/sitrep-project/sitrep/internal/connect"
	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/internal/web"
)

// TestBrowser serves the sample corpus, ingested with the real extractor,
// and runs browsertest/run.mjs: headless chromium, driven by
// playwright-core, reads it as a person would and writes screenshots to
// the test's artifact directory (go test -artifacts), or to
// $SITREP_BROWSER_OUT. Without chromium or node_modules it skips, except
// under CI=true, where it fails.
func TestBrowser(t *testing.T) {
	b := needBrowser(t)
	root := b.root

	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "browser.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	x, err := extract.Load(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	analyze := func(a *sitrep.Article) { a.Analysis = x.Analyze(extract.DocumentOf(a)) }
	sum, err := ingest.New(db, ingest.Options{Analyze: analyze, Connect: connect.New(db, connect.Options{}).Connect}).Run(ctx, []string{filepath.Join(root, "samples", "html"), filepath.Join(root, "samples", "text"), filepath.Join(root, "samples", "batch.jsonl")}, nil)
	if err != nil || sum.Added < 40 {
		t.Fatalf("ingest samples: %v, %s", err, sum)
	}
	idx := index.New(db.SQL())
	if _, err := idx.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	// An editor for run.mjs to log in as; comments are moderated.
	const editor, editorPassword = "desk-editor", "browser test passphrase"
	if _, err := db.CreateUser(ctx, editor, sitrep.RoleEditor, editorPassword); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{Store: db, Index: idx, Stories: db, Accounts: db, Comments: db, CommentsModerated: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	b.run(t, "run.mjs", []string{srv.URL(), b.out}, "SITREP_EDITOR="+editor, "SITREP_EDITOR_PASSWORD="+editorPassword)
}
