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

func TestStoryGenerator(t *testing.T) {
	a, b := NewStories(3), NewStories(3)
	stories := map[int]int{}
	copies := 0
	for i := 0; i < 2000; i++ {
		x, y := a.NextStoryArticle(), b.NextStoryArticle()
		if x.Article.ID != y.Article.ID || x.Article.Body != y.Article.Body || x.Story != y.Story {
			t.Fatalf("article %d differs between generators with one seed", i)
		}
		if x.Article.Analysis == nil && !x.Copy {
			t.Fatalf("article %d has no analysis", i)
		}
		stories[x.Story]++
		if x.Copy {
			copies++
		}
	}
	mean := 2000 / float64(len(stories))
	if mean < 4 || mean > 12 {
		t.Errorf("%d stories for 2000 articles: mean %.1f articles, want about 8", len(stories), mean)
	}
	if copies < 100 || copies > 300 {
		t.Errorf("%d copies in 2000 articles, want about 200", copies)
	}
}
