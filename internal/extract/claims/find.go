package claims

// claim is a claim found in tokens, before it becomes a sitrep.Claim.
type claim struct {
	srcA, srcB       int // source tokens; equal when there is none
	cueStart, cueEnd int // code points
	conStart, conEnd int // code points
	stance           string
	sentEnd          int // code point where the cue's sentence ends
}

func (c claim) hasSource() bool { return c.srcA < c.srcB }

// verbClaim reads the claim whose cue is the reporting verb at token t.
// It returns the claim, the token to resume at and whether there is one.
func (d *doc) verbClaim(t int, v verb, prev []claim) (claim, int, bool) {
	lo, hi := d.sentence(t)
	b, ok := d.cueEnd(t, hi, v)
	if !ok {
		return claim{}, t + 1, false
	}
	if v.lemma == "according" {
		c, ok := d.according(t, b, lo, hi)
		return c, b, ok
	}
	if st, ok := nounCues[d.key(t)]; ok && (v.form == fS || v.form == fBase) && t > lo && nounBefore(d.key(t-1)) {
		c, ok := d.nounClaim(t, st, lo, hi)
		return c, t + 1, ok
	}
	if !d.verbPosition(t, lo, v) {
		return claim{}, t + 1, false
	}
	a := t // start of the cue group: "has also said"
	for a > lo && auxiliaries[d.key(a-1)] && d.gaps[a]&hard == 0 {
		a--
	}
	if d.notReporting(t, a, b, lo, v) {
		return claim{}, b, false
	}
	negated, passive := false, false
	for k := a; k < t; k++ {
		negated = negated || negations[d.key(k)]
		passive = passive || passiveAux[d.key(k)] && v.form == fPast && v.lemma != "quote"
	}
	c := claim{cueStart: d.toks[a].Start, cueEnd: d.toks[b-1].End, srcA: a, srcB: a, sentEnd: d.toks[hi-1].End}
	if passive {
		return d.passiveClaim(c, a, b, lo, hi, v)
	}
	switch {
	case v.form == fIng && (d.gaps[a]&(gComma|gDash) != 0 || a > lo && (gerundPreps[d.key(a-1)] || coordinators[d.key(a-1)])):
		ok = d.participial(&c, t, b, lo, hi, v, prev)
	case d.gaps[a]&(gComma|gCloseQ|gDash) != 0 && v.flags&vWeak == 0 && (a > lo || d.closesQuote(a)):
		ok = d.afterComma(&c, t, a, b, lo, hi, v, prev)
	default:
		ok = d.plain(&c, t, a, b, lo, hi, v, prev)
	}
	if !ok {
		return claim{}, b, false
	}
	c.stance = d.stance(c, v, a, negated)
	if adj := d.skipAdjuncts(b, hi); adj > b && d.channelIn(b, adj) && (c.conStart >= d.toks[adj-1].End || c.conEnd <= c.cueStart) {
		c.cueEnd = d.toks[adj-1].End // "said in a statement"
	}
	return c, b, true
}

// cueEnd returns the end of the cue that starts with the verb at token t:
// after its particle ("called on", "according to", "quoted as saying").
// It reports false when a particle the verb needs is missing.
func (d *doc) cueEnd(t, hi int, v verb) (int, bool) {
	b := t + 1
	switch {
	case v.lemma == "quote":
		return t + 3, d.key(t+1) == "as" && d.key(t+2) == "saying"
	case len(v.particles) > 0:
		if b < hi && contains(v.particles, d.key(b)) && d.gaps[b]&hard == 0 {
			return b + 1, true
		}
		return b, !v.needParticle
	}
	return b, true
}

// notReporting rules out a cue group [a, b) around the verb at t that
// does not report in its sentence.
func (d *doc) notReporting(t, a, b, lo int, v verb) bool {
	switch {
	case a > lo && d.key(a-1) == "to" && d.gaps[a]&hard == 0:
		return true // "declined to say": an infinitive
	case v.form == fBase && a == t && (t == lo || d.gaps[t]&hard != 0):
		return true // an imperative or a noun: "Say what"
	case v.form == fIng && a == t && d.gaps[a]&(gComma|gDash) == 0 && !(a > lo && (gerundPreps[d.key(a-1)] || coordinators[d.key(a-1)])):
		return true // "tweets criticizing": a modifier
	case v.form == fPast && a == t && (t == lo || d.key(b) == "by" || d.key(b) == "as"):
		return true // "Written by", "fighters described as"
	case a > lo && d.key(a-1) == "having", v.lemma == "report" && d.key(b) == "from":
		return true // "Having said that", a dateline "reported from"
	case v.lemma == "call" && d.whatCalled(a, lo):
		return true // "what he called a massacre": a label, not a claim
	case d.quoted(t):
		return true // "I think", "he says" inside a quotation: talk within talk
	}
	return false
}

// participial reads "..., saying that": the subject of the sentence, or
// the source of the claim before, speaks.
func (d *doc) participial(c *claim, t, b, lo, hi int, v verb, prev []claim) bool {
	c.srcA, c.srcB = d.participleSource(t, lo, prev)
	j := d.afterCue(b, hi, v)
	if !d.accepts(j, hi, v, t, c.srcA, c.srcB) {
		return false
	}
	var ok bool
	c.conStart, c.conEnd, ok = d.contentAfter(j, hi)
	return ok
}

// afterComma reads a cue group [a, b) that follows a comma, a quotation
// or a dash: "...,” said the commander", "..., Rep. Jim Jordan (R-Ohio), a
// panel member, said in an interview." or an apposition before a content
// ("Hezbollah, a group allied to ..., said the road was closed").
func (d *doc) afterComma(c *claim, t, a, b, lo, hi int, v verb, prev []claim) bool {
	if e := d.rightNP(b, hi, 10); e > b && d.inverted(b, e, hi, v) {
		c.srcA, c.srcB = b, e
		return d.before(c, a, lo, e, hi)
	}
	if after := d.afterCue(b, hi, v); d.endsClause(after, hi, a) {
		if s, e := d.subjectBefore(a, lo); s < e && d.followsContent(s, lo) {
			c.srcA, c.srcB = s, e
			return d.before(c, s, lo, after, hi)
		}
	}
	return d.forward(c, a, b, lo, hi, v, t, prev)
}

// plain reads "X said Y" and "..., X said.".
func (d *doc) plain(c *claim, t, a, b, lo, hi int, v verb, prev []claim) bool {
	s, e := d.leftNP(a, lo)
	after := d.afterCue(b, hi, v)
	if s < e && e == a && (v.flags&vWeak == 0 || d.closesQuote(s) || d.evidence(s, e)) && d.endsClause(after, hi, s) && d.followsContent(s, lo) {
		c.srcA, c.srcB = s, e
		return d.before(c, s, lo, after, hi)
	}
	return d.forward(c, a, b, lo, hi, v, t, prev)
}

// endsClause reports whether the attribution whose source starts at token
// s ends its clause at token after: the sentence ends, or punctuation
// follows that opens no content — save a quotation that continues one
// closed before the source (`“A,” he said, “B.”`).
func (d *doc) endsClause(after, hi, s int) bool {
	if after == hi {
		return true
	}
	if d.gaps[after]&(gComma|gStop|gDash|gSemi) == 0 {
		return false
	}
	return !d.complement(after, hi, 0) || d.closesQuote(s) && d.gaps[after]&gOpenQ != 0
}

// followsContent reports whether a source starting at token s follows the
// content it attributes: punctuation precedes it inside its sentence, or a
// quotation closes just before it.
func (d *doc) followsContent(s, lo int) bool {
	return s > lo && d.gaps[s]&(gComma|gCloseQ|gDash|gColon) != 0 || s == lo && d.closesQuote(s)
}

// gerundPreps before an -ing cue make it hang on the sentence's subject:
// "after saying", "by claiming".
var gerundPreps = set(`after before by while when in upon`)

// nounBefore reports a word after which "reports" or "claims" is a noun.
func nounBefore(k string) bool {
	return determiners[k] || k == "s" || nounModifiers[k]
}

// nounModifiers are words that make the next "reports" a noun: "news
// reports", "unconfirmed claims".
var nounModifiers = set(`news media press unconfirmed earlier recent initial conflicting local
official separate previous first latest new false widespread persistent similar these
opposition state western foreign witness eyewitness`)

// closesQuote reports whether a quotation closes at gap g.
func (d *doc) closesQuote(g int) bool {
	_, ok := d.quoteCloseAt(g)
	return ok
}

// inverted reports whether tokens [b, e) after a cue are its source, as in
// "...,” said the commander, using ...": a name or a determined noun
// phrase of a few words right after the verb, that ends the clause. An
// adjunct ("said in a statement") or an addressee ("told reporters") after
// the verb means the source came before it.
func (d *doc) inverted(b, e, hi int, v verb) bool {
	if v.flags&vObject != 0 || d.skipAdjuncts(b, hi) != b || e-b > 7 {
		return false
	}
	if !d.nameLike(b) && !determiners[d.key(b)] {
		return false
	}
	e = d.skipAdjuncts(e, hi)
	return e == hi || d.gaps[e]&(gComma|gStop|gDash|gSemi|gCloseQ|gParenOpen|gParenClose|gColon) != 0 || isIng(d.key(e))
}

// before fills the content of a cue that follows its content: it ends at
// the punctuation before token e and, when the sentence goes on with a
// quotation after the attribution (`“...,” he said, “...”`), runs to the
// end of that quotation too.
func (d *doc) before(c *claim, e, lo, after, hi int) bool {
	start, end, ok := d.contentBefore(e, lo)
	if !ok {
		return false
	}
	if after < hi && d.gaps[after]&gComma != 0 {
		if q, ok := d.quoteOpenAt(after); ok {
			end = q.end
		}
	}
	if q, ok := d.quoteOpenAt(hi); ok && hi < len(d.toks) && d.gaps[hi]&gBreak == 0 && end > start && d.closesQuote(e) && !d.attributed(q) {
		// `“A,” she said. “B.”`: the quotation goes on after the
		// attribution.
		end = q.end
	}
	c.conStart, c.conEnd = start, end
	return true
}

// forward fills a claim whose source precedes the cue group [a, b) and
// whose content follows it.
func (d *doc) forward(c *claim, a, b, lo, hi int, v verb, t int, prev []claim) bool {
	c.srcA, c.srcB = d.subjectBefore(a, lo)
	if !c.hasSource() && a > lo && coordinators[d.key(a-1)] {
		c.srcA, c.srcB = d.participleSource(t, lo, prev) // "... and said"
	}
	if v.form == fBase && a == t && !c.hasSource() {
		return false
	}
	j := d.afterCue(b, hi, v)
	if !d.accepts(j, hi, v, t, c.srcA, c.srcB) {
		return false
	}
	var ok bool
	c.conStart, c.conEnd, ok = d.contentAfter(j, hi)
	return ok
}

// afterCue skips what sits between a cue and its content: adjuncts and,
// for "told" and the like, the addressee.
func (d *doc) afterCue(b, hi int, v verb) int {
	j := d.skipAdjuncts(b, hi)
	if v.flags&vObject != 0 {
		j = d.skipAddressee(j, hi)
	}
	return j
}

// accepts decides whether what starts at token j is content for the verb
// at token t, whose source is tokens [s, e): weak verbs need a complement,
// except "show" and "find" after evidence ("polls show", "a study found");
// "rejected" and the like a proposition ("rejected the reports"); "called"
// an object ("called the charges baseless"). A weak verb said of "I",
// "we" or "you" is talk inside a quotation, not a claim.
func (d *doc) accepts(j, hi int, v verb, t, s, e int) bool {
	if j >= hi {
		return false
	}
	if v.flags&vWeak != 0 && e-s == 1 && firstPerson[d.key(s)] {
		return false
	}
	if d.complement(j, hi, v.flags) {
		return true
	}
	if v.flags&vNounObject != 0 {
		for k := j; k < hi && k-j < 4; k++ {
			if propositionNouns[d.key(k)] {
				return true
			}
		}
		return false
	}
	if v.flags&vWeak == 0 || v.needParticle {
		return true // a strong verb, or "spoke of", "pointed out"
	}
	switch {
	case evidence[v.lemma]:
		return d.evidence(s, e)
	case beliefs[v.lemma]:
		// "Many of his supporters believe the law is unfair": a
		// named holder of a belief, outside quotations.
		return e > s && d.toks[j].Key != "to" && !prepositions[d.key(j)]
	case v.lemma == "call":
		if d.key(t+1) == "on" || d.key(t+1) == "for" || d.key(t+1) == "upon" {
			return true
		}
		if e == s || callParticles[d.key(j)] || v.form != fPast && v.form != fS || d.key(j) == "a" || d.key(j) == "an" {
			return false // "called off", "called a meeting"
		}
		for k := j; k < hi && k-j < 3; k++ {
			if convened[d.key(k)] {
				return false // "called elections", "called an emergency session"
			}
		}
		return true
	}
	return false
}

// evidence verbs report when a document, a poll or a study shows.
var evidence = set(`show find suggest indicate reveal`)

// beliefs report a belief held by a named holder without "that": "many
// residents fear the dam will burst".
var beliefs = set(`believe think feel fear know suspect doubt worry realise realize understand
hope expect`)

// firstPerson are the speakers of quoted talk.
var firstPerson = set(`i we you`)

// convened are what one calls without saying anything: "called a vote".
var convened = set(`meeting meetings election elections vote votes conference session sessions summit
strike strikes referendum halt truce ceasefire rally rallies hearing hearings press police`)

// callParticles after "called" make another verb: "called off", "called up".
var callParticles = set(`off up in out back it quits`)

// passiveClaim reads "it is believed that ...", "he is said to have ...",
// "was reported by": a hedge without a source unless "by" names one.
func (d *doc) passiveClaim(c claim, a, b, lo, hi int, v verb) (claim, int, bool) {
	if d.key(b) == "by" {
		e := d.rightNP(b+1, hi, 10)
		if e == b+1 || v.flags&vWeak != 0 {
			return claim{}, b, false
		}
		c.srcA, c.srcB = b+1, e
		j := d.skipAdjuncts(e, hi)
		if d.complement(j, hi, 0) {
			var ok bool
			if c.conStart, c.conEnd, ok = d.contentAfter(j, hi); ok {
				c.stance = Assert
				return c, e, true
			}
		}
		return claim{}, b, false
	}
	if v.flags&vPassiveHedge == 0 {
		return claim{}, b, false
	}
	switch d.key(b) {
	case "that":
		var ok bool
		if c.conStart, c.conEnd, ok = d.contentAfter(b, hi); !ok {
			return claim{}, b, false
		}
	case "to":
		s, _ := d.leftNP(a, lo)
		if s == a || d.key(s) == "it" {
			return claim{}, b, false
		}
		e := d.clauseEnd(b, hi)
		c.conStart, c.conEnd = d.toks[s].Start, d.toks[e-1].End
	default:
		return claim{}, b, false
	}
	c.stance = Hedge
	return c, b, true
}

// participleSource finds who speaks in "..., saying that": the source of
// the claim before it in the same sentence, else the sentence's subject.
func (d *doc) participleSource(t, lo int, prev []claim) (int, int) {
	if n := len(prev); n > 0 && prev[n-1].hasSource() && prev[n-1].srcA >= lo && prev[n-1].cueStart < d.toks[t].Start {
		return prev[n-1].srcA, prev[n-1].srcB
	}
	return d.sentenceSubject(lo, t)
}

// according reads "according to X, Y" and "Y, according to X".
func (d *doc) according(t, b, lo, hi int) (claim, bool) {
	e := d.rightNP(b, hi, maxSource)
	if e == b {
		return claim{}, false
	}
	c := claim{cueStart: d.toks[t].Start, cueEnd: d.toks[b-1].End, srcA: b, srcB: e}
	k := lo
	for k < t && leadOnly[d.key(k)] {
		k++
	}
	var ok bool
	if k < t {
		c.conStart, c.conEnd, ok = d.contentBefore(t, lo)
	} else {
		c.conStart, c.conEnd, ok = d.contentAfter(e, hi)
	}
	if !ok {
		return claim{}, false
	}
	c.stance = d.stance(c, verb{lemma: "according"}, t, false)
	return c, true
}

// nounClaim reads "the claim that ...", "Russia's denial that ...": the
// noun at t reports when a "that" clause follows it; the source is the
// possessor or the name before the noun.
func (d *doc) nounClaim(t int, stance string, lo, hi int) (claim, bool) {
	j := t + 1
	if j >= hi || d.key(j) != "that" || d.gaps[j]&hard != 0 || j+1 >= hi {
		return claim{}, false
	}
	if next := d.key(j + 1); leftStops[next] || verbs[next].form == fPast && verbs[next].lemma != "" {
		return claim{}, false // "reports that said": a relative clause
	}
	c := claim{cueStart: d.toks[t].Start, cueEnd: d.toks[t].End, srcA: t, srcB: t, stance: stance}
	switch {
	case t-1 > lo && d.key(t-1) == "s" && d.gaps[t-1]&hard == 0:
		// "Russia's denial": the possessor.
		if s, e := d.leftNP(t-1, lo); s < e {
			c.srcA, c.srcB = s, e
		}
	case t-1 >= lo && d.toks[t-1].Cap && d.gaps[t]&hard == 0:
		s := t - 1
		for s > lo && d.toks[s-1].Cap && d.gaps[s]&hard == 0 {
			s--
		}
		c.srcA, c.srcB = s, t
	}
	var ok bool
	if c.conStart, c.conEnd, ok = d.contentAfter(j, hi); !ok {
		return claim{}, false
	}
	if c.stance == Assert && d.hedged(c) {
		c.stance = Hedge
	}
	return c, true
}

// verbPosition rules out cue words that are not verbs where they stand:
// a capitalised word inside a sentence that is no headline ("No
// Comments"), a participle used as an adjective ("the proposed
// destination", "its alleged role"), and nouns spelled like verbs ("the
// United States", "his remarks", "a tweet"), which count only before a
// complement and after a subject.
func (d *doc) verbPosition(t, lo int, v verb) bool {
	tok := d.toks[t]
	if tok.Cap && t > lo && (!d.headline(lo, t) || t+1 < len(d.toks) && d.gaps[t+1]&gColon != 0) {
		return false // "No Comments", a label "Comments:"
	}
	prev := d.key(t - 1)
	if t == lo {
		prev = ""
	}
	if articles[prev] || prev == "s" && d.gaps[t-1]&hard == 0 && t >= 2 && !pronouns[d.key(t-2)] {
		return false // "the proposed route", "the think tank", "Trump's tweet"
	}
	if homographs[tok.Key] && (v.form == fBase || v.form == fS) {
		if prev == "" || determiners[prev] || prev == "s" || nounModifiers[prev] || prepositions[prev] {
			return false
		}
		if s, e := d.leftNP(t, lo); evidence[v.lemma] && d.evidence(s, e) {
			return true // "a survey of the camps shows"
		}
		if !d.subjectLike(t-1) && !auxiliaries[prev] {
			return false
		}
		b := t + 1
		if len(v.particles) > 0 && contains(v.particles, d.key(b)) {
			b++
		}
		return d.complement(d.skipAdjuncts(b, len(d.toks)), len(d.toks), v.flags)
	}
	return true
}

// subjectLike reports whether token k can end a subject: a pronoun, a
// name, or a noun of a person or group.
func (d *doc) subjectLike(k int) bool {
	if k < 0 {
		return false
	}
	key := d.key(k)
	return pronouns[key] || d.toks[k].Cap || personNouns[key] || groupNouns[key] || evidenceNouns[key] ||
		len(key) > 3 && key[len(key)-1] == 's' && (personNouns[key[:len(key)-1]] || groupNouns[key[:len(key)-1]])
}

// headline reports a sentence in title case, where verbs are capitalised:
// most of its words (short function words aside) start with a capital.
func (d *doc) headline(lo, t int) bool {
	_, hi := d.sentence(t)
	caps, words := 0, 0
	for k := lo; k < min(hi, lo+60); k++ {
		if len(d.toks[k].Key) > 3 || d.toks[k].Cap {
			words++
			if d.toks[k].Cap || d.toks[k].Number {
				caps++
			}
		}
	}
	return caps*5 >= words*4
}

// evidence reports a source that is a document, a poll or a study, which
// show and find rather than say: "polls show", "video of the incident
// shows", "an arbitration panel found".
func (d *doc) evidence(s, e int) bool {
	for k := s; k < e; k++ {
		if evidenceNouns[d.key(k)] {
			return true
		}
	}
	return e-s == 1 && (d.key(s) == "it" || d.key(s) == "this")
}

// whatCalled reports "what" and a short subject before the cue group
// starting at a: "what it called", "what multiple lawmakers called".
func (d *doc) whatCalled(a, lo int) bool {
	for k := a - 1; k >= lo && a-k <= 4; k-- {
		if d.key(k) == "what" {
			return true
		}
		if d.gaps[k+1]&hard != 0 {
			return false
		}
	}
	return false
}

// quoted reports whether token t stands inside quotation marks.
func (d *doc) quoted(t int) bool {
	_, ok := d.inQuote(t)
	return ok
}

// attributed reports whether a quotation has its own attribution after it:
// `“B,” he replied.`
func (d *doc) attributed(q quote) bool {
	if q.close >= len(d.toks) || d.gaps[q.close]&gBreak != 0 {
		return false
	}
	_, hi := d.sentence(q.close)
	return hi > q.close && d.trailer(q.close, hi)
}

// channelIn reports whether tokens [b, e) name the channel of a saying:
// "in a statement", "in an interview with Reuters".
func (d *doc) channelIn(b, e int) bool {
	for k := b; k < e; k++ {
		if adjunctNouns[d.key(k)] {
			return true
		}
	}
	return false
}
