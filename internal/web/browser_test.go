package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

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
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	node, nodeErr := exec.LookPath("node")
	missing := ""
	switch {
	case nodeErr != nil:
		missing = "node is not installed"
	case !exists(chromium):
		missing = chromium + " is not installed (scripts/ci-deps.sh installs it)"
	case !exists(filepath.Join(root, "node_modules", "playwright-core")):
		missing = "node_modules/playwright-core is missing (run npm ci)"
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("browser test cannot run in CI: %s", missing)
		}
		t.Skip(missing)
	}

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

	out := os.Getenv("SITREP_BROWSER_OUT")
	if out == "" {
		out = t.ArtifactDir()
	}
	runCtx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(runCtx, node, filepath.Join("browsertest", "run.mjs"), srv.URL(), out)
	cmd.Dir = "."
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium, "NODE_PATH="+filepath.Join(root, "node_modules"),
		"SITREP_EDITOR="+editor, "SITREP_EDITOR_PASSWORD="+editorPassword)
	output, err := cmd.CombinedOutput()
	t.Logf("node browsertest/run.mjs:\n%s", output)
	if err != nil {
		t.Fatalf("browser test failed: %v (screenshots in %s)", err, out)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
