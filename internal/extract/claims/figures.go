package claims

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// count is a figure a claim gives: a quantity, what it counts and the range
// of values it allows.
type count struct {
	q        sitrep.Quantity
	measures []string // "fighters who crossed", "people killed"
	lo, hi   float64
}

// contentNames returns the capitalised words of claim i's content that
// name something: not a sentence's first word, a month or a weekday, nor
// the source of a claim reported inside it.
func (a *article) contentNames(i int, sents []text.Span) wordSet {
	c := a.cs[i]
	lo, hi := a.tokens(c.ContentStart, c.ContentEnd)
	from := len(a.words)
	for k := lo + 1; k < hi; k++ {
		t := a.toks[k]
		if !t.Cap || t.Number || temporal[t.Key] || a.insideOther(i, t.Start) {
			continue
		}
		if n := sort.Search(len(sents), func(x int) bool { return sents[x].Start >= t.Start }); n < len(sents) && sents[n].Start == t.Start {
			continue
		}
		a.words = append(a.words, normalize(t.Key))
	}
	var names wordSet
	a.words, names = setFrom(a.words, from)
	return names
}

// cumulative reports a content that counts over a period or at a rate
// ("since April", "each day", "in the last 24 hours"), whose figures are
// no rival to one incident's.
func (a *article) cumulative(i int) bool {
	c := a.cs[i]
	lo, hi := a.tokens(c.ContentStart, c.ContentEnd)
	for k := lo; k < hi; k++ {
		key := a.toks[k].Key
		next := ""
		if k+1 < hi {
			next = a.toks[k+1].Key
		}
		switch {
		case key == "since" || key == "so" && next == "far":
			return true
		case (key == "each" || key == "every" || key == "per" || key == "last" || key == "past") && periodNouns[next]:
			return true
		case (key == "last" || key == "past") && k+2 < hi && a.toks[k+1].Number && periodNouns[a.toks[k+2].Key]:
			return true
		}
	}
	return false
}

// additive reports a count that adds to another ("six more people", "two
// other soldiers", "another ten"), which no other figure contradicts.
func (a *article) additive(q sitrep.Quantity) bool {
	lo, hi := a.tokens(q.Start, q.End)
	for k := lo; k < min(hi+2, len(a.toks)); k++ {
		if additions[a.toks[k].Key] && !(k+1 < len(a.toks) && a.toks[k+1].Key == "than") {
			return true // not "more than 300"
		}
	}
	return false
}

var additions = set(`more other others another additional further extra`)

var periodNouns = set(`day days week weeks month months year years hour hours decade`)

// figures compares the counts of claims i and j: the first two that count
// the same thing with ranges that cannot both hold make a contradiction.
func (a *article) figures(i, j int) (string, bool) {
	if a.sameSource(i, j) {
		return "", false
	}
	for _, x := range a.counts[i] {
		for _, y := range a.counts[j] {
			m := sharedMeasure(x.measures, y.measures)
			if m == "" || !(x.hi < y.lo || y.hi < x.lo) || !comparable(x, y) || !a.sameEvent(i, j) {
				continue // other things counted, or compatible figures
			}
			return fmt.Sprintf("different figures for %s: %s (%s) vs %s (%s)",
				m, strings.Trim(x.q.Text, "\"“”"), a.display(i), strings.Trim(y.q.Text, "\"“”"), a.display(j)), true
		}
	}
	return "", false
}

// sameEvent reports whether claims i and j tell of one event: they name a
// place or group in common ("Isil"), and not each a place the other does
// not ("al-Mazzeh" against "Jeb al-Jarrah": two incidents of one report).
func (a *article) sameEvent(i, j int) bool {
	pi, pj := a.names[i], a.names[j]
	shared, onlyI, onlyJ := false, false, false
	for _, n := range pi {
		if pj.has(n) {
			shared = true
		} else {
			onlyI = true
		}
	}
	for _, n := range pj {
		if !pi.has(n) {
			onlyJ = true
		}
	}
	return shared && !(onlyI && onlyJ)
}

var peopleClasses = set(`fighters soldiers people civilian child children women men other others`)

// maxRatio bounds how far apart two figures for one count may lie: beyond
// it they count different things — a war's toll and a day's — however
// alike their words.
const maxRatio = 5

// comparable reports whether two disjoint ranges lie close enough to be
// two accounts of one count.
func comparable(x, y count) bool {
	lo, hi := min(x.hi, y.hi), max(x.lo, y.lo)
	return lo > 0 && hi/lo <= maxRatio
}

func sharedMeasure(a, b []string) string {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return x
			}
		}
	}
	return ""
}

// measures returns what quantity q in claim i counts: the class of its noun
// and its events, "fighters who crossed" or "people killed". A count of the
// dead or wounded carries its event.
func (a *article) measures(i int, q sitrep.Quantity) []string {
	c := a.cs[i]
	lo, hi := a.tokens(c.ContentStart, c.ContentEnd)
	qa, qb := a.tokens(q.Start, q.End)
	noun := q.Noun
	if noun == "" {
		noun = a.nounAfter(qb, hi)
	}
	class := nounClass(noun)
	if class == "" {
		return nil
	}
	events := map[string]bool{}
	switch class {
	case "dead":
		class, events["killed"] = "people", true
	case "wounded":
		class, events["wounded"] = "people", true
	}
	a.eventsOf(qa, qb, lo, hi, events)
	var out []string
	for ev := range events {
		out = append(out, measureLabel(class, ev))
	}
	sort.Strings(out)
	return out
}

// eventsOf adds the events a count at tokens [qa, qb) undergoes, within the
// content [lo, hi): the event word just before it ("killed at least 30
// people"), else the first one after it and those joined to it by "and"
// ("slipped away and had crossed"), stopping at the next count, a clause
// word or a purpose.
func (a *article) eventsOf(qa, qb, lo, hi int, events map[string]bool) {
	for k := qa - 1; k >= lo && qa-k <= 3; k-- {
		if ev := eventOf[a.toks[k].Key]; ev != "" {
			events[ev] = true
			return
		}
	}
	found := false
	for k := qb; k < hi && k-qb < 14; k++ {
		key := a.toks[k].Key
		if irrealisEnd(a.toks, k, hi) > 0 || clauseWords[key] || a.toks[k].Number || numberWords[key] {
			return
		}
		if ev := eventOf[key]; ev != "" {
			events[ev] = true
			found = true
			continue
		}
		if found && !joiners[key] {
			return
		}
	}
}

// joiners may stand between two events of one count: "slipped away and
// had crossed".
var joiners = set(`and had have has were was away off out back then also already`)

// nounAfter finds the counted noun after a quantity the quantity finder
// left without one (`"dozens" of Isil members`): the first lower-case word
// after "of", "the" and names.
func (a *article) nounAfter(k, hi int) string {
	for n := k; n < hi && n-k < 5; n++ {
		t := a.toks[n]
		if t.Key == "of" || t.Key == "the" || t.Key == "their" || t.Cap {
			continue
		}
		return t.Key
	}
	return ""
}

func measureLabel(class, event string) string {
	switch event {
	case "killed", "wounded", "detained", "displaced":
		return class + " " + event
	}
	return class + " who " + event
}

// valueRange returns the values a quantity allows: "dozens" 20 to 99,
// "hundreds" 200 to 999, "about 300" 240 to 360, "at least 12" 12 and up,
// "up to 50" 0 to 50, an exact figure itself.
func valueRange(q sitrep.Quantity) (float64, float64) {
	const inf = 1e18
	v := q.Value
	words := strings.Fields(text.Fold(q.Text))
	has := func(ws ...string) bool {
		for _, w := range words {
			for _, x := range ws {
				if w == x {
					return true
				}
			}
		}
		return false
	}
	switch {
	case has("dozens"):
		return 20, 99
	case has("scores"):
		return 40, 99
	case has("hundreds"):
		return 200, 999
	case has("thousands"):
		return 2000, 9999
	case has("millions"):
		return 2e6, 9.99e6
	case has("several", "few", "handful"):
		return 2, 9
	case has("least", "over", "than", "upwards", "plus") && !has("fewer", "less"):
		return v, inf
	case has("up", "fewer", "less", "most", "maximum"):
		return 0, v
	case has("nearly", "almost"):
		return 0.85 * v, v
	case q.Approximate:
		return 0.8 * v, 1.2 * v
	}
	return v, v
}
