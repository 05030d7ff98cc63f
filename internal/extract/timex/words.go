package timex

// buildLexicon returns every word the grammar knows, lower case, and the
// words listed twice (a mistake: the later entry would silently win).
func buildLexicon() (lexicon map[string]entry, dups []string) {
	lexicon = map[string]entry{}
	add := func(k kind, w wid, v int16, f uint8, words ...string) {
		for _, s := range words {
			if _, ok := lexicon[s]; ok {
				dups = append(dups, s)
			}
			lexicon[s] = entry{k: k, w: w, v: v, f: f}
		}
	}

	months := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	for i, m := range months {
		f := uint8(0)
		if m == "may" || m == "march" {
			f = fAmbig
		}
		add(kMonth, wNone, int16(i+1), f, m)
	}
	for i, abbrs := range [][]string{{"jan"}, {"feb"}, {"mar"}, {"apr"}, nil, {"jun"}, {"jul"}, {"aug"}, {"sep", "sept"}, {"oct"}, {"nov"}, {"dec"}} {
		add(kMonth, wNone, int16(i+1), fAbbr, abbrs...)
	}
	for i, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		add(kWeekday, wNone, int16(i+1), 0, d)
		add(kWeekday, wNone, int16(i+1), fPlural, d+"s")
	}
	for i, abbrs := range [][]string{{"mon"}, {"tue", "tues"}, {"wed"}, {"thu", "thur", "thurs"}, {"fri"}, {"sat"}, {"sun"}} {
		add(kWeekday, wNone, int16(i+1), fAbbr, abbrs...)
	}
	add(kDeictic, wNone, -1, 0, "yesterday")
	add(kDeictic, wNone, 0, 0, "today")
	add(kDeictic, wNone, 1, 0, "tomorrow")
	add(kDeictic, wNone, 2, 0, "tonight")

	units := []struct {
		u        int16
		one, few string
	}{
		{uSecond, "", "seconds"}, {uMinute, "minute", "minutes"}, {uHour, "hour", "hours"},
		{uDay, "day", "days"}, {uWeek, "week", "weeks"}, {uWeekend, "weekend", "weekends"},
		{uFortnight, "fortnight", "fortnights"}, {uMonth, "month", "months"},
		{uQuarter, "quarter", "quarters"}, {uYear, "year", "years"}, {uDecade, "decade", "decades"},
		{uCentury, "century", "centuries"}, {uMillennium, "millennium", "millennia"},
	}
	for _, u := range units {
		if u.one != "" {
			add(kUnit, wNone, u.u, 0, u.one)
		}
		add(kUnit, wNone, u.u, fPlural, u.few)
	}
	add(kUnit, wNone, uMinute, 0, "min")
	add(kUnit, wNone, uMinute, fPlural, "mins")
	add(kUnit, wNone, uHour, fPlural, "hrs")
	add(kUnit, wNone, uYear, fPlural, "yrs")
	lexicon["year"] = entry{k: kUnit, w: wYear, v: uYear}

	add(kPart, wNone, pMorning, 0, "morning")
	add(kPart, wNone, pAfternoon, 0, "afternoon")
	add(kPart, wNone, pEvening, 0, "evening")
	add(kPart, wNone, pNight, 0, "night")
	add(kPart, wNone, pNoon, 0, "noon", "midday")
	add(kPart, wNone, pMidnight, 0, "midnight")
	add(kPart, wNone, pOvernight, 0, "overnight")

	add(kSeason, wNone, sSpring, 0, "spring")
	add(kSeason, wNone, sSummer, 0, "summer")
	add(kSeason, wNone, sFall, 0, "fall", "autumn")
	add(kSeason, wNone, sWinter, 0, "winter")

	for i, n := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"} {
		add(kNum, wNone, int16(i+1), 0, n)
	}
	lexicon["nineteen"] = entry{k: kNum, w: wNineteen, v: 19}
	for i, n := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		add(kNum, wNone, int16(20+10*i), 0, n)
	}
	add(kNum, wA, 1, 0, "a", "an")
	add(kNum, wHundred, 100, 0, "hundred")
	add(kNum, wThousand, 1000, 0, "thousand")
	add(kNum, wDozen, 12, 0, "dozen")
	add(kVague, wNone, 0, 0, "several", "many", "dozens", "hundreds", "thousands", "countless", "numerous")
	add(kVague, wFew, 0, 0, "few")
	add(kVague, wCouple, 2, 0, "couple")

	for i, o := range []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"} {
		add(kOrd, wNone, int16(i+1), 0, o)
	}
	lexicon["first"] = entry{k: kOrd, w: wFirst, v: 1}
	lexicon["second"] = entry{k: kOrd, w: wSecond, v: 2}
	add(kOrd, wNone, 30, 0, "thirtieth")

	add(kSetAdv, wNone, uDay, 0, "daily")
	add(kSetAdv, wNone, uWeek, 0, "weekly")
	add(kSetAdv, wNone, uMonth, 0, "monthly")
	add(kSetAdv, wNone, uYear, 0, "annually", "yearly")
	add(kSetAdv, wNone, uHour, 0, "hourly")
	add(kSetAdv, wNone, uQuarter, 0, "quarterly")
	add(kSetAdv, wNone, uFortnight, 0, "fortnightly", "biweekly")

	add(kRef, wNow, rPresent, 0, "now")
	add(kRef, wNone, rPresent, 0, "currently", "nowadays", "presently")
	add(kRef, wNone, rPast, 0, "recently", "previously", "lately")
	add(kRef, wNone, rFuture, 0, "future")
	add(kRef, wSoon, rFuture, 0, "soon")

	add(kHoliday, wNone, hChristmas, 0, "christmas")
	add(kHoliday, wNone, hThanksgiving, 0, "thanksgiving")
	add(kHoliday, wNone, hEaster, 0, "easter")

	add(kTZ, wNone, 0, 0, "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "bst", "cet", "cest", "eet", "eest", "msk", "ast", "local")

	words := []struct {
		w  wid
		ss []string
	}{
		{wThe, []string{"the"}}, {wOf, []string{"of"}}, {wAnd, []string{"and"}}, {wOr, []string{"or"}},
		{wTo, []string{"to"}}, {wIn, []string{"in"}}, {wOn, []string{"on"}}, {wAt, []string{"at"}},
		{wLast, []string{"last"}}, {wNext, []string{"next"}}, {wThis, []string{"this"}}, {wThat, []string{"that"}},
		{wPast, []string{"past"}}, {wPrevious, []string{"previous", "preceding"}},
		{wComing, []string{"coming"}}, {wFollowing, []string{"following", "ensuing", "subsequent"}},
		{wCurrent, []string{"current"}}, {wLatest, []string{"latest"}}, {wRecent, []string{"recent"}},
		{wEarly, []string{"early"}}, {wLate, []string{"late"}}, {wMid, []string{"mid"}},
		{wEarlier, []string{"earlier"}}, {wLater, []string{"later"}}, {wAgo, []string{"ago"}},
		{wEvery, []string{"every"}}, {wEach, []string{"each"}}, {wPer, []string{"per"}},
		{wFiscal, []string{"fiscal"}}, {wEnd, []string{"end"}}, {wBeginning, []string{"beginning"}},
		{wStart, []string{"start"}}, {wMiddle, []string{"middle"}}, {wHalf, []string{"half"}},
		{wApprox, []string{"about", "nearly", "almost", "around", "approximately", "roughly", "some"}},
		{wMore, []string{"more"}}, {wLess, []string{"less", "fewer"}}, {wThan, []string{"than"}},
		{wLeast, []string{"least"}}, {wUp, []string{"up"}}, {wNo, []string{"no"}}, {wRight, []string{"right"}},
		{wThese, []string{"these"}}, {wNear, []string{"near"}}, {wAm, []string{"am"}}, {wPm, []string{"pm"}},
		{wO, []string{"o"}}, {wClock, []string{"clock"}}, {wTimes, []string{"times", "once", "twice"}},
		{wMillion, []string{"million", "billion", "percent", "cents", "dollars", "euros", "pounds"}},
		{wS, []string{"s"}}, {wTh, []string{"st", "nd", "rd", "th"}}, {wQ, []string{"q"}},
		{wPeriod, []string{"period"}}, {wSame, []string{"same", "corresponding", "comparable"}},
		{wFinal, []string{"final"}},
		{wAdditional, []string{"additional", "straight", "consecutive", "successive", "trading", "full", "working", "business", "calendar", "whole", "entire"}},
		{wWithin, []string{"within"}}, {wFrom, []string{"from"}}, {wNone, []string{"yet", "then", "for", "throughout"}}, {wAs, []string{"as"}},
		{wPossible, []string{"possible"}}, {wOld, []string{"old"}}, {wLong, []string{"long"}},
		{wUpcoming, []string{"upcoming"}}, {wSince, []string{"since"}},
		{wUntil, []string{"until", "till"}}, {wBy, []string{"by"}}, {wDuring, []string{"during"}},
		{wBefore, []string{"before"}},
		{wAfter, []string{"after"}}, {wThrough, []string{"through"}}, {wBetween, []string{"between"}},
		{wIts, []string{"its", "their"}}, {wEve, []string{"eve"}},
		{wPost, []string{"pre", "post"}}, {wShort, []string{"short"}}, {wTerm, []string{"term"}},
		{wEnded, []string{"ended", "ending"}},
		{wCountNoun, []string{"people", "persons", "troops", "soldiers", "fighters", "civilians", "refugees", "families",
			"children", "men", "women", "militants", "rebels", "casualties", "prisoners", "detainees", "migrants",
			"residents", "homes", "houses", "buildings", "vehicles", "tanks", "tonnes", "tons", "km", "kilometres",
			"kilometers", "metres", "meters", "miles", "feet", "barrels", "rockets", "shells", "missiles", "votes",
			"seats", "members", "workers", "employees", "students", "shares", "dead"}},
		{wCodeNoun, []string{"resolution", "resolutions", "flight", "route", "highway", "article", "articles", "page",
			"room", "section", "paragraph", "code", "model", "version", "number", "nos", "hill", "unit", "bus",
			"channel", "platform", "gate", "terminal", "apartment", "suite", "box"}},
	}
	for _, w := range words {
		add(kWord, w.w, 0, 0, w.ss...)
	}
	add(kCue, wFutureCue, 0, 0, "will", "would", "shall", "ll", "scheduled", "expected", "expects", "plans", "planning", "planned",
		"due", "going", "hopes", "hoping", "intends", "intending", "preparing", "slated")
	// past tenses that do not end in -ed
	add(kCue, wPastCue, 0, 0, "was", "were", "had", "did", "said", "says", "told", "took", "came", "went", "began",
		"saw", "made", "met", "held", "gave", "found", "left", "fell", "broke", "struck", "hit", "shot", "fought",
		"won", "lost", "ran", "sent", "brought", "led", "put", "rose", "sold", "paid", "became", "spoke", "wrote",
		"caught", "chose", "flew", "drove", "threw", "knew", "thought", "felt", "kept", "stood", "bought", "built",
		"drew", "fled", "forgot", "froze", "got", "grew", "heard", "hid", "laid", "lent", "meant", "quit", "rode",
		"sought", "shook", "sank", "slept", "spent", "stole", "stuck", "swept", "swore", "taught", "tore",
		"understood", "woke", "wore", "withdrew", "overtook", "arose", "bore", "beat", "bit", "blew", "bred", "dealt",
		"dug", "fed", "forbade", "forgave", "ground", "overran", "seized", "shut", "slew", "split", "spread", "stung",
		"swung", "undertook", "upheld", "wound", "wept")
	add(kCue, wBe, 0, 0, "be", "been", "being")
	add(kCue, wPresentCue, 0, 0, "is", "are", "has", "have")
	for i, d := range []string{"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"} {
		add(kDecadeWord, wNone, int16(20+10*i), 0, d)
	}
	return lexicon, dups
}
