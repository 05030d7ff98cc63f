// Package snippet cuts the excerpt a search hit shows: the window of an
// article's body that holds the most query words, hits marked with [ and ].
// It splits and folds words as the stores' full-text indexes do (the
// unicode61 tokenizer of SQLite's FTS5, with diacritics removed), so that
// every backend marks the same words.
package snippet

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// snippetWords is how many words of the body a snippet shows.
const snippetWords = 24

// Snippets are cut here rather than by FTS5's snippet(): that function needs
// the full-text cursor positioned on the row, and seeking it to each row of a
// result page cost more than ranking every match (5 to 15 ms a page, against
// well under 1 ms for this).

// Terms returns a query word as the snippet matches it: folded (lower case,
// no diacritics) and split where the index's tokenizer splits, so "ez-Zor"
// gives "ez" and "zor".
func Terms(word string) []string {
	var terms []string
	for _, w := range Words(word) {
		if t := text.Fold(word[w.Start:w.End]); t != "" {
			terms = append(terms, t)
		}
	}
	return terms
}

// Span is the byte range of a word in a text.
type Span struct{ Start, End int }

// Words splits s as the unicode61 tokenizer does: a word is a run of
// letters, digits and combining marks; everything else separates.
func Words(s string) []Span {
	var out []Span
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, Span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Span{start, len(s)})
	}
	return out
}

// sameStem approximates the porter stemmer the index uses, well enough to
// mark hits: two folded words match when equal, or when they share a stem of
// at least four letters followed by at most three more ("killed", "kills").
func sameStem(a, b string) bool {
	if a == b {
		return true
	}
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	return p >= 4 && len(a)-p <= 3 && len(b)-p <= 3
}

// Cut returns the snippetWords-word window of body that holds the most
// distinct query terms (as Terms gives them), then the most hits, with each
// hit in [ and ], runs of white space made single spaces, and "…" where the
// window cuts the body. With no hit, as when only the title matched, it is
// the body's start.
func Cut(body string, terms []string) string {
	ws := Words(body)
	if len(ws) == 0 {
		return collapseSpace(body)
	}
	hit := make([]int, len(ws)) // index+1 of the term matched, 0 for none
	for i, w := range ws {
		folded := text.Fold(body[w.Start:w.End])
		for j, t := range terms {
			if sameStem(folded, t) {
				hit[i] = j + 1
				break
			}
		}
	}

	// Try windows that open a few words before each hit.
	best, bestTerms, bestHits := 0, -1, -1
	lead := snippetWords / 4
	for i := range ws {
		if hit[i] == 0 && i > 0 {
			continue
		}
		start := max(0, i-lead)
		seen, hits := 0, 0
		var mask uint64
		for k := start; k < min(len(ws), start+snippetWords); k++ {
			if h := hit[k]; h != 0 {
				hits++
				if bit := uint64(1) << (uint(h-1) % 64); mask&bit == 0 {
					mask |= bit
					seen++
				}
			}
		}
		if seen > bestTerms || seen == bestTerms && hits > bestHits {
			best, bestTerms, bestHits = start, seen, hits
		}
	}

	end := min(len(ws), best+snippetWords)
	var b strings.Builder
	if best > 0 {
		b.WriteString("…")
	}
	for k := best; k < end; k++ {
		if k > best {
			b.WriteString(collapseSpace(body[ws[k-1].End:ws[k].Start]))
		}
		w := body[ws[k].Start:ws[k].End]
		if hit[k] != 0 {
			b.WriteString("[" + w + "]")
		} else {
			b.WriteString(w)
		}
	}
	if end < len(ws) {
		b.WriteString("…")
	} else {
		b.WriteString(collapseSpace(body[ws[end-1].End:]))
	}
	return strings.TrimSpace(b.String())
}

// collapseSpace turns each run of white space in s into one space.
func collapseSpace(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	var b strings.Builder
	space := false
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
