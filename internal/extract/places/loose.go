package places

import (
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// looseIndex finds divisions by loose forms of their names, for the
// qualifiers of a place that the dictionary does not know as written:
// "Sud-Kivu" (South Kivu), "Extreme-Nord" (Far North), "Comoe" (Province
// de la Comoé), "Banadir" (Banaadir), "Aljfara" (Al Jafarah).
type looseIndex struct {
	plain    map[string][]*gazetteer.Entry // the name without generic words, compass words in English
	skeleton map[string][]*gazetteer.Entry // its consonants
}

// minSkeleton is the shortest skeleton looked up: shorter ones name too
// many divisions.
const minSkeleton = 3

// newLooseIndex indexes the first- and second-level divisions among the
// entries of keys.
func newLooseIndex(g *gazetteer.Gazetteer, keys []string) *looseIndex {
	ix := &looseIndex{plain: make(map[string][]*gazetteer.Entry, 1<<16), skeleton: make(map[string][]*gazetteer.Entry, 1<<16)}
	for _, k := range keys {
		var pk string
		for _, e := range g.Lookup(k) {
			if e.Feature != "admin1" && e.Feature != "admin2" {
				continue
			}
			if pk == "" {
				pk = plainKey(k)
			}
			if len(pk) >= 3 && !containsEntry(ix.plain[pk], e) {
				ix.plain[pk] = append(ix.plain[pk], e)
			}
			if sk := skeletonKey(pk); len(sk) >= minSkeleton && !containsEntry(ix.skeleton[sk], e) {
				ix.skeleton[sk] = append(ix.skeleton[sk], e)
			}
		}
	}
	return ix
}

func containsEntry(es []*gazetteer.Entry, e *gazetteer.Entry) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// lookup returns the divisions whose loose name is that of key: those of
// the same plain name, else, when skeletons is set, those of the same
// skeleton whose plain name is nearest key's.
func (ix *looseIndex) lookup(key string, skeletons bool) []candidate {
	pk := plainKey(key)
	var out []candidate
	for _, e := range ix.plain[pk] {
		out = append(out, candidate{e: e})
	}
	if len(out) > 0 || !skeletons {
		return out
	}
	sk := skeletonKey(pk)
	if len(sk) < minSkeleton {
		return nil
	}
	best := -1.0
	for _, e := range ix.skeleton[sk] {
		dist := spellingDistance(pk, plainKey(text.Fold(e.Name)))
		if dist > 0.4*float64(len(pk)) {
			continue // the same consonants, another name
		}
		switch {
		case best < 0 || dist < best:
			best, out = dist, append(out[:0], candidate{e: e})
		case dist == best:
			out = append(out, candidate{e: e})
		}
	}
	return out
}

// spellingDistance is an edit distance of two short strings in which
// letters that spell the same sound in transliterations (two vowels; c, g,
// k and q) cost half a change.
func spellingDistance(a, b string) float64 {
	prev := make([]float64, len(b)+1)
	cur := make([]float64, len(b)+1)
	for j := range prev {
		prev[j] = float64(j)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = float64(i)
		for j := 1; j <= len(b); j++ {
			c := prev[j-1] + substitution(a[i-1], b[j-1])
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func substitution(x, y byte) float64 {
	switch {
	case x == y:
		return 0
	case isVowel(x) && isVowel(y), velar(x) && velar(y):
		return 0.5
	}
	return 1
}

func velar(c byte) bool { return c == 'c' || c == 'g' || c == 'k' || c == 'q' }

// plainKey reduces a folded division name to its proper words: compass
// words in English, articles and generic words dropped, spaces too
// ("Province de la Comoé" is "comoe", "Sud-Kivu" "southkivu", "Al Jabal
// al Gharbi" "jabalgharbi"), and a joined article before a consonant
// ("Aljfara" is "jfara").
func plainKey(key string) string {
	var b strings.Builder
	b.Grow(len(key))
	words := strings.Fields(key)
	for _, w := range words {
		if c, ok := compass[w]; ok {
			w = c
		}
		if len(words) > 1 && looseFiller[w] {
			continue
		}
		if len(w) > 5 && (strings.HasPrefix(w, "al") || strings.HasPrefix(w, "el")) && !isVowel(w[2]) {
			w = w[2:]
		}
		b.WriteString(w)
	}
	return b.String()
}

// looseFiller are the articles and generic words of division names.
var looseFiller = map[string]bool{
	"al": true, "el": true, "ad": true, "ash": true, "as": true, "az": true, "ar": true, "an": true,
	"at": true, "ez": true, "es": true, "ed": true, "er": true, "et": true, "en": true, "de": true,
	"of": true, "the": true, "du": true, "la": true, "le": true, "les": true, "des": true, "do": true,
	"da": true, "dos": true, "das": true, "del": true, "d": true, "l": true,
	"province": true, "provincia": true, "region": true, "governorate": true, "state": true,
	"district": true, "department": true, "departement": true, "departamento": true,
	"county": true, "prefecture": true, "division": true, "municipality": true,
	"municipio": true, "commune": true, "wilaya": true, "oblast": true, "raion": true,
}

// skeletonKey returns the consonants of a plain key after its first
// letter, with c, g and q read as k, and h, w, y and doubled letters
// dropped: "banadir" and "banaadir" are "bndr".
func skeletonKey(pk string) string {
	var b strings.Builder
	skeleton(&b, pk)
	return b.String()
}

// skeleton writes the first letter of w and its consonants after it.
func skeleton(b *strings.Builder, w string) {
	var last byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch c {
		case 'c', 'g', 'q':
			c = 'k'
		case 'h':
			if i > 0 {
				continue
			}
		case 'y', 'w':
			if i > 0 {
				continue
			}
		}
		if i > 0 && isVowel(c) {
			continue
		}
		if c == last {
			continue
		}
		b.WriteByte(c)
		last = c
	}
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// compass translates the compass words of French, Spanish and Portuguese
// division names.
var compass = map[string]string{
	"nord": "north", "norte": "north", "sud": "south", "sur": "south", "sul": "south",
	"est": "east", "este": "east", "leste": "east", "ouest": "west", "oeste": "west",
	"extreme": "far", "extremo": "far", "oriental": "eastern", "occidental": "western",
	"orientale": "eastern", "occidentale": "western", "centre": "central", "centro": "central",
}
