// Package ingest turns inputs (files, directories, URLs, stdin, JSONL
// batches) into stored articles. It owns the batch semantics: a failed input
// is reported and skipped, never stopping the batch; parsed articles are
// committed in batches, each article atomic, so a crash or Ctrl-C leaves the
// store consistent and a rerun resumes by finding the stored ones unchanged.
package ingest

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/sitrep-project/sitrep/internal/fetch"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// DefaultMaxFileBytes bounds one input file, as fetch bounds one page.
const DefaultMaxFileBytes = 10 << 20

// Options configure an Ingester. The zero value is usable.
type Options struct {
	Fetcher      *fetch.Client // nil: a client with default limits
	MaxFileBytes int64         // 0: DefaultMaxFileBytes
	BatchSize    int           // articles per transaction; 0: 200
	Workers      int           // parallel parsers; 0: GOMAXPROCS
	// Analyze, when set, runs on every parsed article before it is stored
	// (the extractor). It must be safe for concurrent use.
	Analyze func(*sitrep.Article)
	// Connect, when set, runs after each batch is stored with the articles
	// it added or updated (the story connector). An error stops the run
	// like a store failure: the articles stay stored.
	Connect func(ctx context.Context, articles []*sitrep.Article) error
	// Progress, when set, is told about every finished item.
	Progress Progress
}

// Progress receives one call per finished item; Total is called once the
// number of inputs is known (JSONL lines are counted as they are read).
type Progress interface {
	Total(n int)
	Done(item Item)
}

// Item is the outcome for one article or one failed input.
type Item struct {
	Input       string           `json:"input"`
	ID          string           `json:"id,omitempty"`
	Title       string           `json:"title,omitempty"`
	Status      sitrep.PutStatus `json:"status,omitempty"` // empty when Err is set
	DuplicateOf string           `json:"duplicate_of,omitempty"`
	Err         error            `json:"-"`
}

// Failed reports whether the item could not be stored.
func (it Item) Failed() bool { return it.Err != nil }

// Summary counts a run's outcomes; Failures lists every failed item.
type Summary struct {
	Added       int    `json:"added"`
	Updated     int    `json:"updated"`
	Unchanged   int    `json:"unchanged"`
	Failed      int    `json:"failed"`
	Failures    []Item `json:"failures,omitempty"`
	Interrupted bool   `json:"interrupted,omitempty"`
	Elapsed     time.Duration
}

func (s *Summary) add(it Item) {
	switch {
	case it.Err != nil:
		s.Failed++
		s.Failures = append(s.Failures, it)
	case it.Status == sitrep.PutAdded:
		s.Added++
	case it.Status == sitrep.PutUpdated:
		s.Updated++
	default:
		s.Unchanged++
	}
}

// String is the one-line summary printed after a batch.
func (s Summary) String() string {
	out := fmt.Sprintf("%d added, %d updated, %d unchanged, %d failed", s.Added, s.Updated, s.Unchanged, s.Failed)
	if s.Interrupted {
		out += " (interrupted: run again to resume)"
	}
	return out
}

// Ingester stores articles read from inputs into a Store.
type Ingester struct {
	store sitrep.Store
	opt   Options
}

// New returns an Ingester writing to store.
func New(store sitrep.Store, opt Options) *Ingester {
	if opt.Fetcher == nil {
		opt.Fetcher = fetch.New(fetch.Config{})
	}
	if opt.MaxFileBytes <= 0 {
		opt.MaxFileBytes = DefaultMaxFileBytes
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 200
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	return &Ingester{store: store, opt: opt}
}

// result is one unit flowing from the readers to the writer: an article to
// store or an input that failed. seq keeps the run's order deterministic.
type result struct {
	seq     int
	input   string
	article *sitrep.Article
	err     error
}

// Run ingests inputs: paths to files or directories (walked recursively),
// http(s) URLs, or "-" for stdin (read from stdin). It returns when every
// input is handled or ctx is cancelled; in both cases everything parsed so
// far is committed. The error is non-nil only when the store itself fails.
func (in *Ingester) Run(ctx context.Context, inputs []string, stdin Reader) (Summary, error) {
	start := time.Now()
	sources, walkFailures := expand(inputs)
	if in.opt.Progress != nil {
		in.opt.Progress.Total(len(sources) + len(walkFailures))
	}

	jobs := make(chan job)
	results := make(chan result, in.opt.Workers*4)
	var wg sync.WaitGroup
	for range in.opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- in.parseOne(ctx, j)
			}
		}()
	}

	// The producer streams JSONL lines itself (a batch may be far larger
	// than memory allows to hold) and hands everything to the parsers, which
	// also run the extractor.
	producerDone := make(chan struct{})
	go func() {
		defer close(producerDone)
		defer close(jobs)
		seq := 0
		emit := func(j job) bool {
			j.seq = seq
			seq++
			select {
			case jobs <- j:
				return true
			case <-ctx.Done():
				return false
			}
		}
		for _, f := range walkFailures {
			if !emit(job{input: f.input, err: f.err}) {
				return
			}
		}
		for _, src := range sources {
			if ctx.Err() != nil {
				return
			}
			if in.isLines(src, stdin) {
				in.streamLines(ctx, src, stdin, emit)
				continue
			}
			if !emit(job{src: src, stdin: stdin}) {
				return
			}
		}
	}()
	go func() {
		<-producerDone
		wg.Wait()
		close(results)
	}()

	var sum Summary
	err := in.write(ctx, results, &sum)
	sum.Interrupted = ctx.Err() != nil
	sum.Elapsed = time.Since(start)
	return sum, err
}

// write reorders results by seq, stores articles in batches and reports
// every item. On a store failure it drains the pipeline and returns.
func (in *Ingester) write(ctx context.Context, results <-chan result, sum *Summary) error {
	pending := map[int]result{}
	next := 0
	var batch []result
	var storeErr error

	report := func(it Item) {
		sum.add(it)
		if in.opt.Progress != nil {
			in.opt.Progress.Done(it)
		}
	}
	flush := func() {
		if len(batch) == 0 || storeErr != nil {
			return
		}
		// Commit even when ctx is cancelled: what was parsed is kept.
		items, err := in.store1(context.WithoutCancel(ctx), batch)
		if err != nil {
			storeErr = err
		}
		if err == nil && in.opt.Connect != nil {
			if err := in.opt.Connect(context.WithoutCancel(ctx), changed(batch, items)); err != nil {
				storeErr = fmt.Errorf("ingest: connect: %w", err)
			}
		}
		for _, it := range items {
			report(it)
		}
		batch = batch[:0]
	}

	for r := range results {
		pending[r.seq] = r
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if r.err != nil {
				report(Item{Input: r.input, Err: r.err})
				continue
			}
			batch = append(batch, r)
			if len(batch) >= in.opt.BatchSize {
				flush()
			}
		}
	}
	flush()
	return storeErr
}

// store1 writes one batch. If the batch transaction fails (one bad article
// spoils it), each article is retried alone so only the bad one fails.
func (in *Ingester) store1(ctx context.Context, batch []result) ([]Item, error) {
	arts := make([]*sitrep.Article, len(batch))
	for i, r := range batch {
		arts[i] = r.article
	}
	res, err := in.store.PutArticles(ctx, arts)
	if err == nil {
		return items(batch, res), nil
	}
	out := make([]Item, 0, len(batch))
	for _, r := range batch {
		res, err := in.store.PutArticles(ctx, []*sitrep.Article{r.article})
		if err != nil {
			if sitrep.ErrorCode(err) == sitrep.EINTERNAL {
				// Not a verdict on this article: the store itself is failing.
				return out, err
			}
			out = append(out, Item{Input: r.input, ID: r.article.ID, Title: r.article.Title, Err: err})
			continue
		}
		out = append(out, items([]result{r}, res)...)
	}
	return out, nil
}

// changed returns the articles of a batch that were added or updated.
func changed(batch []result, items []Item) []*sitrep.Article {
	stored := map[string]bool{}
	for _, it := range items {
		if it.Err == nil && (it.Status == sitrep.PutAdded || it.Status == sitrep.PutUpdated) {
			stored[it.ID] = true
		}
	}
	var out []*sitrep.Article
	for _, r := range batch {
		if stored[r.article.ID] {
			out = append(out, r.article)
		}
	}
	return out
}

func items(batch []result, res []sitrep.PutResult) []Item {
	out := make([]Item, len(batch))
	for i, r := range batch {
		out[i] = Item{Input: r.input, ID: res[i].ID, Title: r.article.Title, Status: res[i].Status, DuplicateOf: res[i].DuplicateOf}
	}
	return out
}
