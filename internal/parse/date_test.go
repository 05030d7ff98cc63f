package parse_test

import (
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/parse"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// ref is a Monday afternoon, far from month and year boundaries except where
// a case says otherwise.
var ref = time.Date(2022, 9, 12, 15, 37, 42, 0, time.UTC)

func TestRelativeDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339, "" when not a relative date
		p    sitrep.Precision
	}{
		{"5 years ago", "2017-09-12T00:00:00Z", sitrep.PrecisionYear},
		{"a year ago", "2021-09-12T00:00:00Z", sitrep.PrecisionYear},
		{"1 yr ago", "2021-09-12T00:00:00Z", sitrep.PrecisionYear},
		{"5y ago", "2017-09-12T00:00:00Z", sitrep.PrecisionYear},
		{"last year", "2021-09-12T00:00:00Z", sitrep.PrecisionYear},
		{"Over 5 Years Ago", "2017-09-12T00:00:00Z", sitrep.PrecisionYear},
		{"3 months ago", "2022-06-12T00:00:00Z", sitrep.PrecisionMonth},
		{"last month", "2022-08-12T00:00:00Z", sitrep.PrecisionMonth},
		{"1 year, 2 months ago", "2021-07-12T00:00:00Z", sitrep.PrecisionMonth},
		{"2 weeks ago", "2022-08-29T00:00:00Z", sitrep.PrecisionDay},
		{"last week", "2022-09-05T00:00:00Z", sitrep.PrecisionDay},
		{"yesterday", "2022-09-11T00:00:00Z", sitrep.PrecisionDay},
		{"Yesterday.", "2022-09-11T00:00:00Z", sitrep.PrecisionDay},
		{"last night", "2022-09-11T00:00:00Z", sitrep.PrecisionDay},
		{"3 days ago", "2022-09-09T00:00:00Z", sitrep.PrecisionDay},
		{"three days ago", "2022-09-09T00:00:00Z", sitrep.PrecisionDay},
		{"a couple of days ago", "2022-09-10T00:00:00Z", sitrep.PrecisionDay},
		{"a few days ago", "2022-09-09T00:00:00Z", sitrep.PrecisionDay},
		{"3d ago", "2022-09-09T00:00:00Z", sitrep.PrecisionDay},
		{"today", "2022-09-12T00:00:00Z", sitrep.PrecisionDay},
		{"this morning", "2022-09-12T00:00:00Z", sitrep.PrecisionDay},
		{"3 hours ago", "2022-09-12T12:37:00Z", sitrep.PrecisionMinute},
		{"an hour ago", "2022-09-12T14:37:00Z", sitrep.PrecisionMinute},
		{"2 hrs ago", "2022-09-12T13:37:00Z", sitrep.PrecisionMinute},
		{"5h ago", "2022-09-12T10:37:00Z", sitrep.PrecisionMinute},
		{"10 minutes ago", "2022-09-12T15:27:00Z", sitrep.PrecisionMinute},
		{"1 min ago", "2022-09-12T15:36:00Z", sitrep.PrecisionMinute},
		{"2 hours and 30 minutes ago", "2022-09-12T13:07:00Z", sitrep.PrecisionMinute},
		{"30 seconds ago", "2022-09-12T15:37:00Z", sitrep.PrecisionMinute},
		{"just now", "2022-09-12T15:37:00Z", sitrep.PrecisionMinute},
		{"moments ago", "2022-09-12T15:37:00Z", sitrep.PrecisionMinute},
		{"yesterday at 2:05 pm", "2022-09-11T14:05:00Z", sitrep.PrecisionMinute},
		{"today at 09:30", "2022-09-12T09:30:00Z", sitrep.PrecisionMinute},
		{"  ABOUT   an HOUR ago ", "2022-09-12T14:37:00Z", sitrep.PrecisionMinute},
		{"5 years", "", ""},
		{"ago", "", ""},
		{"years ago", "", ""},
		{"5 parsecs ago", "", ""},
		{"tomorrow", "", ""},
		{"2017-08-30", "", ""},
		{"yesterday at noon-ish", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, p, ok := parse.RelativeDate(tt.in, ref)
			checkDate(t, got, p, ok, tt.want, tt.p)
		})
	}
}

func TestRelativeDateBoundaries(t *testing.T) {
	tests := []struct {
		name string
		in   string
		ref  time.Time
		want string
	}{
		{"yesterday across new year", "yesterday", time.Date(2023, 1, 1, 0, 30, 0, 0, time.UTC), "2022-12-31T00:00:00Z"},
		{"month ago from the 31st", "1 month ago", time.Date(2023, 3, 31, 12, 0, 0, 0, time.UTC), "2023-02-28T00:00:00Z"},
		{"days in the reference zone", "2 days ago", time.Date(2023, 6, 10, 1, 0, 0, 0, time.FixedZone("", 3*3600)), "2023-06-08T00:00:00+03:00"},
		{"hours across midnight", "3 hours ago", time.Date(2023, 6, 10, 1, 15, 0, 0, time.UTC), "2023-06-09T22:15:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, ok := parse.RelativeDate(tt.in, tt.ref)
			if !ok || got.Format(time.RFC3339) != tt.want {
				t.Errorf("RelativeDate(%q, %v): got %v %v, want %s", tt.in, tt.ref, got.Format(time.RFC3339), ok, tt.want)
			}
		})
	}
	if _, _, ok := parse.RelativeDate("5 years ago", time.Time{}); ok {
		t.Errorf("RelativeDate with zero reference: got ok, want nothing resolved")
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		p    sitrep.Precision
	}{
		// ISO 8601 and RFC 3339
		{"2017-08-30", "2017-08-30T00:00:00Z", sitrep.PrecisionDay},
		{"2017-08-30T14:05:00Z", "2017-08-30T14:05:00Z", sitrep.PrecisionMinute},
		{"2017-08-30T14:05:27.123+03:00", "2017-08-30T14:05:00+03:00", sitrep.PrecisionMinute},
		{"2017-08-30T14:05:00+0300", "2017-08-30T14:05:00+03:00", sitrep.PrecisionMinute},
		{"2017-08-30 14:05", "2017-08-30T14:05:00Z", sitrep.PrecisionMinute},
		{"2017-08-30T14:05", "2017-08-30T14:05:00Z", sitrep.PrecisionMinute},
		{"2017-08", "2017-08-01T00:00:00Z", sitrep.PrecisionMonth},
		{"2017", "2017-01-01T00:00:00Z", sitrep.PrecisionYear},
		// written dates
		{"August 30, 2017", "2017-08-30T00:00:00Z", sitrep.PrecisionDay},
		{"Aug 30, 2017", "2017-08-30T00:00:00Z", sitrep.PrecisionDay},
		{"Aug. 30, 2017", "2017-08-30T00:00:00Z", sitrep.PrecisionDay},
		{"Sept. 5, 2017", "2017-09-05T00:00:00Z", sitrep.PrecisionDay},
		{"30 August 2017", "2017-08-30T00:00:00Z", sitrep.PrecisionDay},
		{"30th August 2017", "2017-08-30T00:00:00Z", sitrep.PrecisionDay},
		{"Wednesday, August 30, 2017", "2017-08-30T00:00:00Z", sitrep.PrecisionDay},
		{"Wed 30 Aug 2017", "2017-08-30T00:00:00Z", sitrep.PrecisionDay},
		{"30-Aug-2017", "2017-08-30T00:00:00Z", sitrep.PrecisionDay},
		{"August 2017", "2017-08-01T00:00:00Z", sitrep.PrecisionMonth},
		{"Aug 2017", "2017-08-01T00:00:00Z", sitrep.PrecisionMonth},
		{"30 Aug 2017 14:05 GMT", "2017-08-30T14:05:00Z", sitrep.PrecisionMinute},
		{"30 Aug 2017 14:05 EDT", "2017-08-30T14:05:00-04:00", sitrep.PrecisionMinute},
		{"Wed, 30 Aug 2017 14:05:00 +0000", "2017-08-30T14:05:00Z", sitrep.PrecisionMinute},
		{"Wed, 30 Aug 2017 14:05:00 GMT", "2017-08-30T14:05:00Z", sitrep.PrecisionMinute},
		{"August 30, 2017 2:05 PM", "2017-08-30T14:05:00Z", sitrep.PrecisionMinute},
		{"August 30, 2017 at 2:05 p.m.", "2017-08-30T14:05:00Z", sitrep.PrecisionMinute},
		{"August 30, 2017 12:15 am", "2017-08-30T00:15:00Z", sitrep.PrecisionMinute},
		{"30 Aug 2017, 14:05 GMT+3", "2017-08-30T14:05:00+03:00", sitrep.PrecisionMinute},
		{"Aug 30, 2017 2:05 PM ET", "2017-08-30T00:00:00Z", sitrep.PrecisionDay}, // zone unknown: the day stands
		{"Published on 12 February 2016", "2016-02-12T00:00:00Z", sitrep.PrecisionDay},
		// numeric dates
		{"2017/08/30", "2017-08-30T00:00:00Z", sitrep.PrecisionDay},
		{"30/08/2017", "2017-08-30T00:00:00Z", sitrep.PrecisionDay},
		{"08/30/2017", "2017-08-30T00:00:00Z", sitrep.PrecisionDay},
		{"05.06.2017", "2017-06-05T00:00:00Z", sitrep.PrecisionDay},
		{"30/08/2017 14:05", "2017-08-30T14:05:00Z", sitrep.PrecisionMinute},
		// relative
		{"5 years ago", "2017-09-12T00:00:00Z", sitrep.PrecisionYear},
		{"yesterday", "2022-09-11T00:00:00Z", sitrep.PrecisionDay},
		// not dates
		{"05/06/2017", "", ""}, // day or month first: refused rather than guessed
		{"2017-02-30", "", ""},
		{"2017-13-01", "", ""},
		{"February 30, 2017", "", ""},
		{"August 30", "", ""},
		{"30 Aug 17", "", ""},
		{"August", "", ""},
		{"Syria, Iraq", "", ""},
		{"No Comments", "", ""},
		{"12 lorries", "", ""},
		{"Country: , ,", "", ""},
		{"2017-08-30T25:00:00Z", "", ""},
		{"August 30, 2017 13:05 PM", "", ""},
		{"12345", "", ""},
		{"August 30, 2017 2:05 pm by Sam Lee", "", ""},
		{"30 Aug 2017 14:05 XYZ ABC", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, p, ok := parse.Date(tt.in, ref)
			checkDate(t, got, p, ok, tt.want, tt.p)
		})
	}
}

func checkDate(t *testing.T, got time.Time, p sitrep.Precision, ok bool, want string, wantP sitrep.Precision) {
	t.Helper()
	if want == "" {
		if ok {
			t.Errorf("got %s (%s), want no date", got.Format(time.RFC3339), p)
		}
		return
	}
	if !ok {
		t.Fatalf("got no date, want %s (%s)", want, wantP)
	}
	if got.Format(time.RFC3339) != want || p != wantP {
		t.Errorf("got %s (%s), want %s (%s)", got.Format(time.RFC3339), p, want, wantP)
	}
}
