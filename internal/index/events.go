package index

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Event limits.
const (
	DefaultEventLimit = 100
	MaxEventLimit     = 10000
)

// Event is one indexed event with the article that reports it.
type Event struct {
	ID            string   `json:"id"` // article id, "-", position in its analysis
	Type          string   `json:"type"`
	SubType       string   `json:"sub_type"`
	Date          string   `json:"date,omitempty"` // as the analysis gave it
	Day           string   `json:"day"`            // Date, else the day the article was published or retrieved
	TimePrecision int      `json:"time_precision,omitempty"`
	Actor1        string   `json:"actor1,omitempty"`
	Actor1Slug    string   `json:"-"`
	Actor1Kind    string   `json:"actor1_kind,omitempty"`
	Assoc1        []string `json:"assoc_actor1,omitempty"`
	Actor2        string   `json:"actor2,omitempty"`
	Actor2Slug    string   `json:"-"`
	Actor2Kind    string   `json:"actor2_kind,omitempty"`
	Assoc2        []string `json:"assoc_actor2,omitempty"`
	Place         string   `json:"place,omitempty"`
	PlaceKey      string   `json:"place_key,omitempty"`
	Country       string   `json:"country,omitempty"`
	Admin1        string   `json:"admin1,omitempty"`
	Lat           *float64 `json:"lat"`
	Lon           *float64 `json:"lon"`
	GeoPrecision  int      `json:"geo_precision,omitempty"`
	Fatalities    *int     `json:"fatalities"`
	Negated       bool     `json:"negated"`
	Hypothetical  bool     `json:"hypothetical"`
	Reported      bool     `json:"reported"`
	Trigger       string   `json:"trigger,omitempty"`
	Notes         string   `json:"notes,omitempty"`
	// Verified: an editor confirmed, edited or added the event.
	Verified bool `json:"verified"`

	ArticleID    string     `json:"article_id"`
	ArticleTitle string     `json:"article_title"`
	Source       string     `json:"source,omitempty"`
	URL          string     `json:"url,omitempty"`
	Published    *time.Time `json:"published,omitempty"`
	Seen         time.Time  `json:"-"` // published, else retrieved

	key int64 // index_events.id
}

// Number is the event's number in this database (article seq * 1000 +
// position): what ACLED's event_id_cnty carries after the country code.
func (e *Event) Number() int64 { return e.key }

// Cursor returns the cursor that resumes a listing after e.
func (e *Event) Cursor() Cursor { return Cursor{Day: e.Day, ID: e.key} }

const eventColumns = `e.id, e.idx, e.type, e.sub_type, e.date, e.day, e.time_precision,
	e.actor1, e.actor1_slug, e.actor1_kind, e.assoc1, e.actor2, e.actor2_slug, e.actor2_kind, e.assoc2,
	e.place, e.place_key, e.country, e.admin1, e.lat, e.lon, e.geo_precision, e.fatalities,
	e.negated, e.hypothetical, e.reported, e.trigger, e.notes, e.verified,
	a.id, a.title, a.source, a.url, a.published, a.retrieved`

// Events lists the events f selects, newest day first, at most limit of
// them (0: DefaultEventLimit), after cursor c. It returns the cursor of the
// next page, or nil at the end.
func (x *Index) Events(ctx context.Context, f Filter, limit int, c Cursor) ([]Event, *Cursor, error) {
	limit = clampLimit(limit, DefaultEventLimit, MaxEventLimit)
	where, args := f.eventWhere()
	if c.Day != "" {
		where += " AND (e.day < ? OR (e.day = ? AND e.id < ?))"
		args = append(args, c.Day, c.Day, c.ID)
	}
	args = append(args, limit+1)
	q := "SELECT " + eventColumns + " FROM index_events AS e JOIN index_articles AS a ON a.seq = e.seq WHERE " +
		where + " ORDER BY e.day DESC, e.id DESC LIMIT ?"
	var out []Event
	err := x.query(ctx, q, args, func(rows *sql.Rows) error {
		e, err := scanEvent(rows)
		if err == nil {
			out = append(out, e)
		}
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("index: events: %w", err)
	}
	if len(out) > limit {
		out = out[:limit]
		next := out[limit-1].Cursor()
		return out, &next, nil
	}
	return out, nil, nil
}

// EachEvent calls fn for every event f selects, newest day first, reading
// them as one stream, for exports. It stops at fn's first error.
func (x *Index) EachEvent(ctx context.Context, f Filter, fn func(*Event) error) error {
	where, args := f.eventWhere()
	q := "SELECT " + eventColumns + " FROM index_events AS e JOIN index_articles AS a ON a.seq = e.seq WHERE " +
		where + " ORDER BY e.day DESC, e.id DESC"
	err := x.query(ctx, q, args, func(rows *sql.Rows) error {
		e, err := scanEvent(rows)
		if err != nil {
			return err
		}
		return fn(&e)
	})
	if err != nil {
		return fmt.Errorf("index: events: %w", err)
	}
	return nil
}

// ArticleEvents returns the indexed events of one article, in text order,
// negated and hypothetical ones included.
func (x *Index) ArticleEvents(ctx context.Context, articleID string) ([]Event, error) {
	q := "SELECT " + eventColumns + ` FROM index_events AS e JOIN index_articles AS a ON a.seq = e.seq
		WHERE a.id = ? ORDER BY e.idx`
	var out []Event
	err := x.query(ctx, q, []any{articleID}, func(rows *sql.Rows) error {
		e, err := scanEvent(rows)
		if err == nil {
			out = append(out, e)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("index: events of article %s: %w", articleID, err)
	}
	return out, nil
}

// CountEvents returns how many events f selects, by country. Counting
// reads every matching event, a second for a million of them, so counts
// are cached until the index changes; callers must not modify the map.
func (x *Index) CountEvents(ctx context.Context, f Filter) (map[string]int, error) {
	key := f.key()
	gen := x.gen.Load()
	if v, ok := x.counts.get(key, gen); ok {
		return v.(map[string]int), nil
	}
	counts, err := x.countEvents(ctx, f)
	if err == nil {
		x.counts.put(key, gen, counts)
	}
	return counts, err
}

func (x *Index) countEvents(ctx context.Context, f Filter) (map[string]int, error) {
	where, args := f.countWhere()
	out := map[string]int{}
	err := x.query(ctx, "SELECT e.country, count(*) FROM index_events AS e WHERE "+where+" GROUP BY e.country", args,
		func(rows *sql.Rows) error {
			var c string
			var n int
			if err := rows.Scan(&c, &n); err != nil {
				return err
			}
			out[c] = n
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("index: count events: %w", err)
	}
	return out, nil
}

// LatestDay returns the newest day of an asserted event no later than
// today, or "" when there is none: the end of "the last week" on a site
// whose corpus may be old.
func (x *Index) LatestDay(ctx context.Context, today time.Time) (string, error) {
	var day sql.NullString
	err := x.db.QueryRowContext(ctx, "SELECT MAX(day) FROM index_events WHERE +asserted = 1 AND day <= ?",
		today.UTC().Format(time.DateOnly)).Scan(&day)
	if err != nil {
		return "", fmt.Errorf("index: latest day: %w", err)
	}
	return day.String, nil
}

func scanEvent(rows *sql.Rows) (Event, error) {
	var (
		e              Event
		idx            int
		assoc1, assoc2 string
		lat, lon       sql.NullFloat64
		fatalities     sql.NullInt64
		published      sql.NullString
		seen           string
		neg, hyp, rep  bool
	)
	err := rows.Scan(&e.key, &idx, &e.Type, &e.SubType, &e.Date, &e.Day, &e.TimePrecision,
		&e.Actor1, &e.Actor1Slug, &e.Actor1Kind, &assoc1, &e.Actor2, &e.Actor2Slug, &e.Actor2Kind, &assoc2,
		&e.Place, &e.PlaceKey, &e.Country, &e.Admin1, &lat, &lon, &e.GeoPrecision, &fatalities,
		&neg, &hyp, &rep, &e.Trigger, &e.Notes, &e.Verified,
		&e.ArticleID, &e.ArticleTitle, &e.Source, &e.URL, &published, &seen)
	if err != nil {
		return e, err
	}
	e.ID = e.ArticleID + "-" + strconv.Itoa(idx+1)
	e.Negated, e.Hypothetical, e.Reported = neg, hyp, rep
	e.Assoc1, e.Assoc2 = splitAssoc(assoc1), splitAssoc(assoc2)
	if lat.Valid && lon.Valid {
		e.Lat, e.Lon = &lat.Float64, &lon.Float64
	}
	if fatalities.Valid {
		n := int(fatalities.Int64)
		e.Fatalities = &n
	}
	if e.Seen, err = parseTime(seen); err != nil {
		return e, fmt.Errorf("event %s: retrieved %q: %w", e.ID, seen, err)
	}
	if published.Valid {
		t, err := parseTime(published.String)
		if err != nil {
			return e, fmt.Errorf("event %s: published %q: %w", e.ID, published.String, err)
		}
		e.Published, e.Seen = &t, t
	}
	return e, nil
}

func splitAssoc(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "; ")
}

// query runs q and calls fn for each row.
func (x *Index) query(ctx context.Context, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := x.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func clampLimit(limit, def, most int) int {
	switch {
	case limit <= 0:
		return def
	case limit > most:
		return most
	}
	return limit
}

// MapEvents lists the events f selects that have coordinates, newest day
// first, with only what a map marker shows: place, day, type, actors,
// fatalities and the article. It reads a third of Events' columns, which
// matters for the thousands of events of a map.
func (x *Index) MapEvents(ctx context.Context, f Filter, limit int) ([]Event, error) {
	limit = clampLimit(limit, DefaultEventLimit, MaxEventLimit)
	where, args := f.eventWhere()
	q := `SELECT e.id, e.type, e.sub_type, e.day, e.actor1, e.actor2, e.place, e.place_key, e.country, e.lat, e.lon, e.fatalities,
		a.id, a.title, a.source
		FROM index_events AS e JOIN index_articles AS a ON a.seq = e.seq
		WHERE e.lat IS NOT NULL AND ` + where + ` ORDER BY e.day DESC, e.id DESC LIMIT ?`
	var out []Event
	err := x.query(ctx, q, append(args, limit), func(rows *sql.Rows) error {
		var e Event
		var lat, lon float64
		var fatalities sql.NullInt64
		if err := rows.Scan(&e.key, &e.Type, &e.SubType, &e.Day, &e.Actor1, &e.Actor2, &e.Place, &e.PlaceKey, &e.Country,
			&lat, &lon, &fatalities, &e.ArticleID, &e.ArticleTitle, &e.Source); err != nil {
			return err
		}
		e.Lat, e.Lon = &lat, &lon
		if fatalities.Valid {
			n := int(fatalities.Int64)
			e.Fatalities = &n
		}
		e.ID = e.ArticleID + "-" + strconv.FormatInt(e.key%MaxEventsPerArticle+1, 10)
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: map events: %w", err)
	}
	return out, nil
}
