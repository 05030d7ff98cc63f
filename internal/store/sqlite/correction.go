package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var _ sitrep.CorrectionStore = (*DB)(nil)

const correctionColumns = `id, article_id, target, action, key, value, editor, note, created, revoked, revoked_by`

// AddCorrection stores c and marks its article for re-indexing; see
// sitrep.CorrectionStore.
func (db *DB) AddCorrection(ctx context.Context, c *sitrep.Correction) error {
	if err := c.Validate(); err != nil {
		return err
	}
	var value any
	if len(c.Value) > 0 {
		value = string(c.Value)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: add correction to %s: begin: %w", c.ArticleID, err)
	}
	defer tx.Rollback()
	now, err := db.touchArticle(ctx, tx, c.ArticleID)
	if err != nil {
		return fmt.Errorf("store: add correction to %s: %w", c.ArticleID, err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO corrections (article_id, target, action, key, value, editor, note, created)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ArticleID, c.Target, c.Action, c.Key, value, c.Editor, c.Note, formatTime(now))
	if err != nil {
		return fmt.Errorf("store: add correction to %s: %w", c.ArticleID, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return fmt.Errorf("store: add correction to %s: %w", c.ArticleID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: add correction to %s: commit: %w", c.ArticleID, err)
	}
	c.ID, c.Created, c.Revoked, c.RevokedBy = id, now, nil, ""
	return nil
}

// touchArticle sets the article's updated_at so that the indexer, which
// reads articles changed after the newest it indexed, takes it again. The
// stamp is later than every other article's, even under a clock that went
// back, and it is the time the change is recorded at.
func (db *DB) touchArticle(ctx context.Context, tx *sql.Tx, id string) (time.Time, error) {
	now := db.now().UTC()
	var newest sql.NullString
	if err := tx.QueryRowContext(ctx, "SELECT MAX(updated_at) FROM articles").Scan(&newest); err != nil {
		return now, fmt.Errorf("read newest change: %w", err)
	}
	if newest.Valid {
		if t, err := parseTime(newest.String); err == nil && !now.After(t) {
			now = t.Add(time.Nanosecond)
		}
	}
	res, err := tx.ExecContext(ctx, "UPDATE articles SET updated_at = ? WHERE id = ?", formatTime(now), id)
	if err != nil {
		return now, fmt.Errorf("mark article changed: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return now, fmt.Errorf("mark article changed: %w", err)
	} else if n == 0 {
		return now, sitrep.Errorf(sitrep.ENOTFOUND, "article %s not found", id)
	}
	return now, nil
}

// Correction returns the correction with id, or an ENOTFOUND error.
func (db *DB) Correction(ctx context.Context, id int64) (*sitrep.Correction, error) {
	c, err := scanCorrection(db.db.QueryRowContext(ctx, "SELECT "+correctionColumns+" FROM corrections WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "correction %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("store: correction %d: %w", id, err)
	}
	return c, nil
}

// Corrections lists the corrections f selects, oldest first.
func (db *DB) Corrections(ctx context.Context, f sitrep.CorrectionFilter) ([]sitrep.Correction, error) {
	if f.Limit < 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "limit %d is negative", f.Limit)
	}
	where := []string{"id > ?"}
	args := []any{f.After}
	if f.ArticleID != "" {
		where = append(where, "article_id = ?")
		args = append(args, f.ArticleID)
	}
	if len(f.ArticleIDs) > 0 {
		ids, err := json.Marshal(f.ArticleIDs)
		if err != nil {
			return nil, fmt.Errorf("store: list corrections: %w", err)
		}
		where = append(where, "article_id IN (SELECT value FROM json_each(?))")
		args = append(args, string(ids))
	}
	if f.Active {
		where = append(where, "revoked IS NULL")
	}
	q := "SELECT " + correctionColumns + " FROM corrections WHERE " + strings.Join(where, " AND ") + " ORDER BY id"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list corrections: %w", err)
	}
	defer rows.Close()
	out := []sitrep.Correction{}
	for rows.Next() {
		c, err := scanCorrection(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list corrections: %w", err)
		}
		out = append(out, *c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list corrections: %w", err)
	}
	return out, nil
}

// CorrectedArticles lists the ids of articles with an active correction.
func (db *DB) CorrectedArticles(ctx context.Context, after string, limit int) ([]string, error) {
	if limit < 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "limit %d is negative", limit)
	}
	q := "SELECT DISTINCT article_id FROM corrections WHERE revoked IS NULL AND article_id > ? ORDER BY article_id"
	args := []any{after}
	if limit > 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: corrected articles: %w", err)
	}
	defer rows.Close()
	ids := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: corrected articles: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: corrected articles: %w", err)
	}
	return ids, nil
}

// RevokeCorrection withdraws a correction; see sitrep.CorrectionStore.
func (db *DB) RevokeCorrection(ctx context.Context, id int64, editor string) (*sitrep.Correction, error) {
	if strings.TrimSpace(editor) == "" {
		return nil, sitrep.Errorf(sitrep.EINVALID, "revoking correction %d needs an editor", id)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: revoke correction %d: begin: %w", id, err)
	}
	defer tx.Rollback()
	c, err := scanCorrection(tx.QueryRowContext(ctx, "SELECT "+correctionColumns+" FROM corrections WHERE id = ?", id))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "correction %d not found", id)
	case err != nil:
		return nil, fmt.Errorf("store: revoke correction %d: %w", id, err)
	case !c.Active():
		return nil, sitrep.Errorf(sitrep.ECONFLICT, "correction %d was already revoked by %s", id, c.RevokedBy)
	}
	now, err := db.touchArticle(ctx, tx, c.ArticleID)
	if err != nil {
		return nil, fmt.Errorf("store: revoke correction %d: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, "UPDATE corrections SET revoked = ?, revoked_by = ? WHERE id = ?", formatTime(now), editor, id); err != nil {
		return nil, fmt.Errorf("store: revoke correction %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: revoke correction %d: commit: %w", id, err)
	}
	c.Revoked, c.RevokedBy = &now, editor
	return c, nil
}

func scanCorrection(s interface{ Scan(...any) error }) (*sitrep.Correction, error) {
	var (
		c                sitrep.Correction
		value, revoked   sql.NullString
		created, revoker string
	)
	if err := s.Scan(&c.ID, &c.ArticleID, &c.Target, &c.Action, &c.Key, &value, &c.Editor, &c.Note, &created, &revoked, &revoker); err != nil {
		return nil, err
	}
	var err error
	if c.Created, err = parseTime(created); err != nil {
		return nil, fmt.Errorf("correction %d: created %q: %w", c.ID, created, err)
	}
	if value.Valid {
		c.Value = []byte(value.String)
	}
	if revoked.Valid {
		t, err := parseTime(revoked.String)
		if err != nil {
			return nil, fmt.Errorf("correction %d: revoked %q: %w", c.ID, revoked.String, err)
		}
		c.Revoked, c.RevokedBy = &t, revoker
	}
	return &c, nil
}
