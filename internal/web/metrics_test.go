package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/metrics"
	"github.com/sitrep-project/sitrep/internal/metrics/metricstest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/web"
)

// serveLocal answers one request through srv's handler, as if it came
// from remote ("127.0.0.1:5000"), and returns the response and its body.
func serveLocal(t *testing.T, h http.Handler, remote, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.RemoteAddr = remote
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestMetricsEndpoint(t *testing.T) {
	db, idx := indextest.Open(t, indextest.All()...)
	// Stored but not yet indexed: the store count runs ahead of the index.
	late := &sitrep.Article{ID: "late-article", URL: "https://example.org/late", Format: "text",
		Title: "A later report", Body: "Filed after the index was built; not indexed yet."}
	late.Normalize()
	if res, err := db.PutArticles(context.Background(), []*sitrep.Article{late}); err != nil {
		t.Fatal(err)
	} else if res[0].Status != sitrep.PutAdded {
		t.Fatalf("late article: %+v", res[0])
	}
	reg := metrics.NewRegistry()
	srv, err := web.New(web.Config{Store: db, Index: idx, Now: func() time.Time { return now },
		Metrics: &web.MetricsConfig{Registry: reg}})
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	article := "/article/" + indextest.Ambush().ID
	for _, path := range []string{article, article, "/no/such/page", "/search?q=convoy"} {
		serveLocal(t, h, "192.0.2.1:4000", path)
	}

	res, body := serveLocal(t, h, "127.0.0.1:5000", "/metrics")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != metrics.ContentType {
		t.Fatalf("GET /metrics: status %d, type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	samples, err := metricstest.Parse(body)
	if err != nil {
		t.Fatalf("GET /metrics does not parse: %v\n%s", err, body)
	}
	totals, err := idx.Totals(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		labels []string
		want   float64
	}{
		{"sitrep_http_requests_total", []string{"route", "GET /article/{id}", "status", "2xx"}, 2},
		{"sitrep_http_requests_total", []string{"route", "/", "status", "4xx"}, 1},
		{"sitrep_http_requests_total", []string{"route", "GET /search", "status", "2xx"}, 1},
		{"sitrep_http_request_duration_seconds_count", []string{"route", "GET /article/{id}"}, 2},
		{"sitrep_http_request_duration_seconds_bucket", []string{"route", "GET /article/{id}", "le", "+Inf"}, 2},
		{"sitrep_http_requests_in_flight", nil, 1}, // this scrape
		{"sitrep_index_articles", nil, float64(totals.Articles)},
		{"sitrep_index_events", nil, float64(totals.Events)},
		{"sitrep_index_generation", nil, float64(idx.Generation())},
		{"sitrep_store_articles", nil, float64(len(indextest.All()) + 1)},
	}
	for _, tt := range tests {
		got, ok := metricstest.Value(samples, tt.name, tt.labels...)
		if !ok || got != tt.want {
			t.Errorf("%s%v = %v (present %v), want %v", tt.name, tt.labels, got, ok, tt.want)
		}
	}
	if v, _ := metricstest.Value(samples, "sitrep_http_response_bytes_total", "route", "GET /article/{id}"); v <= 0 {
		t.Errorf("response bytes for the article route = %v, want > 0", v)
	}
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes"} {
		if v, _ := metricstest.Value(samples, name); v <= 0 {
			t.Errorf("%s = %v, want > 0", name, v)
		}
	}
	// Raw paths never become label values: their number has no bound.
	for _, s := range samples {
		for _, v := range s.Labels {
			if strings.Contains(v, indextest.Ambush().ID) || strings.Contains(v, "/no/such") {
				t.Errorf("sample %s has a raw path in label value %q", s.Name, v)
			}
		}
	}

	// docs/OPERATIONS.md lists every metric the site serves.
	doc, err := os.ReadFile("../../docs/OPERATIONS.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range samples {
		name := s.Name
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			if base, ok := strings.CutSuffix(name, suffix); ok && strings.HasPrefix(base, "sitrep_http_request_duration") {
				name = base
			}
		}
		if !strings.Contains(string(doc), "| `"+name+"` |") {
			t.Errorf("docs/OPERATIONS.md does not list metric %s", name)
		}
	}

	// The scrape itself is counted once it has been answered.
	_, body = serveLocal(t, h, "127.0.0.1:5000", "/metrics")
	samples, err = metricstest.Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := metricstest.Value(samples, "sitrep_http_requests_total", "route", "GET /metrics", "status", "2xx"); got != 1 {
		t.Errorf("requests to GET /metrics = %v, want 1", got)
	}
}

func TestMetricsAccess(t *testing.T) {
	db, idx := indextest.Open(t)
	tests := []struct {
		name    string
		metrics *web.MetricsConfig
		remote  string
		header  []string
		want    int
	}{
		{"loopback", &web.MetricsConfig{Registry: metrics.NewRegistry()}, "127.0.0.1:5000", nil, 200},
		{"loopback IPv6", &web.MetricsConfig{Registry: metrics.NewRegistry()}, "[::1]:5000", nil, 200},
		{"another host", &web.MetricsConfig{Registry: metrics.NewRegistry()}, "192.0.2.7:5000", nil, 403},
		{"relayed by a proxy", &web.MetricsConfig{Registry: metrics.NewRegistry()}, "127.0.0.1:5000",
			[]string{"X-Forwarded-For", "198.51.100.3"}, 403},
		{"relayed, Forwarded", &web.MetricsConfig{Registry: metrics.NewRegistry()}, "127.0.0.1:5000",
			[]string{"Forwarded", "for=198.51.100.3"}, 403},
		{"public", &web.MetricsConfig{Registry: metrics.NewRegistry(), Public: true}, "192.0.2.7:5000", nil, 200},
		{"off", nil, "127.0.0.1:5000", nil, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := web.New(web.Config{Store: db, Index: idx, Metrics: tt.metrics})
			if err != nil {
				t.Fatal(err)
			}
			res, body := serveLocal(t, srv.Handler(), tt.remote, "/metrics", tt.header...)
			if res.StatusCode != tt.want {
				t.Fatalf("status %d, want %d; body %.200s", res.StatusCode, tt.want, body)
			}
			if tt.want == 403 && strings.Contains(body, "go_goroutines") {
				t.Error("refused response carries metrics")
			}
		})
	}
}
