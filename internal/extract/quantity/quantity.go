// Package quantity finds counted things in a text: "17 buses", "about 300
// fighters", "dozens of Isil fighters", "two hundred and fifty", "3.5
// million people". It reads the shared tokens and looks at the raw text only
// for the punctuation that tokenising drops: thousands separators, decimal
// points, percent and currency signs, and the commas and full stops that
// end a noun phrase.
//
// Conventions, chosen to agree with ACLED's coding of vague reports:
// "dozens" is 12, "scores" 20, "hundreds" 100, "thousands" 1,000, "tens of
// thousands" 10,000; "several" and "a few" are 3, "a couple" 2, "a handful"
// 5; all of these are approximate. A hedge before a number ("about",
// "around", "some", "nearly", "up to", "at least", "more than", "an
// estimated", ...) makes it approximate and belongs to its span; a range
// ("10 to 15", "10-15") keeps its lower bound and is approximate.
//
// Not reported: years ("in 2017", "the 2017 election"; a four-digit number
// counts only before a plural noun, "2000 fighters"), dates ("August 30"),
// clock times ("10:30", "10 pm"), durations ("five years", which the timex
// extractor reads), ages and other number-adjectives ("17-year-old",
// "three-day"), ordinals ("third", "3rd"), identifiers ("Resolution 2254",
// "F-16", "COVID-19") and "one" used as a pronoun.
package quantity

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Find returns the quantities of text in order. toks must be
// text.Tokens(text); spans are code-point offsets into text.
func Find(text string, toks []text.Token) []sitrep.Quantity {
	s := scanner{text: text, toks: toks}
	bufp := found.Get().(*[]sitrep.Quantity)
	buf := (*bufp)[:0]
	for i := 0; i < len(toks); {
		q, next, ok := s.quantity(i)
		if ok {
			buf = append(buf, q)
		}
		i = max(next, i+1)
	}
	var out []sitrep.Quantity
	if len(buf) > 0 {
		out = slices.Clone(buf) // one allocation of the right size
	}
	clear(buf)
	*bufp = buf[:0]
	found.Put(bufp)
	return out
}

// found keeps the scratch lists of Find, which grow as a text's
// quantities are found.
var found = sync.Pool{New: func() any { return new([]sitrep.Quantity) }}

type scanner struct {
	text string
	toks []text.Token
}

// num is a number read from toks[start:end].
type num struct {
	start, end int
	value      float64
	approx     bool
	skip       bool   // a number, but not a count: a time, ordinal, identifier
	year       bool   // a bare four-digit number that may be a year
	pronoun    bool   // "one" alone, which counts only with a noun
	unit       string // a unit written onto the digits: "50km"
}

// quantity reads the quantity starting at token i, if any, and returns the
// index to resume at.
func (s *scanner) quantity(i int) (sitrep.Quantity, int, bool) {
	var q sitrep.Quantity
	n, ok := s.number(i)
	if !ok {
		return q, i + 1, false
	}
	if n.skip || s.isIdentifier(n.start) || s.isDate(n) || s.isCompoundAdjective(n.end) {
		return q, n.end, false
	}
	if r, ok := s.rangeEnd(n); ok {
		n.end, n.approx = r, true
	}

	end, endCP, endByte := n.end, s.toks[n.end-1].End, s.toks[n.end-1].ByteEnd
	noun := n.unit
	switch {
	case strings.HasPrefix(s.text[endByte:], "%"):
		noun, endCP, endByte = "percent", endCP+1, endByte+1
	case s.key(n.end) == "percent" || s.key(n.end) == "pc":
		noun, end = "percent", n.end+1
	case s.key(n.end) == "per" && s.key(n.end+1) == "cent":
		noun, end = "percent", n.end+2
	case noun == "":
		if s.isClockTime(n.end) {
			return q, n.end, false
		}
		var head int
		noun, head = s.noun(n.end)
		if noun != "" {
			end = head + 1
		}
	}
	if end > n.end {
		endCP, endByte = s.toks[end-1].End, s.toks[end-1].ByteEnd
	}
	switch {
	case timeNouns[noun] || strings.HasPrefix(noun, "year old"):
		return q, end, false
	case n.year && !isPlural(noun):
		return q, end, false
	case n.pronoun && noun == "":
		return q, n.end, false
	}

	start, approx := s.approximator(n.start)
	startCP, startByte := s.toks[start].Start, s.toks[start].ByteStart
	if start == n.start {
		if sym, name := s.currency(n.start); sym != "" {
			startCP, startByte = startCP-1, startByte-len(sym)
			if noun == "" {
				noun = name
			}
		}
	}
	q = sitrep.Quantity{
		Span:        sitrep.Span{Start: startCP, End: endCP, Text: s.text[startByte:endByte]},
		Value:       n.value,
		Approximate: n.approx || approx,
		Noun:        noun,
	}
	return q, end, true
}

// number reads a number written in digits or words at token i.
func (s *scanner) number(i int) (num, bool) {
	t := s.toks[i]
	key := t.Key
	if t.Number {
		return s.digits(i), true
	}
	switch {
	case key == "a" || key == "an":
		next := s.word(i + 1)
		if _, ok := multipliers[next]; ok && s.spaced(i+1) {
			return s.words(i, i+1, 1)
		}
		if v, ok := vagueCounts[next]; ok && next != "several" && s.spaced(i+1) {
			return s.scale(num{start: i, end: i + 2, value: v, approx: true}), true
		}
	case key == "half":
		n := num{start: i, end: i + 1, value: 0.5}
		if a := s.key(i + 1); (a == "a" || a == "an") && s.spaced(i+1) && s.spaced(i+2) {
			if m, ok := multipliers[s.key(i+2)]; ok {
				n.end, n.value = i+3, 0.5*m
			}
		}
		return n, true
	case key == "several":
		return s.scale(num{start: i, end: i + 1, value: vagueCounts[key], approx: true}), true
	}
	if !countShape(key) && !countShape(firstWord(key)) {
		return num{}, false // most words: neither a vague plural nor a unit
	}
	if v, ok := vaguePlurals[key]; ok {
		n := num{start: i, end: i + 1, value: v, approx: true}
		larger, hasLarger := vaguePlurals[s.key(i+2)]
		hasLarger = hasLarger && larger >= 1e3 && s.key(i+1) == "of" && s.spaced(i+1) && s.spaced(i+2)
		switch {
		case hasLarger: // "tens of thousands", "hundreds of thousands"
			n.end, n.value = i+3, v*larger
		case key == "tens" || (key == "scores" && s.key(i+1) != "of"):
			return num{}, false
		}
		return n, true
	}
	if _, ok := units[firstWord(key)]; ok {
		return s.words(i, i, 0)
	}
	return num{}, false
}

// scale multiplies a vague count by a following multiplier: "several
// hundred", "a few dozen".
func (s *scanner) scale(n num) num {
	if m, ok := multipliers[s.key(n.end)]; ok && s.spaced(n.end) {
		n.value *= m
		n.end++
	}
	return n
}

// words reads number words from token from on, the number phrase starting
// at token start ("a" in "a hundred"); current is the value read so far.
// "twenty-three" is one token whose key is "twenty three".
func (s *scanner) words(start, from int, current float64) (num, bool) {
	total, read, lastMult := 0.0, false, false
	j := from
	for ; j < len(s.toks); j++ {
		if j > start && !s.spaced(j) {
			break
		}
		key := s.toks[j].Key
		if key == "and" && lastMult && j+1 < len(s.toks) && s.spaced(j+1) {
			if _, ok := units[firstWord(s.toks[j+1].Key)]; ok {
				continue // "two hundred and fifty"
			}
			break
		}
		if !allNumberWords(key) {
			if j == from && strings.Contains(key, " ") {
				// "three-day", "one-sided", "twenty-year-old": an adjective
				// made from a number counts nothing.
				return num{start: start, end: j + 1, skip: true}, true
			}
			break
		}
		for w := range strings.FieldsSeq(key) {
			if m, ok := multipliers[w]; ok {
				if m < 1e3 {
					current = max(current, 1) * m
				} else {
					total += max(current, 1) * m
					current = 0
				}
				lastMult = true
			} else {
				current += units[w]
				lastMult = false
			}
			read = true
		}
	}
	if !read {
		return num{}, false
	}
	n := num{start: start, end: j, value: total + current}
	n.pronoun = j == start+1 && s.toks[start].Key == "one"
	return n, true
}

func allNumberWords(key string) bool {
	for w := range strings.FieldsSeq(key) {
		_, unit := units[w]
		_, mult := multipliers[w]
		if !unit && !mult {
			return false
		}
	}
	return key != ""
}

// digits reads a number written in digits at token i, joining the tokens
// that tokenising split at separators: "1,200", "3.5", "8,5" (a decimal
// comma), and a following multiplier word: "3.5 million".
func (s *scanner) digits(i int) num {
	key := s.toks[i].Key
	n := num{start: i, end: i + 1}
	if d := digitPrefix(key); d < len(key) {
		n.value, _ = strconv.ParseFloat(key[:d], 64)
		switch suffix := key[d:]; suffix {
		case "km", "kms", "kg", "mm", "cm", "mph", "kph", "kmh":
			n.unit = suffix
		case "bn":
			n.value *= 1e9
		default: // ordinals (3rd), times (10pm), decades (1990s), codes
			n.skip = true
		}
		return n
	}
	n.value, _ = strconv.ParseFloat(key, 64)
	grouped, decimal := false, false
	j := i + 1
	for ; j < len(s.toks) && len(key) <= 3 && s.gap(j) == "," && isGroup(s.toks[j].Key); j++ {
		v, _ := strconv.ParseFloat(s.toks[j].Key, 64)
		n.value = n.value*1000 + v
		grouped = true
	}
	if j < len(s.toks) && s.toks[j].Number {
		next := s.toks[j].Key
		if sep := s.gap(j); sep == "." || (sep == "," && !grouped && len(next) <= 2 && allDigits(next)) {
			if !allDigits(next) {
				n.skip = true // "10.30pm"
			}
			frac, _ := strconv.ParseFloat("0."+next, 64)
			n.value += frac
			decimal = true
			j++
		}
	}
	// A separator and more digits make a clock time, a date, a version or a
	// score ("10:30", "30/08", "30.08.2017"); the whole chain is skipped so
	// that no part of it reads as a count.
	for j < len(s.toks) && s.toks[j].Number && (s.gap(j) == "." || s.gap(j) == ":" || s.gap(j) == "/") {
		n.skip = true
		j++
	}
	if n.skip {
		n.end = j
		return n
	}
	for ; j < len(s.toks) && s.spaced(j); j++ {
		m, ok := multipliers[s.toks[j].Key]
		if !ok {
			break
		}
		n.value *= m
		grouped = true
	}
	n.end = j
	n.value = math.Round(n.value*1e6) / 1e6
	n.year = !grouped && !decimal && len(key) == 4 && n.value >= 1800 && n.value <= 2100
	return n
}

// rangeEnd extends a number over a range: "10 to 15", "10-15", "two or
// three".
func (s *scanner) rangeEnd(n num) (int, bool) {
	j := n.end
	if j >= len(s.toks) {
		return 0, false
	}
	switch gap := s.gap(j); {
	case (gap == "-" || gap == "\u2013") && s.toks[j].Number:
	case (s.toks[j].Key == "to" || s.toks[j].Key == "or") && s.spaced(j) && j+1 < len(s.toks) && s.spaced(j+1):
		j++
	default:
		return 0, false
	}
	if m, ok := s.number(j); ok && !m.skip && !m.year {
		return m.end, true
	}
	return 0, false
}

// noun finds the counted noun after a number that ends before token j: the
// head (last word) of the noun phrase, skipping "of the" and adjectives.
// "300 lightly armed fighters" counts fighters, "17 buses carrying" buses,
// "dozens of Isil fighters" fighters. It returns the noun and its token.
func (s *scanner) noun(j int) (string, int) {
	if j >= len(s.toks) || !s.spaced(j) {
		return "", 0
	}
	if s.toks[j].Key == "of" {
		j++
		for j < len(s.toks) && determiners[s.toks[j].Key] && s.spaced(j) {
			j++
		}
		if j >= len(s.toks) || !s.spaced(j) {
			return "", 0
		}
	}
	head, noun := -1, false // noun: the phrase so far ends in a noun
	for k := j; k < len(s.toks) && k < j+4; k++ {
		t := s.toks[k]
		if k > j && !s.spaced(k) {
			break
		}
		if stopWords[t.Key] || t.Number || allNumberWords(t.Key) {
			break
		}
		modifier := strings.HasSuffix(t.Key, "ly") || strings.HasSuffix(t.Key, "ed") || strings.HasSuffix(t.Key, "ing")
		if noun && (modifier || (t.Cap && !s.toks[k-1].Cap)) {
			break // a verb or an adverb after the noun, or a new name
		}
		head, noun = k, !modifier || pluralNouns[t.Key]
		if isPlural(t.Key) {
			break
		}
	}
	if head < 0 || !noun {
		return "", 0 // "several hundred stayed": a verb is no noun
	}
	key := s.toks[head].Key
	if notNouns[key] {
		return "", 0
	}
	return key, head
}

// isPlural tells plural nouns by their ending or from a list; the head of a
// count above one is plural, which is what tells "2000 fighters" from "the
// 2017 election".
func isPlural(w string) bool {
	if pluralNouns[w] || strings.HasSuffix(w, "men") {
		return true
	}
	return len(w) > 3 && strings.HasSuffix(w, "s") &&
		!strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// approximator returns the first token of a hedge before token i, and
// whether there is one.
func (s *scanner) approximator(i int) (int, bool) {
next:
	for _, phrase := range approximators {
		start := i - len(phrase)
		if start < 0 {
			continue
		}
		for k, w := range phrase {
			if s.toks[start+k].Key != w || !s.spaced(start+k+1) && strings.TrimSpace(strings.TrimRight(s.gap(start+k+1), "$£€")) != "" {
				continue next
			}
		}
		return start, true
	}
	return i, false
}

// isIdentifier tells numbers that name rather than count: "Resolution
// 2254", "F-16", "COVID-19", "#5".
func (s *scanner) isIdentifier(i int) bool {
	if i == 0 {
		return false
	}
	prev := s.toks[i-1]
	gap := s.gap(i)
	switch {
	case gap == "-" && !prev.Number:
		return true
	case strings.HasSuffix(gap, "#") || strings.HasSuffix(gap, "\u2116"):
		return true
	case prev.Cap && labels[prev.Key] && (gap == " " || gap == ". "):
		return true
	}
	return false
}

// isDate tells a day of the month next to its month: "August 30", "30
// August".
func (s *scanner) isDate(n num) bool {
	if !s.toks[n.start].Number || n.value > 31 || n.end != n.start+1 {
		return false
	}
	return months[s.key(n.start-1)] && s.spaced(n.start) || months[s.key(n.end)] && s.spaced(n.end)
}

// isCompoundAdjective tells a number hyphened to a word: "17-year-old",
// "5-storey".
func (s *scanner) isCompoundAdjective(j int) bool {
	return j < len(s.toks) && !s.toks[j].Number && (s.gap(j) == "-" || s.gap(j) == "\u2010")
}

// isClockTime tells "10 a.m." and "10 p.m.", which tokenise as "a" "m".
func (s *scanner) isClockTime(j int) bool {
	k := s.key(j)
	return (k == "a" || k == "p") && s.key(j+1) == "m" && s.gap(j+1) == "."
}

// currency returns the currency sign written right before token i and what
// it counts.
func (s *scanner) currency(i int) (string, string) {
	before := s.text[:s.toks[i].ByteStart]
	for _, c := range [...]struct{ sign, name string }{{"$", "dollars"}, {"£", "pounds"}, {"€", "euros"}} {
		if strings.HasSuffix(before, c.sign) {
			return c.sign, c.name
		}
	}
	return "", ""
}

// gap is the text between token j-1 and token j.
func (s *scanner) gap(j int) string {
	if j <= 0 || j >= len(s.toks) {
		return ""
	}
	return s.text[s.toks[j-1].ByteEnd:s.toks[j].ByteStart]
}

// spaced reports whether only white space separates token j from the one
// before it, so the two belong to one phrase.
func (s *scanner) spaced(j int) bool {
	if j <= 0 || j >= len(s.toks) {
		return false
	}
	gap := s.gap(j)
	for i := 0; i < len(gap); {
		r, size := utf8.DecodeRuneInString(gap[i:])
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' && r != '\u00a0' {
			return false
		}
		i += size
	}
	return true
}

// key is the key of token j, "" past either end.
func (s *scanner) key(j int) string {
	if j < 0 || j >= len(s.toks) {
		return ""
	}
	return s.toks[j].Key
}

// word is the first word of token j's key.
func (s *scanner) word(j int) string {
	return firstWord(s.key(j))
}

func firstWord(key string) string {
	if i := strings.IndexByte(key, ' '); i >= 0 {
		return key[:i]
	}
	return key
}

func digitPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func allDigits(s string) bool {
	return s != "" && digitPrefix(s) == len(s)
}

// isGroup tells a thousands group: exactly three digits.
func isGroup(s string) bool {
	return len(s) == 3 && allDigits(s)
}
