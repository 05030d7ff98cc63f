package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var (
	_ sitrep.AlertStore    = (*DB)(nil)
	_ sitrep.BreakingStore = (*DB)(nil)
)

// Listing limits for AlertMatches.
const (
	DefaultMatchLimit = 50
	MaxMatchLimit     = 1000
)

const alertColumns = `id, name, query, actor, country, event_type, lat, lon, radius_km,
	webhook_url, secret, feed_token, owner, created, cursor`

// CreateAlert stores a new alert; see sitrep.AlertStore.
func (db *DB) CreateAlert(ctx context.Context, a *sitrep.Alert) error {
	if a == nil {
		return sitrep.Errorf(sitrep.EINVALID, "no alert to create")
	}
	if err := a.Validate(); err != nil {
		return err
	}
	if a.Created.IsZero() {
		a.Created = db.now().UTC()
	}
	res, err := db.db.ExecContext(ctx, `INSERT INTO alerts (name, query, actor, country, event_type, lat, lon, radius_km,
		webhook_url, secret, feed_token, owner, created, cursor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		strings.TrimSpace(a.Name), a.Query, a.Actor, a.Country, a.EventType, a.Lat, a.Lon, a.RadiusKm,
		a.WebhookURL, a.Secret, a.FeedToken, a.Owner, formatTime(a.Created), a.Cursor)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return sitrep.Errorf(sitrep.ECONFLICT, "alert %q: feed token already in use", a.Name)
		}
		return fmt.Errorf("store: create alert %q: %w", a.Name, err)
	}
	if a.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("store: create alert %q: %w", a.Name, err)
	}
	a.Name = strings.TrimSpace(a.Name)
	a.Created = a.Created.UTC()
	return nil
}

func scanAlert(s scanner) (*sitrep.Alert, error) {
	var a sitrep.Alert
	var created string
	if err := s.Scan(&a.ID, &a.Name, &a.Query, &a.Actor, &a.Country, &a.EventType, &a.Lat, &a.Lon, &a.RadiusKm,
		&a.WebhookURL, &a.Secret, &a.FeedToken, &a.Owner, &created, &a.Cursor); err != nil {
		return nil, err
	}
	var err error
	if a.Created, err = parseTime(created); err != nil {
		return nil, fmt.Errorf("alert %d: created %q: %w", a.ID, created, err)
	}
	return &a, nil
}

// Alert returns one alert; see sitrep.AlertStore.
func (db *DB) Alert(ctx context.Context, id int64) (*sitrep.Alert, error) {
	a, err := scanAlert(db.db.QueryRowContext(ctx, "SELECT "+alertColumns+" FROM alerts WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "alert %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("store: alert %d: %w", id, err)
	}
	return a, nil
}

// Alerts lists every alert, oldest first.
func (db *DB) Alerts(ctx context.Context) ([]*sitrep.Alert, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT "+alertColumns+" FROM alerts ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("store: list alerts: %w", err)
	}
	defer rows.Close()
	out := []*sitrep.Alert{}
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list alerts: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list alerts: %w", err)
	}
	return out, nil
}

// DeleteAlert removes an alert; its deliveries go with it by cascade.
func (db *DB) DeleteAlert(ctx context.Context, id int64) error {
	res, err := db.db.ExecContext(ctx, "DELETE FROM alerts WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("store: delete alert %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: delete alert %d: %w", id, err)
	} else if n == 0 {
		return sitrep.Errorf(sitrep.ENOTFOUND, "alert %d not found", id)
	}
	return nil
}

// AlertStats counts each alert's deliveries by state.
func (db *DB) AlertStats(ctx context.Context) (map[int64]sitrep.AlertStats, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT alert_id, count(*),
		count(*) FILTER (WHERE state = 'pending'), count(*) FILTER (WHERE state = 'delivered'),
		count(*) FILTER (WHERE state = 'failed'), MAX(matched_at),
		(SELECT last_error FROM alert_deliveries AS l WHERE l.alert_id = d.alert_id AND l.last_error != ''
			ORDER BY l.matched_at DESC LIMIT 1)
		FROM alert_deliveries AS d GROUP BY alert_id`)
	if err != nil {
		return nil, fmt.Errorf("store: alert stats: %w", err)
	}
	defer rows.Close()
	out := map[int64]sitrep.AlertStats{}
	for rows.Next() {
		var id int64
		var s sitrep.AlertStats
		var last string
		var lastErr sql.NullString
		if err := rows.Scan(&id, &s.Matches, &s.Pending, &s.Delivered, &s.Failed, &last, &lastErr); err != nil {
			return nil, fmt.Errorf("store: alert stats: %w", err)
		}
		t, err := parseTime(last)
		if err != nil {
			return nil, fmt.Errorf("store: alert stats: alert %d: last match %q: %w", id, last, err)
		}
		s.LastMatch, s.LastError = &t, lastErr.String
		out[id] = s
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: alert stats: %w", err)
	}
	return out, nil
}

// RecordMatches moves an alert's cursor and stores its new deliveries in
// one transaction; see sitrep.AlertStore.
func (db *DB) RecordMatches(ctx context.Context, id int64, from, to string, ds []*sitrep.Delivery) (int, error) {
	for _, d := range ds {
		switch {
		case d == nil || d.ID == "" || d.EventKey == "":
			return 0, sitrep.Errorf(sitrep.EINVALID, "alert %d: a delivery needs an id and an event key", id)
		case d.AlertID != id:
			return 0, sitrep.Errorf(sitrep.EINVALID, "alert %d: delivery %s belongs to alert %d", id, d.ID, d.AlertID)
		case d.State != sitrep.DeliveryNone && d.State != sitrep.DeliveryPending:
			return 0, sitrep.Errorf(sitrep.EINVALID, "alert %d: delivery %s: a new delivery is none or pending, not %q", id, d.ID, d.State)
		case d.Matched.IsZero():
			return 0, sitrep.Errorf(sitrep.EINVALID, "alert %d: delivery %s has no match time", id, d.ID)
		}
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("store: record matches of alert %d: begin: %w", id, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE alerts SET cursor = ? WHERE id = ? AND cursor = ?", to, id, from)
	if err != nil {
		return 0, fmt.Errorf("store: record matches of alert %d: move cursor: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, fmt.Errorf("store: record matches of alert %d: %w", id, err)
	} else if n == 0 {
		var cur string
		err := tx.QueryRowContext(ctx, "SELECT cursor FROM alerts WHERE id = ?", id).Scan(&cur)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, sitrep.Errorf(sitrep.ENOTFOUND, "alert %d not found", id)
		} else if err != nil {
			return 0, fmt.Errorf("store: record matches of alert %d: %w", id, err)
		}
		return 0, sitrep.Errorf(sitrep.ECONFLICT, "alert %d: cursor moved by another matcher", id)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO alert_deliveries (id, alert_id, event_key, event_id, payload,
		matched_at, state, next_attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id, event_key) DO NOTHING`)
	if err != nil {
		return 0, fmt.Errorf("store: record matches of alert %d: %w", id, err)
	}
	defer stmt.Close()
	added := 0
	for _, d := range ds {
		var next any
		if d.State == sitrep.DeliveryPending {
			at := d.Matched
			if d.NextAttempt != nil {
				at = *d.NextAttempt
			}
			next = formatTime(at)
		}
		res, err := stmt.ExecContext(ctx, d.ID, id, d.EventKey, d.EventID, string(d.Payload), formatTime(d.Matched), string(d.State), next)
		if err != nil {
			return 0, fmt.Errorf("store: record match %s of alert %d: %w", d.EventKey, id, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return 0, fmt.Errorf("store: record match %s of alert %d: %w", d.EventKey, id, err)
		}
		added += int(n)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("store: record matches of alert %d: commit: %w", id, err)
	}
	return added, nil
}

const deliveryColumns = `id, alert_id, event_key, event_id, payload, matched_at, state, attempts, next_attempt, delivered_at, last_error`

func scanDelivery(s scanner) (*sitrep.Delivery, error) {
	var d sitrep.Delivery
	var payload, matched, state string
	var next, delivered sql.NullString
	if err := s.Scan(&d.ID, &d.AlertID, &d.EventKey, &d.EventID, &payload, &matched, &state, &d.Attempts,
		&next, &delivered, &d.LastError); err != nil {
		return nil, err
	}
	d.Payload, d.State = []byte(payload), sitrep.DeliveryState(state)
	var err error
	if d.Matched, err = parseTime(matched); err != nil {
		return nil, fmt.Errorf("delivery %s: matched %q: %w", d.ID, matched, err)
	}
	for _, t := range []struct {
		s   sql.NullString
		dst **time.Time
	}{{next, &d.NextAttempt}, {delivered, &d.DeliveredAt}} {
		if !t.s.Valid {
			continue
		}
		v, err := parseTime(t.s.String)
		if err != nil {
			return nil, fmt.Errorf("delivery %s: time %q: %w", d.ID, t.s.String, err)
		}
		*t.dst = &v
	}
	return &d, nil
}

// ClaimDeliveries takes due pending deliveries for one dispatcher; see
// sitrep.AlertStore.
func (db *DB) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*sitrep.Delivery, error) {
	if limit <= 0 || lease <= 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "claim deliveries: limit %d and lease %s must be positive", limit, lease)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: claim deliveries: begin: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, "SELECT "+deliveryColumns+` FROM alert_deliveries
		WHERE state = 'pending' AND next_attempt <= ? ORDER BY next_attempt, matched_at, id LIMIT ?`,
		formatTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("store: claim deliveries: %w", err)
	}
	var out []*sitrep.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: claim deliveries: %w", err)
		}
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: claim deliveries: %w", err)
	}
	until := now.Add(lease).UTC()
	for _, d := range out {
		if _, err := tx.ExecContext(ctx, "UPDATE alert_deliveries SET attempts = attempts + 1, next_attempt = ? WHERE id = ?",
			formatTime(until), d.ID); err != nil {
			return nil, fmt.Errorf("store: claim delivery %s: %w", d.ID, err)
		}
		d.Attempts++
		d.NextAttempt = &until
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: claim deliveries: commit: %w", err)
	}
	return out, nil
}

// FinishAttempt records how a claimed delivery's attempt went. A delivery
// no longer pending (another dispatcher finished it after this one's lease
// ran out) is left as it is.
func (db *DB) FinishAttempt(ctx context.Context, id string, r sitrep.AttemptResult) error {
	var res sql.Result
	var err error
	msg := clip(r.Error, 500)
	switch {
	case r.OK:
		res, err = db.db.ExecContext(ctx, `UPDATE alert_deliveries SET state = 'delivered', delivered_at = ?,
			next_attempt = NULL, last_error = '' WHERE id = ? AND state = 'pending'`, formatTime(r.At), id)
	case r.Final:
		res, err = db.db.ExecContext(ctx, `UPDATE alert_deliveries SET state = 'failed', next_attempt = NULL,
			last_error = ? WHERE id = ? AND state = 'pending'`, msg, id)
	default:
		if r.Next.IsZero() {
			return sitrep.Errorf(sitrep.EINVALID, "delivery %s: a failed attempt that is not final needs a next attempt", id)
		}
		res, err = db.db.ExecContext(ctx, `UPDATE alert_deliveries SET next_attempt = ?, last_error = ?
			WHERE id = ? AND state = 'pending'`, formatTime(r.Next), msg, id)
	}
	if err != nil {
		return fmt.Errorf("store: finish delivery %s: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("store: finish delivery %s: %w", id, err)
	} else if n == 1 {
		return nil
	}
	var one int
	err = db.db.QueryRowContext(ctx, "SELECT 1 FROM alert_deliveries WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.Errorf(sitrep.ENOTFOUND, "delivery %s not found", id)
	} else if err != nil {
		return fmt.Errorf("store: finish delivery %s: %w", id, err)
	}
	return nil
}

// AlertMatches lists an alert's deliveries, newest match first.
func (db *DB) AlertMatches(ctx context.Context, id int64, limit int) ([]*sitrep.Delivery, error) {
	limit, err := pageLimit(limit, 0, DefaultMatchLimit, MaxMatchLimit)
	if err != nil {
		return nil, err
	}
	rows, err := db.db.QueryContext(ctx, "SELECT "+deliveryColumns+` FROM alert_deliveries
		WHERE alert_id = ? ORDER BY matched_at DESC, id DESC LIMIT ?`, id, limit)
	if err != nil {
		return nil, fmt.Errorf("store: matches of alert %d: %w", id, err)
	}
	defer rows.Close()
	out := []*sitrep.Delivery{}
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, fmt.Errorf("store: matches of alert %d: %w", id, err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: matches of alert %d: %w", id, err)
	}
	return out, nil
}

// StoryRates counts recent and baseline articles of the stories active in
// the recent window; see sitrep.BreakingStore.
func (db *DB) StoryRates(ctx context.Context, baselineFrom, recentFrom, now time.Time) ([]sitrep.StoryRate, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT r.story_id, r.n,
		(SELECT count(*) FROM story_links AS b WHERE b.story_id = r.story_id AND b.seen >= ?1 AND b.seen < ?2)
		FROM (SELECT story_id, count(*) AS n FROM story_links WHERE seen >= ?2 AND seen <= ?3 GROUP BY story_id) AS r
		ORDER BY r.story_id`,
		formatTime(clampTime(baselineFrom)), formatTime(clampTime(recentFrom)), formatTime(clampTime(now)))
	if err != nil {
		return nil, fmt.Errorf("store: story rates: %w", err)
	}
	defer rows.Close()
	var out []sitrep.StoryRate
	for rows.Next() {
		var r sitrep.StoryRate
		if err := rows.Scan(&r.StoryID, &r.Recent, &r.Baseline); err != nil {
			return nil, fmt.Errorf("store: story rates: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: story rates: %w", err)
	}
	return out, nil
}

// SetBreaking replaces the breaking set; see sitrep.BreakingStore.
func (db *DB) SetBreaking(ctx context.Context, bs []sitrep.BreakingStory) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: set breaking: begin: %w", err)
	}
	defer tx.Rollback()
	keep := map[string]bool{}
	for _, b := range bs {
		if b.StoryID == "" {
			return sitrep.Errorf(sitrep.EINVALID, "breaking story without an id")
		}
		keep[b.StoryID] = true
		since := b.Since
		if since.IsZero() {
			since = b.Updated
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_breaking (story_id, since, updated, recent, baseline_rate)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (story_id) DO UPDATE SET updated = excluded.updated,
			recent = excluded.recent, baseline_rate = excluded.baseline_rate`,
			b.StoryID, formatTime(since), formatTime(b.Updated), b.Recent, b.BaselineRate); err != nil {
			return fmt.Errorf("store: set breaking %s: %w", b.StoryID, err)
		}
	}
	rows, err := tx.QueryContext(ctx, "SELECT story_id FROM story_breaking")
	if err != nil {
		return fmt.Errorf("store: set breaking: %w", err)
	}
	var gone []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("store: set breaking: %w", err)
		}
		if !keep[id] {
			gone = append(gone, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: set breaking: %w", err)
	}
	for _, id := range gone {
		if _, err := tx.ExecContext(ctx, "DELETE FROM story_breaking WHERE story_id = ?", id); err != nil {
			return fmt.Errorf("store: unset breaking %s: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: set breaking: commit: %w", err)
	}
	return nil
}

// BreakingStories lists the breaking stories, most recent surge first.
func (db *DB) BreakingStories(ctx context.Context) ([]sitrep.BreakingStory, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT b.story_id, b.since, b.updated, b.recent, b.baseline_rate,
		COALESCE(s.title, ''), COALESCE(s.central_article, '')
		FROM story_breaking AS b LEFT JOIN stories AS s ON s.id = b.story_id ORDER BY b.since DESC, b.story_id`)
	if err != nil {
		return nil, fmt.Errorf("store: breaking stories: %w", err)
	}
	defer rows.Close()
	out := []sitrep.BreakingStory{}
	for rows.Next() {
		var b sitrep.BreakingStory
		var since, updated string
		if err := rows.Scan(&b.StoryID, &since, &updated, &b.Recent, &b.BaselineRate, &b.Title, &b.CentralArticle); err != nil {
			return nil, fmt.Errorf("store: breaking stories: %w", err)
		}
		if b.Since, err = parseTime(since); err != nil {
			return nil, fmt.Errorf("store: breaking story %s: since %q: %w", b.StoryID, since, err)
		}
		if b.Updated, err = parseTime(updated); err != nil {
			return nil, fmt.Errorf("store: breaking story %s: updated %q: %w", b.StoryID, updated, err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: breaking stories: %w", err)
	}
	return out, nil
}

// clip shortens s to at most n bytes at a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
