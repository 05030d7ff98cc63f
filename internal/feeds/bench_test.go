package feeds_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/feeds"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// BenchmarkPollCycle measures one poll cycle of 10 feeds on 10 hosts with
// 20 items each: a first cycle that stores all 200 pages (fetch, parse,
// store, connect; with and without extraction), then the cycles that
// follow when nothing changed: 304 answers, or full feeds whose items are
// all known.
func BenchmarkPollCycle(b *testing.B) {
	const feedsN, itemsN = 10, 20
	sites := make([]*site, feedsN)
	for i := range sites {
		s := newSite(b)
		body := rss(fmt.Sprintf("Feed %d", i), s.pages(uint64(i+1), itemsN))
		s.handle("/rss", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, body)
		})
		s.handle("/etag", func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("If-None-Match") == `"1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"1"`)
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, body)
		})
		sites[i] = s
	}
	subscribe := func(b *testing.B, e *env, path string) {
		for _, s := range sites {
			e.add(b, s.URL+path)
		}
	}
	cycle := func(b *testing.B, e *env, wantNew int) {
		c, err := e.poller.PollAll(context.Background())
		if err != nil || c.New() != wantNew {
			b.Fatalf("cycle: %v, %s; want %d new", err, c, wantNew)
		}
	}

	newItems := func(b *testing.B, configure ...func(*feeds.Poller, *ingest.Options)) {
		for b.Loop() {
			b.StopTimer()
			e := newEnv(b, configure...)
			subscribe(b, e, "/rss")
			b.StartTimer()
			cycle(b, e, feedsN*itemsN)
		}
		b.ReportMetric(float64(feedsN*itemsN*b.N)/b.Elapsed().Seconds(), "items/s")
	}
	b.Run("new", func(b *testing.B) { newItems(b) })
	b.Run("new+extract", func(b *testing.B) {
		x, err := extract.Load(extract.Options{})
		if err != nil {
			b.Fatal(err)
		}
		newItems(b, func(_ *feeds.Poller, opt *ingest.Options) {
			opt.Analyze = func(a *sitrep.Article) { a.Analysis = x.Analyze(extract.DocumentOf(a)) }
		})
	})
	unchanged := func(b *testing.B, path string) {
		e := newEnv(b, func(p *feeds.Poller, _ *ingest.Options) { p.Now = time.Now })
		subscribe(b, e, path)
		cycle(b, e, feedsN*itemsN)
		for b.Loop() {
			cycle(b, e, 0)
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/cycle")
	}
	b.Run("not-modified", func(b *testing.B) { unchanged(b, "/etag") })
	b.Run("all-seen", func(b *testing.B) { unchanged(b, "/rss") })
}
