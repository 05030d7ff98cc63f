// Package claims finds attributions in news text — who said, denied or
// claimed what — and flags where the sources of one article disagree.
//
// A claim has a source ("the commander", "A Britain-based war monitor, the
// Syrian Observatory for Human Rights", "he"), a cue ("said", "denied",
// "according to", "said in a statement") and a content: the reported
// proposition, a "that" clause, a quotation (which may span sentences) or
// the rest of the clause. The patterns read are "X said Y", "Y, X said",
// "Y,” said X", "According to X, Y", "Y, according to X", "X said: “...”",
// participles ("..., adding that Y"), passive hedges ("it is believed
// that Y"), report nouns ("the claim that Y"), headline and transcript
// labels ("Name: Y") and quotation signatures ("“Y” ― Name").
//
// The method is rules over the shared tokens, the sentence spans, the
// actor mentions and the punctuation between tokens; no parser. Offsets
// are code points of the text, as everywhere in sitrep.
package claims

import (
	"slices"
	"sort"
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Input is one document as the other extractors have read it.
type Input struct {
	Text       string
	Toks       []text.Token // text.Tokens(Text)
	Sents      []text.Span  // text.Sentences(Text)
	Actors     []sitrep.ActorMention
	Quantities []sitrep.Quantity
	// Lookup, when set, resolves a source the actor mentions do not cover
	// to a canonical actor name (actors.Lexicon.Lookup).
	Lookup func(source string) (name string, ok bool)
	// Index, when set, is text.NewIndex(Toks), shared with the other
	// extractors; otherwise Find makes its own.
	Index *text.Index
}

// index returns the index of the input's tokens.
func (in *Input) index() *text.Index {
	if in.Index == nil {
		in.Index = text.NewIndex(in.Toks)
	}
	return in.Index
}

// Find returns the claims of the document in text order (by cue).
func Find(in Input) []sitrep.Claim {
	if len(in.Toks) == 0 {
		return nil
	}
	d := newDoc(in)
	var found []claim
	for t := 0; t < len(d.toks); t++ {
		key := d.toks[t].Key
		if !cueWords.May(key) {
			continue // neither a verb nor a noun cue
		}
		if v, ok := verbs[key]; ok {
			c, next, ok := d.verbClaim(t, v, found)
			if st, noun := nounCues[key]; !ok && noun {
				// "denied reports that ...": the noun reading.
				lo, hi := d.sentence(t)
				c, ok = d.nounClaim(t, st, lo, hi)
			}
			if ok {
				found = append(found, c)
				if c.conStart >= c.cueEnd {
					// Resume at the content: "said in a statement that" has
					// no second cue in "statement".
					next, _ = d.tokensOf(c.conStart, c.conStart)
				}
			}
			t = max(t, next-1)
			continue
		}
		if st, ok := nounCues[key]; ok {
			lo, hi := d.sentence(t)
			if c, ok := d.nounClaim(t, st, lo, hi); ok {
				found = append(found, c)
			}
		}
	}
	found = d.labelClaims(found)
	found = d.signatureClaims(found)
	slices.SortStableFunc(found, func(a, b claim) int { return a.cueStart - b.cueStart })
	return d.output(unnest(found), in.Lookup)
}

// flanks reports whether o's content runs around its own cue and c's cue
// follows o's in the same sentence: in `“A,” said X, adding that B. “C.”`
// the "adding" claim is the speaker's next claim, not one inside A or C.
func (o claim) flanks(c claim) bool {
	return o.conStart < o.cueStart && o.cueEnd <= c.cueStart && c.cueStart < o.sentEnd
}

// unnest drops claims reported inside another claim's content ("He said
// the army announced a truce" is his claim, not the army's), except inside
// a denial, where the claim denied stands on its own so that the denial
// can be set against it.
func unnest(cs []claim) []claim {
	// Contents sorted by start, with the largest end so far: a cue past
	// every content that starts before it is inside none, which settles
	// most claims without a scan.
	order := make([]int, 0, len(cs))
	for i, c := range cs {
		if c.stance != Deny {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(x, y int) int { return cs[x].conStart - cs[y].conStart })
	reach := make([]int, len(order))
	for k, i := range order {
		reach[k] = cs[i].conEnd
		if k > 0 {
			reach[k] = max(reach[k], reach[k-1])
		}
	}
	out := make([]claim, 0, len(cs))
	for i, c := range cs {
		k := sort.Search(len(order), func(k int) bool { return cs[order[k]].conStart > c.cueStart })
		inner := false
		for m := k - 1; m >= 0 && reach[m] >= c.cueEnd; m-- {
			j := order[m]
			o := cs[j]
			if j != i && c.cueEnd <= o.conEnd && !(c.conStart <= o.cueStart && o.cueEnd <= c.conEnd) && !o.flanks(c) {
				inner = true
				break
			}
		}
		if !inner {
			out = append(out, c)
		}
	}
	return out
}

// output turns found claims into sitrep claims, resolving sources to
// actors and pronouns to the last named source they fit.
func (d *doc) output(found []claim, lookup func(string) (string, bool)) []sitrep.Claim {
	out := make([]sitrep.Claim, len(found))
	kinds := make([]sourceKind, len(found))
	for i, c := range found {
		sc := sitrep.Claim{
			CueStart: c.cueStart, CueEnd: c.cueEnd, Cue: d.slice(c.cueStart, c.cueEnd),
			ContentStart: c.conStart, ContentEnd: c.conEnd, Stance: c.stance,
			SourceStart: c.cueStart, SourceEnd: c.cueStart,
		}
		if sc.Stance == "" {
			sc.Stance = Assert
		}
		if c.hasSource() {
			sc.SourceStart, sc.SourceEnd = d.span(c.srcA, c.srcB)
			sc.Source = d.textOf(c.srcA, c.srcB)
			var kind string
			sc.SourceActor, kind = d.actorOf(c.srcA, c.srcB)
			if sc.SourceActor == "" && lookup != nil && !isPronoun(sc.Source) {
				sc.SourceActor, _ = lookup(sc.Source)
			}
			kinds[i] = kindOf(sc.Source, sc.SourceActor != "", kind)
		}
		out[i] = sc
	}
	sents := sentenceOf(d.sents, out)
	for i := range out {
		if out[i].SourceActor != "" || !isPronoun(out[i].Source) {
			continue
		}
		if j := antecedent(out, kinds, sents, i); j >= 0 {
			out[i].SourceActor = out[j].SourceActor
		}
	}
	return out
}

// sentenceOf returns the index of the sentence of each claim's cue.
func sentenceOf(sents []text.Span, cs []sitrep.Claim) []int {
	out := make([]int, len(cs))
	for i, c := range cs {
		out[i] = sort.Search(len(sents), func(k int) bool { return sents[k].End > c.CueStart })
	}
	return out
}

// actorOf returns the actor a source names, with its kind: an actor named
// in the source's head ("Hezbollah" of "Hezbollah, a group allied to
// President Assad"; "the army" of "a spokesman for the army"), a person
// before a group, else one named in an apposition ("A war monitor, the
// Syrian Observatory for Human Rights").
func (d *doc) actorOf(a, b int) (string, string) {
	start, end := d.span(a, b)
	ms := d.actorsIn(start, end)
	if len(ms) == 0 {
		return "", ""
	}
	head, appo := d.sourceParts(a, b)
	var first *sitrep.ActorMention
	for i := range ms {
		if ms[i].Start >= d.toks[head-1].End {
			break
		}
		if ms[i].Kind == "person" {
			return ms[i].Name, ms[i].Kind
		}
		if first == nil {
			first = &ms[i]
		}
	}
	if first != nil {
		return first.Name, first.Kind
	}
	if appo < b {
		for _, m := range ms {
			if m.Start >= d.toks[appo].Start {
				return m.Name, m.Kind
			}
		}
	}
	return "", ""
}

// sourceParts splits source tokens [a, b): the head ends at the first
// comma or at a preposition that does not follow a representative noun
// ("commander in", "spokesman for" go on); an apposition starts after the
// first comma. It returns the end of the head and the apposition's start
// (b when there is none).
func (d *doc) sourceParts(a, b int) (head, appo int) {
	head, appo = b, b
	for k := a + 1; k < b; k++ {
		if d.gaps[k]&gComma != 0 {
			head, appo = k, k
			break
		}
		if headStops[d.key(k)] && !representatives[d.key(k-1)] {
			head = k
			break
		}
	}
	if appo == b {
		for k := head; k < b; k++ {
			if d.gaps[k]&gComma != 0 {
				appo = k
				break
			}
		}
	}
	return head, appo
}

// representatives speak for the group named after them: "a spokesman for
// the army", "officials of the ministry".
var representatives = set(`spokesman spokeswoman spokesperson spokesmen official officials
representative representatives member members commander commanders leader leaders head chief
minister ministers source sources envoy ambassador adviser advisor officer officers chairman
director secretary president statement spokesperson fighters`)

// slice returns code points [a, b) of the text, which the claim's own
// token offsets bound.
func (d *doc) slice(a, b int) string {
	i, j := d.tokensOf(a, b)
	if i < j && d.toks[i].Start == a && d.toks[j-1].End == b {
		return d.text[d.toks[i].ByteStart:d.toks[j-1].ByteEnd]
	}
	return runeSlice(d.text, a, b)
}

// runeSlice returns code points [a, b) of s, counting each invalid byte as
// one code point as the tokenizer does.
func runeSlice(s string, a, b int) string {
	cp, bs := 0, -1
	for i := range s {
		if cp == a {
			bs = i
		}
		if cp == b {
			if bs < 0 {
				return ""
			}
			return s[bs:i]
		}
		cp++
	}
	if bs < 0 {
		return ""
	}
	return s[bs:]
}

// sourceKind is what a pronoun may refer to.
type sourceKind uint8

const (
	kindNone   sourceKind = iota
	kindPerson            // he, she
	kindGroup             // it, they
	kindPlural            // they
	kindPronoun
)

// kindOf classifies a source by its actor kind when known, else by its head
// word: a title or a capitalised name is a person, an institution a group,
// a plural noun plural.
func kindOf(source string, hasActor bool, actorKind string) sourceKind {
	if isPronoun(source) {
		return kindPronoun
	}
	head, plural := headWord(source)
	switch {
	case actorKind == "person" || personNouns[head] && !plural:
		return kindPerson
	case actorKind != "" && actorKind != "person":
		if plural {
			return kindPlural
		}
		return kindGroup
	case groupNouns[head]:
		return kindGroup
	case plural || strings.Contains(source, " and "):
		return kindPlural
	case hasActor:
		return kindGroup
	}
	if r := firstRune(head); r >= 'a' && r <= 'z' {
		return kindGroup
	}
	return kindPerson
}

// headWord returns the folded head noun of a source: its last word before
// a comma or a preposition ("commander" of "The commander in the
// alliance"), and whether it looks plural.
func headWord(source string) (string, bool) {
	s, _, _ := strings.Cut(source, ",")
	head := ""
	var buf [32]byte
	for w := range strings.FieldsSeq(s) {
		if head != "" && headStops[string(text.AppendFold(buf[:0], w))] {
			break
		}
		head = w
	}
	k := text.Fold(head)
	if i := strings.LastIndexByte(k, ' '); i >= 0 {
		k = k[i+1:]
	}
	plural := len(k) > 3 && k[len(k)-1] == 's' && k[len(k)-2] != 's' && firstRune(head) >= 'a'
	if firstRune(head) < 'a' && strings.HasSuffix(k, "ists") {
		plural = true
	}
	return k, plural
}

var headStops = set(`of in for at from with by on to who which that`)

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func isPronoun(s string) bool {
	if len(s) > 4 {
		return false // no lower-casing makes a longer word one of them
	}
	switch strings.ToLower(s) {
	case "he", "she", "it", "they":
		return true
	}
	return false
}

// antecedent returns the claim whose named source the pronoun source of
// claim i refers to: the last one before it that fits the pronoun, in the
// same sentence or the one before; farther back, other names may have
// come between, and the pronoun stays unresolved. It returns -1 for none.
func antecedent(cs []sitrep.Claim, kinds []sourceKind, sents []int, i int) int {
	p := strings.ToLower(cs[i].Source)
	for j := i - 1; j >= 0 && sents[i]-sents[j] <= 1; j-- {
		k := kinds[j]
		if k == kindNone || k == kindPronoun {
			continue
		}
		switch p {
		case "he", "she":
			if k == kindPerson {
				return j
			}
		case "it":
			if k == kindGroup {
				return j
			}
		case "they":
			if k == kindPlural || k == kindGroup {
				return j
			}
		}
	}
	return -1
}
