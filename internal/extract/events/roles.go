package events

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
	agent = d.before(v.t0, s, false)
	if by >= 0 {
		agent = by // "an airstrike by Afghan forces"
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
	for i := d.firstPart(t1); i < len(d.parts); i++ {
		p := &d.parts[i]
		if i == agent {
			continue
		}
		if p.t0 >= s.t1 || p.t0 > t1+12 {
			break
		}
		if p.class == pOther || (p.synthetic && p.t0 != t1) {
			continue
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
	if d.key(p.t0-1) != "and" {
		return -1
	}
	for j := i - 1; j >= 0; j-- {
		q := &d.parts[j]
		if q.t1 <= s.t0 || q.t1 < p.t0-4 {
			break
		}
		if q.t1 <= p.t0-1 && agentClass(q.class) {
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
		if prepositions[k] {
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

// agentClass reports a class that can act.
func agentClass(c pclass) bool {
	switch c {
	case pState, pNonState, pGov, pCivilian, pCrowd, pProtester, pPerson:
		return true
	}
	return false
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

var prepositions = map[string]bool{
	"of": true, "in": true, "on": true, "at": true, "against": true, "with": true,
	"from": true, "to": true, "into": true, "near": true, "for": true, "towards": true,
	"toward": true, "targeting": true, "among": true, "including": true, "about": true,
	"over": true, "under": true, "upon": true, "onto": true, "between": true, "like": true,
	"than": true, "behind": true, "inside": true, "outside": true, "across": true,
}
