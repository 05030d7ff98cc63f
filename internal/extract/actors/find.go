package actors

import (
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/sitrep-project/sitrep/internal/extract/match"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// mention is a match on its way to becoming an ActorMention.
type mention struct {
	tokStart, tokEnd int
	span             text.Span
	actor            int32  // lexicon entry, -1 for one found by pattern
	role             role   // of the alias that matched
	kind             string // anaphor's kind
	candidates       []int32
	name, kindOut    string
	country          string
	cut              bool // ends at a hyphen inside a token ("Iran" of "Iran-backed")
	drop             bool
}

// finder holds the state of one Find call.
type finder struct {
	l     *Lexicon
	s     string
	toks  []text.Token
	pass  []int32 // alias ids that passed, per accepted match, flattened
	start []int   // pass[start[k]:start[k+1]] belongs to match k

	// Scratch space, kept with the finder between texts.
	ms       []match.Match
	titles   []match.Match
	mentions []mention
	covered  []bool
}

// finders keeps the finders of finished Find calls, so that the next call
// reuses their slices.
var finders = sync.Pool{New: func() any { return new(finder) }}

// release returns f to the pool, dropping its references to the text.
func (f *finder) release() {
	clear(f.ms)
	clear(f.titles)
	clear(f.mentions)
	*f = finder{
		pass: f.pass[:0], start: f.start[:0],
		ms: f.ms[:0], titles: f.titles[:0], mentions: f.mentions[:0], covered: f.covered[:0],
	}
	finders.Put(f)
}

// Find returns every actor mention in s, whose tokens are toks
// (text.Tokens(s)), in text order. Offsets are code points of s.
func (l *Lexicon) Find(s string, toks []text.Token) []sitrep.ActorMention {
	return l.find(s, toks, nil)
}

// FindText is Find over the words of s interned by a vocabulary that holds
// the lexicon's matcher (Matcher), which saves looking them up again.
func (l *Lexicon) FindText(s string, words *match.Text) []sitrep.ActorMention {
	return l.find(s, words.Tokens(), words)
}

// Matcher returns the matcher of the lexicon's phrases, for a vocabulary.
func (l *Lexicon) Matcher() *match.Matcher { return l.matcher }

func (l *Lexicon) find(s string, toks []text.Token, words *match.Text) []sitrep.ActorMention {
	f := finders.Get().(*finder)
	defer f.release()
	f.l, f.s, f.toks = l, s, toks
	f.start = append(f.start, 0)
	o := match.Options{Prefix: true, Keep: f.keep}
	var ms []match.Match
	if words != nil {
		ms = l.matcher.AppendText(f.ms, words, o)
	} else {
		ms = append(f.ms, l.matcher.FindWith(toks, o)...)
	}
	f.ms = ms
	f.covered = slices.Grow(f.covered, len(toks))[:len(toks)]
	covered := f.covered
	clear(covered)
	mentions := slices.Grow(f.mentions, len(ms))
	titles := f.titles
	for k, m := range ms {
		ids := f.pass[f.start[k]:f.start[k+1]]
		mt := f.classify(m, ids)
		switch mt.role {
		case roleIgnore:
			markCovered(covered, m)
			continue
		case roleTitle:
			markCovered(covered, m)
			titles = append(titles, m)
			continue
		}
		mentions = append(mentions, mt)
	}
	f.mentions, f.titles = mentions, titles
	f.resolveContext(mentions)
	f.resolveReferences(mentions)

	out := make([]sitrep.ActorMention, 0, len(mentions))
	for _, mt := range mentions {
		if mt.drop {
			continue
		}
		for t := mt.tokStart; t < mt.tokEnd; t++ {
			covered[t] = true
		}
		out = append(out, f.output(mt))
	}
	extra := f.people(nil, titles, covered)
	extra = f.organisations(extra, covered)
	if len(extra) == 0 {
		return out
	}
	slices.SortFunc(extra, func(a, b sitrep.ActorMention) int { return a.Start - b.Start })
	return mergeByStart(out, extra)
}

// mergeByStart merges two lists sorted by Start.
func mergeByStart(a, b []sitrep.ActorMention) []sitrep.ActorMention {
	out := make([]sitrep.ActorMention, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if b[0].Start < a[0].Start {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}

func markCovered(covered []bool, m match.Match) {
	for t := m.TokStart; t < m.TokEnd; t++ {
		covered[t] = true
	}
}

func (f *finder) output(mt mention) sitrep.ActorMention {
	return sitrep.ActorMention{
		Span:    sitrep.Span{Start: mt.span.Start, End: mt.span.End, Text: f.s[mt.span.ByteStart:mt.span.ByteEnd]},
		Name:    mt.name,
		Kind:    mt.kindOut,
		Country: mt.country,
	}
}

// keep vets a candidate match: at least one of its aliases must agree with
// the text's case and punctuation. The ids that pass are kept for classify.
func (f *finder) keep(m match.Match) bool {
	mark := len(f.pass)
	cut := m.EndWord < wordCount(f.toks[m.TokEnd-1].Key)
	for _, id := range m.IDs {
		a := &f.l.aliases[id]
		if cut && a.role != roleActor && a.role != roleContext {
			continue // titles and generic phrases are whole words
		}
		if a.role == roleAnaphor && f.yields(m) {
			continue
		}
		if f.fits(m, a) {
			f.pass = append(f.pass, id)
		}
	}
	if len(f.pass) == mark {
		return false
	}
	f.start = append(f.start, len(f.pass))
	return true
}

// yields reports whether a generic phrase gives way to a longer actor name
// that starts inside it: "the military" in "the military forces of
// Armenia", which leftmost-longest matching alone would take.
func (f *finder) yields(m match.Match) bool {
	end := min(len(f.toks), m.TokEnd+8)
	for _, o := range f.l.matcher.FindWith(f.toks[m.TokStart+1:end], match.Options{Prefix: true}) {
		start, stop := m.TokStart+1+o.TokStart, m.TokStart+1+o.TokEnd
		if start >= m.TokEnd {
			break
		}
		if stop <= m.TokEnd {
			continue
		}
		for _, id := range o.IDs {
			if f.l.aliases[id].actor >= 0 {
				return true
			}
		}
	}
	return false
}

// fits checks the case of exact words, the punctuation between tokens and
// the all-capitals headline risk.
func (f *finder) fits(m match.Match, a *alias) bool {
	w := 0 // word index within the match
	for t := m.TokStart; t < m.TokEnd; t++ {
		tok := f.toks[t]
		if t > m.TokStart {
			gap := f.s[f.toks[t-1].ByteEnd:tok.ByteStart]
			if !blank(gap) && (a.seps == nil || w == 0 || a.seps[w-1] != strings.Map(dropSpace, gap)) {
				return false
			}
		}
		n := wordCount(tok.Key)
		if t == m.TokEnd-1 {
			n = m.EndWord
		}
		if a.exact != nil {
			pieces := splitHyphens(tok.Text)
			for j := 0; j < n; j++ {
				want := a.exact[w+j]
				if want != "" && (j >= len(pieces) || pieces[j] != want) {
					return false
				}
			}
		}
		w += n
	}
	if a.capsRisk && f.shouting(m) {
		return false
	}
	return true
}

// shouting reports whether every neighbour of m is an all-capitals word, as
// in a headline, where "IS" or "US" may be the English word.
func (f *finder) shouting(m match.Match) bool {
	n := 0
	if m.TokStart > 0 {
		if !isAcronym(f.toks[m.TokStart-1].Text) {
			return false
		}
		n++
	}
	if m.TokEnd < len(f.toks) {
		if !isAcronym(f.toks[m.TokEnd].Text) {
			return false
		}
		n++
	}
	return n > 0
}

func blank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func wordCount(key string) int {
	if key == "" {
		return 1
	}
	return strings.Count(key, " ") + 1
}

// classify turns a match and its passing aliases into a mention. Ignore
// beats everything; an actor alias beats generic ones.
func (f *finder) classify(m match.Match, ids []int32) mention {
	sp := m.Span(f.toks)
	mt := mention{
		tokStart: m.TokStart, tokEnd: m.TokEnd, span: sp, actor: -1,
		cut: m.EndWord < wordCount(f.toks[m.TokEnd-1].Key),
	}
	best := role(255)
	for _, id := range ids {
		a := f.l.aliases[id]
		switch {
		case a.role == roleIgnore:
			mt.role = roleIgnore
			return mt
		case a.actor >= 0:
			switch {
			case mt.actor < 0:
				mt.actor = a.actor
			case mt.actor != a.actor && !slices.Contains(mt.candidates, a.actor):
				if mt.candidates == nil {
					mt.candidates = []int32{mt.actor}
				}
				mt.candidates = append(mt.candidates, a.actor)
			}
			if a.role < best {
				best = a.role
			}
		case a.role < best:
			best, mt.kind = a.role, a.kind
		}
	}
	mt.role = best
	if mt.candidates != nil {
		mt.actor = -1 // shared: resolved by what the text named last
	}
	return mt
}

// resolveContext keeps a bare country name only where it acts: with a verb
// after it, after "by", "with", "against" and the like, before a possessive
// and an institution, or before "-backed", "-led". A country joined by "and"
// or "or" to one that acts also acts ("Russia and Iran said").
func (f *finder) resolveContext(ms []mention) {
	ok := make([]bool, len(ms))
	for i := range ms {
		if ms[i].role == roleContext {
			ok[i] = f.acts(ms[i])
		}
	}
	for changed := true; changed; {
		changed = false
		for i := range ms {
			if ms[i].role != roleContext || ok[i] {
				continue
			}
			for _, j := range []int{i - 1, i + 1} {
				if j >= 0 && j < len(ms) && ms[j].role == roleContext && ok[j] && f.conjoined(ms[min(i, j)], ms[max(i, j)]) {
					ok[i], changed = true, true
					break
				}
			}
		}
	}
	for i := range ms {
		if ms[i].role == roleContext && !ok[i] {
			ms[i].drop = true
		}
	}
}

func (f *finder) acts(m mention) bool {
	if m.cut {
		// The word after the hyphen: "Iran-backed" -> "backed".
		last := f.toks[m.tokEnd-1]
		rest := strings.TrimLeft(f.s[m.span.ByteEnd:last.ByteEnd], "-\u2010\u2011")
		next, _, _ := strings.Cut(text.Fold(rest), " ")
		return hyphenActs[next]
	}
	if m.tokStart > 0 {
		prev := f.toks[m.tokStart-1]
		if blank(f.s[prev.ByteEnd:f.toks[m.tokStart].ByteStart]) {
			if actorBefore[prev.Key] {
				return true
			}
			// "talks with Turkey" acts, "border with Lebanon" does not.
			if prev.Key == "with" && m.tokStart > 1 && actorBeforeWith[f.toks[m.tokStart-2].Key] {
				return true
			}
		}
	}
	if m.tokEnd < len(f.toks) {
		next := f.toks[m.tokEnd]
		if !blank(f.s[f.toks[m.tokEnd-1].ByteEnd:next.ByteStart]) {
			return false
		}
		if actorVerbs[next.Key] {
			return true
		}
		if next.Key == "s" && m.tokEnd+1 < len(f.toks) && institutions[f.toks[m.tokEnd+1].Key] {
			return true // "Russia's defence ministry"
		}
	}
	return false
}

// conjoined reports whether only "and", "or" and commas separate a and b.
func (f *finder) conjoined(a, b mention) bool {
	switch b.tokStart - a.tokEnd {
	case 0:
		return strings.TrimSpace(f.s[a.span.ByteEnd:b.span.ByteStart]) == ","
	case 1:
		k := f.toks[a.tokEnd].Key
		return k == "and" || k == "or"
	}
	return false
}

// resolveReferences names shared aliases and anaphors after the last actor
// the text named that fits them, and drops them when there is none.
func (f *finder) resolveReferences(ms []mention) {
	for i := range ms {
		m := &ms[i]
		if m.drop {
			continue
		}
		switch {
		case m.actor >= 0:
		case len(m.candidates) > 1:
			m.actor = f.lastNamed(ms[:i], func(p *mention) bool { return slices.Contains(m.candidates, p.actor) })
		case m.role == roleAnaphor:
			m.actor = f.lastNamed(ms[:i], func(p *mention) bool {
				a := f.l.actors[p.actor]
				// Unnamed "soldiers" or "police" are no antecedent for "the army".
				return a.Kind == m.kind && !(a.Kind == KindStateForces && a.Country == "")
			})
		}
		if m.actor < 0 {
			m.drop = true
			continue
		}
		a := f.l.actors[m.actor]
		m.name, m.kindOut, m.country = a.Name, a.Kind, a.Country
	}
}

func (f *finder) lastNamed(before []mention, fits func(*mention) bool) int32 {
	for i := len(before) - 1; i >= 0; i-- {
		if p := &before[i]; !p.drop && p.actor >= 0 && fits(p) {
			return p.actor
		}
	}
	return -1
}

// hyphenActs are words after a hyphen that make the country before it an
// actor: "Iran-backed militias".
var hyphenActs = map[string]bool{
	"backed": true, "led": true, "supported": true, "sponsored": true, "funded": true,
	"armed": true, "allied": true, "aligned": true, "brokered": true, "trained": true,
	"controlled": true, "run": true, "affiliated": true, "linked": true, "sanctioned": true,
	"mediated": true, "proposed": true, "imposed": true, "operated": true,
}

// actorBefore are words before a country that make it an actor: "helped by
// Russia", "talks with Turkey", "accused Iran".
var actorBefore = map[string]bool{
	"by": true, "against": true, "told": true, "asked": true, "urged": true,
	"accused": true, "blamed": true, "warned": true, "ally": true, "allies": true,
	"backer": true, "backers": true, "sanctioned": true, "condemned": true, "criticised": true,
	"criticized": true, "pressed": true, "called": true, "between": true, "including": true,
	"like": true, "supporters": true,
}

// actorBeforeWith are words before "with" that make the country after it
// an actor: "allied with Iran", "talks with Turkey".
var actorBeforeWith = map[string]bool{
	"allied": true, "aligned": true, "sided": true, "talks": true, "deal": true,
	"agreement": true, "negotiations": true, "cooperation": true, "coordination": true,
	"coordinating": true, "cooperating": true, "war": true, "clashes": true, "alliance": true,
	"ties": true, "relations": true, "fighting": true, "working": true, "along": true,
	"together": true, "met": true, "meeting": true, "agreed": true, "spoke": true,
}

// actorVerbs after a country make it an actor: "Iran said", "Russia has".
var actorVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "has": true, "had": true, "have": true,
	"will": true, "would": true, "could": true, "should": true, "must": true, "might": true,
	"may": true, "can": true, "did": true, "does": true, "is": true, "was": true, "are": true,
	"were": true, "accused": true, "accuses": true, "denied": true, "denies": true,
	"rejected": true, "rejects": true, "warned": true, "warns": true, "threatened": true,
	"threatens": true, "launched": true, "launches": true, "sent": true, "sends": true,
	"deployed": true, "deploys": true, "struck": true, "strikes": true, "bombed": true,
	"attacked": true, "attacks": true, "backed": true, "backs": true, "supports": true,
	"supported": true, "condemned": true, "condemns": true, "called": true, "calls": true,
	"urged": true, "urges": true, "announced": true, "announces": true, "claimed": true,
	"claims": true, "agreed": true, "agrees": true, "signed": true, "signs": true,
	"wants": true, "wanted": true, "vowed": true, "vows": true, "pledged": true,
	"pledges": true, "insisted": true, "insists": true, "responded": true, "retaliated": true,
	"demanded": true, "demands": true, "imposed": true, "imposes": true, "blamed": true,
	"blames": true, "recognised": true, "recognized": true, "helped": true, "helps": true,
	"armed": true, "arms": true, "funded": true, "funds": true, "intervened": true,
	"shot": true, "fired": true, "seized": true, "captured": true, "killed": true,
	"invaded": true, "invades": true, "annexed": true, "withdrew": true, "confirmed": true,
	"confirms": true, "stated": true, "expelled": true, "summoned": true, "sanctioned": true,
	"negotiated": true, "brokered": true, "mediated": true, "offered": true, "proposed": true,
	"supplied": true, "supplies": true, "provided": true, "provides": true, "opposes": true,
	"opposed": true, "sought": true, "seeks": true, "tried": true, "tries": true,
}

// institutions after "Country's" make the country an actor.
var institutions = map[string]bool{
	"military": true, "army": true, "forces": true, "troops": true, "government": true,
	"president": true, "ministry": true, "foreign": true, "defence": true, "defense": true,
	"envoy": true, "ambassador": true, "leader": true, "leadership": true, "prime": true,
	"backing": true, "support": true, "intervention": true, "allies": true, "ally": true,
	"proxies": true, "warplanes": true, "jets": true, "air": true, "navy": true,
	"officials": true, "authorities": true, "regime": true, "cabinet": true,
}
