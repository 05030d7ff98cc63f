package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func (m *Main) ingestCommand() *cobra.Command {
	var (
		asJSON    bool
		userAgent string
		timeout   time.Duration
		maxBytes  int64
		batch     int
		connect   bool
	)
	cmd := &cobra.Command{
		Use:   "ingest INPUT...",
		Short: "Store articles from files, directories, URLs, stdin or JSONL batches",
		Long: `Ingest reads news articles and stores them. An input is a file (HTML, plain
text, JSON or JSONL), a directory (read recursively), an http(s) URL, or "-"
for standard input. JSONL lines are {"id","title","text","published","url","source"}.

Page chrome such as "Published: 5 years ago | Country: , , | Comments: No
Comments" and "Written by The Levant" becomes metadata, not body. Relative
dates resolve against the retrieval time (HTTP Date header or file time).

An input that fails is reported with its reason and skipped; the rest are
stored. Re-ingesting an article reports it unchanged, so an interrupted run
resumes by running it again. Exit status: 0 all stored, 1 some failed,
2 usage error.`,
		Example: `  sitrep ingest article.html
  sitrep ingest --db news.db corpus/ batch.jsonl
  sitrep ingest https://example.org/2017/08/30/convoy.html
  curl -s https://example.org/feed.jsonl | sitrep ingest -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			db, err := m.openBackend(ctx)
			if err != nil {
				return err
			}
			defer db.Close()

			x, err := m.loadExtractor()
			if err != nil {
				return err
			}
			progress := m.newProgress("ingesting")
			ing := ingest.New(db, ingest.Options{
				Analyze:      analyzer(x),
				Connect:      connectHook(db, connect),
				Fetcher:      fetch.New(fetch.Config{UserAgent: userAgent, Timeout: timeout, MaxBytes: maxBytes}),
				MaxFileBytes: maxBytes,
				BatchSize:    batch,
				Progress:     progress,
			})
			sum, err := ing.Run(ctx, args, m.stdin())
			progress.Finish()
			if err != nil {
				return err
			}
			return m.reportSummary(sum, asJSON)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, "print the summary as JSON")
	f.StringVar(&userAgent, "user-agent", "", "User-Agent for HTTP requests (default sitrep/VERSION)")
	f.DurationVar(&timeout, "timeout", 30*time.Second, "timeout for one HTTP request")
	f.Int64Var(&maxBytes, "max-bytes", ingest.DefaultMaxFileBytes, "largest file or page accepted, in bytes")
	f.IntVar(&batch, "batch", 200, "articles committed per transaction")
	f.BoolVar(&connect, "connect", true, "link duplicates and group articles into stories as they are stored (--connect=false skips it for a bulk load)")
	f.StringSliceVar(&m.gazetteers, "gazetteer", nil, "extra places from a TSV file (repeatable)")
	return cmd
}

// analyzer adapts the extractor to the ingester's hook.
func analyzer(x *extract.Extractor) func(*sitrep.Article) {
	return func(a *sitrep.Article) { a.Analysis = x.Analyze(extract.DocumentOf(a)) }
}

// connectHook returns the story connector, or nil when connecting is off.
func connectHook(db sitrep.StoryStore, on bool) func(context.Context, []*sitrep.Article) error {
	if !on {
		return nil
	}
	return connector(db)
}

// reportSummary prints the batch summary and returns errPartial when some
// inputs failed, which makes the exit status 1.
func (m *Main) reportSummary(sum ingest.Summary, asJSON bool) error {
	if asJSON {
		type failure struct {
			Input  string `json:"input"`
			Reason string `json:"reason"`
		}
		out := struct {
			ingest.Summary
			Failures []failure `json:"failures"`
			Seconds  float64   `json:"seconds"`
		}{Summary: sum, Failures: []failure{}, Seconds: sum.Elapsed.Seconds()}
		for _, f := range sum.Failures {
			out.Failures = append(out.Failures, failure{f.Input, describe(f.Err)})
		}
		if err := writeJSON(m.Stdout, out); err != nil {
			return err
		}
	} else {
		for _, f := range sum.Failures {
			fmt.Fprintf(m.Stderr, "failed: %s\n", describe(f.Err))
		}
		if !m.quiet || sum.Failed > 0 {
			fmt.Fprintf(m.Stdout, "%s in %s\n", sum, sum.Elapsed.Round(time.Millisecond))
		}
	}
	if sum.Failed > 0 || sum.Interrupted {
		return errPartial
	}
	return nil
}
