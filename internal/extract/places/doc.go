package places

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/match"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// doc is the state of one Find call.
type doc struct {
	r      *Resolver
	s      string
	toks   []text.Token
	words  *match.Text // toks interned, nil when the caller had none
	sents  []text.Span
	actors []sitrep.ActorMention
	// caseless is set for text written without capitals, where case says
	// nothing about names.
	caseless bool
	mentions []mention
	// persons holds the words of person names seen in the text, so that
	// "Henry" alone is not read as a town after "Chiquita Henry".
	persons map[string]bool
	abbrevs []mention // state abbreviations after "Town,"
	titled  []int8    // per sentence: 1 title case, -1 not, 0 not yet known
	groups  []group
	// countries and divisions index the countries and first-level
	// divisions of the candidates, for the evidence tables.
	countries []string
	divisions []region
	// classes caches the word class of each token's key (tokenClass),
	// looked up on first use.
	classes []uint32
	matches []match.Match // scratch space of match
	// Scratch space of resolve, reused between texts.
	floats   []float64
	ints     []int32
	smalls   []int16
	groupOfs []int32
}

// mention is one toponym candidate of the text.
type mention struct {
	tokStart, tokEnd int
	span             text.Span
	key              string
	cands            []candidate
	// ambiguous is set where the text's case is no evidence of a name: the
	// first word of a sentence, a title-case headline, all capitals.
	ambiguous bool
	// context is set for names found through a place context ("the village
	// of X") rather than the dictionary.
	context bool
	drop    bool
	weak    bool      // in an ambiguous position, to be confirmed
	hint    wordClass // admintype, admin2type or citytype word after it
	// region is the state or country named after a comma ("Alexandria, La.").
	region    region
	regionOf  int // first token of the mention naming the region after a comma, -1 for none
	afterName bool
	group     int
	// qual says where the name stands in a qualifier (qualLast,
	// qualInner), 0 outside one; quals holds the first tokens + 1 of the
	// names qualifying it, the division first, 0 for none; explicit marks
	// qualifiers in brackets or with "of", which decide between countries.
	qual     uint8
	explicit bool
	quals    [2]int32
}

// docPool keeps the state of finished Find calls, so that the next call
// reuses its slices.
var docPool = sync.Pool{New: func() any { return new(doc) }}

func newDoc(r *Resolver, s string, toks []text.Token, sents []text.Span, actors []sitrep.ActorMention) *doc {
	d := docPool.Get().(*doc)
	persons := d.persons
	clear(persons)
	if persons == nil {
		persons = make(map[string]bool)
	}
	*d = doc{
		r: r, s: s, toks: toks, sents: sents, actors: actors,
		persons:   persons,
		mentions:  d.mentions[:0],
		groups:    d.groups[:0],
		countries: d.countries[:0],
		divisions: d.divisions[:0],
		titled:    d.titled[:0],
		floats:    d.floats[:0],
		ints:      d.ints[:0],
		smalls:    d.smalls[:0],
		groupOfs:  d.groupOfs[:0],
		classes:   d.classes[:0],
		matches:   d.matches[:0],
	}
	d.classes = slices.Grow(d.classes, len(toks))[:len(toks)]
	clear(d.classes)
	d.caseless = caseless(toks)
	return d
}

// Bits of doc.classes beside the word class.
const (
	classKnown = 1 << 31 // the entry is filled
	classPart  = 1 << 30 // the key is one of partWords
)

// class returns the word class of token t's key.
func (d *doc) class(t int) wordClass {
	return wordClass(d.tokenClass(t))
}

// tokenClass returns the class bits of token t: its word class, and
// classPart for a part word. Most tokens are asked about several times.
func (d *doc) tokenClass(t int) uint32 {
	if c := d.classes[t]; c != 0 {
		return c
	}
	k := d.toks[t].Key
	c := uint32(d.r.words[k]) | classKnown
	if partWords[k] {
		c |= classPart
	}
	d.classes[t] = c
	return c
}

// release returns d to the pool, dropping its references to the text.
func (d *doc) release() {
	clear(d.matches)
	clear(d.mentions)
	clear(d.groups)
	d.s, d.toks, d.words, d.sents, d.actors, d.abbrevs = "", nil, nil, nil, nil, nil
	docPool.Put(d)
}

// caseless reports text with almost no capitalised words.
func caseless(toks []text.Token) bool {
	words, caps := 0, 0
	for i := range toks {
		if toks[i].Number {
			continue
		}
		words++
		if toks[i].Cap {
			caps++
		}
	}
	return words >= 20 && caps*50 < words
}

// match finds the dictionary candidates.
func (d *doc) match() {
	o := match.Options{Prefix: true, Suffix: true, Keep: d.keep}
	var ms []match.Match
	if d.words != nil {
		ms = d.r.m.AppendText(d.matches[:0], d.words, o)
		d.matches = ms
	} else {
		ms = d.r.m.FindWith(d.toks, o)
	}
	d.mentions = slices.Grow(d.mentions[:0], len(ms))
	for _, m := range ms {
		id := m.IDs[0]
		d.mentions = append(d.mentions, mention{
			tokStart: m.TokStart, tokEnd: m.TokEnd,
			span:     m.Span(d.toks),
			key:      d.r.keys[id],
			cands:    d.r.lookup(id),
			regionOf: -1,
		})
	}
}

// possessives finds names written with an English possessive whose
// apostrophe was lost: "Syrias Idlib", "Aleppos". Only notable places
// count, so that "Jones" is not "Jone".
func (d *doc) possessives() {
	var extra []mention
	mi := 0
	for t := range d.toks {
		for mi < len(d.mentions) && d.mentions[mi].tokEnd <= t {
			mi++
		}
		if mi < len(d.mentions) && d.mentions[mi].tokStart <= t {
			continue
		}
		tok := &d.toks[t]
		k := tok.Key
		if last := tok.Text[len(tok.Text)-1]; !tok.Cap || len(k) < 5 || (last != 's' && last != 'S') || strings.IndexByte(k, ' ') >= 0 {
			continue
		}
		ids := d.r.m.Get(k[:len(k)-1])
		if len(ids) == 0 {
			continue
		}
		cs := d.r.lookup(ids[0])
		if !d.r.notable(cs) || d.r.words[k[:len(k)-1]]&(classNever|classCommon|classFirstName|classTitle) != 0 {
			continue
		}
		sp := text.Span{Start: tok.Start, End: tok.End - 1, ByteStart: tok.ByteStart, ByteEnd: tok.ByteEnd - 1}
		extra = append(extra, mention{tokStart: t, tokEnd: t + 1, span: sp, key: k[:len(k)-1], cands: cs, regionOf: -1})
	}
	if len(extra) > 0 {
		d.mentions = mergeMentions(d.mentions, extra)
	}
}

// keep vets a dictionary match by its case and the marks between its
// tokens. It runs for every match, most of them lower-case words, so it
// rejects those first and allocates nothing.
func (d *doc) keep(m match.Match) bool {
	first := &d.toks[m.TokStart]
	if !d.caseless && !pieceUpper(first, m.StartWord) {
		// A lower-case article before a capital: "al-Bukamal".
		if m.StartWord != 0 || first.Cap || !articlePiece(first.Key) || !pieceUpper(first, 1) {
			return false
		}
	}
	if m.StartWord > 0 && pieceUpper(first, m.StartWord-1) && d.r.m.Get(pieceKey(first.Key, m.StartWord-1)) == nil {
		return false // "Wal-Mart": the piece before is no place
	}
	last := &d.toks[m.TokEnd-1]
	if m.EndWord < strings.Count(last.Key, " ")+1 && pieceUpper(last, m.EndWord) && d.r.m.Get(pieceKey(last.Key, m.EndWord)) == nil {
		return false // "Winston-Churchill"-like pairs: the piece after is no place
	}
	for t := m.TokStart + 1; t < m.TokEnd; t++ {
		tok := &d.toks[t]
		gap := d.s[d.toks[t-1].ByteEnd:tok.ByteStart]
		if !innerGap(gap) {
			return false
		}
		if d.caseless || tok.Cap || d.nameTail(tok) {
			continue
		}
		if d.class(t)&classConnector != 0 {
			continue
		}
		// Lower-case words may run up to a generic closing word: "the
		// Syrian desert", "the Omar oil field".
		if d.r.words[lastWord(last.Key)]&classHead == 0 {
			return false
		}
	}
	return true
}

// nameTail reports a hyphenated token whose pieces are articles or
// capitalised: "ez-Zor", "al-Assad".
func (d *doc) nameTail(tok *text.Token) bool {
	n := strings.Count(tok.Key, " ") + 1
	if n == 1 {
		return false
	}
	for w := 0; w < n; w++ {
		if !pieceUpper(tok, w) && !articlePiece(pieceKey(tok.Key, w)) {
			return false
		}
	}
	return true
}

// innerGap reports the marks that may separate the words of one name:
// spaces, and the periods of "U.S." or "St. Louis".
func innerGap(gap string) bool {
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case ' ', '.', '\t', '-':
		default:
			return false
		}
	}
	return true
}

// articlePiece reports an Arabic article written apart: "al", "el", "ad".
func articlePiece(key string) bool {
	switch firstWord(key) {
	// "al", and its forms before the letters it assimilates to: "ad
	// Dhahab", "adh Dhahab", "as Suwayda", "ash Shaykh".
	case "al", "el", "ul", "ad", "adh", "at", "ath", "as", "ash", "az", "an", "ar",
		"ed", "edh", "et", "eth", "es", "esh", "ez", "en", "er":
		return true
	}
	return false
}

// pieceUpper reports whether the w-th hyphen-separated piece of tok starts
// with an upper-case letter.
func pieceUpper(tok *text.Token, w int) bool {
	if w == 0 {
		return tok.Cap
	}
	s := tok.Text
	for n := 0; n < w; n++ {
		i := strings.IndexAny(s, "-\u2010\u2011")
		if i < 0 {
			return false
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		s = s[i+size:]
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func pieceKey(key string, w int) string {
	for ; w > 0; w-- {
		i := strings.IndexByte(key, ' ')
		if i < 0 {
			return ""
		}
		key = key[i+1:]
	}
	return firstWord(key)
}

func firstWord(key string) string {
	if i := strings.IndexByte(key, ' '); i >= 0 {
		return key[:i]
	}
	return key
}

func lastWord(key string) string {
	return key[strings.LastIndexByte(key, ' ')+1:]
}

// sentenceOf returns the index of the sentence holding code point cp, -1
// for none.
func (d *doc) sentenceOf(cp int) int {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].Start > cp }) - 1
	if i < 0 || cp >= d.sents[i].End {
		return -1
	}
	return i
}

// initial reports whether token t is the first word of its sentence or
// follows a colon, quote or bracket that opens a clause.
func (d *doc) initial(t int) bool {
	if t == 0 {
		return true
	}
	tok := &d.toks[t]
	if si := d.sentenceOf(tok.Start); si >= 0 && d.toks[t-1].Start < d.sents[si].Start {
		return true
	}
	raw := d.s[d.toks[t-1].ByteEnd:tok.ByteStart]
	if strings.IndexByte(raw, '\n') >= 0 {
		return true // a line of its own: a headline, a list item
	}
	gap := strings.TrimSpace(raw)
	if gap == "" {
		return false
	}
	switch gap[len(gap)-1] {
	case ':', '"', '(', '[', ';', '|':
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(gap)
	return r == '\u201C' || r == '\u2014' || r == '\u2013'
}

// titleCase reports whether token t lies in a headline-style sentence where
// most words are capitalised.
func (d *doc) titleCase(t int) bool {
	si := d.sentenceOf(d.toks[t].Start)
	if si < 0 {
		return false
	}
	if len(d.titled) != len(d.sents) {
		d.titled = append(d.titled[:0], make([]int8, len(d.sents))...)
	}
	if d.titled[si] == 0 {
		d.titled[si] = -1
		sp := d.sents[si]
		lo := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].Start >= sp.Start })
		// The first word is capitalised anyway and says nothing.
		words, caps := 0, 0
		for i := lo + 1; i < len(d.toks) && d.toks[i].Start < sp.End; i++ {
			tok := &d.toks[i]
			if tok.Number || len(tok.Key) < 4 {
				continue
			}
			words++
			if tok.Cap {
				caps++
			}
		}
		if words >= 4 && caps*5 >= words*4 {
			d.titled[si] = 1
		}
	}
	return d.titled[si] == 1
}

// shouting reports an all-capitals word among all-capitals neighbours.
func (d *doc) shouting(t int) bool {
	if !allCaps(d.toks[t].Text) {
		return false
	}
	n := 0
	for _, u := range []int{t - 1, t + 1, t + 2} {
		if u >= 0 && u < len(d.toks) && !d.toks[u].Number {
			if !allCaps(d.toks[u].Text) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// allCaps reports a word with at least two letters, none lower case.
func allCaps(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}
