package places

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/actors"
	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// vet drops the candidates that the words around them show to be no place,
// then links the rest to the words that qualify them.
func (d *doc) vet() {
	for _, a := range d.actors {
		if a.Kind == actors.KindPerson {
			for _, tok := range text.Tokens(a.Text) {
				d.persons[tok.Key] = true
			}
		}
	}
	confirm := make([]bool, len(d.mentions)) // needs another use as a place
	for i := range d.mentions {
		confirm[i] = d.vetOne(&d.mentions[i])
		d.mentions[i].weak = confirm[i]
	}
	d.link()

	// A word that may be a common word in an ambiguous position stands
	// when the text also uses it as a place elsewhere, or after a comma
	// names its state.
	used := make(map[string]bool)
	for i := range d.mentions {
		if m := &d.mentions[i]; !m.drop && !confirm[i] {
			used[m.key] = true
		}
	}
	for i := range d.mentions {
		m := &d.mentions[i]
		if m.drop || !confirm[i] {
			continue
		}
		if !used[m.key] && m.region.country == "" && m.regionOf < 0 && !d.placeBefore(m.tokStart) {
			m.drop = true
		}
	}
	for i := range d.mentions {
		m := &d.mentions[i]
		if !m.drop && m.qual == 0 && !strings.Contains(m.key, " ") && d.persons[m.key] && !hasFeature(m.cands, "country") {
			m.drop = true
		}
	}
	if len(d.abbrevs) > 0 {
		d.mentions = mergeMentions(d.mentions, d.abbrevs)
	}
}

// vetOne decides what the words around m say; it drops m when it is no
// place and reports whether m needs confirming by another use.
func (d *doc) vetOne(m *mention) (confirm bool) {
	w := d.r.words[m.key]
	if m.qual != 0 {
		// A division in a qualifier: whatever else the word may be.
		_, demonym := d.r.g.Demonym(m.key)
		if d.insideActor(m) || demonym && !hasFeature(m.cands, "country", "admin1") {
			m.drop = true
		}
		return false
	}
	if w&classNever != 0 && !m.context {
		m.drop = true
		return false
	}
	first := &d.toks[m.tokStart]
	span := d.s[m.span.ByteStart:m.span.ByteEnd]
	if letterCount(m.key) <= 2 && (!allCaps(span) || !hasFeature(m.cands, "country") && !curated(m.cands)) {
		// "US", "U.S.", "UK", "EU": only in capitals, and only countries
		// and curated names.
		m.drop = true
		return false
	}
	if m.tokEnd-m.tokStart == 1 && letterCount(m.key) > 2 && allCaps(first.Text) && len(first.Text) <= 5 &&
		!d.shouting(m.tokStart) && !hasFeature(m.cands, "country", "admin1") {
		m.drop = true // an acronym: "WHO", "ISIS", "AP"
		return false
	}
	if d.insideActor(m) {
		m.drop = true
		return false
	}
	if _, ok := d.r.g.Demonym(m.key); (ok && !hasFeature(m.cands, "country", "admin1")) || w&classTitle != 0 {
		m.drop = true // "Canadian", "Secretary": never the towns of that name
		return false
	}
	if (w&classFirstName != 0 && !d.r.notable(m.cands)) || (allAlternate(m.cands) && maxPopulation(m.cands) < 20000) {
		// A given name, or an old or odd name of small places only:
		// "Kristina", "Brown". Only a place context makes it a place.
		if !d.placeBefore(m.tokStart) {
			m.drop = true
			return false
		}
	}
	if !d.r.notable(m.cands) && !d.placeBefore(m.tokStart) && d.speaker(m) {
		d.addPerson(m.tokStart, m.tokEnd)
		m.drop = true // "Baker said"
		return false
	}
	if d.weak(m) && (d.lowerElsewhere(m.key) || (!d.titleCase(m.tokStart) && d.runBefore(m.tokStart))) {
		// An English word or the last word of a longer name: "the drug
		// agency ... the Drug Agency", "Air Force".
		m.drop = true
		return false
	}
	if w&classGeneric != 0 && m.qual == 0 && m.tokEnd-m.tokStart == 1 && d.runAfter(m, true) {
		// A word for a kind of place heading a longer name: "Colonia
		// Vistas del Rio", "Wadi al-Rabi", "Ash Shabakah".
		m.drop = true
		return false
	}
	if d.weak(m) && m.qual == 0 && d.runAfter(m, false) {
		// The first word of a longer name the dictionary lacks: "Colonia
		// Vistas del Rio", "Qasr Bin Ghashir", "Bar Ujeed".
		m.drop = true
		return false
	}
	if contraction(first.Text) {
		m.drop = true // "We're" is no "Were"
		return false
	}
	headline := d.titleCase(m.tokStart)
	if !headline && (d.personBefore(m) || d.personAfter(m)) {
		m.drop = true
		return false
	}
	if w&classCommon != 0 && !d.initial(m.tokStart) && !headline && d.inNameRun(m) {
		m.drop = true // "City Hall", "Fargo City Commissioner"
		return false
	}
	if n := m.tokEnd; n < len(d.toks) && d.toks[n].Cap && blankGap(d.s[d.toks[n-1].ByteEnd:d.toks[n].ByteStart]) {
		next := d.r.words[lastWord(d.toks[n].Key)]
		if next&(classStreet|classMedia) != 0 && m.span.End == d.toks[n-1].End {
			m.drop = true // "Dublin Road", "Washington Post"
			return false
		}
	}
	if d.caseless {
		m.ambiguous = true
		if !d.r.notable(m.cands) || w&classCommon != 0 {
			m.drop = true
		}
		return false
	}
	m.ambiguous = d.initial(m.tokStart) || d.titleCase(m.tokStart) || d.shouting(m.tokStart)
	if !m.ambiguous {
		return false
	}
	return w&classCommon != 0 || allAlternate(m.cands)
}

// insideActor reports whether m lies inside a longer actor name that is not
// about m's own country: "Washington" in "Washington Post" is no place,
// "Lebanon" in "Lebanon's Hezbollah" and "Iraq" in "Iraq said" are.
func (d *doc) insideActor(m *mention) bool {
	as := d.actors
	i := sort.Search(len(as), func(i int) bool { return as[i].End > m.span.Start })
	for ; i < len(as) && as[i].Start < m.span.End; i++ {
		a := &as[i]
		if a.Kind == actors.KindPerson {
			d.addPerson(m.tokStart, m.tokEnd)
			return true
		}
		if a.Start == m.span.Start && a.End == m.span.End {
			switch a.Kind {
			case actors.KindGovernment, actors.KindStateForces, actors.KindIntergovernmental, actors.KindExternalForce:
				continue // a country that acts: "Iran said"
			}
			return true // an outlet or group named like a place: "SANA"
		}
		if a.Start == m.span.Start && a.Kind != actors.KindMedia && m.span.End == d.toks[m.tokEnd-1].End {
			continue // an institution of the place: "Dublin City Council"
		}
		if a.Start == m.span.Start && m.tokEnd < len(d.toks) && d.toks[m.tokEnd].Key == "s" {
			continue // "Lebanon's Hezbollah"
		}
		if a.Country != "" && hasCountryEntry(m.cands, a.Country) {
			continue // "U.S. Army", "Iraqi Kurdistan's government"
		}
		return true
	}
	return false
}

// personBefore reports a name that continues a person's name or follows a
// title: "President Bashar", "Chiquita Raquel Henry". It remembers the
// person's words.
func (d *doc) personBefore(m *mention) bool {
	t := m.tokStart
	if t == 0 {
		return false
	}
	p := &d.toks[t-1]
	gap := d.s[p.ByteEnd:d.toks[t].ByteStart]
	if d.class(t-1)&classTitle != 0 && (blankGap(gap) || strings.TrimSpace(gap) == ".") {
		d.addPerson(t, m.tokEnd)
		return true
	}
	if (!blankGap(gap) && !d.initialLetter(t-1)) || !d.nameWord(t-1) {
		return false
	}
	// The run of name words before m.
	start := t - 1
	for start > 0 && (blankGap(d.s[d.toks[start-1].ByteEnd:d.toks[start].ByteStart]) || d.initialLetter(start-1)) && d.nameWord(start-1) {
		start--
	}
	if !d.personRun(start, t) {
		return false // "First Baptist Church Maryville", "StandUp DeKalb"
	}
	// A notable place needs a given name or a title before it to be a
	// surname: "Andrew Jackson", but "Tags Aleppo Syria".
	if d.r.notable(m.cands) && !d.givenName(start, t) {
		return false
	}
	d.addPerson(start, m.tokEnd)
	return true
}

// givenName reports a given name, a middle initial or a title before it
// among tokens [start, end).
func (d *doc) givenName(start, end int) bool {
	if start > 0 && d.class(start-1)&classTitle != 0 {
		return true
	}
	for t := start; t < end; t++ {
		if d.initialLetter(t) || d.class(t)&classFirstName != 0 {
			return true
		}
	}
	return false
}

// initialLetter reports a middle initial: one capital and a period, as
// in "Keith D. Johnson".
func (d *doc) initialLetter(t int) bool {
	tok := &d.toks[t]
	if len(tok.Key) != 1 || !tok.Cap || t+1 >= len(d.toks) {
		return false
	}
	return strings.TrimRight(d.s[tok.ByteEnd:d.toks[t+1].ByteStart], " ") == "."
}

// personRun reports whether tokens [start, end) may be the given names of a
// person: no institution, common or kind-of-place word among them.
func (d *doc) personRun(start, end int) bool {
	for t := start; t < end; t++ {
		if d.initialLetter(t) {
			continue // "Roy A. Nelson"
		}
		if d.class(t)&(classOrgHead|classCommon|classHead|classCity|classAdmin|classAdmin2) != 0 {
			return false
		}
	}
	return true
}

// speaker reports a name right before or after a verb of saying, or
// before "'s Day": "Baker said", "said Clark", "St. Patrick's Day".
func (d *doc) speaker(m *mention) bool {
	n := m.tokEnd
	if n < len(d.toks) && blankGap(d.s[d.toks[n-1].ByteEnd:d.toks[n].ByteStart]) && d.class(n)&classSpeech != 0 {
		return true
	}
	if n+1 < len(d.toks) && d.toks[n].Key == "s" && d.toks[n+1].Key == "day" {
		return true
	}
	t := m.tokStart
	if t == 0 || d.class(t-1)&classSpeech == 0 || !blankGap(d.s[d.toks[t-1].ByteEnd:d.toks[t].ByteStart]) {
		return false
	}
	// "said Clark." but not "said Tuesday in Clark County"
	return n >= len(d.toks) || !d.toks[n].Cap
}

// weak reports a one-word name of small places only, which needs the text
// to show it is a place.
func (d *doc) weak(m *mention) bool {
	if m.tokEnd-m.tokStart != 1 || strings.Contains(m.key, " ") || d.r.notable(m.cands) {
		return false
	}
	for _, c := range m.cands {
		if c.e.Source == gazetteer.SourceSupplement || c.e.Source == gazetteer.SourceUser {
			return false // curated for news
		}
	}
	return true
}

// runAfter reports a name word right after m that continues its name: a
// capitalised word that is no word for a kind of place, street,
// institution or title, or a connector before one ("Bir at Tutah"). Unless
// places is set, a notable place does not continue it ("Aleppo Homs
// road").
func (d *doc) runAfter(m *mention, places bool) bool {
	n := m.tokEnd
	if n >= len(d.toks) || m.span.End != d.toks[n-1].End || !blankGap(d.s[d.toks[n-1].ByteEnd:d.toks[n].ByteStart]) {
		return false
	}
	if nameConnector(d.toks[n].Key) && !d.toks[n].Cap && n+1 < len(d.toks) &&
		blankGap(d.s[d.toks[n].ByteEnd:d.toks[n+1].ByteStart]) {
		n++
	}
	tok := &d.toks[n]
	if !(tok.Cap || d.nameTail(tok)) || tok.Number || allCaps(tok.Text) {
		return false
	}
	const notName = classAdmin | classAdmin2 | classCity | classStreet | classMedia | classOrgHead | classTitle | classHead | classSpeech
	if d.tokenClass(n)&(classPart|uint32(notName)) != 0 {
		return false
	}
	if _, ok := d.r.g.Demonym(tok.Key); ok {
		return false
	}
	j := d.mentionAt(n)
	return places || j < 0 || !d.r.notable(d.mentions[j].cands) // "Boula Gana": no Gana of its own
}

// nameConnector reports a lower-case word inside the names of other
// languages: "Bir at Tutah", "Vistas del Rio".
func nameConnector(k string) bool {
	switch k {
	case "de", "del", "da", "do", "dos", "das", "la", "le", "les", "du", "des", "di", "della":
		return true
	}
	return articlePiece(k)
}

// lowerElsewhere reports whether key is written in lower case somewhere in
// the text: then it is an English word too.
func (d *doc) lowerElsewhere(key string) bool {
	for i := range d.toks {
		if tok := &d.toks[i]; !tok.Cap && tok.Key == key {
			return true
		}
	}
	return false
}

// runBefore reports a capitalised word just before token t that is neither
// a modifier of places nor a place: t ends a longer name.
func (d *doc) runBefore(t int) bool {
	if t == 0 || !blankGap(d.s[d.toks[t-1].ByteEnd:d.toks[t].ByteStart]) {
		return false
	}
	return d.nameWord(t - 1)
}

func maxPopulation(cs []candidate) int64 {
	var n int64
	for _, c := range cs {
		n = max(n, c.e.Population)
	}
	return n
}

// personAfter reports a given name before a surname: "Michael Thomas",
// "Henry Ford". A capitalised word after a place is usually an institution
// of it ("Alexandria Police"), so only given names and known surnames
// count.
func (d *doc) personAfter(m *mention) bool {
	n := m.tokEnd
	if n >= len(d.toks) || m.span.End != d.toks[n-1].End || !blankGap(d.s[d.toks[n-1].ByteEnd:d.toks[n].ByteStart]) {
		return false
	}
	if tok := &d.toks[n]; !tok.Cap || tok.Number || allCaps(tok.Text) || strings.Contains(tok.Key, " ") {
		return false
	}
	next := d.class(n)
	if next&(classOrgHead|classTitle|classHead|classAdmin|classAdmin2|classCity|classStreet|classMedia) != 0 {
		return false
	}
	if d.r.words[m.key]&classFirstName == 0 && !d.persons[d.toks[n].Key] {
		return false
	}
	if hasFeature(m.cands, "country", "admin1") && d.r.words[m.key]&classFirstName == 0 {
		return false
	}
	d.addPerson(m.tokStart, n+1)
	return true
}

// inNameRun reports a mention joined to a capitalised word before or after
// it.
func (d *doc) inNameRun(m *mention) bool {
	t, n := m.tokStart, m.tokEnd
	if t > 0 && d.nameWord(t-1) && blankGap(d.s[d.toks[t-1].ByteEnd:d.toks[t].ByteStart]) {
		return true
	}
	return n < len(d.toks) && d.toks[n].Cap && blankGap(d.s[d.toks[n-1].ByteEnd:d.toks[n].ByteStart])
}

// contraction reports an English contraction: "We're", "They'll", "Don't".
func contraction(w string) bool {
	i := strings.LastIndexAny(w, "'\u2019")
	if i < 0 {
		return false
	}
	_, size := utf8.DecodeRuneInString(w[i:])
	switch w[i+size:] {
	case "re", "ll", "ve", "d", "t", "m", "RE", "LL", "VE", "D", "T", "M":
		return true
	}
	return false
}

// nameWord reports a capitalised word that makes a name run with the word
// after it: not a modifier of places ("North", "Lake"), a demonym, an
// acronym, a hyphenated modifier ("Isil-held"), a place already found, or a
// common word opening the sentence.
func (d *doc) nameWord(t int) bool {
	tok := &d.toks[t]
	if !tok.Cap || tok.Number || allCaps(tok.Text) {
		return false
	}
	if strings.Contains(tok.Key, " ") && !d.nameTail(tok) {
		return false // "Isil-held", "US-led"
	}
	w := d.class(t)
	if w&(classModifier|classPrep) != 0 {
		return false
	}
	if _, ok := d.r.g.Demonym(tok.Key); ok {
		return false
	}
	if w&(classCommon|classNever|classTitle) != 0 && d.initial(t) {
		return false
	}
	// A place ending at t: "Aleppo" in "the Aleppo Homs road".
	ms := d.mentions
	i := sort.Search(len(ms), func(i int) bool { return ms[i].tokStart > t }) - 1
	return i < 0 || ms[i].tokEnd != t+1 || ms[i].drop || ms[i].weak
}

func (d *doc) addPerson(start, end int) {
	for t := start; t < end; t++ {
		if d.toks[t].Cap {
			d.persons[d.toks[t].Key] = true
		}
	}
}

// placeBefore reports a word before token t that introduces a place: "in
// X", "near X", "the village of X".
func (d *doc) placeBefore(t int) bool {
	if t == 0 || !blankGap(d.s[d.toks[t-1].ByteEnd:d.toks[t].ByteStart]) {
		return false
	}
	p := d.toks[t-1].Key
	if d.class(t-1)&classPrep != 0 {
		return true
	}
	return p == "of" && t >= 2 && d.class(t-2)&classPrep != 0
}

// link records the words that qualify each kept mention: a kind of place
// after it ("X province"), and a state or country after a comma ("X,
// Louisiana", "X, La.").
func (d *doc) link() {
	var extra []mention
	for i := range d.mentions {
		m := &d.mentions[i]
		if m.drop {
			continue
		}
		n := m.tokEnd
		if n < len(d.toks) && blankGap(d.s[d.toks[n-1].ByteEnd:d.toks[n].ByteStart]) && m.span.End == d.toks[n-1].End {
			m.hint |= d.class(n) & (classAdmin | classAdmin2 | classCity)
		}
		if t := m.tokStart; t >= 2 && d.toks[t-1].Key == "of" {
			if c := d.class(t-2) & (classAdmin | classAdmin2 | classCity); c != 0 {
				m.hint |= c
			}
		}
		if n >= len(d.toks) || strings.TrimSpace(d.s[d.toks[n-1].ByteEnd:d.toks[n].ByteStart]) != "," {
			continue
		}
		if i+1 < len(d.mentions) && d.mentions[i+1].tokStart == n && !d.mentions[i+1].drop &&
			hasFeature(d.mentions[i+1].cands, "country", "admin1") {
			m.regionOf = d.mentions[i+1].tokStart
			d.mentions[i+1].afterName = true
			continue
		}
		if r, end, ok := d.abbreviation(n); ok {
			m.region = r
			if e := d.r.division(r); e != nil {
				extra = append(extra, d.abbreviationMention(n, end, e))
			}
		}
	}
	d.abbrevs = extra
}

// abbreviationMention is the mention of a state abbreviation in tokens
// [t, end), with its closing period: "La.", "W.Va.".
func (d *doc) abbreviationMention(t, end int, e *gazetteer.Entry) mention {
	first, last := &d.toks[t], &d.toks[end-1]
	sp := text.Span{Start: first.Start, End: last.End, ByteStart: first.ByteStart, ByteEnd: last.ByteEnd}
	if sp.ByteEnd < len(d.s) && d.s[sp.ByteEnd] == '.' {
		sp.End++
		sp.ByteEnd++
	}
	return mention{
		tokStart: t, tokEnd: end, span: sp, key: text.Fold(e.Name),
		cands: []candidate{{e: e}}, regionOf: -1, afterName: true,
	}
}

// mergeMentions merges two lists sorted by token.
func mergeMentions(a, b []mention) []mention {
	out := make([]mention, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		if len(b) == 0 || (len(a) > 0 && a[0].tokStart < b[0].tokStart) {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}

// abbreviation reads a state abbreviation at token t: "La.", "VA", "N.Y.".
// It returns the division and the token after the abbreviation.
func (d *doc) abbreviation(t int) (region, int, bool) {
	tok := &d.toks[t]
	if !tok.Cap {
		return region{}, 0, false
	}
	key := tok.Key
	end := t + 1
	if len(key) == 1 && end < len(d.toks) && len(d.toks[end].Key) <= 3 && d.s[tok.ByteEnd:d.toks[end].ByteStart] == "." {
		key += " " + d.toks[end].Key // "N.Y.", "W. Va."
		end++
	}
	r, ok := stateAbbrev[key]
	if !ok {
		return region{}, 0, false
	}
	last := &d.toks[end-1]
	dotted := last.ByteEnd < len(d.s) && d.s[last.ByteEnd] == '.'
	if !dotted && !allCaps(d.s[tok.ByteStart:last.ByteEnd]) && len(key) <= 3 {
		return region{}, 0, false
	}
	return r, end, true
}

// blankGap reports a gap of white space within one paragraph.
func blankGap(gap string) bool {
	return strings.TrimSpace(gap) == "" && strings.Count(gap, "\n") < 2
}

func letterCount(key string) int {
	n := 0
	for i := 0; i < len(key); i++ {
		if key[i] != ' ' {
			n++
		}
	}
	return n
}

func hasFeature(cs []candidate, features ...string) bool {
	for _, c := range cs {
		for _, f := range features {
			if c.e.Feature == f {
				return true
			}
		}
	}
	return false
}

func hasCountryEntry(cs []candidate, country string) bool {
	for _, c := range cs {
		if c.e.Country == country && (c.e.Feature == "country" || c.e.Feature == "admin1") {
			return true
		}
	}
	return false
}

// curated reports a name of a curated place.
func curated(cs []candidate) bool {
	for _, c := range cs {
		if c.e.Source == gazetteer.SourceSupplement || c.e.Source == gazetteer.SourceUser {
			return true
		}
	}
	return false
}

func allAlternate(cs []candidate) bool {
	for _, c := range cs {
		if !c.alt {
			return false
		}
	}
	return len(cs) > 0
}

// notable reports a name that means a country, a first-level division of
// a country of a million people or more, or a large city, by its own name.
// The parishes of the Isle of Man are divisions too, but "Patrick" is no
// notable place.
func (r *Resolver) notable(cs []candidate) bool {
	for _, c := range cs {
		if c.alt {
			continue
		}
		switch c.e.Feature {
		case "country", "continent":
			return true
		case "admin1":
			if ce := r.g.Country(c.e.Country); ce != nil && ce.Population >= 1000000 {
				return true
			}
		}
		if c.e.Population >= 100000 {
			return true
		}
	}
	return false
}
