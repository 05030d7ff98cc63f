package text

// Index finds the tokens of a text by code point in constant time. The
// extractors read mentions in code points and reason in tokens, and ask
// which tokens a span covers many times a text; a table made once per text
// answers where a binary search over the tokens would stride across them.
type Index struct {
	toks  []Token
	after []int32 // after[cp] is the first token that ends after cp
}

// NewIndex returns the index of toks, which must be a text's tokens in
// order.
func NewIndex(toks []Token) *Index {
	x := new(Index)
	x.Reset(toks)
	return x
}

// Reset makes x the index of toks, reusing its table.
func (x *Index) Reset(toks []Token) {
	x.toks = toks
	n := 0
	if len(toks) > 0 {
		n = toks[len(toks)-1].End + 1
	}
	if cap(x.after) < n {
		x.after = make([]int32, n)
	}
	x.after = x.after[:n]
	cp := 0
	for t := range toks {
		for end := toks[t].End; cp < end; cp++ {
			x.after[cp] = int32(t)
		}
	}
	for ; cp < n; cp++ {
		x.after[cp] = int32(len(toks))
	}
}

// After returns the first token that ends after code point cp, the token
// holding it if there is one; len(toks) if none.
func (x *Index) After(cp int) int {
	switch {
	case cp < 0:
		return 0
	case cp >= len(x.after):
		return len(x.toks)
	}
	return int(x.after[cp])
}

// From returns the first token that starts at or after code point cp;
// len(toks) if none.
func (x *Index) From(cp int) int {
	i := x.After(cp)
	if i < len(x.toks) && x.toks[i].Start < cp {
		i++ // cp lies inside token i
	}
	return i
}
