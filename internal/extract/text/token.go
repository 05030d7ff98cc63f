package text

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// Token is a word or number of the text. Start and End are code-point
// offsets into the text (end-exclusive); ByteStart and ByteEnd index the
// same token in the Go string.
type Token struct {
	Start, End         int
	ByteStart, ByteEnd int
	Text               string // as written
	Key                string // Fold(Text)
	Cap                bool   // first letter upper case
	Number             bool   // starts with a digit
}

// Tokens splits s into word tokens. A word is a run of letters, digits and
// marks; an apostrophe or hyphen between two letters stays inside it
// ("Shi'ite", "ez-Zor" are one token each, whose Key folds the mark away:
// "shiite", "ez zor"). Punctuation and spaces separate tokens and are not
// returned.
//
// Tokens is the first step of every analysis, so it reads ASCII a byte at a
// time and allocates little: a key already folded is the token's own text,
// and the other keys share one buffer.
func Tokens(s string) []Token {
	return AppendTokens(make([]Token, 0, len(s)/6+1), s)
}

// AppendTokens appends the tokens of s to toks, so that a caller can reuse
// one slice for many texts.
func AppendTokens(toks []Token, s string) []Token {
	// The keys that differ from their text are folded into one buffer,
	// made one string at the end and shared out.
	kb := keyBuffers.Get().(*keyBuffer)
	keys, pending := kb.keys[:0], kb.pending[:0]
	cp := 0 // code-point index of byte i
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiWord(c) {
				i++
				cp++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(s[i:]); !isWord(r) {
			i += size
			cp++
			continue
		}
		start, startCP := i, cp
		folded := true // only lower-case ASCII letters and digits so far
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf && asciiWord(c) {
				if 'A' <= c && c <= 'Z' {
					folded = false // upper case
				}
				i++
				cp++
				continue
			}
			r, size := rune(c), 1
			if c >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(s[i:])
				if isWord(r) {
					folded = false
					i += size
					cp++
					continue
				}
			}
			if isJoiner(r) && i+size < len(s) {
				next, _ := utf8.DecodeRuneInString(s[i+size:])
				prev, _ := utf8.DecodeLastRuneInString(s[start:i])
				if unicode.IsLetter(next) && unicode.IsLetter(prev) && !possessive(s[i:], r) {
					folded = false
					i += size
					cp++
					continue
				}
			}
			break
		}
		w := s[start:i]
		if !folded {
			from := len(keys)
			keys = appendFold(keys, w)
			pending = append(pending, pendingKey{tok: len(toks), from: from, to: len(keys)})
		}
		var capital bool
		if first := w[0]; first < utf8.RuneSelf {
			capital = first >= 'A' && first <= 'Z'
		} else {
			r, _ := utf8.DecodeRuneInString(w)
			capital = unicode.IsUpper(r)
		}
		toks = append(toks, Token{
			Start: startCP, End: cp,
			ByteStart: start, ByteEnd: i,
			Text:   w,
			Key:    w,
			Cap:    capital,
			Number: w[0] >= '0' && w[0] <= '9',
		})
	}
	if len(pending) > 0 {
		all := string(keys)
		for _, p := range pending {
			toks[p.tok].Key = all[p.from:p.to]
		}
	}
	kb.keys, kb.pending = keys[:0], pending[:0]
	keyBuffers.Put(kb)
	return toks
}

// keyBuffer is the scratch space of AppendTokens.
type keyBuffer struct {
	keys    []byte
	pending []pendingKey
}

// pendingKey is a token whose key is keys[from:to].
type pendingKey struct{ tok, from, to int }

var keyBuffers = sync.Pool{New: func() any { return new(keyBuffer) }}

// asciiWord reports the ASCII letters and digits.
func asciiWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isJoiner reports marks that join two letters into one word: apostrophes
// (ASCII and typographic, and the ayn/hamza letters of transliteration) and
// hyphens.
func isJoiner(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u02BC', '\u02BF', '\u02BE', '-', '\u2010', '\u2011':
		return true
	}
	return false
}

// possessive reports an apostrophe that starts an English possessive ("'s"
// closing the word), which is not part of the name: "Syria's" is "Syria".
func possessive(rest string, apostrophe rune) bool {
	if apostrophe == '-' || apostrophe == '\u2010' || apostrophe == '\u2011' {
		return false
	}
	_, size := utf8.DecodeRuneInString(rest)
	rest = rest[size:]
	if len(rest) == 0 || (rest[0] != 's' && rest[0] != 'S') {
		return false
	}
	if len(rest) == 1 {
		return true
	}
	next, _ := utf8.DecodeRuneInString(rest[1:])
	return !isWord(next)
}
