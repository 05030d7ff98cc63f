package index

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep-project/sitrep/internal/correct"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// syncBatch is how many articles one Sync transaction indexes: large enough
// to amortise the commit, small enough that a reader of the site never
// waits long behind it.
const syncBatch = 500

// Index reads and maintains the index_* tables of a sitrep SQLite database.
type Index struct {
	db *sql.DB
	mu sync.Mutex // one Sync at a time
	// gen counts the Syncs that changed something, so that aggregates can
	// be cached until the data changes.
	gen      atomic.Int64
	cache    sync.Map // cacheKey -> cached
	loading  sync.Map // cacheKey -> *sync.Mutex held while one caller computes it
	labels   sync.Map // topic code -> label (labels do not change)
	searches *lru
	counts   *lru // CountEvents by filter
	flights  flights
}

// New returns an Index over db, a database opened by the sqlite store (its
// migrations create the tables).
func New(db *sql.DB) *Index {
	return &Index{db: db, searches: newLRU(DefaultSearchCache), counts: newLRU(DefaultSearchCache)}
}

// SetSearchCache sets how many search results are kept (0: none), for
// benchmarks of the search itself. Call it before serving: it is not safe
// to call during searches.
func (x *Index) SetSearchCache(n int) { x.searches = newLRU(n) }

// Generation changes whenever Sync indexes something.
func (x *Index) Generation() int64 { return x.gen.Load() }

// Sync indexes the articles stored or changed since the last Sync and
// returns how many it indexed. It is safe to call concurrently with
// ingestion and queries.
func (x *Index) Sync(ctx context.Context) (int, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	total := 0
	for {
		recs, err := x.changed(ctx)
		if err != nil {
			return total, err
		}
		if len(recs) == 0 {
			return total, nil
		}
		if err := x.write(ctx, recs); err != nil {
			return total, err
		}
		total += len(recs)
		x.gen.Add(1)
		x.cache.Clear()
		if len(recs) < syncBatch {
			return total, nil
		}
	}
}

// Run calls Sync every interval until ctx is done, reporting failures to
// onErr (which may be nil).
func (x *Index) Run(ctx context.Context, every time.Duration, onErr func(error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := x.Sync(ctx); err != nil && onErr != nil && ctx.Err() == nil {
				onErr(err)
			}
		}
	}
}

// changedSQL finds articles newer than the newest indexed change, or at
// the same instant but not indexed in that version. A batch of articles
// shares one updated_at, hence the >= and the per-article check.
const changedSQL = `SELECT a.seq, a.id, a.updated_at, a.source, a.title, a.byline, a.url,
	a.canonical_url, a.body, a.published, a.retrieved, a.analysis
FROM articles AS a
WHERE a.updated_at >= ?1 AND NOT EXISTS (
	SELECT 1 FROM index_articles AS i WHERE i.seq = a.seq AND i.updated_at = a.updated_at)
ORDER BY a.updated_at, a.seq
LIMIT ?2`

func (x *Index) changed(ctx context.Context) ([]*record, error) {
	var mark string
	if err := x.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(updated_at), '') FROM index_articles").Scan(&mark); err != nil {
		return nil, fmt.Errorf("index: sync: read mark: %w", err)
	}
	rows, err := x.db.QueryContext(ctx, changedSQL, mark, syncBatch)
	if err != nil {
		return nil, fmt.Errorf("index: sync: read articles after %s: %w", mark, err)
	}
	defer rows.Close()
	type changedArticle struct {
		seq                     int64
		updated                 string
		a                       *sitrep.Article
		retrieved               string
		published, analysisJSON sql.NullString
	}
	var arts []changedArticle
	for rows.Next() {
		c := changedArticle{a: new(sitrep.Article)}
		a := c.a
		if err := rows.Scan(&c.seq, &a.ID, &c.updated, &a.Source, &a.Title, &a.Byline, &a.URL,
			&a.CanonicalURL, &a.Body, &c.published, &c.retrieved, &c.analysisJSON); err != nil {
			return nil, fmt.Errorf("index: sync: read article: %w", err)
		}
		arts = append(arts, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("index: sync: read articles: %w", err)
	}
	// Decoding the analyses is most of a sync's own work: spread it over
	// the cores while the batch is in memory.
	errs := make([]error, len(arts))
	parallel(len(arts), func(i int) {
		c := &arts[i]
		a := c.a
		var err error
		if a.Retrieved, err = parseTime(c.retrieved); err != nil {
			errs[i] = fmt.Errorf("index: sync: article %s: retrieved %q: %w", a.ID, c.retrieved, err)
			return
		}
		if c.published.Valid {
			t, err := parseTime(c.published.String)
			if err != nil {
				errs[i] = fmt.Errorf("index: sync: article %s: published %q: %w", a.ID, c.published.String, err)
				return
			}
			a.Published = &t
		}
		if c.analysisJSON.Valid {
			a.Analysis = new(sitrep.Analysis)
			if err := json.Unmarshal([]byte(c.analysisJSON.String), a.Analysis); err != nil {
				errs[i] = fmt.Errorf("index: sync: article %s: analysis: %w", a.ID, err)
				return
			}
		}
		c.analysisJSON.String = ""
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	rows.Close()
	ids := make([]string, len(arts))
	for i, c := range arts {
		ids[i] = c.a.ID
	}
	corrections, err := x.corrections(ctx, ids)
	if err != nil {
		return nil, err
	}
	recs := make([]*record, len(arts))
	parallel(len(arts), func(i int) {
		c := arts[i]
		if cs := corrections[c.a.ID]; len(cs) > 0 {
			c.a.Analysis = correct.ApplyCorrections(c.a.Analysis, cs)
		}
		recs[i] = newRecord(c.seq, c.updated, c.a)
	})
	return recs, nil
}

// corrections returns the active editorial corrections of the articles
// ids, by article: the read side shows the analysis as editors corrected
// it. Adding a correction marks its article changed, which is what brings
// the article back here.
func (x *Index) corrections(ctx context.Context, ids []string) (map[string][]sitrep.Correction, error) {
	out := map[string][]sitrep.Correction{}
	if len(ids) == 0 {
		return out, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("index: sync: corrections: %w", err)
	}
	err = x.query(ctx, `SELECT id, article_id, target, action, key, value, created FROM corrections
		WHERE revoked IS NULL AND article_id IN (SELECT value FROM json_each(?)) ORDER BY id`, []any{string(list)},
		func(rows *sql.Rows) error {
			var (
				c       sitrep.Correction
				value   sql.NullString
				created string
			)
			if err := rows.Scan(&c.ID, &c.ArticleID, &c.Target, &c.Action, &c.Key, &value, &created); err != nil {
				return err
			}
			t, err := parseTime(created)
			if err != nil {
				return fmt.Errorf("correction %d: created %q: %w", c.ID, created, err)
			}
			c.Created = t
			if value.Valid {
				c.Value = json.RawMessage(value.String)
			}
			out[c.ArticleID] = append(out[c.ArticleID], c)
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("index: sync: corrections: %w", err)
	}
	return out, nil
}

var deleteSQL = []string{
	"DELETE FROM index_articles WHERE seq = ?",
	"DELETE FROM index_article_countries WHERE seq = ?",
	"DELETE FROM index_article_topics WHERE seq = ?",
	"DELETE FROM index_article_actors WHERE seq = ?",
	"DELETE FROM index_article_places WHERE seq = ?",
	"DELETE FROM index_events WHERE seq = ?",
}

const (
	insertArticleSQL = `INSERT INTO index_articles (seq, id, updated_at, seen, published, retrieved, source, source_slug,
		title, byline, url, summary, countries, topics, event_types, event_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	insertCountrySQL = `INSERT OR IGNORE INTO index_article_countries (code, seen, seq, name, score, rank) VALUES (?, ?, ?, ?, ?, ?)`
	insertTopicSQL   = `INSERT OR IGNORE INTO index_article_topics (code, seen, seq, label, score, rank) VALUES (?, ?, ?, ?, ?, ?)`
	insertActorSQL   = `INSERT OR IGNORE INTO index_article_actors (slug, seen, seq, name, kind, country, mentions) VALUES (?, ?, ?, ?, ?, ?, ?)`
	insertPlaceSQL   = `INSERT OR IGNORE INTO index_article_places (key, seen, seq, name, country, admin1, feature, lat, lon, mentions)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	insertEventSQL = `INSERT INTO index_events (id, seq, idx, day, date, time_precision, type, sub_type,
		actor1, actor1_slug, actor1_kind, actor2, actor2_slug, actor2_kind, assoc1, assoc2,
		place, place_key, country, admin1, lat, lon, geo_precision, fatalities,
		negated, hypothetical, reported, asserted, trigger, notes, verified)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// write replaces the rows of recs in one transaction.
func (x *Index) write(ctx context.Context, recs []*record) error {
	tx, err := x.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("index: sync: begin: %w", err)
	}
	defer tx.Rollback()
	queries := append(append([]string{}, deleteSQL...),
		insertArticleSQL, insertCountrySQL, insertTopicSQL, insertActorSQL, insertPlaceSQL, insertEventSQL)
	stmts := make([]*sql.Stmt, len(queries))
	for i, q := range queries {
		if stmts[i], err = tx.PrepareContext(ctx, q); err != nil {
			return fmt.Errorf("index: sync: prepare: %w", err)
		}
		defer stmts[i].Close()
	}
	dels := stmts[:len(deleteSQL)]
	ins := stmts[len(deleteSQL):]
	for _, r := range recs {
		for _, d := range dels {
			if _, err := d.ExecContext(ctx, r.seq); err != nil {
				return fmt.Errorf("index: sync: article %s: clear: %w", r.id, err)
			}
		}
		if err := r.insert(ctx, ins); err != nil {
			return fmt.Errorf("index: sync: article %s: %w", r.id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("index: sync: commit %d articles: %w", len(recs), err)
	}
	return nil
}

// insert writes r with the insert statements, in insertArticleSQL ...
// insertEventSQL order.
func (r *record) insert(ctx context.Context, s []*sql.Stmt) error {
	codes := make([]string, len(r.countries))
	for i, c := range r.countries {
		codes[i] = strings.ToUpper(c.Code)
	}
	topics := make([]string, len(r.topics))
	for i, t := range r.topics {
		topics[i] = t.Code
	}
	var published any
	if r.published != nil {
		published = *r.published
	}
	if _, err := s[0].ExecContext(ctx, r.seq, r.id, r.updatedAt, r.seen, published, r.retrieved, r.source, Slug(r.source),
		r.title, r.byline, r.url, r.summary, strings.Join(codes, " "), strings.Join(topics, " "), r.eventTypes(), len(r.events)); err != nil {
		return fmt.Errorf("article row: %w", err)
	}
	for i, c := range r.countries {
		if _, err := s[1].ExecContext(ctx, codes[i], r.seen, r.seq, CountryName(codes[i]), c.Score, i); err != nil {
			return fmt.Errorf("country %s: %w", c.Code, err)
		}
	}
	for i, t := range r.topics {
		if _, err := s[2].ExecContext(ctx, t.Code, r.seen, r.seq, t.Label, t.Score, i); err != nil {
			return fmt.Errorf("topic %s: %w", t.Code, err)
		}
	}
	for _, a := range r.actors {
		if _, err := s[3].ExecContext(ctx, a.slug, r.seen, r.seq, a.name, a.kind, a.country, a.mentions); err != nil {
			return fmt.Errorf("actor %s: %w", a.name, err)
		}
	}
	for _, p := range r.places {
		if _, err := s[4].ExecContext(ctx, p.key, r.seen, r.seq, p.name, p.country, p.admin1, p.feature, p.lat, p.lon, p.mentions); err != nil {
			return fmt.Errorf("place %s: %w", p.name, err)
		}
	}
	for _, e := range r.events {
		ev := e.ev
		var fatalities any
		if ev.Fatalities != nil {
			fatalities = *ev.Fatalities
		}
		var lat, lon any
		if e.lat != nil {
			lat, lon = *e.lat, *e.lon
		}
		if _, err := s[5].ExecContext(ctx, r.seq*MaxEventsPerArticle+int64(e.idx), r.seq, e.idx, e.day, ev.Date, ev.TimePrecision,
			ev.Type, ev.SubType, ev.Actor1, e.actor1Slug, e.actor1Kind, ev.Actor2, e.actor2Slug, e.actor2Kind,
			e.assoc1, e.assoc2, e.place, e.placeKey, e.country, e.admin1, lat, lon, e.geoPrecision, fatalities,
			ev.Negated, ev.Hypothetical, ev.Reported, !ev.Negated && !ev.Hypothetical, ev.Trigger, e.notes, ev.Verified); err != nil {
			return fmt.Errorf("event %d: %w", e.idx, err)
		}
	}
	return nil
}

// parallel calls fn(0) to fn(n-1) on as many goroutines as there are
// cores, and returns when all have returned.
func parallel(n int, fn func(i int)) {
	workers := min(n, runtime.GOMAXPROCS(0))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
}
