package gazimport

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"time"
)

// writer stores the rows of one import in batched transactions.
type writer struct {
	db     *sql.DB
	source string
	rep    *Report
	file   string
	run    int64
	batch  []row
}

// begin starts the source's next run.
func (w *writer) begin(ctx context.Context, f Format, path string, now time.Time) error {
	err := w.db.QueryRowContext(ctx, `INSERT INTO gazetteer_sources (name, format, path, run, imported_at)
		VALUES (?, ?, ?, 1, ?)
		ON CONFLICT (name) DO UPDATE SET format = excluded.format, path = excluded.path,
			run = run + 1, imported_at = excluded.imported_at
		RETURNING run`,
		w.source, string(f), path, now.UTC().Format(time.RFC3339)).Scan(&w.run)
	if err != nil {
		return fmt.Errorf("gazetteer: import %s: begin: %w", w.source, err)
	}
	return nil
}

func (w *writer) add(ctx context.Context, r row) error {
	w.batch = append(w.batch, r)
	if len(w.batch) >= batchRows {
		return w.flush(ctx)
	}
	return nil
}

// The upserts. On conflict a row seen earlier in this run (a repeated id)
// is left alone and returns nothing; else updated_run moves only when the
// digest of the row's content changed. SET expressions read the old row.
const (
	upsertPlace = `INSERT INTO gazetteer_places (source, id, name, alternates, lat, lon, country,
		admin1, admin2, admin1_code, admin2_code, feature, feature_code, population, geonameid,
		digest, added_run, updated_run, seen_run)
	VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17, ?17)
	ON CONFLICT (source, id) DO UPDATE SET
		name = excluded.name, alternates = excluded.alternates, lat = excluded.lat, lon = excluded.lon,
		country = excluded.country, admin1 = excluded.admin1, admin2 = excluded.admin2,
		admin1_code = excluded.admin1_code, admin2_code = excluded.admin2_code,
		feature = excluded.feature, feature_code = excluded.feature_code,
		population = excluded.population, geonameid = excluded.geonameid,
		updated_run = CASE WHEN digest = excluded.digest THEN updated_run ELSE excluded.seen_run END,
		digest = excluded.digest, seen_run = excluded.seen_run
	WHERE seen_run < excluded.seen_run
	RETURNING added_run, updated_run`

	upsertCode = `INSERT INTO gazetteer_codes (source, code, level, name, ascii_name, geonameid, population,
		digest, added_run, updated_run, seen_run)
	VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?9)
	ON CONFLICT (source, code) DO UPDATE SET
		level = excluded.level, name = excluded.name, ascii_name = excluded.ascii_name,
		geonameid = excluded.geonameid, population = excluded.population,
		updated_run = CASE WHEN digest = excluded.digest THEN updated_run ELSE excluded.seen_run END,
		digest = excluded.digest, seen_run = excluded.seen_run
	WHERE seen_run < excluded.seen_run
	RETURNING added_run, updated_run`
)

// flush writes the batch in one transaction.
func (w *writer) flush(ctx context.Context) error {
	if len(w.batch) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Cancellation is checked once per batch: with a cancellable context
	// database/sql watches every statement with a goroutine of its own,
	// which costs a third of the import's time.
	ctx = context.WithoutCancel(ctx)
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("gazetteer: import %s: %w", w.source, err)
	}
	defer tx.Rollback()
	var places, codes *sql.Stmt
	for _, r := range w.batch {
		var added, updated int64
		if r.place != nil {
			if places == nil {
				if places, err = tx.PrepareContext(ctx, upsertPlace); err != nil {
					return fmt.Errorf("gazetteer: import %s: %w", w.source, err)
				}
				defer places.Close()
			}
			p := r.place
			err = places.QueryRowContext(ctx, w.source, p.id, p.name, p.alternates, p.lat, p.lon, p.country,
				p.admin1, p.admin2, p.admin1Code, p.admin2Code, p.feature, p.featureCode, p.population, p.geonameID,
				p.digest(), w.run).Scan(&added, &updated)
		} else {
			if codes == nil {
				if codes, err = tx.PrepareContext(ctx, upsertCode); err != nil {
					return fmt.Errorf("gazetteer: import %s: %w", w.source, err)
				}
				defer codes.Close()
			}
			c := r.code
			err = codes.QueryRowContext(ctx, w.source, c.code, c.level, c.name, c.asciiName, c.geonameID, c.population,
				c.digest(), w.run).Scan(&added, &updated)
		}
		rep := w.rep
		switch {
		case errors.Is(err, sql.ErrNoRows):
			// Counted as read and kept; now known to repeat an id.
			rep.Bad++
			if len(rep.BadRows) < maxBadRows {
				rep.BadRows = append(rep.BadRows, &RowError{File: w.file, Line: r.line, Reason: "repeats the id of an earlier row; the first is kept"})
			}
		case err != nil:
			return fmt.Errorf("gazetteer: import %s:%d: store: %w", w.file, r.line, err)
		case added == w.run:
			rep.Added++
			rep.country(r.country()).Added++
		case updated == w.run:
			rep.Updated++
			rep.country(r.country()).Updated++
		default:
			rep.Unchanged++
			rep.country(r.country()).Unchanged++
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("gazetteer: import %s: commit: %w", w.source, err)
	}
	clear(w.batch)
	w.batch = w.batch[:0]
	return nil
}

// finish writes the last batch, deletes the rows of earlier runs the file
// no longer has and marks the run complete.
func (w *writer) finish(ctx context.Context) error {
	if err := w.flush(ctx); err != nil {
		return err
	}
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("gazetteer: import %s: %w", w.source, err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		"DELETE FROM gazetteer_places WHERE source = ? AND seen_run < ? RETURNING country",
		"DELETE FROM gazetteer_codes WHERE source = ? AND seen_run < ? RETURNING substr(code, 1, 2)",
	} {
		if err := w.removed(ctx, tx, q); err != nil {
			return err
		}
	}
	kept := w.rep.Added + w.rep.Updated + w.rep.Unchanged
	if _, err := tx.ExecContext(ctx, "UPDATE gazetteer_sources SET complete_run = run, rows = ? WHERE name = ? AND run = ?",
		kept, w.source, w.run); err != nil {
		return fmt.Errorf("gazetteer: import %s: complete: %w", w.source, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("gazetteer: import %s: commit: %w", w.source, err)
	}
	return nil
}

func (w *writer) removed(ctx context.Context, tx *sql.Tx, q string) error {
	rows, err := tx.QueryContext(ctx, q, w.source, w.run)
	if err != nil {
		return fmt.Errorf("gazetteer: import %s: remove old rows: %w", w.source, err)
	}
	defer rows.Close()
	for rows.Next() {
		var country string
		if err := rows.Scan(&country); err != nil {
			return fmt.Errorf("gazetteer: import %s: remove old rows: %w", w.source, err)
		}
		w.rep.Removed++
		w.rep.country(country).Removed++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("gazetteer: import %s: remove old rows: %w", w.source, err)
	}
	return nil
}

// digest hashes what a place stores, to tell an update from a repeat.
func (p *place) digest() int64 {
	return digest(p.id, p.name, p.alternates, fmtFloat(p.lat), fmtFloat(p.lon), p.country, p.admin1, p.admin2,
		p.admin1Code, p.admin2Code, p.feature, p.featureCode, strconv.FormatInt(p.population, 10), strconv.FormatInt(p.geonameID, 10))
}

func (c *code) digest() int64 {
	return digest(c.code, c.level, c.name, c.asciiName, strconv.FormatInt(c.geonameID, 10), strconv.FormatInt(c.population, 10))
}

func digest(fields ...string) int64 {
	h := fnv.New64a()
	for _, f := range fields {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	return int64(h.Sum64() & math.MaxInt64)
}

func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
