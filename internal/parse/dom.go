package parse

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// DOM helpers shared by metadata and body extraction. The parser refuses
// documents nested deeper than 512 elements, so recursion here is bounded.

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// blockElements start a new line of text.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Main: true, atom.Aside: true,
	atom.Nav: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Ul: true, atom.Ol: true, atom.Li: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Blockquote: true,
	atom.Pre: true, atom.Figure: true, atom.Figcaption: true, atom.Table: true,
	atom.Tr: true, atom.Hr: true, atom.Address: true, atom.Details: true,
	atom.Summary: true, atom.Form: true, atom.Fieldset: true, atom.Caption: true,
	atom.Dialog: true, atom.Center: true, atom.Body: true, atom.Html: true,
}

// silentElements never hold readable text.
var silentElements = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Iframe: true, atom.Object: true, atom.Embed: true,
	atom.Svg: true, atom.Math: true, atom.Canvas: true, atom.Video: true,
	atom.Audio: true, atom.Select: true, atom.Button: true, atom.Input: true,
	atom.Textarea: true, atom.Title: true, atom.Meta: true, atom.Link: true,
}

// nodeLines renders the text of n as lines: block elements and <br> break
// lines, inline white space collapses, <pre> keeps its lines. Subtrees for
// which skip returns true are left out; skip may be nil.
func nodeLines(n *html.Node, skip func(*html.Node) bool) []string {
	var b strings.Builder
	var walk func(n *html.Node, pre bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			if pre {
				b.WriteString(n.Data)
				return
			}
			writeCollapsed(&b, n.Data)
			return
		case html.ElementNode:
			if silentElements[n.DataAtom] || isHidden(n) || (skip != nil && skip(n)) {
				return
			}
			switch {
			case n.DataAtom == atom.Br:
				b.WriteByte('\n')
				return
			case n.DataAtom == atom.Pre:
				pre = true
			case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
				b.WriteByte(' ')
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.DataAtom]
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, pre)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(n, false)
	return nonEmpty(splitLines(b.String()))
}

// writeCollapsed writes s with each run of white space as one space.
func writeCollapsed(b *strings.Builder, s string) {
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0':
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
}

// textContent returns the text of n on one line.
func textContent(n *html.Node) string {
	return strings.Join(nodeLines(n, nil), " ")
}

// isHidden reports elements a reader never sees.
func isHidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" {
		return true
	}
	style := strings.ToLower(strings.ReplaceAll(attr(n, "style"), " ", ""))
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

// chromeTags and chromeRoles are page furniture by their markup.
var (
	chromeTags = map[atom.Atom]bool{
		atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Form: true,
		atom.Dialog: true, atom.Menu: true,
	}
	chromeRoles = map[string]bool{
		"navigation": true, "complementary": true, "contentinfo": true,
		"dialog": true, "alertdialog": true, "menu": true, "menubar": true,
		"search": true,
	}
	// chromeClassRE matches class and id words of page furniture: comment
	// threads, sidebars, related links, cookie and newsletter boxes, share
	// bars, ads.
	chromeClassRE = regexp.MustCompile(`(?:^|[\s_-])(comments?|comment-list|commentlist|disqus|replies|sidebar|related|recommended|recirc|more-stories|most-read|trending|popular|widget|footer|menu|navbar|nav|navigation|breadcrumbs?|cookies?|consent|gdpr|newsletter|subscribe|subscription|signup|promo|share|sharing|sharebar|social|outbrain|taboola|ads?|advert|advertisement|sponsored|modal|popup|paywall|skip-link)(?:$|[\s_-])`)
)

// furniture tells page furniture (navigation, sidebars, comment threads,
// cookie banners, share bars, footers) from the article in one document.
type furniture struct {
	// holders are the elements that contain the article: an <article>, an
	// articleBody, <main> or the <h1>. Some wrappers with generous class
	// names ("content has-sidebar") hold the whole story and are never
	// furniture.
	holders map[*html.Node]bool
	// verdicts remembers is, asked of each element several times.
	verdicts map[*html.Node]bool
}

func newFurniture(doc *html.Node) *furniture {
	f := &furniture{holders: map[*html.Node]bool{}, verdicts: map[*html.Node]bool{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Article || n.DataAtom == atom.H1 ||
			n.DataAtom == atom.Main || strings.EqualFold(attr(n, "itemprop"), "articleBody")) {
			for p := n.Parent; p != nil && !f.holders[p]; p = p.Parent {
				f.holders[p] = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return f
}

// is reports whether element n is page furniture that holds no part of the
// article.
func (f *furniture) is(n *html.Node) bool {
	if n.Type != html.ElementNode || f.holders[n] {
		return false
	}
	if v, ok := f.verdicts[n]; ok {
		return v
	}
	v := f.judge(n)
	f.verdicts[n] = v
	return v
}

func (f *furniture) judge(n *html.Node) bool {
	footer := n.DataAtom == atom.Footer
	marked := chromeTags[n.DataAtom] || chromeRoles[strings.ToLower(attr(n, "role"))]
	if !marked {
		classes := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
		if len(classes) > 1 {
			if m := chromeClassRE.FindStringSubmatch(classes); m != nil {
				marked, footer = true, m[1] == "footer"
			}
		}
	}
	if marked && footer && hasAncestor(n, atom.Article) {
		return false // an article's own footer carries its byline and tags
	}
	return marked
}

func hasAncestor(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == a {
			return true
		}
	}
	return false
}

// findFirst returns the first element in document order for which match is
// true, not looking inside elements for which skip is true.
func findFirst(n *html.Node, match, skip func(*html.Node) bool) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if match(c) {
			return c
		}
		if skip != nil && skip(c) {
			continue
		}
		if f := findFirst(c, match, skip); f != nil {
			return f
		}
	}
	return nil
}
