package parse

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// maxReadabilityElements bounds the pages handed to readability, whose cost
// grows faster than the page; larger pages get the simpler extraction.
const maxReadabilityElements = 20000

// parseHTML reads an HTML page: readability finds the main text, the markup
// and the page's chrome lines give the metadata.
func parseHTML(in Input, data []byte, bomLen int) (*sitrep.Article, error) {
	src, err := decodeHTML(in.Name, in.ContentType, data, bomLen)
	if err != nil {
		return nil, err
	}
	pageURL := httpURL(in.URL)
	a := &sitrep.Article{Input: in.Name, Format: "html", URL: in.URL, Retrieved: in.Retrieved}

	doc, err := html.Parse(bytes.NewReader(src))
	if err != nil {
		// The parser refuses pathological nesting; read such pages token
		// by token instead.
		return tokenArticle(in, a, src)
	}
	f := newFurniture(doc)
	m := readMeta(doc, f)

	// Chrome lines anywhere outside page furniture describe the article,
	// even where readability drops them from the main text. Dates standing
	// alone count only below the headline: above it, in the masthead, they
	// are the day's date.
	var pageChrome chrome
	heading, belowHeading := text.Fold(m.heading()), false
	for _, l := range nodeLines(doc, f.is) {
		if c, ok := parseChromeLine(l, where{bylines: true, dates: belowHeading}); ok {
			pageChrome.merge(c)
		}
		if !belowHeading && heading != "" && text.Fold(l) == heading {
			belowHeading = true
		}
	}

	lines, ra := mainText(doc, pageURL, m.elements, f)
	if len(lines) == 0 && m.ld.body != "" {
		lines = nonEmpty(splitLines(m.ld.body))
	}
	lines, c := stripChrome(lines, datesFrom(lines, heading))
	c.merge(pageChrome)

	a.Source = firstNonEmpty(m.siteName(), ra.SiteName())
	title, siteGuess := m.pageTitle(a.Source)
	a.Title = firstNonEmpty(title, ra.Title())
	a.Source = firstNonEmpty(a.Source, siteGuess)
	a.CanonicalURL = m.canonicalURL(pageURL)
	a.Language = firstNonEmpty(m.language(), languageTag(ra.Language()))
	a.Byline = firstNonEmpty(m.byline(), c.byline, bylineName(bylineText(ra.Byline())))
	lines = dropLeadingTitle(lines, a.Title, m.heading())
	a.Body = strings.Join(lines, "\n\n")
	if a.Body == "" {
		return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: no article text found", in.Name)
	}
	a.PageCountries, a.PageTopics, a.PageComments = c.countries, c.topics, c.comments
	setPublished(a, append(m.published(), c.published)...)
	a.Normalize()
	return a, nil
}

// mainText returns the lines of the page's main text and readability's view
// of the page. Page furniture is removed first; readability then picks the
// article. When it finds nothing, or the page is too large for it, the text
// of the <article>, <main> or <body> is used.
func mainText(doc *html.Node, pageURL *url.URL, elements int, f *furniture) ([]string, readability.Article) {
	removeFurniture(doc, f)
	var ra readability.Article
	var lines []string
	if elements <= maxReadabilityElements {
		if art, err := runReadability(doc, pageURL); err == nil {
			ra = art
			if art.Node != nil {
				lines = nodeLines(art.Node, nil)
			}
		}
	}
	if len(lines) > 0 {
		return lines, ra
	}
	root := findFirst(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Article || strings.EqualFold(attr(n, "itemprop"), "articleBody")
	}, nil)
	if root == nil {
		root = findFirst(doc, func(n *html.Node) bool { return n.DataAtom == atom.Main }, nil)
	}
	if root == nil {
		root = doc
	}
	return nodeLines(root, f.is), ra
}

// runReadability runs readability on a copy of doc, leaving doc whole for
// the fallback. A panic inside it is turned into an error so that one odd
// page cannot take the ingester down; the caller then falls back to simpler
// extraction.
func runReadability(doc *html.Node, pageURL *url.URL) (art readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("readability: %v", r)
		}
	}()
	p := readability.NewParser()
	return p.ParseDocument(doc, pageURL)
}

// removeFurniture deletes navigation, sidebars, comment threads, cookie and
// newsletter boxes and the like from the document.
func removeFurniture(n *html.Node, f *furniture) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if f.is(c) {
			n.RemoveChild(c)
		} else if c.Type == html.ElementNode {
			removeFurniture(c, f)
		}
		c = next
	}
}

// datesFrom returns the index of the line after the headline when the main
// text holds it: a date standing alone above the headline is a masthead's.
func datesFrom(lines []string, foldedHeading string) int {
	if foldedHeading == "" {
		return 0
	}
	for i, l := range lines {
		if text.Fold(l) == foldedHeading {
			return i + 1
		}
	}
	return 0
}

// dropLeadingTitle removes the headline when the main text repeats it.
func dropLeadingTitle(lines []string, titles ...string) []string {
	for len(lines) > 0 {
		first := text.Fold(lines[0])
		repeated := false
		for _, t := range titles {
			if t != "" && first == text.Fold(t) {
				repeated = true
			}
		}
		if !repeated {
			break
		}
		lines = lines[1:]
	}
	return lines
}

// decodeHTML returns the page as UTF-8. Valid UTF-8 is taken as is (fetched
// pages arrive decoded, whatever their meta tag says); otherwise a charset
// declared by the content type or a <meta> tag is decoded. Undeclared
// non-UTF-8 bytes are an error rather than a guess.
func decodeHTML(name, contentType string, data []byte, bomLen int) ([]byte, error) {
	if utf8.Valid(data) {
		return data, nil
	}
	if enc, canonical := charset.Lookup(declaredCharset(contentType, data)); enc != nil && canonical != "utf-8" {
		out, err := enc.NewDecoder().Bytes(data)
		if err == nil {
			return bytes.ToValidUTF8(out, []byte("\uFFFD")), nil
		}
	}
	return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: not valid UTF-8 (byte offset %d)", name, invalidUTF8(data)+bomLen)
}

var metaCharsetRE = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)`)

// declaredCharset returns the charset named by the content type or, as
// browsers look, a <meta> tag in the first 1024 bytes.
func declaredCharset(contentType string, data []byte) string {
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		return params["charset"]
	}
	head := data[:min(len(data), 1024)]
	if m := metaCharsetRE.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

func httpURL(raw string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// tokenSkipped are elements whose text the token reader leaves out.
var tokenSkipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true,
	atom.Svg: true, atom.Select: true, atom.Button: true, atom.Textarea: true,
}

// tokenArticle reads a page the tree parser refused (nesting too deep) as a
// stream of tokens: the <title> gives the title, block tags break lines.
func tokenArticle(in Input, a *sitrep.Article, src []byte) (*sitrep.Article, error) {
	z := html.NewTokenizer(bytes.NewReader(src))
	var b strings.Builder
	var title strings.Builder
	skipped := map[atom.Atom]int{}
	skipping := 0
	inTitle := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: reading HTML: %v", in.Name, z.Err())
			}
			break
		}
		switch tt {
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := atom.Lookup(name)
			start := tt == html.StartTagToken
			switch {
			case tag == atom.Title:
				inTitle = start
			case tokenSkipped[tag]:
				if start {
					skipped[tag]++
					skipping++
				} else if skipped[tag] > 0 {
					skipped[tag]--
					skipping--
				}
			case tag == atom.Br || blockElements[tag]:
				b.WriteByte('\n')
			}
		case html.TextToken:
			switch {
			case inTitle:
				title.Write(z.Text())
			case skipping == 0:
				writeCollapsed(&b, string(z.Text()))
			}
		}
	}
	a.Title, a.Source = cleanTitle(title.String(), "", "")
	lines := nonEmpty(splitLines(b.String()))
	lines, c := stripChrome(lines, datesFrom(lines, text.Fold(a.Title)))
	lines = dropLeadingTitle(lines, a.Title)
	a.Body = strings.Join(lines, "\n\n")
	if a.Body == "" {
		return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: no article text found", in.Name)
	}
	applyChrome(a, c, "")
	a.Normalize()
	return a, nil
}

// nonEmpty returns the non-blank lines, inner white space collapsed.
func nonEmpty(lines []string) []string {
	out := lines[:0]
	for _, l := range lines {
		if l != "" {
			out = append(out, strings.Join(strings.Fields(l), " "))
		}
	}
	return out
}
