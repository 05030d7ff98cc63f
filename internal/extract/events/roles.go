package events

import "strings"

// roles finds who acts (agent) and who is acted on (patient) around a
// trigger, from English word order: the subject before an active verb, the
// object after it; "by X" names the agent and the subject becomes the
// patient in the passive ("was shot dead by gunmen"). Both are indexes into
// d.parts, -1 when the sentence names none.
func (d *doc) roles(v *vote, s *sentence) (agent, patient int) {
	agent, patient = -1, -1
	by := d.byAgent(v.t1, s)
	if d.passive(v.t0, v.t1, s) {
		return by, d.before(v.t0, s, true)
	}
	agent = d.before(d.asideStart(v.t0, s), s, false)
	if by >= 0 {
		agent = by // "an airstrike by Afghan forces"
	}
	if agent < 0 || d.pronounBefore(v.t0, s) {
		if a := d.borrowedSubject(s); a >= 0 {
			agent = a
		}
	}
	patient = d.after(v.t1, s, agent)
	if v.label == cueFight {
		agent, patient = d.sides(v, s, agent, patient)
	}
	return agent, patient
}

// passive reports a participle after a form of "be" ("were killed", "was
// shot and killed") or before "by" ("killed by").
func (d *doc) passive(t0, t1 int32, s *sentence) bool {
	if t1 < s.t1 && d.key(t1) == "by" {
		return true
	}
	if t1 == t0+1 {
		switch d.key(t0) {
		case "dead", "died", "dies", "succumbed", "perished":
			return true // "left 3 fighters dead", "two men died": the dead come before
		}
	}
	for t := t0 - 1; t >= s.t0 && t >= t0-3; t-- {
		switch d.key(t) {
		case "was", "were", "been", "being", "is", "are", "be", "got", "get", "gets":
			return true
		}
		if d.partAt(t) >= 0 || d.gapHas(t+1, ",;:()") {
			return false
		}
	}
	return false
}

// byAgent returns the participant introduced by "by" within a few words
// after the trigger.
func (d *doc) byAgent(t1 int32, s *sentence) int {
	for t := t1; t < s.t1 && t < t1+8; t++ {
		if d.gapHas(t, ",;:()") && t > t1 {
			return -1
		}
		if d.key(t) != "by" {
			continue
		}
		for i := d.firstPart(t + 1); i < len(d.parts); i++ {
			p := &d.parts[i]
			if p.t0 > t+4 || p.t0 >= s.t1 {
				break
			}
			if agentClass(p.class) {
				return i
			}
		}
		return -1
	}
	return -1
}

// before returns the nearest participant before token t0 in the sentence
// that can be the subject: not the object of a preposition or of another
// trigger. For the patient of a passive (subject=true) any noun will do.
func (d *doc) before(t0 int32, s *sentence, subject bool) int {
	for i := d.firstPart(t0) - 1; i >= 0; i-- {
		p := &d.parts[i]
		if p.t1 <= s.t0 {
			break
		}
		if p.t0 < s.t0 {
			continue
		}
		if subject {
			if p.class != pOther {
				return i
			}
			continue
		}
		if !agentClass(p.class) || d.governed(p, s) {
			continue
		}
		return i
	}
	return -1
}

// after returns the first participant after the trigger that can be its
// object, within a few words.
func (d *doc) after(t1 int32, s *sentence, agent int) int {
	rel := d.relativeAfter(t1, min(s.t1, t1+12))
	for i := d.firstPart(t1); i < len(d.parts); i++ {
		p := &d.parts[i]
		if i == agent {
			continue
		}
		if p.t0 >= s.t1 || p.t0 > t1+12 || p.t0 > rel {
			break
		}
		if p.class == pOther || (p.synthetic && p.t0 != t1) {
			continue
		}
		if speech[d.key(p.t1)] {
			continue // "..., the commander said": a source, not a target
		}
		switch d.key(p.t0 - 1) {
		case "by", "from":
			continue
		}
		if d.key(p.t0-1) == "to" && d.key(p.t0-2) == "according" {
			continue
		}
		return i
	}
	return -1
}

// relativeAfter returns the first relative pronoun in tokens [t, end),
// which opens a clause whose nouns are no object of the trigger ("a truce
// deal that allowed them to join their fellow fighters"); end for none.
func (d *doc) relativeAfter(t, end int32) int32 {
	for ; t < end; t++ {
		switch d.key(t) {
		case "that", "which", "who", "whom", "whose":
			return t
		}
	}
	return end
}

// sides finds the two sides of a fight: "X clashed with Y", "X and Y
// clashed", "clashes between X and Y".
func (d *doc) sides(v *vote, s *sentence, agent, patient int) (int, int) {
	if agent >= 0 && patient < 0 {
		// "X and Y clashed": the side before "and" joins in.
		if o := d.conjoinedBefore(agent, s); o >= 0 {
			return o, agent
		}
	}
	if agent < 0 && patient >= 0 {
		// "clashes between X and Y": both follow the trigger.
		for i := patient + 1; i < len(d.parts); i++ {
			p := &d.parts[i]
			if p.t0 >= s.t1 || p.t0 > d.parts[patient].t1+4 {
				break
			}
			if agentClass(p.class) {
				return patient, i
			}
		}
	}
	return agent, patient
}

// conjoinedBefore returns the participant joined to parts[i] by "and" just
// before it: "Imbonerakure and CNL members".
func (d *doc) conjoinedBefore(i int, s *sentence) int {
	p := &d.parts[i]
	and := p.t0 - 1
	switch d.key(and) {
	case "the", "a", "an", "its", "their":
		and-- // "Hezbollah and the Syrian army"
	}
	if d.key(and) != "and" {
		return -1
	}
	for j := i - 1; j >= 0; j-- {
		q := &d.parts[j]
		if q.t1 <= s.t0 || q.t1 < and-3 {
			break
		}
		if q.t1 <= and && agentClass(q.class) {
			return j
		}
	}
	return -1
}

// governed reports a participant that is the object of a preposition or of
// a trigger just before it, so not the subject of a later verb.
func (d *doc) governed(p *part, s *sentence) bool {
	for t := p.t0 - 1; t >= s.t0 && t >= p.t0-3; t-- {
		if d.partAt(t) >= 0 {
			return false
		}
		k := d.key(t)
		if k == "of" && collective[d.key(t-1)] {
			return false // "a group of men", "dozens of youths": the men act
		}
		if k == "with" && strings.HasSuffix(d.key(p.t1), "ing") {
			return false // "with the coalition using air strikes": the coalition acts
		}
		if prepositions[k] {
			if t+1 < p.t0 && d.toks[t+1].Number && approximator[k] {
				return false // "about 400 fighters": a figure, no object
			}
			return true
		}
		if d.triggerAt(t) {
			return true
		}
		if d.gapHas(t+1, ",;:(") {
			return false
		}
	}
	return false
}

// partAt returns the participant covering token t, -1 for none.
func (d *doc) partAt(t int32) int {
	if t < 0 || int(t) >= len(d.partIdx) {
		return -1
	}
	return int(d.partIdx[t])
}

// triggerAt reports a trigger of an act (not a cue of number or arms)
// covering token t.
func (d *doc) triggerAt(t int32) bool {
	return t >= 0 && int(t) < len(d.actTok) && d.actTok[t]
}

// auxiliaries are the words between a subject and its verb: "the coalition
// has also struck", "they would not".
var auxiliaries = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "has": true, "have": true, "had": true,
	"will": true, "would": true, "also": true, "not": true, "then": true, "again": true,
	"reportedly": true, "allegedly": true, "still": true, "recently": true, "later": true,
	"been": true, "be": true, "did": true, "does": true, "do": true, "could": true, "may": true,
	"might": true, "can": true, "already": true, "subsequently": true, "allegedly also": true,
}

// asideStart returns where the subject of the verb at t0 must end: before
// an aside set off by commas right before the verb ("The government,
// helped by Russia and Iran-backed militias, is fighting"; "Police
// forces, supported by factions of X, including Y, clashed"), else at t0.
// An aside opens with a participle, a relative pronoun or an article
// after a comma that follows a participant.
func (d *doc) asideStart(t0 int32, s *sentence) int32 {
	t := t0
	for t > s.t0 && auxiliaries[d.key(t-1)] && !d.gapHas(t, ",") {
		t--
	}
	if t <= s.t0 || !d.gapHas(t, ",") {
		return t0
	}
	switch d.key(t - 1) {
	case "and", "or", "but":
		return t0 // "fired in the air and, then looted"
	}
	start := t0
	for u := t - 1; u > s.t0; u-- {
		if d.gapHas(u, ",;:(") && asideOpener(d.key(u)) && d.before(u, s, false) >= 0 {
			start = u
		}
	}
	return start
}

// asideOpener reports a word that opens an aside after a comma.
func asideOpener(k string) bool {
	switch k {
	case "who", "which", "whose", "including", "a", "an", "the", "along", "together", "backed", "led", "helped", "supported", "accompanied", "assisted", "aided", "reportedly", "allegedly", "according":
		return true
	}
	return len(k) > 4 && (strings.HasSuffix(k, "ed") || strings.HasSuffix(k, "ing"))
}

// pronounBefore reports a personal pronoun as the subject of the verb at
// t0: "They agreed", "it will not bomb it".
func (d *doc) pronounBefore(t0 int32, s *sentence) bool {
	t := t0 - 1
	for t >= s.t0 && auxiliaries[d.key(t)] {
		t--
	}
	if t < s.t0 {
		return false
	}
	switch d.key(t) {
	case "they", "it", "he", "she", "we":
		return d.partAt(t) < 0
	}
	return false
}

// borrowedSubject returns the subject a clause with none of its own, or
// with a pronoun, takes from the clause before it: "the coalition says it
// was not part of the deal - and last Tuesday bombed the road", "The
// fighters surrendered the enclave. They agreed with Hezbollah". It is -1
// when that clause has none either.
func (d *doc) borrowedSubject(s *sentence) int {
	u := int(d.sentOf[s.t0])
	if u <= 0 || d.ss == nil {
		return -1
	}
	if s.first && !d.pronounAt(s) {
		return -1 // a new sentence names its subject, or has none
	}
	p := &d.ss[u-1]
	if d.newParagraph(d.ss, u) {
		return -1
	}
	for i := d.firstPart(p.t0); i < len(d.parts); i++ {
		q := &d.parts[i]
		if q.t0 >= p.t1 {
			break
		}
		if agentClass(q.class) && q.class != pCivilian && !d.governed(q, p) {
			return i
		}
	}
	return -1
}

// pronounAt reports a clause opening with a personal pronoun, after a
// conjunction maybe.
func (d *doc) pronounAt(s *sentence) bool {
	t := s.t0
	if k := d.key(t); k == "and" || k == "but" {
		t++
	}
	switch d.key(t) {
	case "they", "it", "he", "she":
		return true
	}
	return false
}

// conjoined returns the first of two subjects joined by "and" and the
// second as an associate: "Hezbollah and the Syrian army changed the
// route". It returns agent and -1 when there is no such pair.
func (d *doc) conjoined(agent int, s *sentence) (int, int) {
	if agent < 0 {
		return agent, -1
	}
	if o := d.conjoinedBefore(agent, s); o >= 0 && d.parts[o].class != pCivilian && !d.governed(&d.parts[o], s) {
		return o, agent
	}
	if d.pronounConjunct(agent) {
		// "Hezbollah said that it and the Syrian army had transported the
		// convoy": "it" is the sentence's subject.
		if o := d.sentenceSubject(s); o >= 0 && o != agent && d.parts[o].t1 < d.parts[agent].t0 {
			return o, agent
		}
	}
	return agent, -1
}

// pronounConjunct reports "it and" or "they and" before participant i.
func (d *doc) pronounConjunct(i int) bool {
	t := d.parts[i].t0 - 1
	switch d.key(t) {
	case "the", "its", "their":
		t--
	}
	if d.key(t) != "and" {
		return false
	}
	switch d.key(t - 1) {
	case "it", "they", "he", "she":
		return true
	}
	return false
}

// sentenceSubject returns the subject of the sentence clause s belongs
// to: its first participant that can act and is no object.
func (d *doc) sentenceSubject(s *sentence) int {
	for i := d.firstPart(s.st0); i < len(d.parts); i++ {
		q := &d.parts[i]
		if q.t0 >= s.st1 {
			break
		}
		if agentClass(q.class) && q.class != pCivilian && !d.governed(q, s) {
			return i
		}
	}
	return -1
}

// aircraft reports a participant named by its aircraft: "coalition jets",
// "Russian warplanes".
func (d *doc) aircraft(i int) bool {
	if i < 0 {
		return false
	}
	switch d.key(d.parts[i].t1 - 1) {
	case "jets", "jet", "warplanes", "warplane", "aircraft", "planes", "plane", "helicopters", "helicopter", "drones", "drone", "bombers", "bomber", "gunships":
		return true
	}
	return false
}

// agentClass reports a class that can act.
func agentClass(c pclass) bool {
	switch c {
	case pState, pNonState, pGov, pCivilian, pCrowd, pProtester, pPerson:
		return true
	}
	return false
}

// speech verbs follow the source of a report.
var speech = map[string]bool{
	"said": true, "says": true, "added": true, "told": true, "stated": true, "claimed": true,
	"reported": true, "confirmed": true, "announced": true, "denied": true,
}

// collective nouns head a phrase whose "of" names who acts.
var collective = map[string]bool{
	"group": true, "groups": true, "dozens": true, "hundreds": true, "thousands": true,
	"scores": true, "number": true, "members": true, "member": true, "crowd": true,
	"band": true, "team": true, "gang": true, "mob": true, "unit": true, "units": true,
	"squad": true, "contingent": true, "delegation": true, "some": true, "many": true,
	"several": true, "most": true, "all": true, "hundred": true, "thousand": true,
	"dozen": true, "elements": true, "supporters": true,
}

// approximator prepositions also qualify a figure: "about 400 fighters".
var approximator = map[string]bool{
	"about": true, "over": true, "under": true, "around": true, "nearly": true, "almost": true, "some": true,
}

var prepositions = map[string]bool{
	"of": true, "in": true, "on": true, "at": true, "against": true, "with": true,
	"from": true, "to": true, "into": true, "near": true, "for": true, "towards": true,
	"toward": true, "targeting": true, "among": true, "including": true, "about": true,
	"over": true, "under": true, "upon": true, "onto": true, "between": true, "like": true,
	"than": true, "behind": true, "inside": true, "outside": true, "across": true,
}
