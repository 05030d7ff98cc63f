package eval

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/extract/timex"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestTimexScore(t *testing.T) {
	gold := []TimexSpan{
		{Start: 0, End: 6, Type: "DATE", Value: "2017-08-29"},
		{Start: 20, End: 31, Type: "DURATION", Value: "P3Y"},
		{Start: 40, End: 45, Type: "DATE", Value: "2017"},
	}
	pred := []TimexSpan{
		{Start: 0, End: 6, Type: "DATE", Value: "2017-08-29"},    // exact
		{Start: 24, End: 31, Type: "DATE", Value: "P3Y"},         // overlap, wrong type
		{Start: 50, End: 55, Type: "DATE", Value: "PRESENT_REF"}, // spurious
	}
	var s TimexScore
	s.Add(gold, pred)
	s.Add(nil, nil)
	got := s.Result()
	want := TimexResult{Docs: 2, Gold: 3, Pred: 3, Precision: 2.0 / 3, Recall: 2.0 / 3, F1: 2.0 / 3, ValueAccuracy: 1, TypeAccuracy: 0.5}
	if !sameTimexResult(got, want) {
		t.Errorf("Result() = %+v, want %+v", got, want)
	}
	if s := got.String(); !strings.Contains(s, "F1 0.667") || !strings.Contains(s, "value accuracy 1.000") {
		t.Errorf("String() = %q", s)
	}
}

func TestTimexScoreBestOverlap(t *testing.T) {
	// Two predictions overlap one gold span: the value is judged on the
	// larger overlap.
	gold := []TimexSpan{{Start: 10, End: 30, Type: "DATE", Value: "1998-W08"}}
	pred := []TimexSpan{
		{Start: 5, End: 12, Type: "DATE", Value: "1998"},
		{Start: 14, End: 30, Type: "DATE", Value: "1998-W08"},
	}
	var s TimexScore
	s.Add(gold, pred)
	if got := s.Result(); got.ValueAccuracy != 1 || got.Precision != 1 || got.Recall != 1 {
		t.Errorf("Result() = %+v, want value accuracy, precision and recall 1", got)
	}
}

func TestRunTimex(t *testing.T) {
	in := `{"id":"a","text":"Rebels shelled the town on Tuesday.","published":"2017-08-30","gold":{"timexes":[{"start":27,"end":34,"type":"DATE","value":"2017-08-29"}]}}
{"id":"b","text":"No dates here.","gold":{"timexes":[]}}
`
	var ids []string
	got, err := RunTimex(strings.NewReader(in), timex.Find, func(d *TimexDoc, _ []TimexSpan) { ids = append(ids, d.ID) })
	if err != nil {
		t.Fatal(err)
	}
	if got.Docs != 2 || got.Gold != 1 || got.Recall != 1 || got.ValueAccuracy != 1 {
		t.Errorf("RunTimex = %+v, want 2 docs, 1 gold found with its value", got)
	}
	if strings.Join(ids, ",") != "a,b" {
		t.Errorf("visited %v, want a,b", ids)
	}
	if _, err := RunTimex(strings.NewReader("{not json\n"), timex.Find, nil); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad line: err = %v, want one naming line 1", err)
	}
}

// TestTimexDev measures timex.Find on the development set. It runs only
// when SITREP_EVAL_DIR names the evaluation directory; with
// SITREP_EVAL_VERBOSE=1 it also logs every miss and false alarm.
func TestTimexDev(t *testing.T) {
	dir := os.Getenv("SITREP_EVAL_DIR")
	if dir == "" {
		t.Skip("SITREP_EVAL_DIR not set")
	}
	f, err := os.Open(filepath.Join(dir, "timex-dev.jsonl"))
	if err != nil {
		t.Skipf("no timex dev set: %v", err)
	}
	defer f.Close()
	verbose := os.Getenv("SITREP_EVAL_VERBOSE") != ""
	find := func(text string, anchor *time.Time) []sitrep.DateMention { return timex.Find(text, anchor) }
	res, err := RunTimex(f, find, func(d *TimexDoc, pred []TimexSpan) {
		if verbose {
			logTimexErrors(t, d, pred)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(res)
}

func logTimexErrors(t *testing.T, d *TimexDoc, pred []TimexSpan) {
	t.Helper()
	gold := d.Gold.Timexes
	_, bests := matchSpans(len(gold), len(pred),
		func(i int) (int, int) { return gold[i].Start, gold[i].End },
		func(j int) (int, int) { return pred[j].Start, pred[j].End })
	for i, g := range gold {
		best := bests[i]
		switch {
		case best < 0:
			t.Logf("MISS %s %s %q %s %s | %s", d.ID, d.Published, g.Text, g.Type, g.Value, timexContext(d.Text, g))
		case pred[best].Value != g.Value:
			t.Logf("VALUE %s %s %q gold %s %s, got %q %s %s | %s", d.ID, d.Published, g.Text, g.Type, g.Value, pred[best].Text, pred[best].Type, pred[best].Value, timexContext(d.Text, g))
		}
	}
	for _, p := range pred {
		hit := false
		for _, g := range d.Gold.Timexes {
			hit = hit || spanOverlap(p.Start, p.End, g.Start, g.End) > 0
		}
		if !hit {
			t.Logf("FALSE %s %s %q %s %s | %s", d.ID, d.Published, p.Text, p.Type, p.Value, timexContext(d.Text, p))
		}
	}
}

func timexContext(text string, s TimexSpan) string {
	r := []rune(text)
	lo, hi := max(0, s.Start-60), min(len(r), s.End+40)
	if s.Start > len(r) || s.End > len(r) || s.Start < 0 {
		return "(span out of text)"
	}
	return strings.ReplaceAll(string(r[lo:s.Start])+"[["+string(r[s.Start:s.End])+"]]"+string(r[s.End:hi]), "\n", " ")
}

func sameTimexResult(a, b TimexResult) bool {
	eq := func(x, y float64) bool { return math.Abs(x-y) < 1e-9 }
	return a.Docs == b.Docs && a.Gold == b.Gold && a.Pred == b.Pred && eq(a.Precision, b.Precision) &&
		eq(a.Recall, b.Recall) && eq(a.F1, b.F1) && eq(a.ValueAccuracy, b.ValueAccuracy) && eq(a.TypeAccuracy, b.TypeAccuracy)
}
