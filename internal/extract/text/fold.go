// Package text holds the text primitives every extractor shares: folding for
// matching, sentence splitting and tokenisation with code-point offsets.
package text

import (
	"sync"
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
	if isKey(s) {
		return s // already folded: most words of a text are
	}
	var buf [64]byte
	return string(appendFold(buf[:0], s))
}

// AppendFold appends Fold(s) to dst, so that a caller can look a key up
// (m[string(key)]) without making a string of it.
func AppendFold(dst []byte, s string) []byte {
	if isKey(s) {
		return append(dst, s...)
	}
	return appendFold(dst, s)
}

// isKey reports a string that folds to itself: lower-case ASCII letters and
// digits in words separated by single spaces.
func isKey(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			continue
		}
		if c != ' ' || s[i-1] == ' ' {
			return false
		}
	}
	return true
}

// appendFold appends the key of s to b. A separator is written only once a
// letter follows it, so the key has no leading, trailing or doubled spaces.
func appendFold(b []byte, s string) []byte {
	space := true    // a separator here would be leading or doubled
	pending := false // a separator is due before the next letter
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
					pending, space = true, true
				}
				continue
			}
			if pending {
				b = append(b, ' ')
				pending = false
			}
			b = append(b, byte(r))
			space = false
			continue
		}
		for _, f := range foldedRune(r) {
			if f == ' ' {
				if !space {
					pending, space = true, true
				}
				continue
			}
			if pending {
				b = append(b, ' ')
				pending = false
			}
			b = utf8.AppendRune(b, f)
			space = false
		}
	}
	return b
}

// foldTableSize covers the scripts of place names written in Latin letters
// (Latin-1 to Latin Extended Additional) and the punctuation blocks, whose
// folds are computed once rather than per rune.
const foldTableSize = 0x2400

var foldTable = sync.OnceValue(func() []string {
	t := make([]string, foldTableSize)
	for r := rune(utf8.RuneSelf); r < foldTableSize; r++ {
		t[r] = string(foldRune(r))
	}
	return t
})

// foldedRune returns the fold of the non-ASCII rune r.
func foldedRune(r rune) string {
	if r < foldTableSize {
		return foldTable()[r]
	}
	return string(foldRune(r))
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
