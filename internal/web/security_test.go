package web_test

// The security suite, part one: cross-site scripting. This file holds
// the payloads and the checker of responses; security_xss_test.go stores
// the payloads in every field of articles, analyses, comments, alerts and
// feeds, sends them in every parameter, and checks every response of the
// site, its feeds, its API and its exports; browser_security_test.go
// checks what the map's script builds from them in chromium. The other
// parts are security_csrf_test.go, security_sql_test.go and
// security_auth_test.go.

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/web"
)

// xssMarker is in every markup payload, inside the element or attribute
// it would introduce, so that the checker can tell a payload's markup from
// the site's own.
const xssMarker = "xss"

// templateProbe is what the template-injection payload would print if any
// layer evaluated it as a Go template.
const templateProbe = "xss7"

// xssPayloads are the cross-site scripting attempts. Markup ones are
// checked by TestXSSCheckerCatchesEveryPayload: pasted raw into a page,
// or after one layer of decoding, each is found by htmlFindings.
var xssPayloads = []string{
	// Script elements.
	`<script>alert('xss')</script>`,
	`<ScRiPt>alert(/xss/)</sCrIpT>`,
	`<script src=//evil.example/xss.js></script>`,
	`<script/xss>alert(1)</script>`,
	`<scr<script>ipt>alert('xss')</script>`,
	"<scr\x00ipt>alert('xss')</scr\x00ipt>",
	// Event handlers.
	`<img src=x onerror=alert('xss')>`,
	`<img src=x:alert(alt) onerror=eval(src) alt=xss>`,
	`<svg onload=alert('xss')>`,
	`<svg><script>alert('xss')</script></svg>`,
	`<svg><animate onbegin=alert('xss') attributeName=x dur=1s>`,
	`<body onload=alert('xss')>`,
	`<details open ontoggle=alert('xss')>`,
	`<input autofocus onfocus=alert('xss')>`,
	`<x onclick=alert('xss')>click</x>`,
	`<math><mtext></p><style><img src=x onerror=alert('xss')>`,
	`<noscript><p title="</noscript><img src=x onerror=alert('xss')>">`,
	// javascript:, data: and vbscript: URLs.
	`javascript:alert('xss')`,
	` JaVaScRiPt:alert('xss')`,
	"java\tscript:alert('xss')",
	`data:text/html,<script>alert('xss')</script>`,
	`vbscript:msgbox('xss')`,
	`<a href="javascript:alert('xss')">click</a>`,
	`<a href="jav&#x09;ascript:alert('xss')">click</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" id=xss>click</a>`,
	`<svg><a xlink:href="javascript:alert('xss')"><text>x</text></a></svg>`,
	`<iframe src="javascript:alert('xss')"></iframe>`,
	`<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;" name=xss>`,
	`<object data="javascript:alert('xss')"></object>`,
	`<embed src="javascript:alert('xss')">`,
	`<form action="javascript:alert('xss')"><button>go</button></form>`,
	`<button formaction="javascript:alert('xss')">go</button>`,
	`<a href="//evil.example/" id="xss">a link elsewhere</a>`,
	`<base href="//evil.example/xss/">`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert('xss')">`,
	`<link rel=stylesheet href=//evil.example/xss.css>`,
	`<style>@import '//evil.example/xss.css';</style>`,
	`<div style="background:url(javascript:alert('xss'))">`,
	// Breaking out of attributes and of raw-text elements.
	`"><script>alert('xss')</script>`,
	`'><script>alert('xss')</script>`,
	`" onmouseover="alert('xss')" x="`,
	`' onmouseover='alert(1)' data-xss='`,
	` onmouseover=alert('xss') `,
	`" autofocus onfocus="alert('xss')`,
	`</script><script>alert('xss')</script>`,
	`<!--<script>`,
	`</title><script>alert('xss')</script>`,
	`</textarea><script>alert('xss')</script>`,
	`--><script>alert('xss')</script>`,
	`]]><script>alert('xss')</script><![CDATA[`,
	"\u2028\u2029<img src=x onerror=alert('xss')>",
	// Encoded forms a second decoding would turn into markup.
	`\u003cscript\u003ealert('xss')\u003c/script\u003e`,
	`\x3cimg src=x onerror=alert('xss')\x3e`,
	`&lt;script&gt;alert('xss')&lt;/script&gt;`,
	`%3Cscript%3Ealert('xss')%3C%2Fscript%3E`,
	`＜script＞alert('xss')＜/script＞`,
	// Template injection.
	`{{printf "xss%d" 7}}`,
	`{{.}}{{template "layout" .}}`,
}

// isTemplatePayload reports whether p is markup-free template syntax,
// checked by its text showing as typed rather than by htmlFindings.
func isTemplatePayload(p string) bool { return strings.HasPrefix(p, "{{") }

// The attributes whose values are URLs: their scheme is checked.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "data": true, "poster": true, "background": true,
	"cite": true, "xlink:href": true, "ping": true, "srcset": true, "manifest": true, "codebase": true, "formaction": true}

// Attributes that may carry a payload's text, escaped: they are read as
// text (or, for URLs, checked by scheme) and run nothing.
var inertAttrs = map[string]bool{"title": true, "content": true, "value": true, "alt": true, "aria-label": true,
	"placeholder": true, "label": true, "datetime": true, "class": true}

// Elements that run, load or restyle things: no page may have them, even
// when a template starts writing one.
var dangerousElements = map[string]bool{"base": true, "iframe": true, "frame": true, "frameset": true, "object": true,
	"embed": true, "applet": true, "style": true, "template": true, "portal": true}

// siteElements are the elements the templates write, read from the
// templates themselves so that a new template needs no change here, and
// those the site writes from Go (mark) or the parser adds.
var siteElements = sync.OnceValues(func() (map[string]bool, error) {
	files, err := filepath.Glob("templates/*.html")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no templates in templates/: %v", err)
	}
	tags := map[string]bool{"html": true, "head": true, "body": true, "tbody": true, "mark": true}
	tag := regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)`)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, m := range tag.FindAllSubmatch(b, -1) {
			tags[strings.ToLower(string(m[1]))] = true
		}
	}
	for name := range dangerousElements {
		if tags[name] {
			return nil, fmt.Errorf("templates write <%s>: review the XSS checker's rules before allowing it", name)
		}
	}
	return tags, nil
})

// badScheme reports whether a URL attribute's value would run script or
// inline a document, as a browser reads it: leading spaces and controls
// dropped, tabs and newlines removed anywhere, any case.
func badScheme(v string) bool {
	v = strings.TrimLeft(v, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	v = strings.ToLower(v)
	for _, s := range []string{"javascript:", "vbscript:", "data:", "livescript:"} {
		if strings.HasPrefix(v, s) {
			return true
		}
	}
	return false
}

// localURL reports whether v is a path on this site.
func localURL(v string) bool {
	return strings.HasPrefix(v, "/") && !strings.HasPrefix(v, "//") && !strings.Contains(v, `\`)
}

// htmlFindings parses a page as a browser would and returns everything in
// it that a payload may have introduced: elements the site never writes,
// event handlers, attributes carrying the marker, script or document URLs,
// scripts that are not the site's own files or JSON data blocks, data
// blocks that are not JSON or could close their element.
func htmlFindings(page string) []string {
	allowed, err := siteElements()
	if err != nil {
		return []string{err.Error()}
	}
	doc, err := xhtml.Parse(strings.NewReader(page))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var out []string
	add := func(n *xhtml.Node, format string, args ...any) {
		out = append(out, fmt.Sprintf("<%s>: ", n.Data)+fmt.Sprintf(format, args...))
	}
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			checkElement(n, allowed, add)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func checkElement(n *xhtml.Node, allowed map[string]bool, add func(*xhtml.Node, string, ...any)) {
	name := strings.ToLower(n.Data)
	switch {
	case !allowed[name] || dangerousElements[name]:
		add(n, "an element the site never writes")
	case strings.Contains(name, xssMarker):
		add(n, "an element named by a payload")
	}
	attr := map[string]string{}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		attr[key] = a.Val
		switch {
		case strings.HasPrefix(key, "on"):
			add(n, "event handler %s=%q", key, a.Val)
		case strings.Contains(key, xssMarker):
			add(n, "attribute %s named by a payload", key)
		case key == "style" || key == "srcdoc" || key == "formaction" || key == "http-equiv":
			add(n, "attribute %s=%q: the site writes none", key, a.Val)
		case urlAttrs[key] && badScheme(a.Val):
			add(n, "%s=%q runs script or inlines a document", key, a.Val)
		case !urlAttrs[key] && !inertAttrs[key] && strings.Contains(strings.ToLower(a.Val), xssMarker):
			add(n, "attribute %s=%q carries a payload", key, a.Val)
		}
	}
	switch name {
	case "script":
		text := textOf(n)
		if src, ok := attr["src"]; ok {
			if !strings.HasPrefix(src, "/static/") || strings.TrimSpace(text) != "" {
				add(n, "script src=%q is not one of the site's files", src)
			}
			return
		}
		switch attr["type"] {
		case "application/ld+json", "application/json":
		default:
			add(n, "inline script of type %q: the site has only JSON data blocks", attr["type"])
			return
		}
		if !json.Valid([]byte(text)) {
			add(n, "data block is not JSON (did a payload close it?): %.200q", text)
		}
		if strings.ContainsAny(text, "<>") {
			add(n, "data block holds a raw < or >: %.200q", text)
		}
	case "link":
		switch rel := strings.ToLower(attr["rel"]); rel {
		case "canonical", "alternate":
		case "stylesheet", "icon":
			if !localURL(attr["href"]) {
				add(n, "%s from %q, not from the site", rel, attr["href"])
			}
		default:
			add(n, "link rel=%q: the site writes none", rel)
		}
	case "form":
		if a, ok := attr["action"]; ok && !localURL(a) {
			add(n, "form posts to %q, off the site", a)
		}
	case "meta":
		if _, ok := attr["charset"]; !ok && attr["name"] == "" && attr["property"] == "" {
			add(n, "meta without name or property")
		}
	}
}

func textOf(n *xhtml.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

// atomFindings checks an Atom feed: well-formed XML of the elements the
// site writes, text constructs as text (never type="html"), and links to
// web pages only, since feed readers make links of them.
func atomFindings(body string) []string {
	known := map[string]bool{"feed": true, "title": true, "id": true, "updated": true, "published": true, "link": true,
		"author": true, "name": true, "entry": true, "summary": true, "category": true}
	var out []string
	d := xml.NewDecoder(strings.NewReader(body))
	d.Strict = true
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return append(out, "not well-formed XML: "+err.Error())
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !known[se.Name.Local] || se.Name.Space != "http://www.w3.org/2005/Atom" {
			out = append(out, fmt.Sprintf("element {%s}%s the feed never writes", se.Name.Space, se.Name.Local))
		}
		for _, a := range se.Attr {
			switch {
			case a.Name.Local == "href" && !webURL(a.Value):
				out = append(out, fmt.Sprintf("<%s href=%q>: not a web page", se.Name.Local, a.Value))
			case a.Name.Local == "type" && se.Name.Local != "link":
				out = append(out, fmt.Sprintf("<%s type=%q>: text constructs must stay text", se.Name.Local, a.Value))
			case strings.HasPrefix(strings.ToLower(a.Name.Local), "on") || strings.Contains(a.Name.Local, xssMarker):
				out = append(out, fmt.Sprintf("<%s %s>: an attribute the feed never writes", se.Name.Local, a.Name.Local))
			}
		}
	}
	return out
}

// webURL reports whether a feed's link is an absolute http(s) URL.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// jsonFeedFindings checks a JSON Feed: valid JSON, text only (no
// content_html), and links to web pages.
func jsonFeedFindings(body string) []string {
	var f struct {
		Home  string `json:"home_page_url"`
		Feed  string `json:"feed_url"`
		Items []struct {
			URL         string          `json:"url"`
			ExternalURL string          `json:"external_url"`
			ContentHTML json.RawMessage `json:"content_html"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(body), &f); err != nil {
		return []string{"not valid JSON: " + err.Error()}
	}
	var out []string
	for _, u := range []string{f.Home, f.Feed} {
		if !webURL(u) {
			out = append(out, fmt.Sprintf("feed link %q is not a web page", u))
		}
	}
	for _, it := range f.Items {
		if !webURL(it.URL) || it.ExternalURL != "" && !webURL(it.ExternalURL) {
			out = append(out, fmt.Sprintf("item links %q, %q: not web pages", it.URL, it.ExternalURL))
		}
		if it.ContentHTML != nil {
			out = append(out, "item has content_html")
		}
	}
	return out
}

// responseScan checks every response of a run and keeps count.
type responseScan struct {
	t    testing.TB
	srv  *web.Server
	base *url.URL

	mu        sync.Mutex
	responses int
	findings  int
	tokens    map[*http.Client]string // CSRF tokens of the clients that posted
}

func newResponseScan(t testing.TB, srv *web.Server) *responseScan {
	return &responseScan{t: t, srv: srv, base: mustURL(t, srv.URL()), tokens: map[*http.Client]string{}}
}

// check reports each way res, whose body is body, lets a payload
// through, as a test error.
func (sc *responseScan) check(what string, res *http.Response, body string) {
	sc.t.Helper()
	var out []string
	h := res.Header
	ctype, _, _ := strings.Cut(h.Get("Content-Type"), ";")
	switch {
	case res.StatusCode >= 500:
		out = append(out, fmt.Sprintf("status %d", res.StatusCode))
	case res.StatusCode >= 300 && res.StatusCode < 400:
		if loc := h.Get("Location"); !sameSite(sc.base, loc) {
			out = append(out, fmt.Sprintf("redirects off the site to %q", loc))
		}
	case ctype == "text/html":
		out = append(out, htmlFindings(body)...)
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			out = append(out, fmt.Sprintf("Content-Security-Policy %q does not forbid inline script", csp))
		}
		if h.Get("X-Frame-Options") != "DENY" {
			out = append(out, "the page may be framed")
		}
	case ctype == "application/atom+xml":
		out = append(out, atomFindings(body)...)
	case ctype == "application/feed+json":
		out = append(out, jsonFeedFindings(body)...)
	case ctype == "application/json" || ctype == "application/geo+json":
		if !json.Valid([]byte(body)) {
			out = append(out, "not valid JSON")
		}
	case ctype == "application/x-ndjson":
		for i, line := range strings.Split(strings.TrimSuffix(body, "\n"), "\n") {
			if line != "" && !json.Valid([]byte(line)) {
				out = append(out, fmt.Sprintf("line %d is not valid JSON", i+1))
			}
		}
	case ctype == "text/csv":
		if _, err := csv.NewReader(strings.NewReader(body)).ReadAll(); err != nil {
			out = append(out, "not valid CSV: "+err.Error())
		}
	case ctype == "text/plain" && res.StatusCode >= 400:
		// http.Error's answers (a static file not found): text, never sniffed.
	default:
		out = append(out, fmt.Sprintf("unexpected Content-Type %q", h.Get("Content-Type")))
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		out = append(out, "no X-Content-Type-Options: nosniff")
	}
	if strings.Contains(body, templateProbe) {
		out = append(out, "a template payload was evaluated")
	}
	sc.mu.Lock()
	sc.responses++
	sc.findings += len(out)
	sc.mu.Unlock()
	for _, f := range out {
		sc.t.Errorf("%s: %s", what, f)
	}
}

// sameSite reports whether a redirect to loc stays on the site, as a
// browser resolves it: tabs and newlines dropped, backslashes as slashes.
func sameSite(base *url.URL, loc string) bool {
	loc = strings.NewReplacer("\t", "", "\n", "", "\r", "", `\`, "/").Replace(loc)
	u, err := url.Parse(strings.TrimSpace(loc))
	if err != nil {
		return false
	}
	r := base.ResolveReference(u)
	return r.Scheme == base.Scheme && r.Host == base.Host
}

// get fetches the request URI uri (sent as it is, so a query may carry
// characters a browser would encode) as c, checks the response and
// returns it. It is safe from several goroutines.
func (sc *responseScan) get(c *http.Client, uri string) (*http.Response, string) {
	sc.t.Helper()
	req, err := http.NewRequest("GET", sc.srv.URL()+"/", nil)
	if err != nil {
		sc.t.Errorf("GET %s: %v", uri, err)
		return nil, ""
	}
	req.URL.Opaque = "//" + sc.base.Host + uri
	res, err := c.Do(req)
	if err != nil {
		sc.t.Errorf("GET %s: %v", uri, err)
		return nil, ""
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		sc.t.Errorf("GET %s: %v", uri, err)
		return nil, ""
	}
	sc.check("GET "+uri, res, string(b))
	return res, string(b)
}

// getAll fetches every URI with a few requests at a time.
func (sc *responseScan) getAll(c *http.Client, uris []string) {
	sc.t.Helper()
	work := make(chan string)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range work {
				sc.get(c, u)
			}
		}()
	}
	for _, u := range uris {
		work <- u
	}
	close(work)
	wg.Wait()
}

// post posts a form as c, with c's CSRF token, and checks the response.
// A login changes the token: log in with postForm, not post.
func (sc *responseScan) post(c *http.Client, path string, v url.Values) (*http.Response, string) {
	sc.t.Helper()
	sc.mu.Lock()
	token, ok := sc.tokens[c]
	sc.mu.Unlock()
	if !ok {
		// From the lightest pages with a form: the login form, or the
		// masthead's log-out form of a page not found.
		token = csrfFrom(sc.t, c, sc.srv, "/login", "/no-such-page")
		sc.mu.Lock()
		sc.tokens[c] = token
		sc.mu.Unlock()
	}
	if v == nil {
		v = url.Values{}
	}
	v.Set("csrf", token)
	res, body := postForm(sc.t, c, sc.srv, path, v)
	sc.check("POST "+path, res, body)
	return res, body
}

// hostileFields is how many fields of an article and its analysis
// hostileArticle fills with its payload.
const hostileFields = 34

// hostileArticle carries payload p in every text field of an article and
// of its analysis, with spans over it, so that the body's highlights, the
// titles of its marks, the map's markers and the panels are built from it.
func hostileArticle(i int, p string) *sitrep.Article {
	lead := fmt.Sprintf("Report %d opens. ", i)
	quote := lead + p + " closes.\n\nA second paragraph quotes "
	body := quote + p + " again."
	start := utf8.RuneCountInString(lead)
	end := start + utf8.RuneCountInString(p)
	second := utf8.RuneCountInString(quote)
	number := sitrep.Span{Start: 7, End: 7 + len(strconv.Itoa(i)), Text: strconv.Itoa(i)}
	pub := indextest.Day.Add(-time.Duration(i) * time.Hour)
	lat, lon := 34+float64(i)*0.05, 38+float64(i)*0.05
	fatalities := i
	a := &sitrep.Article{
		Input: fmt.Sprintf("hostile-%d.html", i), Format: "html", Source: p, Byline: p, Language: p,
		URL: p, CanonicalURL: fmt.Sprintf("%s#%d", p, i), Title: p, Body: body, PageComments: p,
		Published: &pub, PublishedPrecision: sitrep.PrecisionMinute, Retrieved: pub.Add(time.Hour),
	}
	a.Analysis = &sitrep.Analysis{
		Countries: []sitrep.CountryScore{{Code: "SY", Name: p, Score: 1}},
		Topics:    []sitrep.TopicScore{{Code: "medtop:20000056", Label: p, Score: 0.7}},
		Places: []sitrep.PlaceMention{
			{Span: sitrep.Span{Start: start, End: end, Text: p}, Name: p, Country: "SY", Admin1: p, Lat: lat, Lon: lon, Feature: "city"},
			{Span: sitrep.Span{Start: 0, End: 6, Text: "Report"}, Name: "Syria", Country: "SY", Lat: 34.8, Lon: 38.9, Feature: "country"},
		},
		Actors: []sitrep.ActorMention{{Span: sitrep.Span{Start: second, End: second + utf8.RuneCountInString(p), Text: p},
			Name: p, Kind: p, Country: "SY"}},
		Dates: []sitrep.DateMention{{Span: number, Type: p, Value: p, Resolved: true}},
		Events: []sitrep.Event{
			{Type: index.EventTypes[i%len(index.EventTypes)], SubType: p, Actor1: p, Actor2: p + " (Syria)",
				Place: &sitrep.EventPlace{Name: p, Country: "SY", Admin1: p, Lat: lat, Lon: lon, GeoPrecision: 1},
				Date:  pub.Format(time.DateOnly), TimePrecision: 1, Fatalities: &fatalities, Reported: true, Trigger: p, Start: 0, End: end},
			{Type: p, SubType: p, Actor1: p, Place: &sitrep.EventPlace{Name: p + " (2)", Country: "SY", Lat: lat + 0.01, Lon: lon, GeoPrecision: 2},
				Date: pub.Format(time.DateOnly), TimePrecision: 1, Trigger: p, Start: 0, End: end},
		},
		Claims: []sitrep.Claim{
			{Source: p, SourceActor: p, Cue: p, Stance: p, ContentStart: start, ContentEnd: end},
			{Source: p + " (2)", SourceActor: p, Cue: "denied", Stance: "deny", ContentStart: start, ContentEnd: end},
		},
		Contradictions: []sitrep.Contradiction{{A: 0, B: 1, Reason: p}},
	}
	a.Normalize()
	return a
}

// hostileStory carries payload p in every text field of a story of the
// article a, its timeline, claims and contradictions.
func hostileStory(i int, p string, a *sitrep.Article) (*sitrep.Story, sitrep.ArticleLink) {
	fatal, other := i, i+1
	id := fmt.Sprintf("hostile-%d", i)
	place := &sitrep.EventPlace{Name: p, Country: "SY", Admin1: p, Lat: 34 + float64(i)*0.05, Lon: 38, GeoPrecision: 1}
	st := &sitrep.Story{ID: id, Title: p, Summary: p, CentralArticle: a.ID, FirstSeen: *a.Published, LastSeen: *a.Published,
		Countries: []string{"SY"}, Topics: []string{p}, ArticleCount: 1, SourceCount: 1, EventCount: 1,
		Events: []sitrep.StoryEvent{{ID: id + "-e", Type: p, SubType: p, Actor1: p, Actor2: p, Place: place,
			Date: a.Published.Format(time.DateOnly), TimePrecision: 1, Fatalities: &fatal,
			Sources: []sitrep.EventSource{{ArticleID: a.ID, Source: p, Attribution: p, SubType: p, Place: p, Date: p, Fatalities: &fatal}},
			Claims:  []sitrep.StoryClaim{{ArticleID: a.ID, Source: p, Speaker: p, Stance: p, Cue: p, Text: p}}}},
		Claims: []sitrep.StoryClaim{{ArticleID: a.ID, Source: p, Speaker: p, Stance: p, Cue: p, Text: p}},
		Contradictions: []sitrep.StoryContradiction{{Kind: sitrep.ContradictFatalities, EventID: id + "-e", Reason: p,
			Sides: []sitrep.ContradictionSide{{ArticleID: a.ID, Source: p, Speaker: p, Text: p, Fatalities: &fatal},
				{ArticleID: a.ID, Source: p + " (2)", Speaker: p, Text: p, Fatalities: &other}}}},
	}
	return st, sitrep.ArticleLink{ArticleID: a.ID, StoryID: id, Role: sitrep.RoleOriginal, Seen: *a.Published, State: []byte{1}}
}

// storyFields is how many fields of a story hostileStory fills.
const storyFields = 31

// hostileArticles is the fixture's own articles and one hostile article
// per payload, numbered from first.
func hostileArticles(first int) []*sitrep.Article {
	arts := indextest.All()
	for i, p := range xssPayloads {
		arts = append(arts, hostileArticle(first+i, p))
	}
	return arts
}

// TestXSSCheckerCatchesEveryPayload: the checker is only worth its
// silence if it would have spoken. Each markup payload, pasted raw into a
// page in one of the contexts the templates use, or after one of the
// decodings a careless layer might apply, is found; and the site's own
// pages, on benign data, pass.
func TestXSSCheckerCatchesEveryPayload(t *testing.T) {
	contexts := []struct{ before, after string }{
		{"<div>", "</div>"},
		{`<p title="`, `">x</p>`},
		{`<p title='`, `'>x</p>`},
		{`<p title=a`, `>x</p>`},
		{`<a href="`, `">x</a>`},
		{"<textarea>", "</textarea>"},
		{"<title>", "</title>"},
		{`<script type="application/json">{"a":"`, `"}</script>`},
		{"<noscript>", "</noscript>"},
	}
	decodings := []func(string) string{
		func(s string) string { return s },
		html.UnescapeString,
		func(s string) string { d, _ := url.QueryUnescape(s); return d },
		func(s string) string { d, _ := strconv.Unquote(`"` + s + `"`); return d },
		norm.NFKC.String,
	}
	for _, p := range xssPayloads {
		if isTemplatePayload(p) {
			continue
		}
		caught := false
		for _, decode := range decodings {
			for _, c := range contexts {
				page := "<!DOCTYPE html><html><head><title>t</title></head><body>" + c.before + decode(p) + c.after + "</body></html>"
				caught = caught || len(htmlFindings(page)) > 0
			}
		}
		if !caught {
			t.Errorf("payload %q is found in no context: it tests nothing", p)
		}
	}

	srv, _ := startNewsroom(t, nil, indextest.All()...)
	sc := newResponseScan(t, srv)
	sc.getAll(newClient(t), []string{"/", "/article/" + indextest.Ambush().ID, "/map", "/search?q=ambush", "/countries", "/login",
		"/feed.atom", "/feed.json", "/api/v1/events", "/export/events.csv", "/export/articles.jsonl"})
	if sc.findings > 0 {
		t.Fatalf("the checker finds %d problems in the site's own pages on benign data", sc.findings)
	}
}
