package index

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Article limits.
const (
	DefaultArticleLimit = 20
	MaxArticleLimit     = 500
)

// ArticleSummary is an article as a listing shows it.
type ArticleSummary struct {
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Source     string     `json:"source,omitempty"`
	Byline     string     `json:"byline,omitempty"`
	URL        string     `json:"url,omitempty"`
	Summary    string     `json:"summary"`
	Published  *time.Time `json:"published,omitempty"`
	Retrieved  time.Time  `json:"retrieved"`
	Seen       time.Time  `json:"seen"` // published, else retrieved
	Countries  []string   `json:"countries"`
	EventCount int        `json:"event_count"`

	seq  int64
	seen string
}

// Cursor returns the cursor that resumes a listing after a.
func (a *ArticleSummary) Cursor() Cursor { return Cursor{Seen: a.seen, Seq: a.seq} }

const articleColumns = `a.seq, a.id, a.title, a.source, a.byline, a.url, a.summary, a.published, a.retrieved, a.seen, a.countries, a.event_count`

// Articles lists the articles f selects, newest first, after cursor c.
// Country, topic, actor, place, source and the seen dates select articles;
// the event fields (type, sub_type, bbox) select the articles that report
// such an event.
func (x *Index) Articles(ctx context.Context, f Filter, limit int, c Cursor) ([]ArticleSummary, *Cursor, error) {
	limit = clampLimit(limit, DefaultArticleLimit, MaxArticleLimit)
	from, where, args := f.articleQuery()
	if c.Seen != "" {
		where = append(where, "(d.seen < ? OR (d.seen = ? AND d.seq < ?))")
		args = append(args, c.Seen, c.Seen, c.Seq)
	}
	q := "SELECT " + articleColumns + " FROM " + from + " JOIN index_articles AS a ON a.seq = d.seq"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY d.seen DESC, d.seq DESC LIMIT ?"
	args = append(args, limit+1)
	var out []ArticleSummary
	err := x.query(ctx, q, args, func(rows *sql.Rows) error {
		a, err := scanSummary(rows)
		if err == nil {
			out = append(out, a)
		}
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("index: articles: %w", err)
	}
	if len(out) > limit {
		out = out[:limit]
		next := out[limit-1].Cursor()
		return out, &next, nil
	}
	return out, nil, nil
}

// EachArticle calls fn with the id of every article f selects, newest
// first, for exports.
func (x *Index) EachArticle(ctx context.Context, f Filter, fn func(id string) error) error {
	from, where, args := f.articleQuery()
	q := "SELECT a.id FROM " + from + " JOIN index_articles AS a ON a.seq = d.seq"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY d.seen DESC, d.seq DESC"
	// Collect first: fn reads the store, and a pool of one connection (an
	// in-memory database) could not serve it while these rows are open.
	var ids []string
	err := x.query(ctx, q, args, func(rows *sql.Rows) error {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		ids = append(ids, id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("index: articles: %w", err)
	}
	for _, id := range ids {
		if err := fn(id); err != nil {
			return err
		}
	}
	return nil
}

// articleQuery returns the driving table (aliased d, with seen and seq)
// and conditions of f. The most selective entity filter drives, so that
// "newest articles about X" reads one index range in order.
func (f Filter) articleQuery() (from string, where []string, args []any) {
	from = "index_articles AS d"
	driven := ""
	switch {
	case f.Place != "":
		from, driven = "index_article_places AS d", "place"
		where, args = append(where, "d.key = ?"), append(args, f.Place)
	case f.Actor != "":
		from, driven = "index_article_actors AS d", "actor"
		where, args = append(where, "d.slug = ?"), append(args, f.Actor)
	case f.Topic != "":
		from, driven = "index_article_topics AS d", "topic"
		where, args = append(where, "d.code = ?"), append(args, f.Topic)
	case f.Country != "":
		from, driven = "index_article_countries AS d", "country"
		where, args = append(where, "d.code = ?"), append(args, f.Country)
	case f.Source != "":
		driven = "source"
		where, args = append(where, "d.source_slug = ?"), append(args, f.Source)
	}
	add := func(cond string, a ...any) {
		where = append(where, cond)
		args = append(args, a...)
	}
	if f.Place != "" && driven != "place" {
		add("d.seq IN (SELECT seq FROM index_article_places WHERE key = ?)", f.Place)
	}
	if f.Actor != "" && driven != "actor" {
		add("d.seq IN (SELECT seq FROM index_article_actors WHERE slug = ?)", f.Actor)
	}
	if f.Topic != "" && driven != "topic" {
		add("d.seq IN (SELECT seq FROM index_article_topics WHERE code = ?)", f.Topic)
	}
	if f.Country != "" && driven != "country" {
		add("d.seq IN (SELECT seq FROM index_article_countries WHERE code = ?)", f.Country)
	}
	if f.Source != "" && driven != "source" {
		add("a.source_slug = ?", f.Source)
	}
	// Dates bound when the article was seen (a day is inclusive).
	if f.Since != "" {
		add("d.seen >= ?", f.Since)
	}
	if f.Until != "" {
		add("d.seen < ?", nextDay(f.Until))
	}
	switch {
	case f.SubType != "" || f.BBox != nil || (f.Type != "" && f.All):
		ef := Filter{Type: f.Type, SubType: f.SubType, BBox: f.BBox, All: f.All}
		ew, eargs := ef.eventWhere()
		add("d.seq IN (SELECT e.seq FROM index_events AS e WHERE "+ew+")", eargs...)
	case f.Type != "":
		add("a.event_types & ? != 0", typeBit(f.Type))
	}
	return from, where, args
}

// nextDay returns the day after day (YYYY-MM-DD), which ParseFilter
// validated.
func nextDay(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, 1).Format(time.DateOnly)
}

func scanSummary(rows *sql.Rows) (ArticleSummary, error) {
	var a ArticleSummary
	var published sql.NullString
	var retrieved, countries string
	err := rows.Scan(&a.seq, &a.ID, &a.Title, &a.Source, &a.Byline, &a.URL, &a.Summary, &published, &retrieved, &a.seen, &countries, &a.EventCount)
	if err != nil {
		return a, err
	}
	return a, a.finish(published, retrieved, countries)
}

// finish decodes the columns scanned as text.
func (a *ArticleSummary) finish(published sql.NullString, retrieved, countries string) error {
	a.Countries = strings.Fields(countries)
	if a.Countries == nil {
		a.Countries = []string{}
	}
	var err error
	if a.Retrieved, err = parseTime(retrieved); err != nil {
		return fmt.Errorf("article %s: retrieved %q: %w", a.ID, retrieved, err)
	}
	a.Seen = a.Retrieved
	if published.Valid {
		t, err := parseTime(published.String)
		if err != nil {
			return fmt.Errorf("article %s: published %q: %w", a.ID, published.String, err)
		}
		a.Published, a.Seen = &t, t
	}
	return nil
}
