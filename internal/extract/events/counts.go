package events

import (
	"math"
	"slices"
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// countKind is what a number counts: deaths (Event.Fatalities) or one of
// the keys of Event.Counts.
type countKind uint8

const (
	countNone countKind = iota
	countFatal
	countInjured
	countAbducted
	countArrested
	countDisplaced
	countVehicles
	numCounts
)

// countKeys are the keys of Event.Counts.
var countKeys = [numCounts]string{
	countInjured: "injured", countAbducted: "abducted", countArrested: "arrested",
	countDisplaced: "displaced", countVehicles: "vehicles",
}

// tally holds the counts of a sentence.
type tally struct {
	n   [numCounts]int
	set [numCounts]bool
}

func (t *tally) add(k countKind, n int) {
	t.n[k] += n
	t.set[k] = true
}

// vagueFatalities is ACLED's figure for a report of deaths with no number:
// "several", "many" or "an unknown number" killed are coded 10 (and
// "dozens" 12, "hundreds" 100, which the quantity extractor already gives).
const vagueFatalities = 10

// counts returns the event's fatalities and its other counts. Fatalities
// follow ACLED: only deaths, the lowest figure reported, nil when the text
// gives none (kept apart from an explicit 0: "no casualties"), and the
// coder's own statement ("Fatalities coded as 0") over everything.
func (d *doc) counts(ss []sentence, f *frame) (*int, map[string]int) {
	var fatal *int
	explicit := -1 // "3 fatalities", "death toll of 12"
	var counts tally
	zero := false
	for j := f.head; j <= f.last; j++ {
		s := &ss[j]
		if j > f.head && d.vetoed(s) {
			continue // "a cholera outbreak has killed 14": not this event's dead
		}
		if n, ok := d.codedAs(s); ok {
			return &n, counts.toMap()
		}
		c, exp := d.sentenceCounts(s)
		if exp >= 0 && explicit < 0 {
			explicit = exp
		}
		if c.set[countFatal] && fatal == nil {
			n := c.n[countFatal]
			fatal = &n
		}
		for k := countInjured; k < numCounts; k++ {
			if c.set[k] && !counts.set[k] {
				counts.add(k, c.n[k])
			}
		}
		zero = zero || d.object(modZero, s.t0, s.t1)
	}
	switch {
	case explicit >= 0:
		fatal = &explicit
	case fatal == nil && zero:
		z := 0
		fatal = &z
	}
	return fatal, counts.toMap()
}

// toMap returns the counts other than deaths, nil when there are none.
func (t *tally) toMap() map[string]int {
	var m map[string]int
	for k := countInjured; k < numCounts; k++ {
		if t.set[k] {
			if m == nil {
				m = make(map[string]int, 2)
			}
			m[countKeys[k]] = t.n[k]
		}
	}
	return m
}

// codedAs reads a coder's fatality statement: "Fatalities coded as 0".
func (d *doc) codedAs(s *sentence) (int, bool) {
	for t := s.t0; t+2 < s.t1; t++ {
		if d.key(t) != "coded" || d.key(t+1) != "as" || !d.toks[t+2].Number {
			continue
		}
		for b := t - 1; b >= s.t0 && b >= t-8; b-- {
			if strings.HasPrefix(d.key(b), "fatalit") || d.key(b) == "deaths" {
				n, ok := atoi(d.toks[t+2].Key)
				return n, ok
			}
		}
	}
	return 0, false
}

// sentenceCounts assigns each quantity of the sentence to the death,
// injury, abduction, arrest or displacement it counts, and adds one for a
// single victim named without a number ("a man was killed"). explicit is
// a stated death figure ("3 fatalities"), -1 when there is none.
func (d *doc) sentenceCounts(s *sentence) (tally, int) {
	var counts tally
	explicit := -1
	var used []int     // cue hits that got a number
	var prev *quantRef // the last quantity counted, for "two teachers and three students"
	var last *quantRef // the last quantity seen, for "between 10 and 15"
	prevKind := countNone
	for qi := d.firstQuant(s.t0); qi < len(d.quants); qi++ {
		qr := &d.quants[qi]
		if qr.t0 >= s.t1 {
			break
		}
		q := qr.q
		n := int(math.Floor(q.Value))
		noun := q.Noun // a token key: folded already
		if last != nil && d.key(last.t0-1) == "between" && d.coordinated(last, qr) {
			n = min(n, int(math.Floor(last.q.Value))) // "between 10 and 15": the lowest figure
		}
		last = qr
		switch {
		case tollNouns[noun] || d.tollBefore(qr, s):
			if explicit < 0 {
				explicit = n
			}
			continue
		case injuryNouns[noun]:
			counts.add(countInjured, n)
			continue
		case vehicleNouns[noun]:
			counts.add(countVehicles, n)
			continue
		case d.insideDate(*qr):
			continue
		}
		h, kind := d.countCue(*qr, s)
		if prev != nil && d.coordinated(prev, qr) && !d.passiveCueAfter(*qr, s) {
			if d.key(prev.t0-1) == "between" {
				continue // the range was counted at its first figure
			}
			h, kind = -2, prevKind // "two teachers and three students"
		}
		if h == -1 || (h >= 0 && !d.personNoun(noun, *qr, d.trig[h])) {
			continue
		}
		if kind == countFatal && vague(q.Text) {
			n = vagueFatalities
		}
		counts.add(kind, n)
		if h >= 0 {
			used = append(used, h)
		}
		prev, prevKind = qr, kind
	}
	// One victim named without a number: "a man was shot dead", "killing
	// him", "the officer later died".
	for i := firstHit(d.trig, s.t0); i < len(d.trig); i++ {
		h := d.trig[i]
		if h.t0 >= s.t1 {
			break
		}
		if slices.Contains(used, i) {
			continue
		}
		if d.hitKind(h) != countFatal || d.negatedHit(h, s) {
			continue
		}
		if d.singleVictim(h, s) {
			counts.add(countFatal, 1)
		}
	}
	return counts, explicit
}

// coordinated reports a quantity joined to the one before by "and" or a
// comma: "killed two teachers and three students".
func (d *doc) coordinated(prev, q *quantRef) bool {
	if q.t0 <= prev.t1 || q.t0-prev.t1 > 3 {
		return false
	}
	return d.key(q.t0-1) == "and" || d.key(q.t0-1) == "or" || d.gapHas(q.t0, ",")
}

// passiveCueAfter reports a count cue right after a quantity, across only
// a form of "be": "five were injured".
func (d *doc) passiveCueAfter(qr quantRef, s *sentence) bool {
	for t := qr.t1; t < s.t1 && t <= qr.t1+3; t++ {
		switch d.key(t) {
		case "was", "were", "had", "have", "been", "reportedly", "also", "later", "are", "is":
			continue
		}
		if i := firstHit(d.trig, t); i < len(d.trig) && d.trig[i].t0 == t && d.hitKind(d.trig[i]) != countNone {
			return t > qr.t1
		}
		return false
	}
	return false
}

// tollBefore reports a death toll just before a bare number: "the death
// toll rose to 23", "a toll of 23".
func (d *doc) tollBefore(qr *quantRef, s *sentence) bool {
	if qr.q.Noun != "" {
		return false
	}
	for _, h := range d.trig[firstHit(d.trig, max(s.t0, qr.t0-8)):] {
		if h.t0 >= qr.t0 {
			break
		}
		if qr.t0-h.t1 > 3 {
			continue
		}
		for _, id := range h.ids {
			if d.c.lex.rules[id].label == cueToll {
				return true
			}
		}
	}
	return false
}

// countCue finds the cue a quantity counts: a verb just before it
// ("killing 14 villagers") or after it ("2 children were killed"). It
// returns the index in d.trig and the count kind, -1 when none.
func (d *doc) countCue(qr quantRef, s *sentence) (int, countKind) {
	best, kind := -1, countNone
	for i := firstHit(d.trig, max(s.t0, qr.t0-12)); i < len(d.trig); i++ {
		h := d.trig[i]
		if h.t0 >= s.t1 || h.t0 > qr.t1+6 {
			break
		}
		if h.t1 <= s.t0 {
			continue
		}
		k := d.hitKind(h)
		if k == countNone {
			continue
		}
		if h.t1 <= qr.t0 && qr.t0-h.t1 <= 2 && !d.clauseBreak(h.t1, qr.t0) {
			best, kind = i, k // the nearest verb before wins
			continue
		}
		if h.t0 >= qr.t1 && best < 0 && !d.quantityBetween(qr.t1, h.t0) {
			return i, k
		}
	}
	return best, kind
}

// clauseBreak reports "and" or a comma between tokens a and b.
func (d *doc) clauseBreak(a, b int32) bool {
	for t := a; t < b; t++ {
		if d.key(t) == "and" || d.gapHas(t, ",;") {
			return true
		}
	}
	return d.gapHas(b, ",;")
}

// hitKind returns the count a trigger hit feeds.
func (d *doc) hitKind(h hit) countKind {
	for _, id := range h.ids {
		switch d.c.lex.rules[id].label {
		case cueKill:
			return countFatal
		case cueInjure:
			return countInjured
		case subAbduction:
			return countAbducted
		case subArrests:
			return countArrested
		case cueDisplace:
			return countDisplaced
		}
	}
	return countNone
}

func (d *doc) quantityBetween(t0, t1 int32) bool {
	i := d.firstQuant(t0)
	return i < len(d.quants) && d.quants[i].t0 < t1
}

func (d *doc) insideDate(qr quantRef) bool {
	for _, dr := range d.dates[d.firstDateRef(qr.t0-12):] {
		if dr.t0 >= qr.t1 {
			break
		}
		if qr.t0 < dr.t1 {
			return true
		}
	}
	return false
}

// personNoun reports whether a counted noun names people: a participant
// noun, a generic one ("others", "members"), or, right after the verb, any
// noun that is not a thing ("killed 1 Arbaki commander").
func (d *doc) personNoun(noun string, qr quantRef, h hit) bool {
	if noun == "" || extraPeople[noun] {
		return true
	}
	if ids := d.c.lex.roles.Get(noun); len(ids) > 0 {
		l := d.c.lex.rules[ids[0]].label
		return l != roleCivTarget && l != roleArmedTarget
	}
	if ids := d.c.lex.context.Get(noun); len(ids) > 0 {
		return false // weapons, goods, places
	}
	return h.t1 <= qr.t0 && !thingNouns[noun]
}

// singleVictim reports a death cue whose victim is one person: a singular
// participant before a passive ("a man was killed"), after an active verb
// ("killed a journalist"), or a pronoun ("killing him", "he died").
func (d *doc) singleVictim(h hit, s *sentence) bool {
	switch d.key(h.t1) {
	case "him", "her":
		return true
	}
	switch d.key(h.t0 - 1) {
	case "he", "she":
		return true
	}
	v := vote{label: cueKill, t0: h.t0, t1: h.t1}
	_, patient := d.roles(&v, s)
	if patient < 0 {
		return false
	}
	p := &d.parts[patient]
	if p.plural || p.synthetic || p.class == pCivTarget || p.class == pArmedTarget || p.class == pOther || p.class == pGov {
		return false
	}
	if p.actor && p.class != pCivilian && p.class != pPerson {
		// "Taliban killed": an organisation is no single victim, but a
		// singular noun joined to it is ("an Islamic State fighter").
		return !isPluralKey(d.toks[p.t1-1].Key) && singularNoun(d.toks[p.t1-1].Key)
	}
	return true
}

// negatedHit reports "no one was killed", "not killed".
func (d *doc) negatedHit(h hit, s *sentence) bool {
	for _, c := range d.ctx[firstHit(d.ctx, s.t0):] {
		if c.t0 >= h.t1 {
			break
		}
		for _, id := range c.ids {
			switch d.c.lex.rules[id].label {
			case modZero:
				if c.t1 >= h.t0 {
					return true
				}
			case modNeg:
				if c.t1 <= h.t0 && h.t0-c.t1 <= 2 {
					return true
				}
			}
		}
	}
	return false
}

// vague reports a quantity with no number: "several", "many".
func vague(s string) bool {
	k := text.Fold(s)
	for _, p := range []string{"several", "many", "numerous", "a number", "an unknown number", "unknown number", "some", "multiple"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

func singularNoun(key string) bool {
	switch key {
	case "soldier", "fighter", "militant", "officer", "policeman", "commander", "member", "guard", "cadre", "agent", "leader", "sniper", "gunman", "insurgent", "rebel":
		return true
	}
	return false
}

func atoi(s string) (int, bool) {
	n := 0
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
		if n > 1e7 {
			return 0, false
		}
	}
	return n, true
}

var tollNouns = map[string]bool{
	"fatality": true, "fatalities": true, "deaths": true, "death": true, "dead": true,
	"killed": true, "bodies": true, "corpses": true, "people dead": true, "people killed": true,
}

var injuryNouns = map[string]bool{
	"injuries": true, "injured": true, "wounded": true, "injury": true, "people injured": true,
}

var vehicleNouns = map[string]bool{
	"vehicle": true, "vehicles": true, "car": true, "cars": true, "truck": true, "trucks": true,
	"bus": true, "buses": true, "tanker": true, "tankers": true, "motorcycle": true,
	"motorcycles": true, "motorbikes": true, "pickups": true, "pick ups": true, "lorries": true,
}

var extraPeople = map[string]bool{
	"others": true, "other": true, "more": true, "members": true, "member": true,
	"commander": true, "commanders": true, "leader": true, "leaders": true, "agents": true,
	"operatives": true, "recruits": true, "combatants": true, "persons": true, "people": true,
	"of them": true, "them": true, "worshippers": true, "personnel": true, "cadres": true,
	"elements": true, "militants": true, "fighters": true, "troopers": true, "jawans": true,
}

var thingNouns = map[string]bool{
	"explosions": true, "shots": true, "bursts": true, "rounds": true, "km": true,
	"kilometres": true, "kilometers": true, "metres": true, "meters": true, "tons": true,
	"tonnes": true, "hours": true, "days": true, "minutes": true, "times": true,
	"percent": true, "per cent": true, "events": true, "houses": true, "homes": true,
	"villages": true, "shells": true, "rockets": true, "mortars": true, "head": true,
}
