package timex

import "strconv"

// Direction of a weekday or holiday from the anchor.
const (
	onOrBefore = -1
	onOrAfter  = 1
	before     = -2
	after      = 2
)

// weekdayNear returns the weekday d (ISO) nearest the anchor in direction dir.
func (p *parser) weekdayNear(d, dir int) civil {
	w := p.a.weekday()
	switch dir {
	case onOrBefore, before:
		back := (w - d + 7) % 7
		if back == 0 && dir == before {
			back = 7
		}
		return p.a.addDays(-back)
	default:
		ahead := (d - w + 7) % 7
		if ahead == 0 && dir == after {
			ahead = 7
		}
		return p.a.addDays(ahead)
	}
}

// weekdayValue resolves a bare weekday: newswire reports past events, so
// "Tuesday" is the latest Tuesday on or before the published date unless
// the clause speaks of the future.
func (p *parser) weekdayValue(d, s, e int) string {
	if !p.has {
		return "XXXX-WXX-" + strconv.Itoa(d)
	}
	dir := onOrBefore
	if p.tense(s, e) > 0 {
		dir = onOrAfter
	}
	return p.weekdayNear(d, dir).String()
}

// dayYear picks the year of a month and day written without one: the
// year that puts it nearest the anchor. Only when that is more than two
// months away, and the clause has a tense, does the tense choose: "Aug. 6"
// in February is last August in a report of what happened.
func (p *parser) dayYear(m, d, s, e int) int {
	y := p.a.y
	best, dist := y, 1<<30
	for _, cy := range [...]int{y - 1, y, y + 1} {
		if !validDate(cy, m, d) {
			continue
		}
		if n := abs(p.a.days(civil{cy, m, d})); n < dist {
			best, dist = cy, n
		}
	}
	if dist <= 61 {
		return best
	}
	c := civil{y, m, d}
	switch p.dateTense(s, e) {
	case -1:
		if p.a.before(c) {
			return y - 1
		}
		return y
	case 1:
		if c.before(p.a) {
			return y + 1
		}
		return y
	}
	return best
}

// monthYear picks the year of a month named without one, like dayYear.
func (p *parser) monthYear(m, s, e int) int {
	y := p.a.y
	diff := m - p.a.m
	best := y
	switch {
	case diff > 6:
		best = y - 1
	case diff < -6:
		best = y + 1
	}
	if near := abs(m + 12*(best-y) - p.a.m); near <= 2 {
		return best
	}
	switch p.dateTense(s, e) {
	case -1:
		if m > p.a.m {
			return y - 1
		}
		return y
	case 1:
		if m < p.a.m {
			return y + 1
		}
		return y
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// dateTense is the tense of the clause around a date; a date used as a
// name ("the Oct. 23 slaying", "the October attack") is of the past.
func (p *parser) dateTense(s, e int) int {
	if t := p.tense(s, e); t != 0 {
		return t
	}
	if p.word(s-1, wThe) && p.tok(e).e.k == kNone && p.sp(e) {
		return -1
	}
	return 0
}

// quarterYear picks the year of a quarter named without one: the latest
// such quarter that has begun by the anchor. Reports speak of quarters
// past even in the future tense ("will report third-quarter results").
func (p *parser) quarterYear(q int) int {
	if p.a.quarter() < q {
		return p.a.y - 1
	}
	return p.a.y
}

// seasonYear resolves a season with offset off (-1 last, 0 this, +1 next).
// Winter belongs to the year in which it starts.
func (p *parser) seasonYear(s int16, off int) int {
	y := p.a.y
	// month in which the season ends, winter ending in February of y+1
	end := [...]int{sSpring: 5, sSummer: 8, sFall: 11, sWinter: 14}[s]
	start := [...]int{sSpring: 3, sSummer: 6, sFall: 9, sWinter: 12}[s]
	m := p.a.m
	if s == sWinter && m <= 2 {
		y-- // January 2018 is in the winter of 2017
		m += 12
	}
	switch off {
	case -1:
		if m > end {
			return y
		}
		return y - 1
	case 1:
		if m < start {
			return y
		}
		return y + 1
	}
	return y
}

// holidayDate returns the date of holiday h in year y.
func holidayDate(h int16, y int) civil {
	switch h {
	case hChristmas:
		return civil{y, 12, 25}
	case hChristmasEve:
		return civil{y, 12, 24}
	case hNewYear:
		return civil{y, 1, 1}
	case hNewYearEve:
		return civil{y, 12, 31}
	case hThanksgiving:
		return thanksgiving(y)
	}
	return easter(y)
}

// holidayNear returns the occurrence of h nearest the anchor in direction dir.
func (p *parser) holidayNear(h int16, dir int) civil {
	c := holidayDate(h, p.a.y)
	switch dir {
	case onOrBefore, before:
		if p.a.before(c) || dir == before && c == p.a {
			return holidayDate(h, p.a.y-1)
		}
	default:
		if c.before(p.a) || dir == after && c == p.a {
			return holidayDate(h, p.a.y+1)
		}
	}
	return c
}

// weekendValue formats the weekend off weekends from the anchor's: -1 the
// last one, 0 the one of the anchor's week, +1 the next. "the weekend"
// (bare is true) in a weekday report is the one just past unless the clause
// speaks of the future; "this weekend" is the coming one unless it speaks of
// the past.
func (p *parser) weekendValue(off int, bare bool, s, e int) string {
	sat := p.a.addDays(6 - p.a.weekday())
	if off == 0 && p.a.weekday() < 6 {
		t := p.tense(s, e)
		if bare && t <= 0 || !bare && t < 0 {
			off = -1
		}
	}
	return fmtWeek(sat.addDays(7*off)) + "-WE"
}
