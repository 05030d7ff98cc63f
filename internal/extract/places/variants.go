package places

import (
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// contextNames finds runs of capitalised words in a place context that the
// dictionary did not match ("the village of Kfar Zeita", "Tell Abyad
// countryside", "in Mhardeh") and looks each up again through
// transliteration variants.
func (d *doc) contextNames() {
	var extra []mention
	mi := 0
	for t := 0; t < len(d.toks); t++ {
		for mi < len(d.mentions) && d.mentions[mi].tokEnd <= t {
			mi++
		}
		if mi < len(d.mentions) && d.mentions[mi].tokStart <= t {
			t = d.mentions[mi].tokEnd - 1
			if m := d.extend(mi); m != nil {
				extra = append(extra, *m)
				t = m.tokEnd - 1
			}
			continue
		}
		if !d.runWord(t) {
			continue
		}
		end := t + 1
		for end < len(d.toks) && end-t < 4 && (mi >= len(d.mentions) || end < d.mentions[mi].tokStart) &&
			blankGap(d.s[d.toks[end-1].ByteEnd:d.toks[end].ByteStart]) && d.runWord(end) {
			end++
		}
		// The run may go on into a name the dictionary matched alone: in
		// "Tall Ad Dhahab" it found only "Dhahab", while the variant "Tall
		// adh Dhahab" names the place.
		long := end
		for long < len(d.toks) && long-t < 4 && mi < len(d.mentions) && long >= d.mentions[mi].tokStart &&
			blankGap(d.s[d.toks[long-1].ByteEnd:d.toks[long].ByteStart]) && (d.toks[long].Cap || d.runWord(long)) {
			long++
		}
		if long > end && long < len(d.toks) && d.runWord(long) {
			long = end // the name goes on beyond what a lookup can try
		}
		if long > end && (d.placeBefore(t) || d.kindAfter(long)) {
			if m, ok := d.contextName(t, long); ok {
				extra = append(extra, m)
				t = long - 1
				continue
			}
		}
		if !d.placeBefore(t) && !d.kindAfter(end) {
			t = end - 1
			continue
		}
		if m, ok := d.contextName(t, end); ok {
			extra = append(extra, m)
		}
		t = end - 1
	}
	if len(extra) == 0 {
		return
	}
	// An extended name replaces the shorter matches it covers.
	kept := d.mentions[:0]
	j := 0
	for _, m := range d.mentions {
		for j < len(extra) && extra[j].tokEnd <= m.tokStart {
			j++
		}
		if j < len(extra) && extra[j].tokStart <= m.tokStart {
			continue
		}
		kept = append(kept, m)
	}
	d.mentions = mergeMentions(kept, extra)
}

// contextName looks up the unknown name of tokens [t, end) through its
// transliteration variants.
func (d *doc) contextName(t, end int) (mention, bool) {
	keys := make([]string, 0, end-t)
	for u := t; u < end; u++ {
		keys = append(keys, d.toks[u].Key)
	}
	key := strings.Join(keys, " ")
	if cs, vkey := d.r.variantLookup(key, true); len(cs) > 0 {
		sp := d.toks[t]
		last := d.toks[end-1]
		return mention{
			tokStart: t, tokEnd: end,
			span:     text.Span{Start: sp.Start, End: last.End, ByteStart: sp.ByteStart, ByteEnd: last.ByteEnd},
			key:      vkey,
			cands:    cs,
			context:  true,
			regionOf: -1,
		}, true
	}
	return mention{}, false
}

// extend looks up a one-word match together with the capitalised words
// after it, through the spellings of the common words of Arabic place
// names: "Tell" matched alone, "Tell Tamr" is "Tal Tamr". It returns the
// longer mention, nil when there is none.
func (d *doc) extend(mi int) *mention {
	m := &d.mentions[mi]
	t := m.tokEnd
	if t-m.tokStart != 1 || t >= len(d.toks) || (mi+1 < len(d.mentions) && d.mentions[mi+1].tokStart == t) ||
		!blankGap(d.s[d.toks[t-1].ByteEnd:d.toks[t].ByteStart]) || !d.runWord(t) {
		return nil
	}
	if !wordVariant(m.key) {
		return nil
	}
	end := t + 1
	for end < len(d.toks) && end-m.tokStart < 4 && (mi+1 >= len(d.mentions) || end < d.mentions[mi+1].tokStart) &&
		blankGap(d.s[d.toks[end-1].ByteEnd:d.toks[end].ByteStart]) && d.runWord(end) {
		end++
	}
	// As in contextNames, the words may run on into the next match.
	long := end
	for long < len(d.toks) && long-m.tokStart < 4 && mi+1 < len(d.mentions) && long >= d.mentions[mi+1].tokStart &&
		blankGap(d.s[d.toks[long-1].ByteEnd:d.toks[long].ByteStart]) && (d.toks[long].Cap || d.runWord(long)) {
		long++
	}
	if long > end && (long == len(d.toks) || !d.runWord(long)) {
		if cs, vkey := d.variantRun(m.tokStart, long); len(cs) > 0 {
			end = long
			first, last := d.toks[m.tokStart], d.toks[end-1]
			return &mention{
				tokStart: m.tokStart, tokEnd: end,
				span: text.Span{Start: first.Start, End: last.End, ByteStart: first.ByteStart, ByteEnd: last.ByteEnd},
				key:  vkey, cands: cs, context: true, regionOf: -1,
			}
		}
	}
	cs, vkey := d.variantRun(m.tokStart, end)
	if len(cs) == 0 {
		return nil
	}
	first, last := d.toks[m.tokStart], d.toks[end-1]
	return &mention{
		tokStart: m.tokStart, tokEnd: end,
		span: text.Span{Start: first.Start, End: last.End, ByteStart: first.ByteStart, ByteEnd: last.ByteEnd},
		key:  vkey, cands: cs, context: true, regionOf: -1,
	}
}

// variantRun looks up the words [t, end) through their variants: deep
// ones when a place word stands before or after them.
func (d *doc) variantRun(t, end int) ([]candidate, string) {
	keys := make([]string, 0, end-t)
	for u := t; u < end; u++ {
		keys = append(keys, d.toks[u].Key)
	}
	return d.r.variantLookup(strings.Join(keys, " "), d.placeBefore(t) || d.kindAfter(end))
}

// wordVariant reports a common word of Arabic place names that has other
// spellings: "tell", "kfar", "deir".
func wordVariant(w string) bool {
	for _, set := range wordVariants {
		if contains(set, w) {
			return true
		}
	}
	return false
}

// runWord reports a word that may belong to an unknown place name:
// capitalised, or an article before a capital ("al-Mayadin"), and not a
// word of the lists that start sentences or name people.
func (d *doc) runWord(t int) bool {
	tok := &d.toks[t]
	if tok.Number {
		return false
	}
	if !tok.Cap && !(articlePiece(tok.Key) && pieceUpper(tok, 1)) {
		return false
	}
	return d.class(t)&(classCommon|classNever|classTitle|classPrep) == 0 &&
		!allCaps(tok.Text)
}

// kindAfter reports a word at token t that names a kind of place: "X
// province", "X village".
func (d *doc) kindAfter(t int) bool {
	if t >= len(d.toks) || !blankGap(d.s[d.toks[t-1].ByteEnd:d.toks[t].ByteStart]) {
		return false
	}
	return d.class(t)&(classAdmin|classAdmin2|classCity) != 0
}

// variantResult is a name found through a variant, or not found.
type variantResult struct {
	cands []candidate
	key   string
}

// variantCacheMax bounds the names whose variant lookups a Resolver
// remembers.
const variantCacheMax = 50000

// variantLookup looks key up as written and through its transliteration
// variants; it returns the candidates of the first that names a place and
// that key. Unless deep, only the spellings of whole words are tried, not
// those of letters.
func (r *Resolver) variantLookup(key string, deep bool) ([]candidate, string) {
	ck := key
	if deep {
		ck = "+" + key
	}
	if v, ok := r.variants.Load(ck); ok {
		res := v.(variantResult)
		return res.cands, res.key
	}
	var res variantResult
	if cs := r.candidates(key); len(cs) > 0 {
		res = variantResult{cs, key}
	} else if !deep {
		wordSpellings(key, func(v string) bool {
			if cs := r.candidates(v); len(cs) > 0 {
				res = variantResult{cs, v}
				return false
			}
			return true
		})
	} else {
		transliterations(key, func(v string) bool {
			if cs := r.candidates(v); len(cs) > 0 {
				res = variantResult{cs, v}
				return false
			}
			return true
		})
	}
	if r.variantCount.Load() < variantCacheMax {
		if _, loaded := r.variants.LoadOrStore(ck, res); !loaded {
			r.variantCount.Add(1)
		}
	}
	return res.cands, res.key
}

// wordVariants are spellings of the common words of Arabic place names.
var wordVariants = [][]string{
	{"tal", "tell", "tel", "tall", "til"},
	{"kafr", "kfar", "kafar", "kefr", "kfr", "kufr"},
	{"deir", "dayr", "dair", "der", "dir"},
	{"ain", "ayn", "ein", "ayoun", "ayun"},
	{"beit", "bayt", "bait", "bet", "beth"},
	{"jabal", "jebel", "jabel", "jbel", "jebal"},
	{"sheikh", "shaykh", "shaikh", "sheik", "shiekh", "shekh"},
	{"abu", "abou", "abo"},
	{"umm", "um", "om", "oum"},
	{"khirbet", "khirbat", "khirba", "kherbet"},
	{"qasr", "kasr"},
	{"wadi", "wady"},
	{"ras", "rass"},
	{"bir", "beer", "bi r"},
	{"marj", "marja"},
	{"nahr", "nahar"},
	{"hayy", "hay", "hai"},
	{"madinat", "medinat", "madinet"},
	{"mazraat", "mazraa", "mazraah", "mazraet"},
	{"qalaat", "qalat", "kalaat"},
	{"jisr", "jisser"},
	{"mashhad", "mashad"},
}

// letterVariants rewrite spellings of the same sound, each way the
// transliterations differ.
var letterVariants = [][2]string{
	{"ou", "u"}, {"ou", "o"}, {"oo", "u"}, {"ee", "i"}, {"ei", "ay"}, {"ai", "ay"},
	{"aa", "a"}, {"ie", "i"}, {"q", "k"}, {"k", "q"}, {"dh", "d"}, {"th", "t"},
	{"gh", "g"}, {"kh", "k"}, {"sh", "ch"}, {"y", "i"}, {"i", "y"}, {"e", "a"},
	{"a", "e"}, {"o", "u"}, {"u", "o"}, {"j", "dj"}, {"w", "ou"},
}

// transliterations calls fn with variants of key, the likeliest first,
// until fn returns false: word spellings, collapsed doubled letters,
// endings, then letter rewrites alone and after the others.
func transliterations(key string, fn func(string) bool) {
	seen := map[string]bool{key: true}
	try := func(v string) bool {
		if v == "" || seen[v] {
			return true
		}
		seen[v] = true
		return fn(v)
	}
	var first []string
	wordSpellings(key, func(v string) bool {
		first = append(first, v)
		return true
	})
	first = append(first, squeeze1(key), endings(key), strings.ReplaceAll(key, " ", ""), doubled(key), aspirated(key))
	for _, v := range first {
		if !try(v) {
			return
		}
	}
	bases := append([]string{key}, first...)
	for _, b := range bases {
		for _, lv := range letterVariants {
			if strings.Contains(b, lv[0]) {
				if !try(strings.ReplaceAll(b, lv[0], lv[1])) {
					return
				}
			}
		}
		if len(seen) > 200 {
			return
		}
	}
}

// wordSpellings calls fn with key's other spellings of the common words
// of Arabic place names, one word changed at a time, until fn returns
// false.
func wordSpellings(key string, fn func(string) bool) {
	words := strings.Split(key, " ")
	for wi, w := range words {
		for _, set := range wordVariants {
			if !contains(set, w) {
				continue
			}
			for _, alt := range set {
				if alt == w {
					continue
				}
				ws := append([]string(nil), words...)
				ws[wi] = alt
				if !fn(strings.Join(ws, " ")) {
					return
				}
			}
		}
		if wi+1 < len(words) && articlePiece(w) {
			for _, alt := range articleSpellings(words[wi+1]) {
				if alt == w {
					continue
				}
				ws := append([]string(nil), words...)
				ws[wi] = alt
				if !fn(strings.Join(ws, " ")) {
					return
				}
			}
		}
	}
}

// articleSpellings returns the ways transliterations write the article
// before next: "al" and "el", and the assimilated form, whose consonant is
// next's first sound when that is a sun letter: "adh" and "ad" before
// "dhahab" (sources differ on whether to write the h).
func articleSpellings(next string) []string {
	out := []string{"al", "el"}
	if next == "" {
		return out
	}
	head := next[:1]
	if len(next) > 1 && next[1] == 'h' && strings.ContainsRune("tdsz", rune(next[0])) {
		head = next[:2]
	}
	if !strings.ContainsRune("tdrzsnl", rune(head[0])) {
		return out
	}
	out = append(out, "a"+head, "e"+head)
	if len(head) == 2 {
		out = append(out, "a"+head[:1])
	}
	return out
}

// squeeze1 collapses doubled letters, keeping spaces.
func squeeze1(k string) string {
	b := make([]byte, 0, len(k))
	for i := 0; i < len(k); i++ {
		if i > 0 && k[i] == k[i-1] && k[i] != ' ' {
			continue
		}
		b = append(b, k[i])
	}
	return string(b)
}

// doubled doubles the consonant after the first vowel of each word:
// "raqa" is "raqqa", "ezor" is "ezzor".
func doubled(k string) string {
	b := make([]byte, 0, len(k)+4)
	vowel := false
	done := false
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c == ' ' {
			vowel, done = false, false
			b = append(b, c)
			continue
		}
		isVowel := strings.IndexByte("aeiou", c) >= 0
		if vowel && !isVowel && !done && i+1 < len(k) && k[i+1] != c && strings.IndexByte("aeiou", k[i+1]) >= 0 {
			b = append(b, c)
			done = true
		}
		vowel = vowel || isVowel
		b = append(b, c)
	}
	return string(b)
}

// aspirated writes the first letter of each word as the digraph some
// transliterations use: "gouta" is "ghouta", "kan" is "khan".
func aspirated(k string) string {
	words := strings.Split(k, " ")
	changed := false
	for i, w := range words {
		if len(w) > 2 && strings.IndexByte("gkdts", w[0]) >= 0 && w[1] != 'h' {
			words[i] = w[:1] + "h" + w[1:]
			changed = true
		}
	}
	if !changed {
		return ""
	}
	return strings.Join(words, " ")
}

// endings rewrites the endings of Arabic feminine nouns: "-eh" and "-ah"
// are often plain "-a".
func endings(k string) string {
	for _, e := range []string{"eh", "ah", "iyeh", "iyah"} {
		if strings.HasSuffix(k, e) {
			return k[:len(k)-len(e)] + map[string]string{"eh": "a", "ah": "a", "iyeh": "iya", "iyah": "iya"}[e]
		}
	}
	if strings.HasSuffix(k, "a") {
		return k + "h"
	}
	return ""
}

func contains(set []string, w string) bool {
	for _, s := range set {
		if s == w {
			return true
		}
	}
	return false
}
