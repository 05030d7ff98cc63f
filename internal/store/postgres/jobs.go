package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

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
	now := db.now()
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		for i, j := range jobs {
			runAfter := j.RunAfter
			if runAfter.IsZero() {
				runAfter = now
			}
			err := tx.QueryRow(ctx, `INSERT INTO jobs
				(kind, key, payload, state, max_attempts, run_after, created_at, updated_at)
				VALUES ($1, $2, $3, 'queued', $4, $5, $6, $6)
				ON CONFLICT (key) WHERE state IN ('queued', 'running') DO NOTHING RETURNING id`,
				string(j.Kind), j.Key, string(j.Payload), j.MaxAttempts, runAfter, now).Scan(&out[i].ID)
			switch {
			case err == nil:
				out[i].Added = true
			case errors.Is(err, pgx.ErrNoRows):
				// The open job may finish between the insert and this read;
				// then the insert is tried again.
				err = tx.QueryRow(ctx, "SELECT id FROM jobs WHERE key = $1 AND state IN ('queued', 'running')", j.Key).Scan(&out[i].ID)
				if err != nil {
					return fmt.Errorf("%s job %q: find the open job: %w", j.Kind, j.Key, err)
				}
			default:
				return fmt.Errorf("%s job %q: %w", j.Kind, j.Key, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: enqueue %d jobs: %w", len(jobs), err)
	}
	return out, nil
}

// Claim takes up to n jobs for worker; see sitrep.JobQueue. SKIP LOCKED
// lets concurrent claims pass each other's rows instead of queueing behind
// them, and makes each job go to one claim only.
func (db *DB) Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]*sitrep.Job, error) {
	if err := checkLease(worker, lease); err != nil {
		return nil, err
	}
	if n <= 0 {
		return []*sitrep.Job{}, nil
	}
	now := db.now()
	var jobs []*sitrep.Job
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// A job whose worker died on every attempt is poison: stop there.
		if _, err := tx.Exec(ctx, `WITH poison AS (
				SELECT id FROM jobs WHERE state = 'running' AND lease_until < $1 AND attempts >= max_attempts
				FOR UPDATE SKIP LOCKED)
			UPDATE jobs SET state = 'failed', lease_until = NULL, updated_at = $1,
				last_error = 'gave up after ' || attempts || ' attempts: the lease of worker ' || lease_owner ||
					' expired (it died or hung)' || CASE WHEN last_error = '' THEN '' ELSE '; before: ' || last_error END
			FROM poison WHERE jobs.id = poison.id`, now); err != nil {
			return fmt.Errorf("expire: %w", err)
		}
		rows, err := tx.Query(ctx, `WITH claimable AS (
				SELECT id FROM jobs
				WHERE state IN ('queued', 'running')
				AND ((state = 'queued' AND run_after <= $3)
					OR (state = 'running' AND lease_until < $3 AND attempts < max_attempts))
				ORDER BY id LIMIT $4
				FOR UPDATE SKIP LOCKED)
			UPDATE jobs SET state = 'running', attempts = jobs.attempts + 1,
				lease_owner = $1, lease_until = $2, updated_at = $3
			FROM claimable WHERE jobs.id = claimable.id
			RETURNING `+qualified("jobs", jobColumns), worker, now.Add(lease), now, n)
		if err != nil {
			return err
		}
		jobs, err = scanJobs(rows)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim jobs for %s: %w", worker, err)
	}
	slices.SortFunc(jobs, func(a, b *sitrep.Job) int { return int(a.ID - b.ID) })
	return jobs, nil
}

// qualified prefixes each of a comma-separated list of columns with table.
func qualified(table, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = table + "." + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
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
	rows, err := db.pool.Query(ctx, `UPDATE jobs SET lease_until = $1, updated_at = $2
		WHERE lease_owner = $3 AND state = 'running' AND id = ANY($4) RETURNING id`, now.Add(lease), now, worker, ids)
	if err != nil {
		return fmt.Errorf("store: extend leases of %s: %w", worker, err)
	}
	held, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("store: extend leases of %s: %w", worker, err)
	}
	return lostJobs(worker, ids, held)
}

// Complete marks a job done and queues its articles for connecting; see
// sitrep.JobQueue.
func (db *DB) Complete(ctx context.Context, worker string, id int64, articles []string) error {
	// Rows are locked in id order by every writer of connect_pending, so
	// two completing jobs that stored the same articles never deadlock.
	ids := slices.Clone(articles)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE jobs SET state = 'done', lease_until = NULL, updated_at = $1
			WHERE id = $2 AND state = 'running' AND lease_owner = $3`, db.now(), id, worker)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return notHeld(ctx, tx, worker, id)
		}
		if len(ids) == 0 {
			return nil
		}
		_, err = tx.Exec(ctx, `INSERT INTO connect_pending (article_id) SELECT unnest($1::text[]) ORDER BY 1
			ON CONFLICT (article_id) DO UPDATE SET mark = connect_pending.mark + 1`, ids)
		return err
	})
	if err != nil {
		return wrapJobErr(err, "complete job %d", id)
	}
	return nil
}

// Fail records a failed attempt; see sitrep.JobQueue.
func (db *DB) Fail(ctx context.Context, worker string, id int64, reason string, permanent bool) (sitrep.JobState, error) {
	var state sitrep.JobState
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		var attempts, most int
		err := tx.QueryRow(ctx, `SELECT attempts, max_attempts FROM jobs
			WHERE id = $1 AND state = 'running' AND lease_owner = $2 FOR UPDATE`, id, worker).Scan(&attempts, &most)
		if errors.Is(err, pgx.ErrNoRows) {
			return notHeld(ctx, tx, worker, id)
		} else if err != nil {
			return err
		}
		now := db.now()
		runAfter := now.Add(sitrep.JobBackoff(attempts))
		state = sitrep.JobQueued
		if permanent || attempts >= most {
			state, runAfter = sitrep.JobFailed, now
		}
		_, err = tx.Exec(ctx, `UPDATE jobs SET state = $1, run_after = $2, lease_until = NULL,
			last_error = $3, updated_at = $4 WHERE id = $5`, string(state), runAfter, reason, now, id)
		return err
	})
	if err != nil {
		return "", wrapJobErr(err, "fail job %d", id)
	}
	return state, nil
}

// Release gives a claimed job back; see sitrep.JobQueue.
func (db *DB) Release(ctx context.Context, worker string, id int64) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE jobs SET state = 'queued', attempts = greatest(attempts - 1, 0),
			run_after = $1, lease_until = NULL, updated_at = $1
			WHERE id = $2 AND state = 'running' AND lease_owner = $3`, db.now(), id, worker)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return notHeld(ctx, tx, worker, id)
		}
		return nil
	})
	if err != nil {
		return wrapJobErr(err, "release job %d", id)
	}
	return nil
}

// wrapJobErr adds the step to a store failure and passes a *sitrep.Error
// (not held, not found) through as it is.
func wrapJobErr(err error, format string, args ...any) error {
	var e *sitrep.Error
	if errors.As(err, &e) {
		return err
	}
	return fmt.Errorf("store: "+format+": %w", append(args, err)...)
}

// notHeld explains why worker could not change job id: ENOTFOUND, or
// ECONFLICT naming the job's state and holder.
func notHeld(ctx context.Context, tx pgx.Tx, worker string, id int64) error {
	var state, owner string
	err := tx.QueryRow(ctx, "SELECT state, lease_owner FROM jobs WHERE id = $1", id).Scan(&state, &owner)
	if errors.Is(err, pgx.ErrNoRows) {
		return sitrep.Errorf(sitrep.ENOTFOUND, "job %d not found", id)
	} else if err != nil {
		return err
	}
	if sitrep.JobState(state) == sitrep.JobRunning {
		return sitrep.Errorf(sitrep.ECONFLICT, "job %d is no longer held by %s: its lease expired and %s took it", id, worker, owner)
	}
	return sitrep.Errorf(sitrep.ECONFLICT, "job %d is no longer held by %s: it is %s", id, worker, state)
}

// Job returns the job with id; see sitrep.JobQueue.
func (db *DB) Job(ctx context.Context, id int64) (*sitrep.Job, error) {
	rows, err := db.pool.Query(ctx, "SELECT "+jobColumns+" FROM jobs WHERE id = $1", id)
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
	err := db.pool.QueryRow(ctx, `SELECT
		count(*) FILTER (WHERE state = 'queued'),
		count(*) FILTER (WHERE state = 'running'),
		count(*) FILTER (WHERE state = 'done'),
		count(*) FILTER (WHERE state = 'failed'),
		count(*) FILTER (WHERE state = 'running' AND lease_until < $1),
		(SELECT count(*) FROM connect_pending)
		FROM jobs`, db.now()).Scan(&s.Queued, &s.Running, &s.Done, &s.Failed, &s.Expired, &s.Connecting)
	if err != nil {
		return s, fmt.Errorf("store: job stats: %w", err)
	}
	return s, nil
}

// PendingConnect returns articles waiting to be connected; see
// sitrep.JobQueue.
func (db *DB) PendingConnect(ctx context.Context, n int) ([]sitrep.PendingArticle, error) {
	rows, err := db.pool.Query(ctx, "SELECT article_id, mark FROM connect_pending ORDER BY seq LIMIT $1", max(n, 0))
	if err != nil {
		return nil, fmt.Errorf("store: articles to connect: %w", err)
	}
	out := []sitrep.PendingArticle{}
	var p sitrep.PendingArticle
	_, err = pgx.ForEachRow(rows, []any{&p.ID, &p.Mark}, func() error {
		out = append(out, p)
		return nil
	})
	if err != nil {
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
	sorted := slices.Clone(done)
	slices.SortFunc(sorted, func(a, b sitrep.PendingArticle) int { return strings.Compare(a.ID, b.ID) })
	ids := make([]string, len(sorted))
	marks := make([]int64, len(sorted))
	for i, p := range sorted {
		ids[i], marks[i] = p.ID, p.Mark
	}
	_, err := db.pool.Exec(ctx, `DELETE FROM connect_pending AS p
		USING unnest($1::text[], $2::bigint[]) AS d (id, mark)
		WHERE p.article_id = d.id AND p.mark = d.mark`, ids, marks)
	if err != nil {
		return fmt.Errorf("store: connected %d articles: %w", len(done), err)
	}
	return nil
}

// Lock takes a named lease; see sitrep.JobQueue.
func (db *DB) Lock(ctx context.Context, name, owner string, lease time.Duration) (int64, bool, error) {
	if err := checkLease(owner, lease); err != nil {
		return 0, false, err
	}
	var version int64
	var ok bool
	now := db.now()
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "INSERT INTO locks (name) VALUES ($1) ON CONFLICT DO NOTHING", name); err != nil {
			return err
		}
		var held string
		var until *time.Time
		err := tx.QueryRow(ctx, "SELECT owner, until, version FROM locks WHERE name = $1 FOR UPDATE", name).Scan(&held, &until, &version)
		if err != nil {
			return err
		}
		live := until != nil && !until.Before(now)
		switch {
		case live && held != owner:
			return nil
		case !live || held != owner:
			version++ // taken, not renewed
		}
		ok = true
		_, err = tx.Exec(ctx, "UPDATE locks SET owner = $2, until = $3, version = $4 WHERE name = $1", name, owner, now.Add(lease), version)
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("store: lock %s for %s: %w", name, owner, err)
	}
	return version, ok, nil
}

// Unlock releases owner's lease on name; see sitrep.JobQueue.
func (db *DB) Unlock(ctx context.Context, name, owner string) error {
	if _, err := db.pool.Exec(ctx, "UPDATE locks SET until = NULL WHERE name = $1 AND owner = $2", name, owner); err != nil {
		return fmt.Errorf("store: unlock %s for %s: %w", name, owner, err)
	}
	return nil
}

// PutAnalysis replaces a stored article's analysis; see
// sitrep.AnalysisStore.
func (db *DB) PutAnalysis(ctx context.Context, id string, a *sitrep.Analysis) error {
	var analysis any
	if a != nil {
		b, err := json.Marshal(a)
		if err != nil {
			return sitrep.Errorf(sitrep.EINVALID, "analysis of article %s: %v", id, err)
		}
		analysis = string(b)
	}
	tag, err := db.pool.Exec(ctx, "UPDATE articles SET analysis = $1, updated_at = $2 WHERE id = $3", analysis, db.now(), id)
	if err != nil {
		return fmt.Errorf("store: put analysis of article %s: %w", id, err)
	}
	if tag.RowsAffected() != 1 {
		return sitrep.Errorf(sitrep.ENOTFOUND, "article %s not found", id)
	}
	return nil
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

// scanJobs reads rows selected with jobColumns.
func scanJobs(rows pgx.Rows) ([]*sitrep.Job, error) {
	jobs := []*sitrep.Job{}
	var (
		j                          sitrep.Job
		kind, state                string
		payload                    []byte
		runAfter, created, updated time.Time
		leaseUntil                 *time.Time
	)
	_, err := pgx.ForEachRow(rows, []any{&j.ID, &kind, &j.Key, &payload, &state, &j.Attempts, &j.MaxAttempts, &runAfter,
		&j.LeaseOwner, &leaseUntil, &j.LastError, &created, &updated}, func() error {
		c := j
		c.Kind, c.State = sitrep.JobKind(kind), sitrep.JobState(state)
		c.Payload = json.RawMessage(slices.Clone(payload))
		c.RunAfter, c.Created, c.Updated = runAfter.UTC(), created.UTC(), updated.UTC()
		if leaseUntil != nil {
			t := leaseUntil.UTC()
			c.LeaseUntil = &t
		}
		jobs = append(jobs, &c)
		return nil
	})
	return jobs, err
}
