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

var _ sitrep.StoryStore = (*DB)(nil)

// ArticleLinks returns the links of articles seen in [from, to) and every
// link of their stories; see sitrep.StoryStore.
func (db *DB) ArticleLinks(ctx context.Context, from, to time.Time) ([]sitrep.ArticleLink, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT article_id, story_id, role, duplicate_of, seen, state
		FROM story_links WHERE story_id IN (SELECT story_id FROM story_links WHERE seen >= ? AND seen < ?)
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

// clampTime keeps a bound within the years formatTime can write, so that
// an open-ended window still compares as text.
func clampTime(t time.Time) time.Time {
	lo := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	switch {
	case t.Before(lo):
		return lo
	case t.After(hi):
		return hi
	}
	return t
}

// PutStories applies a connector's update in one transaction; see
// sitrep.StoryStore.
func (db *DB) PutStories(ctx context.Context, u sitrep.StoryUpdate) error {
	if err := u.Validate(); err != nil {
		return err
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: put stories: begin: %w", err)
	}
	defer tx.Rollback()
	now := formatTime(db.now())
	for _, id := range u.Deleted {
		if _, err := tx.ExecContext(ctx, "DELETE FROM stories WHERE id = ?", id); err != nil {
			return fmt.Errorf("store: delete story %s: %w", id, err)
		}
	}
	for _, s := range u.Stories {
		if err := putStory(ctx, tx, s, now); err != nil {
			return fmt.Errorf("store: put story %s: %w", s.ID, err)
		}
	}
	for _, l := range u.Links {
		if err := putLink(ctx, tx, l); err != nil {
			return err
		}
	}
	if err := checkLinks(ctx, tx, u); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: put stories: commit: %w", err)
	}
	return nil
}

func putStory(ctx context.Context, tx *sql.Tx, s *sitrep.Story, now string) error {
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
	if _, err := tx.ExecContext(ctx, "DELETE FROM stories WHERE id = ?", s.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO stories (id, title, summary, central_article, first_seen, last_seen,
		countries, topics, article_count, source_count, event_count, claims, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.Title, s.Summary, s.CentralArticle, formatTime(s.FirstSeen), formatTime(s.LastSeen),
		string(cj), string(tj), s.ArticleCount, s.SourceCount, s.EventCount, string(clj), now); err != nil {
		return err
	}
	for i, c := range countries {
		if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO story_countries (story_id, country, rank) VALUES (?, ?, ?)",
			s.ID, strings.ToUpper(c), i); err != nil {
			return err
		}
	}
	for i, e := range s.Events {
		if err := putEvent(ctx, tx, s.ID, i, &e); err != nil {
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
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_contradictions (story_id, seq, kind, event_id, reason, sides)
			VALUES (?, ?, ?, ?, ?, ?)`, s.ID, i, x.Kind, x.EventID, x.Reason, string(sj)); err != nil {
			return err
		}
	}
	return nil
}

func putEvent(ctx context.Context, tx *sql.Tx, storyID string, seq int, e *sitrep.StoryEvent) error {
	var place any
	if e.Place != nil {
		b, err := json.Marshal(e.Place)
		if err != nil {
			return err
		}
		place = string(b)
	}
	claims := e.Claims
	if claims == nil {
		claims = []sitrep.StoryClaim{}
	}
	cj, err := json.Marshal(claims)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO story_events (id, story_id, seq, type, sub_type, actor1, actor2,
		place, date, time_precision, fatalities, claims) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, storyID, seq, e.Type, e.SubType, e.Actor1, e.Actor2, place, e.Date, e.TimePrecision,
		nullInt(e.Fatalities), string(cj)); err != nil {
		return err
	}
	for i, src := range e.Sources {
		var published any
		if src.Published != nil {
			published = formatTime(*src.Published)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_sources (story_id, event_id, seq, article_id, event_index,
			source, attribution, published, sub_type, place, date, fatalities) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			storyID, e.ID, i, src.ArticleID, src.Index, src.Source, src.Attribution, published, src.SubType,
			src.Place, src.Date, nullInt(src.Fatalities)); err != nil {
			return err
		}
	}
	return nil
}

func putLink(ctx context.Context, tx *sql.Tx, l sitrep.ArticleLink) error {
	state := l.State
	if state == nil {
		state = []byte{}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO story_links (article_id, story_id, role, duplicate_of, seen, state)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id,
		role = excluded.role, duplicate_of = excluded.duplicate_of, seen = excluded.seen, state = excluded.state`,
		l.ArticleID, l.StoryID, string(l.Role), l.DuplicateOf, formatTime(l.Seen), state)
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return sitrep.Errorf(sitrep.EINVALID, "story link: article %s is not stored", l.ArticleID)
		}
		return fmt.Errorf("store: put story link %s: %w", l.ArticleID, err)
	}
	return nil
}

// checkLinks refuses an update that leaves a link without its story: a
// link to a story neither stored nor in the update, or a story deleted
// while articles still link to it.
func checkLinks(ctx context.Context, tx *sql.Tx, u sitrep.StoryUpdate) error {
	for _, l := range u.Links {
		var one int
		err := tx.QueryRowContext(ctx, "SELECT 1 FROM stories WHERE id = ?", l.StoryID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return sitrep.Errorf(sitrep.EINVALID, "story link of article %s names story %s, which is not stored", l.ArticleID, l.StoryID)
		} else if err != nil {
			return fmt.Errorf("store: check story link %s: %w", l.ArticleID, err)
		}
	}
	for _, id := range u.Deleted {
		var article string
		err := tx.QueryRowContext(ctx, `SELECT article_id FROM story_links WHERE story_id = ?
			AND NOT EXISTS (SELECT 1 FROM stories WHERE id = ?) LIMIT 1`, id, id).Scan(&article)
		if err == nil {
			return sitrep.Errorf(sitrep.EINVALID, "story %s is deleted but article %s still links to it", id, article)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: check deleted story %s: %w", id, err)
		}
	}
	return nil
}

func nullInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}
