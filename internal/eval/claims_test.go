package eval

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/actors"
	"github.com/sitrep-project/sitrep/internal/extract/claims"
	"github.com/sitrep-project/sitrep/internal/extract/quantity"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestClaimsScore(t *testing.T) {
	doc := "Rebels said the town fell. The army denied it."
	src := [2]int{0, 6}
	gold := []Attribution{
		{Source: &src, Cue: [2]int{7, 11}, Content: [2]int{12, 25}}, // said | the town fell
		{Source: nil, Cue: [2]int{36, 42}, Content: [2]int{43, 45}}, // denied | it
	}
	pred := []sitrep.Claim{
		// cue exact, source overlaps, content "town fell": 2 of 3 gold tokens.
		{SourceStart: 0, SourceEnd: 6, CueStart: 7, CueEnd: 11, ContentStart: 16, ContentEnd: 25},
		// spurious cue
		{SourceStart: 27, SourceEnd: 35, CueStart: 27, CueEnd: 30, ContentStart: 31, ContentEnd: 35},
	}
	var s ClaimsScore
	s.Add(doc, gold, pred)
	got := s.Result()
	want := ClaimsResult{Docs: 1, Gold: 2, Pred: 2, Precision: 0.5, Recall: 0.5, F1: 0.5, SourceOverlap: 1, ContentF1: 0.8, ContentMicroF1: 0.8}
	if !sameClaimsResult(got, want) {
		t.Errorf("Result() = %+v, want %+v", got, want)
	}
	if str := got.String(); !strings.Contains(str, "cue P 0.500") || !strings.Contains(str, "content token F1 0.800") {
		t.Errorf("String() = %q", str)
	}
}

func TestClaimsScoreBestCue(t *testing.T) {
	// Two predictions overlap one gold cue: the larger overlap is compared,
	// and a gold attribution without a source stays out of the source rate.
	doc := "The ministry said in a statement that nobody died."
	gold := []Attribution{{Cue: [2]int{13, 32}, Content: [2]int{33, 50}}}
	pred := []sitrep.Claim{
		{CueStart: 30, CueEnd: 32, ContentStart: 0, ContentEnd: 4},
		{CueStart: 13, CueEnd: 17, ContentStart: 33, ContentEnd: 50},
	}
	var s ClaimsScore
	s.Add(doc, gold, pred)
	got := s.Result()
	if got.ContentF1 != 1 || got.Recall != 1 || got.Precision != 1 || s.SourceGold != 0 {
		t.Errorf("Result() = %+v (source gold %d), want content F1, recall, precision 1 and no source gold", got, s.SourceGold)
	}
}

func TestRunClaims(t *testing.T) {
	in := `{"id":"a","task":"claims","text":"Rebels said the town fell.","gold":{"attributions":[{"source":[0,6],"cue":[7,11],"content":[12,25]}]}}` + "\n"
	analyze := func(l *Line) *sitrep.Analysis {
		return &sitrep.Analysis{Claims: []sitrep.Claim{{SourceStart: 0, SourceEnd: 6, CueStart: 7, CueEnd: 11, ContentStart: 12, ContentEnd: 25}}}
	}
	got, err := Run(strings.NewReader(in), "in", "claims", analyze)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "cue P 1.000 R 1.000 F1 1.000") || !strings.Contains(got, "content token F1 1.000") {
		t.Errorf("Run = %q, want perfect scores", got)
	}
	bad := `{"id":"a","task":"claims","text":"x","gold":{"attributions":"no"}}` + "\n"
	if _, err := Run(strings.NewReader(bad), "in", "claims", analyze); err == nil || !strings.Contains(err.Error(), "claims gold") {
		t.Errorf("bad gold: err = %v, want one naming the claims gold", err)
	}
}

// TestClaimsDev measures claims.Find on the development set. It runs only
// when SITREP_EVAL_DIR names the evaluation directory; with
// SITREP_EVAL_VERBOSE=1 it also logs every miss and false alarm.
func TestClaimsDev(t *testing.T) {
	dir := os.Getenv("SITREP_EVAL_DIR")
	if dir == "" {
		t.Skip("SITREP_EVAL_DIR not set")
	}
	f, err := os.Open(filepath.Join(dir, "claims-dev.jsonl"))
	if err != nil {
		t.Skipf("no claims dev set: %v", err)
	}
	defer f.Close()
	lex, err := actors.Load()
	if err != nil {
		t.Fatal(err)
	}
	verbose := os.Getenv("SITREP_EVAL_VERBOSE") != ""
	var s ClaimsScore
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var l Line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatal(err)
		}
		var gold struct {
			Attributions []Attribution `json:"attributions"`
		}
		if err := json.Unmarshal(l.Gold, &gold); err != nil {
			t.Fatal(err)
		}
		toks := text.Tokens(l.Text)
		pred := claims.Find(claims.Input{
			Text: l.Text, Toks: toks, Sents: text.Sentences(l.Text),
			Actors: lex.Find(l.Text, toks), Quantities: quantity.Find(l.Text, toks),
			Lookup: func(n string) (string, bool) { a, ok := lex.Lookup(n); return a.Name, ok },
		})
		s.Add(l.Text, gold.Attributions, pred)
		if verbose {
			logClaimErrors(t, l.ID, l.Text, gold.Attributions, pred)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Log(s.Result())
}

func logClaimErrors(t *testing.T, id, doc string, gold []Attribution, pred []sitrep.Claim) {
	t.Helper()
	r := []rune(doc)
	cut := func(a, b int) string {
		if a < 0 || b > len(r) || a > b {
			return "(out of text)"
		}
		return strings.ReplaceAll(string(r[a:b]), "\n", " ")
	}
	ctx := func(a, b int) string {
		lo, hi := max(0, a-70), min(len(r), b+50)
		return cut(lo, a) + "[[" + cut(a, b) + "]]" + cut(b, hi)
	}
	for _, g := range gold {
		best, bestLen := -1, 0
		for j, p := range pred {
			if n := spanOverlap(p.CueStart, p.CueEnd, g.Cue[0], g.Cue[1]); n > bestLen {
				best, bestLen = j, n
			}
		}
		if best < 0 {
			tag := "MISS"
			for _, p := range pred {
				if p.ContentStart <= g.Cue[0] && g.Cue[1] <= p.ContentEnd {
					tag = "MISS-IN " + p.Cue
					break
				}
			}
			t.Logf("%s %s %q | %s", tag, id, cut(g.Cue[0], g.Cue[1]), ctx(g.Cue[0], g.Cue[1]))
			continue
		}
		p := pred[best]
		if g.Source != nil && spanOverlap(p.SourceStart, p.SourceEnd, g.Source[0], g.Source[1]) == 0 {
			t.Logf("SOURCE %s cue %q gold %q got %q", id, cut(g.Cue[0], g.Cue[1]), cut(g.Source[0], g.Source[1]), p.Source)
		}
		toks := text.Tokens(doc)
		tp, ngold, npred := tokenOverlap(toks, g.Content[0], g.Content[1], p.ContentStart, p.ContentEnd)
		if f := f1(ratio(tp, npred), ratio(tp, ngold)); f < 0.6 {
			t.Logf("CONTENT %.2f %s cue %q\n   gold %q\n   got  %q", f, id, cut(g.Cue[0], g.Cue[1]), cut(g.Content[0], g.Content[1]), cut(p.ContentStart, p.ContentEnd))
		}
	}
	for _, p := range pred {
		hit := false
		for _, g := range gold {
			hit = hit || spanOverlap(p.CueStart, p.CueEnd, g.Cue[0], g.Cue[1]) > 0
		}
		if !hit {
			t.Logf("FALSE %s %q src %q | %s", id, p.Cue, p.Source, ctx(p.CueStart, p.CueEnd))
		}
	}
}

func sameClaimsResult(a, b ClaimsResult) bool {
	eq := func(x, y float64) bool { return math.Abs(x-y) < 1e-9 }
	return a.Docs == b.Docs && a.Gold == b.Gold && a.Pred == b.Pred && eq(a.Precision, b.Precision) &&
		eq(a.Recall, b.Recall) && eq(a.F1, b.F1) && eq(a.SourceOverlap, b.SourceOverlap) &&
		eq(a.ContentF1, b.ContentF1) && eq(a.ContentMicroF1, b.ContentMicroF1)
}
