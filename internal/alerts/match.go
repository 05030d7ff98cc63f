package alerts

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/geo"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// DefaultMatchBatch is how many changed articles the matcher reads at once.
const DefaultMatchBatch = 500

// Matcher evaluates alerts against the events the index wrote since each
// alert's cursor.
//
// A cursor is a position in the order the index writes articles in:
// articles.updated_at and seq of the last article seen, "T/seq". An
// article that is updated and re-indexed comes after every cursor again,
// and its events are evaluated again; their keys (EventKey) are recorded
// already, so they do not fire twice.
type Matcher struct {
	Store sitrep.AlertStore
	// DB is the SQLite database of the index and the articles' full-text
	// index.
	DB    *sql.DB
	Index *index.Index
	// BaseURL, when set, makes payloads link to the article's page.
	BaseURL string
	Now     func() time.Time
	Batch   int // 0: DefaultMatchBatch
}

// MatchStats says what a Match did.
type MatchStats struct {
	Articles int // changed articles read
	Events   int // asserted events evaluated
	Matches  int // new deliveries recorded
}

// position is a cursor decoded.
type position struct {
	updated string
	seq     int64
}

func (p position) String() string {
	if p.updated == "" {
		return ""
	}
	return p.updated + "/" + strconv.FormatInt(p.seq, 10)
}

func (p position) after(q position) bool {
	return p.updated > q.updated || (p.updated == q.updated && p.seq > q.seq)
}

func parsePosition(s string) (position, error) {
	if s == "" {
		return position{}, nil
	}
	u, seq, ok := strings.Cut(s, "/")
	n, err := strconv.ParseInt(seq, 10, 64)
	if !ok || err != nil || u == "" {
		return position{}, fmt.Errorf("cursor %q is not updated/seq", s)
	}
	return position{u, n}, nil
}

// Mark returns the cursor of the newest indexed article: where a new
// alert starts, so that it fires only for what is indexed after it.
func (m *Matcher) Mark(ctx context.Context) (string, error) {
	var p position
	err := m.DB.QueryRowContext(ctx, "SELECT updated_at, seq FROM index_articles ORDER BY updated_at DESC, seq DESC LIMIT 1").
		Scan(&p.updated, &p.seq)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("alerts: read index mark: %w", err)
	}
	return p.String(), nil
}

// watch is an alert ready to evaluate.
type watch struct {
	alert  *sitrep.Alert
	pos    position
	actor  string // slug
	match  string // FTS5 query, "" for none
	failed bool   // its cursor could not be moved this run
}

func newWatch(a *sitrep.Alert) (*watch, error) {
	pos, err := parsePosition(a.Cursor)
	if err != nil {
		return nil, fmt.Errorf("alert %d: %w", a.ID, err)
	}
	w := &watch{alert: a, pos: pos}
	if a.Actor != "" {
		w.actor = index.Slug(a.Actor)
	}
	if strings.TrimSpace(a.Query) != "" {
		if w.match, err = index.MatchQuery(a.Query); err != nil {
			return nil, fmt.Errorf("alert %d: %w", a.ID, err)
		}
	}
	return w, nil
}

// matches reports whether e, of an article that matched the text query
// (if any), is one the alert watches, and its distance for place alerts.
func (w *watch) matches(e *index.Event) (bool, *float64) {
	a := w.alert
	if e.Negated || e.Hypothetical {
		return false, nil
	}
	if a.EventType != "" && e.Type != a.EventType {
		return false, nil
	}
	if a.Country != "" && e.Country != a.Country {
		return false, nil
	}
	if w.actor != "" && e.Actor1Slug != w.actor && e.Actor2Slug != w.actor {
		return false, nil
	}
	if !a.HasPlace() {
		return true, nil
	}
	if e.Lat == nil || e.Lon == nil {
		return false, nil
	}
	d := geo.DistanceKm(a.Lat, a.Lon, *e.Lat, *e.Lon)
	if d > a.RadiusKm {
		return false, nil
	}
	d = float64(int(d*10+0.5)) / 10
	return true, &d
}

// changed is one article the index wrote, with its events.
type changed struct {
	pos    position
	id     string
	events []index.Event
	keys   []string
}

// Match runs every alert over the events indexed since its cursor and
// records the new matches.
func (m *Matcher) Match(ctx context.Context) (MatchStats, error) {
	var stats MatchStats
	alerts, err := m.Store.Alerts(ctx)
	if err != nil {
		return stats, err
	}
	var watches []*watch
	for _, a := range alerts {
		w, err := newWatch(a)
		if err != nil {
			return stats, fmt.Errorf("alerts: match: %w", err)
		}
		watches = append(watches, w)
	}
	for {
		var from *position
		for _, w := range watches {
			if !w.failed && (from == nil || from.after(w.pos)) {
				from = &w.pos
			}
		}
		if from == nil {
			return stats, nil
		}
		batch, err := m.changed(ctx, *from)
		if err != nil {
			return stats, err
		}
		if len(batch) == 0 {
			return stats, nil
		}
		stats.Articles += len(batch)
		for _, c := range batch {
			stats.Events += len(c.events)
		}
		n, err := m.matchBatch(ctx, watches, batch)
		stats.Matches += n
		if err != nil {
			return stats, err
		}
		if len(batch) < m.batchSize() {
			return stats, nil
		}
	}
}

func (m *Matcher) batchSize() int {
	if m.Batch > 0 {
		return m.Batch
	}
	return DefaultMatchBatch
}

func (m *Matcher) now() time.Time {
	if m.Now != nil {
		return m.Now().UTC()
	}
	return time.Now().UTC()
}

// changed reads the articles indexed after p, in index order, with their
// events.
func (m *Matcher) changed(ctx context.Context, p position) ([]*changed, error) {
	rows, err := m.DB.QueryContext(ctx, `SELECT seq, id, updated_at FROM index_articles
		WHERE updated_at > ?1 OR (updated_at = ?1 AND seq > ?2) ORDER BY updated_at, seq LIMIT ?3`,
		p.updated, p.seq, m.batchSize())
	if err != nil {
		return nil, fmt.Errorf("alerts: read changed articles after %q: %w", p, err)
	}
	var out []*changed
	for rows.Next() {
		c := new(changed)
		if err := rows.Scan(&c.pos.seq, &c.id, &c.pos.updated); err != nil {
			rows.Close()
			return nil, fmt.Errorf("alerts: read changed articles: %w", err)
		}
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("alerts: read changed articles: %w", err)
	}
	// Read after the rows are closed: a pool of one connection (an
	// in-memory database) could not serve both.
	for _, c := range out {
		if c.events, err = m.Index.ArticleEvents(ctx, c.id); err != nil {
			return nil, fmt.Errorf("alerts: %w", err)
		}
		c.keys = eventKeys(c.events)
	}
	return out, nil
}

// matchBatch evaluates the watches over batch and records what matched,
// moving each watch's cursor to the batch's end.
func (m *Matcher) matchBatch(ctx context.Context, watches []*watch, batch []*changed) (int, error) {
	end := batch[len(batch)-1].pos
	texts, err := m.textMatches(ctx, watches, batch)
	if err != nil {
		return 0, err
	}
	now := m.now()
	added := 0
	for _, w := range watches {
		if w.failed || !end.after(w.pos) {
			continue
		}
		var ds []*sitrep.Delivery
		for _, c := range batch {
			if !c.pos.after(w.pos) || (w.match != "" && !texts[w.match][c.pos.seq]) {
				continue
			}
			for i := range c.events {
				ok, dist := w.matches(&c.events[i])
				if !ok {
					continue
				}
				d, err := m.delivery(w.alert, &c.events[i], c.keys[i], dist, now)
				if err != nil {
					return added, err
				}
				ds = append(ds, d)
			}
		}
		n, err := m.Store.RecordMatches(ctx, w.alert.ID, w.pos.String(), end.String(), ds)
		switch sitrep.ErrorCode(err) {
		case "":
			added += n
			w.pos = end
			w.alert.Cursor = end.String()
		case sitrep.ECONFLICT, sitrep.ENOTFOUND:
			// Another matcher moved it on, or it was deleted: leave it to
			// the next run.
			w.failed = true
		default:
			return added, err
		}
	}
	return added, nil
}

// textMatches runs each distinct text query of the watches over the
// batch's articles and returns, by query, the article seqs that match.
func (m *Matcher) textMatches(ctx context.Context, watches []*watch, batch []*changed) (map[string]map[int64]bool, error) {
	lo, hi := batch[0].pos.seq, batch[0].pos.seq
	for _, c := range batch {
		lo, hi = min(lo, c.pos.seq), max(hi, c.pos.seq)
	}
	out := map[string]map[int64]bool{}
	for _, w := range watches {
		if w.match == "" || out[w.match] != nil || w.failed {
			continue
		}
		// The rowid range lets FTS5 skip the doclists of older articles;
		// an updated old article widens it, which only costs time.
		rows, err := m.DB.QueryContext(ctx, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?",
			w.match, lo, hi)
		if err != nil {
			return nil, fmt.Errorf("alerts: alert %d: search %q: %w", w.alert.ID, w.alert.Query, err)
		}
		set := map[int64]bool{}
		for rows.Next() {
			var seq int64
			if err := rows.Scan(&seq); err != nil {
				rows.Close()
				return nil, fmt.Errorf("alerts: alert %d: search: %w", w.alert.ID, err)
			}
			set[seq] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("alerts: alert %d: search: %w", w.alert.ID, err)
		}
		out[w.match] = set
	}
	return out, nil
}

// delivery builds the record of one match, with the payload every
// webhook attempt will send.
func (m *Matcher) delivery(a *sitrep.Alert, e *index.Event, key string, dist *float64, now time.Time) (*sitrep.Delivery, error) {
	d := &sitrep.Delivery{ID: newDeliveryID(), AlertID: a.ID, EventKey: key, EventID: e.ID, Matched: now, State: sitrep.DeliveryNone}
	if a.WebhookURL != "" {
		d.State = sitrep.DeliveryPending
	}
	p := Payload{DeliveryID: d.ID, Alert: PayloadAlert{ID: a.ID, Name: a.Name}, EventKey: key, Matched: now, Event: *e, DistanceKm: dist}
	if m.BaseURL != "" {
		p.Link = strings.TrimRight(m.BaseURL, "/") + "/article/" + e.ArticleID
	}
	var err error
	if d.Payload, err = json.Marshal(p); err != nil {
		return nil, fmt.Errorf("alerts: alert %d: payload of %s: %w", a.ID, key, err)
	}
	return d, nil
}
