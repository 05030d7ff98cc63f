package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var (
	_ sitrep.JobQueue      = (*DB)(nil)
	_ sitrep.AnalysisStore = (*DB)(nil)
)

// jobColumns lists a job's columns in the order of scanJob.
const jobColumns = `id, kind, key, payload, state, attempts, max_attempts, run_after,
	lease_owner, lease_until, last_error, created_at, updated_at`

// Enqueue adds jobs; see sitrep.JobQueue. The open-key index turns a second
// open job with a key into a conflict, answered with the first one's id.
func (db *DB) Enqueue(ctx context.Context, jobs []*sitrep.Job) ([]sitrep.EnqueueResult, error) {
	for _, j := range jobs {
		if err := j.Validate(); err != nil {
			return nil, err
		}
	}
	out := make([]sitrep.EnqueueResult, len(jobs))
	if len(jobs) == 0 {
		return out, nil
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: enqueue: begin: %w", err)
	}
	defer tx.Rollback()
	insert, err := tx.PrepareContext(ctx, `INSERT INTO jobs
		(kind, key, payload, state, max_attempts, run_after, created_at, updated_at)
		VALUES (?, ?, ?, 'queued', ?, ?, ?, ?)
		ON CONFLICT (key) WHERE state IN ('queued', 'running') DO NOTHING RETURNING id`)
	if err != nil {
		return nil, fmt.Errorf("store: enqueue: %w", err)
	}
	defer insert.Close()
	open, err := tx.PrepareContext(ctx, "SELECT id FROM jobs WHERE key = ? AND state IN ('queued', 'running')")
	if err != nil {
		return nil, fmt.Errorf("store: enqueue: %w", err)
	}
	defer open.Close()

	now := db.now()
	for i, j := range jobs {
		runAfter := j.RunAfter
		if runAfter.IsZero() {
			runAfter = now
		}
		err := insert.QueryRowContext(ctx, j.Kind, j.Key, string(j.Payload), j.MaxAttempts,
			formatTime(runAfter), formatTime(now), formatTime(now)).Scan(&out[i].ID)
		switch {
		case err == nil:
			out[i].Added = true
		case errors.Is(err, sql.ErrNoRows):
			if err := open.QueryRowContext(ctx, j.Key).Scan(&out[i].ID); err != nil {
				return nil, fmt.Errorf("store: enqueue %s job %q: find the open job: %w", j.Kind, j.Key, err)
			}
		default:
			return nil, fmt.Errorf("store: enqueue %s job %q: %w", j.Kind, j.Key, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: enqueue %d jobs: commit: %w", len(jobs), err)
	}
	return out, nil
}

// Claim takes up to n jobs for worker; see sitrep.JobQueue. The whole claim
// is one IMMEDIATE transaction: no two workers can take the same job.
func (db *DB) Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]*sitrep.Job, error) {
	if err := checkLease(worker, lease); err != nil {
		return nil, err
	}
	if n <= 0 {
		return []*sitrep.Job{}, nil
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: claim jobs for %s: begin: %w", worker, err)
	}
	defer tx.Rollback()
	now := formatTime(db.now())
	// A job whose worker died on every attempt is poison: stop there.
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET state = 'failed', lease_until = NULL, updated_at = ?1,
		last_error = 'gave up after ' || attempts || ' attempts: the lease of worker ' || lease_owner ||
			' expired (it died or hung)' || CASE WHEN last_error = '' THEN '' ELSE '; before: ' || last_error END
		WHERE state = 'running' AND lease_until < ?1 AND attempts >= max_attempts`, now); err != nil {
		return nil, fmt.Errorf("store: claim jobs for %s: expire: %w", worker, err)
	}
	rows, err := tx.QueryContext(ctx, `UPDATE jobs SET state = 'running', attempts = attempts + 1,
		lease_owner = ?1, lease_until = ?2, updated_at = ?3
		WHERE id IN (SELECT id FROM jobs
			WHERE state IN ('queued', 'running')
			AND ((state = 'queued' AND run_after <= ?3)
				OR (state = 'running' AND lease_until < ?3 AND attempts < max_attempts))
			ORDER BY id LIMIT ?4)
		RETURNING `+jobColumns, worker, formatTime(db.now().Add(lease)), now, n)
	if err != nil {
		return nil, fmt.Errorf("store: claim jobs for %s: %w", worker, err)
	}
	jobs, err := scanJobs(rows)
	if err != nil {
		return nil, fmt.Errorf("store: claim jobs for %s: %w", worker, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: claim jobs for %s: commit: %w", worker, err)
	}
	slices.SortFunc(jobs, func(a, b *sitrep.Job) int { return int(a.ID - b.ID) })
	return jobs, nil
}

// Extend renews worker's leases on ids; see sitrep.JobQueue.
func (db *DB) Extend(ctx context.Context, worker string, ids []int64, lease time.Duration) error {
	if err := checkLease(worker, lease); err != nil {
		return err
	}
	if len(ids) == 0 {
		return nil
	}
	now := db.now()
	args := []any{formatTime(now.Add(lease)), formatTime(now), worker}
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := db.db.QueryContext(ctx, `UPDATE jobs SET lease_until = ?, updated_at = ?
		WHERE lease_owner = ? AND state = 'running' AND id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)
		RETURNING id`, args...)
	if err != nil {
		return fmt.Errorf("store: extend leases of %s: %w", worker, err)
	}
	held, err := scanIDs(rows)
	if err != nil {
		return fmt.Errorf("store: extend leases of %s: %w", worker, err)
	}
	return lostJobs(worker, ids, held)
}

// Complete marks a job done and queues its articles for connecting; see
// sitrep.JobQueue.
func (db *DB) Complete(ctx context.Context, worker string, id int64, articles []string) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: complete job %d: begin: %w", id, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `UPDATE jobs SET state = 'done', lease_until = NULL, updated_at = ?
		WHERE id = ? AND state = 'running' AND lease_owner = ?`, formatTime(db.now()), id, worker)
	if err != nil {
		return fmt.Errorf("store: complete job %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return db.notHeld(ctx, tx, worker, id)
	}
	for _, a := range articles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO connect_pending (article_id) VALUES (?)
			ON CONFLICT (article_id) DO UPDATE SET mark = mark + 1`, a); err != nil {
			return fmt.Errorf("store: complete job %d: queue article %s for connecting: %w", id, a, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: complete job %d: commit: %w", id, err)
	}
	return nil
}

// Fail records a failed attempt; see sitrep.JobQueue.
func (db *DB) Fail(ctx context.Context, worker string, id int64, reason string, permanent bool) (sitrep.JobState, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("store: fail job %d: begin: %w", id, err)
	}
	defer tx.Rollback()
	var attempts, most int
	err = tx.QueryRowContext(ctx, `SELECT attempts, max_attempts FROM jobs
		WHERE id = ? AND state = 'running' AND lease_owner = ?`, id, worker).Scan(&attempts, &most)
	if errors.Is(err, sql.ErrNoRows) {
		return "", db.notHeld(ctx, tx, worker, id)
	} else if err != nil {
		return "", fmt.Errorf("store: fail job %d: %w", id, err)
	}
	now := db.now()
	state, runAfter := sitrep.JobQueued, now.Add(sitrep.JobBackoff(attempts))
	if permanent || attempts >= most {
		state, runAfter = sitrep.JobFailed, now
	}
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET state = ?, run_after = ?, lease_until = NULL,
		last_error = ?, updated_at = ? WHERE id = ?`,
		state, formatTime(runAfter), reason, formatTime(now), id); err != nil {
		return "", fmt.Errorf("store: fail job %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("store: fail job %d: commit: %w", id, err)
	}
	return state, nil
}

// Release gives a claimed job back; see sitrep.JobQueue.
func (db *DB) Release(ctx context.Context, worker string, id int64) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: release job %d: begin: %w", id, err)
	}
	defer tx.Rollback()
	now := formatTime(db.now())
	res, err := tx.ExecContext(ctx, `UPDATE jobs SET state = 'queued', attempts = max(attempts - 1, 0),
		run_after = ?1, lease_until = NULL, updated_at = ?1
		WHERE id = ?2 AND state = 'running' AND lease_owner = ?3`, now, id, worker)
	if err != nil {
		return fmt.Errorf("store: release job %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return db.notHeld(ctx, tx, worker, id)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: release job %d: commit: %w", id, err)
	}
	return nil
}

// notHeld explains why worker could not change job id: ENOTFOUND, or
// ECONFLICT naming the job's state and holder.
func (db *DB) notHeld(ctx context.Context, tx *sql.Tx, worker string, id int64) error {
	var state, owner string
	err := tx.QueryRowContext(ctx, "SELECT state, lease_owner FROM jobs WHERE id = ?", id).Scan(&state, &owner)
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.Errorf(sitrep.ENOTFOUND, "job %d not found", id)
	} else if err != nil {
		return fmt.Errorf("store: job %d: %w", id, err)
	}
	return notHeldError(worker, id, sitrep.JobState(state), owner)
}

// Job returns the job with id; see sitrep.JobQueue.
func (db *DB) Job(ctx context.Context, id int64) (*sitrep.Job, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT "+jobColumns+" FROM jobs WHERE id = ?", id)
	if err != nil {
		return nil, fmt.Errorf("store: job %d: %w", id, err)
	}
	jobs, err := scanJobs(rows)
	if err != nil {
		return nil, fmt.Errorf("store: job %d: %w", id, err)
	}
	if len(jobs) == 0 {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "job %d not found", id)
	}
	return jobs[0], nil
}

// Stats counts jobs by state; see sitrep.JobQueue.
func (db *DB) Stats(ctx context.Context) (sitrep.JobStats, error) {
	var s sitrep.JobStats
	err := db.db.QueryRowContext(ctx, `SELECT
		count(*) FILTER (WHERE state = 'queued'),
		count(*) FILTER (WHERE state = 'running'),
		count(*) FILTER (WHERE state = 'done'),
		count(*) FILTER (WHERE state = 'failed'),
		count(*) FILTER (WHERE state = 'running' AND lease_until < ?),
		(SELECT count(*) FROM connect_pending)
		FROM jobs`, formatTime(db.now())).Scan(&s.Queued, &s.Running, &s.Done, &s.Failed, &s.Expired, &s.Connecting)
	if err != nil {
		return s, fmt.Errorf("store: job stats: %w", err)
	}
	return s, nil
}

// PendingConnect returns articles waiting to be connected; see
// sitrep.JobQueue.
func (db *DB) PendingConnect(ctx context.Context, n int) ([]sitrep.PendingArticle, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT article_id, mark FROM connect_pending ORDER BY seq LIMIT ?", max(n, 0))
	if err != nil {
		return nil, fmt.Errorf("store: articles to connect: %w", err)
	}
	defer rows.Close()
	out := []sitrep.PendingArticle{}
	for rows.Next() {
		var p sitrep.PendingArticle
		if err := rows.Scan(&p.ID, &p.Mark); err != nil {
			return nil, fmt.Errorf("store: articles to connect: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: articles to connect: %w", err)
	}
	return out, nil
}

// Connected clears articles from the connect queue, each only if it was
// not queued again since it was read; see sitrep.JobQueue.
func (db *DB) Connected(ctx context.Context, done []sitrep.PendingArticle) error {
	if len(done) == 0 {
		return nil
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: connected: begin: %w", err)
	}
	defer tx.Rollback()
	del, err := tx.PrepareContext(ctx, "DELETE FROM connect_pending WHERE article_id = ? AND mark = ?")
	if err != nil {
		return fmt.Errorf("store: connected: %w", err)
	}
	defer del.Close()
	for _, p := range done {
		if _, err := del.ExecContext(ctx, p.ID, p.Mark); err != nil {
			return fmt.Errorf("store: connected %s: %w", p.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: connected %d articles: commit: %w", len(done), err)
	}
	return nil
}

// Lock takes a named lease; see sitrep.JobQueue.
func (db *DB) Lock(ctx context.Context, name, owner string, lease time.Duration) (int64, bool, error) {
	if err := checkLease(owner, lease); err != nil {
		return 0, false, err
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, fmt.Errorf("store: lock %s for %s: begin: %w", name, owner, err)
	}
	defer tx.Rollback()
	now := db.now()
	var held string
	var until sql.NullString
	var version int64
	err = tx.QueryRowContext(ctx, "SELECT owner, until, version FROM locks WHERE name = ?", name).Scan(&held, &until, &version)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("store: lock %s for %s: %w", name, owner, err)
	}
	live := until.Valid && until.String >= formatTime(now)
	switch {
	case live && held != owner:
		return version, false, nil
	case !live || held != owner:
		version++ // taken, not renewed
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO locks (name, owner, until, version) VALUES (?1, ?2, ?3, ?4)
		ON CONFLICT (name) DO UPDATE SET owner = ?2, until = ?3, version = ?4`,
		name, owner, formatTime(now.Add(lease)), version); err != nil {
		return 0, false, fmt.Errorf("store: lock %s for %s: %w", name, owner, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, false, fmt.Errorf("store: lock %s for %s: commit: %w", name, owner, err)
	}
	return version, true, nil
}

// Unlock releases owner's lease on name; see sitrep.JobQueue.
func (db *DB) Unlock(ctx context.Context, name, owner string) error {
	if _, err := db.db.ExecContext(ctx, "UPDATE locks SET until = NULL WHERE name = ? AND owner = ?", name, owner); err != nil {
		return fmt.Errorf("store: unlock %s for %s: %w", name, owner, err)
	}
	return nil
}

// PutAnalysis replaces a stored article's analysis; see
// sitrep.AnalysisStore. updated_at moves, so the site's index takes the new
// analysis at its next sync.
func (db *DB) PutAnalysis(ctx context.Context, id string, a *sitrep.Analysis) error {
	changed, err := db.UpdateAnalysis(ctx, id, a)
	if err != nil || changed {
		return err
	}
	var one int
	if err := db.db.QueryRowContext(ctx, "SELECT 1 FROM articles WHERE id = ?", id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
		return sitrep.Errorf(sitrep.ENOTFOUND, "article %s not found", id)
	} else if err != nil {
		return fmt.Errorf("store: put analysis of article %s: %w", id, err)
	}
	return nil
}

// UpdateAnalysis replaces the analysis of article id when it differs from
// the stored one, and reports whether it did: an analysis unchanged leaves
// updated_at alone, so the index does not redo the article.
func (db *DB) UpdateAnalysis(ctx context.Context, id string, a *sitrep.Analysis) (bool, error) {
	analysis, err := jsonOrNull(a, a == nil)
	if err != nil {
		return false, sitrep.Errorf(sitrep.EINVALID, "analysis of article %s: %v", id, err)
	}
	res, err := db.db.ExecContext(ctx, "UPDATE articles SET analysis = ?1, updated_at = ?2 WHERE id = ?3 AND analysis IS NOT ?1",
		analysis, formatTime(db.now()), id)
	if err != nil {
		return false, fmt.Errorf("store: put analysis of article %s: %w", id, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

func checkLease(worker string, lease time.Duration) error {
	switch {
	case worker == "":
		return sitrep.Errorf(sitrep.EINVALID, "a worker needs a name to hold leases")
	case lease <= 0:
		return sitrep.Errorf(sitrep.EINVALID, "lease %s is not positive", lease)
	}
	return nil
}

func notHeldError(worker string, id int64, state sitrep.JobState, owner string) error {
	if state == sitrep.JobRunning {
		return sitrep.Errorf(sitrep.ECONFLICT, "job %d is no longer held by %s: its lease expired and %s took it", id, worker, owner)
	}
	return sitrep.Errorf(sitrep.ECONFLICT, "job %d is no longer held by %s: it is %s", id, worker, state)
}

// lostJobs reports the ids of want that are not in held.
func lostJobs(worker string, want, held []int64) error {
	var lost []string
	for _, id := range want {
		if !slices.Contains(held, id) {
			lost = append(lost, fmt.Sprint(id))
		}
	}
	if len(lost) > 0 {
		return sitrep.Errorf(sitrep.ECONFLICT, "jobs %s are no longer held by %s", strings.Join(lost, ", "), worker)
	}
	return nil
}

func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// scanJobs reads rows selected with jobColumns and closes them.
func scanJobs(rows *sql.Rows) ([]*sitrep.Job, error) {
	defer rows.Close()
	jobs := []*sitrep.Job{}
	for rows.Next() {
		var (
			j                          sitrep.Job
			kind, payload, state       string
			runAfter, created, updated string
			leaseUntil                 sql.NullString
		)
		if err := rows.Scan(&j.ID, &kind, &j.Key, &payload, &state, &j.Attempts, &j.MaxAttempts, &runAfter,
			&j.LeaseOwner, &leaseUntil, &j.LastError, &created, &updated); err != nil {
			return nil, err
		}
		j.Kind, j.State, j.Payload = sitrep.JobKind(kind), sitrep.JobState(state), json.RawMessage(payload)
		var err error
		if j.RunAfter, err = parseTime(runAfter); err != nil {
			return nil, fmt.Errorf("job %d: run after: %w", j.ID, err)
		}
		if j.Created, err = parseTime(created); err != nil {
			return nil, fmt.Errorf("job %d: created: %w", j.ID, err)
		}
		if j.Updated, err = parseTime(updated); err != nil {
			return nil, fmt.Errorf("job %d: updated: %w", j.ID, err)
		}
		if leaseUntil.Valid {
			t, err := parseTime(leaseUntil.String)
			if err != nil {
				return nil, fmt.Errorf("job %d: lease until: %w", j.ID, err)
			}
			j.LeaseUntil = &t
		}
		jobs = append(jobs, &j)
	}
	return jobs, rows.Err()
}
