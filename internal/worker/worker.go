// Package worker runs the jobs kept in the store (sitrep.JobQueue): `sitrep
// worker` processes, and the workers `sitrep serve --workers` embeds, claim
// them under a lease, run the ingest pipeline or the extractor on them and
// complete or fail them.
//
// A job may run twice: its worker can die after storing and before
// completing, and its lease then expires and another worker takes it. The
// effect is that of once: the store recognises the articles by id and
// content hash, and story connection is a separate, idempotent step.
// Completing a job queues its articles for connecting in the same
// transaction; whichever worker holds the store's "connect" lock connects
// the queue in batches with one in-memory index (package connect), so no
// two processes ever update stories from different views of them.
package worker

import (
	"bufio"
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep-project/sitrep/internal/connect"
	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Store is what a worker needs of the database.
type Store interface {
	sitrep.Store
	sitrep.StoryStore
	sitrep.JobQueue
	sitrep.AnalysisStore
}

// Defaults of Options.
const (
	DefaultLease = 2 * time.Minute
	DefaultPoll  = time.Second
	DefaultGrace = 10 * time.Second
	// connectBatch is how many queued articles are connected at once.
	connectBatch = 200
	// connectEvery is how many articles a worker's jobs queue before it
	// connects while jobs remain; an idle worker connects whatever waits.
	connectEvery = 50
	// connectLock names the lock whose holder connects stories.
	connectLock = "connect"
)

// Options configure a Worker. The zero value is usable.
type Options struct {
	// Name identifies the worker's leases; "" means host-pid-random.
	Name string
	// Concurrency is how many jobs run at once; 0 means 1.
	Concurrency int
	// Lease is how long a claimed job stays the worker's without renewal;
	// the worker renews every third of it. 0 means DefaultLease.
	Lease time.Duration
	// Poll is the longest wait between claims when the queue is empty;
	// 0 means DefaultPoll.
	Poll time.Duration
	// Grace is how long running jobs may take to finish once Run's context
	// is done, before they are interrupted and given back to the queue.
	// 0 means DefaultGrace.
	Grace time.Duration
	// Analyzer loads the extractor, once, when the first job needs it;
	// nil means articles are stored without analysis.
	Analyzer func() (func(*sitrep.Article), error)
	// Fetcher fetches URL sources; nil means fetch's defaults.
	Fetcher *fetch.Client
	// MaxFileBytes bounds one input file; 0 means ingest's default.
	MaxFileBytes int64
	// NoConnect leaves stored articles unconnected (and unqueued).
	NoConnect bool
	// ExitWhenDone makes Run return once no job is queued or running and
	// no article waits to be connected, rather than wait for more jobs.
	ExitWhenDone bool
	// Logger receives a line per failed job and the final counts; nil
	// discards them.
	Logger *slog.Logger
}

// Counts are what a worker did.
type Counts struct {
	Done     int64 `json:"done"`
	Failed   int64 `json:"failed"`   // given up
	Retried  int64 `json:"retried"`  // failed, queued again
	Released int64 `json:"released"` // given back unfinished when stopped
	Lost     int64 `json:"lost"`     // lease taken by another worker before completion
	Articles int64 `json:"articles"` // connected into stories by this worker
}

// Worker claims and runs jobs.
type Worker struct {
	store Store
	opt   Options
	log   *slog.Logger

	analyzeOnce sync.Once
	analyze     func(*sitrep.Article)
	analyzeErr  error

	mu   sync.Mutex
	held map[int64]bool // running here, renewed by the keeper

	// connMu lets one goroutine of the process connect at a time; conn is
	// kept between turns while nobody else held the lock (connVersion).
	connMu      sync.Mutex
	conn        *connect.Connector
	connVersion int64
	queued      atomic.Int64 // articles queued for connecting since the last turn

	done, failed, retried, released, lost, connected atomic.Int64
}

// New returns a worker over store.
func New(store Store, opt Options) *Worker {
	if opt.Name == "" {
		opt.Name = DefaultName()
	}
	opt.Concurrency = max(opt.Concurrency, 1)
	if opt.Lease <= 0 {
		opt.Lease = DefaultLease
	}
	if opt.Poll <= 0 {
		opt.Poll = DefaultPoll
	}
	if opt.Grace <= 0 {
		opt.Grace = DefaultGrace
	}
	if opt.Fetcher == nil {
		opt.Fetcher = fetch.New(fetch.Config{})
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Worker{store: store, opt: opt, log: log.With("worker", opt.Name), held: map[int64]bool{}}
}

// DefaultName is host-pid-random: unique per process, and telling an
// operator where a lease holder runs.
func DefaultName() string {
	host, _ := os.Hostname()
	if host == "" {
		host = "worker"
	}
	var b [3]byte
	_, _ = crand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// Name is the name the worker holds leases under.
func (w *Worker) Name() string { return w.opt.Name }

// Counts returns what the worker did so far.
func (w *Worker) Counts() Counts {
	return Counts{Done: w.done.Load(), Failed: w.failed.Load(), Retried: w.retried.Load(),
		Released: w.released.Load(), Lost: w.lost.Load(), Articles: w.connected.Load()}
}

// Run claims and runs jobs until ctx is done (or, with ExitWhenDone, the
// queue is drained). When ctx is done it claims nothing more, lets running
// jobs finish for Grace, then interrupts the rest and gives them back to
// the queue. Failures of single jobs or of the store are logged and
// retried, not returned.
func (w *Worker) Run(ctx context.Context) error {
	// Jobs run on a context of their own, so that a stop request first
	// only stops the claiming.
	jobCtx, cancelJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelJobs()
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-finished:
			return
		case <-ctx.Done():
		}
		grace := time.NewTimer(w.opt.Grace)
		defer grace.Stop()
		select {
		case <-finished:
		case <-grace.C:
			cancelJobs()
		}
	}()

	keeperDone := make(chan struct{})
	keeperCtx, stopKeeper := context.WithCancel(jobCtx)
	go func() {
		defer close(keeperDone)
		w.keep(keeperCtx)
	}()

	var wg sync.WaitGroup
	for range w.opt.Concurrency {
		wg.Go(func() { w.loop(ctx, jobCtx) })
	}
	wg.Wait()
	stopKeeper()
	<-keeperDone
	c := w.Counts()
	w.log.Info("worker stopped", "done", c.Done, "failed", c.Failed, "retried", c.Retried,
		"released", c.Released, "lost", c.Lost, "connected", c.Articles)
	return nil
}

// loop is one slot: claim a job, run it, repeat.
func (w *Worker) loop(ctx, jobCtx context.Context) {
	idle := w.opt.Poll / 8
	for ctx.Err() == nil {
		// The claim runs on jobCtx: cancelled mid-commit, it could leave a
		// job claimed without the worker knowing.
		jobs, err := w.store.Claim(jobCtx, w.opt.Name, 1, w.opt.Lease)
		if err != nil {
			w.log.Error("claim", "err", err)
			sleep(ctx, w.opt.Poll)
			continue
		}
		if len(jobs) == 0 {
			w.connectQueued(jobCtx, true)
			if w.opt.ExitWhenDone && w.drained(jobCtx) {
				return
			}
			sleep(ctx, jitter(idle))
			idle = min(2*idle, w.opt.Poll)
			continue
		}
		idle = w.opt.Poll / 8
		for _, j := range jobs {
			w.run(jobCtx, j)
		}
		w.connectQueued(jobCtx, false)
	}
}

// drained reports whether nothing is left to do anywhere.
func (w *Worker) drained(ctx context.Context) bool {
	s, err := w.store.Stats(ctx)
	if err != nil {
		w.log.Error("job stats", "err", err)
		return false
	}
	return s.Queued == 0 && s.Running == 0 && (s.Connecting == 0 || w.opt.NoConnect)
}

// run runs one claimed job and records its outcome.
func (w *Worker) run(ctx context.Context, j *sitrep.Job) {
	w.mu.Lock()
	w.held[j.ID] = true
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		delete(w.held, j.ID)
		w.mu.Unlock()
	}()

	stored, err := w.process(ctx, j)
	// The outcome is written even when ctx was cancelled meanwhile.
	octx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	var outErr error
	switch {
	case ctx.Err() != nil:
		if outErr = w.store.Release(octx, w.opt.Name, j.ID); outErr == nil {
			w.released.Add(1)
			w.log.Info("released", "job", describe(j))
		}
	case err == nil:
		if w.opt.NoConnect {
			stored = nil
		}
		if outErr = w.store.Complete(octx, w.opt.Name, j.ID, stored); outErr == nil {
			w.done.Add(1)
			w.queued.Add(int64(len(stored)))
		}
	default:
		code := sitrep.ErrorCode(err)
		permanent := code != sitrep.EINTERNAL && code != sitrep.EUNAVAILABLE
		state, ferr := w.store.Fail(octx, w.opt.Name, j.ID, describeErr(err), permanent)
		outErr = ferr
		if ferr == nil && state == sitrep.JobFailed {
			w.failed.Add(1)
			w.log.Warn("job failed", "job", describe(j), "attempt", j.Attempts, "err", describeErr(err))
		} else if ferr == nil {
			w.retried.Add(1)
			w.log.Info("job will be retried", "job", describe(j), "attempt", j.Attempts, "err", describeErr(err))
		}
	}
	if sitrep.ErrorCode(outErr) == sitrep.ECONFLICT {
		// Another worker holds the job now and will finish it; what this
		// one stored is stored either way.
		w.lost.Add(1)
		w.log.Warn("lease lost", "job", describe(j), "err", outErr)
	} else if outErr != nil {
		w.log.Error("record job outcome", "job", describe(j), "err", outErr)
	}
}

func describeErr(err error) string {
	var e *sitrep.Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return err.Error()
}

// process runs a job and returns the ids of the articles it stored.
func (w *Worker) process(ctx context.Context, j *sitrep.Job) ([]string, error) {
	switch j.Kind {
	case sitrep.JobIngest:
		var p IngestPayload
		if err := json.Unmarshal(j.Payload, &p); err != nil {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: payload: %v", describe(j), err)
		}
		return w.ingest(ctx, j, p)
	case sitrep.JobExtract:
		var p ExtractPayload
		if err := json.Unmarshal(j.Payload, &p); err != nil || p.ArticleID == "" {
			return nil, sitrep.Errorf(sitrep.EINVALID, "%s: payload has no article id", describe(j))
		}
		return nil, w.extract(ctx, p.ArticleID)
	}
	return nil, sitrep.Errorf(sitrep.EUNSUPPORTED, "%s: this worker does not know %s jobs", describe(j), j.Kind)
}

// analyzer loads the extractor on first use.
func (w *Worker) analyzer() (func(*sitrep.Article), error) {
	w.analyzeOnce.Do(func() {
		if w.opt.Analyzer != nil {
			w.analyze, w.analyzeErr = w.opt.Analyzer()
		}
	})
	return w.analyze, w.analyzeErr
}

// ingest runs the ingest pipeline on one source. The pipeline itself
// tells stored, unchanged and failed inputs apart; a job fails when
// nothing of it could be stored.
func (w *Worker) ingest(ctx context.Context, j *sitrep.Job, p IngestPayload) ([]string, error) {
	analyze, err := w.analyzer()
	if err != nil {
		return nil, fmt.Errorf("load the extractor: %w", err)
	}
	inputs, stdin := []string{p.Source}, ingest.Reader(nil)
	switch {
	case p.Source == "-" || (p.Source == "" && p.Document == ""):
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s: neither a source nor a document", describe(j))
	case p.Source == "":
		inputs, stdin = []string{"-"}, bufio.NewReaderSize(strings.NewReader(p.Document), 1<<17)
	}
	var items collector
	ing := ingest.New(w.store, ingest.Options{
		Fetcher:      w.opt.Fetcher,
		MaxFileBytes: w.opt.MaxFileBytes,
		Workers:      1,
		Analyze:      analyze,
		Progress:     &items,
	})
	sum, err := ing.Run(ctx, inputs, stdin)
	if err != nil {
		return nil, err
	}
	if sum.Interrupted {
		return nil, ctx.Err()
	}
	if len(items.stored) == 0 && len(sum.Failures) > 0 {
		return nil, sum.Failures[0].Err
	}
	for _, f := range sum.Failures {
		w.log.Warn("input failed", "job", describe(j), "err", describeErr(f.Err))
	}
	return items.stored, nil
}

// collector keeps the ids of the articles an ingest run stored or found
// stored: a copy of stored text counts as its original.
type collector struct {
	stored []string
}

func (c *collector) Total(int) {}

func (c *collector) Done(it ingest.Item) {
	switch {
	case it.Err != nil:
	case it.DuplicateOf != "":
		c.stored = append(c.stored, it.DuplicateOf)
	default:
		c.stored = append(c.stored, it.ID)
	}
}

// extract analyses a stored article again.
func (w *Worker) extract(ctx context.Context, id string) error {
	analyze, err := w.analyzer()
	if err != nil {
		return fmt.Errorf("load the extractor: %w", err)
	}
	if analyze == nil {
		return sitrep.Errorf(sitrep.EUNSUPPORTED, "extract article %s: this worker runs without the extractor", id)
	}
	a, err := w.store.Article(ctx, id)
	if err != nil {
		return err
	}
	analyze(a)
	return w.store.PutAnalysis(ctx, id, a.Analysis)
}

// keep renews the leases of the jobs running here every third of a lease.
func (w *Worker) keep(ctx context.Context) {
	t := time.NewTicker(w.opt.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		w.mu.Lock()
		ids := make([]int64, 0, len(w.held))
		for id := range w.held {
			ids = append(ids, id)
		}
		w.mu.Unlock()
		// A job that finished since the snapshot is no longer held: not a
		// problem; one that really lost its lease is reported when it ends.
		err := w.store.Extend(ctx, w.opt.Name, ids, w.opt.Lease)
		if err != nil && ctx.Err() == nil && sitrep.ErrorCode(err) != sitrep.ECONFLICT {
			w.log.Warn("renew leases", "err", err)
		}
	}
}

// connectQueued connects the articles completed jobs queued, when this
// process can take the connect lock and there is enough to do: a batch,
// or anything at all when idle is set.
func (w *Worker) connectQueued(ctx context.Context, idle bool) {
	if w.opt.NoConnect || (!idle && w.queued.Load() < connectEvery) {
		return
	}
	if !w.connMu.TryLock() {
		return // another slot of this process is connecting
	}
	defer w.connMu.Unlock()
	if err := w.connectTurn(ctx); err != nil && ctx.Err() == nil {
		w.log.Error("connect stories", "err", err)
	}
}

// connectTurn holds the connect lock while it connects everything queued.
func (w *Worker) connectTurn(ctx context.Context) error {
	pending, err := w.store.PendingConnect(ctx, connectBatch)
	if err != nil || len(pending) == 0 {
		return err
	}
	version, ok, err := w.store.Lock(ctx, connectLock, w.opt.Name, w.opt.Lease)
	if err != nil {
		return err
	}
	if !ok {
		// The holder connects until the queue is empty, this worker's
		// articles included; idle turns catch any it missed.
		w.queued.Store(0)
		return nil
	}
	defer func() {
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if err := w.store.Unlock(uctx, connectLock, w.opt.Name); err != nil {
			w.log.Error("unlock", "lock", connectLock, "err", err)
		}
	}()
	// The index in memory is current only if nobody else connected since
	// this worker last did.
	if w.conn == nil || version != w.connVersion+1 {
		w.conn = connect.New(w.store, connect.Options{})
	}
	w.connVersion = version
	w.queued.Store(0)
	for len(pending) > 0 && ctx.Err() == nil {
		arts := make([]*sitrep.Article, 0, len(pending))
		for _, p := range pending {
			a, err := w.store.Article(ctx, p.ID)
			if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
				continue // nothing to connect
			} else if err != nil {
				return err
			}
			arts = append(arts, a)
		}
		if err := w.conn.Connect(ctx, arts); err != nil {
			w.conn = nil // its index may be ahead of the store now
			return err
		}
		if err := w.store.Connected(ctx, pending); err != nil {
			return err
		}
		w.connected.Add(int64(len(arts)))
		// Renew the lock for the next batch; losing it (this worker was
		// too slow) ends the turn.
		if _, ok, err := w.store.Lock(ctx, connectLock, w.opt.Name, w.opt.Lease); err != nil || !ok {
			w.conn = nil
			return err
		}
		if pending, err = w.store.PendingConnect(ctx, connectBatch); err != nil {
			return err
		}
	}
	return nil
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// jitter spreads idle workers' polls so they do not claim in lockstep.
func jitter(d time.Duration) time.Duration {
	return d/2 + rand.N(d/2+1)
}
