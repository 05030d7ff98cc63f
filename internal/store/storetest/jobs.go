package storetest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// JobBackend is what RunJobs needs: a store of articles with a job queue
// and the analysis writes of extract jobs.
type JobBackend interface {
	sitrep.Store
	sitrep.JobQueue
	sitrep.AnalysisStore
}

// Clock is the time a store under test reads, moved by the test.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at a whole second, so that times survive a
// backend that keeps microseconds.
func NewClock() *Clock { return &Clock{t: time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// RunJobs runs the conformance suite of sitrep.JobQueue. open must return
// a new, empty store that reads the time from now, and arrange for it to
// be closed when t ends.
//
// Beyond the interface's comments the suite fixes these behaviours:
//   - Claim returns jobs in id order, which is enqueue order.
//   - Times come back in UTC, exact for whole milliseconds.
//   - A completed job's key may be enqueued again as a new job.
func RunJobs(t *testing.T, open func(t *testing.T, now func() time.Time) JobBackend) {
	tests := []struct {
		name string
		fn   func(t *testing.T, q JobBackend, clock *Clock)
	}{
		{"EnqueueClaimComplete", testJobLifecycle},
		{"EnqueueDeduplicates", testJobDedupe},
		{"Validation", testJobValidation},
		{"ExpiredLeaseTakenAgain", testJobLeaseExpiry},
		{"Extend", testJobExtend},
		{"FailRetriesWithBackoff", testJobFailRetry},
		{"FailPermanent", testJobFailPermanent},
		{"PoisonJobGivesUp", testJobPoison},
		{"Release", testJobRelease},
		{"NotHeld", testJobNotHeld},
		{"Stats", testJobStats},
		{"ConnectQueue", testJobConnectQueue},
		{"Lock", testJobLock},
		{"ConcurrentClaims", testJobConcurrentClaims},
		{"PutAnalysis", testJobPutAnalysis},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := NewClock()
			tt.fn(t, open(t, clock.Now), clock)
		})
	}
}

const lease = time.Minute

// ingestJob returns an ingest job for source.
func ingestJob(source string) *sitrep.Job {
	payload, _ := json.Marshal(map[string]string{"source": source})
	return &sitrep.Job{Kind: sitrep.JobIngest, Key: source, Payload: payload}
}

func enqueue(t *testing.T, q JobBackend, jobs ...*sitrep.Job) []sitrep.EnqueueResult {
	t.Helper()
	res, err := q.Enqueue(ctx(t), jobs)
	if err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	if len(res) != len(jobs) {
		t.Fatalf("Enqueue returned %d results for %d jobs", len(res), len(jobs))
	}
	return res
}

func claim(t *testing.T, q JobBackend, worker string, n int) []*sitrep.Job {
	t.Helper()
	jobs, err := q.Claim(ctx(t), worker, n, lease)
	if err != nil {
		t.Fatalf("Claim(%s, %d): %v", worker, n, err)
	}
	return jobs
}

func job(t *testing.T, q JobBackend, id int64) *sitrep.Job {
	t.Helper()
	j, err := q.Job(ctx(t), id)
	if err != nil {
		t.Fatalf("Job(%d): %v", id, err)
	}
	return j
}

func jobIDs(jobs []*sitrep.Job) []int64 {
	ids := make([]int64, len(jobs))
	for i, j := range jobs {
		ids[i] = j.ID
	}
	return ids
}

func testJobLifecycle(t *testing.T, q JobBackend, clock *Clock) {
	res := enqueue(t, q, ingestJob("a.html"), ingestJob("b.html"), ingestJob("c.html"))
	for i, r := range res {
		if !r.Added || r.ID == 0 {
			t.Fatalf("job %d: %+v, want added with an id", i, r)
		}
	}
	j := job(t, q, res[0].ID)
	want := &sitrep.Job{ID: res[0].ID, Kind: sitrep.JobIngest, Key: "a.html", Payload: json.RawMessage(`{"source":"a.html"}`),
		State: sitrep.JobQueued, MaxAttempts: sitrep.DefaultMaxAttempts, RunAfter: clock.Now(), Created: clock.Now(), Updated: clock.Now()}
	if !reflect.DeepEqual(j, want) {
		t.Errorf("queued job:\n got %+v\nwant %+v", j, want)
	}

	clock.Advance(time.Second)
	got := claim(t, q, "w1", 2)
	if ids := jobIDs(got); !reflect.DeepEqual(ids, []int64{res[0].ID, res[1].ID}) {
		t.Fatalf("claimed %v, want the two oldest %v", ids, []int64{res[0].ID, res[1].ID})
	}
	until := clock.Now().Add(lease)
	for _, j := range got {
		if j.State != sitrep.JobRunning || j.Attempts != 1 || j.LeaseOwner != "w1" || j.LeaseUntil == nil || !j.LeaseUntil.Equal(until) {
			t.Errorf("claimed job %d: state %s, attempts %d, owner %q, until %v; want running, 1, w1, %v",
				j.ID, j.State, j.Attempts, j.LeaseOwner, j.LeaseUntil, until)
		}
	}
	if rest := claim(t, q, "w2", 5); len(rest) != 1 || rest[0].ID != res[2].ID {
		t.Fatalf("second claim got %v, want only job %d", jobIDs(rest), res[2].ID)
	}
	if none := claim(t, q, "w3", 5); len(none) != 0 {
		t.Fatalf("claim of an empty queue got %v", jobIDs(none))
	}

	clock.Advance(time.Second)
	if err := q.Complete(ctx(t), "w1", res[0].ID, nil); err != nil {
		t.Fatalf("Complete: %v", err)
	}
	j = job(t, q, res[0].ID)
	if j.State != sitrep.JobDone || j.LeaseUntil != nil || !j.Updated.Equal(clock.Now()) || j.Attempts != 1 {
		t.Errorf("completed job: state %s, until %v, updated %v, attempts %d; want done, nil, %v, 1", j.State, j.LeaseUntil, j.Updated, j.Attempts, clock.Now())
	}
	if j.Updated.Location() != time.UTC || j.Created.Location() != time.UTC {
		t.Errorf("times not in UTC: %v, %v", j.Updated, j.Created)
	}
}

func testJobDedupe(t *testing.T, q JobBackend, clock *Clock) {
	res := enqueue(t, q, ingestJob("a.html"), ingestJob("a.html"), ingestJob("b.html"))
	if !res[0].Added || res[1].Added || res[1].ID != res[0].ID || !res[2].Added {
		t.Fatalf("enqueue a, a, b: %+v; want a added, the second a its id, b added", res)
	}
	// Still open while running.
	claimed := claim(t, q, "w", 1)
	again := enqueue(t, q, ingestJob("a.html"))
	if again[0].Added || again[0].ID != res[0].ID {
		t.Fatalf("enqueue of a running job's key: %+v, want not added, id %d", again[0], res[0].ID)
	}
	if err := q.Complete(ctx(t), "w", claimed[0].ID, nil); err != nil {
		t.Fatal(err)
	}
	// Done: the source may be ingested again.
	later := enqueue(t, q, ingestJob("a.html"))
	if !later[0].Added || later[0].ID == res[0].ID {
		t.Fatalf("enqueue after completion: %+v, want a new job", later[0])
	}
	if s, err := q.Stats(ctx(t)); err != nil || s.Queued != 2 || s.Done != 1 {
		t.Errorf("stats %+v (err %v), want 2 queued and 1 done", s, err)
	}
}

func testJobValidation(t *testing.T, q JobBackend, clock *Clock) {
	tests := []struct {
		name string
		job  *sitrep.Job
	}{
		{"nil", nil},
		{"unknown kind", &sitrep.Job{Kind: "mine", Key: "k", Payload: json.RawMessage(`{}`)}},
		{"no key", &sitrep.Job{Kind: sitrep.JobIngest, Payload: json.RawMessage(`{}`)}},
		{"payload not JSON", &sitrep.Job{Kind: sitrep.JobIngest, Key: "k", Payload: json.RawMessage(`{`)}},
		{"no payload", &sitrep.Job{Kind: sitrep.JobIngest, Key: "k"}},
		{"negative attempts", &sitrep.Job{Kind: sitrep.JobIngest, Key: "k", Payload: json.RawMessage(`{}`), MaxAttempts: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := q.Enqueue(ctx(t), []*sitrep.Job{ingestJob("good"), tt.job})
			wantCode(t, err, sitrep.EINVALID, "Enqueue")
		})
	}
	if s, err := q.Stats(ctx(t)); err != nil || s != (sitrep.JobStats{}) {
		t.Errorf("after rejected enqueues: stats %+v (err %v), want nothing stored", s, err)
	}
	if _, err := q.Claim(ctx(t), "", 1, lease); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("Claim without a worker name: err %v, want EINVALID", err)
	}
	if _, err := q.Claim(ctx(t), "w", 1, 0); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("Claim with a zero lease: err %v, want EINVALID", err)
	}
}

func testJobLeaseExpiry(t *testing.T, q JobBackend, clock *Clock) {
	id := enqueue(t, q, ingestJob("a.html"))[0].ID
	claim(t, q, "dead", 1)
	clock.Advance(lease - time.Millisecond)
	if got := claim(t, q, "w2", 1); len(got) != 0 {
		t.Fatalf("claimed %v before the lease ran out", jobIDs(got))
	}
	clock.Advance(2 * time.Millisecond)
	got := claim(t, q, "w2", 1)
	if len(got) != 1 || got[0].ID != id || got[0].Attempts != 2 || got[0].LeaseOwner != "w2" {
		t.Fatalf("after the lease ran out: %+v, want job %d on its second attempt for w2", got, id)
	}
	err := q.Complete(ctx(t), "dead", id, []string{"x"})
	wantCode(t, err, sitrep.ECONFLICT, "Complete by the worker whose lease expired")
	if !strings.Contains(err.Error(), "w2") {
		t.Errorf("error %q does not name the worker holding the job", err)
	}
	if err := q.Complete(ctx(t), "w2", id, nil); err != nil {
		t.Fatalf("Complete by the holder: %v", err)
	}
	if p, _ := q.PendingConnect(ctx(t), 10); len(p) != 0 {
		t.Errorf("the refused Complete queued %v for connecting", p)
	}
}

func testJobExtend(t *testing.T, q JobBackend, clock *Clock) {
	res := enqueue(t, q, ingestJob("a"), ingestJob("b"))
	ids := jobIDs(claim(t, q, "w1", 2))
	clock.Advance(lease / 2)
	if err := q.Extend(ctx(t), "w1", ids, lease); err != nil {
		t.Fatalf("Extend: %v", err)
	}
	clock.Advance(lease * 3 / 4) // past the first lease, within the renewed one
	if got := claim(t, q, "w2", 2); len(got) != 0 {
		t.Fatalf("claimed %v while their lease was renewed", jobIDs(got))
	}
	if j := job(t, q, res[0].ID); j.LeaseUntil == nil || !j.LeaseUntil.Equal(clock.Now().Add(lease/4)) {
		t.Errorf("lease until %v, want %v", j.LeaseUntil, clock.Now().Add(lease/4))
	}
	wantCode(t, q.Extend(ctx(t), "w2", ids, lease), sitrep.ECONFLICT, "Extend by another worker")
	if err := q.Complete(ctx(t), "w1", res[1].ID, nil); err != nil {
		t.Fatal(err)
	}
	err := q.Extend(ctx(t), "w1", ids, lease)
	wantCode(t, err, sitrep.ECONFLICT, "Extend of a finished job")
	if !strings.Contains(err.Error(), fmt.Sprint(res[1].ID)) {
		t.Errorf("error %q does not name the lost job %d", err, res[1].ID)
	}
}

func testJobFailRetry(t *testing.T, q JobBackend, clock *Clock) {
	j := ingestJob("a")
	j.MaxAttempts = 3
	id := enqueue(t, q, j)[0].ID
	for attempt := 1; attempt <= 3; attempt++ {
		got := claim(t, q, "w", 1)
		if len(got) != 1 || got[0].Attempts != attempt {
			t.Fatalf("attempt %d: claimed %+v", attempt, got)
		}
		state, err := q.Fail(ctx(t), "w", id, fmt.Sprintf("timeout %d", attempt), false)
		if err != nil {
			t.Fatalf("Fail: %v", err)
		}
		if attempt == 3 {
			if state != sitrep.JobFailed {
				t.Fatalf("after the last attempt: %s, want failed", state)
			}
			break
		}
		if state != sitrep.JobQueued {
			t.Fatalf("attempt %d: %s, want queued again", attempt, state)
		}
		wait := sitrep.JobBackoff(attempt)
		if got := job(t, q, id); got.LastError != fmt.Sprintf("timeout %d", attempt) || !got.RunAfter.Equal(clock.Now().Add(wait)) || got.LeaseUntil != nil {
			t.Errorf("attempt %d: last error %q, run after %v, lease %v; want the reason, %v, none", attempt, got.LastError, got.RunAfter, got.LeaseUntil, clock.Now().Add(wait))
		}
		clock.Advance(wait - time.Millisecond)
		if got := claim(t, q, "w", 1); len(got) != 0 {
			t.Fatalf("attempt %d: claimed during the backoff", attempt)
		}
		clock.Advance(time.Millisecond)
	}
	if got := job(t, q, id); got.State != sitrep.JobFailed || got.LastError != "timeout 3" {
		t.Errorf("job %s with %q, want failed with the last reason", got.State, got.LastError)
	}
	if got := claim(t, q, "w", 1); len(got) != 0 {
		t.Errorf("claimed a failed job")
	}
}

func testJobFailPermanent(t *testing.T, q JobBackend, clock *Clock) {
	id := enqueue(t, q, ingestJob("a"))[0].ID
	claim(t, q, "w", 1)
	state, err := q.Fail(ctx(t), "w", id, "not a document", true)
	if err != nil || state != sitrep.JobFailed {
		t.Fatalf("permanent Fail: %s, %v; want failed", state, err)
	}
	if s, _ := q.Stats(ctx(t)); s.Failed != 1 || s.Queued != 0 {
		t.Errorf("stats %+v, want one failed", s)
	}
}

func testJobPoison(t *testing.T, q JobBackend, clock *Clock) {
	j := ingestJob("crashes-its-worker")
	j.MaxAttempts = 2
	id := enqueue(t, q, j)[0].ID
	for range 2 {
		if got := claim(t, q, "w", 1); len(got) != 1 {
			t.Fatalf("claimed %v, want the job", jobIDs(got))
		}
		clock.Advance(lease + time.Second) // the worker died
	}
	if got := claim(t, q, "w", 1); len(got) != 0 {
		t.Fatalf("claimed %+v after it had used all its attempts", got[0])
	}
	got := job(t, q, id)
	if got.State != sitrep.JobFailed || got.LeaseUntil != nil || !strings.Contains(got.LastError, "gave up after 2 attempts") {
		t.Errorf("poison job: state %s, lease %v, last error %q; want failed, none, gave up after 2 attempts", got.State, got.LeaseUntil, got.LastError)
	}
}

func testJobRelease(t *testing.T, q JobBackend, clock *Clock) {
	id := enqueue(t, q, ingestJob("a"))[0].ID
	claim(t, q, "w1", 1)
	if err := q.Release(ctx(t), "w1", id); err != nil {
		t.Fatalf("Release: %v", err)
	}
	got := job(t, q, id)
	if got.State != sitrep.JobQueued || got.Attempts != 0 || got.LeaseUntil != nil {
		t.Errorf("released job: state %s, attempts %d, lease %v; want queued, 0, none", got.State, got.Attempts, got.LeaseUntil)
	}
	if again := claim(t, q, "w2", 1); len(again) != 1 || again[0].Attempts != 1 {
		t.Errorf("claim after release: %+v, want the job on attempt 1", again)
	}
	wantCode(t, q.Release(ctx(t), "w1", id), sitrep.ECONFLICT, "Release by a worker that no longer holds it")
}

func testJobNotHeld(t *testing.T, q JobBackend, clock *Clock) {
	wantCode(t, q.Complete(ctx(t), "w", 999999, nil), sitrep.ENOTFOUND, "Complete of an unknown job")
	_, err := q.Job(ctx(t), 999999)
	wantCode(t, err, sitrep.ENOTFOUND, "Job of an unknown id")
	id := enqueue(t, q, ingestJob("a"))[0].ID
	wantCode(t, q.Complete(ctx(t), "w", id, nil), sitrep.ECONFLICT, "Complete of a queued job")
	_, err = q.Fail(ctx(t), "w", id, "x", false)
	wantCode(t, err, sitrep.ECONFLICT, "Fail of a queued job")
	claim(t, q, "w", 1)
	if err := q.Complete(ctx(t), "w", id, nil); err != nil {
		t.Fatal(err)
	}
	wantCode(t, q.Complete(ctx(t), "w", id, nil), sitrep.ECONFLICT, "Complete twice")
	if got := job(t, q, id); got.State != sitrep.JobDone {
		t.Errorf("state %s after a second Complete, want done", got.State)
	}
}

func testJobStats(t *testing.T, q JobBackend, clock *Clock) {
	var jobs []*sitrep.Job
	for i := range 6 {
		jobs = append(jobs, ingestJob(fmt.Sprint("s", i)))
	}
	res := enqueue(t, q, jobs...)
	claim(t, q, "w", 4)
	if err := q.Complete(ctx(t), "w", res[0].ID, []string{"a1", "a2"}); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Fail(ctx(t), "w", res[1].ID, "bad", true); err != nil {
		t.Fatal(err)
	}
	clock.Advance(lease + time.Second)
	claim(t, q, "w2", 1) // takes back one of the two expired
	got, err := q.Stats(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	// s0 done, s1 failed, s2 taken back by w2, s3 expired, s4 and s5 queued.
	want := sitrep.JobStats{Queued: 2, Running: 2, Done: 1, Failed: 1, Expired: 1, Connecting: 2}
	if got != want {
		t.Errorf("stats %+v, want %+v", got, want)
	}
}

func testJobConnectQueue(t *testing.T, q JobBackend, clock *Clock) {
	res := enqueue(t, q, ingestJob("a"), ingestJob("b"))
	claim(t, q, "w", 2)
	if err := q.Complete(ctx(t), "w", res[0].ID, []string{"x2", "x1", "x2"}); err != nil {
		t.Fatal(err)
	}
	pending, err := q.PendingConnect(ctx(t), 10)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(ps []sitrep.PendingArticle) []string {
		out := []string{}
		for _, p := range ps {
			out = append(out, p.ID)
		}
		return out
	}
	if got := ids(pending); len(got) != 2 || !(contains(got, "x1") && contains(got, "x2")) {
		t.Fatalf("pending %v, want x1 and x2 once each", got)
	}
	// x1 is stored again by a later job while a connector works on the
	// version it read: clearing that version must keep the newer one.
	if err := q.Complete(ctx(t), "w", res[1].ID, []string{"x1", "x3"}); err != nil {
		t.Fatal(err)
	}
	if err := q.Connected(ctx(t), pending); err != nil {
		t.Fatalf("Connected: %v", err)
	}
	rest, err := q.PendingConnect(ctx(t), 10)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(rest); !reflect.DeepEqual(got, []string{"x1", "x3"}) && !reflect.DeepEqual(got, []string{"x3", "x1"}) {
		t.Fatalf("after connecting the first versions: pending %v, want x1 (queued again) and x3", got)
	}
	if one, _ := q.PendingConnect(ctx(t), 1); len(one) != 1 {
		t.Errorf("PendingConnect(1) returned %d", len(one))
	}
	if err := q.Connected(ctx(t), rest); err != nil {
		t.Fatal(err)
	}
	if left, _ := q.PendingConnect(ctx(t), 10); len(left) != 0 {
		t.Errorf("pending %v after connecting everything", ids(left))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func testJobLock(t *testing.T, q JobBackend, clock *Clock) {
	lock := func(owner string, wantOK bool, wantVersion int64) {
		t.Helper()
		v, ok, err := q.Lock(ctx(t), "connect", owner, lease)
		if err != nil {
			t.Fatalf("Lock(%s): %v", owner, err)
		}
		if ok != wantOK || (ok && v != wantVersion) {
			t.Fatalf("Lock(%s) = %d, %v; want %d, %v", owner, v, ok, wantVersion, wantOK)
		}
	}
	unlock := func(owner string) {
		t.Helper()
		if err := q.Unlock(ctx(t), "connect", owner); err != nil {
			t.Fatalf("Unlock(%s): %v", owner, err)
		}
	}
	lock("a", true, 1)
	lock("b", false, 0)
	clock.Advance(lease / 2)
	lock("a", true, 1) // renewed, same version
	clock.Advance(lease * 3 / 4)
	lock("b", false, 0) // the renewal holds
	unlock("b")         // not b's: no effect
	lock("b", false, 0)
	unlock("a")
	lock("b", true, 2)
	clock.Advance(lease + time.Second) // b died holding it
	lock("a", true, 3)
	unlock("a")
	lock("a", true, 4) // version+1: nobody held it in between
	if v, ok, err := q.Lock(ctx(t), "other", "b", lease); err != nil || !ok || v != 1 {
		t.Errorf("another lock name: %d, %v, %v; want 1, true", v, ok, err)
	}
}

func testJobConcurrentClaims(t *testing.T, q JobBackend, clock *Clock) {
	const n, workers = 120, 4
	var jobs []*sitrep.Job
	for i := range n {
		jobs = append(jobs, ingestJob(fmt.Sprint("src", i)))
	}
	enqueue(t, q, jobs...)
	var mu sync.Mutex
	seen := map[int64]string{}
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		name := fmt.Sprint("w", w)
		wg.Go(func() {
			for {
				got, err := q.Claim(ctx(t), name, 3, lease)
				if err != nil {
					errs <- err
					return
				}
				if len(got) == 0 {
					return
				}
				for _, j := range got {
					mu.Lock()
					if prev, dup := seen[j.ID]; dup {
						mu.Unlock()
						errs <- fmt.Errorf("job %d claimed by %s and %s", j.ID, prev, name)
						return
					}
					seen[j.ID] = name
					mu.Unlock()
					if err := q.Complete(ctx(t), name, j.ID, []string{fmt.Sprint("art", j.ID%7)}); err != nil {
						errs <- err
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if len(seen) != n {
		t.Errorf("%d jobs claimed, want %d", len(seen), n)
	}
	if s, _ := q.Stats(ctx(t)); s.Done != n || s.Connecting != 7 {
		t.Errorf("stats %+v, want %d done and 7 articles to connect", s, n)
	}
}

func testJobPutAnalysis(t *testing.T, q JobBackend, clock *Clock) {
	a := article("a1", "Title", "Body text")
	put(t, q, a)
	want := &sitrep.Analysis{Countries: []sitrep.CountryScore{{Code: "SY", Name: "Syria", Score: 1}}}
	if err := q.PutAnalysis(ctx(t), "a1", want); err != nil {
		t.Fatalf("PutAnalysis: %v", err)
	}
	if got := get(t, q, "a1").Analysis; !reflect.DeepEqual(got, want) {
		t.Errorf("analysis %+v, want %+v", got, want)
	}
	if err := q.PutAnalysis(ctx(t), "a1", nil); err != nil {
		t.Fatal(err)
	}
	if got := get(t, q, "a1").Analysis; got != nil {
		t.Errorf("analysis %+v after clearing it, want nil", got)
	}
	wantCode(t, q.PutAnalysis(ctx(t), "nope", want), sitrep.ENOTFOUND, "PutAnalysis of an unknown article")
}
