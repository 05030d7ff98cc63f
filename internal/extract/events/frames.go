package events

import "slices"

// frame is one event: the sentence that opens it and the sentences after
// it that complete it.
type frame struct {
	head, last int   // sentence indexes
	sub        label // the decided sub-event
	vote       vote  // the trigger that decided it
	protest    bool  // a demonstration frame
	state      int   // in a demonstration, the part that intervened, -1 for none
	target     int   // in a riot, the part the crowd attacked, -1 for none
	ownDate    bool  // the text dates this event itself
	ownPlace   bool  // and places it
}

// frames groups sentences into events. A sentence opens an event when a
// trigger scores enough; a sentence of the same paragraph with no trigger,
// or one that only adds to the open event (the police who dispersed the
// demonstration, another sentence about the same clash), completes it.
func (d *doc) frames(ss []sentence) []frame {
	fs := d.fs[:0]
	for i := range ss {
		s := &ss[i]
		protestHead := s.protest >= minProtest && s.heavy < max(minHeavy, s.protest)
		head := protestHead || s.bestW >= minHead
		if len(fs) > 0 {
			f := &fs[len(fs)-1]
			if d.oneParagraph(ss, f.last, i) && i-f.last <= 2 && (!head || d.continues(ss, f, i, protestHead)) {
				f.last = i
				continue
			}
		}
		if head {
			fs = append(fs, frame{head: i, last: i, protest: protestHead, state: -1, target: -1, vote: vote{sub: numSub, agent: -1, patient: -1, assoc: -1}})
		}
	}
	for i := range fs {
		d.decide(ss, &fs[i])
	}
	d.fs = d.deals(ss, fs)
	return d.fs
}

// deals adds the agreement a handover was made under, from its own words
// in the same clause, as an event of its own: "surrendered the enclave
// under a truce deal" reports both.
func (d *doc) deals(ss []sentence, fs []frame) []frame {
	for i := 0; i < len(fs); i++ {
		f := &fs[i]
		h := &ss[f.head]
		if f.sub != subTransfer || h.scores[subAgreement] < minDevelopment {
			continue
		}
		g := frame{head: f.head, last: f.head, sub: subAgreement, state: -1, target: -1, vote: h.votes[headVote(h, subAgreement)]}
		if g.vote.agent < 0 {
			g.vote.agent = f.vote.agent
		}
		fs = slices.Insert(fs, i+1, g)
		i++
	}
	return fs
}

// continues reports whether sentence i, which has triggers of its own,
// still belongs to the open frame f.
func (d *doc) continues(ss []sentence, f *frame, i int, protestHead bool) bool {
	if d.newDate(ss, f.head, i) {
		return false
	}
	s, h := &ss[i], &ss[f.head]
	if !s.first && outcomeOnly(s) {
		return true // "shells hit the town but no one was killed"
	}
	if f.protest {
		return s.heavy < minHeavy
	}
	if protestHead || s.best == numSub || h.best == numSub {
		return false
	}
	if d.newPlace(ss, f.head, i) {
		return false
	}
	// "A grenade was thrown at a checkpoint. Soldiers responded with
	// gunfire.": the response makes one battle of the attack.
	if remoteViolence(h.best) && s.best == subArmedClash && d.fought(s) {
		return true
	}
	if subEvents[h.best].typ == "Strategic developments" && subEvents[s.best].typ == subEvents[h.best].typ {
		// A deal and a withdrawal, an arrest and a looting: developments
		// of different kinds are different events.
		// A weak sign of one ("the army arrived") adds to the open one.
		return s.best == h.best || s.bestW < minDevelopment
	}
	return subEvents[s.best].typ == subEvents[h.best].typ
}

// minDevelopment is the score of a strategic development that opens an
// event of its own after another development of the same paragraph.
const minDevelopment = 3.0

// outcomeOnly reports a clause whose votes are all deaths and injuries.
func outcomeOnly(s *sentence) bool {
	for _, v := range s.votes {
		if v.label != cueKill && v.label != cueInjure {
			return false
		}
	}
	return true
}

// newDate reports a full date in sentence i other than the first of
// sentence head.
func (d *doc) newDate(ss []sentence, head, i int) bool {
	hd := d.firstDate(&ss[head])
	nd := d.firstDate(&ss[i])
	return nd != "" && nd != hd
}

func (d *doc) firstDate(s *sentence) string {
	for _, dr := range d.dates[d.firstDateRef(s.t0):] {
		if dr.t0 >= s.t1 {
			break
		}
		if v, _, ok := dayOf(dr.d.Value); ok {
			return v
		}
	}
	return ""
}

// newPlace reports a specific place in sentence i that sentence head does
// not name.
func (d *doc) newPlace(ss []sentence, head, i int) bool {
	p := d.bestPlace(&ss[i], false, false)
	if p < 0 || featureRank(d.places[p].m.Feature) < 3 {
		return false
	}
	q := d.bestPlace(&ss[head], false, false)
	return q < 0 || d.places[q].m.Name != d.places[p].m.Name
}

// decide sets the frame's sub-event and deciding vote.
func (d *doc) decide(ss []sentence, f *frame) {
	if f.protest {
		d.decideProtest(ss, f)
		return
	}
	h := &ss[f.head]
	f.sub = h.best
	i := headVote(h, f.sub)
	if i < 0 && f.sub == subArmedClash {
		i = headVote(h, subShelling) // shelling turned clash by small-arms fire
	}
	if i >= 0 {
		f.vote = h.votes[i]
		d.borrowRoles(h, f)
	}
	// The codebook: an air strike met by air defences is an exchange, an
	// armed clash.
	if f.sub == subAirStrike && d.airDefence(ss, f) {
		f.sub = subArmedClash
	}
	// The codebook: remote violence answered with fire is an armed clash.
	if remoteViolence(f.sub) && f.sub != subAirStrike {
		for j := f.head + 1; j <= f.last; j++ {
			if d.fought(&ss[j]) {
				f.sub = subArmedClash
				break
			}
		}
	}
	// ACLED tags the crowd size of demonstrations and riots only: a fight
	// or beating in a note with the tag is a crowd's.
	if d.tagged && (f.sub == subArmedClash || f.sub == subAttack) && generic(f.vote.label) {
		f.sub = subMob
		f.target = f.vote.patient
	}
}

// airDefence reports air defences or anti-aircraft fire in the paragraph
// of the frame, from its first clause on.
func (d *doc) airDefence(ss []sentence, f *frame) bool {
	last := f.last
	for last+1 < len(ss) && !d.newParagraph(ss, last+1) {
		last++
	}
	for t := ss[f.head].t0; t < ss[last].t1; t++ {
		switch d.key(t) {
		case "defenses", "defences", "defense", "defence":
			if d.key(t-1) == "air" {
				return true
			}
		case "anti aircraft", "antiaircraft":
			return true
		}
	}
	return false
}

func remoteViolence(l label) bool { return l >= subChemical && l <= subGrenade }

func generic(l label) bool {
	switch l {
	case cueAttack, cueKill, cueInjure, cueFight, cueMob:
		return true
	}
	return false
}

// crowdTag reports ACLED's crowd-size tag, "[size=...]", which its notes
// carry for demonstrations and riots only.
func (d *doc) crowdTag() bool {
	for i := range d.toks {
		if d.toks[i].Key == "size" && i+1 < len(d.toks) && d.gapHas(int32(i+1), "=") && d.gapHas(int32(i), "[") {
			return true
		}
	}
	return false
}

// borrowRoles fills a missing agent or patient of the deciding vote from
// the other votes for the same sub-event in the sentence.
func (d *doc) borrowRoles(h *sentence, f *frame) {
	for _, v := range h.votes {
		if v.sub != f.sub && !(f.sub == subArmedClash && v.sub == subShelling) {
			continue
		}
		if f.vote.agent < 0 && v.agent >= 0 && v.agent != f.vote.patient {
			f.vote.agent = v.agent
		}
		if f.vote.patient < 0 && v.patient >= 0 && v.patient != f.vote.agent {
			f.vote.patient = v.patient
		}
	}
}

// decideProtest applies the codebook's order for demonstrations: a crowd
// that turns violent makes a Violent demonstration whatever the police do;
// otherwise deaths at the hands of the state make Excessive force against
// protesters, and any other state action a Protest with intervention.
func (d *doc) decideProtest(ss []sentence, f *frame) {
	riot, force, interv := false, false, false
	for j := f.head; j <= f.last; j++ {
		s := &ss[j]
		for _, v := range s.votes {
			if d.reference(v, s) {
				continue
			}
			if _, hyp, _ := d.modality(s, v); hyp {
				continue // "threatened to storm the building"
			}
			ac, pc := d.class(v.agent), d.class(v.patient)
			switch v.label {
			case cueRiot, cueMob:
				if ac != pState {
					riot = true
					if f.target < 0 && v.patient >= 0 {
						f.target = v.patient
					}
				}
			case cueIntervention, subArrests:
				if arrestWord(d.key(v.t0)) && ac != pState && v.patient < 0 {
					continue // "he was arrested": not clearly a demonstrator
				}
				interv = true
				if f.state < 0 && ac == pState {
					f.state = v.agent
				}
			case cueAttack, cueKill, cueInjure, cueFight:
				switch {
				case ac == pState || (ac == pNone && v.label == cueKill):
					if v.label == cueKill {
						force = true
					} else {
						interv = true
					}
					if f.state < 0 && ac == pState {
						f.state = v.agent
					}
				case v.label == cueFight || pc == pState || pc == pArmedTarget || pc == pCivTarget || pc == pCivilian || pc == pPerson:
					riot = true
					if f.target < 0 && v.patient >= 0 {
						f.target = v.patient
					}
				}
			case subLooting:
				if ac != pState {
					riot = true
				}
			}
		}
	}
	switch {
	case riot:
		f.sub = subViolentDemo
	case force:
		f.sub = subExcessiveForce
	case interv:
		f.sub = subIntervention
	default:
		f.sub = subPeaceful
	}
	h := &ss[f.head]
	f.vote = vote{label: cueProtest, sub: f.sub, t0: h.protestAt[0], t1: h.protestAt[1], agent: -1, patient: -1, assoc: -1}
}

// reference reports a trigger in a demonstration that names no act of the
// day: the grievance ("against the arrest of journalists", "condemning the
// attack"), a relative clause ("a youth who was killed"), a noun after a
// determiner ("following a riot last month") or a negated act ("did not
// intervene").
func (d *doc) reference(v vote, s *sentence) bool {
	switch d.key(v.t0 - 1) {
	case "the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those", "recent", "earlier", "last", "previous":
		return true
	}
	neg, _, _ := d.modality(s, v)
	if neg {
		return true
	}
	return d.inGrievance(v.t0, s)
}

// inGrievance reports a token after a grievance word in its clause:
// "against the arrest of", "in solidarity with the protest in".
func (d *doc) inGrievance(t0 int32, s *sentence) bool {
	for t := t0 - 1; t >= s.t0; t-- {
		if d.gapHas(t+1, ",;:()") {
			return false
		}
		if grievance[d.key(t)] {
			return true
		}
	}
	return false
}

// grievance words open the clause that says what a demonstration is about.
var grievance = map[string]bool{
	"against": true, "over": true, "denouncing": true, "denounce": true, "denounced": true,
	"condemning": true, "condemn": true, "condemned": true, "demanding": true, "demand": true,
	"demanded": true, "demands": true, "deplore": true, "deploring": true, "protesting": true,
	"because": true, "due": true, "about": true, "regarding": true, "concerning": true,
	"who": true, "whose": true, "which": true, "justice": true, "support": true, "solidarity": true,
}

func arrestWord(k string) bool {
	return len(k) >= 5 && (k[:5] == "arres" || k[:5] == "detai" || k[:5] == "appre" || k[:5] == "round" || k[:5] == "taken")
}
