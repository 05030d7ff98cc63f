package cli

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func (m *Main) searchCommand() *cobra.Command {
	var (
		asJSON bool
		limit  int
		offset int
	)
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Full-text search over stored articles, best match first",
		Long: `Search finds stored articles whose title or body contain every word of QUERY,
ranked by bm25 with title matches weighted above body matches.`,
		Example: `  sitrep search convoy
  sitrep search "air strike" --limit 5
  sitrep search hezbollah --json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			db, err := m.openBackend(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			hits, err := db.Search(ctx, sitrep.SearchQuery{Text: strings.Join(args, " "), Limit: limit, Offset: offset})
			if err != nil {
				return err
			}
			if asJSON {
				if hits == nil {
					hits = []sitrep.SearchHit{}
				}
				return writeJSON(m.Stdout, hits)
			}
			if len(hits) == 0 {
				fmt.Fprintln(m.Stdout, "no articles found")
				return nil
			}
			for _, h := range hits {
				fmt.Fprintf(m.Stdout, "%s  %s\n", h.ID, h.Title)
				meta := []string{}
				if h.Source != "" {
					meta = append(meta, h.Source)
				}
				if h.Published != nil {
					meta = append(meta, h.Published.Format("2006-01-02"))
				}
				meta = append(meta, fmt.Sprintf("score %.2f", h.Score))
				fmt.Fprintf(m.Stdout, "    %s\n    %s\n", strings.Join(meta, " | "), h.Snippet)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print results as JSON")
	cmd.Flags().IntVar(&limit, "limit", 20, "results to show (at most 100)")
	cmd.Flags().IntVar(&offset, "offset", 0, "results to skip")
	return cmd
}

func writeJSON(w interface{ Write([]byte) (int, error) }, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
