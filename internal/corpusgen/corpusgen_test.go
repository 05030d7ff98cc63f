package corpusgen

import "testing"

func TestDeterministic(t *testing.T) {
	a, b := New(7), New(7)
	for i := 0; i < 50; i++ {
		got, want := a.Next(), b.Next()
		if got != want {
			t.Fatalf("article %d differs between generators with one seed", i)
		}
	}
	if New(7).Next() == New(8).Next() {
		t.Errorf("seeds 7 and 8 gave the same first article")
	}
}

func TestLength(t *testing.T) {
	g := New(1)
	g.Words = 200
	a := g.Next()
	words := len(splitWords(a.Text))
	if words < 200 || words > 260 {
		t.Errorf("got %d words, want about 200", words)
	}
}

func splitWords(s string) []string {
	var out []string
	inWord := false
	for _, r := range s {
		if r == ' ' || r == '\n' {
			inWord = false
			continue
		}
		if !inWord {
			out = append(out, "")
			inWord = true
		}
	}
	return out
}
