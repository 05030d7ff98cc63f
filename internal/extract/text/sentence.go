package text

import (
	"unicode"
	"unicode/utf8"
)

// Span is a range of the text: Start and End in code points (end-exclusive),
// ByteStart and ByteEnd the same range in the Go string.
type Span struct {
	Start, End         int
	ByteStart, ByteEnd int
}

// Sentences splits s into sentences, each trimmed of surrounding space. A
// sentence ends at a blank line, or at . ! ? or an ellipsis (with any closing
// quotes or brackets after it) followed by space and a word that does not
// start in lower case. A period after an abbreviation ends nothing when a
// name or number follows ("Gen. Qassem", "Sept. 11", "U.S. Army", "J. R.
// Smith") and ends the sentence when a common sentence opener follows ("in
// the U.S. The next day"). A single line break is a space, so hard-wrapped
// text stays whole; paragraphs must be separated by a blank line.
func Sentences(s string) []Span {
	return AppendSentences(nil, s)
}

// AppendSentences appends the sentences of s to out, so that a caller can
// reuse one slice for many texts.
func AppendSentences(out []Span, s string) []Span {
	// The state lives in plain variables, not in a closure that would keep
	// it in memory: the loop reads every byte of the text.
	start, startCP := -1, 0 // first byte of the open sentence
	last, lastCP := 0, 0    // end of its last non-space rune
	cut := -1               // byte at which the open sentence ends
	seen := 0               // terminal runs before this byte are decided
	cp := 0
	for i := 0; i < len(s); {
		if plain(s[i]) && i != cut {
			// A run of ASCII that is neither space nor a terminal mark
			// only moves the end of the open sentence: most of the text.
			j := i + 1
			for j < len(s) && plain(s[j]) && j != cut {
				j++
			}
			if start < 0 {
				start, startCP = i, cp
			}
			cp += j - i
			i = j
			last, lastCP = i, cp
			continue
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		emit := i == cut
		if r == '\n' || r == '\u2029' {
			emit = emit || r == '\u2029' || blankLineAt(s, i+size)
		}
		if emit {
			if start >= 0 {
				out = append(out, Span{Start: startCP, End: lastCP, ByteStart: start, ByteEnd: last})
			}
			start, cut = -1, -1
		}
		switch {
		case r == '\n' || r == '\u2029', isSpace(r):
		default:
			if start < 0 {
				start, startCP = i, cp
			}
			last, lastCP = i+size, cp+1
			if i >= seen && isTerminal(r) {
				termEnd := skipWhile(s, i, isTerminal)
				end := skipWhile(s, termEnd, isCloser)
				seen = termEnd
				if endsSentence(s, i, termEnd, end) {
					cut = end
				}
			}
		}
		i += size
		cp++
	}
	if start >= 0 {
		out = append(out, Span{Start: startCP, End: lastCP, ByteStart: start, ByteEnd: last})
	}
	return out
}

// plain reports an ASCII byte that is neither space nor a terminal mark.
func plain(c byte) bool {
	return c > ' ' && c < utf8.RuneSelf && c != '.' && c != '!' && c != '?'
}

// isSpace is unicode.IsSpace, quicker for ASCII.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

// endsSentence decides whether the terminal run s[i:termEnd], followed by
// closing marks up to end, closes a sentence.
func endsSentence(s string, i, termEnd, end int) bool {
	if end == len(s) {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(s[end:]); !unicode.IsSpace(r) {
		return false // "3.5", "U.S", "Yahoo!'s"
	}
	next := nextWord(s, end)
	if next == "" {
		return true // only space or punctuation follows
	}
	if first, _ := utf8.DecodeRuneInString(next); unicode.IsLower(first) {
		return false // `"Why?" he asked`, "e.g. the"
	}
	if s[i:termEnd] != "." || end > termEnd {
		return true // ! ? ... or a quoted sentence: `win." Then`
	}
	prev := wordBefore(s, i)
	if prev == "" {
		return true // "in 2015. The", "(twice). The"
	}
	var buf [16]byte
	key := lowerASCII(buf[:0], prev)
	nextNum := next[0] >= '0' && next[0] <= '9'
	switch abbreviations[string(key)] {
	case abbrTitle:
		return false
	case abbrBeforeNumber:
		if nextNum {
			return false
		}
		return opensSentence(next)
	case abbrAmbiguous:
		return opensSentence(next)
	}
	if hasDot(prev) || isInitial(prev) {
		return opensSentence(next) // "U.S.", "p.m.", "J."
	}
	return true
}

// blankLineAt reports whether only spaces and tabs separate i from the next
// line break.
func blankLineAt(s string, i int) bool {
	for ; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r':
		case '\n':
			return true
		default:
			return false
		}
	}
	return false
}

func skipWhile(s string, i int, f func(rune) bool) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !f(r) {
			break
		}
		i += size
	}
	return i
}

func isTerminal(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '\u2026'
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '\u201D', '\u2019', ')', ']', '\u00BB', '\u203A':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '\u201C', '\u2018', '(', '[', '\u00AB', '\u2039':
		return true
	}
	return false
}

// nextWord returns the word after the space at i, past any opening quotes
// or brackets: letters and digits only.
func nextWord(s string, i int) string {
	i = skipWhile(s, i, unicode.IsSpace)
	i = skipWhile(s, i, isOpener)
	j := skipWhile(s, i, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
	return s[i:j]
}

// wordBefore returns the letters and inner periods just before byte i:
// "U.S" for "U.S.", "Gen" for "Gen.".
func wordBefore(s string, i int) string {
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= size
	}
	for j < i && s[j] == '.' {
		j++
	}
	return s[j:i]
}

func hasDot(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] == '.' {
			return true
		}
	}
	return false
}

// isInitial reports a single upper-case letter, as in "J. R. Smith".
func isInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r)
}

// lowerASCII appends w lower-cased to buf, keeping at most cap(buf) bytes so
// that the lookup it feeds never allocates.
func lowerASCII(buf []byte, w string) []byte {
	for i := 0; i < len(w) && len(buf) < cap(buf); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// opensSentence reports a word that usually starts a sentence and seldom
// follows an abbreviation inside one.
func opensSentence(w string) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return false
	}
	return openers[string(lowerASCII(buf[:0], w))]
}

type abbrKind uint8

const (
	abbrNone abbrKind = iota
	// abbrTitle precedes a name and never ends a sentence: "Gen.", "Dr.".
	abbrTitle
	// abbrBeforeNumber precedes a number: "Sept. 11", "No. 10".
	abbrBeforeNumber
	// abbrAmbiguous may end a sentence: "etc.", "Inc.".
	abbrAmbiguous
)

// abbreviations are keyed by their lower-case form without the final period.
var abbreviations = map[string]abbrKind{
	"mr": abbrTitle, "mrs": abbrTitle, "ms": abbrTitle, "messrs": abbrTitle,
	"dr": abbrTitle, "prof": abbrTitle, "rev": abbrTitle, "hon": abbrTitle,
	"gen": abbrTitle, "lt": abbrTitle, "col": abbrTitle, "maj": abbrTitle,
	"capt": abbrTitle, "cpt": abbrTitle, "sgt": abbrTitle, "cpl": abbrTitle,
	"pvt": abbrTitle, "adm": abbrTitle, "brig": abbrTitle, "cmdr": abbrTitle,
	"cdr": abbrTitle, "gov": abbrTitle, "sen": abbrTitle, "rep": abbrTitle,
	"pres": abbrTitle, "amb": abbrTitle, "supt": abbrTitle, "insp": abbrTitle,
	"st": abbrTitle, "mt": abbrTitle, "ft": abbrTitle, "fr": abbrTitle,
	"e.g": abbrTitle, "i.e": abbrTitle, "cf": abbrTitle, "vs": abbrTitle, "viz": abbrTitle,

	"jan": abbrBeforeNumber, "feb": abbrBeforeNumber, "mar": abbrBeforeNumber,
	"apr": abbrBeforeNumber, "jun": abbrBeforeNumber, "jul": abbrBeforeNumber,
	"aug": abbrBeforeNumber, "sep": abbrBeforeNumber, "sept": abbrBeforeNumber,
	"oct": abbrBeforeNumber, "nov": abbrBeforeNumber, "dec": abbrBeforeNumber,
	"no": abbrBeforeNumber, "nos": abbrBeforeNumber, "vol": abbrBeforeNumber,
	"art": abbrBeforeNumber, "fig": abbrBeforeNumber, "p": abbrBeforeNumber,
	"pp": abbrBeforeNumber, "para": abbrBeforeNumber, "approx": abbrBeforeNumber,

	"etc": abbrAmbiguous, "inc": abbrAmbiguous, "ltd": abbrAmbiguous,
	"co": abbrAmbiguous, "corp": abbrAmbiguous, "jr": abbrAmbiguous,
	"sr": abbrAmbiguous, "bros": abbrAmbiguous, "dept": abbrAmbiguous,
	"govt": abbrAmbiguous, "est": abbrAmbiguous, "al": abbrAmbiguous,
}

// openers are words that commonly start an English news sentence.
var openers = map[string]bool{
	"the": true, "a": true, "an": true, "he": true, "she": true, "it": true,
	"they": true, "we": true, "i": true, "you": true, "this": true, "that": true,
	"these": true, "those": true, "there": true, "his": true, "her": true,
	"its": true, "their": true, "our": true, "my": true, "in": true, "on": true,
	"at": true, "but": true, "and": true, "or": true, "so": true, "yet": true,
	"if": true, "when": true, "while": true, "after": true, "before": true,
	"as": true, "since": true, "although": true, "though": true, "however": true,
	"meanwhile": true, "also": true, "earlier": true, "later": true, "then": true,
	"some": true, "many": true, "most": true, "both": true, "all": true,
	"what": true, "who": true, "why": true, "how": true, "where": true,
	"according": true, "last": true, "for": true, "with": true, "from": true,
	"by": true, "during": true, "over": true, "under": true, "among": true,
	"more": true, "several": true, "no": true, "one": true, "two": true,
	"three": true, "other": true, "another": true, "each": true, "such": true,
	"until": true, "despite": true, "because": true, "instead": true,
}
