package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// printAnalysis writes the human summary of `extract --format text`.
func printAnalysis(w io.Writer, a *sitrep.Article) {
	fmt.Fprintf(w, "%s\n", a.Title)
	if p := publishedString(a); p != "" {
		fmt.Fprintf(w, "Published: %s\n", p)
	}
	an := a.Analysis
	if an == nil {
		return
	}
	var cs, ts []string
	for _, c := range an.Countries {
		cs = append(cs, fmt.Sprintf("%s (%s, %.2f)", c.Name, c.Code, c.Score))
	}
	for _, t := range an.Topics {
		ts = append(ts, fmt.Sprintf("%s (%.2f)", t.Label, t.Score))
	}
	fmt.Fprintf(w, "Countries: %s\n", orNone(strings.Join(cs, ", ")))
	fmt.Fprintf(w, "Topics:    %s\n", orNone(strings.Join(ts, ", ")))

	section(w, "Places", len(an.Places))
	seen := map[string]bool{}
	for _, p := range an.Places {
		key := p.Text + "|" + p.Name
		if seen[key] {
			continue
		}
		seen[key] = true
		where := strings.Trim(strings.Join([]string{p.Admin1, p.Country}, ", "), ", ")
		fmt.Fprintf(w, "  %-24s -> %s (%s; %s) %.4f, %.4f\n", p.Text, p.Name, p.Feature, where, p.Lat, p.Lon)
	}
	section(w, "Actors", len(an.Actors))
	seen = map[string]bool{}
	for _, ac := range an.Actors {
		key := ac.Text + "|" + ac.Name
		if seen[key] {
			continue
		}
		seen[key] = true
		fmt.Fprintf(w, "  %-24s -> %s (%s%s)\n", ac.Text, ac.Name, ac.Kind, prefixed(", ", ac.Country))
	}
	section(w, "Dates", len(an.Dates))
	for _, d := range an.Dates {
		fmt.Fprintf(w, "  %-24s %s %s\n", d.Text, d.Type, d.Value)
	}
	section(w, "Quantities", len(an.Quantities))
	for _, q := range an.Quantities {
		approx := ""
		if q.Approximate {
			approx = "~"
		}
		fmt.Fprintf(w, "  %-24s %s%g %s\n", q.Text, approx, q.Value, q.Noun)
	}
	if len(an.Events) > 0 {
		section(w, "Events", len(an.Events))
		for _, e := range an.Events {
			fmt.Fprintf(w, "  %s\n", eventLine(e))
		}
	}
	if len(an.Claims) > 0 {
		section(w, "Claims", len(an.Claims))
		body := []rune(a.Body)
		for _, c := range an.Claims {
			fmt.Fprintf(w, "  [%s] %s %s: %s\n", c.Stance, c.Source, c.Cue, clip(spanText(body, c.ContentStart, c.ContentEnd), 100))
		}
	}
	if len(an.Contradictions) > 0 {
		section(w, "Contradictions", len(an.Contradictions))
		for _, c := range an.Contradictions {
			fmt.Fprintf(w, "  claims %d and %d: %s\n", c.A, c.B, c.Reason)
		}
	}
}

func eventLine(e sitrep.Event) string {
	parts := []string{orNone(e.Date), e.SubType}
	actors := strings.Join(append([]string{e.Actor1}, e.Assoc1...), " with ")
	if e.Actor2 != "" {
		actors += " -> " + e.Actor2
	}
	parts = append(parts, orNone(actors))
	if e.Place != nil {
		parts = append(parts, e.Place.Name+prefixed(", ", e.Place.Country))
	}
	if e.Fatalities != nil {
		parts = append(parts, fmt.Sprintf("%d killed", *e.Fatalities))
	}
	var flags []string
	if e.Negated {
		flags = append(flags, "negated")
	}
	if e.Hypothetical {
		flags = append(flags, "hypothetical")
	}
	if len(flags) > 0 {
		parts = append(parts, "("+strings.Join(flags, ", ")+")")
	}
	return strings.Join(parts, " | ")
}

func spanText(r []rune, start, end int) string {
	if start < 0 || end > len(r) || start >= end {
		return ""
	}
	return string(r[start:end])
}

func section(w io.Writer, name string, n int) {
	fmt.Fprintf(w, "\n%s (%d)\n", name, n)
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func prefixed(p, s string) string {
	if s == "" {
		return ""
	}
	return p + s
}
