package web

import (
	"fmt"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// When is a moment as pages show it: relative to the request ("5 years
// ago"), with the exact value for <time datetime> and a tooltip.
type When struct {
	Known    bool
	Relative string // "5 years ago"
	Datetime string // for the datetime attribute, as precise as known
	Exact    string // "6 October 2026, 07:40 UTC"
}

// when describes t, known to precision p, as seen at now. A nil t is
// unknown.
func when(t *time.Time, p sitrep.Precision, now time.Time) When {
	if t == nil {
		return When{Relative: "date unknown"}
	}
	u := t.UTC()
	w := When{Known: true, Relative: relative(u, p, now.UTC())}
	switch p {
	case sitrep.PrecisionYear:
		w.Datetime, w.Exact = u.Format("2006"), u.Format("2006")
	case sitrep.PrecisionMonth:
		w.Datetime, w.Exact = u.Format("2006-01"), u.Format("January 2006")
	case sitrep.PrecisionDay:
		w.Datetime, w.Exact = u.Format(time.DateOnly), u.Format("Monday 2 January 2006")
	default:
		w.Datetime, w.Exact = u.Format(time.RFC3339), u.Format("Monday 2 January 2006, 15:04 UTC")
	}
	return w
}

// relative says how long before (or after) now t was, no finer than its
// precision: a date known to the year is "5 years ago" or "this year",
// never "3 hours ago".
func relative(t time.Time, p sitrep.Precision, now time.Time) string {
	switch p {
	case sitrep.PrecisionYear:
		return ago(now.Year()-t.Year(), "year", "this year", "last year", "next year")
	case sitrep.PrecisionMonth:
		months := (now.Year()-t.Year())*12 + int(now.Month()-t.Month())
		if months >= 12 || months <= -12 {
			return ago(months/12, "year", "this year", "last year", "next year")
		}
		return ago(months, "month", "this month", "last month", "next month")
	case sitrep.PrecisionDay:
		days := int(civilDay(now).Sub(civilDay(t)).Hours() / 24)
		return dayAgo(days, now, t)
	}
	d := now.Sub(t)
	switch {
	case d < -time.Minute:
		return "in the future"
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return ago(int(d/time.Minute), "minute", "", "", "")
	case d < 24*time.Hour:
		return ago(int(d/time.Hour), "hour", "", "", "")
	}
	return dayAgo(int(civilDay(now).Sub(civilDay(t)).Hours()/24), now, t)
}

// dayAgo phrases a difference of whole days.
func dayAgo(days int, now, t time.Time) string {
	switch {
	case days < 0:
		return "in the future"
	case days == 0:
		return "today"
	case days == 1:
		return "yesterday"
	case days < 7:
		return fmt.Sprintf("%d days ago", days)
	case days < 30:
		return ago(days/7, "week", "", "", "")
	}
	months := (now.Year()-t.Year())*12 + int(now.Month()-t.Month())
	if now.Day() < t.Day() {
		months--
	}
	if months < 12 {
		return ago(max(months, 1), "month", "", "", "")
	}
	return ago(months/12, "year", "", "", "")
}

// ago phrases n units back; zero, one and minus one may have words of their
// own ("this year", "last year", "next year").
func ago(n int, unit, zero, one, minusOne string) string {
	switch {
	case n == 0 && zero != "":
		return zero
	case n == 1 && one != "":
		return one
	case n == -1 && minusOne != "":
		return minusOne
	case n < 0:
		return "in the future"
	case n == 1:
		return "1 " + unit + " ago"
	}
	return fmt.Sprintf("%d %ss ago", n, unit)
}

func civilDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
