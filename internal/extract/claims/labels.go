package claims

import (
	"strings"
	"unicode/utf8"
)

// labelClaims finds paragraphs that open with a speaker's name and a colon,
// as headlines and transcripts attribute: "Pence: Flowers won't attend",
// "WALLACE: Let's start". The colon is the cue, the rest of the paragraph
// the content.
func (d *doc) labelClaims(found []claim) []claim {
	n := len(d.toks)
	for g := 0; g < n; g++ {
		if g > 0 && d.gaps[g]&gBreak == 0 {
			continue
		}
		k := g
		for k < n && k-g < 4 && d.toks[k].Cap && !d.toks[k].Number && (k == g || d.gaps[k]&hard == 0) {
			k++
		}
		if k == g || k >= n || d.gaps[k]&gColon == 0 || d.gaps[k]&(gBreak|gComma|gStop|gCloseQ) != 0 || nonSources[d.key(g)] || nonSources[d.key(k-1)] {
			continue
		}
		colon, ok := d.markIn(k, ':')
		if !ok || !d.speakerLabel(g, k) {
			continue
		}
		pe := d.paragraphEnd(k)
		start, end := d.toks[k].Start, d.toks[pe-1].End
		if q, ok := d.quoteOpenAt(k); ok {
			start = q.start
			if q.close <= pe {
				end = max(end, q.end)
			}
		}
		if q, ok := d.quoteCloseAt(pe); ok && q.open >= k {
			end = q.end
		}
		found = append(found, claim{srcA: g, srcB: k, cueStart: colon, cueEnd: colon + 1, conStart: start, conEnd: end, stance: Assert})
		g = pe - 1
	}
	return found
}

// signatureClaims finds quotations signed with a dash and a name:
// "“...” ― Name". The dash is the cue.
func (d *doc) signatureClaims(found []claim) []claim {
	n := len(d.toks)
	for _, m := range d.dashes {
		g := m.gap
		if g >= n {
			continue
		}
		q, ok := d.quoteCloseAt(g)
		if !ok || q.end > m.cp {
			continue
		}
		k := g
		for k < n && k-g < 5 && d.toks[k].Cap && (k == g || d.gaps[k]&(hard&^gBreak) == 0 && d.gaps[k]&gBreak == 0) {
			k++
		}
		if k == g || k < n && d.gaps[k]&(gBreak|gOpenQ|gComma|gStop) == 0 && !strings.HasPrefix(d.text[d.toks[k-1].ByteEnd:], ".") {
			continue
		}
		width := 1
		if d.text[d.byteOfDash(m)] == '-' {
			width = 2
		}
		found = append(found, claim{srcA: g, srcB: k, cueStart: m.cp, cueEnd: m.cp + width, conStart: q.start, conEnd: q.end, stance: Assert})
	}
	return found
}

// markIn returns the code point of the first r in gap g.
func (d *doc) markIn(g int, r rune) (int, bool) {
	lo, cp := 0, 0
	if g > 0 {
		lo, cp = d.toks[g-1].ByteEnd, d.toks[g-1].End
	}
	hi := len(d.text)
	if g < len(d.toks) {
		hi = d.toks[g].ByteStart
	}
	for _, c := range d.text[lo:hi] {
		if c == r {
			return cp, true
		}
		cp++
	}
	return 0, false
}

// byteOfDash returns the byte offset of a dash mark.
func (d *doc) byteOfDash(m mark) int {
	lo, cp := 0, 0
	if m.gap > 0 {
		lo, cp = d.toks[m.gap-1].ByteEnd, d.toks[m.gap-1].End
	}
	for i := lo; i < len(d.text); {
		if cp == m.cp {
			return i
		}
		_, size := utf8.DecodeRuneInString(d.text[i:])
		i += size
		cp++
	}
	return lo
}

// speakerLabel reports whether tokens [a, b) before a colon name a
// speaker: an actor, a name of one or two words, or a transcript's
// capitalised name ("WALLACE").
func (d *doc) speakerLabel(a, b int) bool {
	if b-a <= 2 {
		return true
	}
	if len(d.actorsIn(d.toks[a].Start, d.toks[b-1].End)) > 0 {
		return true
	}
	for k := a; k < b; k++ {
		if strings.ToUpper(d.toks[k].Text) != d.toks[k].Text {
			return false
		}
	}
	return true
}
