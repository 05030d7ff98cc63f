package sitrep

import (
	"context"
	"encoding/json"
	"time"
)

// JobKind says what a job does and how its Payload reads.
type JobKind string

const (
	// JobIngest fetches or reads one source (a file path, an http(s) URL or
	// an inline document), parses, analyses and stores it.
	JobIngest JobKind = "ingest"
	// JobExtract analyses a stored article again with the current
	// extractor.
	JobExtract JobKind = "extract"
)

// JobState is where a job is in its life.
type JobState string

const (
	JobQueued  JobState = "queued"  // waiting, claimable once RunAfter has passed
	JobRunning JobState = "running" // claimed by LeaseOwner until LeaseUntil
	JobDone    JobState = "done"
	JobFailed  JobState = "failed" // gave up: a permanent error or MaxAttempts reached
)

// DefaultMaxAttempts bounds how often a job is tried when Enqueue is given
// no MaxAttempts. A claim counts as an attempt, so a job whose worker is
// killed each time it runs it also stops after this many.
const DefaultMaxAttempts = 5

// Job is one unit of work kept in the store, so that any number of worker
// processes, on one machine or many, can share a queue and a crashed
// worker's jobs are taken again when its lease runs out.
type Job struct {
	ID   int64   `json:"id"`
	Kind JobKind `json:"kind"`
	// Key deduplicates: while a job with a key is queued or running,
	// enqueuing the same key again adds nothing. An ingest job's key is
	// its source.
	Key         string          `json:"key"`
	Payload     json.RawMessage `json:"payload"`
	State       JobState        `json:"state"`
	Attempts    int             `json:"attempts"` // claims so far
	MaxAttempts int             `json:"max_attempts"`
	RunAfter    time.Time       `json:"run_after"` // not claimed before; the backoff after a failure
	LeaseOwner  string          `json:"lease_owner,omitempty"`
	LeaseUntil  *time.Time      `json:"lease_until,omitempty"` // nil unless claimed
	LastError   string          `json:"last_error,omitempty"`
	Created     time.Time       `json:"created"`
	Updated     time.Time       `json:"updated"`
}

// EnqueueResult tells what Enqueue did with one job.
type EnqueueResult struct {
	ID    int64 `json:"id"`
	Added bool  `json:"added"` // false: a queued or running job with the key existed, ID is that job's
}

// PendingArticle is a stored article waiting to be connected into stories.
// Mark changes each time the article is queued again, which tells a
// connector that read an older version not to take it off the queue.
type PendingArticle struct {
	ID   string `json:"id"`
	Mark int64  `json:"mark"`
}

// JobStats counts jobs by state.
type JobStats struct {
	Queued  int `json:"queued"`
	Running int `json:"running"`
	Done    int `json:"done"`
	Failed  int `json:"failed"`
	// Expired counts running jobs whose lease has run out: their worker
	// died or hangs, and the next claim takes them again.
	Expired int `json:"expired"`
	// Connecting counts stored articles waiting to be connected into
	// stories.
	Connecting int `json:"connecting"`
}

// JobQueue keeps jobs for workers. Every method that changes a claimed job
// takes the worker's name and answers ECONFLICT when the job is no longer
// running under that worker's lease (it expired and another worker took
// the job, or it already finished), so a late worker never overwrites the
// outcome of the one that holds the job now.
type JobQueue interface {
	// Enqueue adds jobs in one transaction. Kind, Key and Payload are
	// required; MaxAttempts 0 means DefaultMaxAttempts; a zero RunAfter
	// means now.
	Enqueue(ctx context.Context, jobs []*Job) ([]EnqueueResult, error)
	// Claim takes up to n claimable jobs, oldest first, for worker until
	// now+lease: queued ones whose RunAfter has passed and running ones
	// whose lease has expired. Each claim counts an attempt; an expired job
	// that has used all its attempts is marked failed instead.
	Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]*Job, error)
	// Extend renews the leases of the worker's running jobs ids.
	Extend(ctx context.Context, worker string, ids []int64, lease time.Duration) error
	// Complete marks a job done and, in the same transaction, queues the
	// articles it stored for connecting into stories (see PendingConnect).
	Complete(ctx context.Context, worker string, id int64, articles []string) error
	// Fail records reason. A permanent failure, or one on the last
	// attempt, marks the job failed; otherwise it is queued again to run
	// after JobBackoff(attempts).
	Fail(ctx context.Context, worker string, id int64, reason string, permanent bool) (JobState, error)
	// Release gives a claimed job back unfinished, as a worker does when
	// told to stop: queued again at once, its attempt not counted.
	Release(ctx context.Context, worker string, id int64) error
	// Job returns the job with id, or ENOTFOUND.
	Job(ctx context.Context, id int64) (*Job, error)
	// Stats counts the jobs by state.
	Stats(ctx context.Context) (JobStats, error)

	// PendingConnect returns up to n articles that completed jobs stored
	// and that are not yet connected, oldest first.
	PendingConnect(ctx context.Context, n int) ([]PendingArticle, error)
	// Connected takes articles off the connect queue, each only if it was
	// not queued again (by a later job) since PendingConnect returned it.
	Connected(ctx context.Context, done []PendingArticle) error

	// Lock takes the named lease for owner until now+lease when it is free,
	// expired, or already owner's (which renews it). It returns the lock's
	// version, which grows by one each time the lock is taken but not when
	// its holder renews it, so an owner that gets back version+1 of the one
	// it last held knows nobody else held it in between.
	Lock(ctx context.Context, name, owner string, lease time.Duration) (version int64, ok bool, err error)
	// Unlock releases owner's lease on name; releasing a lock owner does
	// not hold is not an error.
	Unlock(ctx context.Context, name, owner string) error
}

// AnalysisStore replaces the analysis of a stored article, which
// PutArticles leaves alone when the text is unchanged: what an extract job
// writes after running a newer extractor. It answers ENOTFOUND for an
// unknown id.
type AnalysisStore interface {
	PutAnalysis(ctx context.Context, id string, a *Analysis) error
}

// JobBackoff is how long a job waits before its next attempt after its
// attempts-th failed: 5 s doubling each time, at most 10 minutes.
func JobBackoff(attempts int) time.Duration {
	d := 5 * time.Second
	for i := 1; i < attempts && d < 10*time.Minute; i++ {
		d *= 2
	}
	return min(d, 10*time.Minute)
}

// Validate checks a job before it is enqueued and fills in defaults.
func (j *Job) Validate() error {
	switch {
	case j == nil:
		return Errorf(EINVALID, "job is nil")
	case j.Kind != JobIngest && j.Kind != JobExtract:
		return Errorf(EINVALID, "job %q: unknown kind %q", j.Key, j.Kind)
	case j.Key == "":
		return Errorf(EINVALID, "%s job has no key", j.Kind)
	case len(j.Payload) == 0 || !json.Valid(j.Payload):
		return Errorf(EINVALID, "%s job %q: payload is not JSON", j.Kind, j.Key)
	case j.MaxAttempts < 0:
		return Errorf(EINVALID, "%s job %q: max attempts %d is negative", j.Kind, j.Key, j.MaxAttempts)
	}
	if j.MaxAttempts == 0 {
		j.MaxAttempts = DefaultMaxAttempts
	}
	return nil
}
