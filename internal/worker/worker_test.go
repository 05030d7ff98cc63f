package worker_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/connect"
	"github.com/sitrep-project/sitrep/internal/corpusgen"
	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/internal/worker"
)

func openDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// documents returns n generated articles as JSON lines.
func documents(t *testing.T, seed uint64, n int) []string {
	t.Helper()
	gen := corpusgen.New(seed)
	gen.Words = 80
	out := make([]string, n)
	for i := range out {
		b, err := json.Marshal(gen.Next())
		if err != nil {
			t.Fatal(err)
		}
		out[i] = string(b)
	}
	return out
}

func enqueue(t *testing.T, q sitrep.JobQueue, jobs ...*sitrep.Job) []sitrep.EnqueueResult {
	t.Helper()
	res, err := q.Enqueue(t.Context(), jobs)
	if err != nil {
		t.Fatalf("Enqueue: %v", err)
	}
	return res
}

func stats(t *testing.T, q sitrep.JobQueue) sitrep.JobStats {
	t.Helper()
	s, err := q.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// drain runs a worker until the queue is empty.
func drain(t *testing.T, db *sqlite.DB, opt worker.Options) worker.Counts {
	t.Helper()
	opt.ExitWhenDone = true
	opt.Poll = 50 * time.Millisecond
	w := worker.New(db, opt)
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	if err := w.Run(ctx); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if ctx.Err() != nil {
		t.Fatalf("the queue did not drain: %+v", stats(t, db))
	}
	return w.Counts()
}

// linked counts story links and the articles linked more than once.
func linked(t *testing.T, db *sqlite.DB) (links, articles int) {
	t.Helper()
	err := db.SQL().QueryRow("SELECT count(*), (SELECT count(*) FROM articles) FROM story_links").Scan(&links, &articles)
	if err != nil {
		t.Fatal(err)
	}
	return links, articles
}

func TestDrainsQueue(t *testing.T) {
	db := openDB(t)
	var jobs []*sitrep.Job
	for _, d := range documents(t, 1, 30) {
		jobs = append(jobs, worker.IngestDocument(d))
	}
	jobs = append(jobs,
		worker.IngestDocument(`{"title": "no text"}`),                   // a bad document: fails at once
		worker.IngestSource(filepath.Join(t.TempDir(), "missing.html")), // so does a missing file
		worker.IngestDocument(documents(t, 1, 1)[0]),                    // the first again: deduplicated
	)
	res := enqueue(t, db, jobs...)
	if res[len(res)-1].Added {
		t.Fatalf("a document queued twice was added twice")
	}

	got := drain(t, db, worker.Options{Concurrency: 3})
	if got.Done != 30 || got.Failed != 2 || got.Retried != 0 || got.Articles != 30 {
		t.Errorf("counts %+v, want 30 done, 2 failed, 30 articles connected", got)
	}
	if s := stats(t, db); s != (sitrep.JobStats{Done: 30, Failed: 2}) {
		t.Errorf("stats %+v, want 30 done and 2 failed, nothing left", s)
	}
	links, articles := linked(t, db)
	if articles != 30 || links != 30 {
		t.Errorf("%d articles with %d story links, want 30 and 30", articles, links)
	}
	bad, err := db.Job(t.Context(), res[30].ID)
	if err != nil {
		t.Fatal(err)
	}
	if bad.State != sitrep.JobFailed || bad.Attempts != 1 || bad.LastError == "" {
		t.Errorf("bad document: %s after %d attempts with %q, want failed at once with a reason", bad.State, bad.Attempts, bad.LastError)
	}
}

// A worker that stored a job's article and died before completing it: the
// next worker runs the job again, and the article is stored and connected
// once.
func TestJobRunTwiceHasEffectOnce(t *testing.T) {
	db := openDB(t)
	doc := documents(t, 2, 1)[0]
	id := enqueue(t, db, worker.IngestDocument(doc))[0].ID
	if got, err := db.Claim(t.Context(), "dead", 1, 50*time.Millisecond); err != nil || len(got) != 1 {
		t.Fatalf("claim: %v, %v", got, err)
	}
	// What the dead worker did: store the article, connect it, not
	// complete the job.
	ing := ingest.New(db, ingest.Options{Connect: func(ctx context.Context, arts []*sitrep.Article) error {
		return connectOnce(ctx, db, arts)
	}})
	if _, err := ing.Run(t.Context(), []string{"-"}, stdin(doc)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // its lease runs out

	got := drain(t, db, worker.Options{})
	if got.Done != 1 {
		t.Fatalf("counts %+v, want the job done", got)
	}
	j, err := db.Job(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if j.State != sitrep.JobDone || j.Attempts != 2 {
		t.Errorf("job %s after %d attempts, want done after 2", j.State, j.Attempts)
	}
	links, articles := linked(t, db)
	if articles != 1 || links != 1 {
		t.Errorf("%d articles, %d story links; want 1 and 1", articles, links)
	}
	list, err := db.Stories(t.Context(), sitrep.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ArticleCount != 1 {
		t.Errorf("stories %+v, want one story of one article", list)
	}
}

func connectOnce(ctx context.Context, db *sqlite.DB, arts []*sitrep.Article) error {
	return connect.New(db, connect.Options{}).Connect(ctx, arts)
}

func stdin(doc string) *bufio.Reader { return bufio.NewReaderSize(strings.NewReader(doc), 1<<17) }

// A stop request lets a job run for the grace period, then gives it back
// to the queue without counting the attempt.
func TestStopReleasesRunningJob(t *testing.T) {
	db := openDB(t)
	release := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // a page that never comes while the test waits
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer once.Do(func() { close(release) })
	id := enqueue(t, db, worker.IngestSource(srv.URL+"/slow.html"))[0].ID

	w := worker.New(db, worker.Options{Grace: 100 * time.Millisecond, Poll: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	for deadline := time.Now().Add(10 * time.Second); stats(t, db).Running == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the job was never claimed")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the worker did not stop")
	}
	j, err := db.Job(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if j.State != sitrep.JobQueued || j.Attempts != 0 || j.LeaseUntil != nil {
		t.Errorf("job %s, %d attempts, lease %v; want queued again, 0, none", j.State, j.Attempts, j.LeaseUntil)
	}
	if c := w.Counts(); c.Released != 1 {
		t.Errorf("counts %+v, want 1 released", c)
	}
}

func TestExtractJob(t *testing.T) {
	db := openDB(t)
	doc := documents(t, 3, 1)[0]
	// Stored without analysis, as a bulk load with an older sitrep might.
	sum, err := ingest.New(db, ingest.Options{}).Run(t.Context(), []string{"-"}, stdin(doc))
	if err != nil || sum.Added != 1 {
		t.Fatalf("ingest: %+v, %v", sum, err)
	}
	list, err := db.Articles(t.Context(), sitrep.ArticleFilter{})
	if err != nil || len(list) != 1 || list[0].Analysis != nil {
		t.Fatalf("stored %v (err %v), want one article without analysis", list, err)
	}
	x, err := extract.Load(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	analyze := func(a *sitrep.Article) { a.Analysis = x.Analyze(extract.DocumentOf(a)) }
	enqueue(t, db, worker.ExtractArticle(list[0].ID), worker.ExtractArticle("a-missing-id"))

	got := drain(t, db, worker.Options{Analyzer: func() (func(*sitrep.Article), error) { return analyze, nil }})
	if got.Done != 1 || got.Failed != 1 {
		t.Errorf("counts %+v, want 1 done and the unknown id failed", got)
	}
	a, err := db.Article(t.Context(), list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Analysis == nil || len(a.Analysis.Places) == 0 {
		t.Errorf("analysis after the extract job: %+v, want places found", a.Analysis)
	}
}
