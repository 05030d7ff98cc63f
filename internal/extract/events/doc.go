package events

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/sitrep-project/sitrep/internal/extract/match"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// hit is a lexicon match: tokens [t0, t1) and the rows it stands for.
type hit struct {
	t0, t1 int32
	ids    []int32 // shared with the matcher: read only
}

// pclass is what a participant is, as far as the decision rules care.
type pclass uint8

const (
	pNone        pclass = iota
	pState              // state forces, foreign forces
	pNonState           // rebels, militias, unidentified armed men, gangs
	pGov                // governments: actors, but unarmed
	pCivilian           // unarmed people
	pCrowd              // a crowd: unarmed, but violent as a group
	pProtester          // demonstrators
	pPerson             // a named person
	pCivTarget          // a thing attacked that stands for civilians
	pArmedTarget        // a thing attacked that stands for an armed actor
	pOther              // monitors, media, intergovernmental bodies
)

func (c pclass) armed() bool { return c == pState || c == pNonState || c == pArmedTarget }

// civil reports a class that stands for unarmed people when targeted.
func (c pclass) civil() bool {
	return c == pCivilian || c == pCrowd || c == pProtester || c == pPerson || c == pCivTarget || c == pGov
}

// part is a participant: an actor mention or a participant noun.
type part struct {
	t0, t1  int32
	class   pclass
	name    string // canonical name before country qualification
	kind    string // the actor lexicon's kind, for actors
	country string
	police  bool // a police force rather than an army
	gang    bool // a criminal gang
	rioter  bool // named as rioters
	plural  bool
	actor   bool // from the actor lexicon
	// synthetic marks a place mention standing for the people of a town
	// attacked: "gunmen attacked Danhono".
	synthetic bool
}

// placeRef is a place mention with its token range.
type placeRef struct {
	t0, t1 int32
	m      *sitrep.PlaceMention
}

// doc is the state of one Find call.
type doc struct {
	c      *Coder
	in     *Input
	toks   []text.Token
	sentOf []int32 // clause index of each token, -1 between sentences
	// units are the clauses of the text, unitSent the sentence of each.
	units    []text.Span
	unitSent []int32
	ss       []sentence // the clauses as analyse reads them
	trig     []hit
	ctx      []hit
	parts    []part
	places   []placeRef
	quants   []quantRef
	dates    []dateRef
	tagged   bool // the text carries ACLED's crowd-size tag

	// Per-token indexes, so that no lookup scans the document.
	partIdx []int32 // the participant covering each token, -1 for none
	actTok  []bool  // tokens of a trigger of an act
	nameTok []bool  // tokens inside a proper name (a named actor, a place)

	// cpIndex finds tokens by code point: the input's, or one made in
	// ownIndex.
	cpIndex  *text.Index
	ownIndex text.Index

	// Scratch space, kept with the doc between texts.
	matches []match.Match
	covered []bool
	fs      []frame
	scratch []part
}

// docPool keeps the state of finished Find calls, so that the next call
// reuses its slices.
var docPool = sync.Pool{New: func() any { return new(doc) }}

// release returns d to the pool, dropping its references to the text.
func (d *doc) release() {
	clear(d.parts)
	clear(d.places)
	clear(d.quants)
	clear(d.dates)
	clear(d.trig)
	clear(d.ctx)
	clear(d.matches)
	*d = doc{
		sentOf: d.sentOf[:0], units: d.units[:0], unitSent: d.unitSent[:0], ss: d.ss[:0],
		trig: d.trig[:0], ctx: d.ctx[:0], parts: d.parts[:0],
		places: d.places[:0], quants: d.quants[:0], dates: d.dates[:0],
		partIdx: d.partIdx[:0], actTok: d.actTok[:0], nameTok: d.nameTok[:0],
		matches: d.matches[:0], covered: d.covered[:0], fs: d.fs[:0], scratch: d.scratch[:0],
		ownIndex: d.ownIndex,
	}
	d.ownIndex.Reset(nil)
	docPool.Put(d)
}

// resize returns s with length n, reusing its array when it is long
// enough; the contents are not cleared.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

type quantRef struct {
	t0, t1 int32
	q      *sitrep.Quantity
}

type dateRef struct {
	t0, t1 int32
	d      *sitrep.DateMention
}

func (c *Coder) newDoc(in *Input) *doc {
	d := docPool.Get().(*doc)
	d.c, d.in, d.toks = c, in, in.Toks
	d.cpIndex = in.Index
	if d.cpIndex == nil {
		d.ownIndex.Reset(in.Toks)
		d.cpIndex = &d.ownIndex
	}
	d.units, d.unitSent = appendClauses(d.units[:0], d.unitSent[:0], in.Text, in.Toks, in.Sents)
	d.sentOf = resize(d.sentOf, len(d.toks))
	s := 0
	for i, t := range d.toks {
		for s < len(d.units) && d.units[s].End <= t.Start {
			s++
		}
		if s < len(d.units) && d.units[s].Start <= t.Start {
			d.sentOf[i] = int32(s)
		} else {
			d.sentOf[i] = -1
		}
	}
	d.trig = d.hitsOf(d.trig[:0], c.lex.triggers)
	if len(d.trig) == 0 {
		return d // no trigger, no event: the rest is not needed
	}
	d.tagged = d.crowdTag()
	d.ctx = d.hitsOf(d.ctx[:0], c.lex.context)
	for i := range in.Places {
		p := &in.Places[i]
		if t0, t1, ok := d.tokRange(p.Start, p.End); ok {
			d.places = append(d.places, placeRef{t0, t1, p})
		}
	}
	for i := range in.Quantities {
		q := &in.Quantities[i]
		if t0, t1, ok := d.tokRange(q.Start, q.End); ok {
			d.quants = append(d.quants, quantRef{t0, t1, q})
		}
	}
	for i := range in.Dates {
		m := &in.Dates[i]
		if t0, t1, ok := d.tokRange(m.Start, m.End); ok {
			d.dates = append(d.dates, dateRef{t0, t1, m})
		}
	}
	d.sortRefs()
	d.buildParts(d.find(c.lex.roles))
	clear(d.matches)
	d.index()
	return d
}

// find returns the phrases of m in the text, in d.matches until the next
// call.
func (d *doc) find(m *match.Matcher) []match.Match {
	if d.in.Words != nil {
		d.matches = m.AppendText(d.matches[:0], d.in.Words, match.Options{})
	} else {
		d.matches = append(d.matches[:0], m.FindWith(d.toks, match.Options{})...)
	}
	return d.matches
}

// sortRefs keeps the mention lists in token order for binary search.
func (d *doc) sortRefs() {
	placeCmp := func(a, b placeRef) int { return int(a.t0 - b.t0) }
	if !slices.IsSortedFunc(d.places, placeCmp) {
		slices.SortStableFunc(d.places, placeCmp)
	}
	quantCmp := func(a, b quantRef) int { return int(a.t0 - b.t0) }
	if !slices.IsSortedFunc(d.quants, quantCmp) {
		slices.SortStableFunc(d.quants, quantCmp)
	}
	dateCmp := func(a, b dateRef) int { return int(a.t0 - b.t0) }
	if !slices.IsSortedFunc(d.dates, dateCmp) {
		slices.SortStableFunc(d.dates, dateCmp)
	}
}

// hitsOf appends the phrases of m in the text to out.
func (d *doc) hitsOf(out []hit, m *match.Matcher) []hit {
	for _, m := range d.find(m) {
		out = append(out, hit{int32(m.TokStart), int32(m.TokEnd), m.IDs})
	}
	return out
}

// tokRange returns the tokens a code-point span covers.
func (d *doc) tokRange(start, end int) (int32, int32, bool) {
	t0, t1 := d.cpIndex.After(start), d.cpIndex.From(end)
	if t0 >= t1 {
		return 0, 0, false
	}
	return int32(t0), int32(t1), true
}

// buildParts joins actor mentions and participant nouns into one list in
// text order. A noun inside or right after an actor mention belongs to it
// ("Taliban militants", "IS snipers").
func (d *doc) buildParts(roles []match.Match) {
	lx := d.c.lex
	for i := range d.in.Actors {
		a := &d.in.Actors[i]
		t0, t1, ok := d.tokRange(a.Start, a.End)
		if !ok {
			continue
		}
		p := part{t0: t0, t1: t1, name: a.Name, kind: a.Kind, country: a.Country, actor: true}
		p.class = classOfKind(a.Kind, a.Name)
		p.police = strings.HasPrefix(a.Name, "Police Forces")
		p.rioter = a.Name == "Rioters"
		p.plural = isPluralKey(d.toks[t1-1].Key)
		d.parts = append(d.parts, p)
	}
	actors := len(d.parts)
	var runsBuf [8]int
	runs := append(runsBuf[:0], 0, actors) // the list is a concatenation of sorted runs
	j := 0
	for _, m := range roles {
		t0, t1 := int32(m.TokStart), int32(m.TokEnd)
		for j < actors && d.parts[j].t1 < t0 {
			j++
		}
		if d.joinActor(j, actors, t0, t1) {
			continue
		}
		r := lx.rules[m.IDs[0]]
		key := d.toks[t1-1].Key
		p := part{t0: t0, t1: t1, plural: isPluralKey(key)}
		if n := len(d.parts); n > actors && d.parts[n-1].t1 == t0 && d.adjacent(t0) {
			// "chief police officer": the last noun heads the phrase.
			p.t0 = d.parts[n-1].t0
			d.parts = d.parts[:n-1]
		}
		switch r.label {
		case roleCivilian:
			p.class, p.name = pCivilian, "Civilians"
		case roleArmed:
			p.class, p.name = pNonState, "Unidentified Armed Group"
		case roleGang:
			p.class, p.name, p.gang = pNonState, "Unidentified Gang", true
		case roleState:
			p.class = pState
			p.police = policeWord(d.toks[t0:t1])
			p.name = "Military Forces"
			if p.police {
				p.name = "Police Forces"
			}
		case roleCrowd:
			p.class, p.name, p.plural = pCrowd, "Rioters", true
		case roleProtester:
			p.class, p.name, p.plural = pProtester, "Protesters", true
			if strings.HasPrefix(key, "riot") {
				p.name, p.rioter = "Rioters", true
			}
		case roleCivTarget:
			p.class = pCivTarget
		case roleArmedTarget:
			p.class = pArmedTarget
		}
		d.parts = append(d.parts, p)
	}
	runs = append(runs, len(d.parts))
	d.covered = resize(d.covered, len(d.toks)+1)
	covered := d.covered
	clear(covered)
	for i := range d.parts {
		for t := d.parts[i].t0; t < d.parts[i].t1; t++ {
			covered[t] = true
		}
	}
	d.demonymNouns(covered)
	runs = append(runs, len(d.parts))
	for _, pl := range d.places {
		if !anyCovered(covered, pl.t0, pl.t1) {
			d.parts = append(d.parts, part{t0: pl.t0, t1: pl.t1, class: pCivTarget, synthetic: true})
		}
	}
	runs = append(runs, len(d.parts))
	d.scratch = mergeRuns(d.parts, runs, d.scratch)
	// A mention inside another is the same participant: the actor lexicon
	// may give "Taliban" and, for its anaphor, "militants" of "Taliban
	// militants", which the noun rule has already joined.
	out := d.parts[:0]
	end := int32(-1)
	for _, p := range d.parts {
		if p.t1 <= end {
			continue
		}
		out = append(out, p)
		end = max(end, p.t1)
	}
	d.parts = out
	d.anaphora()
}

// anaphora names the armed group a definite noun refers to: "The
// fighters" after "Isil militants" are the Islamic State's, when a named
// group of the kind the noun names comes shortly before (a rebel group for
// "fighters", not Hezbollah, a militia).
func (d *doc) anaphora() {
	for i := range d.parts {
		p := &d.parts[i]
		if p.actor || p.class != pNonState || p.name != "Unidentified Armed Group" || !d.definite(p.t0) {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			q := &d.parts[j]
			if p.t0-q.t1 > maxAnaphora {
				break
			}
			if q.actor && q.class == pNonState && q.name != "Unidentified Armed Group" && q.kind == d.referentKind(p) {
				p.name, p.country = q.name, q.country
				break
			}
		}
	}
}

// referentKind is the kind of actor a noun refers to: militias for
// "militiamen", rebels for "fighters" and "militants".
func (d *doc) referentKind(p *part) string {
	if strings.HasPrefix(d.key(p.t1-1), "militia") {
		return "political militia"
	}
	return "rebel group"
}

// maxAnaphora is how far back, in words, a definite noun finds its group.
const maxAnaphora = 250

// definite reports a definite article or demonstrative before the noun at
// token t, maybe with a quantity between: "the fighters", "the hundreds of
// fighters".
func (d *doc) definite(t int32) bool {
	for u := t - 1; u >= 0 && u >= t-3; u-- {
		switch d.key(u) {
		case "the", "these", "those":
			return true
		case "of", "hundreds", "dozens", "thousands", "remaining", "surviving", "same", "other":
			continue
		}
		return false
	}
	return false
}

// demonymNouns adds nationality nouns as civilians: "Palestinians", "a
// Palestinian", but not the adjective of "Turkish forces".
func (d *doc) demonymNouns(covered []bool) {
	dm := d.c.countries.demonyms
	for i := range d.toks {
		tok := &d.toks[i]
		if !tok.Cap || dm[tok.Key] == "" {
			continue
		}
		t := int32(i)
		plural := isPluralKey(tok.Key)
		if !plural {
			switch d.key(t - 1) {
			case "a", "an", "the", "one":
			default:
				continue
			}
		}
		if next := t + 1; int(next) < len(d.toks) && d.adjacent(next) && (d.toks[next].Cap || covered[next]) {
			continue
		}
		if covered[t] {
			continue
		}
		covered[t] = true
		d.parts = append(d.parts, part{t0: t, t1: t + 1, class: pCivilian, name: "Civilians", country: dm[tok.Key], plural: plural})
	}
}

// mergeRuns merges the sorted runs parts[runs[i]:runs[i+1]] in place into
// one list in text order, longer mentions first at the same start; at
// equal spans the earlier run comes first. scratch is spare room, returned
// for the next call.
func mergeRuns(parts []part, runs []int, scratch []part) []part {
	order := func(a, b *part) int {
		switch {
		case a.t0 != b.t0:
			return int(a.t0 - b.t0)
		case a.t1 != b.t1:
			return int(b.t1 - a.t1)
		}
		return 0
	}
	for i := 0; i+1 < len(runs); i++ {
		run := parts[runs[i]:runs[i+1]]
		cmp := func(a, b part) int { return order(&a, &b) }
		if !slices.IsSortedFunc(run, cmp) {
			slices.SortStableFunc(run, cmp)
		}
	}
	// parts[:runs[i]] is merged; merge run i into it, the merged part
	// copied out of the way, the run read ahead of the writes.
	for i := 1; i+1 < len(runs); i++ {
		a, b := parts[:runs[i]], parts[runs[i]:runs[i+1]]
		if len(a) == 0 || len(b) == 0 || order(&a[len(a)-1], &b[0]) <= 0 {
			continue
		}
		scratch = append(scratch[:0], a...)
		x, y, k := 0, 0, 0
		for x < len(scratch) && y < len(b) {
			if order(&b[y], &scratch[x]) < 0 {
				parts[k] = b[y]
				y++
			} else {
				parts[k] = scratch[x]
				x++
			}
			k++
		}
		k += copy(parts[k:], scratch[x:])
		copy(parts[k:], b[y:])
	}
	clear(scratch)
	return scratch[:0]
}

func anyCovered(covered []bool, t0, t1 int32) bool {
	for t := t0; t < t1; t++ {
		if covered[t] {
			return true
		}
	}
	return false
}

// index builds the per-token indexes once the participants are known.
func (d *doc) index() {
	n := len(d.toks)
	d.partIdx = resize(d.partIdx, n)
	d.actTok = resize(d.actTok, n)
	d.nameTok = resize(d.nameTok, n)
	clear(d.actTok)
	clear(d.nameTok)
	for t := range d.partIdx {
		d.partIdx[t] = -1
	}
	for i := range d.parts {
		p := &d.parts[i]
		generic := p.class == pCivilian || p.class == pProtester || p.class == pCrowd
		for t := p.t0; t < p.t1; t++ {
			if !p.synthetic {
				d.partIdx[t] = int32(i)
			}
			if p.actor && !generic || p.synthetic {
				d.nameTok[t] = true
			}
		}
	}
	for _, h := range d.trig {
		for _, id := range h.ids {
			switch d.c.lex.rules[id].label {
			case cueSmallArms, cueToll, cueProtest:
				continue
			}
			for t := h.t0; t < h.t1; t++ {
				d.actTok[t] = true
			}
			break
		}
	}
}

// firstPart returns the index of the first participant starting at or
// after token t.
func (d *doc) firstPart(t int32) int {
	return sort.Search(len(d.parts), func(i int) bool { return d.parts[i].t0 >= t })
}

// firstHit returns the index of the first hit starting at or after t.
func firstHit(hs []hit, t int32) int {
	return sort.Search(len(hs), func(i int) bool { return hs[i].t0 >= t })
}

func (d *doc) firstPlace(t int32) int {
	return sort.Search(len(d.places), func(i int) bool { return d.places[i].t0 >= t })
}

func (d *doc) firstQuant(t int32) int {
	return sort.Search(len(d.quants), func(i int) bool { return d.quants[i].t0 >= t })
}

func (d *doc) firstDateRef(t int32) int {
	return sort.Search(len(d.dates), func(i int) bool { return d.dates[i].t0 >= t })
}

// joinActor reports whether the noun at [t0, t1) overlaps one of the actor
// mentions from j on, or follows one directly, which it then extends.
func (d *doc) joinActor(j, actors int, t0, t1 int32) bool {
	for ; j < actors && d.parts[j].t0 <= t1; j++ {
		a := &d.parts[j]
		if a.t0 < t1 && a.t1 > t0 {
			return true
		}
		if a.t1 == t0 && d.adjacent(t0) {
			a.t1 = t1
			a.plural = isPluralKey(d.toks[t1-1].Key)
			return true
		}
	}
	return false
}

// adjacent reports whether token t follows token t-1 across blank space
// only: "Taliban militants", not "Taliban, militants".
func (d *doc) adjacent(t int32) bool {
	if t <= 0 || int(t) >= len(d.toks) {
		return false
	}
	gap := d.in.Text[d.toks[t-1].ByteEnd:d.toks[t].ByteStart]
	for _, r := range gap {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func classOfKind(kind, name string) pclass {
	switch kind {
	case "state forces", "external force":
		return pState
	case "rebel group", "political militia", "identity militia":
		return pNonState
	case "government":
		return pGov
	case "civilians":
		return pCivilian
	case "protesters":
		if name == "Rioters" {
			return pCrowd
		}
		return pProtester
	case "person":
		return pPerson
	}
	return pOther
}

func policeWord(toks []text.Token) bool {
	for _, t := range toks {
		switch t.Key {
		case "police", "policeman", "policemen", "policewoman", "cops", "cop", "officer", "officers":
			return true
		}
	}
	return false
}

// isPluralKey guesses the number of an English noun from its folded form.
func isPluralKey(key string) bool {
	if i := strings.LastIndexByte(key, ' '); i >= 0 {
		key = key[i+1:]
	}
	switch key {
	case "men", "women", "children", "people", "police", "troops", "personnel", "youth", "kin", "military", "army", "staff", "gendarmerie":
		return true
	case "gunmen", "militiamen", "policemen", "servicemen", "herdsmen", "tribesmen", "businessmen", "fishermen":
		return true
	}
	return len(key) > 3 && key[len(key)-1] == 's' && !strings.HasSuffix(key, "ss") && !strings.HasSuffix(key, "us")
}

// sentRange returns the tokens of clause s.
func (d *doc) sentRange(s int) (int32, int32) {
	sp := d.units[s]
	return int32(d.cpIndex.From(sp.Start)), int32(d.cpIndex.From(sp.End))
}

// key returns the folded word of token t, "" outside the text.
func (d *doc) key(t int32) string {
	if t < 0 || int(t) >= len(d.toks) {
		return ""
	}
	return d.toks[t].Key
}

// gapHas reports whether the text between tokens t-1 and t contains any of
// the runes in set.
func (d *doc) gapHas(t int32, set string) bool {
	if t <= 0 || int(t) >= len(d.toks) {
		return false
	}
	return strings.ContainsAny(d.in.Text[d.toks[t-1].ByteEnd:d.toks[t].ByteStart], set)
}

// lower reports whether the tokens [t0, t1) have no upper-case letter.
func (d *doc) lower(t0, t1 int32) bool {
	for t := t0; t < t1; t++ {
		for _, r := range d.toks[t].Text {
			if unicode.IsUpper(r) {
				return false
			}
		}
	}
	return true
}
