package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Listing limits for Stories.
const (
	DefaultStoryLimit = 20
	MaxStoryLimit     = 1000
)

const storyColumns = `id, title, summary, central_article, first_seen, last_seen, countries, topics,
	article_count, source_count, event_count, claims`

// Stories lists stories, most recently seen first; see sitrep.StoryStore.
func (db *DB) Stories(ctx context.Context, f sitrep.StoryFilter) ([]*sitrep.Story, error) {
	limit, err := pageLimit(f.Limit, f.Offset, DefaultStoryLimit, MaxStoryLimit)
	if err != nil {
		return nil, err
	}
	var since any
	if f.Since != nil {
		since = formatTime(clampTime(*f.Since))
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+storyColumns+` FROM stories s
		WHERE (?1 = '' OR EXISTS (SELECT 1 FROM story_countries c WHERE c.story_id = s.id AND c.country = ?1))
		AND (?2 IS NULL OR last_seen >= ?2)
		ORDER BY last_seen DESC, id LIMIT ?3 OFFSET ?4`,
		strings.ToUpper(strings.TrimSpace(f.Country)), since, limit, f.Offset)
	if err != nil {
		return nil, fmt.Errorf("store: list stories: %w", err)
	}
	defer rows.Close()
	out := []*sitrep.Story{}
	for rows.Next() {
		s, err := scanStory(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list stories: %w", err)
		}
		s.Claims = nil // listing carries no timeline
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list stories: %w", err)
	}
	return out, nil
}

// ArticleStories returns the stories of articles by article id; see
// sitrep.StoryStore.
func (db *DB) ArticleStories(ctx context.Context, articleIDs []string) (map[string]*sitrep.Story, error) {
	out := map[string]*sitrep.Story{}
	if len(articleIDs) == 0 {
		return out, nil
	}
	ids, err := json.Marshal(articleIDs)
	if err != nil {
		return nil, fmt.Errorf("store: stories of articles: %w", err)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT l.article_id, `+prefixed("s.", storyColumns)+`
		FROM story_links AS l JOIN stories AS s ON s.id = l.story_id
		WHERE l.article_id IN (SELECT value FROM json_each(?))`, string(ids))
	if err != nil {
		return nil, fmt.Errorf("store: stories of articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var article string
		st, err := scanStory(withExtraFirst(rows, &article))
		if err != nil {
			return nil, fmt.Errorf("store: stories of articles: %w", err)
		}
		st.Claims = nil
		out[article] = st
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stories of articles: %w", err)
	}
	return out, nil
}

// Story returns one story with its articles, timeline and contradictions.
func (db *DB) Story(ctx context.Context, id string) (*sitrep.Story, error) {
	s, err := scanStory(db.db.QueryRowContext(ctx, "SELECT "+storyColumns+" FROM stories WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "story %s not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("store: story %s: %w", id, err)
	}
	if s.Articles, err = db.storyArticles(ctx, id); err != nil {
		return nil, fmt.Errorf("store: story %s: articles: %w", id, err)
	}
	if s.Events, err = db.storyEvents(ctx, id); err != nil {
		return nil, fmt.Errorf("store: story %s: events: %w", id, err)
	}
	if s.Contradictions, err = db.storyContradictions(ctx, id); err != nil {
		return nil, fmt.Errorf("store: story %s: contradictions: %w", id, err)
	}
	return s, nil
}

func scanStory(sc scanner) (*sitrep.Story, error) {
	var (
		s                     sitrep.Story
		first, last           string
		countries, topics, cl string
	)
	if err := sc.Scan(&s.ID, &s.Title, &s.Summary, &s.CentralArticle, &first, &last, &countries, &topics,
		&s.ArticleCount, &s.SourceCount, &s.EventCount, &cl); err != nil {
		return nil, err
	}
	var err error
	if s.FirstSeen, err = parseTime(first); err != nil {
		return nil, fmt.Errorf("story %s: first seen: %w", s.ID, err)
	}
	if s.LastSeen, err = parseTime(last); err != nil {
		return nil, fmt.Errorf("story %s: last seen: %w", s.ID, err)
	}
	for _, f := range []struct {
		name string
		src  string
		dst  any
	}{{"countries", countries, &s.Countries}, {"topics", topics, &s.Topics}, {"claims", cl, &s.Claims}} {
		if err := json.Unmarshal([]byte(f.src), f.dst); err != nil {
			return nil, fmt.Errorf("story %s: %s: %w", s.ID, f.name, err)
		}
	}
	if len(s.Claims) == 0 {
		s.Claims = nil
	}
	return &s, nil
}

// storyArticles lists a story's articles in order of publication; the
// outlet is the site name, else a short byline ("Written by" lines).
func (db *DB) storyArticles(ctx context.Context, id string) ([]sitrep.StoryArticle, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT a.id, a.title, a.source, a.byline, a.published, l.role, l.duplicate_of
		FROM story_links l JOIN articles a ON a.id = l.article_id WHERE l.story_id = ?
		ORDER BY l.seen, a.id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.StoryArticle
	for rows.Next() {
		var (
			a         sitrep.StoryArticle
			byline    string
			published sql.NullString
			role      string
		)
		if err := rows.Scan(&a.ID, &a.Title, &a.Source, &byline, &published, &role, &a.DuplicateOf); err != nil {
			return nil, err
		}
		if a.Source == "" && len(strings.TrimSpace(byline)) < 60 {
			a.Source = strings.TrimSpace(byline)
		}
		a.Role = sitrep.ArticleRole(role)
		if published.Valid {
			t, err := parseTime(published.String)
			if err != nil {
				return nil, fmt.Errorf("article %s: published: %w", a.ID, err)
			}
			a.Published = &t
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (db *DB) storyEvents(ctx context.Context, id string) ([]sitrep.StoryEvent, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT id, type, sub_type, actor1, actor2, place, date, time_precision,
		fatalities, claims FROM story_events WHERE story_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	var out []sitrep.StoryEvent
	index := map[string]int{}
	for rows.Next() {
		var (
			e          sitrep.StoryEvent
			place      sql.NullString
			fatalities sql.NullInt64
			claims     string
		)
		if err := rows.Scan(&e.ID, &e.Type, &e.SubType, &e.Actor1, &e.Actor2, &place, &e.Date, &e.TimePrecision,
			&fatalities, &claims); err != nil {
			rows.Close()
			return nil, err
		}
		if place.Valid {
			e.Place = new(sitrep.EventPlace)
			if err := json.Unmarshal([]byte(place.String), e.Place); err != nil {
				rows.Close()
				return nil, fmt.Errorf("event %s: place: %w", e.ID, err)
			}
		}
		e.Fatalities = intOrNil(fatalities)
		if err := json.Unmarshal([]byte(claims), &e.Claims); err != nil {
			rows.Close()
			return nil, fmt.Errorf("event %s: claims: %w", e.ID, err)
		}
		if len(e.Claims) == 0 {
			e.Claims = nil
		}
		index[e.ID] = len(out)
		out = append(out, e)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}

	srows, err := db.db.QueryContext(ctx, `SELECT event_id, article_id, event_index, source, attribution, published,
		sub_type, place, date, fatalities FROM event_sources WHERE story_id = ? ORDER BY event_id, seq`, id)
	if err != nil {
		return nil, err
	}
	defer srows.Close()
	for srows.Next() {
		var (
			eventID    string
			s          sitrep.EventSource
			published  sql.NullString
			fatalities sql.NullInt64
		)
		if err := srows.Scan(&eventID, &s.ArticleID, &s.Index, &s.Source, &s.Attribution, &published,
			&s.SubType, &s.Place, &s.Date, &fatalities); err != nil {
			return nil, err
		}
		if published.Valid {
			t, err := parseTime(published.String)
			if err != nil {
				return nil, fmt.Errorf("event %s source %s: published: %w", eventID, s.ArticleID, err)
			}
			s.Published = &t
		}
		s.Fatalities = intOrNil(fatalities)
		if i, ok := index[eventID]; ok {
			out[i].Sources = append(out[i].Sources, s)
		}
	}
	return out, srows.Err()
}

func (db *DB) storyContradictions(ctx context.Context, id string) ([]sitrep.StoryContradiction, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT kind, event_id, reason, sides FROM story_contradictions
		WHERE story_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sitrep.StoryContradiction
	for rows.Next() {
		var x sitrep.StoryContradiction
		var sides string
		if err := rows.Scan(&x.Kind, &x.EventID, &x.Reason, &sides); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(sides), &x.Sides); err != nil {
			return nil, fmt.Errorf("contradiction: sides: %w", err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

func intOrNil(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}
