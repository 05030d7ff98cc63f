package match

import (
	"sync"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// Vocabulary numbers the words of several dictionaries at once, so that the
// words of a text are split and looked up once for all of them rather than
// once per dictionary. The first matcher's word ids are the vocabulary's;
// the words only the others know get ids after them, and each of the others
// translates vocabulary ids to its own through a small table. It is
// read-only once made, so safe for concurrent use.
type Vocabulary struct {
	matchers []*Matcher
	words    map[string]uint32 // the first matcher's words
	more     map[string]uint32 // the other words, numbered after them
	tables   []idTable         // per matcher: vocabulary id -> its word id
	// known holds per vocabulary id a bit for each matcher after the first
	// that has the word, so that a text's words that a matcher lacks, most
	// of them, cost it no table probe.
	known []uint8
}

// maxMatchers is how many matchers a vocabulary serves: the first and one
// per bit of known.
const maxMatchers = 9

// NewVocabulary returns the vocabulary of the matchers, which should come
// largest first. Matchers past the ninth are read as FindWith reads them.
func NewVocabulary(ms ...*Matcher) *Vocabulary {
	ms = ms[:min(len(ms), maxMatchers)]
	v := &Vocabulary{matchers: ms, more: make(map[string]uint32), tables: make([]idTable, len(ms))}
	if len(ms) == 0 {
		return v
	}
	v.words = ms[0].words
	v.known = make([]uint8, len(v.words)+1)
	for i, m := range ms[1:] {
		pairs := make([][2]uint32, 0, len(m.words))
		for w, id := range m.words {
			vid, ok := v.words[w]
			if !ok {
				if vid, ok = v.more[w]; !ok {
					vid = uint32(len(v.words) + len(v.more) + 1)
					v.more[w] = vid
					v.known = append(v.known, 0)
				}
			}
			v.known[vid] |= 1 << i
			pairs = append(pairs, [2]uint32{vid, id})
		}
		v.tables[i+1] = newIDTable(pairs)
	}
	return v
}

// Text is a tokenised text whose words a Vocabulary has looked up, to be
// read by any of its matchers with FindText.
type Text struct {
	v     *Vocabulary
	toks  []text.Token
	words []word // ids are the vocabulary's
}

var textPool = sync.Pool{New: func() any { return new(Text) }}

// Intern splits the tokens' keys into words and looks each up once. Call
// Release on the text when done with it.
func (v *Vocabulary) Intern(toks []text.Token) *Text {
	t := textPool.Get().(*Text)
	t.v, t.toks = v, toks
	t.words = splitWords(t.words[:0], toks, v.words, v.more)
	for i := range t.words {
		if id := t.words[i].id; id != 0 {
			t.words[i].known = v.known[id]
		}
	}
	return t
}

// Release returns t to a pool for the next Intern: t must not be used
// afterwards.
func (t *Text) Release() {
	t.v, t.toks = nil, nil
	textPool.Put(t)
}

// Tokens returns the tokens of t.
func (t *Text) Tokens() []text.Token { return t.toks }

// FindText is FindWith over an interned text. A text interned by a
// vocabulary that does not hold m is read as FindWith reads it.
func (m *Matcher) FindText(t *Text, o Options) []Match {
	return m.AppendText(nil, t, o)
}

// AppendText is FindText appending to dst, so that a caller that only reads
// the matches can reuse one slice.
func (m *Matcher) AppendText(dst []Match, t *Text, o Options) []Match {
	k := -1
	if t.v != nil {
		for i, vm := range t.v.matchers {
			if vm == m {
				k = i
				break
			}
		}
	}
	if k == 0 {
		return m.find(dst, t.words, o)
	}
	bufp := wordPool.Get().(*[]word)
	words := (*bufp)[:0]
	if k < 0 {
		words = m.intern(words, t.toks)
	} else {
		// Only the words m knows, translated, in runs: a word it lacks
		// ends any phrase, so one empty word stands for each gap, and
		// the matcher reads a short list.
		tab, bit := &t.v.tables[k], uint8(1)<<(k-1)
		gap := true
		for _, w := range t.words {
			if w.known&bit == 0 {
				if !gap {
					words = append(words, word{first: true, last: true})
					gap = true
				}
				continue
			}
			w.id = tab.get(w.id)
			words = append(words, w)
			gap = false
		}
	}
	dst = m.find(dst, words, o)
	*bufp = words[:0]
	wordPool.Put(bufp)
	return dst
}

// idTable maps vocabulary ids to a matcher's word ids by open addressing:
// a few thousand words fit in the processor's cache, where a table indexed
// by every id of the vocabulary would not.
type idTable struct {
	slots []uint64 // vocabulary id << 32 | word id, 0 for empty
	shift uint32
}

func newIDTable(pairs [][2]uint32) idTable {
	bits := uint32(1)
	for 1<<bits < 2*len(pairs) {
		bits++
	}
	t := idTable{slots: make([]uint64, 1<<bits), shift: 32 - bits}
	mask := uint32(len(t.slots) - 1)
	for _, p := range pairs {
		for h := t.hash(p[0]); ; h = (h + 1) & mask {
			if t.slots[h] == 0 {
				t.slots[h] = uint64(p[0])<<32 | uint64(p[1])
				break
			}
		}
	}
	return t
}

func (t *idTable) hash(id uint32) uint32 { return (id * 0x9E3779B1) >> t.shift }

// get returns the word id of vocabulary id, 0 for a word the matcher lacks.
func (t *idTable) get(id uint32) uint32 {
	mask := uint32(len(t.slots) - 1)
	for h := t.hash(id); ; h = (h + 1) & mask {
		s := t.slots[h]
		if uint32(s>>32) == id {
			return uint32(s)
		}
		if s == 0 {
			return 0
		}
	}
}
