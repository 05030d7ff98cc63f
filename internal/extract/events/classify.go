package events

import (
	"slices"
	"strings"
)

// vote is one trigger whose conditions hold, resolved to a sub-event.
type vote struct {
	label          label   // the row's label: a sub-event or a cue
	sub            label   // the sub-event it votes for; numSub for none
	weight         float64 // the row's weight
	t0, t1         int32   // the trigger's tokens
	agent, patient int     // indexes into doc.parts, -1 for none
	assoc          int     // a second agent joined by "and" ("Hezbollah and the Syrian army"), -1 for none
}

// sentence is what the coder knows about one clause of a sentence.
type sentence struct {
	t0, t1 int32
	// st0 and st1 are the tokens of the whole sentence the clause is part
	// of; first is set for its first clause.
	st0, st1 int32
	first    bool
	protest  float64 // summed weight of demonstration cues
	votes    []vote
	scores   [numSub]float64
	best     label   // the sub-event with the largest score, numSub for none
	bestW    float64 // its score
	heavy    float64 // largest score of a specific, non-generic sub-event
	small    bool    // small-arms fire is mentioned
	// protestAt is the strongest demonstration cue, the event's trigger
	// when the sentence opens a demonstration.
	protestAt  [2]int32
	protestTop float64
}

// Weights below which a sentence starts no event of its own.
const (
	minHead    = 1.5 // a sentence's best score must reach this
	minProtest = 3.0 // so must its demonstration cues
	minHeavy   = 4.0 // a specific weapon or act that outweighs a demonstration
	// tagWeight is the demonstration evidence of ACLED's crowd-size tag,
	// given to the note's first sentence, which states its event.
	tagWeight = 2.5
)

// analyse fills the sentences: the protest cues first, since other rows'
// conditions read them, then every other trigger as a vote.
func (d *doc) analyse() []sentence {
	ss := resize(d.ss, len(d.units))
	d.ss = ss
	for i := range ss {
		ss[i] = sentence{votes: ss[i].votes[:0], t0: -1, t1: -1, best: numSub}
	}
	for t, si := range d.sentOf {
		if si < 0 {
			continue
		}
		if ss[si].t0 < 0 {
			ss[si].t0 = int32(t)
		}
		ss[si].t1 = int32(t) + 1
	}
	for i := range ss {
		if ss[i].t0 < 0 { // a sentence of no word
			ss[i].t0, ss[i].t1 = d.sentRange(i)
		}
	}
	for i := range ss {
		ss[i].first = i == 0 || d.unitSent[i-1] != d.unitSent[i]
		ss[i].st0 = ss[i].t0
		if !ss[i].first {
			ss[i].st0 = ss[i-1].st0
		}
	}
	for i := len(ss) - 1; i >= 0; i-- {
		ss[i].st1 = ss[i].t1
		if i+1 < len(ss) && !ss[i+1].first {
			ss[i].st1 = ss[i+1].st1
		}
	}
	for _, h := range d.trig {
		si := d.sentOf[h.t0]
		if si < 0 || d.named(h) {
			continue
		}
		for _, id := range h.ids {
			r := &d.c.lex.rules[id]
			if r.label == cueProtest && d.holds(r, h, &ss[si], false) {
				s := &ss[si]
				s.protest += r.weight
				if r.weight > s.protestTop {
					s.protestTop, s.protestAt = r.weight, [2]int32{h.t0, h.t1}
				}
			}
		}
	}
	if d.tagged && len(ss) > 0 {
		ss[0].protest += tagWeight
	}
	for _, h := range d.trig {
		si := d.sentOf[h.t0]
		if si < 0 || d.named(h) {
			continue
		}
		s := &ss[si]
		pctx := protestContext(ss, int(si))
		first := len(s.votes)
		for _, id := range h.ids {
			r := &d.c.lex.rules[id]
			if r.label == cueProtest || !d.holds(r, h, s, pctx) {
				continue
			}
			if r.label == cueSmallArms {
				s.small = true
				continue
			}
			v := vote{label: r.label, sub: numSub, weight: r.weight, t0: h.t0, t1: h.t1, agent: -1, patient: -1, assoc: -1}
			d.resolve(&v, s, pctx)
			s.votes = append(s.votes, v)
		}
		s.votes = handover(s.votes, first)
	}
	for i := range ss {
		d.score(&ss[i])
	}
	return ss
}

// handover drops the Agreement vote of a phrase whose votes from first on
// include a Non-violent transfer of territory: "surrendered the enclave"
// names the handover; the deal, if any, has words of its own.
func handover(vs []vote, first int) []vote {
	if !slices.ContainsFunc(vs[first:], func(v vote) bool { return v.label == subTransfer }) {
		return vs
	}
	return slices.DeleteFunc(vs, func(v vote) bool { return v.label == subAgreement && v.t0 == vs[first].t0 })
}

// named reports a trigger inside a name: a place called Sarin, the
// Popular Mobilization Forces ("clashed with police" only touches one).
func (d *doc) named(h hit) bool {
	for t := h.t0; t < h.t1; t++ {
		if !d.nameTok[t] {
			return false
		}
	}
	return true
}

// protestContext reports a demonstration in sentence i or the two before it.
func protestContext(ss []sentence, i int) bool {
	for j := i; j >= 0 && j >= i-2; j-- {
		if ss[j].protest >= minProtest {
			return true
		}
	}
	return false
}

// holds evaluates a row's conditions on a hit in sentence s.
func (d *doc) holds(r *rule, h hit, s *sentence, pctx bool) bool {
	for _, c := range r.conds {
		var ok bool
		switch c.kind {
		case condProtest:
			ok = pctx
		case condLower:
			ok = d.lower(h.t0, h.t1)
		case condWith:
			ok = d.with(s, c.arg)
		case condObj:
			ok = d.object(label(c.arg), h.t1, min(h.t1+6, s.t1))
		case condNear:
			ok = d.object(label(c.arg), max(h.t0-6, s.t0), min(h.t1+6, s.t1))
		}
		if ok == c.neg {
			return false
		}
	}
	return true
}

// with reports a participant of a class in the sentence of clause s.
func (d *doc) with(s *sentence, class uint8) bool {
	for i := d.firstPart(s.st0); i < len(d.parts); i++ {
		p := &d.parts[i]
		if p.t0 >= s.st1 {
			break
		}
		switch class {
		case withState:
			if p.class == pState {
				return true
			}
		case withArmed:
			if p.class == pState || p.class == pNonState {
				return true
			}
		case withNonState:
			if p.class == pNonState {
				return true
			}
		case withMonitor:
			if p.class == pOther && p.actor {
				return true
			}
		case withActor:
			if p.class == pState || p.class == pNonState || p.class == pGov {
				return true
			}
		}
	}
	return false
}

// object reports a context cue of class l (or, for places, a place
// mention) starting in tokens [from, to).
func (d *doc) object(l label, from, to int32) bool {
	if l == objPlace {
		if i := d.firstPlace(from); i < len(d.places) && d.places[i].t0 < to {
			return true
		}
	}
	for _, h := range d.ctx[firstHit(d.ctx, from):] {
		if h.t0 >= to {
			break
		}
		for _, id := range h.ids {
			if d.c.lex.rules[id].label == l {
				return true
			}
		}
	}
	return false
}

// resolve decides which sub-event a vote stands for, reading who acts and
// who is targeted around its trigger.
func (d *doc) resolve(v *vote, s *sentence, pctx bool) {
	v.agent, v.patient = d.roles(v, s)
	if v.label != cueFight {
		v.agent, v.assoc = d.conjoined(v.agent, s)
	}
	ac, pc := d.class(v.agent), d.class(v.patient)
	switch v.label {
	case cueFight:
		v.sub = subArmedClash
		unarmedA := ac == pNone || !ac.armed()
		unarmedP := pc == pNone || !pc.armed()
		if (ac == pCrowd || ac == pCivilian || ac == pProtester || pc == pCrowd || pc == pProtester) && unarmedA && unarmedP {
			v.sub = subMob
		}
		if (ac == pCrowd || ac == pProtester) && pc == pState {
			v.sub = subMob // a crowd fighting the police
		}
	case cueAttack, cueKill, cueInjure:
		if v.label != cueKill && v.agent < 0 && v.patient < 0 {
			return // force with nobody using it and nobody hit: "beat the rivals"
		}
		switch {
		case v.label == cueAttack && d.aircraft(v.agent):
			v.sub = subAirStrike // "coalition jets struck near the route"
		case d.crowdAgent(v, s):
			v.sub = subMob
		case pc.armed():
			v.sub = subArmedClash
		case pc == pNone && ac == pState && v.label != cueKill:
			v.sub = subArmedClash // security operations with no target named
		default:
			v.sub = subAttack
		}
	case cueMob:
		v.sub = subMob
		if ac == pState || ac == pNonState {
			v.sub = subAttack // armed men beating someone: violence against civilians
		}
	case cueRiot:
		if !pctx {
			v.sub = subMob
		}
	case cueTerritory:
		v.sub = subNonStateOvertakes
		if ac == pState || ac == pGov {
			v.sub = subGovRegains
		}
	case subArrests:
		v.sub = subArrests
		if ac == pNonState {
			v.sub = subAbduction // the codebook: detention by non-state groups is abduction
		}
	default:
		if v.label.isSub() {
			v.sub = v.label
		}
	}
}

// accusation reports a trigger that names what someone is accused of, in
// its clause: "suspected of", "accused of", "charged with", "in connection
// with".
func (d *doc) accusation(t0 int32, s *sentence) bool {
	for t := t0 - 1; t > s.t0 && t >= t0-6; t-- {
		if d.gapHas(t+1, ",;:()") {
			return false
		}
		switch d.key(t) {
		case "of", "with", "for":
			switch d.key(t - 1) {
			case "suspected", "accused", "charged", "convicted", "wanted", "connection", "sentenced", "jailed", "arrested", "detained":
				return true
			}
		}
	}
	return false
}

// unreal reports a trigger that names no act that happened: one someone
// seeks to prevent ("to prevent what it called a massacre"), a name given
// to something ("what it called a massacre", "so-called"), what someone is
// deemed to deserve or fear ("deserving of murder", "fear of attack"), a
// deal made before ("part of the truce"), and an ongoing state in the
// present tense with no date ("is fighting Isil").
func (d *doc) unreal(v *vote, s *sentence) bool {
	for _, h := range d.ctx[firstHit(d.ctx, max(s.t0, v.t0-8)):] {
		if h.t0 >= v.t0 {
			break
		}
		for _, id := range h.ids {
			if d.c.lex.rules[id].label == modPrevent && d.governs(h, *v, 6) {
				return true
			}
		}
	}
	for t := v.t0 - 1; t >= s.t0 && t >= v.t0-4; t-- {
		if d.gapHas(t+1, ",;:()") {
			break
		}
		switch k := d.key(t); k {
		case "called", "calls", "termed", "dubbed", "labelled", "labeled", "branded", "so":
			return true
		case "of":
			switch d.key(t - 1) {
			case "deserving", "worthy", "guilty", "capable", "fear", "fears", "risk", "threat", "threats", "danger", "afraid", "scared", "warned", "warning", "warnings":
				return true
			}
		}
	}
	if v.label == subAgreement && v.t1 == v.t0+1 && d.key(v.t0-2) == "of" {
		switch d.key(v.t0 - 1) {
		case "the", "this", "that", "its", "their":
			return true // "not part of the truce", "terms of the ceasefire": a deal made before
		}
	}
	if k := d.key(v.t0); strings.HasSuffix(k, "ing") && v.t1 == v.t0+1 && d.firstDateRef(s.t0) == d.firstDateRef(s.t1) {
		switch d.key(v.t0 - 1) {
		case "is", "are", "am":
			return true
		}
	}
	return false
}

// violent reports a label of a violent act, whose deaths and injuries are
// its outcome; arrests and other developments are no cause of death.
func violent(l label) bool {
	switch l {
	case cueFight, cueAttack, cueMob, cueRiot, cueTerritory:
		return true
	}
	return l < numSub && l != subAgreement && l != subArrests && l != subChange && l != subBase &&
		l != subLooting && l != subTransfer && l != subOther && l != subDisrupted
}

// crowdAgent reports force used by a crowd: a mob or demonstrators, or a
// group of unarmed people beating, stoning or lynching someone. A group of
// men who shoot or execute are an armed group.
func (d *doc) crowdAgent(v *vote, s *sentence) bool {
	switch d.class(v.agent) {
	case pCrowd, pProtester:
		return true
	case pCivilian:
		return d.parts[v.agent].plural && beating(d.key(v.t0)) && !d.firearm(s)
	}
	return false
}

// beating reports a verb of unarmed force.
func beating(k string) bool {
	switch k {
	case "beat", "beaten", "beating", "beatings", "assaulted", "assault", "assaulting", "attacked", "attack", "attacking",
		"lynched", "stoned", "hacked", "thrashed", "whipped", "flogged", "lashed", "harassed", "beaten to death", "lynched to death":
		return true
	}
	return false
}

// firearm reports shooting in the sentence: an armed attacker, whoever he is.
func (d *doc) firearm(s *sentence) bool {
	if s.small {
		return true
	}
	for t := s.t0; t < s.t1; t++ {
		switch d.toks[t].Key {
		case "shot", "shooting", "gunshot", "gunshots", "gunfire", "gun", "guns", "pistol", "rifle", "fired", "opened":
			return true
		}
	}
	return false
}

// score sums the sentence's votes by sub-event and finds the best.
func (d *doc) score(s *sentence) {
	if d.airElsewhere(s) {
		for i := range s.votes {
			if v := &s.votes[i]; v.label == cueAttack && v.sub != numSub && strikeWord(d.key(v.t0)) {
				v.sub = subAirStrike // "has struck fighters ... but will not strike civilian vehicles"
			}
		}
	}
	veto := d.vetoed(s)
	acts := false   // a vote for an act, not only for its outcome
	remote := false // a weapon of remote violence
	for i := range s.votes {
		v := &s.votes[i]
		if veto && v.weight < minHeavy && v.label != cueFight && v.label != cueRiot && v.label != cueMob {
			v.sub = numSub
		}
		if d.accusation(v.t0, s) || d.unreal(v, s) {
			v.sub = numSub // "arrested five men suspected of armed robbery"
		}
		if v.sub != numSub && violent(v.label) {
			acts = true
		}
		if v.label >= subChemical && v.label <= subGrenade {
			remote = true
		}
	}
	for i := range s.votes {
		v := &s.votes[i]
		if v.sub == numSub {
			continue
		}
		if acts && (v.label == cueKill || v.label == cueInjure) {
			continue // deaths and injuries count for the act that caused them
		}
		if remote && v.label == cueAttack {
			continue // "fired mortars at": the weapon says what the act was
		}
		s.scores[v.sub] += v.weight
		if v.label.isSub() && v.sub != subArrests && v.sub != subChange && v.sub != subOther && v.sub != subLooting {
			s.heavy = max(s.heavy, s.scores[v.sub])
		}
	}
	for l := label(0); l < numSub; l++ {
		if s.scores[l] > s.bestW {
			s.best, s.bestW = l, s.scores[l]
		}
	}
	// The codebook keeps shelling for one-sided fire: a ground fight with
	// small arms is an armed clash even when heavy weapons join in.
	if s.best == subShelling && (d.fought(s) || s.small && d.armedTarget(s)) && !d.civilTarget(s) {
		s.best = subArmedClash
		s.bestW = s.scores[subShelling] + s.scores[subArmedClash]
	}
}

// airElsewhere reports an air or drone strike named in another clause of
// the sentence of s.
func (d *doc) airElsewhere(s *sentence) bool {
	for i := range d.ss {
		o := &d.ss[i]
		if o.st0 != s.st0 || o.t0 == s.t0 {
			continue
		}
		for _, v := range o.votes {
			if v.sub == subAirStrike {
				return true
			}
		}
	}
	return false
}

// strikeWord reports the verbs a text uses for an air strike it has named:
// "struck", "hit", "targeted", "pounded".
func strikeWord(k string) bool {
	switch k {
	case "struck", "strike", "strikes", "striking", "hit", "hits", "targeted", "targeting", "pounded", "pounding":
		return true
	}
	return false
}

// vetoed reports a sentence about disaster, disease or accident with no
// armed actor in it.
func (d *doc) vetoed(s *sentence) bool {
	if !d.object(modVeto, s.t0, s.t1) {
		return false
	}
	return !d.with(s, withArmed)
}

// civilTarget reports whether the sentence's acts of force aim at
// civilians.
func (d *doc) civilTarget(s *sentence) bool {
	for _, v := range s.votes {
		if v.sub != numSub && d.class(v.patient).civil() {
			return true
		}
	}
	return false
}

// armedTarget reports an act of force aimed at an armed actor or position.
func (d *doc) armedTarget(s *sentence) bool {
	for _, v := range s.votes {
		if v.sub != numSub || v.label == cueAttack {
			if d.class(v.patient).armed() {
				return true
			}
		}
	}
	return false
}

// fought reports a fight cue that resolved to an armed clash.
func (d *doc) fought(s *sentence) bool {
	for _, v := range s.votes {
		if v.label == cueFight && v.sub == subArmedClash {
			return true
		}
	}
	return false
}

func (d *doc) class(p int) pclass {
	if p < 0 {
		return pNone
	}
	return d.parts[p].class
}

// headVote returns the index of the strongest vote for sub in s, the
// earliest among equals, or -1.
func headVote(s *sentence, sub label) int {
	best, w := -1, -1.0
	for i, v := range s.votes {
		if v.sub == sub && v.weight > w {
			best, w = i, v.weight
		}
	}
	return best
}
