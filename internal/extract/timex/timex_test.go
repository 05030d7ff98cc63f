package timex

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// anchor is a Wednesday.
var anchor = time.Date(2017, 8, 30, 9, 15, 0, 0, time.UTC)

type want struct {
	text, typ, value string
}

func TestFind(t *testing.T) {
	tests := []struct {
		name   string
		anchor *time.Time
		in     string
		want   []want
	}{
		// absolute dates
		{"month day year", nil, "The convoy left Manbij on August 30, 2017, under fire.",
			[]want{{"August 30, 2017", "DATE", "2017-08-30"}}},
		{"day month year", nil, "Shelling resumed on 30 August 2017 near the dam.",
			[]want{{"30 August 2017", "DATE", "2017-08-30"}}},
		{"abbreviated months", nil, "Talks resume Sept. 4 in Geneva; the truce signed Aug. 12 held.",
			[]want{{"Sept. 4", "DATE", "2017-09-04"}, {"Aug. 12", "DATE", "2017-08-12"}}},
		{"iso date", nil, "The report, dated 2017-08-30, lists 14 strikes.",
			[]want{{"2017-08-30", "DATE", "2017-08-30"}}},
		{"slash date day first", nil, "A raid on 30/08/2017 killed two.",
			[]want{{"30/08/2017", "DATE", "2017-08-30"}}},
		{"slash date month first when day exceeds 12", nil, "A raid on 08/29/2017 killed two.",
			[]want{{"08/29/2017", "DATE", "2017-08-29"}}},
		{"dotted date", nil, "Clashes on 30.08.2017 left 3.5 km of road cut.",
			[]want{{"30.08.2017", "DATE", "2017-08-30"}}},
		{"ambiguous slash date reads day first", nil, "Filed 04/05/2016 in Juba.",
			[]want{{"04/05/2016", "DATE", "2016-05-04"}}},
		{"year, month and year, decade", nil, "Fighting in 2016 was worse than in August 2015 or in the 1990s.",
			[]want{{"2016", "DATE", "2016"}, {"August 2015", "DATE", "2015-08"}, {"the 1990s", "DATE", "199"}}},
		{"bare month takes the nearest year", nil, "Aid deliveries stopped in July.",
			[]want{{"July", "DATE", "2017-07"}}},
		{"distant month follows the tense", nil, "The offensive began in November.",
			[]want{{"November", "DATE", "2016-11"}}},
		{"distant month in the future tense", nil, "Elections will be held in November.",
			[]want{{"November", "DATE", "2017-11"}}},
		{"modal may is not a month", nil, "The army may advance on Tabqa.", nil},
		{"name Jan is not a month", nil, "Jan Egeland spoke to reporters.", nil},
		{"spoken year", nil, "It was built in nineteen ninety-six.",
			[]want{{"nineteen ninety-six", "DATE", "1996"}}},
		{"century", nil, "The bridge dates from the 20th century.",
			[]want{{"the 20th century", "DATE", "19"}}},
		{"mid year", nil, "The group split in mid-2014.",
			[]want{{"mid-2014", "DATE", "2014"}}},
		{"end of year", nil, "Troops will leave by the end of 2018.",
			[]want{{"the end of 2018", "DATE", "2018"}}},

		// weekdays
		{"weekday in past report", nil, "Rebels shelled the town on Tuesday.",
			[]want{{"Tuesday", "DATE", "2017-08-29"}}},
		{"weekday on the published day", nil, "Jets struck Raqqa on Wednesday.",
			[]want{{"Wednesday", "DATE", "2017-08-30"}}},
		{"weekday in future clause", nil, "The minister will visit Aleppo on Friday.",
			[]want{{"Friday", "DATE", "2017-09-01"}}},
		{"last and next weekday", nil, "Last Monday the army withdrew; talks start next Monday.",
			[]want{{"Last Monday", "DATE", "2017-08-28"}, {"next Monday", "DATE", "2017-09-04"}}},
		{"last weekday never today", nil, "Last Wednesday was calm.",
			[]want{{"Last Wednesday", "DATE", "2017-08-23"}}},
		{"weekday with date", nil, "Clashes broke out on Tuesday, August 29, 2017, in Ghouta.",
			[]want{{"Tuesday, August 29, 2017", "DATE", "2017-08-29"}}},
		{"weekday part of day", nil, "Mortars fell Monday night on the old city.",
			[]want{{"Monday night", "TIME", "2017-08-28TNI"}}},
		{"possessive weekday is past", nil, "Officials said they would appeal Monday's ruling.",
			[]want{{"Monday", "DATE", "2017-08-28"}}},
		{"participle after would be", nil, "He said the vote would be held on Saturday.",
			[]want{{"Saturday", "DATE", "2017-09-02"}}},
		{"plural weekday is a set", nil, "Markets close on Fridays.",
			[]want{{"Fridays", "SET", "XXXX-WXX-5"}}},

		// deictic days
		{"yesterday today tomorrow tonight", nil, "Yesterday the militia struck; today it retreated; tomorrow it may return. Tonight is calm.",
			[]want{{"Yesterday", "DATE", "2017-08-29"}, {"today", "DATE", "2017-08-30"}, {"tomorrow", "DATE", "2017-08-31"}, {"Tonight", "TIME", "2017-08-30TNI"}}},
		{"parts of days", nil, "Sirens sounded this morning and again yesterday evening, and last night.",
			[]want{{"this morning", "TIME", "2017-08-30TMO"}, {"yesterday evening", "TIME", "2017-08-29TEV"}, {"last night", "TIME", "2017-08-29TNI"}}},
		{"late yesterday", nil, "The bodies were found late yesterday.",
			[]want{{"late yesterday", "DATE", "2017-08-29"}}},

		// relative periods
		{"last week this month last year", nil, "Aid arrived last week, more is due this month, and last year was worse.",
			[]want{{"last week", "DATE", "2017-W34"}, {"this month", "DATE", "2017-08"}, {"last year", "DATE", "2016"}}},
		{"earlier this month, next month", nil, "A report came earlier this month; next month the rains come.",
			[]want{{"earlier this month", "DATE", "2017-08"}, {"next month", "DATE", "2017-09"}}},
		{"ago", nil, "The siege began five years ago and the bridge fell two days ago.",
			[]want{{"five years ago", "DATE", "2012"}, {"two days ago", "DATE", "2017-08-28"}}},
		{"month and week ago", nil, "A month ago the camp held 900; six weeks ago it was empty.",
			[]want{{"A month ago", "DATE", "2017-07"}, {"six weeks ago", "DATE", "2017-W29"}}},
		{"vague ago", nil, "Several years ago the road was open.",
			[]want{{"Several years ago", "DATE", "PAST_REF"}}},
		{"month this year", nil, "The deal signed in January this year collapsed in June last year.",
			[]want{{"January this year", "DATE", "2017-01"}, {"June last year", "DATE", "2016-06"}}},
		{"last month name", nil, "Fighting has raged since last September.",
			[]want{{"last September", "DATE", "2016-09"}}},
		{"the weekend past", nil, "Dozens fled over the weekend.",
			[]want{{"the weekend", "DATE", "2017-W34-WE"}}},
		{"this weekend ahead", nil, "More convoys are due this weekend.",
			[]want{{"this weekend", "DATE", "2017-W35-WE"}}},

		// durations
		{"durations", nil, "The siege lasted three years; the blockade 17 days; the talks several months.",
			[]want{{"three years", "DURATION", "P3Y"}, {"17 days", "DURATION", "P17D"}, {"several months", "DURATION", "PXM"}}},
		{"hyphenated duration", nil, "A 16-hour curfew and a two-week truce.",
			[]want{{"16-hour", "DURATION", "PT16H"}, {"two-week", "DURATION", "P2W"}}},
		{"duration with modifier", nil, "Over the past three years and in recent months the front moved.",
			[]want{{"the past three years", "DURATION", "P3Y"}, {"recent months", "DURATION", "PXM"}}},
		{"lead-ins stay in the span", nil, "The fighting lasted more than four hours, about a week in all.",
			[]want{{"more than four hours", "DURATION", "PT4H"}, {"about a week", "DURATION", "P1W"}}},
		{"half units", nil, "The march took 5 1/2 hours over 2 1/2 years.",
			[]want{{"5 1/2 hours", "DURATION", "PT5H30M"}, {"2 1/2 years", "DURATION", "P2Y6M"}}},
		{"compound number", nil, "Detained for twenty-four days.",
			[]want{{"twenty-four days", "DURATION", "P24D"}}},
		{"ages are not durations", nil, "A 6-year-old girl and a man 52 years old were hurt.", nil},
		{"fractions are not quarters", nil, "About three-quarters of the town was destroyed.", nil},

		// clock times
		{"clock times", nil, "The strike hit at 3 p.m. and a second at 14:30 GMT.",
			[]want{{"3 p.m.", "TIME", "2017-08-30T15:00"}, {"14:30 GMT", "TIME", "2017-08-30T14:30"}}},
		{"time takes the day of its sentence", nil, "The blast came at 10:35 a.m. on Monday.",
			[]want{{"10:35 a.m. on Monday", "TIME", "2017-08-28T10:35"}}},
		{"time before a named day", nil, "Shelling resumed at about 6 a.m. Tuesday near Homs.",
			[]want{{"about 6 a.m. Tuesday", "TIME", "2017-08-29T06:00"}}},
		{"noon and midnight", nil, "The truce expires at midnight tomorrow; talks open at noon.",
			[]want{{"midnight tomorrow", "TIME", "2017-08-31T24:00"}, {"noon", "TIME", "2017-08-30T12:00"}}},
		{"scores are not times", nil, "The committee voted 10:2 against.", nil},

		// sets
		{"sets", nil, "Patrols run every week, water is delivered daily and the festival is held annually.",
			[]want{{"every week", "SET", "P1W"}, {"daily", "SET", "P1D"}, {"annually", "SET", "P1Y"}}},
		{"rate", nil, "The group earns $5 million a year from the crossing.",
			[]want{{"a year", "SET", "P1Y"}}},
		{"each weekday and month", nil, "They meet each Thursday and every two weeks in July.",
			[]want{{"each Thursday", "SET", "XXXX-WXX-4"}, {"every two weeks", "SET", "P2W"}, {"July", "DATE", "2017-07"}}},
		{"adjective is not a set", nil, "The agency publishes a daily tally.", nil},

		// seasons and quarters
		{"quarters and seasons", nil, "Output fell in the third quarter; aid will arrive this summer.",
			[]want{{"the third quarter", "DATE", "2017-Q3"}, {"this summer", "DATE", "2017-SU"}}},
		{"quarter not yet begun is last year's", nil, "The fourth quarter was the worst.",
			[]want{{"The fourth quarter", "DATE", "2016-Q4"}}},
		{"quarter with year", nil, "Exports rose in the first quarter of 2016 and in Q3 2015.",
			[]want{{"the first quarter of 2016", "DATE", "2016-Q1"}, {"Q3 2015", "DATE", "2015-Q3"}}},
		{"year-earlier refers to the named quarter", nil, "Profit rose in the second quarter from a year earlier.",
			[]want{{"the second quarter", "DATE", "2017-Q2"}, {"a year earlier", "DATE", "2016-Q2"}}},
		{"last season", nil, "The camp flooded last winter and again last spring.",
			[]want{{"last winter", "DATE", "2016-WI"}, {"last spring", "DATE", "2017-SP"}}},
		{"fall the verb", nil, "Prices could fall sharply.", nil},

		// references
		{"references", nil, "The town is now calm and currently quiet. It was recently retaken. The future is unclear.",
			[]want{{"now", "DATE", "PRESENT_REF"}, {"currently", "DATE", "PRESENT_REF"}, {"recently", "DATE", "PAST_REF"}, {"The future", "DATE", "FUTURE_REF"}}},
		{"in the past", nil, "In the past, the crossing was open.",
			[]want{{"the past", "DATE", "PAST_REF"}}},
		{"now-defunct", nil, "The now-defunct council met.", nil},

		// holidays
		{"holidays", nil, "Christmas Day and Easter Sunday were quiet; New Year's Day too.",
			[]want{{"Christmas Day", "DATE", "2016-12-25"}, {"Easter Sunday", "DATE", "2017-04-16"}, {"New Year's Day", "DATE", "2017-01-01"}}},

		// anchors
		{"leap day", ptr(time.Date(2016, 3, 2, 0, 0, 0, 0, time.UTC)), "The attack on Feb. 29 and the one two days ago.",
			[]want{{"Feb. 29", "DATE", "2016-02-29"}, {"two days ago", "DATE", "2016-02-29"}}},
		{"year boundary", ptr(time.Date(2018, 1, 3, 0, 0, 0, 0, time.UTC)), "Dec. 28 was the deadliest day; last week was worse; next week is uncertain.",
			[]want{{"Dec. 28", "DATE", "2017-12-28"}, {"last week", "DATE", "2017-W52"}, {"next week", "DATE", "2018-W02"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.anchor
			if a == nil {
				a = &anchor
			}
			got := Find(tt.in, a)
			checkSpans(t, tt.in, got)
			var gotW []want
			for _, m := range got {
				gotW = append(gotW, want{m.Text, m.Type, m.Value})
			}
			if !equalWants(gotW, tt.want) {
				t.Errorf("Find(%q)\n got  %v\n want %v", tt.in, gotW, tt.want)
			}
			for _, m := range got {
				if !m.Resolved {
					t.Errorf("%q: Resolved = false with an anchor", m.Text)
				}
			}
		})
	}
}

func TestFindNoAnchor(t *testing.T) {
	in := "Rebels shelled Aleppo on Tuesday, then on Aug. 30, 2017, and again on Aug. 31; last week, in 2016, three years ago, for three years, now."
	want := []sitrep.DateMention{
		{Span: sitrep.Span{Text: "Tuesday"}, Type: "DATE", Value: "XXXX-WXX-2"},
		{Span: sitrep.Span{Text: "Aug. 30, 2017"}, Type: "DATE", Value: "2017-08-30", Resolved: true},
		{Span: sitrep.Span{Text: "Aug. 31"}, Type: "DATE", Value: "XXXX-08-31"},
		{Span: sitrep.Span{Text: "last week"}, Type: "DATE"},
		{Span: sitrep.Span{Text: "2016"}, Type: "DATE", Value: "2016", Resolved: true},
		{Span: sitrep.Span{Text: "three years ago"}, Type: "DATE"},
		{Span: sitrep.Span{Text: "three years"}, Type: "DURATION", Value: "P3Y", Resolved: true},
		{Span: sitrep.Span{Text: "now"}, Type: "DATE", Value: "PRESENT_REF", Resolved: true},
	}
	got := Find(in, nil)
	checkSpans(t, in, got)
	if len(got) != len(want) {
		t.Fatalf("got %d mentions %v, want %d", len(got), got, len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Text != w.Text || g.Type != w.Type || g.Value != w.Value || g.Resolved != w.Resolved {
			t.Errorf("mention %d = %q %s %q resolved=%v, want %q %s %q resolved=%v", i, g.Text, g.Type, g.Value, g.Resolved, w.Text, w.Type, w.Value, w.Resolved)
		}
	}
}

func TestFindOffsets(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want [][2]int
	}{
		{"diacritics before", "Al‑Būkamāl fell on 5 Sept 2017.", [][2]int{{19, 30}}},
		{"arabic script", "قصف on Tuesday في حلب", [][2]int{{7, 14}}},
		{"curly quotes and dashes", "“Three days” — then “last week”.", [][2]int{{1, 11}, {21, 30}}},
		{"emoji", "🔥 Raqqa burned yesterday 🔥", [][2]int{{15, 24}}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Find(tt.in, &anchor)
			checkSpans(t, tt.in, got)
			var spans [][2]int
			for _, m := range got {
				spans = append(spans, [2]int{m.Start, m.End})
			}
			if len(spans) != len(tt.want) {
				t.Fatalf("spans = %v, want %v", spans, tt.want)
			}
			for i := range spans {
				if spans[i] != tt.want[i] {
					t.Errorf("spans = %v, want %v", spans, tt.want)
				}
			}
		})
	}
}

// TestFindGolden runs Find over each testdata/*.txt (anchored at the
// Wednesday above) and compares with the .golden file beside it. Run with
// -update to rewrite the golden files after a deliberate change.
func TestFindGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := Find(string(in), &anchor)
			checkSpans(t, string(in), got)
			b, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			b = append(b, '\n')
			golden := strings.TrimSuffix(f, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run with -update to create): %v", err)
			}
			if string(b) != string(want) {
				t.Errorf("Find(%s) differs from %s:\n%s", f, golden, b)
			}
		})
	}
}

// checkSpans asserts what every result must satisfy: ordered, non-empty,
// inside the text, and Text equal to the code-point slice it names.
func checkSpans(t *testing.T, text string, ms []sitrep.DateMention) {
	t.Helper()
	n := utf8.RuneCountInString(text)
	runes := []rune(text)
	prev := 0
	for _, m := range ms {
		if m.Start < prev || m.Start >= m.End || m.End > n {
			t.Fatalf("span %d:%d out of order or outside text of %d code points (previous end %d)", m.Start, m.End, n, prev)
		}
		if got := string(runes[m.Start:m.End]); got != m.Text {
			t.Fatalf("span %d:%d is %q, Text is %q", m.Start, m.End, got, m.Text)
		}
		prev = m.End
	}
}

func equalWants(a, b []want) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func ptr(t time.Time) *time.Time { return &t }
