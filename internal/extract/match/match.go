// Package match finds dictionary phrases in tokenised text. Phrases and text
// are compared as sequences of folded words (text.Fold), so matching is
// case-, diacritics- and punctuation-insensitive and whole-word by
// construction. The dictionary is a word-level trie: a word costs one hash
// lookup to intern and one array step or a short binary search per trie
// edge, which keeps a million-name gazetteer fast and small.
package match

import (
	"slices"
	"strings"
	"sync"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// Match is one dictionary phrase found in the tokens toks[TokStart:TokEnd].
type Match struct {
	TokStart, TokEnd int
	// StartWord is the word of toks[TokStart].Key where the match begins, 0
	// unless Options.Suffix let it begin after a hyphen ("Assad" in
	// "pro-Assad"). EndWord is the number of words of toks[TokEnd-1].Key it
	// covers, fewer than the token has when Options.Prefix let it end at a
	// hyphen ("Isil" in "Isil-held").
	StartWord, EndWord int
	// IDs are the payloads of the phrase, in the order they were added. The
	// slice is shared with the Matcher: do not modify it.
	IDs []int32
}

// Options change where matches may begin and end. The zero value matches
// whole tokens only.
type Options struct {
	// Prefix lets a match end at a hyphen inside a token.
	Prefix bool
	// Suffix lets a match begin after a hyphen inside a token.
	Suffix bool
	// Keep, when set, vets each candidate at a position, longest first; a
	// rejected candidate leaves room for a shorter one at the same start.
	Keep func(m Match) bool
}

// Builder collects phrases. Add them, then call Build once.
type Builder struct {
	words map[string]uint32 // interned words, ids from 1
	edges map[uint64]uint32 // parent<<32 | word -> child node
	nodes uint32            // node 0 is the root
	pairs []pair
}

type pair struct {
	node uint32
	id   int32
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{words: make(map[string]uint32), edges: make(map[uint64]uint32), nodes: 1}
}

// Add records that the phrase key (space-separated folded words, as
// text.Fold returns them) carries payload id. A key may carry several ids;
// an empty key is ignored.
func (b *Builder) Add(key string, id int32) {
	node := uint32(0)
	n := 0
	for w := range strings.SplitSeq(key, " ") {
		if w == "" {
			continue
		}
		wid, ok := b.words[w]
		if !ok {
			wid = uint32(len(b.words) + 1)
			b.words[strings.Clone(w)] = wid
		}
		e := uint64(node)<<32 | uint64(wid)
		child, ok := b.edges[e]
		if !ok {
			child = b.nodes
			b.nodes++
			b.edges[e] = child
		}
		node = child
		n++
	}
	if n > 0 {
		b.pairs = append(b.pairs, pair{node, id})
	}
}

// Build returns the Matcher. The Builder must not be used afterwards.
func (b *Builder) Build() *Matcher {
	m := &Matcher{
		words:     b.words,
		root:      make([]uint32, len(b.words)+1),
		edgeStart: make([]uint32, b.nodes+1),
		idStart:   make([]uint32, b.nodes+1),
	}
	// Children of each node go into one sorted run, found by binary search;
	// the root's children are an array indexed by word id.
	type edge struct{ parent, word, child uint32 }
	edges := make([]edge, 0, len(b.edges))
	for k, child := range b.edges {
		parent, word := uint32(k>>32), uint32(k)
		if parent == 0 {
			m.root[word] = child
			continue
		}
		edges = append(edges, edge{parent, word, child})
	}
	b.edges = nil
	slices.SortFunc(edges, func(a, b edge) int {
		if a.parent != b.parent {
			return cmpUint32(a.parent, b.parent)
		}
		return cmpUint32(a.word, b.word)
	})
	m.edgeWord = make([]uint32, len(edges))
	m.edgeChild = make([]uint32, len(edges))
	for i, e := range edges {
		m.edgeWord[i], m.edgeChild[i] = e.word, e.child
		m.edgeStart[e.parent+1]++
	}
	for i := 1; i < len(m.edgeStart); i++ {
		m.edgeStart[i] += m.edgeStart[i-1]
	}

	pairs := b.pairs
	b.pairs = nil
	slices.SortStableFunc(pairs, func(a, b pair) int { return cmpUint32(a.node, b.node) })
	m.ids = make([]int32, 0, len(pairs))
	for i, p := range pairs {
		if i > 0 && p == pairs[i-1] {
			continue
		}
		m.ids = append(m.ids, p.id)
		m.idStart[p.node+1]++
	}
	for i := 1; i < len(m.idStart); i++ {
		m.idStart[i] += m.idStart[i-1]
	}
	return m
}

func cmpUint32(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Matcher finds phrases. It is safe for concurrent use.
type Matcher struct {
	words     map[string]uint32
	root      []uint32 // child of the root by word id, 0 for none
	edgeStart []uint32 // children of node n: edgeWord[edgeStart[n]:edgeStart[n+1]]
	edgeWord  []uint32
	edgeChild []uint32
	idStart   []uint32 // payloads of node n: ids[idStart[n]:idStart[n+1]]
	ids       []int32
}

// Words returns how many distinct words the dictionary holds.
func (m *Matcher) Words() int { return len(m.words) }

// Nodes returns how many trie nodes the dictionary holds, the root included.
func (m *Matcher) Nodes() int { return len(m.idStart) - 1 }

// Get returns the payloads of the exact phrase key, nil if it is not in the
// dictionary.
func (m *Matcher) Get(key string) []int32 {
	node := uint32(0)
	for w := range strings.SplitSeq(key, " ") {
		if w == "" {
			continue
		}
		node = m.child(node, m.words[w])
		if node == 0 {
			return nil
		}
	}
	return m.payload(node)
}

func (m *Matcher) child(node, word uint32) uint32 {
	if word == 0 {
		return 0
	}
	if node == 0 {
		return m.root[word]
	}
	lo, hi := m.edgeStart[node], m.edgeStart[node+1]
	for lo < hi {
		mid := (lo + hi) / 2
		switch w := m.edgeWord[mid]; {
		case w == word:
			return m.edgeChild[mid]
		case w < word:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0
}

func (m *Matcher) payload(node uint32) []int32 {
	lo, hi := m.idStart[node], m.idStart[node+1]
	if lo == hi {
		return nil
	}
	return m.ids[lo:hi:hi]
}

// Find returns the leftmost-longest, non-overlapping matches of whole
// tokens.
func (m *Matcher) Find(toks []text.Token) []Match {
	return m.FindWith(toks, Options{})
}

// word is one word of a token's key, interned.
type word struct {
	id          uint32
	tok         int32
	piece       int32 // index of the word in its token's key
	first, last bool  // first or last word of its token
	known       uint8 // Vocabulary.known of the word, in an interned text
}

var wordPool = sync.Pool{New: func() any { return new([]word) }}

// FindWith is Find with options.
func (m *Matcher) FindWith(toks []text.Token, o Options) []Match {
	bufp := wordPool.Get().(*[]word)
	words := m.intern((*bufp)[:0], toks)
	out := m.find(nil, words, o)
	*bufp = words[:0]
	wordPool.Put(bufp)
	return out
}

// find appends to out the matches in words, whose ids are the matcher's.
func (m *Matcher) find(out []Match, words []word, o Options) []Match {
	type candidate struct{ end, node uint32 }
	var cands [8]candidate
	for p := 0; p < len(words); {
		start := words[p]
		node := uint32(0)
		if (start.first || o.Suffix) && int(start.id) < len(m.root) {
			node = m.root[start.id] // ids past the root are a vocabulary's
		}
		if node == 0 {
			p++
			continue
		}
		found := cands[:0]
		for q := p; ; {
			w := words[q]
			if m.idStart[node] != m.idStart[node+1] && (w.last || o.Prefix) {
				found = append(found, candidate{uint32(q), node})
			}
			q++
			if q == len(words) {
				break
			}
			if node = m.child(node, words[q].id); node == 0 {
				break
			}
		}
		matched := false
		for i := len(found) - 1; i >= 0; i-- {
			c := found[i]
			end := words[c.end]
			mt := Match{
				TokStart: int(start.tok), TokEnd: int(end.tok) + 1,
				StartWord: int(start.piece), EndWord: int(end.piece) + 1,
				IDs: m.payload(c.node),
			}
			if o.Keep != nil && !o.Keep(mt) {
				continue
			}
			out = append(out, mt)
			p = int(c.end) + 1
			matched = true
			break
		}
		if !matched {
			p++
		}
	}
	return out
}

// intern splits each token's key into words and looks each up once.
func (m *Matcher) intern(words []word, toks []text.Token) []word {
	return splitWords(words, toks, m.words, nil)
}

// splitWords appends the words of the tokens' keys, each numbered by its
// id in words or, failing that, in more (which may be nil).
func splitWords(words []word, toks []text.Token, ids, more map[string]uint32) []word {
	for t := range toks {
		key := toks[t].Key
		piece := int32(0)
		for len(key) > 0 {
			w := key
			i := strings.IndexByte(key, ' ')
			if i >= 0 {
				w, key = key[:i], key[i+1:]
			} else {
				key = ""
			}
			if w == "" {
				continue
			}
			id, ok := ids[w]
			if !ok && more != nil {
				id = more[w]
			}
			words = append(words, word{id: id, tok: int32(t), piece: piece, first: piece == 0})
			piece++
		}
		if piece > 0 {
			words[len(words)-1].last = true
		} else {
			// A token that folds to nothing still separates its neighbours.
			words = append(words, word{tok: int32(t), first: true, last: true})
		}
	}
	return words
}

// Span returns where m lies in the text the tokens came from, cutting a
// token at the hyphen where a partial match begins or ends.
func (m Match) Span(toks []text.Token) text.Span {
	first, last := toks[m.TokStart], toks[m.TokEnd-1]
	sp := text.Span{Start: first.Start, End: last.End, ByteStart: first.ByteStart, ByteEnd: last.ByteEnd}
	if m.StartWord > 0 {
		cps, bytes := hyphenOffset(first.Text, m.StartWord)
		sp.Start += cps + 1
		sp.ByteStart += bytes + hyphenLen(first.Text[bytes:])
	}
	if cps, bytes := hyphenOffset(last.Text, m.EndWord); bytes < len(last.Text) {
		sp.End = last.Start + cps
		sp.ByteEnd = last.ByteStart + bytes
	}
	return sp
}

// hyphenOffset returns the code-point and byte offsets of the n-th hyphen of
// a token (n from 1), or the token's end when it has fewer.
func hyphenOffset(tok string, n int) (cps, bytes int) {
	seen := 0
	for i, r := range tok {
		if r == '-' || r == '\u2010' || r == '\u2011' {
			seen++
			if seen == n {
				return cps, i
			}
		}
		cps++
	}
	return cps, len(tok)
}

func hyphenLen(s string) int {
	if len(s) > 0 && s[0] == '-' {
		return 1
	}
	return 3 // U+2010 and U+2011 take three bytes
}
