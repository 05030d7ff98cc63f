package claims

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// minShared is how many content words (after folding synonyms) a denial
// and a claim made elsewhere must share, one of them an event, for the
// denial to count against the claim; maxReasonWords bounds the content a
// reason quotes.
const (
	minShared      = 3
	maxReasonWords = 16
)

// Contradictions flags the pairs of claims of one article that disagree,
// each with a reason. A and B index cs (the claims Find returned for text);
// qs are the article's quantities. Three things are flagged:
//
//   - a denial and the claim reported inside it: "the commander denied news
//     reports that said a hundred fighters had crossed" sets the commander
//     against the news reports;
//   - a denial and a claim from another source whose content shares most of
//     the denied content's words, an event among them ("denied that
//     fighters reached Isil territory" against "activists said dozens had
//     crossed into areas the extremists control"), or the nearest earlier
//     report a denial of "the reports" refers to;
//   - two sources giving figures for the same count — the same kind of
//     people and the same event, such as fighters who crossed or people
//     killed — whose ranges cannot both hold: "dozens" (20 to 99) against
//     "a hundred", "about 300" against "40".
//
// A source never contradicts itself (a toll it updates is no dispute), and
// words in purposes and prevented events ("in an attempt to reach", "from
// reaching") are not asserted, so they match nothing.
func Contradictions(txt string, cs []sitrep.Claim, qs []sitrep.Quantity) []sitrep.Contradiction {
	if len(cs) < 2 || !worthReading(cs, qs) {
		return nil
	}
	return ContradictionsOf(Input{Text: txt, Toks: text.Tokens(txt), Sents: text.Sentences(txt), Quantities: qs}, cs)
}

// ContradictionsOf is Contradictions for a document already read: it
// reuses the tokens, sentences and quantities of in (Actors and Lookup are
// not used), where Contradictions reads the text again.
func ContradictionsOf(in Input, cs []sitrep.Claim) []sitrep.Contradiction {
	if len(cs) < 2 || !worthReading(cs, in.Quantities) {
		return nil
	}
	a := newArticle(in, cs)
	var out []sitrep.Contradiction
	seen := map[[2]int]bool{}
	open := func(i, j int) bool {
		k := [2]int{min(i, j), max(i, j)}
		return !seen[k] && !a.sameSource(i, j)
	}
	add := func(i, j int, reason string) {
		seen[[2]int{min(i, j), max(i, j)}] = true
		out = append(out, sitrep.Contradiction{A: i, B: j, Reason: reason})
	}
	for i, c := range cs {
		if c.Stance != Deny {
			continue
		}
		for _, j := range a.inner[i] {
			if cs[j].Stance != Deny && open(i, j) {
				add(i, j, a.denies(i, j))
			}
		}
		for j := range cs {
			if j != i && cs[j].Stance != Deny && open(i, j) && !a.nested(j, i) && !a.nested(i, j) && a.related(i, j) {
				add(i, j, a.denies(i, j))
			}
		}
		if j := a.reportDenied(i); j >= 0 && len(a.inner[i]) == 0 && open(i, j) {
			add(i, j, a.denies(i, j))
		}
	}
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			if len(a.counts[i]) == 0 || len(a.counts[j]) == 0 || !open(i, j) {
				continue
			}
			if r, ok := a.figures(i, j); ok {
				add(i, j, r)
			}
		}
	}
	sort.SliceStable(out, func(x, y int) bool {
		if out[x].A != out[y].A {
			return out[x].A < out[y].A
		}
		return out[x].B < out[y].B
	})
	return out
}

// worthReading reports whether the claims can disagree at all: one of them
// denies, or two hold figures. Most articles are settled here without
// reading their words again.
func worthReading(cs []sitrep.Claim, qs []sitrep.Quantity) bool {
	holders := 0
	for _, c := range cs {
		if c.Stance == Deny {
			return true
		}
		for _, q := range qs {
			if c.ContentStart <= q.Start && q.End <= c.ContentEnd {
				holders++
				break
			}
		}
		if holders >= 2 {
			return true
		}
	}
	return false
}

// article holds what Contradictions reads about each claim.
type article struct {
	txt    string
	toks   []text.Token
	cs     []sitrep.Claim
	inner  [][]int     // claims reported inside each claim
	keys   []wordSet   // asserted content words, folded
	names  []wordSet   // capitalised words of each content
	source []sourceKey // identity of each claim's source
	counts [][]count   // figures each claim gives
	words  []string    // the words of keys and names
	index  *text.Index
}

// wordSet is a set of words, sorted: a claim's content has a few dozen,
// so a slice searched beats a map made for each claim.
type wordSet []string

func (s wordSet) has(w string) bool {
	_, ok := slices.BinarySearch(s, w)
	return ok
}

// setFrom makes a wordSet of words[from:], sorting them in place.
func setFrom(words []string, from int) ([]string, wordSet) {
	ws := words[from:]
	slices.Sort(ws)
	ws = slices.Compact(ws)
	words = words[:from+len(ws)]
	return words, wordSet(ws[:len(ws):len(ws)])
}

func newArticle(in Input, cs []sitrep.Claim) *article {
	a := &article{txt: in.Text, toks: in.Toks, cs: cs, index: in.index()}
	a.inner = make([][]int, len(cs))
	for i := range cs {
		for j := range cs {
			if j != i && a.nested(j, i) {
				a.inner[i] = append(a.inner[i], j)
			}
		}
	}
	a.keys = make([]wordSet, len(cs))
	for i := range cs {
		a.keys[i] = a.contentKeys(i)
	}
	sents := in.Sents
	a.names = make([]wordSet, len(cs))
	for i := range cs {
		a.names[i] = a.contentNames(i, sents)
	}
	a.source = a.sourceKeys(sents)
	a.counts = make([][]count, len(cs))
	for _, q := range in.Quantities {
		i := a.innermost(q.Start, q.End)
		if i < 0 || cs[i].Stance == Deny {
			continue // a figure denied is not a figure given
		}
		if ms := a.measures(i, q); len(ms) > 0 && !a.cumulative(i) && !a.additive(q) {
			lo, hi := valueRange(q)
			a.counts[i] = append(a.counts[i], count{q: q, measures: ms, lo: lo, hi: hi})
		}
	}
	return a
}

// anaphors open a short denial that points back: "it was not true".
var anaphors = set(`it this these those such`)

// tokens returns the token range inside code points [s, e).
func (a *article) tokens(s, e int) (int, int) {
	i, j := a.index.From(s), a.index.After(e)
	return i, max(i, j)
}

// nested reports whether claim j is reported inside claim i's content.
func (a *article) nested(j, i int) bool {
	o, c := a.cs[i], a.cs[j]
	return o.ContentStart <= c.CueStart && c.CueEnd <= o.ContentEnd && !(c.ContentStart <= o.CueStart && o.CueEnd <= c.ContentEnd)
}

// innermost returns the claim with the smallest content that holds code
// points [s, e), or -1.
func (a *article) innermost(s, e int) int {
	best, size := -1, 0
	for i, c := range a.cs {
		if c.ContentStart <= s && e <= c.ContentEnd && (best < 0 || c.ContentEnd-c.ContentStart < size) {
			best, size = i, c.ContentEnd-c.ContentStart
		}
	}
	return best
}

// contentKeys returns the words claim i asserts: content words folded to
// synonym classes, without stop words, numbers, the sources and cues of
// claims reported inside it, and what follows a purpose or a prevention
// ("in an attempt to reach", "blocking the convoy from reaching").
func (a *article) contentKeys(i int) wordSet {
	c := a.cs[i]
	lo, hi := a.tokens(c.ContentStart, c.ContentEnd)
	hi = min(hi, lo+maxContent)
	from := len(a.words)
	for k := lo; k < hi; k++ {
		if e := irrealisEnd(a.toks, k, hi); e > 0 {
			k = e - 1
			continue
		}
		t := a.toks[k]
		if t.Number || contentStops[t.Key] || numberWords[t.Key] || len(t.Key) < 3 || a.insideOther(i, t.Start) {
			continue
		}
		a.words = append(a.words, normalize(t.Key))
	}
	var keys wordSet
	a.words, keys = setFrom(a.words, from)
	return keys
}

// irrealisEnd returns the end of the purpose or prevented event that starts
// at token k ("attempt to reach ...", "from reaching ..."): the next comma
// or clause word, at most eight tokens on. It returns 0 when none starts
// at k.
func irrealisEnd(toks []text.Token, k, hi int) int {
	key := toks[k].Key
	next := ""
	if k+1 < hi {
		next = toks[k+1].Key
	}
	start := false
	switch {
	case purposeNouns[key] && next == "to":
		start = true // "attempt to", "bid to"
	case key == "from" && strings.HasSuffix(next, "ing"):
		start = true // "from reaching"
	case (key == "order" || key == "as") && next == "to" && k > 0 && (toks[k-1].Key == "in" || toks[k-1].Key == "so"):
		start = true
	}
	if !start {
		return 0
	}
	e := k + 1
	for e < hi && e-k < 9 && !clauseWords[toks[e].Key] {
		e++
	}
	return e
}

// insideOther reports whether code point cp lies in the source or cue of
// another claim reported inside claim i ("news reports that said" in a
// denial's content).
func (a *article) insideOther(i, cp int) bool {
	for _, j := range a.inner[i] {
		c := a.cs[j]
		if c.SourceStart <= cp && cp < c.SourceEnd || c.CueStart <= cp && cp < c.CueEnd {
			return true
		}
	}
	return false
}

// sourceKeys names each claim's source for comparison: the actor, else the
// source's head phrase folded, a pronoun taking its antecedent's. A claim
// without a known source gets a key of its own.
func (a *article) sourceKeys(sents []text.Span) []sourceKey {
	keys := make([]sourceKey, len(a.cs))
	kinds := make([]sourceKind, len(a.cs))
	for i, c := range a.cs {
		if c.Source != "" {
			kinds[i] = kindOf(c.Source, c.SourceActor != "", "")
		}
	}
	sentOf := sentenceOf(sents, a.cs)
	for i, c := range a.cs {
		switch {
		case c.SourceActor != "":
			keys[i] = sourceKey{kind: sourceActor, name: c.SourceActor}
		case isPronoun(c.Source):
			if j := antecedent(a.cs, kinds, sentOf, i); j >= 0 && keys[j].kind != 0 {
				keys[i] = keys[j]
			} else {
				keys[i] = sourceKey{kind: sourceUnknown, claim: i}
			}
		case c.Source != "":
			keys[i] = sourceKey{kind: sourceText, name: text.Fold(label(c.Source))}
		default:
			keys[i] = sourceKey{kind: sourceUnknown, claim: i}
		}
	}
	return keys
}

// sourceKey identifies a claim's source: an actor by name, another named
// source by its head phrase folded, an unknown one by its claim.
type sourceKey struct {
	kind  uint8 // sourceActor, sourceText, sourceUnknown
	name  string
	claim int
}

const (
	sourceActor = iota + 1
	sourceText
	sourceUnknown
)

func (a *article) sameSource(i, j int) bool { return a.source[i] == a.source[j] }

// related reports whether the denial i and claim j speak of the same thing:
// they share at least minShared words, an event among them, and those are
// three quarters or more of what the denial denies.
func (a *article) related(i, j int) bool {
	d, c := a.keys[i], a.keys[j]
	shared, event := 0, false
	for _, k := range d {
		if c.has(k) {
			shared++
			event = event || strings.HasPrefix(k, "event:")
		}
	}
	return shared >= minShared && event && float64(shared) >= 0.75*float64(len(d))
}

// reportDenied returns the claim a denial of "the reports" or "the claims"
// refers to when the denial names nothing else: the nearest earlier claim
// from another source made by reporting ("reported", "claimed") or by the
// media; and for a short denial of "it" or "this" ("said it was not
// true"), the claim just before it. It returns -1 for none.
func (a *article) reportDenied(i int) int {
	d := a.cs[i]
	lo, hi := a.tokens(d.ContentStart, d.ContentEnd)
	report := false
	for k := lo; k < hi && k-lo < 6; k++ {
		report = report || propositionNouns[a.toks[k].Key]
	}
	// "said it was not true": a short denial of what was said before.
	anaphoric := hi-lo <= 6 && hi > lo && anaphors[a.toks[lo].Key]
	if anaphoric {
		for j := i - 1; j >= 0 && i-j <= 2; j-- {
			if a.cs[j].Stance != Deny && !a.sameSource(i, j) && !a.nested(i, j) {
				return j
			}
		}
		return -1
	}
	if !report || len(a.keys[i]) > minShared {
		return -1
	}
	for j := i - 1; j >= 0 && i-j <= 3; j-- {
		c := a.cs[j]
		if c.Stance == Deny || a.sameSource(i, j) {
			continue
		}
		cue := text.Fold(c.Cue)
		head, _ := headWord(c.Source)
		if strings.Contains(cue, "report") || strings.Contains(cue, "claim") || strings.Contains(cue, "alleg") || mediaNouns[head] {
			return j
		}
	}
	return -1
}

// denies words the reason for a denial i of claim j.
func (a *article) denies(i, j int) string {
	if c := a.cs[j]; c.Source == "" && nounCues[text.Fold(c.Cue)] != "" {
		return fmt.Sprintf("%s denies the %s: %s", a.display(i), text.Fold(c.Cue), a.snippet(j))
	}
	return fmt.Sprintf("%s denies what %s said: %s", a.display(i), a.display(j), a.snippet(j))
}

// display names a claim's source in a reason.
func (a *article) display(i int) string {
	c := a.cs[i]
	switch {
	case c.SourceActor != "" && !isPronoun(c.Source):
		return c.SourceActor
	case c.Source == "" && nounCues[text.Fold(c.Cue)] != "":
		return "the " + text.Fold(c.Cue) // "the allegations"
	case c.Source == "":
		return "an unnamed source"
	}
	l := label(c.Source)
	if w, rest, ok := strings.Cut(l, " "); ok && articles[strings.ToLower(w)] {
		return strings.ToLower(w) + " " + rest
	}
	if isPronoun(l) && c.SourceActor != "" {
		return c.SourceActor
	}
	return l
}

// label returns the head phrase of a source: up to its first comma or a
// preposition after it ("The commander" of "The commander in the
// alliance").
func label(source string) string {
	s, _, _ := strings.Cut(source, ",")
	words := strings.Fields(s)
	for n, w := range words {
		if n > 0 && headStops[strings.ToLower(w)] {
			return strings.Join(words[:n], " ")
		}
	}
	return strings.Join(words, " ")
}

// snippet returns claim i's content without a leading "that" or quotation
// marks around it all, cut to maxReasonWords words.
func (a *article) snippet(i int) string {
	c := a.cs[i]
	lo, hi := a.tokens(c.ContentStart, c.ContentEnd)
	if lo >= hi {
		return ""
	}
	s := a.txt[a.toks[lo].ByteStart:a.toks[hi-1].ByteEnd]
	if n := a.toks[lo].Start - c.ContentStart; n > 0 {
		// The content opens with a quotation mark: `"dozens" of ...`.
		gapStart := 0
		if lo > 0 {
			gapStart = a.toks[lo-1].ByteEnd
		}
		s = lastRunes(a.txt[gapStart:a.toks[lo].ByteStart], n) + s
	}
	words := strings.Fields(s)
	if len(words) > maxReasonWords {
		words = append(words[:maxReasonWords], "…")
	}
	s = strings.Join(words, " ")
	if rest, ok := strings.CutPrefix(s, "that "); ok {
		s = rest
	}
	if r := []rune(s); len(r) > 1 && strings.ContainsRune("\"“", r[0]) && strings.ContainsRune("\"”", r[len(r)-1]) {
		s = string(r[1 : len(r)-1])
	}
	return s
}

// lastRunes returns the last n code points of s.
func lastRunes(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}
