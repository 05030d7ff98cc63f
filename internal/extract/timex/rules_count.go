package timex

import (
	"strconv"
	"strings"
)

// qty is a count of units: n < 0 when the text leaves it open ("several").
type qty struct {
	n    int
	half bool   // and a half
	dec  string // the count as written when it has a decimal part
}

// quantity reads a count at i: "17", "2.5", "5 1/2", "three", "twenty-four",
// "a", "a few", "a couple of", "several". It returns the token after.
func (p *parser) quantity(i int) (qty, int, bool) {
	t := p.tok(i)
	switch {
	case t.nd > 0:
		if t.grp {
			s := p.str(i)
			if strings.IndexByte(s, '.') >= 0 {
				return qty{n: int(t.num), dec: s}, i + 1, true
			}
			n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
			if err != nil || n > 1_000_000 {
				return qty{}, 0, false
			}
			return qty{n: n}, i + 1, true
		}
		q := qty{n: int(t.num)}
		j := i + 1
		if p.num(j) == 1 && p.sp(j) && p.gap(j+1) == "/" && p.num(j+1) == 2 {
			q.half, j = true, j+2
		}
		return q, j, true
	case t.e.k == kNum && t.e.w == wA:
		j := i + 1
		if !p.sp(j) {
			return qty{}, 0, false
		}
		switch p.w(j) {
		case wFew:
			return qty{n: -1}, j + 1, true
		case wCouple:
			if p.word(j+1, wOf) {
				return qty{n: 2}, j + 2, true
			}
			return qty{n: 2}, j + 1, true
		case wDozen:
			return qty{n: 12}, j + 1, true
		case wHundred:
			return qty{n: 100}, j + 1, true
		case wThousand:
			return qty{n: 1000}, j + 1, true
		}
		return qty{n: 1}, j, true
	case t.e.k == kNum:
		n, j := p.numberWords(i)
		if n <= 0 {
			return qty{}, 0, false
		}
		return qty{n: n}, j, true
	case t.e.k == kVague:
		j := i + 1
		q := qty{n: -1}
		if t.e.w == wCouple {
			q.n = 2
		}
		if p.word(j, wOf) {
			j++
		}
		return q, j, true
	}
	return qty{}, 0, false
}

// maxNumberWords bounds a number in words, so a run of them costs linear time.
const maxNumberWords = 8

// numberWords reads a number in words: "twenty-four", "two hundred and
// fifty", "two thousand".
func (p *parser) numberWords(i int) (int, int) {
	total, cur := 0, 0
	j := i
loop:
	for j < i+maxNumberWords {
		t := p.tok(j)
		if t.e.k != kNum || t.e.w == wA || t.nd > 0 {
			break
		}
		v := int(t.e.v)
		switch {
		case t.e.w == wHundred:
			if cur == 0 {
				cur = 1
			}
			cur *= 100
		case t.e.w == wThousand:
			if cur == 0 {
				cur = 1
			}
			total += cur * 1000
			cur = 0
		case t.e.w == wDozen:
			if cur == 0 {
				cur = 1
			}
			cur *= 12
		case j == i:
			cur = v
		case v < 10 && cur%100 >= 20 && cur%10 == 0:
			cur += v
		case (cur%100 == 0 && cur > 0 || cur == 0 && total > 0) && v < 100:
			cur += v
		default:
			break loop
		}
		j++
		if !p.sp(j) && !p.hy(j) {
			break
		}
		if p.word(j, wAnd) && (cur%100 == 0 && cur > 0 || total > 0) && p.k(j+1) == kNum && p.w(j+1) == wNone {
			j++
		}
	}
	return total + cur, j
}

// quantityExpr reads a count of units: "three years", "17 days", "two-year",
// "several months", "five years ago", "a year earlier", "$5 a day".
func (p *parser) quantityExpr(i int, det bool) (match, bool) {
	q, j, ok := p.quantity(i)
	if !ok {
		return match{}, false
	}
	// "two to three weeks", "12 to 18 months", "two or three days"
	if (p.word(j, wTo) || p.word(j, wOr)) && p.sp(j) {
		if _, j2, ok := p.quantity(j + 1); ok && p.k(j2) == kUnit {
			j = j2
		}
	}
	if (p.word(j, wMore) || p.word(j, wAdditional)) && p.sp(j) {
		j++
	}
	if p.k(j) != kUnit || !(p.sp(j) || p.hy(j)) {
		return match{}, false
	}
	u := p.v(j)
	article := p.word(i, wA)
	if u == uQuarter && (article || p.hy(j)) {
		return match{}, false // "a quarter of the vote", "three-quarters"
	}
	if p.title(j) && (p.tok(i).nd > 0 || !p.tok(i).cap) {
		return match{}, false // a title: "60 Minutes"
	}
	if p.w(j) == wYear && p.hy(j+1) && (p.word(j+1, wAgo) || p.word(j+1, wEarlier)) {
		return p.unitExpr(j, true) // "a year-earlier gain" is "year-earlier"
	}
	end := j + 1
	if p.word(end, wAnd) && p.word(end+1, wA) && p.word(end+2, wHalf) && p.sp(end) {
		q.half, end = true, end+3
	}
	if p.word(end, wOld) && (p.hy(end) || p.sp(end)) {
		return match{}, false // an age: "a 6-year-old", "52 years old"
	}
	if p.hy(end) && p.word(end, wLong) {
		end++
	}
	back := end
	if p.word(end, wOr) && p.str(end+1) == "so" && p.sp(end) {
		end += 2 // "a week or so ago"
	}
	if p.sp(end) {
		if (p.w(end) == wEarlier || p.w(end) == wLater) && u <= uFortnight {
			// "three days later" counts from an event, not the anchor: a span
			return match{start: i, end: end + 1, typ: tDuration, val: duration(q.n, u, q.half)}, true
		}
		switch p.w(end) {
		case wAgo:
			return p.ago(i, end+1, q, u, -1)
		case wEarlier:
			return p.ago(i, end+1, q, u, -1)
		case wLater:
			return p.ago(i, end+1, q, u, 1)
		}
	}
	end = back
	if article && p.rateBefore(i) {
		return match{start: i, end: end, typ: tSet, val: duration(1, u, false)}, true
	}
	val := duration(q.n, u, q.half)
	if q.dec != "" && q.n >= 0 {
		val = strings.Replace(val, strconv.Itoa(q.n), q.dec, 1)
	}
	return match{start: i, end: end, typ: tDuration, val: val}, true
}

// rateBefore reports whether the "a" at i follows an amount, making "a
// year" a rate: "$5 million a year", "twice a week", "300 a month".
func (p *parser) rateBefore(i int) bool {
	prev := p.tok(i - 1)
	if !p.sp(i) {
		return false
	}
	return prev.nd > 0 || prev.e.w == wMillion || prev.e.w == wTimes || prev.e.k == kNum && prev.e.w == wNone
}

// ago resolves a count of units before (dir -1) or after (+1) the anchor:
// "two days ago" is a date, "five years ago" a year, "a month ago" a month.
// A year before, when the text has just named a quarter, is that quarter
// a year earlier: "profit rose from a year earlier".
func (p *parser) ago(s, e int, q qty, u int16, dir int) (match, bool) {
	m := match{start: s, end: e, typ: tDate, anchored: true}
	if q.n < 0 {
		m.val, m.anchored = pastRef, false
		if dir > 0 {
			m.val = futureRef
		}
		return m, true
	}
	if !p.has {
		return m, true
	}
	n := dir * q.n
	a := p.a
	switch u {
	case uSecond, uMinute, uHour:
		m.val = a.String()
	case uDay:
		m.val = a.addDays(n).String()
	case uWeek, uWeekend:
		m.val = fmtWeek(a.addDays(7 * n))
	case uFortnight:
		m.val = fmtWeek(a.addDays(14 * n))
	case uMonth:
		c := a.addMonths(n)
		m.val = fmtMonth(c.y, c.m)
	case uQuarter:
		c := a.addMonths(3 * n)
		m.val = fmtQuarter(c.y, c.quarter())
	case uYear:
		if q.n == 1 && p.lastQ.ok && s-p.lastQ.tok < refWindow {
			m.val = fmtQuarter(p.lastQ.y+n, p.lastQ.q)
		} else {
			m.val = fmtYear(a.y + n)
		}
	case uDecade:
		m.val = fmtYear(a.y + 10*n)
	case uCentury:
		m.val = fmtYear(a.y + 100*n)
	case uMillennium:
		m.val = fmtYear(a.y + 1000*n)
	}
	return m, true
}

// countAfter reads a count of units after a modifier at s: "the past two
// months", "the next few days", "the first nine months", "recent weeks".
func (p *parser) countAfter(s, j int, det bool) (match, bool) {
	if p.k(j) == kUnit && p.tok(j).e.f&fPlural != 0 && p.sp(j) {
		return match{start: s, end: j + 1, typ: tDuration, val: duration(-1, p.v(j), false)}, true
	}
	if !p.sp(j) {
		return match{}, false
	}
	m, ok := p.quantityExpr(j, det)
	if !ok || m.typ != tDuration {
		return match{}, false
	}
	m.start = s
	return m, true
}

// setExpr reads every, each and per before a period: "every week", "each
// Thursday", "every two years", "per day".
func (p *parser) setExpr(i int) (match, bool) {
	j := i + 1
	if !p.sp(j) {
		return match{}, false
	}
	n := 1
	if p.word(i, wEvery) && p.str(j) == "other" && p.sp(j+1) {
		n, j = 2, j+1
	} else if p.tok(j).nd > 0 || p.k(j) == kNum && p.w(j) == wNone {
		if q, k, ok := p.quantity(j); ok && q.n > 0 && p.k(k) == kUnit && p.sp(k) {
			n, j = q.n, k
		}
	}
	switch p.k(j) {
	case kUnit:
		if p.word(i, wPer) && p.tok(j).e.f&fPlural != 0 {
			return match{}, false
		}
		return match{start: i, end: j + 1, typ: tSet, val: duration(n, p.v(j), false)}, true
	case kWeekday:
		if p.word(i, wPer) || p.tok(j).e.f&(fAbbr|fPlural) != 0 {
			return match{}, false
		}
		end, suffix := j+1, ""
		if p.k(end) == kPart && p.sp(end) && p.v(end) <= pNight {
			suffix, end = "T"+partCode[p.v(end)], end+1
		}
		return match{start: i, end: end, typ: tSet, val: "XXXX-WXX-" + strconv.Itoa(int(p.v(j))) + suffix}, true
	case kMonth:
		if p.word(i, wPer) || p.tok(j).e.f&(fAbbr|fAmbig) != 0 && !p.tok(j).cap {
			return match{}, false
		}
		return match{start: i, end: j + 1, typ: tSet, val: "XXXX-" + twoDigits(int(p.v(j)))}, true
	case kSeason:
		return match{start: i, end: j + 1, typ: tSet, val: "XXXX-" + seasonCode[p.v(j)]}, true
	case kPart:
		if v := p.v(j); v <= pNight && !p.word(i, wPer) {
			return match{start: i, end: j + 1, typ: tSet, val: "XXXX-XX-XXT" + partCode[v]}, true
		}
	}
	return match{}, false
}

// setAdverb reads daily, weekly, annually. "Daily" inside a name ("the
// Daily Star") is not one.
func (p *parser) setAdverb(i int) (match, bool) {
	if p.tok(i).cap && i > 0 && !p.sentenceGap(i) {
		return match{}, false
	}
	if next := p.tok(i + 1); p.sp(i+1) && next.e.k == kNone && next.nd == 0 && !next.cap && p.str(i+1) != "basis" {
		return match{}, false // an adjective: "quarterly dividend", "daily volume"
	}
	return match{start: i, end: i + 1, typ: tSet, val: duration(1, p.v(i), false)}, true
}
