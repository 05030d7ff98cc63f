// Package eval scores the extractor against annotated evaluation files.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// TimexSpan is one temporal expression, gold or predicted, with code-point
// offsets of the document text.
type TimexSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
	Value string `json:"value"`
	Text  string `json:"text,omitempty"`
}

// TimexSpans converts extractor output to spans for scoring.
func TimexSpans(ms []sitrep.DateMention) []TimexSpan {
	out := make([]TimexSpan, len(ms))
	for i, m := range ms {
		out[i] = TimexSpan{Start: m.Start, End: m.End, Type: m.Type, Value: m.Value, Text: m.Text}
	}
	return out
}

// TimexScore accumulates detection and normalisation counts over documents.
// A predicted span is correct when it overlaps a gold span; a gold span is
// found when a predicted span overlaps it. A found gold span's value (and
// type) is judged on the prediction that overlaps it most.
type TimexScore struct {
	Docs        int
	Gold        int // gold spans
	Pred        int // predicted spans
	PredMatched int // predictions overlapping some gold span
	GoldMatched int // gold spans overlapped by some prediction
	ValueOK     int // found gold spans whose best prediction has the gold value
	TypeOK      int // found gold spans whose best prediction has the gold type
}

// Add scores one document.
func (s *TimexScore) Add(gold, pred []TimexSpan) {
	s.Docs++
	s.Gold += len(gold)
	s.Pred += len(pred)
	matched, bests := matchSpans(len(gold), len(pred),
		func(i int) (int, int) { return gold[i].Start, gold[i].End },
		func(j int) (int, int) { return pred[j].Start, pred[j].End })
	s.PredMatched += matched
	for i, g := range gold {
		best := bests[i]
		if best < 0 {
			continue
		}
		s.GoldMatched++
		if pred[best].Value == g.Value {
			s.ValueOK++
		}
		if pred[best].Type == g.Type {
			s.TypeOK++
		}
	}
}

// TimexResult is the summary of a TimexScore.
type TimexResult struct {
	Docs          int     `json:"docs"`
	Gold          int     `json:"gold"`
	Pred          int     `json:"pred"`
	Precision     float64 `json:"precision"`
	Recall        float64 `json:"recall"`
	F1            float64 `json:"f1"`
	ValueAccuracy float64 `json:"value_accuracy"`
	TypeAccuracy  float64 `json:"type_accuracy"`
}

// Result computes precision, recall, F1 and the accuracies.
func (s *TimexScore) Result() TimexResult {
	r := TimexResult{Docs: s.Docs, Gold: s.Gold, Pred: s.Pred}
	r.Precision = ratio(s.PredMatched, s.Pred)
	r.Recall = ratio(s.GoldMatched, s.Gold)
	r.F1 = f1(r.Precision, r.Recall)
	r.ValueAccuracy = ratio(s.ValueOK, s.GoldMatched)
	r.TypeAccuracy = ratio(s.TypeOK, s.GoldMatched)
	return r
}

func (r TimexResult) String() string {
	return fmt.Sprintf("timex: %d docs, %d gold, %d predicted: detection P %.3f R %.3f F1 %.3f; value accuracy %.3f, type accuracy %.3f",
		r.Docs, r.Gold, r.Pred, r.Precision, r.Recall, r.F1, r.ValueAccuracy, r.TypeAccuracy)
}

// TimexDoc is one line of a timex evaluation file.
type TimexDoc struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Published string `json:"published,omitempty"`
	Gold      struct {
		Timexes []TimexSpan `json:"timexes"`
	} `json:"gold"`
}

// Anchor returns the published date, nil when absent or unreadable.
func (d *TimexDoc) Anchor() *time.Time {
	if d.Published == "" {
		return nil
	}
	t, err := time.Parse("2006-01-02", d.Published[:min(len(d.Published), 10)])
	if err != nil {
		return nil
	}
	return &t
}

// TimexFinder is the extractor under test: Find of package timex.
type TimexFinder func(text string, anchor *time.Time) []sitrep.DateMention

// RunTimex scores find on every line of a timex evaluation file. visit, when
// not nil, sees each document with its predictions (for error reports).
func RunTimex(r io.Reader, find TimexFinder, visit func(doc *TimexDoc, pred []TimexSpan)) (TimexResult, error) {
	var s TimexScore
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for n := 1; sc.Scan(); n++ {
		var doc TimexDoc
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			return TimexResult{}, fmt.Errorf("eval: timex line %d: %w", n, err)
		}
		pred := TimexSpans(find(doc.Text, doc.Anchor()))
		s.Add(doc.Gold.Timexes, pred)
		if visit != nil {
			visit(&doc, pred)
		}
	}
	if err := sc.Err(); err != nil {
		return TimexResult{}, fmt.Errorf("eval: timex read: %w", err)
	}
	return s.Result(), nil
}
