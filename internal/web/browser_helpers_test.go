package web_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// browser is what a browser test needs: node, Debian's chromium and the
// npm packages in the repository's node_modules.
type browser struct {
	root, node, chromium string
	out                  string // where scripts write screenshots
}

// needBrowser returns the browser harness, or skips the test when node,
// chromium or playwright-core is missing, except under CI=true, where it
// fails: CI installs them (scripts/ci-deps.sh).
func needBrowser(t *testing.T) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test in -short mode")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{root: root, chromium: os.Getenv("CHROMIUM")}
	if b.chromium == "" {
		b.chromium = "/usr/bin/chromium"
	}
	node, nodeErr := exec.LookPath("node")
	b.node = node
	missing := ""
	switch {
	case nodeErr != nil:
		missing = "node is not installed"
	case !exists(b.chromium):
		missing = b.chromium + " is not installed (scripts/ci-deps.sh installs it)"
	case !exists(filepath.Join(root, "node_modules", "playwright-core")):
		missing = "node_modules/playwright-core is missing (run npm ci)"
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("browser test cannot run in CI: %s", missing)
		}
		t.Skip(missing)
	}
	if b.out = os.Getenv("SITREP_BROWSER_OUT"); b.out == "" {
		b.out = t.ArtifactDir()
	}
	return b
}

// run runs the script in browsertest/ with args and the extra environment,
// for at most three minutes, and fails the test when it fails.
func (b *browser) run(t *testing.T, script string, args []string, env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, b.node, append([]string{filepath.Join("browsertest", script)}, args...)...)
	cmd.Env = append(append(os.Environ(), "CHROMIUM="+b.chromium, "NODE_PATH="+filepath.Join(b.root, "node_modules")), env...)
	output, err := cmd.CombinedOutput()
	t.Logf("node browsertest/%s:\n%s", script, output)
	if err != nil {
		t.Fatalf("browser test %s failed: %v (screenshots in %s)", script, err, b.out)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
