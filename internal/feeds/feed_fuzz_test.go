package feeds

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// FuzzFeedDocument runs a fetched body through what fetchDocument does with
// it (the declared encoding made UTF-8, the feed parsed, its entries
// listed): no panic, a parse failure is a user-facing error, and every
// entry has a bounded key, seen once, and an absolute http(s) URL or none.
func FuzzFeedDocument(f *testing.F) {
	for _, seed := range []string{
		`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>T</title>
<item><title>One</title><link>/news/1.html</link><guid isPermaLink="false">id-1</guid></item>
<item><title>Two</title><guid>https://example.org/news/2.html</guid></item>
<item><title>Dup</title><link>/news/1.html</link><guid isPermaLink="false">id-1</guid></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>tag:x,2026:1</id>
<link rel="alternate" href="news/3.html#top"/><title type="html">&lt;b&gt;Three&lt;/b&gt;</title></entry></feed>`,
		`{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "4", "url": "javascript:alert(1)"}, {"id": "5", "url": "//cdn.example/5"}]}`,
		`<rss><channel><item><guid>` + strings.Repeat("g", 600) + `</guid></item></channel></rss>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><link>https://example.org/6</link></item></rdf:RDF>`,
		"<rss><channel><item><link>\x00\xff</link></item>",
		`<?xml version='1.0' encoding='windows-1252'?><rss/>`,
	} {
		f.Add([]byte(seed), "https://example.org/feed.xml")
	}
	f.Fuzz(func(t *testing.T, body []byte, feedURL string) {
		parsed, err := gofeed.NewParser().Parse(bytes.NewReader(declareUTF8(body)))
		if err != nil {
			perr := parseError(feedURL, err)
			if code := sitrep.ErrorCode(perr); code != sitrep.EINVALID && code != sitrep.EUNSUPPORTED {
				t.Fatalf("parse error %v has code %s", perr, code)
			}
			return
		}
		base, _ := url.Parse(feedURL)
		seen := map[string]bool{}
		for _, e := range entries(parsed, base) {
			if e.key == "" || len(e.key) > maxKeyBytes+len("sha256:") {
				t.Fatalf("entry key %q: empty or over the bound", e.key)
			}
			if seen[e.key] {
				t.Fatalf("entry key %q listed twice", e.key)
			}
			seen[e.key] = true
			if e.url != "" {
				u, err := url.Parse(e.url)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
					t.Fatalf("entry url %q is not an absolute http(s) URL without a fragment", e.url)
				}
			}
			if !utf8.ValidString(e.title) && utf8.ValidString(string(body)) {
				t.Fatalf("entry title %q not valid UTF-8 from a valid body", e.title)
			}
		}
	})
}
