package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/correct"
	"github.com/sitrep-project/sitrep/internal/export"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// correctionsPage is how many corrections or articles one query reads.
const correctionsPage = 500

func (m *Main) correctionsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "corrections",
		Short: "List editors' corrections and export them as evaluation gold",
		Long: `Editors correct what the extractor found in an article on the site: they
confirm, reject or edit its countries, topics, places, actors and events, and
add events it missed. The corrections are kept with who made them and when,
and apply again when the same text is extracted anew.

'corrections list' prints them; 'corrections export' writes the corrected
articles in the JSONL format 'sitrep eval' reads, so the extractor can be
scored against the newsroom's own judgement.`,
		Example: `  sitrep corrections list
  sitrep corrections list a4kq2m7vx3b9c --json
  sitrep corrections export --task events -o newsroom-events.jsonl
  sitrep eval --task events newsroom-events.jsonl`,
	}
	cmd.AddCommand(m.correctionsListCommand(), m.correctionsExportCommand())
	return cmd
}

func (m *Main) correctionsListCommand() *cobra.Command {
	var asJSON, active bool
	cmd := &cobra.Command{
		Use:   "list [ARTICLE]",
		Short: "List corrections, oldest first, of one article or of all",
		Long: `List prints each correction: its id, when and by whom it was made, the
article, what it did to which finding, and its note. A revoked correction says
who revoked it; an orphaned one matches nothing in the article's current
analysis (the text or the extractor changed) and applies to nothing until a
later extraction finds its finding again.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			db, err := m.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			f := sitrep.CorrectionFilter{Active: active, Limit: correctionsPage}
			if len(args) == 1 {
				f.ArticleID = args[0]
				if _, err := db.Article(ctx, f.ArticleID); err != nil {
					return err
				}
			}
			return m.listCorrections(ctx, db, f, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print one JSON object per line")
	cmd.Flags().BoolVar(&active, "active", false, "leave out revoked corrections")
	return cmd
}

// listedCorrection is a correction as list prints it.
type listedCorrection struct {
	sitrep.Correction
	Orphaned bool `json:"orphaned"`
}

func (m *Main) listCorrections(ctx context.Context, db *sqlite.DB, f sitrep.CorrectionFilter, asJSON bool) error {
	store := correct.NewStore(db, db)
	orphans := map[string]map[int64]bool{} // by article, the ids of its orphans
	orphaned := func(c sitrep.Correction) (bool, error) {
		if !c.Active() {
			return false, nil
		}
		ids, ok := orphans[c.ArticleID]
		if !ok {
			_, res, _, err := store.Corrected(ctx, c.ArticleID)
			if err != nil {
				return false, err
			}
			ids = map[int64]bool{}
			for _, o := range res.Orphans {
				ids[o.ID] = true
			}
			orphans[c.ArticleID] = ids
		}
		return ids[c.ID], nil
	}
	n := 0
	for {
		page, err := db.Corrections(ctx, f)
		if err != nil {
			return err
		}
		for _, c := range page {
			o, err := orphaned(c)
			if err != nil {
				return err
			}
			n++
			if asJSON {
				if err := writeJSONLine(m.Stdout, listedCorrection{c, o}); err != nil {
					return err
				}
				continue
			}
			printCorrection(m.Stdout, c, o)
		}
		if len(page) < f.Limit {
			break
		}
		f.After = page[len(page)-1].ID
	}
	if n == 0 && !asJSON {
		fmt.Fprintln(m.Stdout, "no corrections")
	}
	return nil
}

func printCorrection(w io.Writer, c sitrep.Correction, orphaned bool) {
	fmt.Fprintf(w, "%d  %s  %s  %s  %s %s %s", c.ID, c.Created.Format(time.DateTime), clip(c.Editor, 30), c.ArticleID, c.Action, c.Target, c.Key)
	if len(c.Value) > 0 {
		fmt.Fprintf(w, " %s", c.Value)
	}
	var flags []string
	if !c.Active() {
		flags = append(flags, "revoked by "+c.RevokedBy+" "+c.Revoked.Format(time.DateTime))
	}
	if orphaned {
		flags = append(flags, "orphaned: matches nothing in the current analysis")
	}
	if len(flags) > 0 {
		fmt.Fprintf(w, "  [%s]", strings.Join(flags, "; "))
	}
	fmt.Fprintln(w)
	if c.Note != "" {
		fmt.Fprintf(w, "    %s\n", clip(c.Note, 160))
	}
}

// writeJSONLine writes v as one line of JSON.
func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func (m *Main) correctionsExportCommand() *cobra.Command {
	var task, out string
	cmd := &cobra.Command{
		Use:   "export --task events|docs|geo [-o FILE]",
		Short: "Write corrected articles as gold for 'sitrep eval'",
		Long: `Export writes, for each article whose editors judged what the task scores,
one line in the JSONL format 'sitrep eval' reads: {"id","task","text",
"title","published","gold"}, the gold taken from the corrected analysis.

  events  articles with an event correction; gold is the main asserted event
          in ACLED's fields (event_type, sub_event_type, actor1, actor2,
          country, iso3, admin1, location, lat, lon, geo_precision, date,
          time_precision, fatalities), every asserted event under "events"
  geo     articles with a place correction; gold is {"toponyms": [...]}
  docs    articles with a country, event or place correction; gold is
          {"country", "location"}

An article whose corrected analysis gives the task nothing to score (every
event rejected) is left out.`,
		Example: `  sitrep corrections export --task events -o newsroom-events.jsonl
  sitrep eval --task events newsroom-events.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := export.ValidGoldTask(task); err != nil {
				return usageError{err}
			}
			ctx := cmd.Context()
			db, err := m.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			w := m.Stdout
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return sitrep.Errorf(sitrep.EINVALID, "corrections export: %v", err)
				}
				defer f.Close()
				w = f
			}
			n, err := exportGold(ctx, db, task, w)
			if err != nil {
				return err
			}
			if f != nil {
				if err := f.Close(); err != nil {
					return fmt.Errorf("corrections export: close %s: %w", out, err)
				}
			}
			if !m.quiet {
				fmt.Fprintf(m.Stderr, "wrote %d %s lines\n", n, task)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&task, "task", "", "task whose gold to write: "+strings.Join(export.GoldTasks, ", "))
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default: standard output)")
	return cmd
}

// exportGold writes the gold lines of task for every article with a
// correction relevant to it, in article id order, and returns how many.
func exportGold(ctx context.Context, db *sqlite.DB, task string, w io.Writer) (int, error) {
	store := correct.NewStore(db, db)
	gw := export.NewGold(w)
	after := ""
	for {
		ids, err := db.CorrectedArticles(ctx, after, correctionsPage)
		if err != nil {
			return gw.Count(), err
		}
		for _, id := range ids {
			a, _, history, err := store.Corrected(ctx, id)
			if err != nil {
				return gw.Count(), err
			}
			if !export.GoldRelevant(task, history) {
				continue
			}
			if l, ok := export.Gold(task, a, a.Analysis); ok {
				if err := gw.Write(l); err != nil {
					return gw.Count(), fmt.Errorf("corrections export: %w", err)
				}
			}
		}
		if len(ids) < correctionsPage {
			return gw.Count(), nil
		}
		after = ids[len(ids)-1]
	}
}
