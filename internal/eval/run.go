package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Line is one evaluation item: a text to analyse and its gold annotation,
// whose shape depends on Task.
type Line struct {
	ID        string          `json:"id"`
	Task      string          `json:"task"`
	Text      string          `json:"text"`
	Title     string          `json:"title"`
	Published string          `json:"published"`
	Gold      json.RawMessage `json:"gold"`
}

// Anchor returns the published date, or nil when the line has none.
func (l *Line) Anchor() *time.Time {
	if l.Published == "" {
		return nil
	}
	t, err := time.Parse("2006-01-02", l.Published[:min(len(l.Published), 10)])
	if err != nil {
		return nil
	}
	return &t
}

// Scorer accumulates one task's metrics over lines.
type Scorer interface {
	Add(l *Line, a *sitrep.Analysis) error
	Report() string
}

// Tasks lists the tasks Run knows, each with a new scorer.
var Tasks = map[string]func() Scorer{
	"events": func() Scorer { return &eventsScorer{} },
	"timex":  func() Scorer { return &timexScorer{} },
	"claims": func() Scorer { return &claimsScorer{} },
}

// TaskNames returns the known task names, sorted.
func TaskNames() []string { return slices.Sorted(maps.Keys(Tasks)) }

// Run scores analyze on every line of r for task. Lines of another task are
// skipped; when task is "", each line's own task is used and every task met
// is reported.
func Run(r io.Reader, name, task string, analyze func(*Line) *sitrep.Analysis) (string, error) {
	if task != "" && Tasks[task] == nil {
		return "", sitrep.Errorf(sitrep.EINVALID, "eval: unknown task %q (known: %s)", task, strings.Join(TaskNames(), ", "))
	}
	scorers := map[string]Scorer{}
	var order []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l Line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return "", sitrep.Errorf(sitrep.EINVALID, "eval %s:%d: invalid JSON: %v", name, n, err)
		}
		t := l.Task
		if task != "" {
			if t != "" && t != task {
				continue
			}
			t = task
		}
		newScorer := Tasks[t]
		if newScorer == nil {
			return "", sitrep.Errorf(sitrep.EINVALID, "eval %s:%d: unknown task %q", name, n, t)
		}
		s := scorers[t]
		if s == nil {
			s = newScorer()
			scorers[t] = s
			order = append(order, t)
		}
		if err := s.Add(&l, analyze(&l)); err != nil {
			return "", sitrep.Errorf(sitrep.EINVALID, "eval %s:%d: %v", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return "", fmt.Errorf("eval %s: read: %w", name, err)
	}
	if len(order) == 0 {
		return "", sitrep.Errorf(sitrep.EINVALID, "eval %s: no lines for task %q", name, task)
	}
	var b strings.Builder
	for _, t := range order {
		fmt.Fprintf(&b, "%s\n", scorers[t].Report())
	}
	return b.String(), nil
}

type timexScorer struct{ s TimexScore }

func (t *timexScorer) Add(l *Line, a *sitrep.Analysis) error {
	var gold struct {
		Timexes []TimexSpan `json:"timexes"`
	}
	if err := json.Unmarshal(l.Gold, &gold); err != nil {
		return fmt.Errorf("timex gold: %w", err)
	}
	t.s.Add(gold.Timexes, TimexSpans(a.Dates))
	return nil
}

func (t *timexScorer) Report() string { return t.s.Result().String() }
