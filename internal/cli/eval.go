package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/eval"
	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func (m *Main) evalCommand() *cobra.Command {
	var task string
	cmd := &cobra.Command{
		Use:   "eval --task TASK FILE...",
		Short: "Score the extractor against annotated JSONL files",
		Long: `Eval runs the extractor on every line of annotated JSONL files
({"id","task","text","title","published","gold"}) and prints the metrics of
the task: ` + strings.Join(eval.TaskNames(), ", ") + `. Without --task each line's own task is
scored.`,
		Example: `  sitrep eval --task timex timex-dev.jsonl
  sitrep eval --task geo --gazetteer extra.tsv geo-dev.jsonl`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			x, err := m.loadExtractor()
			if err != nil {
				return err
			}
			analyze := func(l *eval.Line) *sitrep.Analysis {
				return x.Analyze(extract.Document{Text: l.Text, Title: l.Title, Published: l.Anchor(), PublishedPrecision: sitrep.PrecisionDay})
			}
			for _, path := range args {
				f, err := os.Open(path)
				if err != nil {
					return sitrep.Errorf(sitrep.EINVALID, "eval %s: %v", path, err)
				}
				report, err := eval.Run(f, path, task, analyze)
				f.Close()
				if err != nil {
					return err
				}
				fmt.Fprintf(m.Stdout, "%s\n%s", path, report)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&task, "task", "", "task to score: "+strings.Join(eval.TaskNames(), ", "))
	cmd.Flags().StringSliceVar(&m.gazetteers, "gazetteer", nil, "extra places from a TSV file (repeatable)")
	return cmd
}
