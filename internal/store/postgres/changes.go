package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var _ sitrep.ChangeFeed = (*DB)(nil)

// MaxChangesLimit bounds one ArticleChanges call.
const MaxChangesLimit = 1000

// ArticleChanges returns the articles written after mark, oldest first; see
// sitrep.ChangeFeed. updated_at is the writing transaction's clock, so a
// transaction that commits late can add changes before the newest mark:
// followers re-read a window behind it.
func (db *DB) ArticleChanges(ctx context.Context, after sitrep.ChangeMark, limit int) ([]sitrep.ArticleChange, error) {
	if limit <= 0 || limit > MaxChangesLimit {
		return nil, sitrep.Errorf(sitrep.EINVALID, "limit %d is outside 1 to %d", limit, MaxChangesLimit)
	}
	since := time.Time{}
	if after.Time != "" {
		t, err := parseTime(after.Time)
		if err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "change mark time %q: %v", after.Time, err)
		}
		since = t
	}
	rows, err := db.pool.Query(ctx, "SELECT "+articleColumns+`, updated_at, seq FROM articles
		WHERE (updated_at, seq) > ($1, $2) ORDER BY updated_at, seq LIMIT $3`, since, after.Seq, limit)
	if err != nil {
		return nil, fmt.Errorf("store: article changes after %v: %w", after, err)
	}
	defer rows.Close()
	var out []sitrep.ArticleChange
	for rows.Next() {
		var c sitrep.ArticleChange
		var at time.Time
		if c.Article, err = scanArticle(withExtra(rows, &at, &c.Mark.Seq)); err != nil {
			return nil, fmt.Errorf("store: article changes after %v: %w", after, err)
		}
		c.Mark.Time = sitrep.MarkTime(at)
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
