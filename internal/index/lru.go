package index

import (
	"container/list"
	"sync"
)

// DefaultSearchCache is how many search results an Index keeps. A search
// for a common word ranks every matching article and counts its facets,
// which on 100,000 articles takes longer than serving the page; readers
// repeat searches (the day's place names), and feeds poll the same ones.
const DefaultSearchCache = 512

// flight is one search being computed, which later askers of the same
// search wait for instead of computing it again: a burst of readers after
// a new story all ask the same thing.
type flight struct {
	done chan struct{}
	res  *SearchResult
	err  error
}

// flights are the searches under way, by key.
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
}

// do returns the result of compute for key, computing it once for all
// concurrent callers.
func (f *flights) do(key string, compute func() (*SearchResult, error)) (*flight, bool) {
	f.mu.Lock()
	if f.m == nil {
		f.m = map[string]*flight{}
	}
	if fl, ok := f.m[key]; ok {
		f.mu.Unlock()
		return fl, false
	}
	fl := &flight{done: make(chan struct{})}
	f.m[key] = fl
	f.mu.Unlock()
	go func() {
		fl.res, fl.err = compute()
		f.mu.Lock()
		delete(f.m, key)
		f.mu.Unlock()
		close(fl.done)
	}()
	return fl, true
}

// lru is a small least-recently-used cache of query results (searches,
// event counts), emptied whenever the index changes.
type lru struct {
	mu    sync.Mutex
	size  int
	gen   int64
	order *list.List // front: most recent; values are *lruEntry
	items map[string]*list.Element
}

type lruEntry struct {
	key string
	val any
}

func newLRU(size int) *lru {
	return &lru{size: size, order: list.New(), items: map[string]*list.Element{}}
}

// get returns the value for key stored at generation gen.
func (c *lru) get(key string, gen int64) (any, bool) {
	if c == nil || c.size <= 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		c.order.Init()
		clear(c.items)
		c.gen = gen
		return nil, false
	}
	el, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*lruEntry).val, true
}

// put stores val for key, computed at generation gen.
func (c *lru) put(key string, gen int64, val any) {
	if c == nil || c.size <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return // the index changed while val was computed
	}
	if el, ok := c.items[key]; ok {
		el.Value.(*lruEntry).val = val
		c.order.MoveToFront(el)
		return
	}
	c.items[key] = c.order.PushFront(&lruEntry{key, val})
	for c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.items, last.Value.(*lruEntry).key)
	}
}
