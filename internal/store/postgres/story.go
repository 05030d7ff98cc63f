package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// ArticleLinks returns the links of articles seen in [from, to) and every
// link of their stories; see sitrep.StoryStore.
func (db *DB) ArticleLinks(ctx context.Context, from, to time.Time) ([]sitrep.ArticleLink, error) {
	rows, err := db.pool.Query(ctx, `SELECT article_id, story_id, role, duplicate_of, seen, state
		FROM story_links WHERE story_id IN (SELECT story_id FROM story_links WHERE seen >= $1 AND seen < $2)
		ORDER BY story_id, seen, article_id`, formatTime(clampTime(from)), formatTime(clampTime(to)))
	if err != nil {
		return nil, fmt.Errorf("store: article links %s to %s: %w", from.Format(time.DateOnly), to.Format(time.DateOnly), err)
	}
	defer rows.Close()
	var out []sitrep.ArticleLink
	for rows.Next() {
		var l sitrep.ArticleLink
		var role, seen string
		if err := rows.Scan(&l.ArticleID, &l.StoryID, &role, &l.DuplicateOf, &seen, &l.State); err != nil {
			return nil, fmt.Errorf("store: article links: %w", err)
		}
		l.Role = sitrep.ArticleRole(role)
		if l.Seen, err = parseTime(seen); err != nil {
			return nil, fmt.Errorf("store: article link %s: seen: %w", l.ArticleID, err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: article links: %w", err)
	}
	return out, nil
}

// storiesLock is the advisory lock key that makes story updates run one at
// a time: each rewrites whole stories, deleting and inserting their rows,
// which two at once would do over each other.
const storiesLock = 0x73697472_65707374 // "sitrepst"

// PutStories applies a connector's update in one transaction; see
// sitrep.StoryStore.
func (db *DB) PutStories(ctx context.Context, u sitrep.StoryUpdate) error {
	if err := u.Validate(); err != nil {
		return err
	}
	now := db.now()
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(storiesLock)); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		for _, id := range u.Deleted {
			if _, err := tx.Exec(ctx, "DELETE FROM stories WHERE id = $1", id); err != nil {
				return fmt.Errorf("delete story %s: %w", id, err)
			}
		}
		for _, s := range u.Stories {
			if err := putStory(ctx, tx, s, now); err != nil {
				return fmt.Errorf("story %s: %w", s.ID, err)
			}
		}
		for _, l := range u.Links {
			if err := putLink(ctx, tx, l); err != nil {
				return err
			}
		}
		return checkLinks(ctx, tx, u)
	})
	var userErr *sitrep.Error
	if err != nil && !errors.As(err, &userErr) {
		return fmt.Errorf("store: put stories: %w", err)
	}
	return err
}

func putStory(ctx context.Context, tx pgx.Tx, s *sitrep.Story, now time.Time) error {
	countries, topics, claims := orEmpty(s.Countries), orEmpty(s.Topics), []sitrep.StoryClaim{}
	if s.Claims != nil {
		claims = s.Claims
	}
	cj, _ := json.Marshal(countries)
	tj, _ := json.Marshal(topics)
	clj, err := json.Marshal(claims)
	if err != nil {
		return err
	}
	// Deleting first clears the old timeline through the cascades.
	if _, err := tx.Exec(ctx, "DELETE FROM stories WHERE id = $1", s.ID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO stories (id, title, summary, central_article, first_seen, last_seen,
		countries, topics, article_count, source_count, event_count, claims, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		s.ID, s.Title, s.Summary, s.CentralArticle, formatTime(s.FirstSeen), formatTime(s.LastSeen),
		string(cj), string(tj), s.ArticleCount, s.SourceCount, s.EventCount, string(clj), now); err != nil {
		return err
	}
	var b pgx.Batch
	for i, c := range countries {
		b.Queue(`INSERT INTO story_countries (story_id, country, rank) VALUES ($1, $2, $3)
			ON CONFLICT (story_id, country) DO NOTHING`, s.ID, strings.ToUpper(c), i)
	}
	for i, e := range s.Events {
		if err := queueEvent(&b, s.ID, i, &e); err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
	}
	for i, x := range s.Contradictions {
		sides := x.Sides
		if sides == nil {
			sides = []sitrep.ContradictionSide{}
		}
		sj, err := json.Marshal(sides)
		if err != nil {
			return err
		}
		b.Queue(`INSERT INTO story_contradictions (story_id, seq, kind, event_id, reason, sides)
			VALUES ($1, $2, $3, $4, $5, $6)`, s.ID, i, x.Kind, x.EventID, x.Reason, string(sj))
	}
	return tx.SendBatch(ctx, &b).Close()
}

// queueEvent adds the statements that store one event of a story to b.
func queueEvent(b *pgx.Batch, storyID string, seq int, e *sitrep.StoryEvent) error {
	var place any
	if e.Place != nil {
		pj, err := json.Marshal(e.Place)
		if err != nil {
			return err
		}
		place = string(pj)
	}
	claims := e.Claims
	if claims == nil {
		claims = []sitrep.StoryClaim{}
	}
	cj, err := json.Marshal(claims)
	if err != nil {
		return err
	}
	b.Queue(`INSERT INTO story_events (id, story_id, seq, type, sub_type, actor1, actor2,
		place, date, time_precision, fatalities, claims) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		e.ID, storyID, seq, e.Type, e.SubType, e.Actor1, e.Actor2, place, e.Date, e.TimePrecision,
		e.Fatalities, string(cj))
	for i, src := range e.Sources {
		var published any
		if src.Published != nil {
			published = formatTime(*src.Published)
		}
		b.Queue(`INSERT INTO event_sources (story_id, event_id, seq, article_id, event_index,
			source, attribution, published, sub_type, place, date, fatalities) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			storyID, e.ID, i, src.ArticleID, src.Index, src.Source, src.Attribution, published, src.SubType,
			src.Place, src.Date, src.Fatalities)
	}
	return nil
}

func putLink(ctx context.Context, tx pgx.Tx, l sitrep.ArticleLink) error {
	state := l.State
	if state == nil {
		state = []byte{}
	}
	_, err := tx.Exec(ctx, `INSERT INTO story_links (article_id, story_id, role, duplicate_of, seen, state)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id,
		role = excluded.role, duplicate_of = excluded.duplicate_of, seen = excluded.seen, state = excluded.state`,
		l.ArticleID, l.StoryID, string(l.Role), l.DuplicateOf, formatTime(l.Seen), state)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23503" { // foreign_key_violation
		return sitrep.Errorf(sitrep.EINVALID, "story link: article %s is not stored", l.ArticleID)
	} else if err != nil {
		return fmt.Errorf("link of article %s: %w", l.ArticleID, err)
	}
	return nil
}

// checkLinks refuses an update that leaves a link without its story: a
// link to a story neither stored nor in the update, or a story deleted
// while articles still link to it.
func checkLinks(ctx context.Context, tx pgx.Tx, u sitrep.StoryUpdate) error {
	for _, l := range u.Links {
		var one int
		err := tx.QueryRow(ctx, "SELECT 1 FROM stories WHERE id = $1", l.StoryID).Scan(&one)
		if errors.Is(err, pgx.ErrNoRows) {
			return sitrep.Errorf(sitrep.EINVALID, "story link of article %s names story %s, which is not stored", l.ArticleID, l.StoryID)
		} else if err != nil {
			return fmt.Errorf("check link of article %s: %w", l.ArticleID, err)
		}
	}
	for _, id := range u.Deleted {
		var article string
		err := tx.QueryRow(ctx, `SELECT article_id FROM story_links WHERE story_id = $1
			AND NOT EXISTS (SELECT 1 FROM stories WHERE id = $1) LIMIT 1`, id).Scan(&article)
		if err == nil {
			return sitrep.Errorf(sitrep.EINVALID, "story %s is deleted but article %s still links to it", id, article)
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("check deleted story %s: %w", id, err)
		}
	}
	return nil
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
