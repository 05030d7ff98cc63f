package connect

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/text"
)

// MinHash parameters. With 20 bands of 6 rows two texts become candidates
// with probability 0.92 at Jaccard similarity 0.7 and 0.27 at 0.5; the
// candidates are then checked on the whole signature.
const (
	numHashes   = 120
	numBands    = 20
	bandRows    = numHashes / numBands
	shingleSize = 4
)

// Signature is the MinHash of a text's word shingles.
type Signature [numHashes]uint32

// hashA and hashB are the fixed coefficients of the hash family
// h_i(x) = a_i*x + b_i, drawn once from a fixed seed so signatures stored by
// one run compare with those of the next.
var hashA, hashB = func() (a, b [numHashes]uint64) {
	s := uint64(0x5171e9)
	for i := range a {
		a[i] = splitmix(&s) | 1
		b[i] = splitmix(&s)
	}
	return a, b
}()

func splitmix(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Sign returns the signature of body, or false when the body has fewer
// words than one shingle: such a text is too short to call a copy.
func Sign(body string) (Signature, bool) {
	var sig Signature
	words := strings.Fields(text.Fold(body))
	if len(words) < shingleSize {
		return sig, false
	}
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	h := fnv.New64a()
	for i := 0; i+shingleSize <= len(words); i++ {
		h.Reset()
		for _, w := range words[i : i+shingleSize] {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
		x := h.Sum64()
		x ^= x >> 33 // fnv's low bits mix poorly into a multiply
		for j := range sig {
			if v := uint32((hashA[j]*x + hashB[j]) >> 32); v < sig[j] {
				sig[j] = v
			}
		}
	}
	return sig, true
}

// Similarity estimates the Jaccard similarity of the two shingle sets.
func (s *Signature) Similarity(o *Signature) float64 {
	same := 0
	for i := range s {
		if s[i] == o[i] {
			same++
		}
	}
	return float64(same) / numHashes
}

// bands returns one bucket key per band.
func (s *Signature) bands() [numBands]uint64 {
	var out [numBands]uint64
	var buf [4]byte
	for b := range out {
		h := fnv.New64a()
		h.Write([]byte{byte(b)})
		for _, v := range s[b*bandRows : (b+1)*bandRows] {
			binary.LittleEndian.PutUint32(buf[:], v)
			h.Write(buf[:])
		}
		out[b] = h.Sum64()
	}
	return out
}

// bytes encodes the signature for storage.
func (s *Signature) bytes() []byte {
	out := make([]byte, 4*numHashes)
	for i, v := range s {
		binary.LittleEndian.PutUint32(out[4*i:], v)
	}
	return out
}

// signatureOf decodes what bytes encoded; false if b has the wrong length.
func signatureOf(b []byte) (Signature, bool) {
	var s Signature
	if len(b) != 4*numHashes {
		return s, false
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return s, true
}

// lsh buckets documents by signature band.
type lsh struct {
	buckets map[uint64][]*doc
}

func newLSH() *lsh { return &lsh{buckets: map[uint64][]*doc{}} }

func (l *lsh) add(d *doc) {
	for _, k := range d.sig.bands() {
		l.buckets[k] = append(l.buckets[k], d)
	}
}

func (l *lsh) remove(d *doc) {
	for _, k := range d.sig.bands() {
		list := l.buckets[k]
		for i, x := range list {
			if x == d {
				list = append(list[:i], list[i+1:]...)
				break
			}
		}
		if len(list) == 0 {
			delete(l.buckets, k)
		} else {
			l.buckets[k] = list
		}
	}
}

// candidates returns the documents sharing a band with sig, each once.
func (l *lsh) candidates(sig *Signature) []*doc {
	var out []*doc
	seen := map[*doc]bool{}
	for _, k := range sig.bands() {
		for _, d := range l.buckets[k] {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	return out
}
