// Package cli is sitrep's command line: cobra commands over a Main struct
// that holds everything a command needs from its environment, so tests can
// run any command in-process with their own stdin, stdout, stderr and
// temporary database.
package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/postgres"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailed  = 1 // the command ran but some inputs failed
	ExitUsage   = 2 // bad flags or arguments
	ExitRuntime = 1
)

// Main is one run of the sitrep program.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Terminal reports whether Stderr is an interactive terminal, which
	// decides whether progress bars are drawn.
	Terminal bool

	// Set from flags while running.
	dbPath     string
	quiet      bool
	gazetteers []string
	poll       pollOptions // serve's feed polling
	metrics    string      // serve's --metrics
	alerts     alertOpts   // serve's --alerts-every
	logFormat  string
	logLevel   string
	logger     *slog.Logger // from --log-format and --log-level, built before any command runs
}

// NewMain returns a Main wired to the process's standard streams.
func NewMain() *Main {
	return &Main{
		Stdin:    os.Stdin,
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Getenv:   os.Getenv,
		Terminal: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// usageError marks errors in how the command was called (exit code 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// partialError marks a run where some inputs failed (exit code 1) after
// the command already printed what failed.
var errPartial = errors.New("some inputs failed")

// Run executes the command line args (without the program name) and
// returns the process exit code.
func (m *Main) Run(ctx context.Context, args []string) int {
	if m.Getenv == nil {
		m.Getenv = func(string) string { return "" }
	}
	if m.Stdin == nil {
		m.Stdin = eofReader{}
	}
	root := m.rootCommand()
	root.SetArgs(args)
	root.SetIn(m.Stdin)
	root.SetOut(m.Stdout)
	root.SetErr(m.Stderr)
	err := root.ExecuteContext(ctx)
	var ue usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errPartial):
		return ExitFailed
	case errors.As(err, &ue):
		fmt.Fprintf(m.Stderr, "sitrep: %v\nRun 'sitrep --help' for usage.\n", err)
		return ExitUsage
	}
	fmt.Fprintf(m.Stderr, "sitrep: %s\n", describe(err))
	return ExitRuntime
}

// describe renders an error for the terminal: user-safe messages as they
// are, internal errors with their detail (the user is the operator here).
func describe(err error) string {
	var e *sitrep.Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return err.Error()
}

func (m *Main) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "sitrep",
		Short: "Turn conflict reporting into structured, sourced, mapped data",
		Long: `sitrep ingests news articles (files, web pages, stdin, JSONL batches), keeps
them in an embedded SQLite store and finds them again.`,
		Example: `  sitrep ingest articles/ https://example.org/news/1.html
  sitrep search convoy
  sitrep show a3k2...
  SITREP_DB=/var/lib/sitrep.db sitrep search "air strike"
  sitrep --db postgres://sitrep:secret@localhost/sitrep ingest feed.jsonl`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	defaultDB := m.Getenv("SITREP_DB")
	if defaultDB == "" {
		defaultDB = "sitrep.db"
	}
	root.PersistentFlags().StringVar(&m.dbPath, "db", defaultDB, "SQLite database file or postgres:// URL (env SITREP_DB)")
	root.PersistentFlags().BoolVarP(&m.quiet, "quiet", "q", false, "no progress bar or per-item output")
	root.PersistentFlags().StringVar(&m.logFormat, "log-format", "text", "log records as text (key=value) or json, on standard error")
	root.PersistentFlags().StringVar(&m.logLevel, "log-level", "info", "least severe log records written: debug, info, warn or error (--quiet: warn)")
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error { return m.setupLogger(cmd) }
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		m.ingestCommand(),
		m.searchCommand(),
		m.showCommand(),
		m.extractCommand(),
		m.demoCommand(),
		m.evalCommand(),
		m.gazetteerCommand(),
		m.storiesCommand(),
		m.storyCommand(),
		m.serveCommand(),
		m.userCommand(),
		m.feedsCommand(),
		m.correctionsCommand(),
		m.backupCommand(),
		m.alertsCommand(),
	)
	root.AddCommand(m.jobCommands()...) // enqueue, worker, jobs
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	return root
}

// wrapArgs makes argument-count errors usage errors (exit code 2).
func wrapArgs(c *cobra.Command) {
	if c.Args == nil {
		return
	}
	check := c.Args
	c.Args = func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// backend is what most commands need of the database named by --db: its
// articles and stories, in SQLite or PostgreSQL.
type backend interface {
	sitrep.Store
	sitrep.StoryStore
}

// openBackend opens the database named by --db: PostgreSQL for a
// postgres:// or postgresql:// URL, else the SQLite file.
func (m *Main) openBackend(ctx context.Context) (backend, error) {
	if postgres.IsDSN(m.dbPath) {
		db, err := postgres.Open(ctx, m.dbPath)
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	db, err := sqlite.Open(ctx, m.dbPath)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// openStore opens the SQLite database named by --db, for the commands that
// keep tables of their own beside the articles (the gazetteer import, the
// site's index), which only SQLite has so far.
func (m *Main) openStore(ctx context.Context) (*sqlite.DB, error) {
	if postgres.IsDSN(m.dbPath) {
		return nil, sitrep.Errorf(sitrep.EUNSUPPORTED,
			"this command keeps its tables in SQLite and is not supported on PostgreSQL yet; give --db a SQLite file")
	}
	return sqlite.Open(ctx, m.dbPath)
}

// stdin returns standard input buffered enough to sniff its format.
func (m *Main) stdin() *bufio.Reader {
	if br, ok := m.Stdin.(*bufio.Reader); ok && br.Size() >= 1<<17 {
		return br
	}
	br := bufio.NewReaderSize(m.Stdin, 1<<17)
	m.Stdin = br
	return br
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
