package gazetteer

import (
	"math"
	"slices"
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// A key's postings: exact holds the entries named key, variant those reached
// through a variant key. Each is an int32: n >= 0 is the one entry, n < 0
// points to lists[-n-1], noEntry means none. Most keys name one place, so
// they cost no slice at all. Lists are kept in rank order as entries are
// added.
type posting struct{ exact, variant int32 }

const noEntry = math.MinInt32

func (g *Gazetteer) appendIDs(ids []int32, p int32) []int32 {
	switch {
	case p == noEntry:
		return ids
	case p >= 0:
		return append(ids, p)
	}
	return append(ids, g.lists[-p-1]...)
}

// appendAll appends every candidate of key: exact, variant, and those of
// key's own variant forms.
func (g *Gazetteer) appendAll(ids []int32, key string) []int32 {
	p, ok := g.index[key]
	if ok {
		ids = g.appendIDs(ids, p.exact)
		ids = g.appendIDs(ids, p.variant)
	}
	variants(key, func(v string) {
		if p, ok := g.index[v]; ok {
			ids = g.appendIDs(ids, p.exact)
			ids = g.appendIDs(ids, p.variant)
		}
	})
	return ids
}

// addEntry appends e and indexes its names; it returns e's index.
func (g *Gazetteer) addEntry(e Entry, weight int64, names ...string) int32 {
	id := int32(len(g.entries))
	if e.ID == 0 {
		e.ID = -int(id) - 1
	}
	g.entries = append(g.entries, e)
	g.weight = append(g.weight, weight)
	g.addNames(id, names...)
	return id
}

// addKeyedEntry appends e and indexes it under key and the |-separated
// altKeys, already folded.
func (g *Gazetteer) addKeyedEntry(e Entry, weight int64, key, altKeys string) int32 {
	id := g.addEntry(e, weight)
	g.addKey(id, key)
	for altKeys != "" {
		var k string
		k, altKeys, _ = strings.Cut(altKeys, "|")
		g.addKey(id, k)
	}
	return id
}

func (g *Gazetteer) addKey(id int32, k string) {
	if k == "" {
		return
	}
	g.insert(k, id, false)
	variants(k, func(v string) { g.insert(v, id, true) })
}

// addNames indexes names (and, for the |-lists of the data files, each part
// of a name holding '|') under the entry id.
func (g *Gazetteer) addNames(id int32, names ...string) {
	for _, n := range names {
		for n != "" {
			var part string
			part, n, _ = strings.Cut(n, "|")
			g.addKey(id, text.Fold(part))
		}
	}
}

func (g *Gazetteer) insert(key string, id int32, variant bool) {
	p, ok := g.index[key]
	if !ok {
		p = posting{noEntry, noEntry}
		g.keys = append(g.keys, key)
	}
	slot := &p.exact
	if variant {
		slot = &p.variant
	}
	switch {
	case *slot == noEntry:
		*slot = id
	case *slot == id:
		return
	case *slot >= 0:
		g.lists = append(g.lists, []int32{*slot})
		*slot = int32(-len(g.lists))
		g.addToList(-*slot-1, id)
	default:
		g.addToList(-*slot-1, id)
	}
	g.index[key] = p
}

func (g *Gazetteer) addToList(i, id int32) {
	list := g.lists[i]
	if contains(list, id) {
		return
	}
	at, _ := slices.BinarySearchFunc(list, id, g.compare)
	g.lists[i] = slices.Insert(list, at, id)
}

// compare orders entries best first: countries, then population, then
// curated (supplement and user) entries, then the summed population of a
// division's places, then load order. Curated entries go before GeoNames
// divisions of unknown population because they were written for news: the
// "Red Sea" of shipping news is the sea, not the Sudanese state.
func (g *Gazetteer) compare(a, b int32) int {
	ea, eb := &g.entries[a], &g.entries[b]
	if ca, cb := ea.Feature == "country", eb.Feature == "country"; ca != cb {
		if ca {
			return -1
		}
		return 1
	}
	switch {
	case ea.Population != eb.Population:
		return cmpDesc(ea.Population, eb.Population)
	case curated(ea) != curated(eb):
		if curated(ea) {
			return -1
		}
		return 1
	case g.weight[a] != g.weight[b]:
		return cmpDesc(g.weight[a], g.weight[b])
	}
	return int(a - b)
}

func curated(e *Entry) bool { return e.Source == SourceSupplement || e.Source == SourceUser }

func cmpDesc(a, b int64) int {
	if a > b {
		return -1
	}
	return 1
}

func (g *Gazetteer) sortByRank(ids []int32) { slices.SortFunc(ids, g.compare) }

// Arabic article spellings. Leading ones may be dropped ("Al-Bukamal" is also
// "Bukamal"); interior ones vary with the sun-letter assimilation and the
// transliteration scheme ("Deir ez-Zor", "Deir al-Zor", "Dayr az Zawr").
var (
	leadingArticles  = []string{"al", "el", "ad", "ash", "az", "as", "ar", "an", "at"}
	interiorArticles = []string{"al", "el", "ad", "ash", "az", "as", "ar", "an", "at", "ez", "es", "ed", "er", "et", "en", "ul"}
)

// variants calls fn with the variant keys of a folded key, each different
// from key:
//   - without a leading article: "al bukamal" -> "bukamal";
//   - with "al"/"el" joined to the next word: "al bukamal" -> "albukamal";
//   - with every interior article written "al": "deir ez zor" -> "deir al zor",
//     also after dropping the leading article.
func variants(key string, fn func(string)) {
	first, rest, ok := strings.Cut(key, " ")
	if !ok {
		return
	}
	emit := func(v string) {
		if v != key && len(v) >= 3 {
			fn(v)
		}
	}
	if slices.Contains(leadingArticles, first) {
		emit(rest)
		if first == "al" || first == "el" {
			emit(first + rest)
		}
		if n, changed := normaliseInterior(rest); changed {
			emit(n)
		}
	}
	if n, changed := normaliseInterior(key); changed {
		emit(n)
	}
}

// normaliseInterior writes each article between two words as "al".
func normaliseInterior(key string) (string, bool) {
	first := strings.IndexByte(key, ' ')
	last := strings.LastIndexByte(key, ' ')
	if first < 0 || first == last {
		return key, false // fewer than three words: no interior word
	}
	var b strings.Builder
	copied := 0 // key[:copied] is in b; 0 while nothing changed
	for start := first + 1; start <= last; {
		end := start + strings.IndexByte(key[start:], ' ')
		if w := key[start:end]; w != "al" && slices.Contains(interiorArticles, w) {
			if copied == 0 {
				b.Grow(len(key))
			}
			b.WriteString(key[copied:start])
			b.WriteString("al")
			copied = end
		}
		start = end + 1
	}
	if copied == 0 {
		return key, false
	}
	b.WriteString(key[copied:])
	return b.String(), true
}
