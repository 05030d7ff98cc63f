// Package fetch downloads web pages for the ingester. It exists so that every
// URL sitrep reads goes through one client whose limits (timeout, body size
// after decompression, redirects, header size, accepted content types)
// protect the ingester from slow, huge or hostile servers, and whose output is
// always UTF-8 text with errors that name the URL and carry a sitrep code.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Defaults applied by New to zero Config fields.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBytes     = 10 << 20
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "sitrep/0.1 (+https://github.com/sitrep-project/sitrep)"
)

// DefaultAccept lists the media types accepted when Config.Accept is nil.
var DefaultAccept = []string{"text/html", "application/xhtml+xml", "text/plain"}

// maxHeaderBytes bounds response headers; the net/http default of 10 MB is
// far more than any page needs.
const maxHeaderBytes = 1 << 20

// Config sets the client's limits. Zero values mean the defaults.
type Config struct {
	Timeout      time.Duration // whole request incl. body; 0 means 30s
	MaxBytes     int64         // body size limit after decompression; 0 means 10 MB (10<<20)
	MaxRedirects int           // 0 means 5; negative means follow none
	UserAgent    string        // "" means "sitrep/0.1 (+https://github.com/sitrep-project/sitrep)"
	Accept       []string      // accepted media types; nil means text/html, application/xhtml+xml, text/plain
}

// Client fetches pages within the limits of its Config. It is safe for
// concurrent use.
type Client struct {
	cfg    Config
	accept string // Accept header value
	http   *http.Client
}

// New returns a Client with cfg's zero fields set to the defaults.
func New(cfg Config) *Client {
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	switch {
	case cfg.MaxRedirects == 0:
		cfg.MaxRedirects = DefaultMaxRedirects
	case cfg.MaxRedirects < 0:
		cfg.MaxRedirects = 0
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	if cfg.Accept == nil {
		cfg.Accept = DefaultAccept
	}
	accept := make([]string, len(cfg.Accept))
	for i, t := range cfg.Accept {
		accept[i] = strings.ToLower(strings.TrimSpace(t))
	}
	cfg.Accept = accept

	transport := &http.Transport{Proxy: http.ProxyFromEnvironment}
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		transport = t.Clone() // keeps the standard dial, TLS and idle timeouts
	}
	// We ask for gzip ourselves and decode it in readBody, so that MaxBytes
	// counts decompressed bytes.
	transport.DisableCompression = true
	transport.MaxResponseHeaderBytes = maxHeaderBytes

	c := &Client{cfg: cfg, accept: strings.Join(accept, ", ")}
	c.http = &http.Client{Transport: transport, CheckRedirect: c.checkRedirect}
	return c
}

// Request names a page and, for a conditional GET, the validators an earlier
// fetch of it returned.
type Request struct{ URL, ETag, LastModified string }

// Response is a fetched page.
type Response struct {
	URL         string    // final URL after redirects
	Status      int       // HTTP status code
	NotModified bool      // 304: Body empty
	ContentType string    // media type, lower case, without parameters
	Body        []byte    // decoded to UTF-8 (text types; other accepted types as sent)
	Date        time.Time // the server's Date header if valid, else local time when the response arrived
	// Validators for the next conditional GET. On a 304 that omits them, the
	// request's values are kept so the caller can store them unchanged.
	ETag, LastModified string
}

// Get fetches req.URL, following redirects, and returns the page decoded to
// UTF-8. A 304 answer to a conditional GET is not an error: it returns a
// Response with NotModified set. Every error is a *sitrep.Error whose message
// starts with "fetch <url>: ".
func (c *Client) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil, &sitrep.Error{Code: sitrep.EINVALID, Message: fmt.Sprintf("fetch %s: invalid URL", req.URL), Err: err}
	}
	if err := checkScheme(u); err != nil {
		return nil, errorf(req.URL, err.Code, "%s", err.Message)
	}

	reqCtx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()

	hreq, err := http.NewRequestWithContext(reqCtx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &sitrep.Error{Code: sitrep.EINVALID, Message: fmt.Sprintf("fetch %s: invalid URL", req.URL), Err: err}
	}
	hreq.Header.Set("User-Agent", c.cfg.UserAgent)
	hreq.Header.Set("Accept", c.accept)
	hreq.Header.Set("Accept-Encoding", "gzip")
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}

	hresp, err := c.http.Do(hreq)
	if err != nil {
		return nil, c.transportError(ctx, reqCtx, req.URL, err)
	}
	defer hresp.Body.Close()
	arrived := time.Now()

	resp := &Response{
		URL:          hresp.Request.URL.String(),
		Status:       hresp.StatusCode,
		Date:         arrived,
		ETag:         hresp.Header.Get("ETag"),
		LastModified: hresp.Header.Get("Last-Modified"),
	}
	if d, err := http.ParseTime(hresp.Header.Get("Date")); err == nil && !d.IsZero() {
		resp.Date = d
	}

	if hresp.StatusCode == http.StatusNotModified {
		resp.NotModified = true
		if resp.ETag == "" {
			resp.ETag = req.ETag
		}
		if resp.LastModified == "" {
			resp.LastModified = req.LastModified
		}
		return resp, nil
	}
	if hresp.StatusCode < 200 || hresp.StatusCode > 299 {
		return nil, errorf(req.URL, statusErrorCode(hresp.StatusCode), "%s", statusLine(hresp.StatusCode))
	}

	// Refuse a declared non-page before downloading it.
	mediaType, declared := parseMediaType(hresp.Header.Get("Content-Type"))
	if declared && !c.accepts(mediaType) {
		return nil, errorf(req.URL, sitrep.EUNSUPPORTED, "not an HTML page (content type %s)", mediaType)
	}

	body, err := c.readBody(hresp)
	if err != nil {
		if reqCtx.Err() != nil {
			return nil, c.contextError(ctx, reqCtx, req.URL)
		}
		var serr *sitrep.Error
		if errors.As(err, &serr) {
			return nil, errorf(req.URL, serr.Code, "%s", serr.Message)
		}
		return nil, &sitrep.Error{Code: sitrep.EUNAVAILABLE, Message: fmt.Sprintf("fetch %s: reading body failed", req.URL), Err: err}
	}

	if !declared {
		mediaType, _ = parseMediaType(http.DetectContentType(body))
		if !c.accepts(mediaType) {
			return nil, errorf(req.URL, sitrep.EUNSUPPORTED, "not an HTML page (content type %s, sniffed)", mediaType)
		}
	}
	resp.ContentType = mediaType
	if isText(mediaType) {
		body, err = decodeText(body, hresp.Header.Get("Content-Type"))
		if err != nil {
			return nil, &sitrep.Error{Code: sitrep.EUNSUPPORTED, Message: fmt.Sprintf("fetch %s: cannot decode text", req.URL), Err: err}
		}
	}
	resp.Body = body
	return resp, nil
}

// checkRedirect enforces the redirect limit and keeps redirects on http(s).
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.cfg.MaxRedirects {
		return sitrep.Errorf(sitrep.EUNAVAILABLE, "more than %d redirects", c.cfg.MaxRedirects)
	}
	if err := checkScheme(req.URL); err != nil {
		return sitrep.Errorf(err.Code, "redirect to %s: %s", req.URL.Redacted(), err.Message)
	}
	return nil
}

func checkScheme(u *url.URL) *sitrep.Error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return sitrep.Errorf(sitrep.EINVALID, "unsupported URL scheme (want http or https)")
	default:
		return sitrep.Errorf(sitrep.EINVALID, "unsupported URL scheme %q (want http or https)", u.Scheme)
	}
	if u.Host == "" {
		return sitrep.Errorf(sitrep.EINVALID, "URL has no host")
	}
	return nil
}

// transportError turns an error from http.Client.Do into a *sitrep.Error.
func (c *Client) transportError(parent, reqCtx context.Context, rawURL string, err error) error {
	var serr *sitrep.Error
	if errors.As(err, &serr) { // from checkRedirect
		return errorf(rawURL, serr.Code, "%s", serr.Message)
	}
	if reqCtx.Err() != nil {
		return c.contextError(parent, reqCtx, rawURL)
	}
	// *url.Error repeats the method and URL; keep only the cause.
	var uerr *url.Error
	if errors.As(err, &uerr) {
		err = uerr.Err
	}
	return &sitrep.Error{Code: sitrep.EUNAVAILABLE, Message: fmt.Sprintf("fetch %s: request failed", rawURL), Err: err}
}

// contextError reports why reqCtx ended: our Timeout, the caller's deadline
// or the caller's cancellation (parent is the caller's context). The context
// error stays in the chain so callers can test it with errors.Is.
func (c *Client) contextError(parent, reqCtx context.Context, rawURL string) error {
	err := reqCtx.Err()
	var msg string
	switch {
	case errors.Is(err, context.Canceled):
		msg = fmt.Sprintf("fetch %s: request canceled", rawURL)
	case parent.Err() == nil:
		msg = fmt.Sprintf("fetch %s: timeout after %s", rawURL, c.cfg.Timeout)
	default:
		msg = fmt.Sprintf("fetch %s: timeout (caller's deadline exceeded)", rawURL)
	}
	return &sitrep.Error{Code: sitrep.EUNAVAILABLE, Message: msg, Err: err}
}

func errorf(rawURL, code, format string, args ...any) error {
	return sitrep.Errorf(code, "fetch %s: %s", rawURL, fmt.Sprintf(format, args...))
}

func (c *Client) accepts(mediaType string) bool {
	for _, a := range c.cfg.Accept {
		switch {
		case a == mediaType, a == "*/*":
			return true
		case strings.HasSuffix(a, "/*") && strings.HasPrefix(mediaType, a[:len(a)-1]):
			return true
		}
	}
	return false
}

// parseMediaType returns the lower-case media type of a Content-Type value
// and whether the value named one.
func parseMediaType(contentType string) (string, bool) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil && !errors.Is(err, mime.ErrInvalidMediaParameter) {
		return "", false
	}
	return strings.ToLower(mt), mt != ""
}

// isText reports whether a body of this media type is text to decode to
// UTF-8 rather than bytes to pass through.
func isText(mediaType string) bool {
	return strings.HasPrefix(mediaType, "text/") ||
		strings.HasSuffix(mediaType, "+xml") || strings.HasSuffix(mediaType, "/xml") ||
		strings.HasSuffix(mediaType, "+json") || strings.HasSuffix(mediaType, "/json")
}

// statusLine is "HTTP 404 Not Found". The reason text comes from net/http,
// not the server, so a hostile server cannot put words in our messages.
func statusLine(code int) string {
	if text := http.StatusText(code); text != "" {
		return fmt.Sprintf("HTTP %d %s", code, text)
	}
	return fmt.Sprintf("HTTP %d", code)
}

// statusErrorCode maps an HTTP error status to a sitrep code: gone pages are
// not found, server trouble and rate limits may pass, other client errors
// will not.
func statusErrorCode(status int) string {
	switch {
	case status == http.StatusNotFound, status == http.StatusGone:
		return sitrep.ENOTFOUND
	case status == http.StatusTooManyRequests, status >= 500:
		return sitrep.EUNAVAILABLE
	}
	return sitrep.EINVALID
}
