package web

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/sitrep-project/sitrep/internal/metrics"
)

// MetricsConfig turns on GET /metrics, the Prometheus text format.
type MetricsConfig struct {
	// Registry holds the metrics served: the site adds its own (requests,
	// the Go runtime, the index and store sizes) beside what other parts
	// of the program registered there. Usually metrics.Default.
	Registry *metrics.Registry
	// Public serves /metrics to every client. Otherwise only clients on
	// this machine that connect directly are served: a request from
	// elsewhere, or relayed by a proxy (it carries Forwarded,
	// X-Forwarded-For or X-Real-IP), gets 403, so that a reverse proxy in
	// front of the site does not publish the metrics by accident.
	Public bool
}

// storeCountTTL is how long the stored-article count is reused: counting
// a large table at every scrape of every replica would be waste.
const storeCountTTL = 5 * time.Second

// httpMetrics are the site's request metrics; a nil *httpMetrics records
// nothing.
type httpMetrics struct {
	requests *metrics.Counter
	duration *metrics.Histogram
	bytes    *metrics.Counter
	inFlight *metrics.Gauge
}

// httpMetrics registers the request metrics, or returns nil when metrics
// are off.
func (s *Server) httpMetrics() *httpMetrics {
	if s.cfg.Metrics == nil || s.cfg.Metrics.Registry == nil {
		return nil
	}
	reg := s.cfg.Metrics.Registry
	return &httpMetrics{
		requests: reg.Counter("sitrep_http_requests_total",
			"HTTP requests answered, by route pattern and status class.", "route", "status"),
		duration: reg.Histogram("sitrep_http_request_duration_seconds",
			"Time from a request's arrival to the end of its response, by route pattern.", nil, "route"),
		bytes: reg.Counter("sitrep_http_response_bytes_total",
			"Bytes of response bodies sent, after compression, by route pattern.", "route"),
		inFlight: reg.Gauge("sitrep_http_requests_in_flight", "HTTP requests being answered now."),
	}
}

func (m *httpMetrics) begin() {
	if m != nil {
		m.inFlight.Inc()
	}
}

func (m *httpMetrics) end(route string, status int, bytes int64, d time.Duration) {
	if m == nil {
		return
	}
	m.inFlight.Dec()
	m.requests.Inc(route, statusClass(status))
	m.duration.Observe(d.Seconds(), route)
	m.bytes.Add(float64(bytes), route)
}

// statusClass is "2xx" for 200 and so on; "aborted" for a request whose
// handler gave up before answering.
func statusClass(status int) string {
	if status < 100 || status > 599 {
		return "aborted"
	}
	return strconv.Itoa(status/100) + "xx"
}

// metricsRoutes mounts GET /metrics when metrics are on, after
// registering what the site knows: the Go runtime, the index and the
// store. Registering again replaces the functions, so the last server
// built in a process reports its own index.
func (s *Server) metricsRoutes(mux *http.ServeMux) {
	if s.cfg.Metrics == nil || s.cfg.Metrics.Registry == nil {
		return
	}
	reg := s.cfg.Metrics.Registry
	metrics.RegisterRuntime(reg)
	idx := s.cfg.Index
	reg.GaugeFunc("sitrep_index_generation", "Index generation: goes up each time newly stored articles are indexed.",
		func(context.Context) (float64, error) { return float64(idx.Generation()), nil })
	reg.GaugeFunc("sitrep_index_articles", "Articles in the site's index.",
		func(ctx context.Context) (float64, error) {
			t, err := idx.Totals(ctx) // cached until the index changes
			return float64(t.Articles), err
		})
	reg.GaugeFunc("sitrep_index_events", "Asserted events in the site's index.",
		func(ctx context.Context) (float64, error) {
			t, err := idx.Totals(ctx)
			return float64(t.Events), err
		})
	stored := &cachedCount{count: s.cfg.Store.CountArticles, ttl: storeCountTTL}
	reg.GaugeFunc("sitrep_store_articles", "Articles in the store (counted at most every 5 seconds); "+
		"more than sitrep_index_articles while new ones wait to be indexed.", stored.get)

	handler := reg.Handler()
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		if !s.cfg.Metrics.Public && !directLocal(r) {
			http.Error(w, "metrics are served to clients on this machine only (see sitrep serve --metrics)", http.StatusForbidden)
			return
		}
		handler.ServeHTTP(w, r)
	})
}

// directLocal reports whether r came from a loopback address with no sign
// of a proxy relaying it.
func directLocal(r *http.Request) bool {
	for _, h := range []string{"Forwarded", "X-Forwarded-For", "X-Real-Ip"} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	ip, ok := peerAddr(r)
	return ok && ip.IsLoopback()
}

// cachedCount reuses a count for ttl.
type cachedCount struct {
	count func(context.Context) (int, error)
	ttl   time.Duration

	mu  sync.Mutex
	at  time.Time
	n   int
	err error
}

func (c *cachedCount) get(ctx context.Context) (float64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.at.IsZero() || time.Since(c.at) >= c.ttl {
		c.n, c.err = c.count(ctx)
		c.at = time.Now()
	}
	return float64(c.n), c.err
}
