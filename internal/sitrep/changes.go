package sitrep

import (
	"context"
	"time"
)

// ChangeMark is a position in a store's stream of article changes: when
// the change was written (RFC 3339 text with nine fraction digits, UTC, so
// that marks sort as text) and the article's sequence number in that
// store, which orders changes written at the same instant. The zero mark
// is before every change.
type ChangeMark struct {
	Time string `json:"time"`
	Seq  int64  `json:"seq"`
}

// markLayout writes the time of a ChangeMark.
const markLayout = "2006-01-02T15:04:05.000000000Z"

// MarkTime is t as a ChangeMark writes it.
func MarkTime(t time.Time) string { return t.UTC().Format(markLayout) }

// Rewind returns the first mark d before m: where a follower reads again
// for changes committed late with an earlier time.
func (m ChangeMark) Rewind(d time.Duration) ChangeMark {
	if m.Time == "" {
		return m
	}
	t, err := time.Parse(time.RFC3339Nano, m.Time)
	if err != nil {
		return ChangeMark{}
	}
	return ChangeMark{Time: MarkTime(t.Add(-d))}
}

// Before reports whether m comes before o.
func (m ChangeMark) Before(o ChangeMark) bool {
	return m.Time < o.Time || m.Time == o.Time && m.Seq < o.Seq
}

// ArticleChange is an article as stored or last changed, with the mark of
// that change.
type ArticleChange struct {
	Article *Article
	Mark    ChangeMark
}

// ChangeFeed lists what a store wrote: a replica of its articles (the
// site's read side over PostgreSQL) follows it. Each backend implements it
// and passes the conformance suite (storetest.Run).
type ChangeFeed interface {
	// ArticleChanges returns up to limit articles stored or changed after
	// mark, oldest change first. A writer still committing may add changes
	// with an earlier time later: followers re-read a window behind their
	// mark (see internal/replica).
	ArticleChanges(ctx context.Context, after ChangeMark, limit int) ([]ArticleChange, error)
}
