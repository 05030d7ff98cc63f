package metrics_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/sitrep-project/sitrep/internal/metrics"
)

// BenchmarkRequest is what the site records per request: a counter, a
// histogram, a byte counter and the in-flight gauge up and down.
func BenchmarkRequest(b *testing.B) {
	r := metrics.NewRegistry()
	req := r.Counter("req_total", "r", "route", "status")
	dur := r.Histogram("dur_seconds", "d", nil, "route")
	bytes := r.Counter("bytes_total", "b", "route")
	inFlight := r.Gauge("in_flight", "i")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			inFlight.Inc()
			req.Inc("GET /article/{id}", "2xx")
			dur.Observe(0.012, "GET /article/{id}")
			bytes.Add(5120, "GET /article/{id}")
			inFlight.Dec()
		}
	})
}

// BenchmarkWrite is one scrape of 40 routes' request metrics.
func BenchmarkWrite(b *testing.B) {
	r := metrics.NewRegistry()
	req := r.Counter("req_total", "r", "route", "status")
	dur := r.Histogram("dur_seconds", "d", nil, "route")
	for i := range 40 {
		route := "GET /route/" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		req.Inc(route, "2xx")
		req.Inc(route, "4xx")
		dur.Observe(0.05, route)
	}
	metrics.RegisterRuntime(r)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		r.Write(context.Background(), &buf)
	}
	b.ReportMetric(float64(buf.Len()), "bytes/scrape")
}
