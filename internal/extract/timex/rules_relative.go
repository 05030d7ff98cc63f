package timex

import "strconv"

// refWindow is how many tokens back a named quarter or year stays the
// reference of "the quarter", "a year earlier", "the year-ago period",
// "the following year".
const refWindow = 150

// relative reads an expression led by last, next, this, past, previous,
// coming, following, current, latest, recent: "last week", "next
// Friday", "this summer", "the past two months", "the current quarter".
func (p *parser) relative(i int, det bool) (match, bool) {
	mod := p.w(i)
	j := i + 1
	if !p.sp(j) {
		switch {
		case mod == wPast && det:
			return match{start: i, end: i + 1, typ: tDate, val: pastRef}, true
		case mod == wCurrent:
			return match{start: i, end: i + 1, typ: tDate, val: presentRef}, true
		}
		return match{}, false
	}
	// "this coming Sunday", "this past spring"
	if mod == wThis && p.sp(j+1) {
		switch p.w(j) {
		case wComing:
			mod, j = wNext, j+1
		case wPast:
			mod, j = wLast, j+1
		}
	}
	if p.word(j, wFiscal) && p.sp(j+1) {
		j++
	}
	switch mod {
	case wRecent:
		// "recent" alone ("the recent attacks") is not an expression
		if p.k(j) == kUnit && p.tok(j).e.f&fPlural != 0 && !p.tok(j).cap {
			return match{start: i, end: j + 1, typ: tDuration, val: duration(-1, p.v(j), false)}, true
		}
		if det && p.word(j, wPast) {
			return match{start: i, end: j + 1, typ: tDate, val: pastRef}, true
		}
		return match{}, false
	case wCurrent:
		if p.k(j) == kUnit && p.tok(j).e.f&fPlural == 0 {
			return p.relUnit(i, j, mod, 0, det)
		}
		return match{start: i, end: i + 1, typ: tDate, val: presentRef}, true
	case wLatest:
		if det && p.word(j, wPeriod) {
			return p.quarterRefMatch(i, j+1, 0)
		}
	case wLast:
		if p.word(j, wHalf) {
			return p.ordinalAt(i, 2, j, det, 0) // "the last half of 1989"
		}
	}
	off, _ := offsetWord(mod)
	switch mod {
	case wFollowing:
		off = 1
	case wLatest:
		off = -1
	case wFinal:
		if det && p.k(j) == kUnit && p.v(j) == uQuarter && p.tok(j).e.f&fPlural == 0 {
			return p.quarterMatch(i, j+1, 4, 0)
		}
		return match{}, false
	}
	switch p.k(j) {
	case kUnit:
		return p.relUnit(i, j, mod, off, det)
	case kWeekday:
		return p.relWeekday(i, j, off)
	case kMonth:
		return p.relMonth(i, j, off, mod)
	case kSeason:
		return p.seasonExpr(j, true, off, i)
	case kPart:
		return p.relPart(i, j, mod)
	case kHoliday:
		return p.holidayExpr(j, off, i)
	case kNum, kVague:
		return p.countAfter(i, j, det)
	}
	if p.tok(j).nd > 0 {
		return p.countAfter(i, j, det)
	}
	if mod == wPast && det {
		return match{start: i, end: i + 1, typ: tDate, val: pastRef}, true
	}
	return match{}, false
}

// quarterRefMatch is the quarter named last, moved by off years, or, when
// none was named lately, the last quarter that has ended.
func (p *parser) quarterRefMatch(s, e, off int) (match, bool) {
	if !p.has {
		return match{start: s, end: e, typ: tDate, anchored: true}, true
	}
	q := p.lastQ
	if !q.ok || s-q.tok >= refWindow {
		c := p.a.addMonths(-3)
		q = quarterRef{y: c.y, q: c.quarter(), ok: true}
	}
	r := quarterRef{y: q.y + off, q: q.q, ok: true}
	m := match{start: s, end: e, typ: tDate, val: fmtQuarter(r.y, r.q), anchored: true}
	if off == 0 {
		m.q = r
	}
	return m, true
}

// yearBack reads "a year ago", "a year earlier", "last year", "of last
// year" after a period noun at j, returning the token after.
func (p *parser) yearBack(j int) (int, bool) {
	if !p.sp(j) {
		return 0, false
	}
	if p.word(j, wOf) {
		j++
	}
	switch {
	case p.word(j, wLast) && p.k(j+1) == kUnit && p.v(j+1) == uYear && p.tok(j+1).e.f&fPlural == 0:
		return j + 2, true
	case p.word(j, wA) && p.k(j+1) == kUnit && p.v(j+1) == uYear && p.tok(j+1).e.f&fPlural == 0 &&
		(p.word(j+2, wAgo) || p.word(j+2, wEarlier)):
		return j + 3, true
	}
	return 0, false
}

// sameExpr reads "the same period last year", "the comparable year-ago
// quarter", "the corresponding quarter a year earlier".
func (p *parser) sameExpr(i int, det bool) (match, bool) {
	j := i + 1
	if !det || !p.sp(j) {
		return match{}, false
	}
	if p.w(j) == wYear && p.hy(j+1) {
		m, ok := p.unitExpr(j, true)
		if ok {
			m.start = i
		}
		return m, ok
	}
	if p.word(j, wPeriod) || p.k(j) == kUnit && p.v(j) == uQuarter && p.tok(j).e.f&fPlural == 0 {
		if end, ok := p.yearBack(j + 1); ok {
			return p.quarterRefMatch(i, end, -1)
		}
	}
	return match{}, false
}

// thatExpr reads "that year", "that quarter": the year or quarter named
// last, when one was.
func (p *parser) thatExpr(i int) (match, bool) {
	j := i + 1
	if !p.sp(j) || p.k(j) != kUnit || p.tok(j).e.f&fPlural != 0 {
		return match{}, false
	}
	switch p.v(j) {
	case uYear:
		if p.lastYear != 0 && i-p.lastYearT < refWindow {
			return match{start: i, end: j + 1, typ: tDate, val: fmtYear(p.lastYear)}, true
		}
	case uQuarter:
		if p.lastQ.ok && i-p.lastQ.tok < refWindow {
			return match{start: i, end: j + 1, typ: tDate, val: fmtQuarter(p.lastQ.y, p.lastQ.q)}, true
		}
	}
	return match{}, false
}

// relUnit reads modifier mod (offset off) before the unit at j: "last
// week", "this year", "the current quarter", "the following day".
func (p *parser) relUnit(s, j int, mod wid, off int, det bool) (match, bool) {
	if j != s && p.title(j) {
		return match{}, false // a title: ABC's "This Week"
	}
	u := p.v(j)
	end := j + 1
	if p.tok(j).e.f&fPlural != 0 {
		switch mod {
		case wLast, wPast, wNext, wComing, wPrevious, wFollowing, wUpcoming:
			return match{start: s, end: end, typ: tDuration, val: duration(-1, u, false)}, true
		}
		return match{}, false
	}
	switch u {
	case uHour, uMinute, uSecond, uFortnight:
		if mod == wPast || mod == wLast || mod == wNext || mod == wComing {
			return match{start: s, end: end, typ: tDuration, val: duration(1, u, false)}, true
		}
		return match{}, false
	case uDecade, uCentury:
		if mod == wPast {
			return match{start: s, end: end, typ: tDuration, val: duration(1, u, false)}, true
		}
	case uDay:
		if !det && mod != wThis && mod != wNext && mod != wPrevious && mod != wFollowing {
			return match{}, false
		}
	}
	if !p.has {
		return match{start: s, end: end, typ: tDate, anchored: true}, true
	}
	a := p.a
	m := match{start: s, end: end, typ: tDate, anchored: true}
	switch u {
	case uDay:
		m.val = a.addDays(off).String()
	case uWeek:
		m.val = fmtWeek(a.addDays(7 * off))
	case uWeekend:
		m.val = p.weekendValue(off, j == s, s, end)
	case uMonth:
		m.val = fmtMonth(a.addMonths(off).y, a.addMonths(off).m)
	case uQuarter:
		var q quarterRef
		switch {
		case mod == wLatest && p.lastQ.ok && s-p.lastQ.tok < refWindow:
			q = p.lastQ
		case off == 0:
			q = quarterRef{y: a.y, q: a.quarter(), ok: true}
		default:
			c := a.addMonths(3 * off)
			q = quarterRef{y: c.y, q: c.quarter(), ok: true}
		}
		m.val, m.q = fmtQuarter(q.y, q.q), q
	case uYear:
		y := a.y + off
		if (mod == wFollowing || mod == wPrevious) && p.lastYear != 0 && s-p.lastYearT < refWindow {
			y = p.lastYear + off
		}
		m.val = fmtYear(y)
		// "this year's third quarter", "last year's quarter"
		if isApostrophe(p.gap(end)) && p.word(end, wS) && p.sp(end+1) {
			k := end + 1
			if p.k(k) == kOrd {
				if qm, ok := p.ordinalAt(k, int(p.v(k)), k+1, false, y); ok && qm.q.ok {
					qm.start = s
					return qm, true
				}
			}
			if p.k(k) == kUnit && p.v(k) == uQuarter && p.tok(k).e.f&fPlural == 0 && p.lastQ.ok {
				q := quarterRef{y: y, q: p.lastQ.q, ok: true}
				return match{start: s, end: k + 1, typ: tDate, val: fmtQuarter(y, q.q), q: q, anchored: true}, true
			}
		}
	case uDecade:
		m.val = fmtDecade(a.y + 10*off)
	case uCentury:
		m.val = fmtCentury(a.y + 100*off)
	case uMillennium:
		return match{}, false
	}
	return m, true
}

// relWeekday reads "last Friday", "next Monday", "this Sunday".
func (p *parser) relWeekday(s, j, off int) (match, bool) {
	t := p.tok(j)
	if t.e.f&(fAbbr|fPlural) != 0 {
		return match{}, false
	}
	d := int(t.e.v)
	if !p.has {
		return p.weekdayWith(s, j+1, d, "XXXX-WXX-"+strconv.Itoa(d))
	}
	var c civil
	switch off {
	case -1:
		c = p.weekdayNear(d, before)
	case 1:
		c = p.weekdayNear(d, after)
	default:
		if p.tense(s, j+1) < 0 {
			c = p.weekdayNear(d, onOrBefore)
		} else {
			c = p.weekdayNear(d, onOrAfter)
		}
	}
	return p.weekdayWith(s, j+1, d, c.String())
}

// relMonth reads "last April", "next January", "this September".
func (p *parser) relMonth(s, j, off int, mod wid) (match, bool) {
	if !p.monthOK(j, false) || mod == wFollowing || mod == wLatest {
		return match{}, false
	}
	mon := int(p.v(j))
	m, ok := p.monthExpr(j)
	if !ok {
		return match{}, false
	}
	m.start = s
	if !p.has || m.year != 0 {
		return m, true
	}
	y := p.a.y
	if isDayValue(m.val) {
		// "last Oct. 23": the latest such day before the anchor
		d := atoi(m.val[8:10])
		c := civil{y, mon, d}
		switch {
		case off < 0 && !c.before(p.a):
			y--
		case off > 0 && c.before(p.a):
			y++
		}
		if !validDate(y, mon, d) {
			return match{}, false
		}
		m.val = fmtDate(y, mon, d)
		return m, true
	}
	switch off {
	case -1:
		if mon >= p.a.m {
			y--
		}
	case 1:
		if mon <= p.a.m {
			y++
		}
	}
	m.val = fmtMonth(y, mon)
	return m, true
}

// relPart reads "this morning", "last night", "this evening".
func (p *parser) relPart(s, j int, mod wid) (match, bool) {
	part := p.v(j)
	if part > pNight || p.tok(j).e.f&fPlural != 0 {
		return match{}, false
	}
	switch mod {
	case wThis:
		return p.dayPart(s, j+1, 0, part)
	case wLast:
		if part == pNight || part == pEvening {
			return p.dayPart(s, j+1, -1, part)
		}
	}
	return match{}, false
}

// edge reads early, late, mid, earlier, later before another expression:
// "earlier this month", "late yesterday", "mid-1996", "the early 1990s".
func (p *parser) edge(i int, det bool) (match, bool) {
	j := i + 1
	hyOK := p.word(i, wMid) || p.word(i, wLate) || p.word(i, wEarly) || p.word(i, wPost)
	if !(p.sp(j) || hyOK && p.hy(j)) {
		return match{}, false
	}
	// "earlier in the year", "late in the month"
	if p.word(j, wIn) && p.word(j+1, wThe) && p.k(j+2) == kUnit && p.v(j+2) != uDay && p.sp(j+2) {
		m, ok := p.relUnit(i, j+2, wThis, 0, true)
		return m, ok && m.typ == tDate
	}
	var m match
	ok := false
	switch p.k(j) {
	case kWord:
		if _, rel := offsetWord(p.w(j)); rel {
			m, ok = p.relative(j, false)
		} else if p.word(j, wThat) {
			m, ok = p.thatExpr(j)
		}
	case kDeictic, kWeekday, kMonth, kSeason, kHoliday:
		m, ok = p.core(j, det)
	case kPart:
		m, ok = p.partExpr(j, true)
	case kDecadeWord:
		m, ok = p.core(j, true)
	case kNone:
		if p.tok(j).nd == 4 {
			m, ok = p.numeric(j, det)
		}
	}
	if !ok || m.typ == tDuration || m.typ == tSet || m.start != j {
		return match{}, false
	}
	if p.word(i, wPost) && m.year == 0 {
		return match{}, false
	}
	m.start = i
	return m, true
}

// partOf reads "the end of 1990", "the beginning of October", "the middle
// of next week": the span covers the whole, the value is the period's.
func (p *parser) partOf(i int, det bool) (match, bool) {
	if !det || !p.word(i+1, wOf) {
		return match{}, false
	}
	k := i + 2
	d := p.word(k, wThe)
	if d {
		k++
	}
	m, ok := p.core(k, d)
	if !ok || m.typ == tDuration || m.typ == tSet {
		return match{}, false
	}
	m.start = i
	return m, true
}

// fiscalExpr reads "fiscal 1989", "fiscal first quarter", "the fiscal year".
func (p *parser) fiscalExpr(i int, det bool) (match, bool) {
	j := i + 1
	if !p.spOrHy(j) {
		return match{}, false
	}
	if y := p.num(j); p.tok(j).nd == 4 && y >= 1000 && y <= 2100 {
		return match{start: i, end: j + 1, typ: tDate, val: fmtYear(y), year: y}, true
	}
	if p.k(j) == kOrd {
		m, ok := p.ordinalExpr(j, det)
		if ok {
			m.start = i
		}
		return m, ok
	}
	if det && p.k(j) == kUnit && p.v(j) == uYear && p.tok(j).e.f&fPlural == 0 {
		if p.word(j+1, wEnded) && p.sp(j+1) {
			return match{start: i, end: j + 1, typ: tDuration, val: "P1Y"}, true
		}
		return p.relUnit(i, j, wThis, 0, true)
	}
	return match{}, false
}

// seasonExpr reads a season at i with offset off; s is where the span
// starts (at a modifier, when there is one).
func (p *parser) seasonExpr(i int, det bool, off, s int) (match, bool) {
	se := p.v(i)
	if s == i && !det && !p.word(i-1, wIn) {
		// "fall" and "spring" are verbs as often as seasons
		if se == sFall || se == sSpring {
			return match{}, false
		}
	}
	end := i + 1
	if y, e, ok := p.ofYear(end); ok {
		return match{start: s, end: e, typ: tDate, val: fmtYear(y) + "-" + seasonCode[se], year: y}, true
	}
	if p.word(end, wOf) {
		if y, e, ok := p.spokenYearAt(end + 1); ok {
			return match{start: s, end: e, typ: tDate, val: fmtYear(y) + "-" + seasonCode[se], year: y}, true
		}
	}
	if !p.has {
		return match{start: s, end: end, typ: tDate, val: "XXXX-" + seasonCode[se], anchored: true}, true
	}
	return match{start: s, end: end, typ: tDate, val: fmtYear(p.seasonYear(se, off)) + "-" + seasonCode[se], anchored: true}, true
}

// partExpr reads a part of the day that starts an expression: "noon
// Thursday", "midnight", "the morning", "afternoon yesterday".
func (p *parser) partExpr(i int, det bool) (match, bool) {
	t := p.tok(i)
	if t.e.f&fPlural != 0 {
		return match{}, false
	}
	part := t.e.v
	switch part {
	case pNoon:
		return p.withDay(i, i+1, 0, "T12:00")
	case pMidnight:
		return p.withDay(i, i+1, 0, "T24:00")
	case pOvernight:
		return match{}, false
	}
	j := i + 1
	if p.sp(j) {
		switch p.k(j) {
		case kDeictic:
			if p.v(j) != 2 {
				return p.dayPart(i, j+1, int(p.v(j)), part)
			}
		case kWeekday:
			if p.tok(j).e.f&(fAbbr|fPlural) == 0 {
				day := p.weekdayValue(int(p.v(j)), i, j+1)
				return match{start: i, end: j + 1, typ: tTime, val: day + "T" + partCode[part], anchored: true}, true
			}
		}
	}
	if det && part != pNight {
		m := match{start: i, end: i + 1, typ: tTime, timeOnly: true, anchored: true}
		m.suffix = "T" + partCode[part]
		return m, true
	}
	return match{}, false
}

// refExpr reads now, currently, recently, the future.
func (p *parser) refExpr(i int, det bool) (match, bool) {
	t := p.tok(i)
	switch t.e.v {
	case rPresent:
		if p.hy(i + 1) {
			return match{}, false // "now-defunct"
		}
		return match{start: i, end: i + 1, typ: tDate, val: presentRef}, true
	case rPast:
		if det || p.str(i) == "previously" || p.str(i) == "Previously" {
			return match{}, false
		}
		return match{start: i, end: i + 1, typ: tDate, val: pastRef}, true
	case rFuture:
		if t.e.w == wSoon {
			return match{}, false
		}
		if det || p.word(i-1, wIn) {
			return match{start: i, end: i + 1, typ: tDate, val: futureRef}, true
		}
	}
	return match{}, false
}
