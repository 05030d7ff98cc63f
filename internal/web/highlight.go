package web

import (
	"fmt"
	"html/template"
	"net/url"
	"sort"
	"strings"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// span is one highlight in code points of the body, as the analysis
// counts them.
type span struct {
	start, end int
	open       string // the opening markup, escaped
	close      string
}

// highlightBody renders body as paragraphs with the analysis's places,
// actors and dates marked, each with a title= that says what it was
// resolved to. Offsets are code points: they are turned into byte offsets
// once, and every piece of text is escaped on its own. Spans that overlap
// an earlier, longer one, cross a paragraph break or fall outside the text
// are left out rather than breaking the page.
func highlightBody(body string, an *sitrep.Analysis) []template.HTML {
	offsets := make([]int, 0, len(body)+1) // code point -> byte
	for i := range body {
		offsets = append(offsets, i)
	}
	n := len(offsets)
	offsets = append(offsets, len(body))

	spans := collectSpans(an, n)
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})

	var paras []template.HTML
	var b strings.Builder
	si := 0
	// Paragraphs are separated by blank lines; single newlines inside one
	// are wrapped text.
	pos := 0
	for pos < n {
		endByte := strings.Index(body[offsets[pos]:], "\n\n")
		pEnd := n
		if endByte >= 0 {
			pEnd = runeIndex(offsets, offsets[pos]+endByte)
		}
		b.Reset()
		cur := pos
		for si < len(spans) && spans[si].start < pEnd {
			sp := spans[si]
			si++
			if sp.start < cur || sp.end > pEnd {
				continue // overlaps the previous span or crosses the break
			}
			b.WriteString(template.HTMLEscapeString(body[offsets[cur]:offsets[sp.start]]))
			b.WriteString(sp.open)
			b.WriteString(template.HTMLEscapeString(body[offsets[sp.start]:offsets[sp.end]]))
			b.WriteString(sp.close)
			cur = sp.end
		}
		b.WriteString(template.HTMLEscapeString(body[offsets[cur]:offsets[pEnd]]))
		if text := strings.TrimSpace(b.String()); text != "" {
			paras = append(paras, template.HTML(text))
		}
		// Skip the blank lines.
		pos = pEnd
		for pos < n && (body[offsets[pos]] == '\n' || body[offsets[pos]] == '\r') {
			pos++
		}
		for si < len(spans) && spans[si].start < pos {
			si++
		}
	}
	return paras
}

// runeIndex returns the code point index of byte offset b (a boundary).
func runeIndex(offsets []int, b int) int {
	return sort.SearchInts(offsets, b)
}

func collectSpans(an *sitrep.Analysis, n int) []span {
	if an == nil {
		return nil
	}
	var spans []span
	ok := func(s sitrep.Span) bool { return s.Start >= 0 && s.End <= n && s.Start < s.End }
	for _, p := range an.Places {
		if !ok(p.Span) {
			continue
		}
		where := []string{}
		if p.Admin1 != "" && p.Admin1 != p.Name {
			where = append(where, p.Admin1)
		}
		if p.Country != "" && p.Feature != "country" {
			where = append(where, index.CountryName(p.Country))
		}
		title := "Place: " + p.Name
		if len(where) > 0 {
			title += " (" + strings.Join(where, ", ") + ")"
		}
		if p.Feature != "" {
			title += ", " + p.Feature
		}
		title += fmt.Sprintf(" at %.3f, %.3f", p.Lat, p.Lon)
		class := "hl hl-place"
		if p.Verified {
			title, class = title+" · verified by an editor", class+" hl-verified"
		}
		href := placePath(index.PlaceKey(p.Country, p.Name))
		if p.Feature == "country" && p.Country != "" {
			href = "/country/" + url.PathEscape(strings.ToUpper(p.Country))
		}
		spans = append(spans, span{p.Start, p.End,
			`<mark class="` + class + `" title="` + template.HTMLEscapeString(title) + `"><a href="` + template.HTMLEscapeString(href) + `">`, `</a></mark>`})
	}
	for _, a := range an.Actors {
		if !ok(a.Span) {
			continue
		}
		title := "Actor: " + a.Name
		if a.Kind != "" {
			title += " (" + a.Kind + ")"
		}
		class := "hl hl-actor"
		if a.Verified {
			title, class = title+" · verified by an editor", class+" hl-verified"
		}
		href := "/actor/" + url.PathEscape(index.Slug(a.Name))
		spans = append(spans, span{a.Start, a.End,
			`<mark class="` + class + `" title="` + template.HTMLEscapeString(title) + `"><a href="` + template.HTMLEscapeString(href) + `">`, `</a></mark>`})
	}
	for _, d := range an.Dates {
		if !ok(d.Span) {
			continue
		}
		title := "Date: " + d.Value
		if !d.Resolved {
			title += " (not resolved)"
		}
		title += " · " + strings.ToLower(d.Type)
		spans = append(spans, span{d.Start, d.End,
			`<span class="hl hl-date" title="` + template.HTMLEscapeString(title) + `">`, `</span>`})
	}
	return spans
}
