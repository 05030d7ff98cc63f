// Package text holds the text primitives every extractor shares: folding for
// matching, sentence splitting and tokenisation with code-point offsets.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the matching key of s: lower case, diacritics removed, curly
// quotes and apostrophe-like marks removed, dashes and underscores turned into
// spaces, other punctuation dropped, whitespace collapsed. "Deir ez-Zor",
// "Deir Ez Zor" and "Dayr az-Zawr" fold to "deir ez zor", "deir ez zor" and
// "dayr az zawr"; "Dar'a" and "Daraa" differ only by the doubled letter,
// which transliteration variants in the gazetteer handle.
//
// Fold is the one normalisation used both to build gazetteer and lexicon keys
// and to read the text, so the two always agree.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading spaces
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			case r == '\'' || r == '`':
				continue
			default:
				if !space {
					b.WriteByte(' ')
					space = true
				}
				continue
			}
			b.WriteRune(r)
			space = false
			continue
		}
		for _, f := range foldRune(r) {
			if f == ' ' {
				if !space {
					b.WriteByte(' ')
					space = true
				}
				continue
			}
			b.WriteRune(f)
			space = false
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// foldRune folds one non-ASCII rune to zero or more runes.
func foldRune(r rune) []rune {
	switch r {
	case '\u2018', '\u2019', '\u201B', '\u02BC', '\u02BB', '\u02BF', '\u02BE', '\u00B4', '\u2032':
		return nil // apostrophes and ayn/hamza marks
	case 'ß':
		return []rune("ss")
	case 'æ', 'Æ':
		return []rune("ae")
	case 'ø', 'Ø':
		return []rune("o")
	case 'đ', 'Đ':
		return []rune("d")
	case 'ł', 'Ł':
		return []rune("l")
	case 'ı':
		return []rune("i")
	case 'œ', 'Œ':
		return []rune("oe")
	}
	if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
		return []rune{' '}
	}
	d := norm.NFD.String(string(r))
	out := make([]rune, 0, 1)
	for _, c := range d {
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		out = append(out, unicode.ToLower(c))
	}
	return out
}
