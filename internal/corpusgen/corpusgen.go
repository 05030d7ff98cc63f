// Package corpusgen generates synthetic news articles for benchmarks and
// load tests: deterministic for a seed, shaped like conflict reporting
// (places, actors, numbers, dates, attributions), and plainly labelled as
// generated so they are never mistaken for real reporting.
package corpusgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// Article is one generated article in the JSONL shape sitrep ingests.
type Article struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
	URL       string `json:"url"`
	Source    string `json:"source"`
}

// Generator yields articles; the same seed always gives the same sequence.
type Generator struct {
	rng   *rand.Rand
	n     int
	start time.Time
	// Words is the approximate body length in words (default 400).
	Words int
}

// New returns a generator for seed.
func New(seed uint64) *Generator {
	return &Generator{
		rng:   rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		start: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC),
		Words: 400,
	}
}

var (
	places  = []string{"Deir al-Zor", "Al-Bukamal", "Raqqa", "Palmyra", "Homs", "Aleppo", "Idlib", "Daraa", "Mosul", "Kirkuk", "Tikrit", "Ramadi", "Fallujah", "Sinjar", "Baalbek", "Tripoli", "Sidon", "Hodeidah", "Marib", "Taiz", "Aden", "El Fasher", "Nyala", "Omdurman", "Sirte", "Benghazi", "Mogadishu", "Kismayo", "Baidoa", "Gao"}
	actors  = []string{"the Syrian army", "Islamic State fighters", "the US-led coalition", "Hezbollah", "the Syrian Democratic Forces", "Iraqi security forces", "the Popular Mobilisation Forces", "Houthi forces", "the Rapid Support Forces", "the Sudanese army", "al-Shabaab militants", "government troops", "local militias", "Turkish-backed factions", "Russian warplanes"}
	verbs   = []string{"attacked", "shelled", "struck", "clashed with", "ambushed", "captured positions held by", "launched drones at", "besieged", "withdrew from areas near", "negotiated a truce with"}
	sources = []string{"the Syrian Observatory for Human Rights", "a military spokesman", "local activists", "the health ministry", "a statement from the group", "residents reached by phone", "a security official", "the United Nations"}
	cues    = []string{"said", "reported", "denied", "claimed", "told reporters", "confirmed", "warned"}
	nouns   = []string{"civilians", "fighters", "soldiers", "vehicles", "families", "children", "buses", "checkpoints", "homes", "villages"}
	filler  = []string{"The fighting", "Aid agencies", "Witnesses", "The convoy", "Officials", "Analysts", "The offensive", "Residents", "The ceasefire", "The region"}
	tails   = []string{"has forced thousands to flee in recent weeks", "remains tense after days of clashes", "is expected to continue into next week", "was condemned by rights groups", "has cut the main road to the border", "left several neighbourhoods without water or power", "drew a warning from neighbouring governments", "came despite a truce agreed earlier this month"}
	outlets = []string{"Generated Wire", "Synthetic Courier", "Test Dispatch", "Sample Herald"}
)

func (g *Generator) pick(xs []string) string { return xs[g.rng.IntN(len(xs))] }

// Next returns the next article.
func (g *Generator) Next() Article {
	g.n++
	place := g.pick(places)
	actor := g.pick(actors)
	pub := g.start.Add(time.Duration(g.rng.IntN(60*24)) * time.Hour)
	title := fmt.Sprintf("%s %s %s near %s", capital(actor), g.pick(verbs), g.pick(actors), place)
	var b strings.Builder
	words := 0
	for words < g.Words {
		var s string
		switch g.rng.IntN(4) {
		case 0:
			s = fmt.Sprintf("%s %s %s in %s on %s, killing %d %s.", capital(g.pick(actors)), g.pick(verbs), g.pick(actors), g.pick(places), pub.AddDate(0, 0, -g.rng.IntN(6)).Weekday(), 1+g.rng.IntN(40), g.pick(nouns))
		case 1:
			s = fmt.Sprintf("%s %s that about %d %s had left %s since last week.", capital(g.pick(sources)), g.pick(cues), 10*(1+g.rng.IntN(50)), g.pick(nouns), g.pick(places))
		case 2:
			s = fmt.Sprintf("%s %s.", g.pick(filler), g.pick(tails))
		default:
			s = fmt.Sprintf("According to %s, %d %s were seen moving towards %s yesterday, while %s %s the claim.", g.pick(sources), 2+g.rng.IntN(30), g.pick(nouns), g.pick(places), g.pick(actors), g.pick(cues))
		}
		if b.Len() > 0 {
			if g.rng.IntN(4) == 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
		words += strings.Count(s, " ") + 1
	}
	fmt.Fprintf(&b, "\n\n(Generated article %d for testing; not real reporting.)", g.n)
	return Article{
		ID:        fmt.Sprintf("gen-%d", g.n),
		Title:     title,
		Text:      b.String(),
		Published: pub.Format(time.RFC3339),
		URL:       fmt.Sprintf("https://generated.example/%s/%d", pub.Format("2006/01/02"), g.n),
		Source:    g.pick(outlets),
	}
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
