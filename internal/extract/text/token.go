package text

import (
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
func Tokens(s string) []Token {
	toks := make([]Token, 0, len(s)/6)
	cp := 0 // code-point index of byte i
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWord(r) {
			i += size
			cp++
			continue
		}
		start, startCP := i, cp
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if isWord(r) {
				i += size
				cp++
				continue
			}
			if isJoiner(r) && i+size < len(s) {
				next, _ := utf8.DecodeRuneInString(s[i+size:])
				prev, _ := utf8.DecodeLastRuneInString(s[start:i])
				if unicode.IsLetter(next) && unicode.IsLetter(prev) && !possessive(s[i:], r) {
					i += size
					cp++
					continue
				}
			}
			break
		}
		w := s[start:i]
		first, _ := utf8.DecodeRuneInString(w)
		toks = append(toks, Token{
			Start: startCP, End: cp,
			ByteStart: start, ByteEnd: i,
			Text:   w,
			Key:    Fold(w),
			Cap:    unicode.IsUpper(first),
			Number: first >= '0' && first <= '9',
		})
	}
	return toks
}

func isWord(r rune) bool {
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
