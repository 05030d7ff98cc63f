package timex

// unitExpr reads a unit word that starts an expression: "years" (an
// unknown span), "the year", "the quarter", "the weekend", "year-earlier",
// "year-end", "the year 2000".
func (p *parser) unitExpr(i int, det bool) (match, bool) {
	t := p.tok(i)
	u := t.e.v
	if t.e.w == wYear && p.str(i-1) == "New" && p.sp(i) {
		return p.newYear(i)
	}
	if t.e.w == wYear {
		switch {
		case p.hy(i+1) && (p.word(i+1, wAgo) || p.word(i+1, wEarlier)):
			return p.yearEarlier(i, i+2)
		case (p.hy(i+1) || p.sp(i+1)) && p.word(i+1, wEnd):
			return p.thisYear(i, i+2)
		case isApostrophe(p.gap(i+1)) && p.word(i+1, wS) && p.word(i+2, wEnd) && p.sp(i+2):
			return p.thisYear(i, i+3)
		case det && p.sp(i+1) && p.tok(i+1).nd == 4:
			if y := p.num(i + 1); y >= 1000 && y <= 2100 {
				return match{start: i, end: i + 2, typ: tDate, val: fmtYear(y), year: y}, true
			}
		case det && p.sp(i+1) && p.k(i+1) == kNum:
			if q, j, ok := p.quantity(i + 1); ok && q.n >= 1000 && q.n <= 2100 {
				return match{start: i, end: j, typ: tDate, val: fmtYear(q.n), year: q.n}, true
			}
			if y, end, ok := p.spokenYearAt(i + 1); ok {
				return match{start: i, end: end, typ: tDate, val: fmtYear(y), year: y}, true
			}
		}
	}
	if t.e.f&fPlural != 0 {
		if u == uSecond || u == uMinute || u == uQuarter || t.cap {
			return match{}, false
		}
		if prev := p.tok(i - 1); prev.nd > 0 || prev.e.k == kNum || p.word(i+1, wOld) {
			return match{}, false // part of a count or an age: "52 years old"
		}
		return match{start: i, end: i + 1, typ: tDuration, val: duration(-1, u, false)}, true
	}
	if !det || t.cap && !p.sentenceGap(i-1) && i > 1 {
		return match{}, false
	}
	if p.word(i+1, wOf) && !(u == uWeek && p.k(i+2) == kMonth) {
		return match{}, false // "the month of Ramadan", "the day of the attack"
	}
	switch u {
	case uYear:
		if p.word(i+1, wEnded) && p.sp(i+1) {
			// "the year ended March 31" is a year's span, not this year
			return match{start: i, end: i + 1, typ: tDuration, val: "P1Y"}, true
		}
		return p.thisYear(i, i+1)
	case uQuarter:
		if p.hy(i + 1) {
			return match{}, false // "quarter-century", "quarter-to-quarter"
		}
		if end, ok := p.yearBack(i + 1); ok {
			return p.quarterRefMatch(i, end, -1)
		}
		if p.word(i+1, wEnded) && p.sp(i+1) && p.k(i+2) == kMonth && p.has {
			// "the quarter ended Sept. 30": the quarter of that month
			if m, ok := p.monthExpr(i + 2); ok && len(m.val) >= 7 && isDigit(m.val[0]) {
				y, mon := atoi(m.val[:4]), atoi(m.val[5:7])
				q := quarterRef{y: y, q: (mon-1)/3 + 1, ok: true}
				return match{start: i, end: i + 1, typ: tDate, val: fmtQuarter(q.y, q.q), q: q, anchored: true}, true
			}
		}
		return p.quarterRefMatch(i, i+1, 0)
	case uWeek:
		// "the week of March 6"
		if p.word(i+1, wOf) && p.k(i+2) == kMonth {
			if m, ok := p.monthExpr(i + 2); ok && isDayValue(m.val) {
				c := civil{atoi(m.val[:4]), atoi(m.val[5:7]), atoi(m.val[8:10])}
				return match{start: i, end: m.end, typ: tDate, val: fmtWeek(c), anchored: m.anchored}, true
			}
		}
		return p.relUnit(i, i, wThis, 0, true)
	case uWeekend, uMonth:
		return p.relUnit(i, i, wThis, 0, true)
	}
	return match{}, false
}

// newYear reads "New Year's Day", "New Year's Eve", "New Year" with "year"
// at i.
func (p *parser) newYear(i int) (match, bool) {
	h, end := hNewYear, i+1
	if isApostrophe(p.gap(i+1)) && p.word(i+1, wS) {
		switch {
		case p.word(i+2, wEve) && p.sp(i+2):
			h, end = hNewYearEve, i+3
		case p.k(i+2) == kUnit && p.v(i+2) == uDay && p.sp(i+2):
			end = i + 3
		}
	}
	if !p.has {
		return match{start: i - 1, end: end, typ: tDate, anchored: true}, true
	}
	dir := onOrBefore
	if p.tense(i-1, end) > 0 {
		dir = onOrAfter
	}
	return match{start: i - 1, end: end, typ: tDate, val: p.holidayNear(h, dir).String(), anchored: true}, true
}

// atoi reads the digits of a value this package formatted.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// thisYear is the anchor's year over tokens [s, e).
func (p *parser) thisYear(s, e int) (match, bool) {
	if !p.has {
		return match{start: s, end: e, typ: tDate, anchored: true}, true
	}
	return match{start: s, end: e, typ: tDate, val: fmtYear(p.a.y), anchored: true}, true
}

// yearEarlier reads "year-earlier", "year-ago" and the noun it modifies:
// the quarter named last, a year before, or else the year before the
// anchor's.
func (p *parser) yearEarlier(s, j int) (match, bool) {
	end := j
	q := p.lastQ
	useQ := q.ok && s-q.tok < refWindow
	if p.sp(j) {
		switch {
		case p.k(j) == kOrd && p.v(j) <= 4 && p.k(j+1) == kUnit && p.v(j+1) == uQuarter && p.spOrHy(j+1):
			q, useQ, end = quarterRef{y: p.a.y, q: int(p.v(j)), ok: true}, true, j+2
		case p.k(j) == kUnit && p.v(j) == uQuarter && p.tok(j).e.f&fPlural == 0, p.word(j, wPeriod):
			end = j + 1
		}
	}
	if !p.has {
		return match{start: s, end: end, typ: tDate, anchored: true}, true
	}
	if useQ {
		r := quarterRef{y: q.y - 1, q: q.q, ok: true}
		return match{start: s, end: end, typ: tDate, val: fmtQuarter(r.y, r.q), anchored: true}, true
	}
	return match{start: s, end: end, typ: tDate, val: fmtYear(p.a.y - 1), anchored: true}, true
}
