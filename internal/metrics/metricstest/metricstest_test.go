package metricstest_test

import (
	"testing"

	"github.com/sitrep-project/sitrep/internal/metrics/metricstest"
)

func TestParseAccepts(t *testing.T) {
	text := `# HELP a_total A counter.
# TYPE a_total counter
a_total{route="GET /article/{id}",status="2xx"} 3
a_total{route="x \"y\\ z\n",status="5xx"} 1.5e+06 1700000000000
# a plain comment

# TYPE h histogram
h_bucket{le="0.5"} 1
h_bucket{le="+Inf"} 2
h_sum 0.75
h_count 2
untyped_value NaN
`
	samples, err := metricstest.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(samples), 7; got != want {
		t.Errorf("%d samples, want %d", got, want)
	}
	if v, ok := metricstest.Value(samples, "a_total", "route", "x \"y\\ z\n"); !ok || v != 1.5e6 {
		t.Errorf("escaped label value: got %v %v, want 1.5e6", v, ok)
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct{ name, text string }{
		{"no trailing newline", "a 1"},
		{"bad name", "a-b 1\n"},
		{"no value", "a\n"},
		{"bad value", "a one\n"},
		{"two spaces and junk", "a 1 2 3\n"},
		{"bad timestamp", "a 1 soon\n"},
		{"unquoted label", "a{x=1} 1\n"},
		{"bad escape", `a{x="\t"} 1` + "\n"},
		{"unterminated label", `a{x="1} 1` + "\n"},
		{"duplicate label", `a{x="1",x="2"} 1` + "\n"},
		{"no comma", `a{x="1"y="2"} 1` + "\n"},
		{"bad label name", `a{1x="1"} 1` + "\n"},
		{"unknown type", "# TYPE a countr\n"},
		{"type twice", "# TYPE a counter\n# TYPE a counter\n"},
		{"type after samples", "a 1\n# TYPE a counter\n"},
		{"family split", "a 1\nb 1\na{x=\"1\"} 2\n"},
		{"series twice", "a 1\na 2\n"},
		{"bucket without le", "# TYPE h histogram\nh_bucket 1\nh_sum 1\nh_count 1\n"},
		{"no +Inf bucket", "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n"},
		{"buckets not cumulative", "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n"},
		{"count differs", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n"},
		{"bad help escape", "# HELP a x\\y\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := metricstest.Parse(tt.text); err == nil {
				t.Errorf("Parse(%q) = nil error, want one", tt.text)
			}
		})
	}
}
