// Package timex finds temporal expressions in news text and resolves them
// against the published date as TIMEX3 types and values (TimeML, as in
// TimeBank): "last Tuesday" is a DATE 2017-08-29, "three years" a DURATION
// P3Y, "at 3 p.m." a TIME 2017-08-30T15:00, "every week" a SET P1W.
//
// It is a hand-written scanner, not a cascade of regular expressions: the
// text is cut into word and digit tokens once, each word is looked up in a
// small lexicon, and the grammar runs only at tokens that can start an
// expression (month and weekday names, digits, number words, "last",
// "yesterday", ...). That keeps it at millions of words a second.
package timex

import (
	"math"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Find returns every temporal expression in text, in order. anchor is the
// document's published date (nil when unknown: expressions are still
// reported, with Resolved=false and a value only where the text itself
// fixes it, e.g. "August 30, 2017"). Offsets are code points of text (see
// sitrep.Span).
//
// Without an anchor, an expression the text fixes keeps its full value and
// Resolved=true ("August 30, 2017", "three years" P3Y, "now" PRESENT_REF);
// one that needs the anchor has Resolved=false and either the TIMEX3
// underspecified value the text gives ("Tuesday" XXXX-WXX-2, "Aug. 30"
// XXXX-08-30) or no value ("yesterday", "last week").
func Find(text string, anchor *time.Time) []sitrep.DateMention {
	if len(text) == 0 || len(text) > math.MaxInt32 {
		return nil
	}
	p := parsers.Get().(*parser)
	defer parsers.Put(p)
	p.reset(text, anchor)
	p.run()
	if len(p.out) == 0 {
		return nil
	}
	out := make([]sitrep.DateMention, len(p.out))
	copy(out, p.out)
	return out
}

var parsers = sync.Pool{New: func() any { return new(parser) }}

// parser holds the state of one Find call. It is pooled so that the token
// slice is reused between calls.
type parser struct {
	text string
	toks []token
	a    civil // anchor date
	has  bool  // anchor known
	out  []sitrep.DateMention
	ms   []match

	depth int // nesting of core calls

	// Context for anaphoric expressions: the last quarter named ("the
	// year-earlier quarter" is that quarter a year before) and the last
	// year written out ("the following year").
	lastQ     quarterRef
	lastYear  int
	lastYearT int // token index of lastYear
}

type quarterRef struct {
	y, q int
	tok  int // token index where it was named
	ok   bool
}

func (p *parser) reset(text string, anchor *time.Time) {
	p.text = text
	p.toks = tokenize(text, p.toks[:0])
	p.out = p.out[:0]
	p.ms = p.ms[:0]
	p.has = anchor != nil
	if anchor != nil {
		y, m, d := anchor.Date()
		p.a = civil{y, int(m), d}
	} else {
		p.a = civil{}
	}
	p.lastQ = quarterRef{}
	p.lastYear, p.lastYearT = 0, 0
	p.depth = 0
}

// match is one expression found by the grammar, over tokens [start, end).
type match struct {
	start, end int
	endByte    int32 // when > 0, the span ends here rather than at the last token
	typ        string
	val        string
	anchored   bool // the value needed the anchor
	// timeOnly marks a TIME whose date was not in the expression: the
	// date is taken from a day named nearby in the same sentence.
	timeOnly bool
	suffix   string     // the T part of such a TIME: "T15:00", "TMO"
	q        quarterRef // the quarter this expression names, if any
	year     int        // a year written in the expression, 0 if none
}

func (p *parser) run() {
	n := len(p.toks)
	for i := 0; i < n; {
		if !p.trigger(i) {
			i++
			continue
		}
		m, ok := p.match(i)
		if !ok || m.end <= i {
			i++
			continue
		}
		if m.q.ok {
			m.q.tok = m.end
			p.lastQ = m.q
		}
		if m.year != 0 {
			p.lastYear, p.lastYearT = m.year, m.end
		}
		p.ms = append(p.ms, m)
		i = m.end
	}
	p.attachTimes()
	p.emit()
}

// trigger reports whether token i can start an expression.
func (p *parser) trigger(i int) bool {
	t := &p.toks[i]
	if t.nd > 0 {
		return true
	}
	switch t.e.k {
	case kNone, kCue, kTZ:
		return false
	case kWord:
		switch t.e.w {
		case wThe, wLast, wNext, wThis, wPast, wPrevious, wComing, wFollowing, wCurrent, wLatest, wRecent,
			wEarly, wLate, wMid, wEarlier, wLater, wEvery, wEach, wPer, wFiscal, wEnd, wBeginning, wStart, wMiddle,
			wApprox, wMore, wLess, wAt, wUp, wNo, wRight, wThese, wQ, wIts, wSame, wNear, wPost, wThat, wShort, wLong, wAdditional, wAs, wWithin, wUpcoming,
			wFirst, wSecond, wFinal:
			return true
		}
		return false
	}
	return true
}

// attachTimes gives a TIME with no date of its own ("at 3 p.m.") the day
// named nearest to it in the same sentence, or the anchor.
func (p *parser) attachTimes() {
	for i := range p.ms {
		m := &p.ms[i]
		if !m.timeOnly {
			continue
		}
		if d, ok := p.sentenceDay(i); ok {
			m.val = d + m.suffix
			continue
		}
		if p.has {
			m.val = p.a.String() + m.suffix
		}
	}
}

// sentenceDay returns the day value of the mention nearest to ms[i] within
// its sentence, looking ahead first ("at 10:35 a.m. Friday") then back.
func (p *parser) sentenceDay(i int) (string, bool) {
	for j := i + 1; j < len(p.ms) && j <= i+2; j++ {
		if p.breakBetween(p.ms[i].end, p.ms[j].start) {
			break
		}
		if v := p.ms[j].val; isDayValue(v) {
			return v[:10], true
		}
	}
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		if p.breakBetween(p.ms[j].end, p.ms[i].start) {
			break
		}
		if v := p.ms[j].val; isDayValue(v) {
			return v[:10], true
		}
	}
	return "", false
}

func isDayValue(v string) bool {
	return len(v) >= 10 && v[4] == '-' && v[7] == '-' && isDigit(v[0]) && isDigit(v[5]) && isDigit(v[8])
}

// breakBetween reports whether a sentence ends between tokens a-1 and b.
func (p *parser) breakBetween(a, b int) bool {
	for k := a; k <= b && k < len(p.toks); k++ {
		if k > 0 && p.sentenceGap(k) {
			return true
		}
	}
	return false
}

// emit converts the matches to mentions with code-point offsets. Matches
// come in text order, so one forward cursor converts all offsets.
func (p *parser) emit() {
	bpos, cpos := 0, 0
	cp := func(b int) int {
		cpos += utf8.RuneCountInString(p.text[bpos:b])
		bpos = b
		return cpos
	}
	for _, m := range p.ms {
		bs := int(p.toks[m.start].bs)
		be := int(p.toks[m.end-1].be)
		if m.endByte > 0 {
			be = int(m.endByte)
		}
		if bs < bpos || be <= bs || be > len(p.text) {
			continue
		}
		start := cp(bs)
		end := cp(be)
		p.out = append(p.out, sitrep.DateMention{
			Span:     sitrep.Span{Start: start, End: end, Text: p.text[bs:be]},
			Type:     m.typ,
			Value:    m.val,
			Resolved: m.val != "" && (p.has || !m.anchored),
		})
	}
}

// Token accessors. Out-of-range indexes read as an empty token so the
// grammar never needs bounds checks.

var noToken = token{num: -1}

func (p *parser) tok(i int) *token {
	if i < 0 || i >= len(p.toks) {
		return &noToken
	}
	return &p.toks[i]
}

func (p *parser) k(i int) kind  { return p.tok(i).e.k }
func (p *parser) w(i int) wid   { return p.tok(i).e.w }
func (p *parser) v(i int) int16 { return p.tok(i).e.v }

// title reports whether word token i is in title case ("Week"), which
// inside a sentence marks a name rather than a time.
func (p *parser) title(i int) bool {
	t := p.tok(i)
	return t.cap && t.be-t.bs > 1 && p.text[t.bs+1] >= 'a' && p.text[t.bs+1] <= 'z'
}

// word reports whether token i is the lexicon word id.
func (p *parser) word(i int, id wid) bool {
	t := p.tok(i)
	return t.e.w == id && t.nd == 0 && id != wNone
}

// num returns the value of digit token i, or -1.
func (p *parser) num(i int) int {
	t := p.tok(i)
	if t.nd == 0 || t.grp {
		return -1
	}
	return int(t.num)
}

// str returns the text of token i.
func (p *parser) str(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.text[p.toks[i].bs:p.toks[i].be]
}

// gap returns the text between token i-1 and token i. Before the first
// token and past the last it returns "\n", which no rule accepts as glue.
func (p *parser) gap(i int) string {
	if i <= 0 || i >= len(p.toks) {
		return "\n"
	}
	return p.text[p.toks[i-1].be:p.toks[i].bs]
}

// sp reports whether tokens i-1 and i are separated by spaces only.
func (p *parser) sp(i int) bool {
	if i <= 0 || i >= len(p.toks) {
		return false
	}
	g := p.gap(i)
	if g == "" {
		return false
	}
	for k := 0; k < len(g); k++ {
		if g[k] != ' ' && g[k] != '\t' && g[k] != '\n' && g[k] != '\r' {
			return false
		}
	}
	return strings.Count(g, "\n") < 2
}

// hy reports whether tokens i-1 and i are joined by a hyphen.
func (p *parser) hy(i int) bool {
	g := p.gap(i)
	return g == "-" || g == "\u2010" || g == "\u2011"
}

// adj reports whether tokens i-1 and i touch.
func (p *parser) adj(i int) bool { return i > 0 && i < len(p.toks) && p.toks[i-1].be == p.toks[i].bs }

// spOrHy reports whether tokens i-1 and i are joined by spaces or a hyphen.
func (p *parser) spOrHy(i int) bool { return p.sp(i) || p.hy(i) }

// comma reports whether the gap before token i is a comma with spaces.
func (p *parser) comma(i int) bool {
	g := strings.TrimSpace(p.gap(i))
	return g == "," && len(p.gap(i)) <= 3
}

// sentenceGap reports whether a sentence ends in the gap before token i.
// A period after an abbreviation ("Aug.", "a.m.", "U.S.") does not count.
func (p *parser) sentenceGap(i int) bool {
	g := p.gap(i)
	for k := 0; k < len(g); k++ {
		switch g[k] {
		case '\n', '!', '?', ';':
			return true
		case '.':
			prev, next := p.tok(i-1), p.tok(i)
			if k+1 < len(g) && (next.cap || next.nd > 0) && prev.be-prev.bs > 1 && prev.e.f&fAbbr == 0 {
				return true
			}
		}
	}
	return false
}
