package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// integrityChunk is how many articles IntegrityCheck compares per round trip.
const integrityChunk = 500

// IntegrityCheck verifies, in one snapshot, what the server's own checks do
// not: that the applied migrations are this program's, that every article's
// full-text document matches its title and body (it is written by
// PutArticles, not by the server), and that every story link names a stored
// story. It reads every article once.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	var problems []string
	err := pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		for _, check := range []func(context.Context, pgx.Tx) ([]string, error){checkMigrations, checkSearch, checkStoryLinks} {
			found, err := check(ctx, tx)
			if err != nil {
				return err
			}
			problems = append(problems, found...)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: integrity check %s: %w", db.name, err)
	}
	if len(problems) > 0 {
		if len(problems) > 10 {
			problems = append(problems[:10], fmt.Sprintf("and %d more", len(problems)-10))
		}
		return fmt.Errorf("store: integrity check %s: %s", db.name, strings.Join(problems, "; "))
	}
	return nil
}

func checkMigrations(ctx context.Context, tx pgx.Tx) ([]string, error) {
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, "SELECT version, name FROM schema_migrations")
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	applied := map[int]string{}
	var v int
	var name string
	if _, err := pgx.ForEachRow(rows, []any{&v, &name}, func() error {
		applied[v] = name
		return nil
	}); err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	var problems []string
	for _, m := range ms {
		switch got, ok := applied[m.version]; {
		case !ok:
			problems = append(problems, fmt.Sprintf("migration %s not applied", m.name))
		case got != m.name:
			problems = append(problems, fmt.Sprintf("migration %d applied as %s, want %s", m.version, got, m.name))
		}
		delete(applied, m.version)
	}
	for v, name := range applied {
		problems = append(problems, fmt.Sprintf("migration %d (%s) unknown to this program", v, name))
	}
	return problems, nil
}

// checkSearch recomputes the full-text documents, integrityChunk articles
// at a time, and names the articles whose stored one differs.
func checkSearch(ctx context.Context, tx pgx.Tx) ([]string, error) {
	var problems []string
	after := int64(0)
	for {
		rows, err := tx.Query(ctx, "SELECT seq, title, body FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2", after, integrityChunk)
		if err != nil {
			return nil, fmt.Errorf("full-text index: %w", err)
		}
		var seqs []int64
		var titles, bodies []string
		var seq int64
		var title, body string
		if _, err := pgx.ForEachRow(rows, []any{&seq, &title, &body}, func() error {
			seqs = append(seqs, seq)
			titles = append(titles, indexText(title))
			bodies = append(bodies, indexText(body))
			return nil
		}); err != nil {
			return nil, fmt.Errorf("full-text index: %w", err)
		}
		if len(seqs) == 0 {
			return problems, nil
		}
		after = seqs[len(seqs)-1]
		rows, err = tx.Query(ctx, `SELECT a.id FROM unnest($1::bigint[], $2::text[], $3::text[]) AS x (seq, title, body)
			JOIN articles a ON a.seq = x.seq
			WHERE a.search IS DISTINCT FROM setweight(to_tsvector('sitrep', x.title), 'A') || setweight(to_tsvector('sitrep', x.body), 'B')
			ORDER BY a.seq`, seqs, titles, bodies)
		if err != nil {
			return nil, fmt.Errorf("full-text index: %w", err)
		}
		var id string
		if _, err := pgx.ForEachRow(rows, []any{&id}, func() error {
			problems = append(problems, fmt.Sprintf("article %s: full-text document does not match its text", id))
			return nil
		}); err != nil {
			return nil, fmt.Errorf("full-text index: %w", err)
		}
	}
}

func checkStoryLinks(ctx context.Context, tx pgx.Tx) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT l.article_id, l.story_id FROM story_links l
		WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = l.story_id) ORDER BY l.article_id LIMIT 11`)
	if err != nil {
		return nil, fmt.Errorf("story links: %w", err)
	}
	var problems []string
	var article, story string
	_, err = pgx.ForEachRow(rows, []any{&article, &story}, func() error {
		problems = append(problems, fmt.Sprintf("article %s links to story %s, which is not stored", article, story))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("story links: %w", err)
	}
	return problems, nil
}
