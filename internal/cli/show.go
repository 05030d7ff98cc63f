package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func (m *Main) showCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Print one stored article with its metadata",
		Example: `  sitrep show a3k2mq7z4wq1
  sitrep show a3k2mq7z4wq1 --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			db, err := m.openBackend(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			a, err := db.Article(ctx, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(m.Stdout, a)
			}
			printArticle(m.Stdout, a)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the article as JSON")
	return cmd
}

// printArticle writes an article as a reader would want it on a terminal:
// the page's own fields first, then the body.
func printArticle(w io.Writer, a *sitrep.Article) {
	fmt.Fprintf(w, "%s\n%s\n", a.Title, strings.Repeat("=", min(len([]rune(a.Title)), 78)))
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(w, "%-10s %s\n", name+":", value)
		}
	}
	field("ID", a.ID)
	field("Byline", a.Byline)
	field("Source", a.Source)
	field("Published", publishedString(a))
	field("Country", strings.Join(a.PageCountries, ", "))
	field("Topics", strings.Join(a.PageTopics, ", "))
	field("Comments", a.PageComments)
	field("URL", firstNonEmpty(a.CanonicalURL, a.URL))
	field("Input", a.Input)
	field("Language", a.Language)
	fmt.Fprintf(w, "\n%s\n", a.Body)
}

// publishedString renders the published date at its precision, with the
// page's own words when it gave them relatively.
func publishedString(a *sitrep.Article) string {
	if a.Published == nil {
		return a.PublishedText
	}
	s := formatAt(*a.Published, a.PublishedPrecision)
	if a.PublishedText != "" && a.PublishedText != s {
		s += fmt.Sprintf(" (%q, %s precision)", a.PublishedText, a.PublishedPrecision)
	}
	return s
}

func formatAt(t time.Time, p sitrep.Precision) string {
	switch p {
	case sitrep.PrecisionYear:
		return t.Format("2006")
	case sitrep.PrecisionMonth:
		return t.Format("2006-01")
	case sitrep.PrecisionDay:
		return t.Format("2006-01-02")
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
