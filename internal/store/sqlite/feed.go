package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var _ sitrep.FeedStore = (*DB)(nil)

const feedColumns = `id, url, title, added, etag, last_modified, last_polled, last_success,
	last_status, last_error, error_count, next_poll, items, last_items`

// AddFeed subscribes to rawURL; see sitrep.FeedStore.
func (db *DB) AddFeed(ctx context.Context, rawURL string, added time.Time) (*sitrep.Feed, bool, error) {
	u, err := sitrep.FeedURL(rawURL)
	if err != nil {
		return nil, false, err
	}
	at := formatTime(added)
	res, err := db.db.ExecContext(ctx, `INSERT INTO feeds (url, added, next_poll) VALUES (?, ?, ?)
		ON CONFLICT (url) DO NOTHING`, u, at, at)
	if err != nil {
		return nil, false, fmt.Errorf("store: add feed %s: %w", u, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return nil, false, fmt.Errorf("store: add feed %s: %w", u, err)
	}
	f, err := db.feedWhere(ctx, "url = ?", u)
	if err != nil {
		return nil, false, fmt.Errorf("store: add feed %s: %w", u, err)
	}
	return f, n == 1, nil
}

// RemoveFeed unsubscribes; its items go with it (ON DELETE CASCADE).
func (db *DB) RemoveFeed(ctx context.Context, id int64) error {
	res, err := db.db.ExecContext(ctx, "DELETE FROM feeds WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("store: remove feed %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: remove feed %d: %w", id, err)
	} else if n == 0 {
		return feedNotFound(id)
	}
	return nil
}

// Feed returns the feed with id, or an ENOTFOUND error.
func (db *DB) Feed(ctx context.Context, id int64) (*sitrep.Feed, error) {
	f, err := db.feedWhere(ctx, "id = ?", id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, feedNotFound(id)
	} else if err != nil {
		return nil, fmt.Errorf("store: feed %d: %w", id, err)
	}
	return f, nil
}

// FeedByURL returns the feed subscribed to rawURL, or an ENOTFOUND error.
func (db *DB) FeedByURL(ctx context.Context, rawURL string) (*sitrep.Feed, error) {
	u, err := sitrep.FeedURL(rawURL)
	if err != nil {
		return nil, err
	}
	f, err := db.feedWhere(ctx, "url = ?", u)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "no feed with URL %s", u)
	} else if err != nil {
		return nil, fmt.Errorf("store: feed %s: %w", u, err)
	}
	return f, nil
}

// Feeds lists every feed by id.
func (db *DB) Feeds(ctx context.Context) ([]*sitrep.Feed, error) {
	return db.feedList(ctx, "SELECT "+feedColumns+" FROM feeds ORDER BY id")
}

// DueFeeds lists the feeds due at t, earliest first.
func (db *DB) DueFeeds(ctx context.Context, t time.Time) ([]*sitrep.Feed, error) {
	return db.feedList(ctx, "SELECT "+feedColumns+" FROM feeds WHERE next_poll <= ? ORDER BY next_poll, id",
		formatTime(clampTime(t)))
}

// RecordPoll stores one poll's outcome; see sitrep.FeedStore.
func (db *DB) RecordPoll(ctx context.Context, id int64, p sitrep.FeedPoll) error {
	status := p.Status
	if status == "" {
		status = p.Err
	}
	var res sql.Result
	var err error
	if p.Err == "" {
		res, err = db.db.ExecContext(ctx, `UPDATE feeds SET last_polled = ?1, last_success = ?1,
			last_status = ?2, last_error = '', error_count = 0, next_poll = ?3,
			etag = ?4, last_modified = ?5, title = CASE WHEN ?6 = '' THEN title ELSE ?6 END,
			items = items + ?7, last_items = ?7
			WHERE id = ?8`,
			formatTime(p.At), status, formatTime(clampTime(p.NextPoll)), p.ETag, p.LastModified, p.Title, p.NewItems, id)
	} else {
		res, err = db.db.ExecContext(ctx, `UPDATE feeds SET last_polled = ?1, last_status = ?2,
			last_error = ?3, error_count = error_count + 1, next_poll = ?4, last_items = 0
			WHERE id = ?5`,
			formatTime(p.At), status, p.Err, formatTime(clampTime(p.NextPoll)), id)
	}
	if err != nil {
		return fmt.Errorf("store: record poll of feed %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: record poll of feed %d: %w", id, err)
	} else if n == 0 {
		return feedNotFound(id)
	}
	return nil
}

// FeedItems returns the known items of a feed among keys, by key.
func (db *DB) FeedItems(ctx context.Context, feedID int64, keys []string) (map[string]sitrep.FeedItem, error) {
	out := make(map[string]sitrep.FeedItem, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	// One JSON parameter instead of a placeholder per key: a feed may list
	// more items than SQLite allows parameters.
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, fmt.Errorf("store: items of feed %d: %w", feedID, err)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT key, url, article_id, attempts, last_error, done, first_seen
		FROM feed_items WHERE feed_id = ? AND key IN (SELECT value FROM json_each(?))`, feedID, string(list))
	if err != nil {
		return nil, fmt.Errorf("store: items of feed %d: %w", feedID, err)
	}
	defer rows.Close()
	for rows.Next() {
		it := sitrep.FeedItem{FeedID: feedID}
		var first string
		if err := rows.Scan(&it.Key, &it.URL, &it.ArticleID, &it.Attempts, &it.LastError, &it.Done, &first); err != nil {
			return nil, fmt.Errorf("store: items of feed %d: %w", feedID, err)
		}
		if it.FirstSeen, err = parseTime(first); err != nil {
			return nil, fmt.Errorf("store: item %q of feed %d: first seen: %w", it.Key, feedID, err)
		}
		out[it.Key] = it
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: items of feed %d: %w", feedID, err)
	}
	return out, nil
}

// PutFeedItems stores items in one transaction; a stored item keeps its
// FirstSeen. An item of an unknown feed fails the whole call with ENOTFOUND.
func (db *DB) PutFeedItems(ctx context.Context, items []sitrep.FeedItem) error {
	if len(items) == 0 {
		return nil
	}
	for _, it := range items {
		if it.Key == "" {
			return sitrep.Errorf(sitrep.EINVALID, "item of feed %d has no key", it.FeedID)
		}
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: put feed items: begin: %w", err)
	}
	defer tx.Rollback()
	known := map[int64]bool{}
	for _, it := range items {
		if !known[it.FeedID] {
			var one int
			err := tx.QueryRowContext(ctx, "SELECT 1 FROM feeds WHERE id = ?", it.FeedID).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				return feedNotFound(it.FeedID)
			} else if err != nil {
				return fmt.Errorf("store: put items of feed %d: %w", it.FeedID, err)
			}
			known[it.FeedID] = true
		}
		first := it.FirstSeen
		if first.IsZero() {
			first = db.now()
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO feed_items (feed_id, key, url, article_id, attempts, last_error, done, first_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (feed_id, key) DO UPDATE SET url = excluded.url, article_id = excluded.article_id,
				attempts = excluded.attempts, last_error = excluded.last_error, done = excluded.done`,
			it.FeedID, it.Key, it.URL, it.ArticleID, it.Attempts, it.LastError, it.Done, formatTime(first))
		if err != nil {
			return fmt.Errorf("store: put item %q of feed %d: %w", it.Key, it.FeedID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: put feed items: commit: %w", err)
	}
	return nil
}

func feedNotFound(id int64) error { return sitrep.Errorf(sitrep.ENOTFOUND, "feed %d not found", id) }

func (db *DB) feedWhere(ctx context.Context, where string, arg any) (*sitrep.Feed, error) {
	return scanFeed(db.db.QueryRowContext(ctx, "SELECT "+feedColumns+" FROM feeds WHERE "+where, arg))
}

func (db *DB) feedList(ctx context.Context, query string, args ...any) ([]*sitrep.Feed, error) {
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list feeds: %w", err)
	}
	defer rows.Close()
	var out []*sitrep.Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list feeds: %w", err)
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list feeds: %w", err)
	}
	return out, nil
}

// scanFeed reads one row selected with feedColumns.
func scanFeed(s scanner) (*sitrep.Feed, error) {
	var (
		f                  sitrep.Feed
		added, next        string
		polled, success    sql.NullString
		errCount, n, nLast int64
	)
	err := s.Scan(&f.ID, &f.URL, &f.Title, &added, &f.ETag, &f.LastModified, &polled, &success,
		&f.LastStatus, &f.LastError, &errCount, &next, &n, &nLast)
	if err != nil {
		return nil, err
	}
	f.ErrorCount, f.Items, f.LastItems = int(errCount), int(n), int(nLast)
	times := []struct {
		dst  *time.Time
		text sql.NullString
		name string
	}{
		{&f.Added, sql.NullString{String: added, Valid: true}, "added"},
		{&f.NextPoll, sql.NullString{String: next, Valid: true}, "next poll"},
		{&f.LastPolled, polled, "last polled"},
		{&f.LastSuccess, success, "last success"},
	}
	for _, t := range times {
		if !t.text.Valid {
			continue
		}
		if *t.dst, err = parseTime(t.text.String); err != nil {
			return nil, fmt.Errorf("feed %d: %s: %w", f.ID, t.name, err)
		}
	}
	return &f, nil
}
