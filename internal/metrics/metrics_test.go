package metrics_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sitrep-project/sitrep/internal/metrics"
	"github.com/sitrep-project/sitrep/internal/metrics/metricstest"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func write(t *testing.T, r *metrics.Registry) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.Write(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWriteGolden(t *testing.T) {
	r := metrics.NewRegistry()
	req := r.Counter("sitrep_test_requests_total", "Requests by route and status class.", "route", "status")
	req.Inc("GET /article/{id}", "2xx")
	req.Add(2, "GET /article/{id}", "2xx")
	req.Inc("GET /search", "4xx")
	req.Inc(`a "quoted\" route`+"\nwith a newline", "5xx")
	r.Counter("sitrep_test_untouched_total", "A counter without labels starts at zero.")
	r.Counter("sitrep_test_unused_total", "A labelled counter nobody touched is left out.", "outcome")
	g := r.Gauge("sitrep_test_in_flight", "Help with a backslash \\ and a\nnewline.")
	g.Inc()
	g.Inc()
	g.Dec()
	h := r.Histogram("sitrep_test_duration_seconds", "Durations.", []float64{0.1, 1, 10}, "route")
	for _, v := range []float64{0.05, 0.1, 0.5, 3, 30} {
		h.Observe(v, "GET /")
	}
	h.Observe(1, "GET /map")
	r.GaugeFunc("sitrep_test_rows", "Rows counted at scrape time.", func(context.Context) (float64, error) { return 123456789, nil })
	r.GaugeFunc("sitrep_test_broken", "Left out: its function fails.", func(context.Context) (float64, error) { return 0, errors.New("no") })
	r.CounterFunc("sitrep_test_fraction_total", "A fractional total.", func(context.Context) (float64, error) { return 0.25, nil })

	got := write(t, r)
	if _, err := metricstest.Parse(got); err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, got)
	}
	golden := filepath.Join("testdata", "write.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("exposition differs from %s (go test -update to accept):\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}

func TestHistogramBuckets(t *testing.T) {
	r := metrics.NewRegistry()
	h := r.Histogram("h_seconds", "h", []float64{1, 2})
	// An observation equal to a bound falls in that bound's bucket (le).
	for _, v := range []float64{0.5, 1, 1.5, 2, 2.5} {
		h.Observe(v)
	}
	samples, err := metricstest.Parse(write(t, r))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		le   string
		want float64
	}{{"1", 2}, {"2", 4}, {"+Inf", 5}}
	for _, tt := range tests {
		if got, _ := metricstest.Value(samples, "h_seconds_bucket", "le", tt.le); got != tt.want {
			t.Errorf("bucket le=%s = %v, want %v", tt.le, got, tt.want)
		}
	}
	if got, _ := metricstest.Value(samples, "h_seconds_sum"); got != 7.5 {
		t.Errorf("sum = %v, want 7.5", got)
	}
}

func TestRegisterAgainShares(t *testing.T) {
	r := metrics.NewRegistry()
	r.Counter("c_total", "c", "outcome").Inc("ok")
	r.Counter("c_total", "c", "outcome").Inc("ok")
	calls := 0
	r.GaugeFunc("f", "f", func(context.Context) (float64, error) { calls++; return 1, nil })
	r.GaugeFunc("f", "f", func(context.Context) (float64, error) { return 2, nil })
	samples, err := metricstest.Parse(write(t, r))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := metricstest.Value(samples, "c_total", "outcome", "ok"); got != 2 {
		t.Errorf("c_total = %v, want 2 (one series for both registrations)", got)
	}
	if got, _ := metricstest.Value(samples, "f"); got != 2 || calls != 0 {
		t.Errorf("f = %v with %d calls of the first function, want 2 from the second only", got, calls)
	}
}

func TestRegisterConflictPanics(t *testing.T) {
	tests := []struct {
		name string
		do   func(r *metrics.Registry)
	}{
		{"other type", func(r *metrics.Registry) { r.Gauge("m", "m", "a") }},
		{"other labels", func(r *metrics.Registry) { r.Counter("m", "m", "b") }},
		{"function for a counter", func(r *metrics.Registry) {
			r.CounterFunc("m", "m", func(context.Context) (float64, error) { return 0, nil })
		}},
		{"invalid name", func(r *metrics.Registry) { r.Counter("sitrep-requests", "x") }},
		{"invalid label", func(r *metrics.Registry) { r.Counter("x_total", "x", "a-b") }},
		{"reserved label", func(r *metrics.Registry) { r.Counter("x_total", "x", "__name") }},
		{"le on a histogram", func(r *metrics.Registry) { r.Histogram("x", "x", nil, "le") }},
		{"unsorted buckets", func(r *metrics.Registry) { r.Histogram("x", "x", []float64{2, 1}) }},
		{"wrong label count", func(r *metrics.Registry) { r.Counter("m", "m", "a").Inc() }},
		{"negative counter add", func(r *metrics.Registry) { r.Counter("m", "m", "a").Add(-1, "x") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := metrics.NewRegistry()
			r.Counter("m", "m", "a")
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			tt.do(r)
		})
	}
}

func TestConcurrentUpdates(t *testing.T) {
	r := metrics.NewRegistry()
	c := r.Counter("c_total", "c", "k")
	h := r.Histogram("h", "h", nil, "k")
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 1000 {
				c.Inc([]string{"a", "b"}[g%2])
				h.Observe(0.01, "a")
			}
		}()
		wg.Add(1)
		go func() { // scrapes meanwhile
			defer wg.Done()
			var b bytes.Buffer
			r.Write(context.Background(), &b)
		}()
	}
	wg.Wait()
	samples, err := metricstest.Parse(write(t, r))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := metricstest.Value(samples, "c_total", "k", "a")
	b, _ := metricstest.Value(samples, "c_total", "k", "b")
	n, _ := metricstest.Value(samples, "h_count", "k", "a")
	if a != 4000 || b != 4000 || n != 8000 {
		t.Errorf("counts a=%v b=%v histogram=%v, want 4000 4000 8000", a, b, n)
	}
}

func TestRuntime(t *testing.T) {
	r := metrics.NewRegistry()
	metrics.RegisterRuntime(r)
	samples, err := metricstest.Parse(write(t, r))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "go_memstats_heap_inuse_bytes",
		"go_memstats_sys_bytes", "process_start_time_seconds", "go_info"} {
		if v, ok := metricstest.Value(samples, name); !ok || v <= 0 {
			t.Errorf("%s = %v (present %v), want > 0", name, v, ok)
		}
	}
	if _, ok := metricstest.Value(samples, "go_gc_cycles_total"); !ok {
		t.Error("go_gc_cycles_total missing")
	}
}
