package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/gazimport"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/parse"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/postgres"
)

func (m *Main) extractCommand() *cobra.Command {
	var (
		format string
		lines  bool
	)
	cmd := &cobra.Command{
		Use:   "extract FILE|URL|-",
		Short: "Print what sitrep finds in one article, without storing it",
		Long: `Extract parses one article (a file, an http(s) URL or "-" for stdin) and
prints it with its analysis: countries, topics, places, actors, dates and
quantities, each finding with code-point offsets into the body. Nothing is
stored.

With --jsonl it reads JSON lines {"id","text","title","published"} on standard
input and writes one line {"id","analysis"} (or {"id","error"}) per input line,
in order: the contract sitrep eval and other tools use.`,
		Example: `  sitrep extract article.html
  sitrep extract --format text https://example.org/2017/08/30/convoy.html
  cat article.txt | sitrep extract -
  sitrep extract --jsonl < lines.jsonl > analyses.jsonl`,
		Args: func(cmd *cobra.Command, args []string) error {
			if lines {
				return cobra.NoArgs(cmd, args)
			}
			return cobra.ExactArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "json" && format != "text" {
				return usageError{fmt.Errorf("--format must be json or text, not %q", format)}
			}
			x, err := m.loadExtractor()
			if err != nil {
				return err
			}
			if lines {
				return extractLines(m.stdin(), m.Stdout, x)
			}
			a, err := m.readArticle(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			a.Analysis = x.Analyze(extract.DocumentOf(a))
			if format == "text" {
				printAnalysis(m.Stdout, a)
				return nil
			}
			return writeJSON(m.Stdout, a)
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "output format: json or text (a human summary)")
	cmd.Flags().BoolVar(&lines, "jsonl", false, "batch mode: JSON lines on stdin, one analysis line per input line on stdout")
	cmd.Flags().StringSliceVar(&m.gazetteers, "gazetteer", nil, "extra places from a TSV file (repeatable)")
	return cmd
}

// loadExtractor loads the extraction resources once per command, with the
// places imported into the database named by --db (sitrep gazetteer import)
// when that file exists; a missing file is not created.
func (m *Main) loadExtractor() (*extract.Extractor, error) {
	opt := extract.Options{Gazetteers: m.gazetteers}
	// Imported gazetteers live in SQLite only so far.
	if path := m.dbPath; path != "" && path != ":memory:" && !postgres.IsDSN(path) {
		opt.AddPlaces = func(g *gazetteer.Gazetteer) error {
			_, err := gazimport.LoadFile(context.Background(), path, g)
			return err
		}
	}
	return extract.Load(opt)
}

// lineInput is one line of the batch contract; other fields are ignored.
type lineInput struct {
	ID        *string `json:"id"`
	Text      *string `json:"text"`
	Title     string  `json:"title"`
	Published string  `json:"published"`
}

type lineOutput struct {
	ID       string           `json:"id"`
	Analysis *sitrep.Analysis `json:"analysis,omitempty"`
	Error    string           `json:"error,omitempty"`
}

// extractLines implements the --jsonl contract: exactly one output line per
// input line, in order, an error line for any line that cannot be read.
func extractLines(r io.Reader, w io.Writer, x *extract.Extractor) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	out := bufio.NewWriter(w)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			if err := enc.Encode(lineOutput{Error: fmt.Sprintf("line %d: empty line", n)}); err != nil {
				return err
			}
			continue
		}
		if err := enc.Encode(analyzeLine(line, n, x)); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("extract --jsonl: line %d: %w", n+1, err)
	}
	return nil
}

func analyzeLine(line string, n int, x *extract.Extractor) lineOutput {
	var in lineInput
	if err := json.Unmarshal([]byte(line), &in); err != nil {
		return lineOutput{Error: fmt.Sprintf("line %d: invalid JSON: %v", n, err)}
	}
	out := lineOutput{}
	if in.ID != nil {
		out.ID = *in.ID
	}
	switch {
	case in.ID == nil:
		out.Error = fmt.Sprintf("line %d: missing id", n)
		return out
	case in.Text == nil:
		out.Error = fmt.Sprintf("line %d: missing text", n)
		return out
	}
	doc := extract.Document{Text: *in.Text, Title: in.Title}
	if in.Published != "" {
		t, p, ok := parse.Date(in.Published, time.Now())
		if !ok {
			out.Error = fmt.Sprintf("line %d: published %q is not a date", n, in.Published)
			return out
		}
		doc.Published, doc.PublishedPrecision = &t, p
	}
	out.Analysis = x.Analyze(doc)
	return out
}

// readArticle reads and parses one input without storing it.
func (m *Main) readArticle(ctx context.Context, input string) (*sitrep.Article, error) {
	if strings.HasPrefix(input, "http://") || strings.HasPrefix(input, "https://") {
		resp, err := fetch.New(fetch.Config{}).Get(ctx, fetch.Request{URL: input})
		if err != nil {
			return nil, err
		}
		a, err := parse.Document(parse.Input{Name: input, Data: resp.Body, ContentType: resp.ContentType, URL: resp.URL, Retrieved: resp.Date})
		if err != nil {
			return nil, err
		}
		a.ETag, a.LastModified = resp.ETag, resp.LastModified
		return a, nil
	}
	if input == "-" {
		data, err := io.ReadAll(io.LimitReader(m.stdin(), ingest.DefaultMaxFileBytes+1))
		if err != nil {
			return nil, err
		}
		if len(data) > ingest.DefaultMaxFileBytes {
			return nil, sitrep.Errorf(sitrep.ETOOLARGE, "extract -: input larger than 10 MB")
		}
		return parse.Document(parse.Input{Name: "-", Data: data, Retrieved: time.Now()})
	}
	data, mtime, err := ingest.ReadFile(input, ingest.DefaultMaxFileBytes)
	if err != nil {
		return nil, err
	}
	return parse.Document(parse.Input{Name: input, Data: data, Retrieved: mtime})
}
