package parse

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/language"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// pageMeta is what the markup of a page says about its article.
type pageMeta struct {
	lang      string
	title     string            // <title>
	h1        string            // first <h1> outside page furniture
	h2        string            // first <h2>, the headline of pages without <h1>
	metas     map[string]string // first content per lower-case meta name, property or itemprop
	canonical string
	relAuthor string
	ld        ldArticle
	itemDate  string // itemprop="datePublished" on an element other than <meta>
	timeDate  string // first <time> of the article
	elements  int
}

// readMeta collects the page's metadata in one walk. Headings, bylines and
// dates inside page furniture belong to other stories and are not read.
func readMeta(doc *html.Node, f *furniture) *pageMeta {
	m := &pageMeta{metas: map[string]string{}}
	var ldBlocks []string
	var walk func(n *html.Node, inChrome bool)
	walk = func(n *html.Node, inChrome bool) {
		if n.Type == html.ElementNode {
			m.elements++
			if !inChrome && f.is(n) {
				inChrome = true
			}
			switch n.DataAtom {
			case atom.Html:
				m.lang = attr(n, "lang")
				if m.lang == "" {
					m.lang = attr(n, "xml:lang")
				}
			case atom.Title:
				if m.title == "" && !hasAncestor(n, atom.Svg) && n.FirstChild != nil {
					m.title = strings.Join(strings.Fields(n.FirstChild.Data), " ")
				}
			case atom.Meta:
				content := strings.TrimSpace(attr(n, "content"))
				for _, key := range []string{"property", "name", "itemprop", "http-equiv"} {
					k := strings.ToLower(strings.TrimSpace(attr(n, key)))
					if k != "" && content != "" && m.metas[k] == "" {
						m.metas[k] = content
					}
				}
			case atom.Link:
				rel := strings.ToLower(attr(n, "rel"))
				if hasWord(rel, "canonical") && m.canonical == "" {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Script:
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && n.FirstChild != nil {
					ldBlocks = append(ldBlocks, n.FirstChild.Data)
				}
			case atom.H1:
				if m.h1 == "" && !inChrome {
					m.h1 = textContent(n)
				}
			case atom.H2:
				if m.h2 == "" && !inChrome {
					m.h2 = textContent(n)
				}
			case atom.A:
				if m.relAuthor == "" && !inChrome && hasWord(strings.ToLower(attr(n, "rel")), "author") {
					m.relAuthor = textContent(n)
				}
			case atom.Time:
				if m.timeDate == "" && !inChrome {
					m.timeDate = strings.TrimSpace(attr(n, "datetime"))
					if m.timeDate == "" {
						m.timeDate = textContent(n)
					}
				}
			}
			if n.DataAtom != atom.Meta && m.itemDate == "" && !inChrome && strings.EqualFold(attr(n, "itemprop"), "datePublished") {
				m.itemDate = firstNonEmpty(attr(n, "datetime"), attr(n, "content"), textContent(n))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inChrome)
		}
	}
	walk(doc, false)
	m.ld = readJSONLD(ldBlocks)
	return m
}

// meta returns the first non-empty meta value among keys.
func (m *pageMeta) meta(keys ...string) string {
	for _, k := range keys {
		if v := m.metas[k]; v != "" {
			return strings.Join(strings.Fields(html.UnescapeString(v)), " ")
		}
	}
	return ""
}

// siteName is the outlet's name.
func (m *pageMeta) siteName() string {
	return firstNonEmpty(m.meta("og:site_name"), m.ld.publisher, m.meta("application-name", "publisher"))
}

// heading is the page's main heading: the first <h1>, or on pages without
// one the first <h2>.
func (m *pageMeta) heading() string {
	return firstNonEmpty(m.h1, m.h2)
}

// pageTitle picks the headline: og:title, then JSON-LD, then <title>, then
// the main heading, without the " | Site" part pages add. When the site is
// unknown, the part removed from <title> is returned as its likely name.
func (m *pageMeta) pageTitle(site string) (title, siteGuess string) {
	if t := m.meta("og:title", "twitter:title"); t != "" {
		title, _ = cleanTitle(t, site, m.heading())
		if site == "" && m.title != "" {
			_, siteGuess = cleanTitle(m.title, "", title)
		}
		return title, siteGuess
	}
	if m.ld.headline != "" {
		return m.ld.headline, ""
	}
	if m.title != "" {
		return cleanTitle(m.title, site, m.heading())
	}
	return m.heading(), ""
}

// byline is the author named by markup: meta author, rel=author, JSON-LD.
func (m *pageMeta) byline() string {
	for _, b := range []string{
		m.meta("author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator"),
		m.relAuthor,
		m.ld.author,
	} {
		if b = bylineText(b); b != "" {
			return b
		}
	}
	return ""
}

// published lists the structured date candidates, best first.
func (m *pageMeta) published() []string {
	return []string{
		m.meta("article:published_time", "og:published_time", "published_time",
			"datepublished", "pubdate", "publishdate", "publish-date", "publish_date",
			"dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date",
			"sailthru.date", "parsely-pub-date", "date"),
		m.ld.published,
		m.itemDate,
		m.timeDate,
	}
}

// language is the page's language as a BCP 47 tag.
func (m *pageMeta) language() string {
	return firstNonEmpty(languageTag(m.lang), languageTag(m.meta("og:locale")),
		languageTag(m.meta("content-language", "language", "dc.language")), languageTag(m.ld.language))
}

// canonicalURL is the page's canonical address made absolute against the
// page URL; anything that is not http(s) is dropped.
func (m *pageMeta) canonicalURL(pageURL *url.URL) string {
	for _, raw := range []string{m.canonical, m.meta("og:url"), m.ld.url} {
		if u := absoluteURL(raw, pageURL); u != "" {
			return u
		}
	}
	return ""
}

func absoluteURL(raw string, base *url.URL) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// titleSeparators set a page title's headline apart from the site name.
var titleSeparators = []string{" | ", " – ", " — ", " - ", " :: ", " · ", " » ", " / "}

// cleanTitle removes the site name a page adds to its title: "Headline |
// Site", "Site - Headline". A trailing part goes when it is the site's name,
// when the rest is the page's heading, or when it is short and set off by
// "|", which headlines rarely use. The first part removed is returned as
// removed: when short, it is most likely the site's name.
func cleanTitle(title, site, h1 string) (clean, removed string) {
	title = strings.Join(strings.Fields(title), " ")
	fsite, fh1 := text.Fold(site), text.Fold(h1)
	for range 2 {
		changed := false
		for _, sep := range titleSeparators {
			i := strings.LastIndex(title, sep)
			if i <= 0 {
				continue
			}
			head, tail := title[:i], title[i+len(sep):]
			fhead, ftail := text.Fold(head), text.Fold(tail)
			if fhead == "" || ftail == "" {
				continue
			}
			cut := ""
			switch {
			case fsite != "" && (ftail == fsite || strings.Contains(ftail, fsite) || strings.Contains(fsite, ftail)),
				fh1 != "" && fhead == fh1,
				sep == " | " && len(strings.Fields(tail)) <= 4 && len(strings.Fields(head)) >= 3:
				title, cut = head, tail
			case fsite != "" && fhead == fsite, fh1 != "" && ftail == fh1:
				title, cut = tail, head
			}
			if cut != "" {
				if removed == "" {
					removed = strings.TrimSpace(cut)
				}
				changed = true
				break
			}
		}
		if !changed {
			break
		}
	}
	if len(strings.Fields(removed)) > 5 {
		removed = ""
	}
	return strings.TrimSpace(title), removed
}

// bylineText cleans an author value: "By Jane Doe" becomes "Jane Doe";
// profile URLs and overlong values are no bylines.
func bylineText(s string) string {
	s = strings.Join(strings.Fields(html.UnescapeString(s)), " ")
	if m := bylineRE.FindStringSubmatch(s); m != nil {
		s = m[2]
	}
	s = strings.TrimSpace(strings.Trim(s, "|,;:-–—"))
	if s == "" || len(s) > 120 || strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || strings.HasPrefix(s, "@") && !strings.Contains(s, " ") {
		return ""
	}
	return s
}

// languageTag canonicalises "en_US", "EN-gb" or "en" as a BCP 47 tag.
func languageTag(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))
	if i := strings.IndexAny(s, ",; "); i >= 0 {
		s = s[:i]
	}
	if s == "" || len(s) > 35 {
		return ""
	}
	tag, err := language.Parse(s)
	if err != nil {
		return ""
	}
	if tag == language.Und {
		return ""
	}
	return tag.String()
}

func hasWord(list, word string) bool {
	for _, w := range strings.Fields(list) {
		if w == word {
			return true
		}
	}
	return false
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
