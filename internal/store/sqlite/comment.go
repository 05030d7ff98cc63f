package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var _ sitrep.CommentStore = (*DB)(nil)

const commentColumns = "id, article_id, name, text, status, created_at, client_hash, moderated_by, moderated_at"

func scanComment(sc interface{ Scan(...any) error }) (*sitrep.Comment, error) {
	var c sitrep.Comment
	var status, created string
	var moderated sql.NullString
	if err := sc.Scan(&c.ID, &c.ArticleID, &c.Name, &c.Text, &status, &created, &c.ClientHash, &c.ModeratedBy, &moderated); err != nil {
		return nil, err
	}
	c.Status = sitrep.CommentStatus(status)
	var err error
	if c.Created, err = parseTime(created); err != nil {
		return nil, fmt.Errorf("comment %d: created: %w", c.ID, err)
	}
	if moderated.Valid {
		t, err := parseTime(moderated.String)
		if err != nil {
			return nil, fmt.Errorf("comment %d: moderated: %w", c.ID, err)
		}
		c.ModeratedAt = &t
	}
	return &c, nil
}

// AddComment stores a comment; see sitrep.CommentStore.
func (db *DB) AddComment(ctx context.Context, c *sitrep.Comment) error {
	if c == nil {
		return sitrep.Errorf(sitrep.EINVALID, "comment is nil")
	}
	if err := c.Validate(); err != nil {
		return err
	}
	if c.Created.IsZero() {
		c.Created = db.now()
	}
	c.Created = c.Created.UTC()
	var moderated any
	if c.ModeratedAt != nil {
		moderated = formatTime(*c.ModeratedAt)
	}
	// The article is checked in the insert itself, so a missing one is a
	// clear ENOTFOUND rather than a foreign-key failure.
	res, err := db.db.ExecContext(ctx, `INSERT INTO comments (article_id, name, text, status, created_at, client_hash, moderated_by, moderated_at)
		SELECT id, ?, ?, ?, ?, ?, ?, ? FROM articles WHERE id = ?`,
		c.Name, c.Text, string(c.Status), formatTime(c.Created), c.ClientHash, c.ModeratedBy, moderated, c.ArticleID)
	if err != nil {
		return fmt.Errorf("store: add comment to article %s: %w", c.ArticleID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return sitrep.Errorf(sitrep.ENOTFOUND, "article %s not found", c.ArticleID)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("store: add comment to article %s: %w", c.ArticleID, err)
	}
	return nil
}

// Comment returns a comment whatever its status.
func (db *DB) Comment(ctx context.Context, id int64) (*sitrep.Comment, error) {
	c, err := scanComment(db.db.QueryRowContext(ctx, "SELECT "+commentColumns+" FROM comments WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "comment %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("store: comment %d: %w", id, err)
	}
	return c, nil
}

func (db *DB) queryComments(ctx context.Context, what, query string, args ...any) ([]*sitrep.Comment, error) {
	rows, err := db.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	var out []*sitrep.Comment
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}

// PublishedComments lists an article's published comments, oldest first.
func (db *DB) PublishedComments(ctx context.Context, articleID string) ([]*sitrep.Comment, error) {
	return db.queryComments(ctx, "comments of article "+articleID,
		"SELECT "+commentColumns+" FROM comments WHERE article_id = ? AND status = 'published' ORDER BY created_at, id", articleID)
}

// CountPublishedComments counts published comments per article.
func (db *DB) CountPublishedComments(ctx context.Context, articleIDs []string) (map[string]int, error) {
	out := map[string]int{}
	// SQLite allows 32766 variables; a listing is far below, but a long
	// list is counted in chunks all the same.
	for len(articleIDs) > 0 {
		chunk := articleIDs[:min(len(articleIDs), 500)]
		articleIDs = articleIDs[len(chunk):]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := db.db.QueryContext(ctx, `SELECT article_id, count(*) FROM comments
			WHERE status = 'published' AND article_id IN (?`+strings.Repeat(", ?", len(chunk)-1)+`) GROUP BY article_id`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: count comments: %w", err)
		}
		for rows.Next() {
			var id string
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: count comments: %w", err)
			}
			out[id] = n
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("store: count comments: %w", err)
		}
	}
	return out, nil
}

// PendingComments is the moderation queue, oldest first.
func (db *DB) PendingComments(ctx context.Context, f sitrep.CommentFilter) ([]*sitrep.Comment, int, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	var total int
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM comments WHERE status = 'pending'").Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: moderation queue: %w", err)
	}
	list, err := db.queryComments(ctx, "moderation queue",
		"SELECT "+commentColumns+" FROM comments WHERE status = 'pending' ORDER BY created_at, id LIMIT ? OFFSET ?", limit, max(0, f.Offset))
	return list, total, err
}

// SetCommentStatus moderates a comment.
func (db *DB) SetCommentStatus(ctx context.Context, id int64, status sitrep.CommentStatus, moderator string) error {
	if !status.Valid() {
		return sitrep.Errorf(sitrep.EINVALID, "unknown comment status %q", status)
	}
	res, err := db.db.ExecContext(ctx, "UPDATE comments SET status = ?, moderated_by = ?, moderated_at = ? WHERE id = ?",
		string(status), moderator, formatTime(db.now()), id)
	if err != nil {
		return fmt.Errorf("store: moderate comment %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return sitrep.Errorf(sitrep.ENOTFOUND, "comment %d not found", id)
	}
	return nil
}
