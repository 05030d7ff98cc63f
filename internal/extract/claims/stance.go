package claims

// stance decides whether a claim asserts, denies or hedges. Denial verbs
// deny unless negated ("did not deny" hedges); "claimed" and "alleged"
// hedge, as does any negated cue ("has not said whether"); a saying whose content calls something false denies it ("said the
// reports were untrue"); "reportedly", "allegedly", "unconfirmed" in the
// cue or the content hedge.
func (d *doc) stance(c claim, v verb, a int, negated bool) string {
	switch {
	case v.flags&vDeny != 0 && negated:
		return Hedge
	case v.flags&vDeny != 0:
		return Deny
	case v.flags&vHedge != 0, negated:
		return Hedge // "claimed", "has not said"
	}
	if d.falsified(c) {
		return Deny
	}
	if d.hedged(c) {
		return Hedge
	}
	return Assert
}

// falsified reports a content that, in its first words, calls something
// untrue: "it was not true", "the reports were baseless", "there was no
// truth in".
func (d *doc) falsified(c claim) bool {
	i, j := d.tokensOf(c.conStart, c.conEnd)
	j = min(j, i+12)
	for k := i; k < j; k++ {
		key := d.key(k)
		if falsity[key] {
			return true
		}
		if (key == "not" || key == "no" || key == "never") && k+1 < j {
			next := d.key(k + 1)
			if next == "true" || next == "truth" || next == "correct" || next == "accurate" ||
				next == "the" && d.key(k+2) == "case" || next == "basis" {
				return true
			}
		}
	}
	return false
}

// hedged reports a hedge word in the cue group or the content.
func (d *doc) hedged(c claim) bool {
	i, j := d.tokensOf(c.cueStart, c.conEnd)
	if c.conEnd < c.cueStart {
		i, j = d.tokensOf(c.conStart, c.cueEnd)
	}
	for k := i; k < min(j, i+maxContent); k++ {
		if hedgeWords[d.key(k)] {
			return true
		}
		if d.key(k) == "independently" && k > i && (d.key(k+1) == "verified" || d.key(k+1) == "confirmed" || d.key(k+1) == "verify" || d.key(k+1) == "confirm") {
			return true
		}
	}
	return false
}
