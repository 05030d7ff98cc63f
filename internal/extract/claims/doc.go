package claims

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// gap describes the punctuation between two tokens. Gap g lies before
// token g: gap 0 is what precedes the first token, gap len(toks) what
// follows the last.
type gap uint16

const (
	gComma gap = 1 << iota
	gStop      // . ! ? or an ellipsis
	gColon
	gSemi
	gDash // an em, en or horizontal bar dash, or "--"
	gOpenQ
	gCloseQ
	gParenOpen
	gParenClose
	gBreak // a line break
	gOther // any other punctuation but apostrophes, hyphens and periods
)

// hard is punctuation that no noun phrase runs across.
const hard = gComma | gStop | gColon | gSemi | gDash | gOpenQ | gCloseQ | gParenOpen | gParenClose | gBreak | gOther

// quote is a pair of quotation marks: tokens [open, close) are quoted;
// start and end are the code points of the opening mark and just after the
// closing one.
type quote struct {
	open, close int
	start, end  int
}

// doc is the state of one Find call.
type doc struct {
	text   string
	toks   []text.Token
	sents  []text.Span
	actors []sitrep.ActorMention
	gaps   []gap
	quotes []quote
	// dashes are the dashes between tokens, in text order, for the
	// "quote ― Name" attribution.
	dashes []mark
	index  *text.Index
}

// mark is a punctuation mark found in a gap.
type mark struct {
	gap, cp int
}

func newDoc(in Input) *doc {
	d := &doc{text: in.Text, toks: in.Toks, sents: in.Sents, actors: in.Actors, index: in.index()}
	d.scanGaps()
	return d
}

// scanGaps classifies the punctuation between tokens and pairs quotation
// marks. A straight double quote opens when space or the start of the text
// precedes it and a word follows, and closes in the opposite case; when
// both sides are alike it toggles; a curly mark keeps its shape unless its
// position says otherwise. Two apostrophes in a row count as a double
// quote, as some agencies write them.
func (d *doc) scanGaps() {
	n := len(d.toks)
	d.gaps = make([]gap, n+1)
	openQ, openCP := -1, 0
	open := false
	for g := 0; g <= n; g++ {
		lo, cp := 0, 0
		if g > 0 {
			lo, cp = d.toks[g-1].ByteEnd, d.toks[g-1].End
		}
		hi := len(d.text)
		if g < n {
			hi = d.toks[g].ByteStart
		}
		s := d.text[lo:hi]
		if s == " " || s == "" {
			continue
		}
		var f gap
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			width := size  // bytes of the mark
			quoteMark := 0 // 1 opens, 2 closes, 3 either
			switch r {
			case ',':
				f |= gComma
			case '!', '?', '\u2026':
				f |= gStop
			case '.':
				if i+2 < len(s) && s[i+1] == '.' && s[i+2] == '.' {
					f |= gStop
				}
			case ':':
				f |= gColon
			case ';':
				f |= gSemi
			case '\u2014', '\u2013', '\u2015':
				f |= gDash
				d.dashes = append(d.dashes, mark{g, cp})
			case '-':
				if i+1 < len(s) && s[i+1] == '-' {
					f |= gDash
					d.dashes = append(d.dashes, mark{g, cp})
				}
			case '\n', '\u2029':
				f |= gBreak
			case '(', '[':
				f |= gParenOpen
			case ')', ']':
				f |= gParenClose
			case '\u201C', '\u00AB':
				quoteMark = 1
			case '\u201D', '\u00BB':
				quoteMark = 2
			case '"':
				quoteMark = 3
			case '\'':
				if i+1 < len(s) && s[i+1] == '\'' {
					quoteMark, width = 3, 2
				}
			case '\u2018', '\u2019', '\u02BC', '`', '\u00B4', '\u2010', '\u2011', '/', '&', '\u00A0', '\t', '\r', ' ':
			default:
				if unicode.IsPunct(r) || unicode.IsSymbol(r) {
					f |= gOther
				}
			}
			if quoteMark != 0 {
				// Position decides: a mark glued to the word after it opens,
				// one glued to the word before it closes, whatever its shape
				// ("”Fear." opens). Otherwise curly marks keep their shape
				// and straight ones toggle.
				before := i == 0 && g > 0 || i > 0 && !precedesQuote(s, i)
				after := i+width == len(s) && g < n
				switch {
				case !before && after:
					quoteMark = 1
				case before && !after:
					quoteMark = 2
				case quoteMark != 3:
				case open:
					quoteMark = 2
				default:
					quoteMark = 1
				}
			}
			switch quoteMark {
			case 1:
				f |= gOpenQ
				openQ, openCP, open = g, cp, true
			case 2:
				f |= gCloseQ
				if open {
					d.quotes = append(d.quotes, quote{open: openQ, close: g, start: openCP, end: cp + width/size})
				}
				open = false
			}
			i += width
			cp += width / size
		}
		d.gaps[g] = f
	}
}

// precedesQuote reports whether the rune before s[i] lets a quote open:
// space or an opening bracket or dash.
func precedesQuote(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	switch r {
	case '(', '[', '\u2014', '\u2013', '\u2015', ':':
		return true
	}
	return unicode.IsSpace(r)
}

// quoteOpenAt returns the quote whose opening mark is in gap g.
func (d *doc) quoteOpenAt(g int) (quote, bool) {
	k := sort.Search(len(d.quotes), func(k int) bool { return d.quotes[k].open >= g })
	if k < len(d.quotes) && d.quotes[k].open == g {
		return d.quotes[k], true
	}
	return quote{}, false
}

// quoteCloseAt returns the quote whose closing mark is in gap g.
func (d *doc) quoteCloseAt(g int) (quote, bool) {
	k := sort.Search(len(d.quotes), func(k int) bool { return d.quotes[k].close >= g })
	if k < len(d.quotes) && d.quotes[k].close == g {
		return d.quotes[k], true
	}
	return quote{}, false
}

// inQuote returns the quote that holds token t.
func (d *doc) inQuote(t int) (quote, bool) {
	k := sort.Search(len(d.quotes), func(k int) bool { return d.quotes[k].close > t })
	if k < len(d.quotes) && d.quotes[k].open <= t {
		return d.quotes[k], true
	}
	return quote{}, false
}

// sentence returns the token range [lo, hi) of the sentence holding token t.
func (d *doc) sentence(t int) (lo, hi int) {
	cp := d.toks[t].Start
	k := sort.Search(len(d.sents), func(k int) bool { return d.sents[k].End > cp })
	if k == len(d.sents) || d.sents[k].Start > cp {
		return t, t + 1
	}
	s := d.sents[k]
	// Token t starts inside the sentence, so the first token from its
	// start is at most t and the first from its end is after t.
	return d.index.From(s.Start), d.index.From(s.End)
}

// paragraphEnd returns the first token after t that follows a line break,
// or len(toks).
func (d *doc) paragraphEnd(t int) int {
	for g := t + 1; g < len(d.toks); g++ {
		if d.gaps[g]&gBreak != 0 {
			return g
		}
	}
	return len(d.toks)
}

func (d *doc) key(t int) string {
	if t < 0 || t >= len(d.toks) {
		return ""
	}
	return d.toks[t].Key
}

// span returns the code points of tokens [a, b).
func (d *doc) span(a, b int) (int, int) {
	return d.toks[a].Start, d.toks[b-1].End
}

// textOf returns the text of tokens [a, b).
func (d *doc) textOf(a, b int) string {
	if a >= b {
		return ""
	}
	return d.text[d.toks[a].ByteStart:d.toks[b-1].ByteEnd]
}

// actorsIn returns the actor mentions inside code points [a, b).
func (d *doc) actorsIn(a, b int) []sitrep.ActorMention {
	lo := sort.Search(len(d.actors), func(k int) bool { return d.actors[k].Start >= a })
	hi := lo
	for hi < len(d.actors) && d.actors[hi].End <= b {
		hi++
	}
	return d.actors[lo:hi]
}

// tokensOf returns the token range covering code points [a, b).
func (d *doc) tokensOf(a, b int) (int, int) {
	return d.index.After(a), d.index.From(b)
}

// nameLike reports a token that can belong to a name: capitalised, or an
// Arabic article joined to a capitalised word ("al-Araby", "el-Sisi").
func (d *doc) nameLike(t int) bool {
	tok := d.toks[t]
	if tok.Cap {
		return true
	}
	for i := 0; i+1 < len(tok.Text) && i < 4; i++ {
		if tok.Text[i] == '-' {
			return tok.Text[i+1] >= 'A' && tok.Text[i+1] <= 'Z'
		}
	}
	return false
}
