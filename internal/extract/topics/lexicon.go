// Package topics says which IPTC Media Topics an article is about, by
// counting the cue phrases of a curated lexicon (data/topics.tsv) in its
// tokens. Cues are matched as sequences of folded words, so "air-strikes",
// "Air strikes" and "air strikes" are one cue; each topic's score is the
// weight of its cues per hundred words, with titles counting double and
// parents taking a share of their children's weight.
package topics

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep-project/sitrep/data"
	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// Lexicon is a parsed topic lexicon. It is read-only after Parse, so one
// Lexicon serves any number of goroutines.
type Lexicon struct {
	topics []topic
	cues   []cue
	// index maps the first word of a cue to the cue patterns that start
	// with it, longest first, so the first pattern that fits is the longest
	// match.
	index map[string][]pattern
	// first may be the keys of index and is not most other words.
	first *text.Filter
	// bottomUp lists topic indexes deepest first, the order in which
	// children pass their weight to their parents.
	bottomUp []int
}

type topic struct {
	code, label string
	parent      int // -1 for a top-level subject
	depth       int
}

type cue struct {
	phrase  string
	targets []target
}

type target struct {
	topic  int
	weight float64
}

// pattern is one written form of a cue: its words after the first.
type pattern struct {
	rest []string
	cue  int
}

var loadLexicon = sync.OnceValues(func() (*Lexicon, error) {
	return Parse("topics.tsv", data.TopicsTSV)
})

// Load returns the built-in lexicon, parsed once and shared.
func Load() (*Lexicon, error) {
	return loadLexicon()
}

var codePattern = regexp.MustCompile(`^medtop:[0-9]{8}$`)

// Parse reads a lexicon in the topics.tsv format; name labels errors.
func Parse(name, src string) (*Lexicon, error) {
	l := &Lexicon{index: make(map[string][]pattern)}
	byCode := make(map[string]int)
	parents := make([]string, 0, 128)
	lines := make([]int, 0, 128)
	type rawCue struct {
		topic  int
		phrase string
		weight float64
	}
	var raw []rawCue

	for n, line := range strings.Split(src, "\n") {
		lineNo := n + 1
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 3 || len(cols) > 4 {
			return nil, fmt.Errorf("topics: %s line %d: want 3 or 4 tab-separated columns, got %d", name, lineNo, len(cols))
		}
		code, label, parent := cols[0], strings.TrimSpace(cols[1]), cols[2]
		if !codePattern.MatchString(code) {
			return nil, fmt.Errorf("topics: %s line %d: code %q is not medtop:NNNNNNNN", name, lineNo, code)
		}
		if label == "" {
			return nil, fmt.Errorf("topics: %s line %d: %s has no label", name, lineNo, code)
		}
		if _, dup := byCode[code]; dup {
			return nil, fmt.Errorf("topics: %s line %d: %s listed twice", name, lineNo, code)
		}
		t := len(l.topics)
		byCode[code] = t
		l.topics = append(l.topics, topic{code: code, label: label, parent: -1})
		parents = append(parents, parent)
		lines = append(lines, lineNo)
		if len(cols) < 4 {
			continue
		}
		for field := range strings.SplitSeq(cols[3], "|") {
			if strings.TrimSpace(field) == "" {
				continue
			}
			phrase, weight, err := parseCue(field)
			if err != nil {
				return nil, fmt.Errorf("topics: %s line %d: cue %q: %w", name, lineNo, field, err)
			}
			raw = append(raw, rawCue{t, phrase, weight})
		}
	}
	if len(l.topics) == 0 {
		return nil, fmt.Errorf("topics: %s: no topics", name)
	}

	for t, p := range parents {
		if p == "" {
			continue
		}
		pi, ok := byCode[p]
		if !ok {
			return nil, fmt.Errorf("topics: %s line %d: parent %s of %s is not in the lexicon", name, lines[t], p, l.topics[t].code)
		}
		l.topics[t].parent = pi
	}
	for t := range l.topics {
		depth := 0
		for p := l.topics[t].parent; p >= 0; p = l.topics[p].parent {
			if depth++; depth > len(l.topics) {
				return nil, fmt.Errorf("topics: %s line %d: %s is its own ancestor", name, lines[t], l.topics[t].code)
			}
		}
		l.topics[t].depth = depth
		l.bottomUp = append(l.bottomUp, t)
	}
	slices.SortStableFunc(l.bottomUp, func(a, b int) int { return l.topics[b].depth - l.topics[a].depth })

	byPhrase := make(map[string]int)
	for _, r := range raw {
		c, ok := byPhrase[r.phrase]
		if !ok {
			c = len(l.cues)
			byPhrase[r.phrase] = c
			l.cues = append(l.cues, cue{phrase: r.phrase})
		}
		l.cues[c].targets = append(l.cues[c].targets, target{r.topic, r.weight})
	}
	l.buildIndex()
	return l, nil
}

// parseCue splits "air strike:2" into its folded phrase and weight.
func parseCue(field string) (string, float64, error) {
	phrase, weight := field, 1.0
	if i := strings.LastIndexByte(field, ':'); i >= 0 {
		w, err := strconv.ParseFloat(strings.TrimSpace(field[i+1:]), 64)
		if err != nil || w <= 0 || w > 100 {
			return "", 0, fmt.Errorf("weight %q is not a number in (0, 100]", field[i+1:])
		}
		phrase, weight = field[:i], w
	}
	phrase = text.Fold(phrase)
	if phrase == "" {
		return "", 0, fmt.Errorf("empty phrase")
	}
	return phrase, weight, nil
}

// buildIndex adds every cue's written form, then the regular plurals of its
// last word where no cue is written that way already, so that "aid" finding
// "aids" never shadows a cue that means something else by "aids".
func (l *Lexicon) buildIndex() {
	seen := make(map[string]bool)
	add := func(words []string, c int) {
		key := strings.Join(words, " ")
		if seen[key] {
			return
		}
		seen[key] = true
		l.index[words[0]] = append(l.index[words[0]], pattern{rest: slices.Clone(words[1:]), cue: c})
	}
	for c := range l.cues {
		add(strings.Fields(l.cues[c].phrase), c)
	}
	for c := range l.cues {
		words := strings.Fields(l.cues[c].phrase)
		last := words[len(words)-1]
		for _, p := range plurals(last) {
			words[len(words)-1] = p
			add(words, c)
		}
	}
	l.first = text.NewFilter(len(l.index))
	for first, pats := range l.index {
		slices.SortStableFunc(pats, func(a, b pattern) int { return len(b.rest) - len(a.rest) })
		l.index[first] = pats
		l.first.Add(first)
	}
}

// plurals returns the regular English plurals of a word: -s, -es after a
// sibilant or o, -ies for a consonant and y. Irregular forms are cues of
// their own.
func plurals(w string) []string {
	n := len(w)
	if n < 2 || w[n-1] < 'a' || w[n-1] > 'z' {
		return nil // numbers and codes like "g7" have no plural
	}
	switch {
	case w[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(w[n-2])):
		return []string{w[:n-1] + "ies"}
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return []string{w + "es"}
	case w[n-1] == 'o':
		return []string{w + "s", w + "es"}
	}
	return []string{w + "s"}
}
