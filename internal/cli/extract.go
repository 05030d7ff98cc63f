package cli

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/parse"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func (m *Main) extractCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "extract FILE|URL|-",
		Short: "Parse one article and print what sitrep finds in it, without storing it",
		Long: `Extract parses one article (a file, an http(s) URL or "-" for stdin) and prints
it as JSON: title, byline, published date with its precision, page fields and
the main text with page chrome removed. Nothing is stored.`,
		Example: `  sitrep extract article.html
  sitrep extract https://example.org/2017/08/30/convoy.html
  cat article.txt | sitrep extract -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			a, err := m.readArticle(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return writeJSON(m.Stdout, a)
		},
	}
	return cmd
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
		data, err := io.ReadAll(io.LimitReader(m.stdin(), 10<<20+1))
		if err != nil {
			return nil, err
		}
		if len(data) > 10<<20 {
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
