package web

import (
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestRelative(t *testing.T) {
	now := time.Date(2026, 10, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		t    time.Time
		p    sitrep.Precision
		want string
	}{
		{"seconds", now.Add(-20 * time.Second), sitrep.PrecisionMinute, "just now"},
		{"one minute", now.Add(-time.Minute), sitrep.PrecisionMinute, "1 minute ago"},
		{"hours", now.Add(-3 * time.Hour), sitrep.PrecisionMinute, "3 hours ago"},
		{"yesterday by the calendar", time.Date(2026, 10, 14, 23, 0, 0, 0, time.UTC), sitrep.PrecisionMinute, "13 hours ago"},
		{"day precision today", time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC), sitrep.PrecisionDay, "today"},
		{"day precision yesterday", time.Date(2026, 10, 14, 0, 0, 0, 0, time.UTC), sitrep.PrecisionDay, "yesterday"},
		{"days", time.Date(2026, 10, 12, 8, 0, 0, 0, time.UTC), sitrep.PrecisionMinute, "3 days ago"},
		{"weeks", time.Date(2026, 9, 30, 8, 0, 0, 0, time.UTC), sitrep.PrecisionMinute, "2 weeks ago"},
		{"months", time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC), sitrep.PrecisionDay, "3 months ago"},
		{"five years", time.Date(2021, 8, 29, 0, 0, 0, 0, time.UTC), sitrep.PrecisionDay, "5 years ago"},
		{"year precision", time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), sitrep.PrecisionYear, "5 years ago"},
		{"year precision this year", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), sitrep.PrecisionYear, "this year"},
		{"month precision", time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), sitrep.PrecisionMonth, "last month"},
		{"future", now.Add(48 * time.Hour), sitrep.PrecisionMinute, "in the future"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := relative(tt.t, tt.p, now); got != tt.want {
				t.Errorf("relative = %q, want %q", got, tt.want)
			}
		})
	}
	w := when(nil, sitrep.PrecisionNone, now)
	if w.Known || w.Relative != "date unknown" {
		t.Errorf("when(nil) = %+v", w)
	}
	d := time.Date(2021, 8, 29, 0, 0, 0, 0, time.UTC)
	if w := when(&d, sitrep.PrecisionDay, now); w.Datetime != "2021-08-29" || w.Exact != "Sunday 29 August 2021" {
		t.Errorf("when(day) = %+v", w)
	}
}
