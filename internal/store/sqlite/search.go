package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/snippet"
)

// Search limits.
const (
	DefaultSearchLimit = 20
	MaxSearchLimit     = 100
	// A search costs about one scan of the index per word, so these bound
	// the work one query can ask for: sixteen common words take some 200 ms
	// on 10,000 articles.
	MaxSearchWords = 16
	MaxSearchBytes = 256
)

// searchSQL scores every match with bm25, a title hit weighing as much as
// ten body hits, and keeps one page. SQLite's sort with a LIMIT holds only
// that page, which is faster than FTS5's ORDER BY rank, which sorts all
// matches. The snippet is cut from the body afterwards; see package snippet.
const searchSQL = `WITH page AS (
	SELECT rowid AS seq, bm25(articles_fts, 10.0, 1.0) AS score
	FROM articles_fts WHERE articles_fts MATCH ?1
	ORDER BY score, seq LIMIT ?2 OFFSET ?3
)
SELECT a.id, a.title, a.source, a.published, a.body, -page.score
FROM page JOIN articles AS a ON a.seq = page.seq
ORDER BY page.score, page.seq`

// Search returns the articles whose title or body contain every word of
// q.Text, best first by bm25 with title hits weighted above body hits.
func (db *DB) Search(ctx context.Context, q sitrep.SearchQuery) ([]sitrep.SearchHit, error) {
	match, terms, err := parseQuery(q.Text)
	if err != nil {
		return nil, err
	}
	limit, err := pageLimit(q.Limit, q.Offset, DefaultSearchLimit, MaxSearchLimit)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, searchSQL, match, limit, q.Offset)
	if err != nil {
		return nil, fmt.Errorf("store: search %q: %w", q.Text, err)
	}
	defer rows.Close()
	hits := []sitrep.SearchHit{}
	for rows.Next() {
		var h sitrep.SearchHit
		var published sql.NullString
		var body string
		if err := rows.Scan(&h.ID, &h.Title, &h.Source, &published, &body, &h.Score); err != nil {
			return nil, fmt.Errorf("store: search %q: %w", q.Text, err)
		}
		h.Snippet = snippet.Cut(body, terms)
		if published.Valid {
			t, err := parseTime(published.String)
			if err != nil {
				return nil, fmt.Errorf("store: search %q: article %s: published: %w", q.Text, h.ID, err)
			}
			h.Published = &t
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search %q: %w", q.Text, err)
	}
	return hits, nil
}

// parseQuery turns user text into an FTS5 query that cannot be a syntax
// error, and into the terms a snippet marks. Each word becomes a quoted
// string, so operators (AND, OR, NOT, NEAR), column filters, '*', '^', '-'
// and stray quotes are searched as text or dropped with the punctuation
// around them. Words are implicitly ANDed. A word the tokenizer splits
// further ("ez-Zor") becomes a phrase. The "s" of a possessive is dropped,
// so "Syria's" finds articles that say "Syria", and so are repeated words.
func parseQuery(s string) (match string, terms []string, err error) {
	if len(s) > MaxSearchBytes {
		return "", nil, sitrep.Errorf(sitrep.EINVALID, "search query is %d bytes long, more than %d", len(s), MaxSearchBytes)
	}
	var b strings.Builder
	seen := map[string]bool{}
	for _, t := range text.Tokens(s) {
		// A repeated word adds nothing to an AND but another index scan.
		if possessiveS(s, t) || seen[strings.ToLower(t.Text)] {
			continue
		}
		seen[strings.ToLower(t.Text)] = true
		if len(seen) > MaxSearchWords {
			return "", nil, sitrep.Errorf(sitrep.EINVALID, "search query has more than %d words", MaxSearchWords)
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(t.Text, `"`, `""`))
		b.WriteByte('"')
		terms = append(terms, snippet.Terms(t.Text)...)
	}
	if b.Len() == 0 {
		return "", nil, sitrep.Errorf(sitrep.EINVALID, "search query %q has no words", s)
	}
	return b.String(), terms, nil
}

// possessiveS reports the "s" that text.Tokens splits from a possessive
// ("Syria's"): a lone s or S right after an apostrophe.
func possessiveS(s string, t text.Token) bool {
	if t.Text != "s" && t.Text != "S" || t.ByteStart == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:t.ByteStart])
	return r == '\'' || r == '\u2019'
}
