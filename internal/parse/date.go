package parse

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Date parses a published-date string: RFC 3339 and ISO 8601, the common
// news formats ("August 30, 2017", "30 Aug 2017 14:05 GMT", "2017-08-30",
// "Wed, 30 Aug 2017 14:05:00 +0000") or a relative date, which is resolved
// against ref. The precision follows what was given: "2017" is known to the
// year, "August 2017" to the month, "2017-08-30" to the day and anything with
// a clock time to the minute. A time without a zone is taken as UTC.
// Ambiguous numeric dates such as "05/06/2017" are refused rather than
// guessed.
func Date(s string, ref time.Time) (t time.Time, p sitrep.Precision, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 100 || !maybeDate(s) {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	if t, p, ok := isoDate(s); ok {
		return t, p, true
	}
	if t, p, ok := RelativeDate(s, ref); ok {
		return t, p, true
	}
	if t, p, ok := numericDate(s); ok {
		return t, p, true
	}
	return wordDate(s)
}

// maybeDate is a cheap first test: every date has a digit or one of the
// words of relative dates.
func maybeDate(s string) bool {
	if strings.ContainsAny(s, "0123456789") {
		return true
	}
	low := strings.ToLower(s)
	for _, w := range []string{"ago", "yesterday", "today", "now", "last", "this", "tonight"} {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// isoRE matches ISO 8601 dates from a bare year down to fractional seconds
// with a zone.
var isoRE = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?)?)?$`)

func isoDate(s string) (time.Time, sitrep.Precision, bool) {
	m := isoRE.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	year := atoi(m[1])
	if year < 1800 || year > 2200 {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	switch {
	case m[2] == "":
		return time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), sitrep.PrecisionYear, true
	case m[3] == "":
		month := atoi(m[2])
		if month < 1 || month > 12 {
			return time.Time{}, sitrep.PrecisionNone, false
		}
		return time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC), sitrep.PrecisionMonth, true
	}
	month, day := atoi(m[2]), atoi(m[3])
	if !validDay(year, month, day) {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	if m[4] == "" {
		return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC), sitrep.PrecisionDay, true
	}
	hour, minute := atoi(m[4]), atoi(m[5])
	if hour > 23 || minute > 59 {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	loc := time.UTC
	if m[7] != "" {
		var ok bool
		if loc, ok = offsetZone(m[7]); !ok {
			return time.Time{}, sitrep.PrecisionNone, false
		}
	}
	return time.Date(year, time.Month(month), day, hour, minute, 0, 0, loc), sitrep.PrecisionMinute, true
}

// numericRE matches day, month and year written with slashes or dots, in
// either order, optionally followed by a clock time.
var numericRE = regexp.MustCompile(`^(\d{1,4})([/.])(\d{1,2})([/.])(\d{1,4})(?:[ ,T]+(\d{1,2}):(\d{2})(?::\d{2})?)?$`)

func numericDate(s string) (time.Time, sitrep.Precision, bool) {
	m := numericRE.FindStringSubmatch(s)
	if m == nil || m[2] != m[4] {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	a, b, c := atoi(m[1]), atoi(m[3]), atoi(m[5])
	var year, month, day int
	switch {
	case len(m[1]) == 4 && len(m[5]) <= 2:
		year, month, day = a, b, c
	case len(m[5]) == 4 && len(m[1]) <= 2:
		year = c
		switch {
		case a == b, a > 12:
			day, month = a, b
		case b > 12:
			month, day = a, b
		case m[2] == ".":
			// Dotted dates are day-first wherever they are used.
			day, month = a, b
		default:
			return time.Time{}, sitrep.PrecisionNone, false
		}
	default:
		return time.Time{}, sitrep.PrecisionNone, false
	}
	if year < 1800 || year > 2200 || !validDay(year, month, day) {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	if m[6] != "" {
		hour, minute := atoi(m[6]), atoi(m[7])
		if hour > 23 || minute > 59 {
			return time.Time{}, sitrep.PrecisionNone, false
		}
		return time.Date(year, time.Month(month), day, hour, minute, 0, 0, time.UTC), sitrep.PrecisionMinute, true
	}
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC), sitrep.PrecisionDay, true
}

// dateWords are words a written date may carry that say nothing about it.
var dateWords = map[string]bool{
	"on": true, "at": true, "of": true, "the": true, "published": true,
	"posted": true, "updated": true, "|": true, "-": true, "–": true, "—": true,
	"/": true, "hrs": true, "h": true,
}

// wordDate parses dates with a month name, token by token, so that the order
// of day, month, year, weekday, clock time and zone may vary.
func wordDate(s string) (time.Time, sitrep.Precision, bool) {
	var (
		year, month, day int
		hour, minute     = -1, 0
		loc              *time.Location
		zoneOK           = true
		afterTime        bool // the previous token was the clock time or its am/pm
		hasPM, pm        bool
		tokens           = dateTokens(s)
	)
	if len(tokens) == 0 || len(tokens) > 12 {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	for _, tok := range tokens {
		justAfterTime := afterTime
		afterTime = false
		switch {
		case dateWords[tok]:
			continue
		case weekdays[tok]:
			continue
		case months[tok] != 0:
			if month != 0 {
				return time.Time{}, sitrep.PrecisionNone, false
			}
			month = months[tok]
			continue
		case tok == "am" || tok == "a.m." || tok == "pm" || tok == "p.m.":
			if hour < 0 || hasPM {
				return time.Time{}, sitrep.PrecisionNone, false
			}
			hasPM, pm, afterTime = true, tok[0] == 'p', true
			continue
		}
		if h, mi, mark, ok := clockTime(tok); ok {
			if hour >= 0 {
				return time.Time{}, sitrep.PrecisionNone, false
			}
			hour, minute, afterTime = h, mi, true
			if mark != "" {
				hasPM, pm = true, mark == "p"
			}
			continue
		}
		if z, ok := zoneToken(tok); ok {
			if loc != nil {
				return time.Time{}, sitrep.PrecisionNone, false
			}
			loc = z
			continue
		}
		if n, ok := dayOrYear(tok); ok {
			switch {
			case n >= 1000 && year == 0:
				year = n
			case n >= 1 && n <= 31 && day == 0 && len(tok) <= 4:
				day = n
			default:
				return time.Time{}, sitrep.PrecisionNone, false
			}
			continue
		}
		// An unknown short word right after a clock time is a zone we do not
		// know ("ET", "AST"): keep the date, drop the time.
		if justAfterTime && loc == nil && zoneOK && len(tok) >= 2 && len(tok) <= 5 && isLetters(tok) {
			zoneOK = false
			continue
		}
		return time.Time{}, sitrep.PrecisionNone, false
	}
	if month == 0 || year == 0 || year < 1800 || year > 2200 {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	if day == 0 {
		if hour >= 0 {
			return time.Time{}, sitrep.PrecisionNone, false
		}
		return time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC), sitrep.PrecisionMonth, true
	}
	if !validDay(year, month, day) {
		return time.Time{}, sitrep.PrecisionNone, false
	}
	if hour < 0 || !zoneOK {
		return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC), sitrep.PrecisionDay, true
	}
	if hasPM {
		if hour < 1 || hour > 12 {
			return time.Time{}, sitrep.PrecisionNone, false
		}
		hour %= 12
		if pm {
			hour += 12
		}
	}
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(year, time.Month(month), day, hour, minute, 0, 0, loc), sitrep.PrecisionMinute, true
}

var dateSpaces = strings.NewReplacer(",", " ", "(", " ", ")", " ")

// dateTokens lower-cases s and splits it into words, treating commas and
// letter-digit dashes ("30-Aug-2017") as spaces and dropping the full stop of
// abbreviations ("Aug.", "Sept.").
func dateTokens(s string) []string {
	s = strings.ToLower(s)
	s = dateSpaces.Replace(s)
	var out []string
	for _, f := range strings.Fields(s) {
		if f != "a.m." && f != "p.m." {
			f = strings.TrimSuffix(f, ".")
		}
		if strings.ContainsAny(f, "abcdefghijklmnopqrstuvwxyz") && strings.Contains(f, "-") &&
			!strings.HasPrefix(f, "gmt") && !strings.HasPrefix(f, "utc") {
			for part := range strings.SplitSeq(f, "-") {
				if part != "" {
					out = append(out, part)
				}
			}
			continue
		}
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}

// dayOrYear reads a plain or ordinal number: "30", "30th", "2017".
func dayOrYear(tok string) (int, bool) {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(tok, suf) && len(tok) <= 4 {
			tok = strings.TrimSuffix(tok, suf)
			break
		}
	}
	if tok == "" || len(tok) > 4 || !isDigits(tok) {
		return 0, false
	}
	return atoi(tok), true
}

var clockRE = regexp.MustCompile(`^(\d{1,2})(?::(\d{2})(?::\d{2})?)?(am|pm|a\.m\.|p\.m\.)?$`)

// clockTime reads "14:05", "14:05:30", "2:05pm" or "2pm". A bare number is
// not a time.
func clockTime(tok string) (hour, minute int, mark string, ok bool) {
	m := clockRE.FindStringSubmatch(tok)
	if m == nil || (m[2] == "" && m[3] == "") {
		return 0, 0, "", false
	}
	hour, minute = atoi(m[1]), atoi(m[2])
	if hour > 23 || minute > 59 {
		return 0, 0, "", false
	}
	if m[3] != "" {
		mark = m[3][:1]
	}
	return hour, minute, mark, true
}

// zones are the abbreviations with one unambiguous fixed offset in hours.
var zones = map[string]float64{
	"z": 0, "gmt": 0, "utc": 0, "ut": 0, "bst": 1, "cet": 1, "cest": 2,
	"eet": 2, "eest": 3, "msk": 3, "trt": 3, "irst": 3.5, "pkt": 5,
	"est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
	"pst": -8, "pdt": -7,
}

var zoneRE = regexp.MustCompile(`^(?:gmt|utc)?([+-]\d{1,2}(?::?\d{2})?)$`)

func zoneToken(tok string) (*time.Location, bool) {
	if h, ok := zones[tok]; ok {
		return time.FixedZone(strings.ToUpper(tok), int(h*3600)), true
	}
	if m := zoneRE.FindStringSubmatch(tok); m != nil {
		return offsetZone(m[1])
	}
	return nil, false
}

// offsetZone reads "Z", "+03", "+0300" or "+03:00".
func offsetZone(s string) (*time.Location, bool) {
	if s == "Z" || s == "z" {
		return time.UTC, true
	}
	sign := 1
	switch s[0] {
	case '-':
		sign = -1
	case '+':
	default:
		return nil, false
	}
	digits := strings.ReplaceAll(s[1:], ":", "")
	var h, m int
	switch len(digits) {
	case 1, 2:
		h = atoi(digits)
	case 3:
		h, m = atoi(digits[:1]), atoi(digits[1:])
	case 4:
		h, m = atoi(digits[:2]), atoi(digits[2:])
	default:
		return nil, false
	}
	if h > 14 || m > 59 {
		return nil, false
	}
	off := sign * (h*3600 + m*60)
	if off == 0 {
		return time.UTC, true
	}
	return time.FixedZone("", off), true
}

var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
	"oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]bool{
	"monday": true, "mon": true, "tuesday": true, "tue": true, "tues": true,
	"wednesday": true, "wed": true, "thursday": true, "thu": true, "thur": true,
	"thurs": true, "friday": true, "fri": true, "saturday": true, "sat": true,
	"sunday": true, "sun": true,
}

func validDay(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	return day <= time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}
