package claims

// contentAfter returns the code points of the content that starts at token
// j and runs to the end of its clause: the end of the sentence, or of a
// quotation that opens at j and runs on past the sentence, or the comma
// before a trailing ", adding ...", ", according to ..." or ", X said".
func (d *doc) contentAfter(j, hi int) (int, int, bool) {
	if j >= hi {
		return 0, 0, false
	}
	q, quoted := d.quoteOpenAt(j)
	if quoted && (q.close >= hi || d.trailer(q.close, hi)) {
		return q.start, q.end, true
	}
	e := d.clauseEnd(j, hi)
	start, end := d.toks[j].Start, d.toks[e-1].End
	if quoted {
		start = q.start
	}
	if c, ok := d.quoteCloseAt(e); ok && c.open >= j && c.open < e {
		end = c.end
	}
	return start, end, true
}

// contentBefore returns the content of a cue that follows it ("..., the
// commander said"): from the start of the sentence, or of the quotation
// that closes at gap e, to the end of token e-1.
func (d *doc) contentBefore(e, lo int) (int, int, bool) {
	if e <= lo {
		if q, ok := d.quoteCloseAt(e); ok && q.open < e {
			return q.start, q.end, true
		}
		return 0, 0, false
	}
	start, end := d.toks[lo].Start, d.toks[e-1].End
	if q, ok := d.quoteCloseAt(e); ok && q.open < e {
		start, end = min(start, q.start), q.end
		if q.open >= lo && q.open > lo {
			start = q.start // "He added: “...,” the aide said" keeps the quote
		}
	} else {
		// A claim opens after a leading "But", "However,", "Yet".
		for lo < e-1 && leadOnly[d.key(lo)] {
			lo++
		}
		start = d.toks[lo].Start
		if q, ok := d.quoteOpenAt(lo); ok && q.close <= e {
			start = q.start
		}
	}
	return start, end, true
}

// leadOnly are sentence openers that do not belong to a claim's content.
var leadOnly = set(`but however yet and meanwhile still`)

// trailer reports whether the tokens [g, hi) after a closing quote are only
// an attribution of it: `," he said`, `," the commander said, using ...`.
func (d *doc) trailer(g, hi int) bool {
	if g >= hi {
		return true
	}
	if d.gaps[g]&(gComma|gStop|gDash|gCloseQ) == 0 {
		return false
	}
	for k := g; k < hi && k-g < 10; k++ {
		if k > g && d.gaps[k]&(gStop|gSemi|gColon) != 0 {
			return false
		}
		if v, ok := verbs[d.key(k)]; ok && v.flags&vWeak == 0 && v.form != fBase {
			return true
		}
	}
	return false
}

// maxContent bounds a content read to the end of its clause, in tokens: a
// clause longer than that is a run of words without punctuation, not a
// sentence.
const maxContent = 150

// clauseEnd returns the token that ends the content starting at j: hi, or
// the token after a comma that opens a participial cue (", adding"), an
// "according to", or an inverted attribution (", the statement said").
func (d *doc) clauseEnd(j, hi int) int {
	hi = min(hi, j+maxContent)
	for e := j + 1; e < hi; e++ {
		if coordinators[d.key(e)] && d.coordinatedCue(e+1, hi) {
			return e // "..., but he said", "... and said"
		}
		if d.gaps[e]&(gComma|gDash|gCloseQ) == 0 {
			continue
		}
		k := d.key(e)
		if k == "but" && d.gaps[e]&gComma != 0 {
			return e // "..., but he has also ..." starts another statement
		}
		if k == "according" && d.key(e+1) == "to" {
			return e
		}
		if v, ok := verbs[k]; ok && v.flags&vWeak == 0 && (v.form == fIng || v.form == fPast || v.form == fS) {
			return e // ", adding that", ", said the commander"
		}
		if d.invertedAt(e, hi) {
			return e
		}
	}
	return hi
}

// invertedAt reports whether a short noun phrase and a reporting verb
// starting at token e end the sentence or its clause: ", the statement
// said." or ", he added, ...".
func (d *doc) invertedAt(e, hi int) bool {
	for k := e; k < hi && k-e < 8; k++ {
		if k > e && d.gaps[k]&hard != 0 {
			return false
		}
		if leftStops[d.key(k)] && !isSayForm(d.key(k)) {
			return false
		}
		v, ok := verbs[d.key(k)]
		if !ok || v.flags&vWeak != 0 || v.form == fIng || k == e {
			continue
		}
		n := k + 1
		if n < hi && len(v.particles) > 0 && contains(v.particles, d.key(n)) {
			n++
		}
		n = d.skipAdjuncts(n, hi)
		return n == hi || d.gaps[n]&(gComma|gStop|gSemi|gDash) != 0
	}
	return false
}

func isSayForm(k string) bool {
	v, ok := verbs[k]
	return ok && v.lemma == "say" || k == "told" || k == "tells" || k == "added" || k == "adds" || k == "stated"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// skipAdjuncts skips what may sit between a cue and its content: a time
// ("said on Tuesday that"), a channel ("said in a statement", "told a news
// conference in Beirut", "said in an interview with Reuters").
func (d *doc) skipAdjuncts(j, hi int) int {
	for range 3 {
		if j >= hi {
			return j
		}
		m := j
		for m < hi && m-j < 4 && (temporal[d.key(m)] || d.toks[m].Number) && (m == j || d.gaps[m]&hard == 0) {
			m++
		}
		if m > j && (m == hi || d.key(m) == "that" || d.gaps[m]&(gComma|gColon|gOpenQ) != 0 || adjunctPreps[d.key(m)]) {
			j = m
			continue
		}
		if !adjunctPreps[d.key(j)] && d.key(j) != "to" {
			return j
		}
		// "in August", "on Tuesday", "to reporters", "to the TV".
		m = j + 1
		for m < hi && m-j <= 4 && d.gaps[m]&hard == 0 && (temporal[d.key(m)] || d.toks[m].Number || determiners[d.key(m)] || d.key(j) == "to" && (audience[d.key(m)] || d.toks[m].Cap || m > j+1 && determiners[d.key(m-1)])) {
			m++
		}
		if m > j+1 && !determiners[d.key(m-1)] && (m == hi || d.key(m) == "that" || d.gaps[m]&(gComma|gColon|gOpenQ) != 0) {
			j = m
			continue
		}
		if d.key(j) == "to" {
			return j
		}
		m = j + 1
		for m < hi && m-j <= 4 && !adjunctNouns[d.key(m)] && d.gaps[m]&hard == 0 {
			m++
		}
		if m >= hi || !adjunctNouns[d.key(m)] || d.gaps[m]&hard != 0 {
			return j
		}
		m++
		if m < hi && channelLinks[d.key(m)] && d.gaps[m]&hard == 0 {
			n := m + 1
			for n < hi && n-m <= 6 && d.gaps[n]&hard == 0 && (d.toks[n].Cap || determiners[d.key(n)] || temporal[d.key(n)]) {
				n++
			}
			if n < hi && (d.key(n) == "that" || d.gaps[n]&(gComma|gColon|gOpenQ) != 0) || n == hi {
				m = n
			}
		}
		j = m
	}
	return j
}

// channelLinks join a channel to its medium or audience: "an interview
// with Reuters", "a statement on Telegram".
var channelLinks = set(`with to on by for from posted published issued carried aired broadcast released`)

// skipAddressee skips the addressee after "told", "assured", "warned":
// "told reporters", "told Al Jazeera on Sunday".
func (d *doc) skipAddressee(j, hi int) int {
	if j >= hi || d.complement(j, hi, 0) {
		return j
	}
	m := j
	switch {
	case audience[d.key(m)]:
		m++
	default:
		for _, a := range d.actorsIn(d.toks[m].Start, d.toks[min(hi, m+8)-1].End) {
			if a.Start == d.toks[m].Start {
				_, m = d.tokensOf(a.Start, a.End)
				break
			}
		}
		if m == j && determiners[d.key(m)] {
			// "told the agency.", "told a news conference that"
			n := m + 1
			for n < hi && n-m <= 4 && d.gaps[n]&hard == 0 && !leftStops[d.key(n)] && d.key(n) != "that" {
				n++
			}
			if n > m+1 && (n == hi || d.key(n) == "that" || d.gaps[n]&(gComma|gColon|gOpenQ) != 0) {
				return d.skipAdjuncts(n, hi)
			}
		}
		if m == j {
			if determiners[d.key(m)] {
				m++
			}
			n := m
			for n < hi && n-m < 6 && d.nameLike(n) && (n == m || d.gaps[n]&hard == 0) {
				n++
			}
			if n == m && m > j && m < hi && audience[d.key(m)] {
				n = m + 1
			}
			if n == m {
				return j
			}
			m = n
		}
	}
	return d.skipAdjuncts(m, hi)
}

// complement reports whether a reported proposition starts at token j:
// "that", a quotation, a colon, "whether", or "to" for verbs that take it.
func (d *doc) complement(j, hi int, flags verbFlags) bool {
	if j >= hi {
		return false
	}
	if d.gaps[j]&(gColon|gOpenQ) != 0 {
		return true
	}
	switch d.key(j) {
	case "that", "whether", "if", "how", "why", "what", "when", "where", "who":
		return true
	case "to":
		return flags&vInf != 0
	}
	return false
}

// coordinators join a second clause whose own cue starts a new claim.
var coordinators = set(`and but while whereas though although yet`)

// coordinatedCue reports whether the tokens from k are a short subject, or
// none, and a reporting verb: "he said", "said", "73 percent said".
func (d *doc) coordinatedCue(k, hi int) bool {
	for n := k; n < hi && n-k < 6; n++ {
		if n > k && d.gaps[n]&hard != 0 {
			return false
		}
		key := d.key(n)
		if v, ok := verbs[key]; ok && v.flags&vWeak == 0 && (v.form == fPast || v.form == fS) && !d.toks[n].Cap {
			return n == k || !nounBefore(d.key(n-1))
		}
		if leftStops[key] && !auxiliaries[key] {
			return false
		}
	}
	return false
}
