package timex

import (
	"strconv"
	"time"
)

// civil is a calendar date without time or zone.
type civil struct{ y, m, d int }

func (c civil) time() time.Time { return time.Date(c.y, time.Month(c.m), c.d, 12, 0, 0, 0, time.UTC) }

func fromTime(t time.Time) civil {
	y, m, d := t.Date()
	return civil{y, int(m), d}
}

// addDays returns c moved by n days; addMonths by n months, clamped to the
// last day of the month.
func (c civil) addDays(n int) civil { return fromTime(c.time().AddDate(0, 0, n)) }

func (c civil) addMonths(n int) civil {
	m := c.m - 1 + n
	y := c.y + floorDiv(m, 12)
	m = m - 12*floorDiv(m, 12) + 1
	d := c.d
	if dim := daysIn(y, m); d > dim {
		d = dim
	}
	return civil{y, m, d}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// weekday is ISO: Monday 1 ... Sunday 7.
func (c civil) weekday() int {
	w := int(c.time().Weekday())
	if w == 0 {
		return 7
	}
	return w
}

func (c civil) before(o civil) bool {
	if c.y != o.y {
		return c.y < o.y
	}
	if c.m != o.m {
		return c.m < o.m
	}
	return c.d < o.d
}

// days returns the number of days from c to o.
func (c civil) days(o civil) int { return int(o.time().Sub(c.time()).Hours() / 24) }

func (c civil) quarter() int { return (c.m-1)/3 + 1 }

func daysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

func validDate(y, m, d int) bool { return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) }

// TIMEX3 value formatting.

func (c civil) String() string { return fmtDate(c.y, c.m, c.d) }

func pad(b []byte, n, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func fmtYear(y int) string { return string(pad(nil, y, 4)) }

func fmtMonth(y, m int) string {
	b := pad(make([]byte, 0, 7), y, 4)
	b = append(b, '-')
	return string(pad(b, m, 2))
}

func fmtDate(y, m, d int) string {
	b := pad(make([]byte, 0, 10), y, 4)
	b = append(b, '-')
	b = pad(b, m, 2)
	b = append(b, '-')
	return string(pad(b, d, 2))
}

func fmtWeek(c civil) string {
	y, w := c.time().ISOWeek()
	b := pad(make([]byte, 0, 8), y, 4)
	b = append(b, "-W"...)
	return string(pad(b, w, 2))
}

func fmtQuarter(y, q int) string { return fmtYear(y) + "-Q" + strconv.Itoa(q) }

func fmtHalf(y, h int) string { return fmtYear(y) + "-H" + strconv.Itoa(h) }

var seasonCode = [...]string{sSpring: "SP", sSummer: "SU", sFall: "FA", sWinter: "WI"}

var partCode = [...]string{pMorning: "MO", pAfternoon: "AF", pEvening: "EV", pNight: "NI", pOvernight: "NI"}

// timeSuffix formats a clock time as the T part of a TIME value.
func timeSuffix(hh, mm int) string {
	b := append(make([]byte, 0, 6), 'T')
	b = pad(b, hh, 2)
	b = append(b, ':')
	return string(pad(b, mm, 2))
}

// decade formats the decade of year y the TimeML way: 1990s is "199".
func fmtDecade(y int) string { return strconv.Itoa(floorDiv(y, 10)) }

// century formats the century of year y: 1901-2000... TimeML counts the
// 1900s as "19".
func fmtCentury(y int) string { return strconv.Itoa(floorDiv(y, 100)) }

// duration formats a TIMEX3 duration of n units; n < 0 means an unknown
// count ("several years" is PXY). half adds half a unit.
func duration(n int, u int16, half bool) string {
	if n < 0 {
		switch u {
		case uSecond:
			return "PTXS"
		case uMinute:
			return "PTXM"
		case uHour:
			return "PTXH"
		case uDay:
			return "PXD"
		case uWeek:
			return "PXW"
		case uWeekend:
			return "PXWE"
		case uFortnight:
			return "PXW"
		case uMonth:
			return "PXM"
		case uQuarter:
			return "PXQ"
		case uDecade:
			return "PXDE"
		case uCentury:
			return "PXCE"
		}
		return "PXY"
	}
	var b []byte
	switch u {
	case uSecond, uMinute, uHour:
		b = append(b, "PT"...)
	default:
		b = append(b, 'P')
	}
	switch u {
	case uSecond:
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, 'S')
	case uMinute:
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, 'M')
		if half {
			b = append(b, "30S"...)
		}
	case uHour:
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, 'H')
		if half {
			b = append(b, "30M"...)
		}
	case uDay:
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, 'D')
		if half {
			b = append(b, "T12H"...)
		}
	case uWeek:
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, 'W')
	case uWeekend:
		b = strconv.AppendInt(b, int64(2*n), 10)
		b = append(b, 'D')
	case uFortnight:
		b = strconv.AppendInt(b, int64(2*n), 10)
		b = append(b, 'W')
	case uMonth:
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, 'M')
	case uQuarter:
		b = strconv.AppendInt(b, int64(3*n), 10)
		b = append(b, 'M')
	case uYear:
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, 'Y')
		if half {
			b = append(b, "6M"...)
		}
	case uDecade:
		b = strconv.AppendInt(b, int64(10*n), 10)
		b = append(b, 'Y')
	case uCentury:
		b = strconv.AppendInt(b, int64(100*n), 10)
		b = append(b, 'Y')
	case uMillennium:
		b = strconv.AppendInt(b, int64(1000*n), 10)
		b = append(b, 'Y')
	}
	return string(b)
}

// easter returns Easter Sunday of year y (anonymous Gregorian algorithm).
func easter(y int) civil {
	a := y % 19
	b := y / 100
	c := y % 100
	d := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i := c / 4
	k := c % 4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return civil{y, month, day}
}

// thanksgiving returns the fourth Thursday of November of year y (US).
func thanksgiving(y int) civil {
	c := civil{y, 11, 1}
	off := (4 - c.weekday() + 7) % 7
	return civil{y, 11, 1 + off + 21}
}
