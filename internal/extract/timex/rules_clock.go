package timex

import "strings"

// clock reads a clock time: "10:35 a.m.", "3 p.m.", "14:30 GMT", "0735
// GMT", "4 o'clock", "4 in the morning", with a day that may follow.
func (p *parser) clock(i int) (match, bool) {
	n, nd := p.num(i), int(p.tok(i).nd)
	hh, mm := -1, 0
	j := i + 1
	colon := false
	switch {
	case nd <= 2 && n <= 24 && p.gap(j) == ":" && p.tok(j).nd == 2 && p.num(j) >= 0 && p.num(j) <= 59:
		hh, mm = n, p.num(j)
		j++
		if p.gap(j) == ":" && p.tok(j).nd == 2 {
			j++
		}
		colon = true
	case nd <= 2 && n >= 0 && n <= 12:
		hh = n
	case nd == 4 && n/100 <= 24 && n%100 <= 59 && p.k(j) == kTZ && p.sp(j) && !strings.EqualFold(p.str(j), "local"):
		hh, mm = n/100, n%100
		colon = true
	case (nd == 3 || nd == 4) && n/100 >= 1 && n/100 <= 12 && n%100 <= 59 && (p.word(j, wAm) || p.word(j, wPm)):
		hh, mm = n/100, n%100 // "1130 am"
	default:
		return match{}, false
	}
	var endByte int32
	marked := false
	if pm, k, eb, ok := p.ampm(j); ok {
		if hh > 12 || hh == 0 {
			return match{}, false
		}
		if pm && hh < 12 {
			hh += 12
		} else if !pm && hh == 12 {
			hh = 0
		}
		j, endByte, marked = k, eb, true
	} else if p.word(j, wO) && isApostrophe(p.gap(j+1)) && p.word(j+1, wClock) && hh <= 12 {
		j, marked = j+2, true
	}
	if !colon && hh <= 12 && p.word(j, wIn) && p.word(j+1, wThe) && p.k(j+2) == kPart && p.tok(j+2).e.f&fPlural == 0 {
		switch p.v(j + 2) {
		case pMorning:
			marked = true
		case pAfternoon, pEvening:
			if hh < 12 {
				hh += 12
			}
			marked = true
		}
		if marked {
			j += 3
			endByte = 0
		}
	}
	if !marked && !colon {
		return match{}, false
	}
	if colon && !marked && hh <= 24 && nd <= 2 && !p.clockContext(i) {
		return match{}, false
	}
	if p.k(j) == kTZ && (p.sp(j) || endByte > 0 && strings.TrimSpace(p.gap(j)) == ".") {
		if strings.EqualFold(p.str(j), "local") && p.str(j+1) == "time" {
			j += 2
		} else {
			j++
		}
		endByte = 0
	}
	return p.withDay(i, j, endByte, timeSuffix(hh, mm))
}

// clockContext reports whether "14:30" at i is a time rather than a score
// or a ratio: it needs a preposition of time before it or a zone after.
func (p *parser) clockContext(i int) bool {
	switch p.w(i - 1) {
	case wAt, wBy, wUntil, wBefore, wAfter, wFrom, wTo, wSince, wApprox:
		return true
	}
	return p.k(i+2) == kTZ || p.k(i+3) == kTZ
}

// ampm reads "a.m.", "p.m.", "am", "pm" at j. It returns the token after
// and, when the final period belongs to it, the byte where the span ends.
func (p *parser) ampm(j int) (pm bool, next int, endByte int32, ok bool) {
	if !(p.sp(j) || p.adj(j)) {
		return false, 0, 0, false
	}
	switch p.w(j) {
	case wAm:
		return false, j + 1, 0, true
	case wPm:
		return true, j + 1, 0, true
	}
	s := p.str(j)
	if (s == "a" || s == "A" || s == "p" || s == "P") && p.gap(j+1) == "." && (p.str(j+1) == "m" || p.str(j+1) == "M") {
		eb := int32(0)
		if g := p.gap(j + 2); strings.HasPrefix(g, ".") || j+2 >= len(p.toks) && int(p.tok(j+1).be) < len(p.text) && p.text[p.tok(j+1).be] == '.' {
			eb = p.tok(j+1).be + 1
		}
		return s == "p" || s == "P", j + 2, eb, true
	}
	return false, 0, 0, false
}

// withDay finishes a clock time at [s, j): a day may follow ("10 p.m.
// Wednesday", "5 p.m. EST, Nov. 9"); without one the time takes the day
// named nearby (see attachTimes).
func (p *parser) withDay(s, j int, endByte int32, suffix string) (match, bool) {
	// the gap after "p.m." includes its period: ". Friday" is " Friday"
	glued := func(k int) bool {
		g := p.gap(k)
		if k == j && endByte > 0 && strings.HasPrefix(g, ".") {
			g = g[1:]
		}
		t := strings.TrimSpace(g)
		return g != "" && (t == "" || t == ",") && len(g) <= 3
	}
	k := j
	if p.word(k, wOn) && glued(k) {
		k++
	}
	if glued(k) {
		if d, end, ok := p.dayAt(k); ok {
			val := ""
			if d != "" {
				val = d + suffix
			}
			return match{start: s, end: end, typ: tTime, val: val, anchored: true}, true
		}
	}
	return match{start: s, end: j, endByte: endByte, typ: tTime, timeOnly: true, suffix: suffix, anchored: true}, true
}

// dayAt reads a day at k (weekday, yesterday/today/tomorrow, month and day)
// and returns its date value ("" without an anchor) and end.
func (p *parser) dayAt(k int) (string, int, bool) {
	var m match
	var ok bool
	switch p.k(k) {
	case kWeekday:
		if p.tok(k).e.f&(fPlural|fAbbr) != 0 {
			return "", 0, false
		}
		m, ok = p.dateAfterWeekday(k, k+1)
		if !ok {
			m, ok = match{start: k, end: k + 1, val: p.weekdayValue(int(p.v(k)), k, k+1)}, true
		}
	case kDeictic:
		if p.v(k) == 2 {
			return "", 0, false
		}
		m, ok = p.dayPart(k, k+1, int(p.v(k)), 0)
	case kMonth:
		m, ok = p.monthExpr(k)
		ok = ok && (isDayValue(m.val) || strings.HasPrefix(m.val, "XXXX-") && len(m.val) == 10)
	}
	if !ok {
		return "", 0, false
	}
	if isDayValue(m.val) {
		return m.val[:10], m.end, true
	}
	return "", m.end, true
}
