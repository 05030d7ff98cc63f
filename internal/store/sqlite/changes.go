package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var _ sitrep.ChangeFeed = (*DB)(nil)

// MaxChangesLimit bounds one ArticleChanges call.
const MaxChangesLimit = 1000

// ArticleChanges returns the articles written after mark, oldest first; see
// sitrep.ChangeFeed.
func (db *DB) ArticleChanges(ctx context.Context, after sitrep.ChangeMark, limit int) ([]sitrep.ArticleChange, error) {
	if limit <= 0 || limit > MaxChangesLimit {
		return nil, sitrep.Errorf(sitrep.EINVALID, "limit %d is outside 1 to %d", limit, MaxChangesLimit)
	}
	rows, err := db.db.QueryContext(ctx, "SELECT "+articleColumns+`, updated_at, seq FROM articles
		WHERE updated_at > ?1 OR (updated_at = ?1 AND seq > ?2)
		ORDER BY updated_at, seq LIMIT ?3`, after.Time, after.Seq, limit)
	if err != nil {
		return nil, fmt.Errorf("store: article changes after %v: %w", after, err)
	}
	defer rows.Close()
	var out []sitrep.ArticleChange
	for rows.Next() {
		var c sitrep.ArticleChange
		if c.Article, err = scanArticle(withExtra(rows, &c.Mark.Time, &c.Mark.Seq)); err != nil {
			return nil, fmt.Errorf("store: article changes after %v: %w", after, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: article changes after %v: %w", after, err)
	}
	return out, nil
}

// wrapScanner scans a row of the columns a scan function of this package
// reads, with more columns before and after them.
type wrapScanner struct {
	s             scanner
	before, after []any
}

func withExtra(s scanner, after ...any) wrapScanner       { return wrapScanner{s: s, after: after} }
func withExtraFirst(s scanner, before ...any) wrapScanner { return wrapScanner{s: s, before: before} }

func (w wrapScanner) Scan(dest ...any) error {
	return w.s.Scan(append(append(append([]any{}, w.before...), dest...), w.after...)...)
}

// prefixed qualifies each column of a comma-separated list with p ("s.").
func prefixed(p, columns string) string {
	fields := strings.Split(columns, ",")
	for i, f := range fields {
		fields[i] = p + strings.TrimSpace(f)
	}
	return strings.Join(fields, ", ")
}
