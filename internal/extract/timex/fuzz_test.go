package timex

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzFind checks that Find never panics and that every span lies inside
// the text, is non-empty, follows the previous one and names its Text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Rebels shelled the town on Tuesday, August 29, 2017, at 3 p.m.",
		"30/08/2017 14:30 GMT 2017-08-30 the 1990s '80s mid-1996",
		"last week; five years ago; the past three years; every two weeks",
		"Al‑Būkamāl “three days” later — 🔥 yesterday",
		"10:35 a.m. (0735 GMT) Friday; noon tomorrow; 4 in the morning",
		"New Year's Day, the year-ago quarter, fiscal 2016, Q3 2017",
		"a.m. p. 12 1/2 1,700 2.5.3 May March the",
		"\xff\xfe invalid \xc3 utf8 Tuesday",
	} {
		f.Add(s, int64(1504051200))
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var a *time.Time
		if unix%3 != 0 {
			at := time.Unix(unix%(1<<34), 0).UTC()
			a = &at
		}
		ms := Find(text, a)
		n := utf8.RuneCountInString(text)
		prev := 0
		for _, m := range ms {
			if m.Start < prev || m.Start >= m.End || m.End > n {
				t.Fatalf("span %d:%d bad in text of %d code points (previous end %d): %q", m.Start, m.End, n, prev, text)
			}
			if got := runeSlice(text, m.Start, m.End); got != m.Text {
				t.Fatalf("span %d:%d is %q, Text %q", m.Start, m.End, got, m.Text)
			}
			prev = m.End
		}
	})
}

// runeSlice returns code points [start, end) of s as Find counts them:
// each invalid byte is one code point.
func runeSlice(s string, start, end int) string {
	cp, bs := 0, -1
	for i := 0; i < len(s); {
		if cp == start {
			bs = i
		}
		if cp == end {
			return s[bs:i]
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		cp++
	}
	if cp == end && bs >= 0 {
		return s[bs:]
	}
	return ""
}
