package events

import (
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// event builds the output for a decided frame.
func (d *doc) event(ss []sentence, f *frame) sitrep.Event {
	sp := d.in.Sents[d.unitSent[f.head]]
	e := sitrep.Event{
		Type:    subEvents[f.sub].typ,
		SubType: subEvents[f.sub].sub,
		Start:   sp.Start,
		End:     sp.End,
	}
	e.Place, f.ownPlace = d.eventPlace(ss, f)
	cc := d.eventCountry(e.Place, f)
	e.Actor1, e.Actor2 = d.actorsOf(f, cc)
	if a := d.name(f.vote.assoc, cc); a != "" && a != e.Actor1 && a != e.Actor2 && subEvents[f.sub].typ != "Protests" && subEvents[f.sub].typ != "Riots" {
		e.Assoc1 = []string{a}
	}
	e.Date, e.TimePrecision, f.ownDate = d.eventDate(ss, f)
	e.Fatalities, e.Counts = d.counts(ss, f)
	e.Negated, e.Hypothetical, e.Reported = d.frameModality(&ss[f.head], f)
	if f.vote.t1 > f.vote.t0 {
		e.Trigger = d.in.Text[d.toks[f.vote.t0].ByteStart:d.toks[f.vote.t1-1].ByteEnd]
	}
	return e
}

// eventCountry is the country of the event's place, else the country the
// document is most about, else that of its actors.
func (d *doc) eventCountry(p *sitrep.EventPlace, f *frame) string {
	if p != nil && p.Country != "" {
		return p.Country
	}
	if len(d.in.Countries) > 0 && d.in.Countries[0].Code != "" {
		return d.in.Countries[0].Code
	}
	for _, i := range []int{f.vote.agent, f.vote.patient} {
		if i >= 0 && d.parts[i].country != "" {
			return d.parts[i].country
		}
	}
	return ""
}

// actorsOf names actor1 and actor2 after ACLED's conventions: protesters,
// rioters and civilians carry their country in brackets, state forces are
// "Military Forces of X" or "Police Forces of X", and an attacker the text
// does not name is an "Unidentified Armed Group (X)".
func (d *doc) actorsOf(f *frame, cc string) (string, string) {
	cn := d.c.countries
	switch subEvents[f.sub].typ {
	case "Protests":
		a1 := cn.qualified("Protesters", cc)
		if f.sub == subPeaceful {
			return a1, ""
		}
		if f.state >= 0 {
			return a1, d.name(f.state, cc)
		}
		return a1, cn.forcesOf("Police Forces", cc)
	case "Riots":
		a1 := cn.qualified("Rioters", cc)
		if f.target >= 0 {
			return a1, d.name(f.target, cc)
		}
		if f.vote.patient >= 0 {
			return a1, d.name(f.vote.patient, cc)
		}
		return a1, ""
	}
	a1 := d.name(f.vote.agent, cc)
	if subEvents[f.sub].typ == "Strategic developments" {
		if c := d.class(f.vote.patient); c == pCivTarget || c == pArmedTarget {
			f.vote.patient = -1 // the town handed over is no actor
		}
	}
	if c := d.class(f.vote.agent); c == pCivilian || c == pCrowd || c == pProtester {
		a1 = "" // civilians who kill are an armed group the text does not name
	}
	a2 := d.name(f.vote.patient, cc)
	if a1 == a2 && f.sub != subArmedClash {
		a2 = ""
	}
	if a1 == "" {
		switch subEvents[f.sub].typ {
		case "Battles", "Explosions/Remote violence", "Violence against civilians":
			a1 = cn.qualified("Unidentified Armed Group", cc)
		}
		if f.sub == subArrests {
			a1 = cn.forcesOf("Police Forces", cc)
		}
	}
	if subEvents[f.sub].typ == "Violence against civilians" || f.sub == subArrests {
		if a2 == "" || d.class(f.vote.patient) != pState && d.class(f.vote.patient) != pNonState {
			a2 = cn.qualified("Civilians", cc)
		}
	}
	return a1, a2
}

// name returns the ACLED-style name of participant i.
func (d *doc) name(i int, cc string) string {
	if i < 0 {
		return ""
	}
	p := &d.parts[i]
	cn := d.c.countries
	switch p.class {
	case pCivilian, pPerson, pCivTarget:
		return cn.qualified("Civilians", cc)
	case pProtester:
		if p.rioter {
			return cn.qualified("Rioters", cc)
		}
		return cn.qualified("Protesters", cc)
	case pCrowd:
		return cn.qualified("Rioters", cc)
	case pState:
		if p.name != "Military Forces" && p.name != "Police Forces" {
			return p.name
		}
		country := p.country
		if country == "" {
			country = d.demonymBefore(p.t0)
		}
		if country == "" {
			country = cc
		}
		return cn.forcesOf(p.name, country)
	case pNonState:
		if p.name == "Unidentified Armed Group" || p.name == "Unidentified Gang" || p.name == "Islamic State" {
			// ACLED names the Islamic State's branches after the country.
			return cn.qualified(p.name, cc)
		}
		return p.name
	case pGov:
		return p.name
	}
	return ""
}

// demonymBefore returns the country of a nationality adjective just before
// token t: "French soldier", "Ukrainian police".
func (d *doc) demonymBefore(t int32) string {
	if t == 0 {
		return ""
	}
	return d.c.countries.demonyms[d.toks[t-1].Key]
}

// frameModality reads the modality of the event's trigger, and counts the
// event negated or hypothetical when any trigger of its sub-event in the
// sentence is, or one just after its trigger: "aircraft did not bomb"
// negates the aircraft's strike.
func (d *doc) frameModality(s *sentence, f *frame) (neg, hyp, rep bool) {
	neg, hyp, rep = d.modality(s, f.vote)
	for _, v := range s.votes {
		near := v.t0 >= f.vote.t1 && v.t0 <= f.vote.t1+4 // "aircraft did not bomb"
		if v.sub != f.sub && !near || (v.t0 == f.vote.t0 && v.t1 == f.vote.t1) {
			continue
		}
		n, h, _ := d.modality(s, v)
		neg, hyp = neg || n, hyp || h
	}
	return neg, hyp, rep
}

// modality reads negation, hypothesis and attribution around the trigger.
func (d *doc) modality(s *sentence, v vote) (neg, hyp, rep bool) {
	for _, h := range d.ctx[firstHit(d.ctx, s.st0):] {
		if h.t0 >= s.st1 {
			break
		}
		for _, id := range h.ids {
			switch d.c.lex.rules[id].label {
			case modRep:
				rep = true // "...; no casualties were reported"
			}
			if h.t0 < s.t0 || h.t0 >= s.t1 {
				continue
			}
			switch d.c.lex.rules[id].label {
			case modNeg:
				neg = neg || d.governs(h, v, 2)
			case modDeny:
				neg = neg || d.governs(h, v, 6)
			case modHyp:
				hyp = hyp || d.governs(h, v, 3)
			}
		}
	}
	return neg, hyp, rep
}

// governs reports a cue ending at most n words before the trigger, with no
// clause break between.
func (d *doc) governs(h hit, v vote, n int32) bool {
	if h.t1 > v.t0 || v.t0-h.t1 > n {
		return false
	}
	for t := h.t1; t <= v.t0; t++ {
		if d.gapHas(t, ",;:.()") {
			return false
		}
	}
	return true
}
