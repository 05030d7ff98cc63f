package timex

import (
	"strconv"
	"strings"
)

// numeric reads an expression that starts with a digit token: a clock
// time, a numeric date, a decade, an ordinal, a day before a month, a year
// or a count of units.
func (p *parser) numeric(i int, det bool) (match, bool) {
	t := p.tok(i)
	n := p.num(i)
	if n < 0 {
		return p.quantityExpr(i, det)
	}
	nd := int(t.nd)
	if m, ok := p.clock(i); ok {
		return m, true
	}
	if nd == 4 {
		if m, ok := p.isoDate(i); ok {
			return m, true
		}
	}
	if nd <= 2 {
		if m, ok := p.slashDate(i); ok {
			return m, true
		}
	}
	// the 1990s, the '80s
	if p.word(i+1, wS) && (p.adj(i+1) || isApostrophe(p.gap(i+1))) {
		switch {
		case nd == 4 && n >= 1000 && n <= 2100 && n%10 == 0:
			return match{start: i, end: i + 2, typ: tDate, val: fmtDecade(n)}, true
		case nd == 2 && n%10 == 0 && endsApostrophe(p.gap(i)):
			y := 1900 + n
			if p.has && 2000+n <= p.a.y {
				y = 2000 + n
			}
			return match{start: i, end: i + 2, typ: tDate, val: fmtDecade(y)}, true
		}
	}
	if nd <= 2 && p.word(i+1, wTh) && p.adj(i+1) {
		return p.ordinalAt(i, n, i+2, det, 0)
	}
	if nd <= 2 && n >= 1 && n <= 31 && p.sp(i+1) && p.k(i+1) == kMonth {
		if m, ok := p.dayMonth(i, n, i+1); ok {
			return m, true
		}
	}
	if nd == 4 && n >= 1000 && n <= 2100 {
		if m, ok := p.yearExpr(i, n); ok {
			return m, true
		}
	}
	return p.quantityExpr(i, det)
}

func isApostrophe(g string) bool { return g == "'" || g == "\u2019" }

func endsApostrophe(g string) bool {
	return strings.HasSuffix(g, "'") || strings.HasSuffix(g, "\u2019") || strings.HasSuffix(g, "\u2018")
}

// yearExpr reads a four-digit year, with what may follow it: "1988 third
// quarter", "the 1988 period", "2017 Q3".
func (p *parser) yearExpr(i, y int) (match, bool) {
	if strings.ContainsAny(p.gap(i), "$#£€") {
		return match{}, false
	}
	j := i + 1
	if p.sp(j) {
		switch {
		case p.k(j) == kOrd || p.num(j) > 0 && p.word(j+1, wTh):
			if m, ok := p.ordinalAtTok(j, y); ok && m.q.ok {
				m.start = i
				return m, true
			}
		case p.k(j) == kUnit && p.v(j) == uQuarter && p.tok(j).e.f&fPlural == 0, p.word(j, wPeriod):
			if p.lastQ.ok {
				q := quarterRef{y: y, q: p.lastQ.q, ok: true}
				return match{start: i, end: j + 1, typ: tDate, val: fmtQuarter(y, q.q), q: q, year: y}, true
			}
			return match{start: i, end: j + 1, typ: tDate, val: fmtYear(y), year: y}, true
		case p.word(j, wQ) && p.tok(j).cap && p.adj(j+1) && p.num(j+1) >= 1 && p.num(j+1) <= 4:
			q := quarterRef{y: y, q: p.num(j + 1), ok: true}
			return match{start: i, end: j + 2, typ: tDate, val: fmtQuarter(y, q.q), q: q, year: y}, true
		}
	}
	if !p.yearLike(i) {
		return match{}, false
	}
	return match{start: i, end: i + 1, typ: tDate, val: fmtYear(y), year: y}, true
}

// yearLike reports whether four-digit token i reads as a year rather than
// a count, a price or a code.
func (p *parser) yearLike(i int) bool {
	g := p.gap(i)
	if strings.ContainsAny(g, "$#£€") || strings.HasSuffix(g, "/") {
		return false
	}
	if strings.HasSuffix(g, "-") {
		switch p.w(i - 1) {
		case wMid, wPost, wEarly, wLate:
		default:
			return false
		}
	}
	next := p.gap(i + 1)
	if strings.HasPrefix(next, "%") || strings.HasPrefix(next, "-") && p.tok(i+1).nd > 0 {
		return false
	}
	if p.word(i-1, wCodeNoun) || p.word(i-1, wNo) && strings.HasPrefix(g, ".") {
		return false // "Resolution 2254", "No. 1990"
	}
	if p.word(i-1, wApprox) || p.word(i-1, wThan) {
		return false // "about 1500", "more than 1000": counts
	}
	if p.word(i+1, wCountNoun) && !p.tok(i+1).cap {
		return false // "2000 troops"
	}
	if p.sp(i + 1) {
		switch p.k(i + 1) {
		case kUnit:
			return false
		case kWord:
			if p.w(i+1) == wMillion {
				return false
			}
		}
	}
	return true
}

// isoDate reads 2017-08-30 and 2017/08/30.
func (p *parser) isoDate(i int) (match, bool) {
	y := p.num(i)
	sep := p.gap(i + 1)
	if y < 1000 || (sep != "-" && sep != "/") || p.gap(i+2) != sep || p.tok(i+1).nd > 2 || p.tok(i+2).nd > 2 {
		return match{}, false
	}
	m, d := p.num(i+1), p.num(i+2)
	if !validDate(y, m, d) {
		return match{}, false
	}
	return match{start: i, end: i + 3, typ: tDate, val: fmtDate(y, m, d), year: y}, true
}

// slashDate reads 30/08/2017, 08/30/2017 and 30.08.2017. When both orders
// are valid dates the day comes first, as in most of the world's press.
func (p *parser) slashDate(i int) (match, bool) {
	sep := p.gap(i + 1)
	if sep != "/" && sep != "." && sep != "-" || p.gap(i+2) != sep || p.tok(i+1).nd > 2 || p.tok(i+2).nd != 4 {
		return match{}, false
	}
	a, b, y := p.num(i), p.num(i+1), p.num(i+2)
	if y < 1000 || strings.HasPrefix(p.gap(i+3), sep) && p.tok(i+3).nd > 0 {
		return match{}, false
	}
	d, m := a, b
	if a <= 12 && b > 12 {
		d, m = b, a
	}
	if !validDate(y, m, d) {
		return match{}, false
	}
	return match{start: i, end: i + 3, typ: tDate, val: fmtDate(y, m, d), year: y}, true
}

// dayMonth reads "30 August 2017", "30 Aug", "30th of August" with the day
// at i and the month at j.
func (p *parser) dayMonth(i, d, j int) (match, bool) {
	mon := int(p.v(j))
	if !p.monthOK(j, true) {
		return match{}, false
	}
	end := j + 1
	y, hasYear := p.yearAfter(end)
	if hasYear {
		end++
	}
	return p.dayDate(i, end, y, hasYear, mon, d)
}

// dayDate builds the match for a month and day, with a year or inferring it.
func (p *parser) dayDate(i, end, y int, hasYear bool, mon, d int) (match, bool) {
	if !hasYear {
		if !validDate(2000, mon, d) { // 2000 is a leap year: Feb 29 passes
			return match{}, false
		}
		if !p.has {
			return match{start: i, end: end, typ: tDate, val: "XXXX-" + fmtMonth(0, mon)[5:] + "-" + twoDigits(d), anchored: true}, true
		}
		y = p.dayYear(mon, d, i, end)
		if !validDate(y, mon, d) {
			return match{}, false
		}
		return match{start: i, end: end, typ: tDate, val: fmtDate(y, mon, d), anchored: true}, true
	}
	if !validDate(y, mon, d) {
		return match{}, false
	}
	return match{start: i, end: end, typ: tDate, val: fmtDate(y, mon, d), year: y}, true
}

func twoDigits(n int) string { return string(pad(nil, n, 2)) }

// yearAfter reads a four-digit year at token j, after a space or a comma.
func (p *parser) yearAfter(j int) (int, bool) {
	y := p.num(j)
	if p.tok(j).nd != 4 || y < 1000 || y > 2100 || !(p.sp(j) || p.comma(j)) {
		return 0, false
	}
	if strings.HasPrefix(p.gap(j+1), "%") || p.sp(j+1) && p.k(j+1) == kUnit {
		return 0, false
	}
	return y, true
}

// monthOK reports whether month token j is a month here, not the modal
// "may", the verb "march" or the name "Jan".
func (p *parser) monthOK(j int, dayBefore bool) bool {
	t := p.tok(j)
	if t.e.f&fAbbr != 0 {
		if !t.cap {
			return false
		}
		g := p.gap(j + 1)
		return dayBefore || strings.HasPrefix(g, ".") || p.tok(j+1).nd > 0 && p.sp(j+1)
	}
	if t.e.f&fAmbig != 0 {
		if !t.cap {
			return false
		}
		if dayBefore {
			return true
		}
		if n := p.num(j + 1); n > 0 && (p.sp(j+1) || p.comma(j+1)) && !(p.sp(j+2) && p.k(j+2) == kUnit) {
			return true
		}
		switch p.w(j - 1) {
		case wThe:
			return !p.tok(j + 1).cap // "the March offensive", not "the May Square"
		case wIn, wLast, wNext, wThis, wEarly, wLate, wMid, wSince, wUntil, wBy, wFrom, wThrough, wDuring,
			wOf, wBefore, wAfter, wBetween, wEnd, wEvery, wEach:
			return p.tok(j-1).nd == 0
		}
		return false
	}
	return true
}

// monthExpr reads an expression led by a month name: "August 30, 2017",
// "Aug. 30", "August 2017", "August", "January this year".
func (p *parser) monthExpr(i int) (match, bool) {
	if !p.monthOK(i, false) {
		return match{}, false
	}
	mon := int(p.v(i))
	j := i + 1
	// day
	if d := p.num(j); d >= 1 && d <= 31 && p.tok(j).nd <= 2 && (p.sp(j) || strings.TrimSpace(p.gap(j)) == ".") {
		end := j + 1
		if p.word(end, wTh) && p.adj(end) {
			end++
		}
		if !(p.sp(end) && p.k(end) == kUnit) && !(p.gap(end) == ":" && p.tok(end).nd == 2) {
			y, hasYear := p.yearAfter(end)
			if hasYear {
				end++
			}
			return p.dayDate(i, end, y, hasYear, mon, d)
		}
	}
	// year
	k := j
	if p.word(k, wOf) {
		k++
	}
	if y, ok := p.yearAfter(k); ok {
		return match{start: i, end: k + 1, typ: tDate, val: fmtMonth(y, mon), year: y}, true
	}
	if y, end, ok := p.spokenYearAt(j); ok && p.sp(j) {
		return match{start: i, end: end, typ: tDate, val: fmtMonth(y, mon), year: y}, true
	}
	// "January this year", "June last year"
	if off, ok := offsetWord(p.w(j)); ok && p.sp(j) && p.k(j+1) == kUnit && p.v(j+1) == uYear && p.tok(j+1).e.f&fPlural == 0 {
		if !p.has {
			return match{start: i, end: j + 2, typ: tDate, val: "XXXX-" + twoDigits(mon), anchored: true}, true
		}
		return match{start: i, end: j + 2, typ: tDate, val: fmtMonth(p.a.y+off, mon), anchored: true}, true
	}
	if p.tok(i).e.f&fAbbr != 0 && !strings.HasPrefix(p.gap(i+1), ".") {
		return match{}, false // "Aug" alone is a fragment: "Aug 012016"
	}
	return p.monthOnly(i, i+1, mon)
}

func (p *parser) monthOnly(s, e, mon int) (match, bool) {
	if !p.has {
		return match{start: s, end: e, typ: tDate, val: "XXXX-" + twoDigits(mon), anchored: true}, true
	}
	y := p.monthYear(mon, s, e)
	return match{start: s, end: e, typ: tDate, val: fmtMonth(y, mon), anchored: true}, true
}

// offsetWord maps last/this/next to -1/0/+1.
func offsetWord(w wid) (int, bool) {
	switch w {
	case wLast, wPast, wPrevious:
		return -1, true
	case wThis, wCurrent:
		return 0, true
	case wNext, wComing, wUpcoming:
		return 1, true
	}
	return 0, false
}

// weekdayExpr reads "Friday", "Friday, Oct. 13", "Friday morning",
// "Mondays". Weekday names are not capitalised-only: a lower-case
// "friday" is still a weekday.
func (p *parser) weekdayExpr(i int) (match, bool) {
	t := p.tok(i)
	d := int(t.e.v)
	if t.e.f&fAbbr != 0 {
		// "Sun", "Sat", "Wed" are words too: only before a date
		if !t.cap || !(strings.HasPrefix(p.gap(i+1), ".") || p.comma(i+1)) {
			return match{}, false
		}
		if m, ok := p.dateAfterWeekday(i, i+1); ok {
			return m, true
		}
		return match{}, false
	}
	if t.e.f&fPlural != 0 {
		end := i + 1
		suffix := ""
		if p.k(end) == kPart && p.sp(end) && p.v(end) <= pNight {
			suffix = "T" + partCode[p.v(end)]
			end++
		} else if next := p.tok(end); p.sp(end) && next.e.k == kNone && next.nd == 0 && !next.cap && !p.word(i-1, wOn) && p.has {
			// "Tuesdays attack": a possessive that lost its apostrophe
			return match{start: i, end: i + 1, typ: tDate, val: p.weekdayNear(d, onOrBefore).String(), anchored: true}, true
		}
		return match{start: i, end: end, typ: tSet, val: "XXXX-WXX-" + strconv.Itoa(d) + suffix}, true
	}
	if m, ok := p.dateAfterWeekday(i, i+1); ok {
		return m, true
	}
	if isApostrophe(p.gap(i+1)) && p.word(i+1, wS) && p.has {
		// "Wednesday's ruling" names something that has happened
		return match{start: i, end: i + 1, typ: tDate, val: p.weekdayNear(d, onOrBefore).String(), anchored: true}, true
	}
	return p.weekdayWith(i, i+1, d, p.weekdayValue(d, i, i+1))
}

// weekdayWith finishes a weekday whose date is day: a part of the day may
// follow ("Friday morning" is a TIME).
func (p *parser) weekdayWith(s, j, d int, day string) (match, bool) {
	if p.k(j) == kPart && p.sp(j) && p.tok(j).e.f&fPlural == 0 {
		part := p.v(j)
		switch part {
		case pMorning, pAfternoon, pEvening, pNight:
			return match{start: s, end: j + 1, typ: tTime, val: day + "T" + partCode[part], anchored: true}, true
		}
	}
	return match{start: s, end: j, typ: tDate, val: day, anchored: true}, true
}

// dateAfterWeekday reads the date that may follow a weekday: "Friday,
// Oct. 13", "Friday Oct. 13, 1989", "Tuesday 30 August".
func (p *parser) dateAfterWeekday(i, j int) (match, bool) {
	if !(p.sp(j) || p.comma(j) || strings.TrimSpace(p.gap(j)) == ".") {
		return match{}, false
	}
	var m match
	var ok bool
	switch {
	case p.k(j) == kMonth:
		m, ok = p.monthExpr(j)
		if ok && !isDayValue(m.val) && !strings.HasPrefix(m.val, "XXXX-") {
			return match{}, false
		}
		if ok && strings.HasPrefix(m.val, "XXXX-") && len(m.val) != 10 {
			return match{}, false
		}
	case p.num(j) >= 1 && p.num(j) <= 31 && p.tok(j).nd <= 2:
		k := j + 1
		if p.word(k, wTh) && p.adj(k) {
			k++
		}
		if p.word(k, wOf) {
			k++
		}
		if p.k(k) == kMonth && p.sp(k) {
			m, ok = p.dayMonth(j, p.num(j), k)
		}
	}
	if !ok {
		return match{}, false
	}
	m.start = i
	return m, true
}

// deicticExpr reads yesterday, today, tomorrow, tonight, with a part of
// the day: "yesterday morning".
func (p *parser) deicticExpr(i int) (match, bool) {
	off := int(p.v(i))
	j := i + 1
	part := int16(0)
	if off == 2 {
		part, off = pNight, 0
	}
	if p.k(j) == kPart && p.sp(j) && p.v(j) <= pNight && p.tok(j).e.f&fPlural == 0 && part == 0 {
		part = p.v(j)
		j++
	}
	return p.dayPart(i, j, off, part)
}

// dayPart is the anchor's date moved by off days, as a DATE or, with a part
// of the day, a TIME.
func (p *parser) dayPart(s, e, off int, part int16) (match, bool) {
	if !p.has {
		typ := tDate
		if part != 0 {
			typ = tTime
		}
		return match{start: s, end: e, typ: typ, anchored: true}, true
	}
	day := p.a.addDays(off).String()
	if part != 0 {
		return match{start: s, end: e, typ: tTime, val: day + "T" + partCode[part], anchored: true}, true
	}
	return match{start: s, end: e, typ: tDate, val: day, anchored: true}, true
}

// spokenYear reads a year in words: "nineteen ninety-six".
func (p *parser) spokenYear(i int) (match, bool) {
	y, end, ok := p.spokenYearAt(i)
	if !ok {
		return match{}, false
	}
	return match{start: i, end: end, typ: tDate, val: fmtYear(y), year: y}, true
}

func (p *parser) spokenYearAt(i int) (y, end int, ok bool) {
	if !p.word(i, wNineteen) || !p.sp(i+1) || p.k(i+1) != kNum {
		return 0, 0, false
	}
	tens := int(p.v(i + 1))
	if tens < 20 || tens%10 != 0 || p.w(i+1) != wNone {
		return 0, 0, false
	}
	end = i + 2
	if p.k(end) == kNum && p.hy(end) && p.v(end) < 10 && p.w(end) == wNone {
		tens += int(p.v(end))
		end++
	}
	return 1900 + tens, end, true
}

// holidayExpr reads a named holiday at i; off is -1 for "last", +1 for
// "next", 0 when the tense decides. s is where the span starts.
func (p *parser) holidayExpr(i, off, s int) (match, bool) {
	h := p.v(i)
	if !p.tok(i).cap {
		return match{}, false
	}
	end := i + 1
	if h == hChristmas && p.word(end, wEve) && p.sp(end) {
		h = hChristmasEve
		end++
	} else if p.k(end) == kUnit && p.v(end) == uDay && p.sp(end) && p.tok(end).e.f&fPlural == 0 {
		end++
	}
	plus := 0
	if h == hEaster && p.k(end) == kWeekday && p.sp(end) && (p.v(end) == 7 || p.v(end) == 1) {
		if p.v(end) == 1 {
			plus = 1 // Easter Monday
		}
		end++
	}
	if !p.has {
		return match{start: s, end: end, typ: tDate, anchored: true}, true
	}
	dir := onOrBefore
	switch {
	case off < 0:
		dir = before
	case off > 0:
		dir = after
	case p.tense(s, end) > 0:
		dir = onOrAfter
	}
	return match{start: s, end: end, typ: tDate, val: p.holidayNear(h, dir).addDays(plus).String(), anchored: true}, true
}

// qExpr reads "Q3", "Q3 2017".
func (p *parser) qExpr(i int) (match, bool) {
	q := p.num(i + 1)
	if !p.tok(i).cap || !p.adj(i+1) || q < 1 || q > 4 || p.tok(i+1).nd != 1 {
		return match{}, false
	}
	if y, ok := p.yearAfter(i + 2); ok {
		r := quarterRef{y: y, q: q, ok: true}
		return match{start: i, end: i + 3, typ: tDate, val: fmtQuarter(y, q), q: r, year: y}, true
	}
	return p.quarterMatch(i, i+2, q, 0)
}

// quarterMatch builds the match for quarter q; year 0 means unwritten.
func (p *parser) quarterMatch(s, e, q, year int) (match, bool) {
	if year == 0 {
		if !p.has {
			return match{start: s, end: e, typ: tDate, val: "XXXX-Q" + strconv.Itoa(q), anchored: true}, true
		}
		y := p.quarterYear(q)
		return match{start: s, end: e, typ: tDate, val: fmtQuarter(y, q), q: quarterRef{y: y, q: q, ok: true}, anchored: true}, true
	}
	return match{start: s, end: e, typ: tDate, val: fmtQuarter(year, q), q: quarterRef{y: year, q: q, ok: true}, year: year}, true
}

// ordinalExpr reads an expression led by an ordinal word: "the third
// quarter", "the first half", "the first nine months", "the 20th century".
func (p *parser) ordinalExpr(i int, det bool) (match, bool) {
	return p.ordinalAt(i, int(p.v(i)), i+1, det, 0)
}

// ordinalAtTok reads the ordinal at j (word or digits with suffix) with
// year as the year it is in.
func (p *parser) ordinalAtTok(j, year int) (match, bool) {
	if p.k(j) == kOrd {
		return p.ordinalAt(j, int(p.v(j)), j+1, false, year)
	}
	return p.ordinalAt(j, p.num(j), j+2, false, year)
}

// ordinalAt finishes an ordinal n that starts at s and ends before j.
func (p *parser) ordinalAt(s, n, j int, det bool, year int) (match, bool) {
	k := j
	if p.word(k, wFiscal) && p.spOrHy(k) {
		k++
	}
	glued := p.spOrHy(k)
	switch {
	case glued && p.k(k) == kUnit && p.v(k) == uQuarter && n >= 1 && n <= 4:
		if p.tok(k).e.f&fPlural != 0 {
			return match{start: s, end: k + 1, typ: tSet, val: "XXXX-Q" + strconv.Itoa(n)}, true
		}
		end := k + 1
		if y, e, ok := p.ofYear(end); ok && year == 0 {
			year, end = y, e
		}
		return p.quarterMatch(s, end, n, year)
	case glued && p.word(k, wHalf) && n >= 1 && n <= 2:
		end := k + 1
		if y, e, ok := p.ofYear(end); ok && year == 0 {
			year, end = y, e
		}
		if year == 0 {
			if !p.has {
				return match{start: s, end: end, typ: tDate, val: "XXXX-H" + strconv.Itoa(n), anchored: true}, true
			}
			year = p.a.y
			return match{start: s, end: end, typ: tDate, val: fmtHalf(year, n), anchored: true}, true
		}
		return match{start: s, end: end, typ: tDate, val: fmtHalf(year, n), year: year}, true
	case glued && p.k(k) == kUnit && p.v(k) == uCentury && p.tok(k).e.f&fPlural == 0 && n >= 1 && n <= 21:
		return match{start: s, end: k + 1, typ: tDate, val: twoDigits(n - 1)}, true
	case p.tok(s).nd > 0 && n >= 1 && n <= 31:
		// "30th of August", "30th August"
		m := k
		if p.word(m, wOf) {
			m++
		}
		if p.k(m) == kMonth && p.sp(m) {
			return p.dayMonth(s, n, m)
		}
	case p.w(s) == wFirst || p.w(s) == wLast || p.w(s) == wFinal:
		// "the first nine months", "the first hours"
		if det {
			return p.countAfter(s, j, false)
		}
	}
	return match{}, false
}

// ofYear reads "of 1990", "of fiscal 1990" or " 1990" after a quarter.
func (p *parser) ofYear(j int) (y, end int, ok bool) {
	k := j
	if p.word(k, wOf) {
		k++
		if p.word(k, wFiscal) {
			k++
		}
	}
	if y, ok := p.yearAfter(k); ok {
		return y, k + 1, true
	}
	return 0, 0, false
}
