package timex

// kind is the class of a word that can take part in a temporal expression.
// Words of kind kNone (almost all words) cost the scanner one map lookup and
// nothing more.
type kind uint8

const (
	kNone    kind = iota
	kMonth        // val 1..12
	kWeekday      // val 1..7, ISO (Monday = 1)
	kDeictic      // yesterday -1, today 0, tomorrow 1, tonight 2
	kUnit         // val is a unit
	kPart         // part of the day; val is a part
	kSeason       // val is a season
	kNum          // number word; val is its value
	kOrd          // ordinal word; val is its value
	kVague        // several, few, many: an unknown count
	kSetAdv       // daily, weekly: val is a unit
	kRef          // now, recently, future: val is a ref
	kHoliday      // val is a holiday
	kWord         // a word the grammar names by id (modifiers, prepositions)
	kCue          // a tense cue; never starts an expression
	kTZ           // time-zone abbreviation
	kDecadeWord   // the nineties: val is 90
)

// unit of a duration or calendar period.
const (
	uSecond int16 = iota + 1
	uMinute
	uHour
	uDay
	uWeek
	uWeekend
	uFortnight
	uMonth
	uQuarter
	uYear
	uDecade
	uCentury
	uMillennium
)

// parts of the day.
const (
	pMorning int16 = iota + 1
	pAfternoon
	pEvening
	pNight
	pNoon
	pMidnight
	pOvernight
)

// seasons.
const (
	sSpring int16 = iota + 1
	sSummer
	sFall
	sWinter
)

// references.
const (
	rPresent int16 = iota + 1
	rPast
	rFuture
)

// holidays.
const (
	hChristmas int16 = iota + 1
	hChristmasEve
	hNewYear
	hNewYearEve
	hThanksgiving
	hEaster
)

// wid names a word the grammar refers to individually.
type wid uint8

const (
	wNone wid = iota
	wThe
	wA
	wOf
	wAnd
	wOr
	wTo
	wIn
	wOn
	wAt
	wLast
	wNext
	wThis
	wThat
	wPast
	wPrevious
	wComing
	wFollowing
	wCurrent
	wLatest
	wRecent
	wEarly
	wLate
	wMid
	wEarlier
	wLater
	wAgo
	wEvery
	wEach
	wPer
	wFiscal
	wEnd
	wBeginning
	wStart
	wMiddle
	wHalf
	wApprox // about, nearly, almost, around, roughly
	wMore
	wLess
	wThan
	wLeast
	wUp
	wNo
	wRight
	wThese
	wNear
	wAm
	wPm
	wO
	wClock
	wTimes
	wMillion
	wS
	wTh // ordinal suffixes st, nd, rd, th
	wQ
	wYear // "year" itself, for year-ago, year-end
	wPeriod
	wSame
	wDay
	wWeek
	wFirst
	wSecond
	wFinal
	wAdditional // more, additional, straight, consecutive, trading, full
	wNineteen
	wHundred
	wThousand
	wDozen
	wCouple
	wFew
	wWithin
	wSome
	wFrom
	wNow
	wYet
	wAs
	wSoon
	wPossible
	wOld
	wLong
	wThen
	wUpcoming
	wSince
	wUntil
	wBy
	wDuring
	wFor
	wThroughout
	wBefore
	wAfter
	wThrough
	wBetween
	wIts
	wEve
	wPost  // pre, post: "post-1959"
	wShort // short, long in "the short term"
	wTerm
	wEnded // ended, ending: "the year ended March 31"
	wCountNoun // people, troops, km: "2000 troops" is not a year
	wCodeNoun  // resolution, flight, route: "Resolution 2254" is not a year

	// tense cues
	wFutureCue
	wPastCue
	wBe // be, been, being
	wPresentCue
)

// flags on lexicon entries.
const (
	fAbbr   uint8 = 1 << iota // a month or weekday abbreviation
	fAmbig                    // May, March: also common words
	fPlural                   // units: years, days
)

type entry struct {
	k kind
	w wid
	v int16
	f uint8
}

// maxWord is the longest word in the lexicon; longer words are never looked up.
const maxWord = 13

var lexicon = map[string]entry{}

func add(k kind, w wid, v int16, f uint8, words ...string) {
	for _, s := range words {
		lexicon[s] = entry{k: k, w: w, v: v, f: f}
	}
}

func init() {
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
	lexicon["day"] = entry{k: kUnit, w: wDay, v: uDay}
	lexicon["week"] = entry{k: kUnit, w: wWeek, v: uWeek}

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
	add(kVague, wSome, 0, 0, "some")

	for i, o := range []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"} {
		add(kOrd, wNone, int16(i+1), 0, o)
	}
	lexicon["first"] = entry{k: kOrd, w: wFirst, v: 1}
	lexicon["second"] = entry{k: kOrd, w: wSecond, v: 2}
	add(kOrd, wNone, 21, 0, "twentyfirst")
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
		{wWithin, []string{"within"}}, {wFrom, []string{"from"}}, {wYet, []string{"yet"}}, {wAs, []string{"as"}},
		{wPossible, []string{"possible"}}, {wOld, []string{"old"}}, {wLong, []string{"long"}},
		{wThen, []string{"then"}}, {wUpcoming, []string{"upcoming"}}, {wSince, []string{"since"}},
		{wUntil, []string{"until", "till"}}, {wBy, []string{"by"}}, {wDuring, []string{"during"}},
		{wFor, []string{"for"}}, {wThroughout, []string{"throughout"}}, {wBefore, []string{"before"}},
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
		"sought", "sat", "shook", "sank", "slept", "spent", "stole", "stuck", "swept", "swore", "taught", "tore",
		"understood", "woke", "wore", "withdrew", "overtook", "arose", "bore", "beat", "bit", "blew", "bred", "dealt",
		"dug", "fed", "forbade", "forgave", "ground", "overran", "seized", "shut", "slew", "split", "spread", "stung",
		"swung", "undertook", "upheld", "wound", "wept")
	add(kCue, wBe, 0, 0, "be", "been", "being")
	add(kCue, wPresentCue, 0, 0, "is", "are", "has", "have")
	// "may" is both a month and a modal: the month entry wins in the table,
	// and the grammar checks its context.
	lexicon["may"] = entry{k: kMonth, v: 5, f: fAmbig}
	for i, d := range []string{"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"} {
		add(kDecadeWord, wNone, int16(20+10*i), 0, d)
	}
}

// The lexicon is also laid out as an open-addressing hash table keyed by
// the hash that tokenize computes while it scans a word, so a lookup costs
// one probe and one comparison instead of a second pass and a map access.
const tableBits = 11

type slot struct {
	key string
	e   entry
}

var table [1 << tableBits]slot

func init() {
	for key, e := range lexicon {
		h := uint32(hashSeed)
		for i := 0; i < len(key); i++ {
			h = hashStep(h, key[i])
		}
		for i := h & (1<<tableBits - 1); ; i = (i + 1) & (1<<tableBits - 1) {
			if table[i].key == "" {
				table[i] = slot{key: key, e: e}
				break
			}
		}
	}
}

const hashSeed = 2166136261

// hashStep adds lower-case byte c to hash h (FNV-1a).
func hashStep(h uint32, c byte) uint32 { return (h ^ uint32(c)) * 16777619 }

// lookupHash returns the entry of ASCII word w whose lower-case hash is h.
func lookupHash(w string, h uint32) entry {
	if len(w) > maxWord {
		return entry{}
	}
	for i := h & (1<<tableBits - 1); ; i = (i + 1) & (1<<tableBits - 1) {
		s := &table[i]
		if s.key == "" {
			return entry{}
		}
		if len(s.key) == len(w) && equalFold(s.key, w) {
			return s.e
		}
	}
}

// equalFold compares lower-case key with ASCII word w, ignoring w's case.
func equalFold(key, w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != key[i] {
			return false
		}
	}
	return true
}

// lookup returns the lexicon entry of an ASCII word, case-insensitively.
func lookup(w string) entry {
	h := uint32(hashSeed)
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = hashStep(h, c)
	}
	return lookupHash(w, h)
}
