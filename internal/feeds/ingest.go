package feeds

import (
	"context"
	"fmt"
	"sync"

	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Ingester stores the pages that feed items link to. The poller calls
// Ingest concurrently, spacing the calls per host itself, and Flush once
// at the end of each cycle.
type Ingester interface {
	// Ingest fetches the page at url and stores it as an article;
	// Item.Err says why it could not.
	Ingest(ctx context.Context, url string) ingest.Item
	// Flush finishes what Ingest left for later: connecting the articles
	// stored since the last Flush to their stories.
	Flush(ctx context.Context) error
}

// Pages is the Ingester that runs the ingest pipeline on one page at a
// time, so that a feed's items become articles exactly as `sitrep ingest
// URL` makes them: Options.Analyze extracts, Options.Connect links them to
// stories. Connecting waits for Flush and takes the cycle's articles in one
// batch, as `sitrep ingest` takes a batch: a story that grows by many
// articles is then rebuilt once, not once per article.
type Pages struct {
	store   sitrep.Store
	opt     ingest.Options
	connect func(context.Context, []*sitrep.Article) error

	mu     sync.Mutex
	stored []*sitrep.Article // stored, not yet connected
}

// NewPages returns a Pages storing into store with opt (Workers, BatchSize
// and Progress are its own).
func NewPages(store sitrep.Store, opt ingest.Options) *Pages {
	if opt.Fetcher == nil {
		opt.Fetcher = fetch.New(fetch.Config{}) // shared by every call
	}
	opt.Workers, opt.BatchSize = 1, 1
	p := &Pages{store: store, connect: opt.Connect}
	if opt.Connect != nil {
		opt.Connect = p.hold
	}
	p.opt = opt
	return p
}

// Ingest stores the page at url.
func (p *Pages) Ingest(ctx context.Context, url string) ingest.Item {
	var last lastItem
	o := p.opt
	o.Progress = &last
	sum, err := ingest.New(p.store, o).Run(ctx, []string{url}, nil)
	switch {
	case err != nil:
		// The store failed: not this page's fault.
		return ingest.Item{Input: url, Err: err}
	case last.done:
		return last.item
	case ctx.Err() != nil || sum.Interrupted:
		return ingest.Item{Input: url, Err: &sitrep.Error{Code: sitrep.EUNAVAILABLE, Message: "ingest " + url + ": interrupted", Err: ctx.Err()}}
	}
	return ingest.Item{Input: url, Err: sitrep.Errorf(sitrep.EINTERNAL, "ingest %s: no outcome reported", url)}
}

// hold is the ingest hook: it keeps the articles for Flush.
func (p *Pages) hold(_ context.Context, articles []*sitrep.Article) error {
	p.mu.Lock()
	p.stored = append(p.stored, articles...)
	p.mu.Unlock()
	return nil
}

// Flush connects the articles stored since the last Flush.
func (p *Pages) Flush(ctx context.Context) error {
	p.mu.Lock()
	batch := p.stored
	p.stored = nil
	p.mu.Unlock()
	if len(batch) == 0 || p.connect == nil {
		return nil
	}
	if err := p.connect(ctx, batch); err != nil {
		return fmt.Errorf("feeds: connect %d articles: %w", len(batch), err)
	}
	return nil
}

// lastItem is a Progress that keeps the one item of a run.
type lastItem struct {
	item ingest.Item
	done bool
}

func (l *lastItem) Total(int)             {}
func (l *lastItem) Done(item ingest.Item) { l.item, l.done = item, true }
