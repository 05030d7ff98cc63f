package parse

import (
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// RelativeDate resolves a relative date such as "5 years ago", "an hour
// ago", "yesterday", "last week", "today" or "just now" against ref, the time
// the page was retrieved. The precision is that of the unit: years give a
// year, months a month, weeks and days a day, hours and minutes a minute. The
// instant is the best estimate (ref moved back by the amount, to the day or
// minute), not the start of the period: "5 years ago" on 2022-09-01 is
// 2017-09-01 with year precision, so relative dates in the text can still be
// resolved against it. A zero ref resolves nothing.
func RelativeDate(s string, ref time.Time) (t time.Time, p sitrep.Precision, ok bool) {
	if ref.IsZero() {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	words := relativeWords(s)
	if len(words) == 0 || len(words) > 12 {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	switch strings.Join(words, " ") {
	case "just now", "now", "moments ago", "a moment ago", "seconds ago",
		"a few seconds ago", "few seconds ago":
		return truncate(ref, sitrep.PrecisionMinute), sitrep.PrecisionMinute, true
	case "today", "this morning", "this afternoon", "this evening", "tonight":
		return truncate(ref, sitrep.PrecisionDay), sitrep.PrecisionDay, true
	case "yesterday", "last night":
		return truncate(ref.AddDate(0, 0, -1), sitrep.PrecisionDay), sitrep.PrecisionDay, true
	case "last week":
		return truncate(ref.AddDate(0, 0, -7), sitrep.PrecisionDay), sitrep.PrecisionDay, true
	case "last month":
		return estimate(monthsBack(ref, 1), sitrep.PrecisionMonth), sitrep.PrecisionMonth, true
	case "last year":
		return estimate(monthsBack(ref, 12), sitrep.PrecisionYear), sitrep.PrecisionYear, true
	}
	// "today at 14:05", "yesterday at 2:05 pm"
	if (words[0] == "today" || words[0] == "yesterday") && len(words) >= 2 {
		rest := words[1:]
		if rest[0] == "at" {
			rest = rest[1:]
		}
		if len(rest) == 0 || len(rest) > 2 {
			return time.Time{}, sitrep.PrecisionNone, false
		}
		hour, minute, mark, ok := clockTime(strings.Join(rest, "")) // "2:05 pm" reads as "2:05pm"
		if !ok {
			return time.Time{}, sitrep.PrecisionNone, false
		}
		if mark != "" {
			if hour < 1 || hour > 12 {
				return time.Time{}, sitrep.PrecisionNone, false
			}
			hour %= 12
			if mark == "p" {
				hour += 12
			}
		}
		day := ref
		if words[0] == "yesterday" {
			day = ref.AddDate(0, 0, -1)
		}
		y, m, d := day.Date()
		return time.Date(y, m, d, hour, minute, 0, 0, ref.Location()), sitrep.PrecisionMinute, true
	}
	return agoDate(words, ref)
}

// agoDate resolves "<n> <unit>[, <n> <unit>...] ago".
func agoDate(words []string, ref time.Time) (time.Time, sitrep.Precision, bool) {
	if words[len(words)-1] != "ago" {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	words = words[:len(words)-1]
	var (
		t     = ref
		p     = sitrep.PrecisionNone
		count = -1
		units int
	)
	for _, w := range words {
		if w == "and" && count < 0 {
			continue
		}
		if count < 0 {
			if n, ok := countWord(w); ok {
				count = n
				continue
			}
			// "5h", "3d", "10mins"
			i := 0
			for i < len(w) && w[i] >= '0' && w[i] <= '9' {
				i++
			}
			if i == 0 || i == len(w) || i > 4 {
				return time.Time{}, sitrep.PrecisionNone, false
			}
			count, w = atoi(w[:i]), w[i:]
		}
		u, ok := timeUnits[w]
		if !ok {
			return time.Time{}, sitrep.PrecisionNone, false
		}
		t = u.back(t, count)
		if finer(u.precision, p) {
			p = u.precision
		}
		count = -1
		units++
	}
	if count >= 0 || units == 0 {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	return estimate(t, p), p, true
}

var relativeSpaces = strings.NewReplacer(",", " ", "\u00a0", " ")

// relativeWords lower-cases s, drops hedges ("about", "over") and labels
// ("Published", "Posted") in front and splits it into words.
func relativeWords(s string) []string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimRight(s, ".!")
	words := strings.Fields(relativeSpaces.Replace(s))
	for len(words) > 1 {
		switch words[0] {
		case "about", "around", "approximately", "approx", "over", "almost",
			"nearly", "roughly", "some", "published", "posted", "updated", "~":
			words = words[1:]
			continue
		}
		break
	}
	// "a couple of days ago"
	if len(words) >= 3 && words[0] == "a" && words[1] == "couple" && words[2] == "of" {
		words = append([]string{"2"}, words[3:]...)
	}
	if len(words) >= 2 && words[0] == "a" && words[1] == "few" {
		words = append([]string{"3"}, words[2:]...)
	}
	return words
}

func countWord(w string) (int, bool) {
	if isDigits(w) && len(w) <= 4 {
		return atoi(w), true
	}
	n, ok := numberWords[w]
	return n, ok
}

var numberWords = map[string]int{
	"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
	"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
	"twelve": 12, "few": 3,
}

type timeUnit struct {
	precision sitrep.Precision
	back      func(t time.Time, n int) time.Time
}

var (
	unitYear   = timeUnit{sitrep.PrecisionYear, func(t time.Time, n int) time.Time { return monthsBack(t, 12*n) }}
	unitMonth  = timeUnit{sitrep.PrecisionMonth, func(t time.Time, n int) time.Time { return monthsBack(t, n) }}
	unitWeek   = timeUnit{sitrep.PrecisionDay, func(t time.Time, n int) time.Time { return t.AddDate(0, 0, -7*n) }}
	unitDay    = timeUnit{sitrep.PrecisionDay, func(t time.Time, n int) time.Time { return t.AddDate(0, 0, -n) }}
	unitHour   = timeUnit{sitrep.PrecisionMinute, func(t time.Time, n int) time.Time { return t.Add(-time.Duration(n) * time.Hour) }}
	unitMinute = timeUnit{sitrep.PrecisionMinute, func(t time.Time, n int) time.Time { return t.Add(-time.Duration(n) * time.Minute) }}
	unitSecond = timeUnit{sitrep.PrecisionMinute, func(t time.Time, n int) time.Time { return t.Add(-time.Duration(n) * time.Second) }}
)

// monthsBack moves t back n calendar months, keeping the day where the
// target month has it and clamping to its last day where it does not: a
// month before March 31 is February 28, not March 3 as time.AddDate says.
func monthsBack(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m-time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

var timeUnits = map[string]timeUnit{
	"y": unitYear, "yr": unitYear, "yrs": unitYear, "year": unitYear, "years": unitYear,
	"mo": unitMonth, "mos": unitMonth, "mth": unitMonth, "mths": unitMonth, "month": unitMonth, "months": unitMonth,
	"w": unitWeek, "wk": unitWeek, "wks": unitWeek, "week": unitWeek, "weeks": unitWeek,
	"d": unitDay, "day": unitDay, "days": unitDay,
	"h": unitHour, "hr": unitHour, "hrs": unitHour, "hour": unitHour, "hours": unitHour,
	"m": unitMinute, "min": unitMinute, "mins": unitMinute, "minute": unitMinute, "minutes": unitMinute,
	"s": unitSecond, "sec": unitSecond, "secs": unitSecond, "second": unitSecond, "seconds": unitSecond,
}

var precisionRank = map[sitrep.Precision]int{
	sitrep.PrecisionNone: 0, sitrep.PrecisionYear: 1, sitrep.PrecisionMonth: 2,
	sitrep.PrecisionDay: 3, sitrep.PrecisionMinute: 4,
}

// finer reports whether precision a is finer than b.
func finer(a, b sitrep.Precision) bool { return precisionRank[a] > precisionRank[b] }

// estimate keeps a relative date's instant to the day even when its
// precision is coarser: the precision field says how far to trust it.
func estimate(t time.Time, p sitrep.Precision) time.Time {
	if p == sitrep.PrecisionYear || p == sitrep.PrecisionMonth {
		return truncate(t, sitrep.PrecisionDay)
	}
	return truncate(t, p)
}

// truncate drops what precision p does not know, in t's location.
func truncate(t time.Time, p sitrep.Precision) time.Time {
	y, m, d := t.Date()
	switch p {
	case sitrep.PrecisionYear:
		return time.Date(y, 1, 1, 0, 0, 0, 0, t.Location())
	case sitrep.PrecisionMonth:
		return time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
	case sitrep.PrecisionDay:
		return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	}
	return time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, t.Location())
}
