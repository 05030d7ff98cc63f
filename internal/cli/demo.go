package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/samples"
)

func (m *Main) demoCommand() *cobra.Command {
	var (
		query string
		serve bool
		addr  string
	)
	cmd := &cobra.Command{
		Use:   "demo [DIR]",
		Short: "Ingest the sample corpus (or DIR) and show what was stored and found",
		Long: `Demo ingests a corpus into the database named by --db and prints what it
stored: each article with its byline, published date and page fields, then a
search. Without DIR it uses the fictional sample corpus built into the binary.`,
		Example: `  sitrep --db demo.db demo
  sitrep --db demo.db demo samples/ --query "air strike"
  sitrep --db demo.db demo --serve --addr 127.0.0.1:8080`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			dir := ""
			if len(args) == 1 {
				dir = args[0]
			} else {
				tmp, err := os.MkdirTemp("", "sitrep-samples-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(tmp)
				if err := writeFS(tmp, samples.FS); err != nil {
					return fmt.Errorf("demo: unpack samples: %w", err)
				}
				dir = tmp
			}
			db, err := m.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()

			x, err := m.loadExtractor()
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "Ingesting %s into %s\n", displayDir(dir, len(args) == 0), m.dbPath)
			progress := m.newProgress("ingesting")
			sum, err := ingest.New(db, ingest.Options{Progress: progress, Analyze: analyzer(x), Connect: connector(db)}).Run(ctx, []string{dir}, m.stdin())
			progress.Finish()
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "%s in %s\n\n", sum, sum.Elapsed.Round(1e6))
			for _, f := range sum.Failures {
				fmt.Fprintf(m.Stderr, "failed: %s\n", describe(f.Err))
			}

			n, err := db.CountArticles(ctx)
			if err != nil {
				return err
			}
			arts, err := db.Articles(ctx, sitrep.ArticleFilter{Limit: 100})
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "Stored articles (%d), newest first:\n", n)
			for _, a := range arts {
				fmt.Fprintf(m.Stdout, "  %s  %-10s  %-22s  %s\n", a.ID, shortDate(a), clip(firstNonEmpty(a.Source, a.Byline), 22), clip(a.Title, 70))
				if a.Analysis != nil {
					fmt.Fprintf(m.Stdout, "  %13s  Country: %s | Topics: %s\n", "", orNone(countryNames(a.Analysis, 3)), orNone(topicLabels(a.Analysis, 3)))
				}
			}
			hits, err := db.Search(ctx, sitrep.SearchQuery{Text: query, Limit: 5})
			if err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "\nSearch %q: %d best matches\n", query, len(hits))
			for _, h := range hits {
				fmt.Fprintf(m.Stdout, "  %6.2f  %s  %s\n          %s\n", h.Score, h.ID, clip(h.Title, 70), clip(h.Snippet, 100))
			}
			fmt.Fprintf(m.Stdout, "\nTry: sitrep --db %s show %s\n", m.dbPath, firstID(arts))
			if sum.Failed > 0 {
				return errPartial
			}
			if serve {
				return m.serve(ctx, db, serveOptions{stories: db}, addr, "", 10*time.Second, true)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&query, "query", "convoy", "search to run after ingesting")
	cmd.Flags().BoolVar(&serve, "serve", false, "then serve the reader site (see sitrep serve)")
	cmd.Flags().StringVar(&addr, "addr", DefaultAddr, "address to serve on, with --serve")
	return cmd
}

func displayDir(dir string, builtin bool) string {
	if builtin {
		return "the built-in sample corpus"
	}
	return dir
}

func firstID(arts []*sitrep.Article) string {
	if len(arts) == 0 {
		return "ID"
	}
	return arts[0].ID
}

func shortDate(a *sitrep.Article) string {
	if a.Published == nil {
		return "-"
	}
	return formatAt(*a.Published, a.PublishedPrecision)
}

// clip writes s on one line, its whitespace folded, cut to n runes with
// an ellipsis: a cell of a table printed for people.
func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// writeFS copies an embedded tree to dir.
func writeFS(dir string, fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == "." {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(path))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if strings.HasSuffix(path, ".go") {
			return nil
		}
		data, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return err
		}
		// Relative dates in the corpus ("Published: 2 days ago") count back
		// from the day it notionally was retrieved (samples/README.md); a
		// file's modification time is its retrieval time.
		return os.Chtimes(target, samplesRetrieved, samplesRetrieved)
	})
}

var samplesRetrieved = time.Date(2026, 10, 15, 12, 0, 0, 0, time.UTC)

func countryNames(a *sitrep.Analysis, n int) string {
	var out []string
	for _, c := range a.Countries[:min(n, len(a.Countries))] {
		out = append(out, c.Name)
	}
	return strings.Join(out, ", ")
}

func topicLabels(a *sitrep.Analysis, n int) string {
	var out []string
	for _, t := range a.Topics[:min(n, len(a.Topics))] {
		out = append(out, t.Label)
	}
	return strings.Join(out, ", ")
}
