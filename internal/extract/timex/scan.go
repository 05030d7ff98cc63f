package timex

import (
	"unicode"
	"unicode/utf8"
)

// token is a word or a digit run of the text. Punctuation is not a token:
// the grammar reads it from the gap between two tokens, so "Aug. 30, 2017"
// is three tokens with gaps ". " and ", ".
type token struct {
	bs, be int32 // byte range in the text
	num    int32 // value of a digit token, -1 for a word
	nd     int8  // digits in a digit token's first group, 0 for a word
	grp    bool  // digit token with thousands separators or a decimal part
	cap    bool  // word whose first letter is upper case
	e      entry // lexicon entry of a word
}

// tokenize appends the tokens of s to toks. Letters and digits split from
// each other ("1990s" is 1990 and s, "3pm" is 3 and pm) so the grammar sees
// number and suffix apart. Digit groups ("1,700") and decimals ("2.5") stay
// one token, but "30.08.2017" is three.
func tokenize(s string, toks []token) []token {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			start := i
			n := int32(0)
			for i < len(s) && isDigit(s[i]) {
				if n < 100_000_000 {
					n = n*10 + int32(s[i]-'0')
				}
				i++
			}
			nd := i - start
			if nd > 100 {
				nd = 100
			}
			grp := false
			for i+3 < len(s) && s[i] == ',' && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) && (i+4 == len(s) || !isDigit(s[i+4])) {
				i += 4
				grp = true
			}
			// a decimal part, unless this is a middle group of "30.08.2017"
			inDotted := start > 1 && s[start-1] == '.' && isDigit(s[start-2])
			if !inDotted && i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
				j := i + 1
				for j < len(s) && isDigit(s[j]) {
					j++
				}
				if !(j+1 < len(s) && s[j] == '.' && isDigit(s[j+1])) {
					i = j
					grp = true
				}
			}
			toks = append(toks, token{bs: int32(start), be: int32(i), num: n, nd: int8(nd), grp: grp})
		case c < utf8.RuneSelf:
			if !isLetter(c) {
				i++
				continue
			}
			start := i
			ascii := true
			h := uint32(hashSeed)
			for i < len(s) {
				c := s[i]
				if c < utf8.RuneSelf {
					if !isLetter(c) {
						break
					}
					h = hashStep(h, c|0x20)
					i++
					continue
				}
				r, size := utf8.DecodeRuneInString(s[i:])
				if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
					break
				}
				ascii = false
				i += size
			}
			t := token{bs: int32(start), be: int32(i), num: -1, cap: c >= 'A' && c <= 'Z'}
			if ascii {
				t.e = lookupHash(s[start:i], h)
			}
			toks = append(toks, t)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) {
				i += size
				continue
			}
			// A word that starts with a non-ASCII letter is never in the
			// lexicon; skip it whole.
			start := i
			for i < len(s) {
				r, size := utf8.DecodeRuneInString(s[i:])
				if r < utf8.RuneSelf && !isLetter(byte(r)) || r >= utf8.RuneSelf && !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
					break
				}
				i += size
			}
			toks = append(toks, token{bs: int32(start), be: int32(i), num: -1, cap: unicode.IsUpper(r)})
		}
	}
	return toks
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
