package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/parse"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/worker"
)

// jobCommands are the commands of the job queue: enqueue, worker, jobs.
func (m *Main) jobCommands() []*cobra.Command {
	return []*cobra.Command{m.enqueueCommand(), m.workerCommand(), m.jobsCommand()}
}

// openQueue opens the database named by --db as a job queue.
func (m *Main) openQueue(ctx context.Context) (worker.Store, error) {
	db, err := m.openBackend(ctx)
	if err != nil {
		return nil, err
	}
	q, ok := db.(worker.Store)
	if !ok {
		db.Close()
		return nil, sitrep.Errorf(sitrep.EUNSUPPORTED, "the database %s keeps no job queue", m.dbPath)
	}
	return q, nil
}

// enqueueBatch is how many jobs one transaction adds.
const enqueueBatch = 500

func (m *Main) enqueueCommand() *cobra.Command {
	var (
		asJSON      bool
		extract     bool
		maxAttempts int
	)
	cmd := &cobra.Command{
		Use:   "enqueue INPUT...",
		Short: "Queue inputs for `sitrep worker` to ingest",
		Long: `Enqueue adds ingest jobs to the queue kept in the database named by --db;
workers started with 'sitrep worker' (on this machine or any other that
reaches the database) or 'sitrep serve --workers N' process them.

An input is a file (one job), a directory (one job per file, recursively,
hidden files skipped), an http(s) URL (one job), or "-" for standard input:
a JSONL stream becomes one job per line, anything else one job. Files are
queued by absolute path: workers on other machines need the same path.

A source already queued or running is not queued twice. With --extract the
inputs are ids of stored articles to analyse again with the current
extractor.`,
		Example: `  sitrep --db news.db enqueue corpus/ https://example.org/news/1.html
  sitrep --db postgres://sitrep@db/sitrep enqueue - < batch.jsonl
  sitrep --db news.db enqueue --extract a3k2... a7q1...`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			q, err := m.openQueue(ctx)
			if err != nil {
				return err
			}
			defer q.Close()
			e := &enqueuer{q: q, maxAttempts: maxAttempts}
			for _, in := range args {
				if err := e.input(ctx, in, extract, m.stdin()); err != nil {
					return err
				}
			}
			if err := e.flush(ctx); err != nil {
				return err
			}
			return m.reportEnqueued(e, asJSON)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, "print the outcome as JSON")
	f.BoolVar(&extract, "extract", false, "the inputs are article ids to analyse again")
	f.IntVar(&maxAttempts, "max-attempts", sitrep.DefaultMaxAttempts, "how often a job is tried before it is marked failed")
	return cmd
}

// enqueuer turns inputs into jobs and adds them in batches.
type enqueuer struct {
	q           sitrep.JobQueue
	maxAttempts int
	pending     []*sitrep.Job
	added, dup  int
	failures    []string
}

func (e *enqueuer) add(ctx context.Context, j *sitrep.Job) error {
	j.MaxAttempts = e.maxAttempts
	e.pending = append(e.pending, j)
	if len(e.pending) >= enqueueBatch {
		return e.flush(ctx)
	}
	return nil
}

func (e *enqueuer) flush(ctx context.Context) error {
	if len(e.pending) == 0 {
		return nil
	}
	res, err := e.q.Enqueue(ctx, e.pending)
	if err != nil {
		return err
	}
	for _, r := range res {
		if r.Added {
			e.added++
		} else {
			e.dup++
		}
	}
	e.pending = e.pending[:0]
	return nil
}

// input queues one command-line input.
func (e *enqueuer) input(ctx context.Context, in string, extract bool, stdin *bufio.Reader) error {
	switch {
	case extract:
		return e.add(ctx, worker.ExtractArticle(in))
	case in == "-":
		return e.stdin(ctx, stdin)
	case strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://"):
		return e.add(ctx, worker.IngestSource(in))
	}
	abs, err := filepath.Abs(in)
	if err != nil {
		e.failures = append(e.failures, fmt.Sprintf("%s: %v", in, err))
		return nil
	}
	info, err := os.Stat(abs)
	if err != nil {
		e.failures = append(e.failures, fmt.Sprintf("%s: no such file or directory", in))
		return nil
	}
	if !info.IsDir() {
		return e.add(ctx, worker.IngestSource(abs))
	}
	files, err := ingest.Files(abs, func(path string, err error) {
		e.failures = append(e.failures, fmt.Sprintf("%s: %v", path, err))
	})
	if err != nil {
		return fmt.Errorf("enqueue %s: %w", in, err)
	}
	for _, f := range files {
		if err := e.add(ctx, worker.IngestSource(f)); err != nil {
			return err
		}
	}
	return nil
}

// stdin queues standard input: one job per line of a JSONL stream, else
// one job for the whole document.
func (e *enqueuer) stdin(ctx context.Context, r *bufio.Reader) error {
	head, _ := r.Peek(64 << 10)
	if parse.Format("-", "", head) != "jsonl" {
		doc, err := io.ReadAll(io.LimitReader(r, ingest.DefaultMaxFileBytes+1))
		if err != nil {
			return fmt.Errorf("enqueue -: read: %w", err)
		}
		if len(doc) > ingest.DefaultMaxFileBytes {
			e.failures = append(e.failures, fmt.Sprintf("-: document larger than %d bytes", ingest.DefaultMaxFileBytes))
			return nil
		}
		if strings.TrimSpace(string(doc)) == "" {
			e.failures = append(e.failures, "-: empty input")
			return nil
		}
		return e.add(ctx, worker.IngestDocument(string(doc)))
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), ingest.DefaultMaxFileBytes)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if !json.Valid([]byte(line)) {
			e.failures = append(e.failures, fmt.Sprintf("-:%d: not a JSON line", n))
			continue
		}
		if err := e.add(ctx, worker.IngestDocument(line)); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("enqueue -: %w", err)
	}
	return nil
}

func (m *Main) reportEnqueued(e *enqueuer, asJSON bool) error {
	if asJSON {
		out := struct {
			Queued        int      `json:"queued"`
			AlreadyQueued int      `json:"already_queued"`
			Failures      []string `json:"failures"`
		}{e.added, e.dup, e.failures}
		if out.Failures == nil {
			out.Failures = []string{}
		}
		if err := writeJSON(m.Stdout, out); err != nil {
			return err
		}
	} else {
		for _, f := range e.failures {
			fmt.Fprintf(m.Stderr, "failed: %s\n", f)
		}
		if !m.quiet || len(e.failures) > 0 {
			fmt.Fprintf(m.Stdout, "%d queued, %d already queued, %d failed\n", e.added, e.dup, len(e.failures))
		}
	}
	if len(e.failures) > 0 {
		return errPartial
	}
	return nil
}

// workerFlags are the settings `sitrep worker` and `sitrep serve --workers`
// share.
type workerFlags struct {
	name        string
	concurrency int
	lease       time.Duration
	poll        time.Duration
	grace       time.Duration
	userAgent   string
	timeout     time.Duration
	maxBytes    int64
	connect     bool
}

// options turns the flags into worker options; the extractor loads when
// the first job needs it.
func (m *Main) workerOptions(f workerFlags, logger *slog.Logger) worker.Options {
	return worker.Options{
		Name:        f.name,
		Concurrency: f.concurrency,
		Lease:       f.lease,
		Poll:        f.poll,
		Grace:       f.grace,
		Fetcher:     fetch.New(fetch.Config{UserAgent: f.userAgent, Timeout: f.timeout, MaxBytes: f.maxBytes}),
		Analyzer: func() (func(*sitrep.Article), error) {
			x, err := m.loadExtractor()
			if err != nil {
				return nil, err
			}
			return analyzer(x), nil
		},
		MaxFileBytes: f.maxBytes,
		NoConnect:    !f.connect,
		Logger:       logger,
	}
}

func (m *Main) workerCommand() *cobra.Command {
	var (
		wf     workerFlags
		drain  bool
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Process queued jobs: ingest sources, analyse articles again",
		Long: `Worker claims jobs from the queue in the database named by --db (SQLite file
or postgres:// URL) and runs them: an ingest job reads or fetches its source,
parses, analyses and stores it, then its articles are connected into stories;
an extract job analyses a stored article again. Any number of workers may
share a queue, on one machine or several (PostgreSQL).

Each claimed job is leased to the worker for --lease and renewed while it
runs; if the worker dies, the job is taken again once the lease expires. A
failed job is retried with growing delays (5 s, 10 s, ... up to 10 min)
unless its error is permanent (a bad document), up to its maximum attempts.
Running a job twice has the effect of once.

SIGTERM or Ctrl-C stops claiming, lets running jobs finish for --grace, then
gives the rest back to the queue.`,
		Example: `  sitrep --db news.db worker
  sitrep --db postgres://sitrep@db/sitrep worker --concurrency 4 --id ingest-1
  sitrep --db news.db worker --exit-when-done --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			q, err := m.openQueue(ctx)
			if err != nil {
				return err
			}
			defer q.Close()
			logger := m.workerLogger()
			opt := m.workerOptions(wf, logger)
			opt.ExitWhenDone = drain
			w := worker.New(q, opt)
			logger.Info("worker started", "worker", w.Name(), "concurrency", max(wf.concurrency, 1), "lease", wf.lease)
			if err := w.Run(ctx); err != nil {
				return err
			}
			if asJSON {
				return writeJSON(m.Stdout, w.Counts())
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&drain, "exit-when-done", false, "exit once no job is queued or running and every stored article is connected")
	f.BoolVar(&asJSON, "json", false, "print what this worker did as JSON when it exits")
	addWorkerFlags(f, &wf, "")
	f.IntVar(&wf.concurrency, "concurrency", 1, "jobs run at once")
	f.StringSliceVar(&m.gazetteers, "gazetteer", nil, "extra places from a TSV file (repeatable)")
	return cmd
}

// addWorkerFlags defines the worker settings; prefix names them in serve.
func addWorkerFlags(f flagSet, wf *workerFlags, prefix string) {
	f.StringVar(&wf.name, prefix+"id", "", "worker name for its leases (default host-pid-random)")
	f.DurationVar(&wf.lease, prefix+"lease", worker.DefaultLease, "how long a claimed job stays this worker's without renewal")
	f.DurationVar(&wf.poll, prefix+"poll", worker.DefaultPoll, "longest wait between claims when the queue is empty")
	f.DurationVar(&wf.grace, prefix+"grace", worker.DefaultGrace, "how long running jobs may finish after SIGTERM before they are given back")
	f.StringVar(&wf.userAgent, prefix+"user-agent", "", "User-Agent for HTTP requests (default sitrep/VERSION)")
	f.DurationVar(&wf.timeout, prefix+"timeout", 30*time.Second, "timeout for one HTTP request")
	f.Int64Var(&wf.maxBytes, prefix+"max-bytes", ingest.DefaultMaxFileBytes, "largest file or page accepted, in bytes")
	f.BoolVar(&wf.connect, prefix+"connect", true, "connect stored articles into stories")
}

// flagSet is the part of pflag.FlagSet the worker flags use.
type flagSet interface {
	StringVar(p *string, name, value, usage string)
	DurationVar(p *time.Duration, name string, value time.Duration, usage string)
	Int64Var(p *int64, name string, value int64, usage string)
	BoolVar(p *bool, name string, value bool, usage string)
}

func (m *Main) jobsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "jobs",
		Short: "Count the queue's jobs by state",
		Long: `Jobs counts the jobs in the queue of the database named by --db: queued,
running (and of those, expired: their worker died or hangs), done and
failed, and the stored articles waiting to be connected into stories.`,
		Example: `  sitrep --db news.db jobs
  sitrep --db postgres://sitrep@db/sitrep jobs --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			q, err := m.openQueue(ctx)
			if err != nil {
				return err
			}
			defer q.Close()
			s, err := q.Stats(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(m.Stdout, s)
			}
			fmt.Fprintf(m.Stdout, "%d queued, %d running (%d expired), %d done, %d failed; %d articles to connect\n",
				s.Queued, s.Running, s.Expired, s.Done, s.Failed, s.Connecting)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the counts as JSON")
	return cmd
}

// startWorkers runs the workers `sitrep serve --workers N` embeds until ctx
// is done or the returned stop is called; stop waits for them to finish or
// give back their jobs.
func (m *Main) startWorkers(ctx context.Context, q worker.Store, wf workerFlags) (stop func()) {
	if wf.concurrency <= 0 {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	logger := m.workerLogger()
	w := worker.New(q, m.workerOptions(wf, logger))
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := w.Run(ctx); err != nil {
			logger.Error("workers", "err", err)
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// workerLogger is the run's logger (--log-format, --log-level), or plain
// text warnings when a caller bypassed the root command.
func (m *Main) workerLogger() *slog.Logger {
	if m.logger != nil {
		return m.logger
	}
	return slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
}
