package connect

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Connector keeps an Index in a StoryStore: before a batch it loads the
// stories stored around the batch's dates, after it writes what changed.
// It is safe for concurrent use; batches are connected one at a time.
type Connector struct {
	store sitrep.StoryStore
	opt   Options

	mu     sync.Mutex
	idx    *Index
	loaded []span // windows already read from the store
}

type span struct{ from, to time.Time }

// New returns a Connector over store.
func New(store sitrep.StoryStore, opt Options) *Connector {
	opt = opt.withDefaults()
	return &Connector{store: store, opt: opt, idx: NewIndex(opt)}
}

// Connect connects stored articles (the ingest hook): it finds their
// originals, stories and events and stores the changed stories.
func (c *Connector) Connect(ctx context.Context, articles []*sitrep.Article) error {
	if len(articles) == 0 {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.load(ctx, articles); err != nil {
		return err
	}
	c.idx.Add(articles)
	u, err := c.idx.Flush()
	if err != nil {
		return err
	}
	if err := c.store.PutStories(ctx, u); err != nil {
		return fmt.Errorf("connect: store %d stories: %w", len(u.Stories), err)
	}
	c.idx.Evict()
	return nil
}

// load reads the stored stories that articles may join: those with an
// article within twice the window of the batch's dates (a story reaches a
// window beyond its last article, and its last article may be a window
// beyond the batch).
func (c *Connector) load(ctx context.Context, articles []*sitrep.Article) error {
	var from, to time.Time
	for i, a := range articles {
		t := a.Retrieved
		if a.Published != nil {
			t = *a.Published
		}
		if i == 0 || t.Before(from) {
			from = t
		}
		if i == 0 || t.After(to) {
			to = t
		}
	}
	from, to = from.Add(-2*c.opt.Window), to.Add(2*c.opt.Window+time.Nanosecond)
	if c.covered(from, to) {
		return nil
	}
	links, err := c.store.ArticleLinks(ctx, from, to)
	if err != nil {
		return fmt.Errorf("connect: load stories %s to %s: %w", from.Format(time.DateOnly), to.Format(time.DateOnly), err)
	}
	if err := c.idx.Restore(links); err != nil {
		return err
	}
	c.loaded = append(c.loaded, span{from, to})
	return nil
}

// covered reports whether [from, to) was read before and none of what was
// read has been evicted since.
func (c *Connector) covered(from, to time.Time) bool {
	cutoff := c.idx.newest.Add(-c.opt.Horizon)
	for _, s := range c.loaded {
		if !s.from.After(from) && !s.to.Before(to) && !from.Before(cutoff) {
			return true
		}
	}
	return false
}

// Index returns the connector's in-memory index, for tests and tools that
// read it between batches.
func (c *Connector) Index() *Index { return c.idx }
