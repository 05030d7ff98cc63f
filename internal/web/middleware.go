package web

import (
	"compress/gzip"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
)

// contentSecurityPolicy allows scripts, styles and data only from the site
// itself: no inline script or style, no framing. Leaflet positions its
// elements through the CSSOM, which style-src does not govern, and the
// JSON-LD and map-data blocks are data, never run.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a handler's panic into a 500 and a log line with the
// stack, instead of a dropped connection.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("web: panic", "method", r.Method, "path", r.URL.Path, "query", redactQuery(r.URL.RawQuery), "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// Responses smaller than this are sent as they are: gzip's header and
// the CPU would cost more than they save.
const gzipMinBytes = 1024

var gzipPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
	return w
}}

// gzipResponses compresses text responses for clients that accept gzip.
// Handlers that set Content-Encoding themselves (the precompressed static
// files) pass through.
func gzipResponses(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Method == http.MethodHead || !acceptsGzip(r) {
			next.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		next.ServeHTTP(gw, r)
	})
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(enc), "gzip") && strings.ReplaceAll(q, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// gzipWriter decides at the first write whether to compress: only
// compressible types, only without an encoding already, only when the
// first write or the declared length is not tiny.
type gzipWriter struct {
	http.ResponseWriter
	gz      *gzip.Writer
	decided bool
	status  int
}

func (g *gzipWriter) WriteHeader(status int) {
	if g.decided || g.status != 0 {
		return
	}
	g.status = status
}

func (g *gzipWriter) Write(p []byte) (int, error) {
	if !g.decided {
		g.decide(len(p))
	}
	if g.gz != nil {
		return g.gz.Write(p)
	}
	return g.ResponseWriter.Write(p)
}

func (g *gzipWriter) decide(first int) {
	g.decided = true
	h := g.Header()
	status := g.status
	if status == 0 {
		status = http.StatusOK
	}
	if h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")) &&
		status != http.StatusNoContent && status != http.StatusNotModified &&
		(first >= gzipMinBytes || h.Get("Content-Length") == "" && first == 0) {
		h.Del("Content-Length")
		h.Set("Content-Encoding", "gzip")
		g.gz = gzipPool.Get().(*gzip.Writer)
		g.gz.Reset(g.ResponseWriter)
	}
	g.ResponseWriter.WriteHeader(status)
}

// Flush sends what is buffered, for streamed exports.
func (g *gzipWriter) Flush() {
	if g.gz != nil {
		g.gz.Flush()
	}
	if f, ok := g.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

func (g *gzipWriter) close() {
	if !g.decided {
		if g.status != 0 {
			g.ResponseWriter.WriteHeader(g.status)
		}
		return
	}
	if g.gz != nil {
		g.gz.Close()
		g.gz.Reset(nil)
		gzipPool.Put(g.gz)
		g.gz = nil
	}
}

func compressible(ctype string) bool {
	ctype, _, _ = strings.Cut(ctype, ";")
	switch strings.TrimSpace(ctype) {
	case "text/html", "text/css", "text/plain", "text/csv", "text/javascript", "application/javascript",
		"application/json", "application/geo+json", "application/x-ndjson", "application/atom+xml",
		"application/feed+json", "image/svg+xml", "application/xml":
		return true
	}
	return false
}
