package text

// Filter is a quick test of whether a key may be in a set of keys: a key it
// rejects is not in the set, a key it accepts may be. A lexicon looked up
// for every token of a text holds few of them, and Filter rejects most of
// the others from a table that stays in the processor's cache, where a map
// lookup would hash the key and probe memory.
type Filter struct {
	bits  []uint64
	shift uint32 // 32 - log2 of the table's bits
}

// NewFilter returns an empty filter sized for about n keys: some sixteen
// bits a key, so that few other words hit a set bit.
func NewFilter(n int) *Filter {
	log := uint32(12)
	for log < 24 && 1<<log < 16*n {
		log++
	}
	return &Filter{bits: make([]uint64, 1<<log/64), shift: 32 - log}
}

// Add adds key to the set f accepts.
func (f *Filter) Add(key string) {
	h := f.hash(key)
	f.bits[h/64] |= 1 << (h % 64)
}

// May reports whether key may be in the set: false means it is not.
func (f *Filter) May(key string) bool {
	h := f.hash(key)
	return f.bits[h/64]&(1<<(h%64)) != 0
}

// hash mixes the length and three bytes of key, which the words of a text
// differ in far more often than not, into an index of the table.
func (f *Filter) hash(key string) uint32 {
	n := len(key)
	if n == 0 {
		return 0
	}
	h := uint32(n)*0x9E3779B1 ^ uint32(key[0])*0x85EBCA77 ^ uint32(key[n-1])*0xC2B2AE3D ^ uint32(key[n/2])*0x27D4EB2F
	h ^= h >> 15
	h *= 0x2C1B3C6D
	return h >> f.shift
}
