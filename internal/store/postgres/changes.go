package postgres

import (
	"context"
	"fmt"
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

// extraScanner scans a row of articleColumns followed by more columns.
type extraScanner struct {
	s     scanner
	extra []any
}

func withExtra(s scanner, extra ...any) extraScanner { return extraScanner{s, extra} }

func (e extraScanner) Scan(dest ...any) error { return e.s.Scan(append(dest, e.extra...)...) }
