package claims

// maxSource bounds a source noun phrase, so that a sentence without
// punctuation does not become one long source.
const maxSource = 16

// leftNP returns the start of the noun phrase that ends just before token
// end, not crossing lo: "the US-led coalition in Syria" before "said".
// Temporal words between the phrase and end are skipped ("the coalition
// yesterday said"); the phrase ends before them. It returns end, end when
// there is none.
func (d *doc) leftNP(end, lo int) (start, stop int) {
	j := end
	for j > lo && temporal[d.key(j-1)] && d.gaps[j]&hard == 0 {
		j--
	}
	if j == lo || j < end && d.gaps[j]&hard != 0 {
		j = end // only temporal words: no phrase before them
	}
	stop = j
	k := j
	paren := -1 // the gap that opens a parenthesis the phrase holds
	if d.gaps[k]&gParenClose != 0 && k == end {
		// "Rep. Gwen Moore (D-Wis.) said": step over the parenthesis.
		p := k - 1
		for p > lo && k-p < 8 && d.gaps[p]&gParenOpen == 0 {
			p--
		}
		if p > lo && d.gaps[p]&gParenOpen != 0 {
			k, paren = p, p
		}
	}
	for k > lo && stop-k < maxSource {
		if k < stop && k != paren && d.gaps[k]&hard != 0 {
			break
		}
		key := d.key(k - 1)
		if leftStops[key] && !(d.toks[k-1].Cap && isSayForm(key)) || d.finiteVerb(k-1) {
			break // "Osama Said, a media activist, told" keeps the name
		}
		if (key == "and" || key == "or") && !d.joinsNames(k-1, lo) {
			break
		}
		k--
	}
	for k+1 < stop && leadingTrims[d.key(k)] {
		k++
	}
	// A capitalised article inside the phrase starts a new one: a heading
	// run into the text ("Retaliation The administration said").
	for n := stop - 1; n > k; n-- {
		if d.toks[n].Cap && articles[d.key(n)] && d.gaps[n]&gBreak == 0 {
			k = n
			break
		}
	}
	if k == stop {
		return end, end
	}
	return k, stop
}

// joinsNames reports whether the "and" at token m joins two names into one
// source ("Russia and Iran said", "Hezbollah and the Syrian army said")
// rather than two clauses.
func (d *doc) joinsNames(m, lo int) bool {
	if m-1 < lo || m+1 >= len(d.toks) {
		return false
	}
	left, right := d.toks[m-1], d.toks[m+1]
	return left.Cap && (right.Cap || determiners[right.Key])
}

// subjectBefore finds the source of a cue that starts at token a: the
// noun phrase before it, with an apposition ("A Britain-based monitor, the
// Syrian Observatory, said"), past a relative clause ("Caddell, who has
// polled for decades, said") or a relative pronoun ("news reports that
// said").
func (d *doc) subjectBefore(a, lo int) (int, int) {
	if a <= lo {
		return a, a
	}
	if d.gaps[a]&gComma != 0 {
		p := a - 1
		for p > lo && a-p < 30 && d.gaps[p]&(gComma|gStop|gColon|gSemi|gOpenQ|gCloseQ|gDash) == 0 {
			p--
		}
		if p <= lo || d.gaps[p]&gComma == 0 {
			return a, a
		}
		head, headEnd := d.leftNP(p, lo)
		if head == headEnd || headEnd != p {
			return a, a
		}
		if relatives[d.key(p)] || d.key(p) == "whose" {
			return head, p
		}
		// "Donna Rawlings, 59, of Ashton, Md., said": a chain of short
		// appositions goes back to the name that opens it.
		for n := 0; n < 3 && head > lo && d.gaps[head]&hard == gComma && headEnd-head <= 3; n++ {
			h, e := d.leftNP(head, lo)
			if h == e || e != head {
				break
			}
			head, headEnd = h, e
		}
		return head, a
	}
	s, e := d.leftNP(a, lo)
	if s < e {
		if e-s == 1 && relatives[d.key(s)] {
			return d.antecedent(s, lo)
		}
		return s, e
	}
	if relatives[d.key(a-1)] {
		return d.antecedent(a-1, lo)
	}
	return a, a
}

// antecedent returns the noun phrase a relative pronoun at token r refers
// to: "reports" of "reports that said".
func (d *doc) antecedent(r, lo int) (int, int) {
	s, e := d.leftNP(r, lo)
	if s == e || e != r {
		return r, r + 1 // keep the pronoun itself
	}
	return s, e
}

// rightNP returns the end of the source noun phrase that starts at token
// b after an inverted cue: "said the commander", "according to a statement
// issued late last Friday". Below maxSource words, an -ing word ends it
// ("said the commander, using"); "according to" takes the longer phrase,
// where it may modify a noun ("the city's monitoring office").
func (d *doc) rightNP(b, hi, limit int) int {
	e := b
	for e < hi && e-b < limit {
		if e > b && d.gaps[e]&hard != 0 {
			break
		}
		k := d.key(e)
		if e > b && (leftStops[k] && k != "to" || isIng(d.toks[e].Key) && e > b+1 && limit < maxSource) {
			break
		}
		e++
	}
	return e
}

// isIng reports a present participle ("using", "adding"), which ends a
// source after an inverted cue.
func isIng(k string) bool {
	return len(k) > 5 && k[len(k)-3:] == "ing"
}

// sentenceSubject guesses the subject of the clause a participial cue
// hangs on ("Trump spoke on Monday, saying ..."): a person or group named
// in the first words of the sentence, a pronoun, or the capitalised words
// that open it.
func (d *doc) sentenceSubject(lo, cue int) (int, int) {
	for _, m := range d.actorsIn(d.toks[lo].Start, d.toks[cue].Start) {
		a, b := d.tokensOf(m.Start, m.End)
		if a-lo <= 3 && a < b {
			return a, b
		}
	}
	for lo < cue && (leadingTrims[d.key(lo)] || prepositions[d.key(lo)]) {
		lo++ // "In 1998, ...", "However, ..."
	}
	if lo >= cue {
		return cue, cue
	}
	if pronouns[d.key(lo)] && d.key(lo) != "who" {
		return lo, lo + 1
	}
	j := lo
	if determiners[d.key(j)] {
		j++
	}
	e := j
	for e < cue && d.toks[e].Cap && (e == j || d.gaps[e]&hard == 0) && e-j < 5 {
		e++
	}
	if e > j && (j == lo || e > j) {
		return lo, e
	}
	return cue, cue
}

// finiteVerb reports a reporting verb that heads its own clause, which no
// subject runs across: "denied" in "The commander denied news reports that
// said". A noun reading ("news reports") or an adjective ("the alleged")
// is no verb.
func (d *doc) finiteVerb(k int) bool {
	v, ok := verbs[d.key(k)]
	if !ok || v.form == fBase || v.form == fIng || d.toks[k].Cap {
		return false
	}
	return k == 0 || !nounBefore(d.key(k-1)) && !prepositions[d.key(k-1)]
}
