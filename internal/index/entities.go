package index

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Entity limits.
const (
	DefaultEntityLimit = 50
	MaxEntityLimit     = 500
)

// CountryCount is a country with how many articles are tagged with it and
// how many asserted events happened there.
type CountryCount struct {
	Country
	Articles int `json:"articles"`
	Events   int `json:"events"`
}

// TopicCount is an IPTC media topic with its number of articles.
type TopicCount struct {
	Code     string `json:"code"`
	Label    string `json:"label"`
	Articles int    `json:"articles"`
}

// Slug returns the topic's URL key: its code without the "medtop:" scheme.
func (t TopicCount) Slug() string { return TopicSlug(t.Code) }

// TopicSlug returns the URL key of a topic code.
func TopicSlug(code string) string { return strings.TrimPrefix(code, "medtop:") }

// Actor is an actor with the articles that name it and the events it takes
// part in.
type Actor struct {
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	Kind     string `json:"kind,omitempty"`
	Country  string `json:"country,omitempty"`
	Articles int    `json:"articles"`
	Mentions int    `json:"mentions"`
}

// Place is a place below country level with the articles that name it.
type Place struct {
	Key      string  `json:"key"`
	Name     string  `json:"name"`
	Country  string  `json:"country,omitempty"`
	Admin1   string  `json:"admin1,omitempty"`
	Feature  string  `json:"feature,omitempty"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	Articles int     `json:"articles"`
	Mentions int     `json:"mentions"`
}

// Countries returns every country an article is tagged with or an event
// happened in, most articles first.
func (x *Index) Countries(ctx context.Context) ([]CountryCount, error) {
	return cached(x, "countries", func() ([]CountryCount, error) {
		byCode := map[string]*CountryCount{}
		var order []string
		get := func(code string) *CountryCount {
			if c, ok := byCode[code]; ok {
				return c
			}
			c := &CountryCount{Country: Country{Code: code, Name: code}}
			if info, ok := LookupCountry(code); ok {
				c.Country = info
			}
			byCode[code] = c
			order = append(order, code)
			return c
		}
		err := x.query(ctx, "SELECT code, count(*) FROM index_article_countries GROUP BY code ORDER BY 2 DESC, 1", nil,
			func(rows *sql.Rows) error {
				var code string
				var n int
				if err := rows.Scan(&code, &n); err != nil {
					return err
				}
				get(code).Articles = n
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("index: countries: %w", err)
		}
		err = x.query(ctx, "SELECT country, count(*) FROM index_events WHERE asserted = 1 AND country != '' GROUP BY country", nil,
			func(rows *sql.Rows) error {
				var code string
				var n int
				if err := rows.Scan(&code, &n); err != nil {
					return err
				}
				get(code).Events = n
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("index: countries: %w", err)
		}
		out := make([]CountryCount, len(order))
		for i, code := range order {
			out[i] = *byCode[code]
		}
		return out, nil
	})
}

// CountryInfo returns one country with its counts, or ENOTFOUND when no
// article or event is about it.
func (x *Index) CountryInfo(ctx context.Context, code string) (CountryCount, error) {
	all, err := x.Countries(ctx)
	if err != nil {
		return CountryCount{}, err
	}
	code = strings.ToUpper(code)
	for _, c := range all {
		if c.Code == code {
			return c, nil
		}
	}
	if c, ok := LookupCountry(code); ok {
		return CountryCount{Country: c}, nil
	}
	return CountryCount{}, sitrep.Errorf(sitrep.ENOTFOUND, "country %q not found", code)
}

// Topics returns every topic an article is tagged with, most articles
// first.
func (x *Index) Topics(ctx context.Context) ([]TopicCount, error) {
	return cached(x, "topics", func() ([]TopicCount, error) {
		out := []TopicCount{}
		err := x.query(ctx, `SELECT code, MIN(label), count(*) FROM index_article_topics GROUP BY code ORDER BY 3 DESC, 2`, nil,
			func(rows *sql.Rows) error {
				var t TopicCount
				if err := rows.Scan(&t.Code, &t.Label, &t.Articles); err != nil {
					return err
				}
				out = append(out, t)
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("index: topics: %w", err)
		}
		return out, nil
	})
}

// Topic returns one topic by code ("medtop:20000056" or "20000056"), or
// ENOTFOUND.
func (x *Index) Topic(ctx context.Context, code string) (TopicCount, error) {
	if !strings.Contains(code, ":") {
		code = "medtop:" + code
	}
	all, err := x.Topics(ctx)
	if err != nil {
		return TopicCount{}, err
	}
	for _, t := range all {
		if t.Code == code {
			return t, nil
		}
	}
	return TopicCount{}, sitrep.Errorf(sitrep.ENOTFOUND, "topic %q not found", code)
}

// EntityFilter selects actors or places.
type EntityFilter struct {
	Country string // alpha-2
	Prefix  string // of the slug: "syr" finds "syrian-democratic-forces"
	Limit   int
	Offset  int
}

// Actors lists actors, most articles first.
func (x *Index) Actors(ctx context.Context, f EntityFilter) ([]Actor, error) {
	if f.Prefix == "" {
		return cached(x, fmt.Sprintf("actors %+v", f), func() ([]Actor, error) { return x.actors(ctx, f) })
	}
	return x.actors(ctx, f)
}

func (x *Index) actors(ctx context.Context, f EntityFilter) ([]Actor, error) {
	limit := clampLimit(f.Limit, DefaultEntityLimit, MaxEntityLimit)
	where, args := entityWhere("slug", f)
	q := `SELECT slug, MIN(name), MIN(kind), MIN(country), count(*), SUM(mentions) FROM index_article_actors` +
		where + ` GROUP BY slug ORDER BY 5 DESC, 1 LIMIT ? OFFSET ?`
	args = append(args, limit, max(f.Offset, 0))
	out := []Actor{}
	err := x.query(ctx, q, args, func(rows *sql.Rows) error {
		var a Actor
		if err := rows.Scan(&a.Slug, &a.Name, &a.Kind, &a.Country, &a.Articles, &a.Mentions); err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: actors: %w", err)
	}
	return out, nil
}

// Actor returns one actor by slug, or ENOTFOUND.
func (x *Index) Actor(ctx context.Context, slug string) (Actor, error) {
	a := Actor{Slug: slug}
	var name sql.NullString
	err := x.db.QueryRowContext(ctx, `SELECT MIN(name), COALESCE(MIN(kind), ''), COALESCE(MIN(country), ''), count(*), COALESCE(SUM(mentions), 0)
		FROM index_article_actors WHERE slug = ?`, slug).Scan(&name, &a.Kind, &a.Country, &a.Articles, &a.Mentions)
	if err != nil {
		return a, fmt.Errorf("index: actor %s: %w", slug, err)
	}
	if name.Valid {
		a.Name = name.String
		return a, nil
	}
	// An actor only events name ("Civilians (Syria)").
	err = x.db.QueryRowContext(ctx, `SELECT name, kind FROM (
		SELECT actor1 AS name, actor1_kind AS kind FROM index_events WHERE actor1_slug = ?1
		UNION ALL SELECT actor2, actor2_kind FROM index_events WHERE actor2_slug = ?1) LIMIT 1`, slug).Scan(&a.Name, &a.Kind)
	if err == sql.ErrNoRows {
		return a, sitrep.Errorf(sitrep.ENOTFOUND, "actor %q not found", slug)
	} else if err != nil {
		return a, fmt.Errorf("index: actor %s: %w", slug, err)
	}
	return a, nil
}

// Places lists places, most articles first.
func (x *Index) Places(ctx context.Context, f EntityFilter) ([]Place, error) {
	if f.Prefix == "" {
		return cached(x, fmt.Sprintf("places %+v", f), func() ([]Place, error) { return x.places(ctx, f) })
	}
	return x.places(ctx, f)
}

func (x *Index) places(ctx context.Context, f EntityFilter) ([]Place, error) {
	limit := clampLimit(f.Limit, DefaultEntityLimit, MaxEntityLimit)
	where, args := entityWhere("key", f)
	q := `SELECT key, MIN(name), MIN(country), MIN(admin1), MIN(feature), AVG(lat), AVG(lon), count(*), SUM(mentions)
		FROM index_article_places` + where + ` GROUP BY key ORDER BY 8 DESC, 1 LIMIT ? OFFSET ?`
	args = append(args, limit, max(f.Offset, 0))
	out := []Place{}
	err := x.query(ctx, q, args, func(rows *sql.Rows) error {
		var p Place
		if err := rows.Scan(&p.Key, &p.Name, &p.Country, &p.Admin1, &p.Feature, &p.Lat, &p.Lon, &p.Articles, &p.Mentions); err != nil {
			return err
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: places: %w", err)
	}
	return out, nil
}

// Place returns one place by key ("sy/al-qamishli"), or ENOTFOUND.
func (x *Index) Place(ctx context.Context, key string) (Place, error) {
	p := Place{Key: key}
	var name sql.NullString
	var lat, lon sql.NullFloat64
	err := x.db.QueryRowContext(ctx, `SELECT MIN(name), COALESCE(MIN(country), ''), COALESCE(MIN(admin1), ''), COALESCE(MIN(feature), ''), AVG(lat), AVG(lon), count(*), COALESCE(SUM(mentions), 0)
		FROM index_article_places WHERE key = ?`, key).Scan(&name, &p.Country, &p.Admin1, &p.Feature, &lat, &lon, &p.Articles, &p.Mentions)
	if err != nil {
		return p, fmt.Errorf("index: place %s: %w", key, err)
	}
	if name.Valid {
		p.Name, p.Lat, p.Lon = name.String, lat.Float64, lon.Float64
		return p, nil
	}
	// A place only events name.
	err = x.db.QueryRowContext(ctx, `SELECT place, country, admin1, COALESCE(lat, 0), COALESCE(lon, 0)
		FROM index_events WHERE place_key = ? LIMIT 1`, key).Scan(&p.Name, &p.Country, &p.Admin1, &p.Lat, &p.Lon)
	if err == sql.ErrNoRows {
		return p, sitrep.Errorf(sitrep.ENOTFOUND, "place %q not found", key)
	} else if err != nil {
		return p, fmt.Errorf("index: place %s: %w", key, err)
	}
	return p, nil
}

// Sources returns the outlets with their number of articles, most first.
func (x *Index) Sources(ctx context.Context) ([]FacetValue, error) {
	return cached(x, "sources", func() ([]FacetValue, error) {
		out := []FacetValue{}
		err := x.query(ctx, `SELECT source_slug, MIN(source), count(*) FROM index_articles WHERE source_slug != ''
			GROUP BY source_slug ORDER BY 3 DESC, 2`, nil, func(rows *sql.Rows) error {
			var v FacetValue
			if err := rows.Scan(&v.Value, &v.Label, &v.Count); err != nil {
				return err
			}
			out = append(out, v)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("index: sources: %w", err)
		}
		return out, nil
	})
}

// Counts are the totals the home page shows.
type Counts struct {
	Articles int `json:"articles"`
	Events   int `json:"events"`
}

// Totals returns how many articles and asserted events are indexed.
func (x *Index) Totals(ctx context.Context) (Counts, error) {
	return cached(x, "totals", func() (Counts, error) {
		var c Counts
		err := x.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM index_articles),
			(SELECT count(*) FROM index_events WHERE asserted = 1)`).Scan(&c.Articles, &c.Events)
		if err != nil {
			return c, fmt.Errorf("index: totals: %w", err)
		}
		return c, nil
	})
}

func entityWhere(keyCol string, f EntityFilter) (string, []any) {
	var conds []string
	var args []any
	if f.Country != "" {
		conds = append(conds, "country = ?")
		args = append(args, strings.ToUpper(f.Country))
	}
	if f.Prefix != "" {
		p := Slug(f.Prefix)
		conds = append(conds, keyCol+" >= ? AND "+keyCol+" < ?")
		args = append(args, p, p+"\U0010FFFF")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// cached returns the value load computed for key at the current generation,
// computing it on a miss. Concurrent misses may compute it twice; that is
// cheaper than making every reader wait on a lock.
func cached[T any](x *Index, key string, load func() (T, error)) (T, error) {
	type entry struct {
		gen int64
		val T
	}
	gen := x.gen.Load()
	if v, ok := x.cache.Load(key); ok {
		if e := v.(entry); e.gen == gen {
			return e.val, nil
		}
	}
	// One caller computes; the others wait for it, then read the cache:
	// the first requests after start-up or a sync would otherwise all run
	// the same aggregate over the whole index at once.
	l, _ := x.loading.LoadOrStore(key, new(sync.Mutex))
	mu := l.(*sync.Mutex)
	mu.Lock()
	defer mu.Unlock()
	if v, ok := x.cache.Load(key); ok {
		if e := v.(entry); e.gen == gen {
			return e.val, nil
		}
	}
	val, err := load()
	if err != nil {
		return val, err
	}
	x.cache.Store(key, entry{gen, val})
	return val, nil
}
