package quantity

// Number words. Keys are folded (text.Fold) single words.
var (
	units = map[string]float64{
		"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
		"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
		"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
		"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
		"seventy": 70, "eighty": 80, "ninety": 90,
	}
	// multipliers scale what precedes them: "two hundred", "3.5 million",
	// "two dozen".
	multipliers = map[string]float64{
		"dozen": 12, "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	}
	// vague plurals count at least two of their unit, but follow ACLED's
	// coding of vague reports, which takes the unit itself: "dozens" of dead
	// are coded 12, so a count of dozens is 12 here too, always approximate.
	// "scores" needs a following "of" ("scores of people"), since "scores"
	// is also a verb and a noun; "tens" needs "of" and a plural multiplier.
	vaguePlurals = map[string]float64{
		"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6,
		"billions": 1e9, "tens": 10,
	}
	// vagueCounts are small indefinite counts: "several buses" is taken as
	// three, the least that "several" says, and is approximate. "a few",
	// "a couple of" and "a handful of" need their article.
	vagueCounts = map[string]float64{"several": 3, "few": 3, "couple": 2, "handful": 5}
)

// countShapes holds, for each first byte, a bit for each length of the
// vague plurals and units that start with it, so that most words of a text
// are known to be neither without a lookup.
var countShapes = func() *[256]uint64 {
	var t [256]uint64
	for _, m := range []map[string]float64{vaguePlurals, units} {
		for w := range m {
			t[w[0]] |= 1 << min(len(w), 63)
		}
	}
	return &t
}()

// countShape reports whether w may be a vague plural or a unit.
func countShape(w string) bool {
	return w != "" && countShapes[w[0]]&(1<<min(len(w), 63)) != 0
}

// approximators are the hedges before a number that make it approximate,
// longest first: "at least 12 people", "about 300 fighters".
var approximators = [][]string{
	{"as", "many", "as"}, {"no", "fewer", "than"}, {"no", "less", "than"}, {"in", "excess", "of"},
	{"up", "to"}, {"at", "least"}, {"more", "than"}, {"less", "than"}, {"fewer", "than"},
	{"close", "to"}, {"upwards", "of"}, {"an", "estimated"}, {"at", "most"},
	{"about"}, {"around"}, {"some"}, {"nearly"}, {"almost"}, {"roughly"}, {"approximately"},
	{"approx"}, {"over"}, {"under"}, {"estimated"}, {"circa"},
}

// months make "30 August" and "August 30" dates, not counts.
var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// timeNouns make a number a duration or a clock time, which the timex
// extractor reports: "five years", "three days", "10 am".
var timeNouns = map[string]bool{
	"second": true, "seconds": true, "minute": true, "minutes": true, "hour": true, "hours": true,
	"day": true, "days": true, "night": true, "nights": true, "week": true, "weeks": true,
	"month": true, "months": true, "year": true, "years": true, "decade": true, "decades": true,
	"century": true, "centuries": true, "am": true, "pm": true, "gmt": true, "utc": true,
	"hrs": true, "oclock": true, "times": true,
}

// labels written with a capital before a number make it an identifier:
// "Resolution 2254", "Route 4", "Flight 17", "No. 5".
var labels = map[string]bool{
	"article": true, "resolution": true, "route": true, "highway": true, "road": true,
	"no": true, "number": true, "page": true, "chapter": true, "section": true,
	"paragraph": true, "flight": true, "room": true, "gate": true, "platform": true,
	"phase": true, "brigade": true, "division": true, "battalion": true, "regiment": true,
	"corps": true, "unit": true, "level": true, "grade": true, "category": true, "class": true,
	"model": true, "type": true, "version": true, "mark": true, "channel": true, "camp": true,
	"sector": true, "zone": true, "district": true, "block": true, "building": true,
	"checkpoint": true, "kilometre": true, "kilometer": true, "km": true, "mile": true,
	"junction": true, "exit": true, "hall": true, "ward": true, "precinct": true,
}

// stopWords end the search for the counted noun: verbs, prepositions,
// conjunctions, determiners and pronouns cannot be it.
var stopWords = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true,
	"has": true, "have": true, "had": true, "will": true, "would": true, "shall": true,
	"should": true, "can": true, "could": true, "may": true, "might": true, "must": true,
	"do": true, "does": true, "did": true, "said": true, "say": true, "says": true, "told": true,
	"in": true, "on": true, "at": true, "from": true, "to": true, "by": true, "with": true,
	"without": true, "into": true, "onto": true, "near": true, "for": true, "after": true,
	"before": true, "during": true, "across": true, "since": true, "until": true, "over": true,
	"under": true, "among": true, "between": true, "against": true, "about": true,
	"around": true, "through": true, "toward": true, "towards": true, "per": true, "via": true,
	"of": true, "and": true, "or": true, "but": true, "nor": true, "who": true, "whom": true,
	"whose": true, "which": true, "that": true, "while": true, "when": true, "where": true,
	"as": true, "than": true, "if": true, "because": true, "so": true, "the": true, "a": true,
	"an": true, "this": true, "these": true, "those": true, "each": true, "every": true,
	"some": true, "any": true, "them": true, "they": true, "it": true, "he": true, "she": true,
	"we": true, "us": true, "you": true, "i": true, "s": true, "also": true, "all": true, "both": true, "out": true, "up": true, "off": true,
	"there": true, "here": true, "then": true, "now": true, "not": true, "no": true,
	// irregular past tenses, which no suffix gives away
	"went": true, "came": true, "fell": true, "fled": true, "left": true, "ran": true,
	"took": true, "got": true, "made": true, "saw": true, "lost": true, "won": true,
	"stood": true, "held": true, "kept": true, "met": true, "sent": true, "hit": true,
	"shot": true, "struck": true, "fought": true, "brought": true, "caught": true,
	"gave": true, "began": true, "became": true, "drove": true, "wrote": true, "spoke": true,
}

// notNouns may stand in the noun phrase but are never its head: "12 more
// were found" counts nothing named.
var notNouns = map[string]bool{"more": true, "other": true, "another": true, "further": true, "additional": true}

// determiners may stand between "of" and the counted noun: "dozens of the
// fighters", "half of their men".
var determiners = map[string]bool{
	"the": true, "their": true, "its": true, "his": true, "her": true, "our": true, "your": true,
	"those": true, "these": true, "such": true,
}

// pluralNouns are counted nouns without an -s: "300 people", "12 gunmen".
var pluralNouns = map[string]bool{
	"people": true, "children": true, "police": true, "personnel": true, "staff": true,
	"crew": true, "cattle": true, "livestock": true, "sheep": true, "aircraft": true,
	"clergy": true, "militia": true, "dead": true, "wounded": true, "injured": true,
	"missing": true,
}
