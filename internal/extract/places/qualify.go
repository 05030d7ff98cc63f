package places

import (
	"slices"
	"sort"
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// A qualifier is the division, or the district and division, that a text
// writes after a place to say which one it means: "Kolofata town
// (Mayo-Sava, Extreme-Nord)", "in Kibanda (Idjwi, Sud-Kivu)", "Rajouri
// district, J&K", "Akashat in western Anbar province", "the countryside
// of Idlib". Its names are divisions whatever else they may be ("Bay",
// "Plateau"), and those the dictionary misses are looked up again:
// abbreviations of states ("J&K", "KPK") and loose spellings of division
// names ("Sud-Kivu"). The place qualified then lies in the qualifier.

// Where a name stands in a qualifier.
const (
	qualLast  = 1 // the division: the last name of the brackets, the name after a comma
	qualInner = 2 // a district before the division: "(Idjwi, Sud-Kivu)"
)

// maxQualWords is the longest name of a qualifier, in words.
const maxQualWords = 5

// qualLink is one qualifier found: the token it follows and the first
// tokens of its names, outermost last.
type qualLink struct {
	head  int
	names []int
	// explicit marks brackets and "of": a reading sure enough to drop a
	// place that lies elsewhere.
	explicit bool
}

// partWords name a part of a place, written between it and its
// qualifier: "Naushera sector area (Rajouri district, J&K)".
var partWords = map[string]bool{
	"area": true, "areas": true, "sector": true, "settlement": true, "locality": true,
	"subdivision": true, "commune": true, "lga": true, "tehsil": true, "division": true,
	"territory": true, "zone": true, "ward": true, "quarter": true, "outskirts": true,
	"suburbs": true, "countryside": true, "vicinity": true, "neighbourhood": true,
	"neighborhood": true, "municipality": true, "department": true, "circle": true,
	"chiefdom": true, "sub-county": true, "subcounty": true, "upazila": true,
}

// qualifierNames reads the qualifiers of the text: it marks the names in
// them, adds the names the dictionary missed and links each qualified
// place to its qualifier. It runs before vet, which spares the marked
// names the doubts of common words.
func (d *doc) qualifierNames() {
	var extra []mention
	var links []qualLink
	for t := 1; t < len(d.toks); t++ {
		gap := strings.TrimSpace(d.s[d.toks[t-1].ByteEnd:d.toks[t].ByteStart])
		if gap != "(" && gap != "," || !d.qualifiable(t-1) {
			continue
		}
		switch gap {
		case "(":
			if l, ok := d.bracketQualifier(t, &extra); ok {
				links = append(links, l)
			}
		case ",":
			if l, ok := d.commaQualifier(t, &extra); ok {
				links = append(links, l)
			}
		}
	}
	if len(extra) > 0 {
		d.mentions = mergeMentions(d.mentions, extra)
	}
	for _, l := range links {
		d.linkQualifier(l)
	}
	d.ofQualifiers()
}

// qualifiable reports a token that a qualifier may follow: a capitalised
// name, or a word for a kind or part of place after one.
func (d *doc) qualifiable(t int) bool {
	tok := &d.toks[t]
	if tok.Number {
		return false
	}
	if tok.Cap {
		return true
	}
	return d.kindWord(t)
}

func (d *doc) kindWord(t int) bool {
	return d.tokenClass(t)&(classPart|uint32(classAdmin|classAdmin2|classCity)) != 0
}

// bracketQualifier reads "(A, B)" or "(A)" opening at token t.
func (d *doc) bracketQualifier(t int, extra *[]mention) (qualLink, bool) {
	var names [][3]int // each name's tokens, without and with a trailing kind word
	u := t
	for len(names) < 3 {
		start := u
		for u < len(d.toks) && u-start < maxQualWords {
			tok := &d.toks[u]
			if tok.Number || !(tok.Cap || d.class(u)&classConnector != 0 || d.kindWord(u)) {
				return qualLink{}, false
			}
			u++
			if !innerQualGap(d.gapAfter(u - 1)) {
				break
			}
		}
		if u == start {
			return qualLink{}, false
		}
		end := u
		for end > start+1 && d.kindWord(end-1) {
			end--
		}
		full := u
		if !d.toks[start].Cap || !d.toks[end-1].Cap && d.class(end-1)&classConnector != 0 {
			return qualLink{}, false
		}
		names = append(names, [3]int{start, end, full})
		gap := strings.TrimSpace(d.gapAfter(u - 1))
		if gap == "," {
			continue
		}
		if strings.HasPrefix(gap, ")") {
			break
		}
		return qualLink{}, false
	}
	l := qualLink{head: t - 1, explicit: true}
	for i, n := range names {
		slot := qualInner
		if i == len(names)-1 {
			slot = qualLast
		}
		if d.qualifierName(n[0], n[1], n[2], slot, i > 0, true, extra) {
			l.names = append(l.names, n[0])
		}
	}
	return l, len(l.names) > 0
}

// gapAfter returns the text between token t and the next, or the end of
// the text.
func (d *doc) gapAfter(t int) string {
	if t+1 < len(d.toks) {
		return d.s[d.toks[t].ByteEnd:d.toks[t+1].ByteStart]
	}
	return d.s[d.toks[t].ByteEnd:]
}

// innerQualGap reports the marks inside one name of a qualifier: spaces,
// and the ampersand and periods of abbreviations ("J&K", "J.&K.").
func innerQualGap(gap string) bool {
	if strings.Count(gap, "\n") > 0 {
		return false
	}
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case ' ', '&', '.':
		default:
			return false
		}
	}
	return true
}

// commaQualifier reads ", B" at token t after a place: the name must end
// its clause or come before a word for a division ("Gardez district,
// Paktia.", "Itaquirai, Mato Grosso do Sul, federal police").
func (d *doc) commaQualifier(t int, extra *[]mention) (qualLink, bool) {
	if d.placeEndingAt(t-1) < 0 {
		return qualLink{}, false
	}
	u := t
	for u < len(d.toks) && u-t < maxQualWords {
		tok := &d.toks[u]
		if tok.Number || !(tok.Cap || u > t && d.class(u)&classConnector != 0) {
			break
		}
		u++
		if u < len(d.toks) && !innerQualGap(d.s[d.toks[u-1].ByteEnd:d.toks[u].ByteStart]) {
			break
		}
	}
	if u == t || !d.toks[u-1].Cap {
		return qualLink{}, false
	}
	end := u
	explicit := false
	if u < len(d.toks) {
		gap := strings.TrimSpace(d.s[d.toks[u-1].ByteEnd:d.toks[u].ByteStart])
		switch {
		case gap == "" && d.class(u)&(classAdmin|classAdmin2) != 0:
			explicit = true // "Akashat, Anbar province"
		case gap == "" || gap == "-":
			return qualLink{}, false
		case d.toks[u].Key == "and" || d.toks[u].Key == "or":
			return qualLink{}, false
		}
		if u+1 < len(d.toks) && gap == "," && d.listAhead(u) {
			return qualLink{}, false // "in Aleppo, Hama, Homs and Idlib"
		}
	}
	if d.kindWord(t - 1) {
		explicit = true // "Gardez district, Paktia"
	}
	if !d.qualifierName(t, end, end, qualLast, true, false, extra) {
		return qualLink{}, false
	}
	return qualLink{head: t - 1, names: []int{t}, explicit: explicit}, true
}

// listAhead reports a list going on after the comma at token u: another
// capitalised name, then "and" or another comma.
func (d *doc) listAhead(u int) bool {
	for v := u; v < len(d.toks) && v < u+maxQualWords; v++ {
		if !d.toks[v].Cap {
			return d.toks[v].Key == "and" || d.toks[v].Key == "or"
		}
		if v+1 < len(d.toks) && strings.TrimSpace(d.s[d.toks[v].ByteEnd:d.toks[v+1].ByteStart]) == "," {
			return true
		}
	}
	return false
}

// placeEndingAt returns the index of the mention ending at token t, or at
// the name before the kind words ending at t ("Gardez district"), -1 for
// none.
func (d *doc) placeEndingAt(t int) int {
	for back := 0; back < 3 && t-back >= 0; back++ {
		u := t - back
		if back > 0 && !d.kindWord(u+1) {
			break
		}
		ms := d.mentions
		for i := sort.Search(len(ms), func(i int) bool { return ms[i].tokStart > u }) - 1; i >= 0 && ms[i].tokEnd >= u; i-- {
			if ms[i].tokEnd == u+1 && ms[i].span.End == d.toks[u].End && !ms[i].drop {
				return i
			}
		}
		if !d.kindWord(u) {
			break
		}
	}
	return -1
}

// qualifierName marks or adds the name in tokens [start, end) of a
// qualifier, which kind words may follow up to full ("Rajouri district"). abbrev allows state abbreviations (not as the first name of
// brackets: "(AP)" after a dateline is a news agency); brackets allows
// districts and transliterations, which a name after a comma, maybe one of
// a list, does not get. It reports whether the name is a place.
func (d *doc) qualifierName(start, end, full, slot int, abbrev, brackets bool, extra *[]mention) bool {
	first, last := &d.toks[start], &d.toks[end-1]
	var partial []int // mentions of a part of the name
	for i := d.firstMentionEnding(start); i < len(d.mentions); i++ {
		m := &d.mentions[i]
		if m.tokStart >= end {
			break
		}
		if m.tokEnd <= start {
			continue
		}
		if m.tokStart == start && m.tokEnd >= end && m.tokEnd <= full && m.span.Start == first.Start && m.span.End == d.toks[m.tokEnd-1].End {
			if slot == qualLast || hasFeature(m.cands, "admin1", "admin2", "country") {
				m.qual = uint8(slot)
				m.cands = d.r.withLoose(m.cands, m.key, brackets)
			}
			return true
		}
		if m.tokStart < start || m.tokEnd > end {
			return false // a longer name
		}
		partial = append(partial, i)
	}
	for _, m := range *extra {
		if m.tokStart < end && m.tokEnd > start {
			return false
		}
	}
	raw := d.s[first.ByteStart:last.ByteEnd]
	key := text.Fold(raw)
	var cands []candidate
	if abbrev {
		cands = d.r.abbreviated(raw)
	}
	if len(cands) == 0 && !allCaps(raw) && letterCount(key) >= 4 {
		cands = d.r.loose().lookup(key, brackets)
		if len(cands) == 0 && brackets {
			cands, key = d.r.variantLookup(key, true)
			cands = divisions(cands)
		}
	}
	if len(cands) == 0 {
		// Only the pieces of hyphenated words go: "Sava" of "Mayo-Sava"
		// is no division, "Johannesburg" of "City of Johannesburg" is.
		for _, i := range partial {
			if m := &d.mentions[i]; m.span.Start != d.toks[m.tokStart].Start || m.span.End != d.toks[m.tokEnd-1].End {
				m.drop = true
			}
		}
		return false
	}
	for _, i := range partial {
		d.mentions[i].drop = true // "Ecija" of "Nueva Ecija"
	}
	*extra = append(*extra, mention{
		tokStart: start, tokEnd: end,
		span: text.Span{Start: first.Start, End: last.End, ByteStart: first.ByteStart, ByteEnd: last.ByteEnd},
		key:  key, cands: cands, context: true, regionOf: -1, qual: uint8(slot),
	})
	return true
}

// divisions returns the divisions among cs, and the places curated for
// news.
func divisions(cs []candidate) []candidate {
	var out []candidate
	for _, c := range cs {
		switch {
		case c.e.Feature == "admin1", c.e.Feature == "admin2",
			c.e.Source == gazetteer.SourceSupplement, c.e.Source == gazetteer.SourceUser:
			out = append(out, c)
		}
	}
	return out
}

// withLoose adds to the candidates of a qualifier the divisions of a loose
// spelling of its name: "Comoe" is a district of Côte d'Ivoire, and the
// Comoé province of Burkina Faso.
func (r *Resolver) withLoose(cs []candidate, key string, admin2 bool) []candidate {
	more := r.loose().lookup(key, admin2)
	var out []candidate
	for _, c := range more {
		if slices.ContainsFunc(cs, func(x candidate) bool { return x.e == c.e }) {
			continue
		}
		if out == nil {
			out = append(make([]candidate, 0, len(cs)+len(more)), cs...)
		}
		out = append(out, c)
	}
	if out == nil {
		return cs
	}
	return out
}

// firstMentionEnding returns the index of the first mention ending after
// token t.
func (d *doc) firstMentionEnding(t int) int {
	ms := d.mentions
	i := sort.Search(len(ms), func(i int) bool { return ms[i].tokStart >= t })
	if i > 0 && ms[i-1].tokEnd > t {
		i--
	}
	return i
}

// linkQualifier records l on the mention it qualifies, and the division of
// brackets on the district before it.
func (d *doc) linkQualifier(l qualLink) {
	i := d.placeEndingAt(l.head)
	if i >= 0 {
		d.setQuals(i, l.names, l.explicit)
	}
	for k := 0; k+1 < len(l.names); k++ {
		if j := d.mentionAt(l.names[k]); j >= 0 {
			d.setQuals(j, l.names[k+1:], l.explicit)
		}
	}
}

func (d *doc) setQuals(i int, names []int, explicit bool) {
	m := &d.mentions[i]
	n := 0
	for k := len(names) - 1; k >= 0 && n < len(m.quals); k-- {
		m.quals[n] = int32(names[k]) + 1
		n++
	}
	m.explicit = m.explicit || explicit
}

// ofQualifiers links a place to a division written after it with "of" or
// "in" and words for parts of places: "Chowni area of Gardez district",
// "Kelly in the northern countryside of Idleb", "Akashat western Anbar
// province", "Islamabad area of Alishing district, Laghman".
func (d *doc) ofQualifiers() {
	for i := range d.mentions {
		m := &d.mentions[i]
		if m.quals[0] != 0 || m.drop {
			continue
		}
		of, part, comma := false, false, false
		for t := m.tokEnd; t < len(d.toks) && t < m.tokEnd+7; t++ {
			gap := d.s[d.toks[t-1].ByteEnd:d.toks[t].ByteStart]
			if !blankGap(gap) {
				// "Chowni area of Gardez district, Paktia": one comma
				// after a word for a division.
				if comma || strings.TrimSpace(gap) != "," || !d.kindWord(t-1) {
					break
				}
				comma = true
			}
			k := d.toks[t].Key
			if j := d.mentionAt(t); j >= 0 {
				if q := &d.mentions[j]; !q.drop && t > m.tokEnd && (of && part || comma || d.kindAfterMention(q)) && hasFeature(q.cands, "admin1", "admin2") {
					m.quals[0] = int32(t) + 1
					m.explicit = true
				}
				break
			}
			switch {
			case k == "of":
				of = true
			case d.kindWord(t):
				part = true
			case k == "in" || k == "the" || d.class(t)&classModifier != 0 && !d.toks[t].Cap:
			case isDirection(k):
			case of && d.toks[t].Cap && t+1 < len(d.toks) && d.kindWord(t+1):
				// a district the gazetteer lacks: "of Alishing district"
			default:
				t = len(d.toks)
			}
		}
	}
}

// kindAfterMention reports a word for a division right after mention q:
// "Anbar province".
func (d *doc) kindAfterMention(q *mention) bool {
	n := q.tokEnd
	return n < len(d.toks) && blankGap(d.s[d.toks[n-1].ByteEnd:d.toks[n].ByteStart]) &&
		d.class(n)&(classAdmin|classAdmin2) != 0
}

func isDirection(k string) bool {
	switch k {
	case "north", "south", "east", "west", "northern", "southern", "eastern", "western",
		"northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
		"southeastern", "southwestern", "central", "rural", "far", "upper", "lower":
		return true
	}
	return false
}

// divisionAbbrev maps the usual abbreviations of the states and provinces
// of India, Pakistan and Nigeria, as news and incident reports write them
// after a district, to their divisions as GeoNames names them. Where an
// abbreviation is also that of a US state, both are candidates and the
// text decides.
var divisionAbbrev = map[string][]region{
	"jk": {{"IN", "Jammu and Kashmir"}}, "up": {{"IN", "Uttar Pradesh"}},
	"mp": {{"IN", "Madhya Pradesh"}}, "hp": {{"IN", "Himachal Pradesh"}},
	"ap": {{"IN", "Andhra Pradesh"}}, "ts": {{"IN", "Telangana"}}, "tg": {{"IN", "Telangana"}},
	"tn": {{"IN", "Tamil Nadu"}, {"US", "Tennessee"}}, "kl": {{"IN", "Kerala"}},
	"ka": {{"IN", "Karnataka"}}, "wb": {{"IN", "West Bengal"}}, "mh": {{"IN", "Maharashtra"}},
	"gj": {{"IN", "Gujarat"}}, "rj": {{"IN", "Rajasthan"}}, "pb": {{"IN", "Punjab"}},
	"hr": {{"IN", "Haryana"}}, "jh": {{"IN", "Jharkhand"}}, "br": {{"IN", "Bihar"}},
	"cg": {{"IN", "Chhattisgarh"}}, "od": {{"IN", "Odisha"}}, "uk": {{"IN", "Uttarakhand"}},
	"dl": {{"IN", "Delhi"}}, "as": {{"IN", "Assam"}}, "ar": {{"IN", "Arunachal Pradesh"}, {"US", "Arkansas"}},
	"mn": {{"IN", "Manipur"}, {"US", "Minnesota"}}, "ml": {{"IN", "Meghalaya"}},
	"mz": {{"IN", "Mizoram"}}, "nl": {{"IN", "Nagaland"}}, "tr": {{"IN", "Tripura"}},
	"kp": {{"PK", "Khyber Pakhtunkhwa"}}, "kpk": {{"PK", "Khyber Pakhtunkhwa"}},
	"fata": {{"PK", "Khyber Pakhtunkhwa"}}, "ajk": {{"PK", "Azad Kashmir"}},
	"gb": {{"PK", "Gilgit-Baltistan"}}, "ict": {{"PK", "Islamabad"}},
	"fct": {{"PK", "Islamabad"}, {"NG", "FCT"}},
}

// abbreviated returns the divisions an abbreviation names, as written:
// in capitals, with or without an ampersand or periods ("J&K", "U.P.").
func (r *Resolver) abbreviated(raw string) []candidate {
	var b strings.Builder
	for _, c := range raw {
		switch {
		case c >= 'A' && c <= 'Z':
			b.WriteRune(c + 'a' - 'A')
		case c == '&' || c == '.' || c == ' ':
		default:
			return nil
		}
	}
	regions := divisionAbbrev[b.String()]
	if len(regions) == 0 {
		if reg, ok := stateAbbrev[b.String()]; ok && len(raw) == 2 {
			regions = []region{reg}
		}
	}
	var out []candidate
	for _, reg := range regions {
		if e := r.division(reg); e != nil {
			out = append(out, candidate{e: e})
		}
	}
	return out
}

// loose returns the loose index of divisions, made on first use.
func (r *Resolver) loose() *looseIndex {
	r.looseOnce.Do(func() { r.looseIx = newLooseIndex(r.g, r.keys) })
	return r.looseIx
}

// qualified reports whether candidate e lies in the place q names: in the
// country, first-level division or district q is.
func qualified(e, q *gazetteer.Entry) bool {
	if e.Country != q.Country {
		return false
	}
	switch q.Feature {
	case "admin1":
		return e.Admin1 == q.Admin1 || e.Feature == "admin1"
	case "admin2":
		return e.Admin1 == q.Admin1 && (e.Admin2 == "" || e.Admin2 == q.Admin2 || e.Admin2 == q.Name)
	}
	return true
}
