package events

import (
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// The coder reads clauses, not whole sentences: "The coalition says it has
// struck fighters moving towards the convoy but will not strike civilian
// vehicles" reports one strike and denies another, and "Hezbollah changed
// the route of the convoy, but coalition jets again struck near it" two
// events of two kinds. A sentence is cut before a "but" that joins clauses,
// before a semicolon, and before "and" or "but" after a dash that opens no
// aside ("not part of the deal - and last Tuesday bombed the road").

// minClause is the fewest words on each side of a cut.
const minClause = 3

// clauses splits sents into clauses. It returns the clauses and, for each,
// the sentence it belongs to.
func clauses(s string, toks []text.Token, sents []text.Span) ([]text.Span, []int32) {
	n := len(sents) + len(sents)/4
	return appendClauses(make([]text.Span, 0, n), make([]int32, 0, n), s, toks, sents)
}

// appendClauses is clauses appending to units and of.
func appendClauses(units []text.Span, of []int32, s string, toks []text.Token, sents []text.Span) ([]text.Span, []int32) {
	t := 0
	for si, sp := range sents {
		for t < len(toks) && toks[t].Start < sp.Start {
			t++
		}
		a := t
		b := a
		for b < len(toks) && toks[b].Start < sp.End {
			b++
		}
		start := sp
		for k := a + minClause; k <= b-minClause; k++ {
			if !cut(s, toks, k, b) {
				continue
			}
			u := start
			u.End, u.ByteEnd = toks[k-1].End, toks[k-1].ByteEnd
			units = append(units, u)
			of = append(of, int32(si))
			start.Start, start.ByteStart = toks[k].Start, toks[k].ByteStart
			k += minClause - 1
		}
		units = append(units, start)
		of = append(of, int32(si))
		t = b
	}
	return units, of
}

// cut reports whether a clause starts at token k of a sentence ending
// before token b.
func cut(s string, toks []text.Token, k, b int) bool {
	gap := s[toks[k-1].ByteEnd:toks[k].ByteStart]
	if strings.Contains(gap, ";") {
		return true
	}
	key := toks[k].Key
	if key == "but" {
		return toks[k+1].Key != "also" || dash(gap) || strings.Contains(gap, ",")
	}
	if key != "and" || !dash(gap) {
		return false
	}
	// "the convoy of terrorists - and their families - bound for": an
	// aside closes with a second dash.
	for u := k + 1; u < b; u++ {
		if dash(s[toks[u-1].ByteEnd:toks[u].ByteStart]) {
			return false
		}
	}
	return true
}

// dash reports a dash set apart by spaces, or an em or en dash.
func dash(gap string) bool {
	return strings.Contains(gap, " - ") || strings.ContainsAny(gap, "\u2014\u2013")
}
