package web

import (
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// observe wraps the whole site, outermost: it times every request, counts
// it in the metrics when they are on, and logs it at Info level, after the
// response is written. The route is the pattern the request matched
// ("GET /article/{id}"), found with mux.Handler because the handlers below
// see a copy of the request.
func (s *Server) observe(mux *http.ServeMux, next http.Handler) http.Handler {
	hm := s.httpMetrics() // nil when metrics are off
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logging := s.log.Enabled(r.Context(), slog.LevelInfo)
		if hm == nil && !logging {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		_, route := mux.Handler(r)
		if route == "" {
			route = "unmatched" // a method the path does not take: 405
		}
		sw := &statusWriter{ResponseWriter: w}
		completed := false
		hm.begin()
		// Deferred so that a request whose handler aborts is still counted
		// and the in-flight gauge still comes down.
		defer func() {
			d := time.Since(start)
			status := sw.status
			if status == 0 && completed {
				status = http.StatusOK // what net/http sends for a handler that wrote nothing
			}
			hm.end(route, status, sw.bytes, d)
			if logging {
				s.log.LogAttrs(r.Context(), slog.LevelInfo, "http request",
					slog.String("method", r.Method),
					slog.String("path", r.URL.Path),
					slog.String("query", redactQuery(r.URL.RawQuery)),
					slog.String("route", route),
					slog.Int("status", status),
					slog.Int64("bytes", sw.bytes),
					slog.Float64("duration_ms", float64(d.Microseconds())/1000),
					slog.String("remote", remoteHost(r)),
				)
			}
		}()
		next.ServeHTTP(sw, r)
		completed = true
	})
}

// statusWriter notes the status and the bytes sent (after compression:
// it sits outside the gzip writer).
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 && code >= 200 { // 1xx are interim responses
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Flush passes on to the connection, for streamed exports.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// remoteHost is the peer's address without its port. Forwarded headers
// are not used: anyone can send them (see clientAddr).
func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// redactQuery returns a raw query string without the parameters that may
// carry a secret (tokens, passwords, CSRF tokens, keys), keeping the rest
// as sent and in order, so logs can be shared without leaking credentials.
func redactQuery(raw string) string {
	if raw == "" {
		return ""
	}
	var kept []string
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		name, _, _ := strings.Cut(pair, "=")
		if n, err := url.QueryUnescape(name); err == nil {
			name = n
		}
		if !secretParam(name) {
			kept = append(kept, pair)
		}
	}
	return strings.Join(kept, "&")
}

// secretParam reports whether a query parameter's name suggests a secret.
func secretParam(name string) bool {
	name = strings.ToLower(name)
	for _, s := range []string{"token", "passw", "csrf", "secret", "session"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	switch name {
	case "key", "apikey", "api_key", "sig", "signature", "code":
		return true
	}
	return false
}
