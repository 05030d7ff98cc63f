package postgres

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/snippet"
)

// Search limits, as in the SQLite store.
const (
	DefaultSearchLimit = 20
	MaxSearchLimit     = 100
	MaxSearchWords     = 16
	MaxSearchBytes     = 256
)

// maxIndexBytes bounds the text of a title or body given to to_tsvector:
// a tsvector holds at most 1 MB, which a body of several hundred kilobytes
// of short distinct words could exceed. Words past it are not found; news
// articles are a hundred times shorter.
const maxIndexBytes = 256 << 10

// indexText returns s as the full-text index reads it: its words, split and
// folded (lower case, no diacritics) as package snippet does for FTS5's
// unicode61 tokenizer, one space between them. PostgreSQL's parser then sees
// only plain words, so that "Deir ez-Zor" and "Dar'a" split as in SQLite and
// diacritics fold the same without the unaccent extension.
func indexText(s string) string {
	var b strings.Builder
	b.Grow(min(len(s), maxIndexBytes))
	for _, w := range snippet.Words(s) {
		f := fold(s[w.Start:w.End])
		if f == "" {
			continue
		}
		if b.Len()+len(f)+1 > maxIndexBytes {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f)
	}
	return b.String()
}

// fold is text.Fold of a word of letters and digits, without its
// allocation when the word is ASCII: most words of English news are, and
// folding them is only lowering their case.
func fold(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return text.Fold(w)
		}
	}
	return w
}

// searchSQL ranks every match with ts_rank, title words weighing ten times
// body words (weights are {D, C, B, A}) and the score divided by 1 + the log
// of the document's length, and keeps one page; the bodies of that page only
// are read for the snippets. The query is computed once (MATERIALIZED), so
// that a generic plan does not parse it again for every row ranked.
const searchSQL = `WITH q AS MATERIALIZED (SELECT to_tsquery('sitrep', $1) AS q),
page AS (
	SELECT a.seq, ts_rank('{0.1, 0.1, 0.1, 1.0}', a.search, q.q, 1) AS score
	FROM q, articles a WHERE a.search @@ q.q
	ORDER BY score DESC, a.seq LIMIT $2 OFFSET $3
)
SELECT a.id, a.title, a.source, a.published, a.body, page.score
FROM page JOIN articles a ON a.seq = page.seq
ORDER BY page.score DESC, page.seq`

// Search returns the articles whose title or body contain every word of
// q.Text, best first, title hits weighted above body hits.
func (db *DB) Search(ctx context.Context, q sitrep.SearchQuery) ([]sitrep.SearchHit, error) {
	query, terms, err := parseQuery(q.Text)
	if err != nil {
		return nil, err
	}
	limit, err := pageLimit(q.Limit, q.Offset, DefaultSearchLimit, MaxSearchLimit)
	if err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, searchSQL, query, limit, q.Offset)
	if err != nil {
		return nil, fmt.Errorf("store: search %q: %w", q.Text, err)
	}
	defer rows.Close()
	hits := []sitrep.SearchHit{}
	for rows.Next() {
		var h sitrep.SearchHit
		var published *string
		var body string
		var score float32
		if err := rows.Scan(&h.ID, &h.Title, &h.Source, &published, &body, &score); err != nil {
			return nil, fmt.Errorf("store: search %q: %w", q.Text, err)
		}
		h.Score = float64(score)
		h.Snippet = snippet.Cut(body, terms)
		if h.Published, err = parseTimePtr(published); err != nil {
			return nil, fmt.Errorf("store: search %q: article %s: published: %w", q.Text, h.ID, err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search %q: %w", q.Text, err)
	}
	return hits, nil
}

// parseQuery turns user text into a to_tsquery query that cannot be a syntax
// error, and into the terms a snippet marks. The words are read as the
// SQLite store reads them: each token of the text, split and folded as
// indexText folds the documents, becomes a phrase of quoted words ("ez-Zor"
// is 'ez' <-> 'zor'); phrases are ANDed; operators and punctuation are text
// or dropped; the "s" of a possessive and repeated words are dropped.
func parseQuery(s string) (query string, terms []string, err error) {
	if len(s) > MaxSearchBytes {
		return "", nil, sitrep.Errorf(sitrep.EINVALID, "search query is %d bytes long, more than %d", len(s), MaxSearchBytes)
	}
	var b strings.Builder
	seen := map[string]bool{}
	for _, t := range text.Tokens(s) {
		if possessiveS(s, t) || seen[strings.ToLower(t.Text)] {
			continue
		}
		seen[strings.ToLower(t.Text)] = true
		if len(seen) > MaxSearchWords {
			return "", nil, sitrep.Errorf(sitrep.EINVALID, "search query has more than %d words", MaxSearchWords)
		}
		words := snippet.Terms(t.Text)
		if len(words) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" & ")
		}
		for i, w := range words {
			if i > 0 {
				b.WriteString(" <-> ")
			}
			b.WriteString(quoteLexeme(w))
		}
		terms = append(terms, words...)
	}
	if b.Len() == 0 {
		return "", nil, sitrep.Errorf(sitrep.EINVALID, "search query %q has no words", s)
	}
	return b.String(), terms, nil
}

// quoteLexeme quotes a word for to_tsquery, which then stems it. Folded
// words hold only letters and digits; the escapes are for safety's sake.
func quoteLexeme(w string) string {
	w = strings.ReplaceAll(w, `\`, `\\`)
	return "'" + strings.ReplaceAll(w, "'", "''") + "'"
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
