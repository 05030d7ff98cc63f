package timex

import "testing"

func TestLexicon(t *testing.T) {
	lexicon, dups := buildLexicon()
	if len(dups) > 0 {
		t.Errorf("words listed twice: %q", dups)
	}
	for w, e := range lexicon {
		if len(w) > maxWord {
			t.Errorf("%q is longer than maxWord %d: it would never be found", w, maxWord)
		}
		for _, form := range []string{w, upper(w)} {
			if got := lookupHash(form, hashOf(w)); got != e {
				t.Errorf("lookupHash(%q) = %+v, want %+v", form, got, e)
			}
		}
	}
	if got := lookupHash("fighting", hashOf("fighting")); got != (entry{}) {
		t.Errorf("lookupHash(fighting) = %+v, want no entry", got)
	}
}

func hashOf(w string) uint32 {
	h := uint32(hashSeed)
	for i := 0; i < len(w); i++ {
		h = hashStep(h, w[i])
	}
	return h
}

func upper(w string) string {
	b := []byte(w)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}
