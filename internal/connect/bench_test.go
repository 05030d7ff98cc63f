package connect

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/corpusgen"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// BenchmarkAssign connects generated articles (corpusgen.StoryGenerator:
// stories of about 8 articles, 10% copies, 500 articles a day) in batches
// of 200, as ingest does: near-duplicates, story assignment, event merging
// and the stories' rebuild for storage (Flush), without SQLite. Run with
// -benchtime=1x. It reports the time per article over the first and the
// last tenth of the run, to show the cost does not grow with the stories
// stored, the peak heap, and the pairwise F1 of the stories against the
// generator's.
func BenchmarkAssign(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			for range b.N {
				runAssign(b, n)
			}
		})
	}
}

func runAssign(b *testing.B, n int) {
	const batchSize = 200
	b.StopTimer()
	gen := corpusgen.NewStories(1)
	x := NewIndex(Options{})
	gold := make(map[string]int, n)
	got := make(map[string]string, n)
	stories := map[string]bool{}
	var peak uint64
	var first, last time.Duration
	var ms runtime.MemStats
	batch := make([]*sitrep.Article, 0, batchSize)
	for done := 0; done < n; done += batchSize {
		batch = batch[:0]
		for range min(batchSize, n-done) {
			c := gen.NextStoryArticle()
			gold[c.Article.ID] = c.Story
			batch = append(batch, c.Article)
		}
		b.StartTimer()
		start := time.Now()
		x.Add(batch)
		u, err := x.Flush()
		x.Evict()
		took := time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		for _, l := range u.Links {
			got[l.ArticleID] = l.StoryID
		}
		for _, s := range u.Stories {
			stories[s.ID] = true
		}
		for _, id := range u.Deleted {
			delete(stories, id)
		}
		switch {
		case done < n/10:
			first += took
		case done >= n-n/10:
			last += took
		}
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapInuse)
	}
	b.StartTimer()
	tenth := float64(n / 10)
	b.ReportMetric(float64(first.Nanoseconds())/tenth, "ns/article-first10%")
	b.ReportMetric(float64(last.Nanoseconds())/tenth, "ns/article-last10%")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(len(stories)), "stories")
	articles, live := x.Len()
	b.ReportMetric(float64(articles), "articles-in-memory")
	b.ReportMetric(float64(live), "stories-in-memory")
	b.ReportMetric(pairF1(gold, got), "pairwise-F1")
}

// pairF1 is the pairwise F1 of co-membership, counted from the contingency
// table rather than over all pairs.
func pairF1(gold map[string]int, got map[string]string) float64 {
	pairs := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	type cell struct {
		g int
		s string
	}
	cells, golds, gots := map[cell]int{}, map[int]int{}, map[string]int{}
	for id, g := range gold {
		s := got[id]
		cells[cell{g, s}]++
		golds[g]++
		gots[s]++
	}
	var tp, gp, pp float64
	for _, n := range cells {
		tp += pairs(n)
	}
	for _, n := range golds {
		gp += pairs(n)
	}
	for _, n := range gots {
		pp += pairs(n)
	}
	if tp == 0 {
		return 0
	}
	p, r := tp/pp, tp/gp
	return 2 * p * r / (p + r)
}
