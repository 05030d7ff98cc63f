package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Listing limits for Articles.
const (
	DefaultListLimit = 20
	MaxListLimit     = 1000
)

// PutArticles stores articles in one transaction, in input order; see
// sitrep.Store. Every article is checked and encoded before the transaction
// begins, so bad input is reported without writing anything.
func (db *DB) PutArticles(ctx context.Context, articles []*sitrep.Article) ([]sitrep.PutResult, error) {
	rows := make([]row, len(articles))
	for i, a := range articles {
		if err := sitrep.ValidateArticle(i, a); err != nil {
			return nil, err
		}
		r, err := encodeArticle(a)
		if err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "article %s (%s): %v", a.ID, a.Input, err)
		}
		rows[i] = r
	}
	results := make([]sitrep.PutResult, len(articles))
	if len(articles) == 0 {
		return results, nil
	}

	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: put articles: begin: %w", err)
	}
	defer tx.Rollback()
	p, err := preparePut(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("store: put articles: %w", err)
	}
	defer p.close()

	now := formatTime(db.now())
	for i, a := range articles {
		if results[i], err = p.put(ctx, a, rows[i], now); err != nil {
			return nil, fmt.Errorf("store: put article %s (%s): %w", a.ID, a.Input, err)
		}
	}
	if err := tx.Commit(); err != nil {
		first, last := articles[0], articles[len(articles)-1]
		return nil, fmt.Errorf("store: put %d articles %s (%s) to %s (%s): commit: %w",
			len(articles), first.ID, first.Input, last.ID, last.Input, err)
	}
	return results, nil
}

// putStmts are the statements of one PutArticles transaction.
type putStmts struct {
	hashByID, idByHash, insert, index, update *sql.Stmt
}

func preparePut(ctx context.Context, tx *sql.Tx) (*putStmts, error) {
	var p putStmts
	var err error
	prepare := func(dst **sql.Stmt, query string) {
		if err == nil {
			*dst, err = tx.PrepareContext(ctx, query)
		}
	}
	prepare(&p.hashByID, "SELECT content_hash FROM articles WHERE id = ?")
	prepare(&p.idByHash, "SELECT id FROM articles WHERE content_hash = ? ORDER BY seq LIMIT 1")
	prepare(&p.insert, "INSERT INTO articles ("+articleColumns+", created_at, updated_at) VALUES (?"+
		strings.Repeat(", ?", len(row{})+1)+")")
	// See migrations/0001_articles.sql for why this is not a trigger.
	prepare(&p.index, "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)")
	prepare(&p.update, `UPDATE articles SET (`+articleColumns+`, updated_at) = (?`+
		strings.Repeat(", ?", len(row{}))+`) WHERE id = ?`)
	if err != nil {
		p.close()
		return nil, err
	}
	return &p, nil
}

func (p *putStmts) close() {
	for _, s := range []*sql.Stmt{p.hashByID, p.idByHash, p.insert, p.index, p.update} {
		if s != nil {
			s.Close()
		}
	}
}

// put stores one article inside the batch transaction. Because earlier
// articles of the batch are already written in the same transaction, a repeat
// within the batch is seen like one stored before.
func (p *putStmts) put(ctx context.Context, a *sitrep.Article, r row, now string) (sitrep.PutResult, error) {
	res := sitrep.PutResult{ID: a.ID}
	var hash string
	err := p.hashByID.QueryRowContext(ctx, a.ID).Scan(&hash)
	switch {
	case err == nil && hash == a.ContentHash:
		res.Status = sitrep.PutUnchanged
		return res, nil
	case err == nil:
		args := append(r[:], now, a.ID)
		if _, err := p.update.ExecContext(ctx, args...); err != nil {
			return res, fmt.Errorf("update: %w", err)
		}
		res.Status = sitrep.PutUpdated
		return res, nil
	case !errors.Is(err, sql.ErrNoRows):
		return res, fmt.Errorf("look up id: %w", err)
	}

	var dup string
	err = p.idByHash.QueryRowContext(ctx, a.ContentHash).Scan(&dup)
	switch {
	case err == nil:
		res.Status = sitrep.PutUnchanged
		res.DuplicateOf = dup
		return res, nil
	case !errors.Is(err, sql.ErrNoRows):
		return res, fmt.Errorf("look up content hash: %w", err)
	}
	args := append(r[:], now, now)
	inserted, err := p.insert.ExecContext(ctx, args...)
	if err != nil {
		return res, fmt.Errorf("insert: %w", err)
	}
	seq, err := inserted.LastInsertId()
	if err != nil {
		return res, fmt.Errorf("insert: %w", err)
	}
	if _, err := p.index.ExecContext(ctx, seq, a.Title, a.Body); err != nil {
		return res, fmt.Errorf("index: %w", err)
	}
	res.Status = sitrep.PutAdded
	return res, nil
}

// Article returns the article with id, or an ENOTFOUND error.
func (db *DB) Article(ctx context.Context, id string) (*sitrep.Article, error) {
	a, err := scanArticle(db.db.QueryRowContext(ctx, "SELECT "+articleColumns+" FROM articles WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "article %s not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("store: article %s: %w", id, err)
	}
	return a, nil
}

// Articles lists articles newest first: by published date, undated last,
// then by retrieval time, then latest stored first.
func (db *DB) Articles(ctx context.Context, f sitrep.ArticleFilter) ([]*sitrep.Article, error) {
	limit, err := pageLimit(f.Limit, f.Offset, DefaultListLimit, MaxListLimit)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, "SELECT "+articleColumns+` FROM articles
		ORDER BY published DESC, retrieved DESC, seq DESC LIMIT ? OFFSET ?`, limit, f.Offset)
	if err != nil {
		return nil, fmt.Errorf("store: list articles: %w", err)
	}
	defer rows.Close()
	list := []*sitrep.Article{}
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list articles: %w", err)
		}
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list articles: %w", err)
	}
	return list, nil
}

// CountArticles returns how many articles are stored.
func (db *DB) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := db.db.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count articles: %w", err)
	}
	return n, nil
}

// pageLimit applies the default and cap to a requested page size.
func pageLimit(limit, offset, def, most int) (int, error) {
	switch {
	case limit < 0:
		return 0, sitrep.Errorf(sitrep.EINVALID, "limit %d is negative", limit)
	case offset < 0:
		return 0, sitrep.Errorf(sitrep.EINVALID, "offset %d is negative", offset)
	case limit == 0:
		return def, nil
	}
	return min(limit, most), nil
}
