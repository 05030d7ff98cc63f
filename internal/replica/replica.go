// Package replica keeps a local copy of another store's articles: the
// site's read side when the articles live in PostgreSQL. The site indexes
// and searches an embedded SQLite file (internal/index) on each web
// server; the replica follows PostgreSQL's change feed into that file.
package replica

import (
	"context"
	"fmt"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// Defaults.
const (
	// DefaultLag is how far behind its mark the replica reads again:
	// changes a slow transaction commits with an earlier time than one
	// already copied are copied on a later sync.
	DefaultLag = 2 * time.Minute
	batch      = 500
)

// Replicator copies the articles of From into To.
type Replicator struct {
	From sitrep.ChangeFeed
	To   *sqlite.DB
	// Source names From in To's marks, so that one file could follow
	// several stores; the DSN without its password will do.
	Source string
	Lag    time.Duration // 0: DefaultLag
}

// Sync copies what From wrote since the last Sync (and within Lag before
// it) and returns how many articles it added or changed in To.
func (r *Replicator) Sync(ctx context.Context) (int, error) {
	lag := r.Lag
	if lag == 0 {
		lag = DefaultLag
	}
	mark, err := r.To.ReplicaMark(ctx, r.Source)
	if err != nil {
		return 0, err
	}
	from := mark.Rewind(lag)
	copied := 0
	for {
		cs, err := r.From.ArticleChanges(ctx, from, batch)
		if err != nil {
			return copied, fmt.Errorf("replica: read changes of %s: %w", r.Source, err)
		}
		if len(cs) == 0 {
			return copied, nil
		}
		n, err := r.apply(ctx, cs)
		copied += n
		if err != nil {
			return copied, err
		}
		from = cs[len(cs)-1].Mark
		if mark.Before(from) {
			mark = from
			if err := r.To.SetReplicaMark(ctx, r.Source, mark); err != nil {
				return copied, err
			}
		}
		if len(cs) < batch {
			return copied, nil
		}
	}
}

// apply writes one batch of changes: new and changed texts through
// PutArticles, and analyses that changed under the same text.
func (r *Replicator) apply(ctx context.Context, cs []sitrep.ArticleChange) (int, error) {
	arts := make([]*sitrep.Article, len(cs))
	for i, c := range cs {
		arts[i] = c.Article
	}
	res, err := r.To.PutArticles(ctx, arts)
	if err != nil {
		return 0, fmt.Errorf("replica: store %d articles: %w", len(arts), err)
	}
	n := 0
	for i, pr := range res {
		switch {
		case pr.Status == sitrep.PutAdded || pr.Status == sitrep.PutUpdated:
			n++
		case pr.Status == sitrep.PutUnchanged && pr.DuplicateOf == "":
			// The same text: its analysis may be newer (re-extraction,
			// corrections do not travel: they live with each site).
			changed, err := r.To.UpdateAnalysis(ctx, arts[i].ID, arts[i].Analysis)
			if err != nil {
				return n, fmt.Errorf("replica: article %s: %w", arts[i].ID, err)
			}
			if changed {
				n++
			}
		}
	}
	return n, nil
}

// Run calls Sync every interval until ctx is done, then after each sync
// that copied something calls then (the site re-indexes). Failures go to
// onErr.
func (r *Replicator) Run(ctx context.Context, every time.Duration, then func(), onErr func(error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			n, err := r.Sync(ctx)
			if err != nil && ctx.Err() == nil && onErr != nil {
				onErr(err)
			}
			if n > 0 && then != nil {
				then()
			}
		}
	}
}
