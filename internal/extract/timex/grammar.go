package timex

// TIMEX3 types.
const (
	tDate     = "DATE"
	tTime     = "TIME"
	tDuration = "DURATION"
	tSet      = "SET"
)

const (
	presentRef = "PRESENT_REF"
	pastRef    = "PAST_REF"
	futureRef  = "FUTURE_REF"
)

// match tries to read an expression starting at token i. Lead-ins that
// TimeBank keeps inside the span ("the", "about", "more than", "at least")
// are read here; core reads the expression itself.
func (p *parser) match(i int) (match, bool) {
	lead := i
	switch p.w(i) {
	case wThe:
		if !p.sp(i + 1) {
			return match{}, false
		}
		m, ok := p.core(i+1, true)
		if ok {
			m.start = lead
		}
		return m, ok
	case wApprox, wWithin:
		return p.lead(lead, i+1)
	case wMore, wLess:
		if p.word(i+1, wThan) {
			return p.lead(lead, i+2)
		}
	case wAt:
		if p.word(i+1, wLeast) {
			return p.lead(lead, i+2)
		}
		return match{}, false
	case wUp:
		if p.word(i+1, wTo) {
			return p.lead(lead, i+2)
		}
		return match{}, false
	case wNo:
		if (p.word(i+1, wMore) || p.word(i+1, wLess)) && p.word(i+2, wThan) {
			return p.lead(lead, i+3)
		}
		return match{}, false
	}
	return p.core(i, false)
}

// lead reads an expression at j and, when found, starts its span at the
// lead-in at i. A lead-in before anything but a count or a clock time is
// left out: "about Friday" is "Friday".
func (p *parser) lead(i, j int) (match, bool) {
	if !p.sp(j) {
		return match{}, false
	}
	det := p.word(j, wThe)
	if det {
		j++
	}
	m, ok := p.core(j, det)
	if !ok {
		return m, false
	}
	if m.typ == tDuration || m.typ == tTime || m.typ == tSet || p.tok(j).nd > 0 || p.k(j) == kNum {
		m.start = i
	} else if det {
		m.start = j - 1
	}
	return m, true
}

// maxDepth bounds how deeply expressions nest.
const maxDepth = 4

// core reads the expression that starts at token i. det says a "the"
// precedes it, which licenses bare nouns: "the year", "the future".
func (p *parser) core(i int, det bool) (match, bool) {
	// Rules call core for the expression inside theirs ("the end of the
	// end of ..."); a bound on the depth keeps the scan linear.
	if p.depth >= maxDepth {
		return match{}, false
	}
	p.depth++
	m, ok := p.coreAt(i, det)
	p.depth--
	return m, ok
}

func (p *parser) coreAt(i int, det bool) (match, bool) {
	t := p.tok(i)
	if t.nd > 0 {
		return p.numeric(i, det)
	}
	switch t.e.k {
	case kMonth:
		return p.monthExpr(i)
	case kWeekday:
		return p.weekdayExpr(i)
	case kDeictic:
		return p.deicticExpr(i)
	case kNum, kVague:
		if m, ok := p.spokenYear(i); ok {
			return m, true
		}
		return p.quantityExpr(i, det)
	case kOrd:
		return p.ordinalExpr(i, det)
	case kUnit:
		return p.unitExpr(i, det)
	case kRef:
		return p.refExpr(i, det)
	case kSetAdv:
		return p.setAdverb(i)
	case kSeason:
		return p.seasonExpr(i, det, 0, i)
	case kPart:
		return p.partExpr(i, det)
	case kHoliday:
		return p.holidayExpr(i, 0, i)
	case kDecadeWord:
		if det {
			return match{start: i, end: i + 1, typ: tDate, val: fmtDecade(1900 + int(t.e.v))}, true
		}
	case kWord:
		switch t.e.w {
		case wLast, wNext, wThis, wPast, wPrevious, wComing, wFollowing, wCurrent, wLatest, wRecent, wUpcoming, wFinal:
			return p.relative(i, det)
		case wEarly, wLate, wMid, wEarlier, wLater, wPost:
			return p.edge(i, det)
		case wSame:
			return p.sameExpr(i, det)
		case wThat:
			return p.thatExpr(i)
		case wAdditional:
			// "the full year"
			if det && p.sp(i+1) && p.w(i+1) == wYear {
				return p.thisYear(i, i+2)
			}
		case wEvery, wEach, wPer:
			return p.setExpr(i)
		case wFiscal:
			return p.fiscalExpr(i, det)
		case wEnd, wBeginning, wStart, wMiddle:
			return p.partOf(i, det)
		case wRight:
			if p.word(i+1, wNow) && p.sp(i+1) {
				return match{start: i, end: i + 2, typ: tDate, val: presentRef}, true
			}
		case wThese:
			if p.k(i+1) == kUnit && p.v(i+1) == uDay && p.tok(i+1).e.f&fPlural != 0 && p.sp(i+1) {
				return match{start: i, end: i + 2, typ: tDate, val: presentRef}, true
			}
		case wNear, wShort, wLong:
			// "the near future", "the short term", "the long term"
			if det && p.sp(i+1) && (p.k(i+1) == kRef && p.v(i+1) == rFuture && t.e.w == wNear || p.word(i+1, wTerm)) {
				return match{start: i, end: i + 2, typ: tDate, val: futureRef}, true
			}
		case wAs:
			if p.word(i+1, wSoon) && p.word(i+2, wAs) && p.word(i+3, wPossible) {
				return match{start: i, end: i + 4, typ: tDate, val: futureRef}, true
			}
		case wQ:
			return p.qExpr(i)
		case wIts:
			if m, ok := p.core(i+1, true); ok && m.q.ok && p.sp(i+1) {
				m.start = i
				return m, true
			}
		}
	}
	return match{}, false
}

// tense guesses whether the clause around tokens [s, e) speaks of the past
// (-1) or the future (+1), or cannot tell (0). It looks back to the nearest
// auxiliary or past-tense verb within the sentence, then ahead.
func (p *parser) tense(s, e int) int {
	for i, n := s-1, 0; i >= 0 && n < 12; i, n = i-1, n+1 {
		if p.sentenceGap(i + 1) {
			break
		}
		if t := p.cue(i); t != 0 {
			return t
		}
	}
	for i, n := e, 0; i < len(p.toks) && n < 8; i, n = i+1, n+1 {
		if p.sentenceGap(i) {
			break
		}
		if t := p.cue(i); t != 0 {
			return t
		}
	}
	return 0
}

// cue returns the tense that token i signals, 0 if none.
func (p *parser) cue(i int) int {
	t := p.tok(i)
	if t.nd > 0 {
		return 0
	}
	switch t.e.w {
	case wFutureCue, wUpcoming, wUntil:
		// "was due to", "had been scheduled to": a plan in the past
		for k := i - 1; k >= i-2; k-- {
			if w := p.tok(k).e.w; w == wPastCue || w == wBe && p.str(k) == "been" {
				return -1
			}
		}
		return 1
	case wAgo:
		return -1
	case wPastCue:
		switch p.str(i) {
		case "was", "were", "had", "did", "said", "told", "Was", "Were", "Had", "Did":
			return -1
		}
		// a participle after "be", "to" or "has" ("would be held", "to
		// hit") says nothing of the time
		for k := i - 1; k >= i-2; k-- {
			if w := p.tok(k).e.w; w == wBe || w == wPresentCue || w == wTo {
				return 0
			}
		}
		return -1
	case wSoon, wEarly:
		if p.word(i-1, wAs) {
			return 1 // "as soon as Tuesday", "as early as Tuesday"
		}
		return 0
	}
	if t.e.k != kNone || t.cap {
		return 0
	}
	w := p.text[t.bs:t.be]
	if w == "set" && p.word(i+1, wTo) {
		return 1 // "set to resume Monday"
	}
	// a regular past tense: "shelled", "reported"; not "need", and not a
	// passive after "be" ("will be delivered")
	if len(w) >= 5 && w[len(w)-2] == 'e' && w[len(w)-1] == 'd' && w[len(w)-3] != 'e' {
		for k := i - 1; k >= i-2; k-- {
			if p.tok(k).e.w == wBe || p.tok(k).e.w == wPresentCue || p.tok(k).e.w == wTo {
				return 0
			}
		}
		return -1
	}
	return 0
}
