package timex

// kind is the class of a word that can take part in a temporal expression.
// Words of kind kNone (almost all words) cost the scanner one hash-table
// probe and nothing more.
type kind uint8

const (
	kNone       kind = iota
	kMonth           // val 1..12
	kWeekday         // val 1..7, ISO (Monday = 1)
	kDeictic         // yesterday -1, today 0, tomorrow 1, tonight 2
	kUnit            // val is a unit
	kPart            // part of the day; val is a part
	kSeason          // val is a season
	kNum             // number word; val is its value
	kOrd             // ordinal word; val is its value
	kVague           // several, few, many: an unknown count
	kSetAdv          // daily, weekly: val is a unit
	kRef             // now, recently, future: val is a ref
	kHoliday         // val is a holiday
	kWord            // a word the grammar names by id (modifiers, prepositions)
	kCue             // a tense cue; never starts an expression
	kTZ              // time-zone abbreviation
	kDecadeWord      // the nineties: val is 90
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
	wFrom
	wNow
	wAs
	wSoon
	wPossible
	wOld
	wLong
	wUpcoming
	wSince
	wUntil
	wBy
	wDuring
	wBefore
	wAfter
	wThrough
	wBetween
	wIts
	wEve
	wPost  // pre, post: "post-1959"
	wShort // short, long in "the short term"
	wTerm
	wEnded     // ended, ending: "the year ended March 31"
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

// The lexicon is laid out as an open-addressing hash table keyed by the
// hash that tokenize computes while it scans a word, so a lookup costs one
// probe and one comparison instead of a second pass and a map access.
const tableBits = 11

type slot struct {
	key string
	e   entry
}

var table [1 << tableBits]slot

func init() {
	lexicon, _ := buildLexicon()
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
