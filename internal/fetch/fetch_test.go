package fetch_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

const page = `<!DOCTYPE html><html><head><title>Report</title></head><body><p>Shelling reported near the river.</p></body></html>`

// newServer starts a loopback server with one handler per behaviour under test.
func newServer(t testing.TB) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	html := func(w http.ResponseWriter, body string) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	}
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) { html(w, page) })
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "plain report")
	})
	mux.HandleFunc("/untyped", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // stop net/http from sniffing for us
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/untyped-png", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n"))
	})
	mux.HandleFunc("/r1", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/r2", http.StatusMovedPermanently) })
	mux.HandleFunc("/r2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/page", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop-a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-b", http.StatusFound) })
	mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-a", http.StatusFound) })
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/x", http.StatusFound)
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	mux.HandleFunc("/forbidden", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusForbidden) })
	mux.HandleFunc("/rate-limited", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTooManyRequests) })
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/slow-headers", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		html(w, page)
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		html(w, "<html><body>")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	mux.HandleFunc("/sized/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/sized/"), "%d", &n)
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", fmt.Sprint(n))
		w.Write(bytes.Repeat([]byte("a"), n))
	})
	mux.HandleFunc("/chunked/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/chunked/"), "%d", &n)
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("a"))
		w.(http.Flusher).Flush() // headers go out without Content-Length
		w.Write(bytes.Repeat([]byte("a"), n-1))
	})
	mux.HandleFunc("/lying-length", func(w http.ResponseWriter, r *http.Request) {
		// Declares 20 MB and sends a few bytes: only an early
		// Content-Length check reports the size.
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", fmt.Sprint(20<<20))
		w.Write([]byte("<html>"))
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, page)
		zw.Close()
	})
	mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, r *http.Request) {
		// Up to 1 GB of zeros, compressed about 1000:1, streamed until
		// the client hangs up.
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		zeros := make([]byte, 64<<10)
		for i := 0; i < (1<<30)/len(zeros); i++ {
			if _, err := zw.Write(zeros); err != nil {
				return
			}
		}
		zw.Close()
	})
	mux.HandleFunc("/not-gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/brotli", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "br")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/headers", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for _, k := range []string{"User-Agent", "Accept", "Accept-Encoding", "If-None-Match", "If-Modified-Since"} {
			fmt.Fprintf(w, "%s: %s\n", k, r.Header.Get(k))
		}
	})
	mux.HandleFunc("/dated", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", r.URL.Query().Get("date"))
		html(w, page)
	})
	return httptest.NewServer(mux)
}

// errorMessage returns err's user-safe message and code, or "" for nil.
func errorMessage(err error) (msg, code string) {
	if err == nil {
		return "", ""
	}
	return sitrep.ErrorMessage(err), sitrep.ErrorCode(err)
}

func TestGet(t *testing.T) {
	srv := newServer(t)
	defer srv.Close()

	tests := []struct {
		name            string
		cfg             fetch.Config
		path            string
		wantURL         string // path of the final URL; "" means path
		wantType        string
		wantBody        string
		wantBodyLen     int // checked instead of wantBody when set
		wantStatus      int
		wantNotModified bool
	}{
		{name: "200 HTML", path: "/page", wantType: "text/html", wantBody: page, wantStatus: 200},
		{name: "text/plain", path: "/plain", wantType: "text/plain", wantBody: "plain report", wantStatus: 200},
		{name: "no content type, sniffed HTML", path: "/untyped", wantType: "text/html", wantBody: page, wantStatus: 200},
		{name: "301 chain reports final URL", path: "/r1", wantURL: "/page", wantType: "text/html", wantBody: page, wantStatus: 200},
		{name: "redirects exactly at limit", cfg: fetch.Config{MaxRedirects: 2}, path: "/r1", wantURL: "/page", wantType: "text/html", wantBody: page, wantStatus: 200},
		{name: "gzip body", path: "/gzip", wantType: "text/html", wantBody: page, wantStatus: 200},
		{name: "body exactly at limit with length", cfg: fetch.Config{MaxBytes: 1024}, path: "/sized/1024", wantType: "text/plain", wantBodyLen: 1024, wantStatus: 200},
		{name: "body exactly at limit chunked", cfg: fetch.Config{MaxBytes: 1024}, path: "/chunked/1024", wantType: "text/plain", wantBodyLen: 1024, wantStatus: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := fetch.New(tt.cfg).Get(context.Background(), fetch.Request{URL: srv.URL + tt.path})
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			wantURL := tt.wantURL
			if wantURL == "" {
				wantURL = tt.path
			}
			if got, want := resp.URL, srv.URL+wantURL; got != want {
				t.Errorf("URL: got %q, want %q", got, want)
			}
			if got, want := resp.Status, tt.wantStatus; got != want {
				t.Errorf("Status: got %d, want %d", got, want)
			}
			if got, want := resp.NotModified, tt.wantNotModified; got != want {
				t.Errorf("NotModified: got %v, want %v", got, want)
			}
			if got, want := resp.ContentType, tt.wantType; got != want {
				t.Errorf("ContentType: got %q, want %q", got, want)
			}
			if tt.wantBodyLen > 0 {
				if got, want := len(resp.Body), tt.wantBodyLen; got != want {
					t.Errorf("len(Body): got %d, want %d", got, want)
				}
			} else if got, want := string(resp.Body), tt.wantBody; got != want {
				t.Errorf("Body: got %q, want %q", got, want)
			}
		})
	}
}

func TestGetErrors(t *testing.T) {
	srv := newServer(t)
	defer srv.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	tests := []struct {
		name     string
		cfg      fetch.Config
		url      string // "/..." is resolved against the test server
		wantMsg  string // {url} stands for the requested URL
		wantCode string
	}{
		{name: "ftp scheme", url: "ftp://example.com/report", wantCode: sitrep.EINVALID,
			wantMsg: `fetch {url}: unsupported URL scheme "ftp" (want http or https)`},
		{name: "file scheme", url: "file:///etc/passwd", wantCode: sitrep.EINVALID,
			wantMsg: `fetch {url}: unsupported URL scheme "file" (want http or https)`},
		{name: "relative URL", url: "example.com/report", wantCode: sitrep.EINVALID,
			wantMsg: `fetch {url}: unsupported URL scheme (want http or https)`},
		{name: "no host", url: "http:///report", wantCode: sitrep.EINVALID,
			wantMsg: `fetch {url}: URL has no host`},
		{name: "unparseable URL", url: "http://exa mple.com/", wantCode: sitrep.EINVALID,
			wantMsg: `fetch {url}: invalid URL`},
		{name: "redirect loop", url: "/loop-a", wantCode: sitrep.EUNAVAILABLE,
			wantMsg: "fetch {url}: more than 5 redirects"},
		{name: "redirects over configured limit", cfg: fetch.Config{MaxRedirects: 1}, url: "/r1", wantCode: sitrep.EUNAVAILABLE,
			wantMsg: "fetch {url}: more than 1 redirects"},
		{name: "redirects disabled", cfg: fetch.Config{MaxRedirects: -1}, url: "/r1", wantCode: sitrep.EUNAVAILABLE,
			wantMsg: "fetch {url}: more than 0 redirects"},
		{name: "redirect to ftp", url: "/to-ftp", wantCode: sitrep.EINVALID,
			wantMsg: `fetch {url}: redirect to ftp://example.com/x: unsupported URL scheme "ftp" (want http or https)`},
		{name: "404", url: "/missing", wantCode: sitrep.ENOTFOUND, wantMsg: "fetch {url}: HTTP 404 Not Found"},
		{name: "410", url: "/gone", wantCode: sitrep.ENOTFOUND, wantMsg: "fetch {url}: HTTP 410 Gone"},
		{name: "403", url: "/forbidden", wantCode: sitrep.EINVALID, wantMsg: "fetch {url}: HTTP 403 Forbidden"},
		{name: "429", url: "/rate-limited", wantCode: sitrep.EUNAVAILABLE, wantMsg: "fetch {url}: HTTP 429 Too Many Requests"},
		{name: "500", url: "/broken", wantCode: sitrep.EUNAVAILABLE, wantMsg: "fetch {url}: HTTP 500 Internal Server Error"},
		{name: "slow headers", cfg: fetch.Config{Timeout: 100 * time.Millisecond}, url: "/slow-headers", wantCode: sitrep.EUNAVAILABLE,
			wantMsg: "fetch {url}: timeout after 100ms"},
		{name: "slow body", cfg: fetch.Config{Timeout: 100 * time.Millisecond}, url: "/slow-body", wantCode: sitrep.EUNAVAILABLE,
			wantMsg: "fetch {url}: timeout after 100ms"},
		{name: "connection refused", url: closedURL + "/page", wantCode: sitrep.EUNAVAILABLE,
			wantMsg: "fetch {url}: request failed"},
		{name: "oversized with Content-Length", cfg: fetch.Config{MaxBytes: 1024}, url: "/sized/1025", wantCode: sitrep.ETOOLARGE,
			wantMsg: "fetch {url}: body larger than 1 KB limit"},
		{name: "oversized chunked", cfg: fetch.Config{MaxBytes: 1024}, url: "/chunked/1025", wantCode: sitrep.ETOOLARGE,
			wantMsg: "fetch {url}: body larger than 1 KB limit"},
		{name: "declared length over default limit", url: "/lying-length", wantCode: sitrep.ETOOLARGE,
			wantMsg: "fetch {url}: body larger than 10 MB limit"},
		{name: "gzip bomb", url: "/gzip-bomb", wantCode: sitrep.ETOOLARGE,
			wantMsg: "fetch {url}: body larger than 10 MB limit"},
		{name: "gzip over small limit", cfg: fetch.Config{MaxBytes: 100}, url: "/gzip", wantCode: sitrep.ETOOLARGE,
			wantMsg: "fetch {url}: body larger than 100 bytes limit"},
		{name: "corrupt gzip", url: "/not-gzip", wantCode: sitrep.EUNAVAILABLE,
			wantMsg: "fetch {url}: reading body failed"},
		{name: "unrequested encoding", url: "/brotli", wantCode: sitrep.EUNSUPPORTED,
			wantMsg: `fetch {url}: unsupported content encoding "br"`},
		{name: "image/png", url: "/image", wantCode: sitrep.EUNSUPPORTED,
			wantMsg: "fetch {url}: not an HTML page (content type image/png)"},
		{name: "untyped PNG", url: "/untyped-png", wantCode: sitrep.EUNSUPPORTED,
			wantMsg: "fetch {url}: not an HTML page (content type image/png, sniffed)"},
		{name: "HTML not in Accept", cfg: fetch.Config{Accept: []string{"application/json"}}, url: "/page", wantCode: sitrep.EUNSUPPORTED,
			wantMsg: "fetch {url}: not an HTML page (content type text/html)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.url
			if strings.HasPrefix(u, "/") {
				u = srv.URL + u
			}
			resp, err := fetch.New(tt.cfg).Get(context.Background(), fetch.Request{URL: u})
			if err == nil {
				t.Fatalf("Get: got response %d %q, want error", resp.Status, resp.Body)
			}
			msg, code := errorMessage(err)
			if want := strings.ReplaceAll(tt.wantMsg, "{url}", u); msg != want {
				t.Errorf("message: got %q, want %q", msg, want)
			}
			if code != tt.wantCode {
				t.Errorf("code: got %q, want %q (error %v)", code, tt.wantCode, err)
			}
			if !strings.HasPrefix(err.Error(), "fetch "+u+": ") {
				t.Errorf("error %q does not start with the URL", err)
			}
		})
	}
}

func TestGetTimeoutWrapsDeadline(t *testing.T) {
	srv := newServer(t)
	defer srv.Close()

	_, err := fetch.New(fetch.Config{Timeout: 50 * time.Millisecond}).Get(context.Background(), fetch.Request{URL: srv.URL + "/slow-headers"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want an error wrapping context.DeadlineExceeded", err)
	}
}

func TestGetCanceled(t *testing.T) {
	arrived := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-r.Context().Done()
	}))
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	u := srv.URL + "/page"
	_, err := fetch.New(fetch.Config{}).Get(ctx, fetch.Request{URL: u})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want an error wrapping context.Canceled", err)
	}
	if got, want := sitrep.ErrorMessage(err), "fetch "+u+": request canceled"; got != want {
		t.Errorf("message: got %q, want %q", got, want)
	}
}

func TestGetCallerDeadline(t *testing.T) {
	srv := newServer(t)
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	u := srv.URL + "/slow-headers"
	_, err := fetch.New(fetch.Config{}).Get(ctx, fetch.Request{URL: u})
	if got, want := sitrep.ErrorMessage(err), "fetch "+u+": timeout (caller's deadline exceeded)"; got != want {
		t.Errorf("message: got %q, want %q", got, want)
	}
}

func TestGetSendsHeaders(t *testing.T) {
	srv := newServer(t)
	defer srv.Close()

	tests := []struct {
		name string
		cfg  fetch.Config
		req  fetch.Request
		want string
	}{
		{
			name: "defaults",
			want: "User-Agent: sitrep/0.1 (+https://github.com/sitrep-project/sitrep)\n" +
				"Accept: text/html, application/xhtml+xml, text/plain\n" +
				"Accept-Encoding: gzip\nIf-None-Match: \nIf-Modified-Since: \n",
		},
		{
			name: "configured agent and types",
			cfg:  fetch.Config{UserAgent: "test-agent/1", Accept: []string{"text/plain", "Text/Markdown"}},
			want: "User-Agent: test-agent/1\nAccept: text/plain, text/markdown\n" +
				"Accept-Encoding: gzip\nIf-None-Match: \nIf-Modified-Since: \n",
		},
		{
			name: "validators",
			req:  fetch.Request{ETag: `"abc"`, LastModified: "Mon, 02 Jan 2006 15:04:05 GMT"},
			want: "User-Agent: sitrep/0.1 (+https://github.com/sitrep-project/sitrep)\n" +
				"Accept: text/html, application/xhtml+xml, text/plain\n" +
				"Accept-Encoding: gzip\nIf-None-Match: \"abc\"\nIf-Modified-Since: Mon, 02 Jan 2006 15:04:05 GMT\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			req.URL = srv.URL + "/headers"
			resp, err := fetch.New(tt.cfg).Get(context.Background(), req)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if got := string(resp.Body); got != tt.want {
				t.Errorf("server saw:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestGetConditional(t *testing.T) {
	const etag = `"v1"`
	lastModified := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	lastModifiedText := lastModified.Format(http.TimeFormat)
	mux := http.NewServeMux()
	// /article answers conditional requests itself; /served-content lets
	// net/http's own validator logic do it.
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastModifiedText)
		if inm := r.Header.Get("If-None-Match"); inm != "" {
			if inm == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		} else if ims, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !lastModified.After(ims) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/bare-304", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	})
	mux.HandleFunc("/served-content", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("ETag", `"sc"`)
		http.ServeContent(w, r, "page.html", lastModified, strings.NewReader(page))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tests := []struct {
		name             string
		path             string
		req              fetch.Request
		wantStatus       int
		wantNotModified  bool
		wantBody         string
		wantETag         string
		wantLastModified string
	}{
		{name: "first fetch", path: "/article", wantStatus: 200, wantBody: page, wantETag: etag, wantLastModified: lastModifiedText},
		{name: "matching ETag", path: "/article", req: fetch.Request{ETag: etag},
			wantStatus: 304, wantNotModified: true, wantETag: etag, wantLastModified: lastModifiedText},
		{name: "stale ETag", path: "/article", req: fetch.Request{ETag: `"v0"`},
			wantStatus: 200, wantBody: page, wantETag: etag, wantLastModified: lastModifiedText},
		{name: "matching If-Modified-Since", path: "/article", req: fetch.Request{LastModified: lastModifiedText},
			wantStatus: 304, wantNotModified: true, wantETag: etag, wantLastModified: lastModifiedText},
		{name: "older If-Modified-Since", path: "/article", req: fetch.Request{LastModified: lastModified.Add(-time.Hour).Format(http.TimeFormat)},
			wantStatus: 200, wantBody: page, wantETag: etag, wantLastModified: lastModifiedText},
		{name: "304 without validators keeps the request's", path: "/bare-304", req: fetch.Request{ETag: `"x"`, LastModified: lastModifiedText},
			wantStatus: 304, wantNotModified: true, wantETag: `"x"`, wantLastModified: lastModifiedText},
		// ServeContent drops Last-Modified from a 304 when an ETag is set.
		{name: "net/http ServeContent ETag", path: "/served-content", req: fetch.Request{ETag: `"sc"`, LastModified: lastModifiedText},
			wantStatus: 304, wantNotModified: true, wantETag: `"sc"`, wantLastModified: lastModifiedText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			req.URL = srv.URL + tt.path
			resp, err := fetch.New(fetch.Config{}).Get(context.Background(), req)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if got, want := resp.Status, tt.wantStatus; got != want {
				t.Errorf("Status: got %d, want %d", got, want)
			}
			if got, want := resp.NotModified, tt.wantNotModified; got != want {
				t.Errorf("NotModified: got %v, want %v", got, want)
			}
			if got, want := string(resp.Body), tt.wantBody; got != want {
				t.Errorf("Body: got %q, want %q", got, want)
			}
			if got, want := resp.ETag, tt.wantETag; got != want {
				t.Errorf("ETag: got %q, want %q", got, want)
			}
			if got, want := resp.LastModified, tt.wantLastModified; got != want {
				t.Errorf("LastModified: got %q, want %q", got, want)
			}
		})
	}
}

func TestGetDate(t *testing.T) {
	srv := newServer(t)
	defer srv.Close()

	tests := []struct {
		name string
		date string
		want time.Time // zero: local time of arrival
	}{
		{name: "valid Date header", date: "Tue, 01 Apr 2025 10:00:00 GMT", want: time.Date(2025, 4, 1, 10, 0, 0, 0, time.UTC)},
		{name: "RFC 850 Date header", date: "Tuesday, 01-Apr-25 10:00:00 GMT", want: time.Date(2025, 4, 1, 10, 0, 0, 0, time.UTC)},
		{name: "garbage Date header", date: "yesterday-ish"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := time.Now()
			resp, err := fetch.New(fetch.Config{}).Get(context.Background(), fetch.Request{URL: srv.URL + "/dated?date=" + url.QueryEscape(tt.date)})
			after := time.Now()
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if !tt.want.IsZero() {
				if !resp.Date.Equal(tt.want) {
					t.Errorf("Date: got %v, want %v", resp.Date, tt.want)
				}
				return
			}
			if resp.Date.Before(before) || resp.Date.After(after) {
				t.Errorf("Date: got %v, want local arrival time between %v and %v", resp.Date, before, after)
			}
		})
	}
}

// BenchmarkGetGzipBomb shows the memory a gzip bomb costs: about the 10 MB
// limit per fetch, not the gigabyte it would expand to.
func BenchmarkGetGzipBomb(b *testing.B) {
	srv := newServer(b)
	defer srv.Close()
	c := fetch.New(fetch.Config{})
	b.ReportAllocs()
	for b.Loop() {
		_, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/gzip-bomb"})
		if sitrep.ErrorCode(err) != sitrep.ETOOLARGE {
			b.Fatalf("got %v, want ETOOLARGE", err)
		}
	}
}

func BenchmarkGetPage(b *testing.B) {
	srv := newServer(b)
	defer srv.Close()
	c := fetch.New(fetch.Config{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Get(context.Background(), fetch.Request{URL: srv.URL + "/page"}); err != nil {
			b.Fatal(err)
		}
	}
}
