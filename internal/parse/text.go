package parse

import (
	"strings"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// maxTitle is the longest first line taken as a plain text's title; a longer
// one is a paragraph, and the text has no title.
const maxTitle = 300

// parseText reads a plain-text article: chrome lines come out first, then
// the first non-empty line is the title and the rest the body. Paragraphs
// stay separated by blank lines; lines within a paragraph keep their breaks.
func parseText(in Input, src string) (*sitrep.Article, error) {
	lines, c := stripChrome(splitLines(src), 0)
	a := &sitrep.Article{Input: in.Name, Format: "text", URL: in.URL, Retrieved: in.Retrieved}
	for i, line := range lines {
		if line == "" {
			continue
		}
		if len(line) <= maxTitle && hasText(lines[i+1:]) {
			a.Title = strings.TrimSpace(strings.TrimLeft(line, "#"))
			lines = lines[i+1:]
		}
		break
	}
	a.Body = joinParagraphs(lines)
	if a.Body == "" {
		return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: no article text found", in.Name)
	}
	applyChrome(a, c, "")
	a.Normalize()
	return a, nil
}

// splitLines splits s into lines with any line ending, each trimmed of
// surrounding white space, blank lines kept as "".
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(strings.ReplaceAll(l, "\u00a0", " "))
	}
	return lines
}

// stripChrome removes chrome and boilerplate lines, returning what they said.
// A bare "By Jane Doe" counts as chrome only among the first four or last
// three non-empty lines, where bylines sit; a bare date only from line
// datesFrom on.
func stripChrome(lines []string, datesFrom int) ([]string, chrome) {
	var c chrome
	n := 0
	for _, l := range lines {
		if l != "" {
			n++
		}
	}
	out := make([]string, 0, len(lines))
	k := -1
	for i, l := range lines {
		if l == "" {
			out = append(out, "")
			continue
		}
		k++
		if lc, ok := parseChromeLine(l, where{bylines: k < 4 || k >= n-3, dates: i >= datesFrom}); ok {
			c.merge(lc)
			continue
		}
		if isBoilerplate(l) {
			continue
		}
		out = append(out, l)
	}
	return out, c
}

// joinParagraphs joins lines into paragraphs separated by one blank line.
func joinParagraphs(lines []string) string {
	var b strings.Builder
	blank := false
	for _, l := range lines {
		if l == "" {
			blank = true
			continue
		}
		if b.Len() > 0 {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(l)
		blank = false
	}
	return b.String()
}

func hasText(lines []string) bool {
	for _, l := range lines {
		if l != "" {
			return true
		}
	}
	return false
}

// boilerplate are whole lines that pages put between paragraphs and that
// never carry reporting: ad markers, share and follow prompts.
var boilerplate = map[string]bool{
	"advertisement": true, "advertising": true, "ad": true, "sponsored": true,
	"sponsored content": true, "share": true, "share this": true,
	"share this article": true, "share this story": true, "share on facebook": true,
	"share on twitter": true, "share on x": true, "share on whatsapp": true,
	"share via email": true, "tweet": true, "email": true, "print": true,
	"copy link": true, "link copied": true, "read more": true, "continue reading": true,
	"related": true, "related articles": true, "related stories": true,
	"related content": true, "most read": true, "most popular": true,
	"subscribe": true, "sign up": true, "skip to content": true,
	"skip to main content": true, "leave a reply": true, "leave a comment": true,
	"follow us": true, "listen to this article": true, "scroll to continue": true,
	"story continues below advertisement": true, "article continues below": true,
	"facebook": true, "twitter": true, "whatsapp": true, "linkedin": true,
	"telegram": true, "reddit": true,
}

// boilerplatePrefixes start inline cross-links ("Read more: ...").
var boilerplatePrefixes = []string{"read more:", "also read:", "read also:", "related:", "see also:", "watch:"}

func isBoilerplate(line string) bool {
	l := strings.ToLower(strings.Trim(line, " .:!»›>|-–—"))
	if boilerplate[l] {
		return true
	}
	if len(line) > 200 {
		return false
	}
	low := strings.ToLower(line)
	for _, p := range boilerplatePrefixes {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return strings.HasPrefix(low, "copyright ©") || strings.HasPrefix(low, "copyright (c)") ||
		strings.HasPrefix(low, "©") || strings.Contains(low, "all rights reserved")
}

// applyChrome copies what chrome lines said into a, where a has nothing
// better. published is a date from structured metadata, if any, which wins
// over a visible one.
func applyChrome(a *sitrep.Article, c chrome, published string) {
	if a.Byline == "" {
		a.Byline = c.byline
	}
	a.PageCountries = c.countries
	a.PageTopics = c.topics
	a.PageComments = c.comments
	setPublished(a, published, c.published)
}

// setPublished sets the published date from the first candidate that parses;
// when none does, the first non-empty one is kept as text.
func setPublished(a *sitrep.Article, candidates ...string) {
	first := ""
	for _, s := range candidates {
		s = strings.Join(strings.Fields(s), " ")
		if s == "" {
			continue
		}
		if first == "" {
			first = s
		}
		if t, p, ok := Date(s, a.Retrieved); ok {
			a.Published, a.PublishedPrecision, a.PublishedText = &t, p, s
			return
		}
	}
	a.PublishedText = first
}
