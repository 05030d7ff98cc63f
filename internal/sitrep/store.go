package sitrep

import (
	"context"
	"time"
)

// PutStatus says what storing an article did.
type PutStatus string

const (
	PutAdded     PutStatus = "added"
	PutUpdated   PutStatus = "updated"   // same id, new content
	PutUnchanged PutStatus = "unchanged" // same id or same content already stored
)

// PutResult reports the outcome for one article of a PutArticles call.
type PutResult struct {
	ID     string    `json:"id"`
	Status PutStatus `json:"status"`
	// DuplicateOf names the stored article whose content this one repeats,
	// when it was found by content hash under another id.
	DuplicateOf string `json:"duplicate_of,omitempty"`
}

// SearchQuery asks for articles matching full-text Text, best first.
type SearchQuery struct {
	Text   string
	Limit  int // 0 means 20
	Offset int
}

// SearchHit is one search result.
type SearchHit struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Source    string     `json:"source,omitempty"`
	Published *time.Time `json:"published,omitempty"`
	Snippet   string     `json:"snippet"`
	Score     float64    `json:"score"` // higher is better
}

// ArticleFilter selects articles for listing, newest first.
type ArticleFilter struct {
	Limit  int // 0 means 20
	Offset int
}

// Store keeps articles. Each backend (SQLite, later PostgreSQL) implements it
// and passes the conformance suite in internal/store/storetest.
type Store interface {
	// PutArticles stores articles, each one atomically: it is stored whole or
	// not at all. Results come back in input order. Backends may commit
	// several articles in one transaction for throughput.
	PutArticles(ctx context.Context, articles []*Article) ([]PutResult, error)
	// Article returns the stored article with id, or an ENOTFOUND error.
	Article(ctx context.Context, id string) (*Article, error)
	// Articles lists stored articles, newest first.
	Articles(ctx context.Context, f ArticleFilter) ([]*Article, error)
	// CountArticles returns how many articles are stored.
	CountArticles(ctx context.Context) (int, error)
	// Search runs a full-text query over titles and bodies, ranked by bm25.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)
	// Close releases the store.
	Close() error
}
