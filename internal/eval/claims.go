package eval

import (
	"encoding/json"
	"fmt"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Attribution is one gold attribution: code-point spans [start, end) of its
// source (nil when the annotators marked none), cue and content.
type Attribution struct {
	Source  *[2]int `json:"source"`
	Cue     [2]int  `json:"cue"`
	Content [2]int  `json:"content"`
}

// ClaimsScore accumulates cue detection and, on matched cues, source and
// content agreement over documents. A predicted cue is correct when it
// overlaps a gold cue; a gold cue is found when a predicted cue overlaps
// it. A found gold attribution is compared with the prediction whose cue
// overlaps its cue most: its source counts as found when the predicted
// source overlaps the gold one (gold attributions without a source are
// left out of that rate), and its content is scored by token F1 (tokens
// of text.Tokens, a token belonging to a span it overlaps).
type ClaimsScore struct {
	Docs        int
	Gold        int
	Pred        int
	PredMatched int // predicted cues overlapping some gold cue
	GoldMatched int // gold cues overlapped by some predicted cue

	SourceGold  int // found gold attributions that have a source
	SourceFound int // ... whose predicted source overlaps it

	ContentF1Sum float64 // per found attribution
	ContentTP    int     // token counts summed over found attributions
	ContentGold  int
	ContentPred  int
}

// Add scores one document.
func (s *ClaimsScore) Add(doc string, gold []Attribution, pred []sitrep.Claim) {
	s.Docs++
	s.Gold += len(gold)
	s.Pred += len(pred)
	matched, bests := matchSpans(len(gold), len(pred),
		func(i int) (int, int) { return gold[i].Cue[0], gold[i].Cue[1] },
		func(j int) (int, int) { return pred[j].CueStart, pred[j].CueEnd })
	s.PredMatched += matched
	var toks []text.Token
	for i, g := range gold {
		best := bests[i]
		if best < 0 {
			continue
		}
		s.GoldMatched++
		p := pred[best]
		if g.Source != nil {
			s.SourceGold++
			if spanOverlap(p.SourceStart, p.SourceEnd, g.Source[0], g.Source[1]) > 0 {
				s.SourceFound++
			}
		}
		if toks == nil {
			toks = text.Tokens(doc)
		}
		tp, ng, np := tokenOverlap(toks, g.Content[0], g.Content[1], p.ContentStart, p.ContentEnd)
		s.ContentTP += tp
		s.ContentGold += ng
		s.ContentPred += np
		s.ContentF1Sum += f1(ratio(tp, np), ratio(tp, ng))
	}
}

// tokenOverlap counts the tokens in gold span [ga, gb), in predicted span
// [pa, pb) and in both.
func tokenOverlap(toks []text.Token, ga, gb, pa, pb int) (both, gold, pred int) {
	for _, t := range toks {
		inG := t.Start < gb && ga < t.End
		inP := t.Start < pb && pa < t.End
		if inG {
			gold++
		}
		if inP {
			pred++
		}
		if inG && inP {
			both++
		}
	}
	return both, gold, pred
}

// ClaimsResult is the summary of a ClaimsScore.
type ClaimsResult struct {
	Docs          int     `json:"docs"`
	Gold          int     `json:"gold"`
	Pred          int     `json:"pred"`
	Precision     float64 `json:"precision"`
	Recall        float64 `json:"recall"`
	F1            float64 `json:"f1"`
	SourceOverlap float64 `json:"source_overlap"`
	// ContentF1 is the mean over found attributions of their content token
	// F1; ContentMicroF1 pools the token counts first.
	ContentF1      float64 `json:"content_f1"`
	ContentMicroF1 float64 `json:"content_micro_f1"`
}

// Result computes the rates.
func (s *ClaimsScore) Result() ClaimsResult {
	r := ClaimsResult{Docs: s.Docs, Gold: s.Gold, Pred: s.Pred}
	r.Precision = ratio(s.PredMatched, s.Pred)
	r.Recall = ratio(s.GoldMatched, s.Gold)
	r.F1 = f1(r.Precision, r.Recall)
	r.SourceOverlap = ratio(s.SourceFound, s.SourceGold)
	if s.GoldMatched > 0 {
		r.ContentF1 = s.ContentF1Sum / float64(s.GoldMatched)
	}
	r.ContentMicroF1 = f1(ratio(s.ContentTP, s.ContentPred), ratio(s.ContentTP, s.ContentGold))
	return r
}

func (r ClaimsResult) String() string {
	return fmt.Sprintf("claims: %d docs, %d gold, %d predicted: cue P %.3f R %.3f F1 %.3f; on matched cues: source overlap %.3f, content token F1 %.3f (micro %.3f)",
		r.Docs, r.Gold, r.Pred, r.Precision, r.Recall, r.F1, r.SourceOverlap, r.ContentF1, r.ContentMicroF1)
}

type claimsScorer struct{ s ClaimsScore }

func (c *claimsScorer) Add(l *Line, a *sitrep.Analysis) error {
	var gold struct {
		Attributions []Attribution `json:"attributions"`
	}
	if err := json.Unmarshal(l.Gold, &gold); err != nil {
		return fmt.Errorf("claims gold: %w", err)
	}
	c.s.Add(l.Text, gold.Attributions, a.Claims)
	return nil
}

func (c *claimsScorer) Report() string { return c.s.Result().String() }
