package index

import "testing"

func TestLRU(t *testing.T) {
	c := newLRU(2)
	a, b, d := &SearchResult{Total: 1}, &SearchResult{Total: 2}, &SearchResult{Total: 3}
	c.put("a", 0, a)
	c.put("b", 0, b)
	if got, ok := c.get("a", 0); !ok || got.(*SearchResult) != a {
		t.Fatal("a missing")
	}
	c.put("d", 0, d) // evicts b, the least recently used
	if _, ok := c.get("b", 0); ok {
		t.Error("b not evicted")
	}
	if _, ok := c.get("a", 0); !ok {
		t.Error("a evicted")
	}
	if _, ok := c.get("a", 1); ok {
		t.Error("a survived a new generation")
	}
	c.put("stale", 0, a) // computed before the change
	if _, ok := c.get("stale", 1); ok {
		t.Error("a result of an old generation was stored")
	}
}
