package feeds

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/mmcdole/gofeed"

	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// feedAccept is the Accept header of feed requests: the feed types first,
// then anything, since many servers label feeds text/html or text/plain.
var feedAccept = []string{
	"application/rss+xml", "application/atom+xml", "application/feed+json",
	"application/xml", "text/xml", "application/json", "*/*",
}

// document is a fetched and parsed feed.
type document struct {
	title              string
	entries            []entry
	notModified        bool
	etag, lastModified string
}

// entry is one item of a feed: the page it links to and the key it is
// remembered by.
type entry struct {
	key   string // GUID or id, else the link
	url   string // absolute http(s) URL, "" when the item links nowhere
	title string
}

// fetchDocument fetches f with a conditional GET and parses it. Errors are
// *sitrep.Error whose message starts with "feed <url>: ".
func (p *Poller) fetchDocument(ctx context.Context, f *sitrep.Feed) (*document, error) {
	resp, err := p.fetcher.Get(ctx, fetch.Request{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified})
	if err != nil {
		return nil, p.fetchError(f.URL, err)
	}
	doc := &document{etag: resp.ETag, lastModified: resp.LastModified}
	if resp.NotModified {
		doc.notModified = true
		return doc, nil
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(declareUTF8(resp.Body)))
	if err != nil {
		return nil, parseError(f.URL, err)
	}
	doc.title = strings.TrimSpace(parsed.Title)
	base, _ := url.Parse(resp.URL)
	doc.entries = entries(parsed, base)
	return doc, nil
}

// fetchError restates a fetch error for a feed: the size limit in feed
// terms, every other reason as fetch gave it.
func (p *Poller) fetchError(feedURL string, err error) error {
	var ferr *sitrep.Error
	if !errors.As(err, &ferr) {
		return fmt.Errorf("feed %s: %w", feedURL, err)
	}
	if ferr.Code == sitrep.ETOOLARGE {
		// The limit counts decompressed bytes, so a gzip bomb ends here too.
		return sitrep.Errorf(ferr.Code, "feed %s: feed larger than %s", feedURL, formatBytes(p.MaxFeedBytes))
	}
	reason := strings.TrimPrefix(ferr.Message, "fetch "+feedURL+": ")
	cause := ferr.Err
	if errors.Is(cause, context.DeadlineExceeded) || errors.Is(cause, context.Canceled) {
		cause = nil // "timeout after 30s" says it all
	}
	return &sitrep.Error{Code: ferr.Code, Message: fmt.Sprintf("feed %s: %s", feedURL, reason), Err: cause}
}

func parseError(feedURL string, err error) error {
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return sitrep.Errorf(sitrep.EUNSUPPORTED, "feed %s: not an RSS, Atom or JSON feed", feedURL)
	}
	msg := err.Error()
	if strings.Contains(msg, "XML syntax error") {
		return sitrep.Errorf(sitrep.EINVALID, "feed %s: malformed XML: %s", feedURL, clip(msg, 200))
	}
	return sitrep.Errorf(sitrep.EINVALID, "feed %s: malformed feed: %s", feedURL, clip(msg, 200))
}

// xmlEncoding matches the encoding of an XML declaration.
var xmlEncoding = regexp.MustCompile(`^(\s*<\?xml[^>]*?\sencoding\s*=\s*)(?:"([^"]*)"|'([^']*)')`)

// declareUTF8 makes a feed's XML declaration say UTF-8: fetch has already
// decoded the body to UTF-8, and a parser that trusted the declaration's
// original encoding would decode it a second time.
func declareUTF8(body []byte) []byte {
	head := body[:min(len(body), 256)]
	loc := xmlEncoding.FindSubmatchIndex(head)
	if loc == nil {
		return body
	}
	name := head[max(loc[4], loc[6]):max(loc[5], loc[7])]
	if strings.EqualFold(string(name), "utf-8") {
		return body
	}
	out := make([]byte, 0, len(body))
	out = append(out, body[:loc[3]]...)
	out = append(out, `"UTF-8"`...)
	return append(out, body[loc[1]:]...)
}

// maxKeyBytes bounds an item key; longer GUIDs are kept as their hash.
const maxKeyBytes = 512

// entries lists a feed's items in document order, each once, with links
// resolved against the feed's final URL.
func entries(f *gofeed.Feed, base *url.URL) []entry {
	out := make([]entry, 0, len(f.Items))
	seen := map[string]bool{}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		link := absolute(base, it.Link)
		if link == "" && isHTTP(it.GUID) {
			link = absolute(base, it.GUID) // an RSS permalink GUID
		}
		key := strings.TrimSpace(it.GUID)
		if key == "" {
			key = link
		}
		if key == "" {
			continue // neither id nor link: nothing to remember it by
		}
		if len(key) > maxKeyBytes {
			sum := sha256.Sum256([]byte(key))
			key = "sha256:" + hex.EncodeToString(sum[:])
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, entry{key: key, url: link, title: strings.TrimSpace(it.Title)})
	}
	return out
}

// absolute resolves ref against base and keeps it only if it is an
// http(s) URL.
func absolute(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if !isHTTP(u.String()) || u.Host == "" {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

func isHTTP(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// formatBytes writes a limit the way people set it: "20 MB", "64 KB".
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
