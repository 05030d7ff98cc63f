package events

import (
	"strconv"
	"strings"
	"time"
)

// eventDate returns the event's day (YYYY-MM-DD) and ACLED time precision:
// 1 the day is known, 2 the report places it within a few days or a week
// ("around", "as reported", a week), 3 only the month is known, coded on
// the 15th as the day least far from any in the month. It reads the first
// date of the event's sentences, else the nearest date before them, else
// the published date (precision 2: the event happened by then).
//
// own reports a date the text gives for this event: in its sentences (an
// earlier clause of its sentence included), or where it names the act
// again ("surrendered an enclave" ... "surrendered
// their enclave last Monday").
func (d *doc) eventDate(ss []sentence, f *frame) (day string, prec int, own bool) {
	for j := f.head; j <= f.last; j++ {
		if day, prec, ok := d.clauseDate(&ss[j]); ok {
			return day, prec, true
		}
	}
	for j := f.head - 1; j >= 0 && ss[j].st0 == ss[f.head].st0; j-- {
		// "last Thursday changed the route ..., but jets again struck"
		if day, prec, ok := d.clauseDate(&ss[j]); ok {
			return day, prec, true
		}
	}
	if day, prec, ok := d.repeatDate(ss, f); ok {
		return day, prec, true
	}
	for k := d.firstDateRef(ss[f.head].t0) - 1; k >= 0; k-- {
		dr := d.dates[k]
		if d.dateline(dr) {
			continue
		}
		if day, prec, ok := dayOf(dr.d.Value); ok {
			return day, max(prec, d.approximate(dr)), false
		}
	}
	if d.in.Published != nil {
		return d.in.Published.Format("2006-01-02"), 2, false
	}
	return "", 0, false
}

// clauseDate returns the first day clause s names.
func (d *doc) clauseDate(s *sentence) (string, int, bool) {
	for _, dr := range d.dates[d.firstDateRef(s.t0):] {
		if dr.t0 >= s.t1 {
			break
		}
		if d.dateline(dr) {
			continue
		}
		if day, prec, ok := dayOf(dr.d.Value); ok {
			return day, max(prec, d.approximate(dr)), true
		}
	}
	return "", 0, false
}

// repeatDate returns the date of a later clause that names the act of f
// again with the same word and gives a day.
func (d *doc) repeatDate(ss []sentence, f *frame) (string, int, bool) {
	if f.vote.t1 <= f.vote.t0 {
		return "", 0, false
	}
	k := d.key(f.vote.t0)
	for j := f.last + 1; j < len(ss); j++ {
		s := &ss[j]
		for t := s.t0; t < s.t1; t++ {
			if d.toks[t].Key != k {
				continue
			}
			if day, prec, ok := d.clauseDate(s); ok {
				return day, prec, true
			}
			break
		}
	}
	return "", 0, false
}

// dateline reports the date of a wire dateline, "BAMAKO, March 9 (Reuters)
// -", which dates the report, not the event.
func (d *doc) dateline(dr dateRef) bool {
	if dr.t0 == 0 || dr.t0 > 4 || int(dr.t1) >= len(d.toks) || !d.gapHas(dr.t0, ",") {
		return false // a dateline opens with a place and a comma
	}
	gap := d.in.Text[d.toks[dr.t1-1].ByteEnd:d.toks[dr.t1].ByteStart]
	return strings.ContainsAny(gap, "(\u2014\u2013") || strings.Contains(gap, " - ")
}

// approximate returns 2 when words around a date make it approximate:
// "Around 4 May", "on or about", "(as reported)", "as reported on".
func (d *doc) approximate(dr dateRef) int {
	for _, h := range d.ctx[firstHit(d.ctx, dr.t0-4):] {
		if h.t0 > dr.t1+1 {
			break
		}
		inside := h.t0 >= dr.t0 && h.t0 < dr.t1
		before := h.t1 <= dr.t0 && dr.t0-h.t1 <= 1
		after := h.t0 >= dr.t1 && h.t0-dr.t1 <= 1 && d.key(h.t0) == "as"
		if !inside && !before && !after {
			continue
		}
		for _, id := range h.ids {
			if d.c.lex.rules[id].label == modApprox {
				return 2
			}
		}
	}
	return 1
}

// dayOf reads a TIMEX3 date value as a day and its precision: a day is
// exact, a week is coded on its Monday (its Saturday for a weekend) with
// precision 2, a month on its 15th with precision 3.
func dayOf(v string) (string, int, bool) {
	if len(v) >= 10 && digits(v[:4]) && v[4] == '-' && digits(v[5:7]) && v[7] == '-' && digits(v[8:10]) {
		if _, err := time.Parse("2006-01-02", v[:10]); err == nil {
			return v[:10], 1, true
		}
		return "", 0, false
	}
	if len(v) >= 8 && digits(v[:4]) && v[4] == '-' && v[5] == 'W' && digits(v[6:8]) {
		year, _ := strconv.Atoi(v[:4])
		week, _ := strconv.Atoi(v[6:8])
		if week < 1 || week > 53 {
			return "", 0, false
		}
		day := isoWeekMonday(year, week)
		if len(v) >= 11 && v[8:] == "-WE" {
			day = day.AddDate(0, 0, 5)
		}
		return day.Format("2006-01-02"), 2, true
	}
	if len(v) == 7 && digits(v[:4]) && v[4] == '-' && digits(v[5:7]) {
		if m, _ := strconv.Atoi(v[5:7]); m >= 1 && m <= 12 {
			return v + "-15", 3, true
		}
	}
	return "", 0, false
}

// isoWeekMonday returns the Monday of ISO week w of year y.
func isoWeekMonday(y, w int) time.Time {
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	offset := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return jan4.AddDate(0, 0, -offset+(w-1)*7)
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
