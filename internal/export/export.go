// Package export writes events and articles in formats other tools read:
// ACLED-style CSV and GeoJSON for events, JSON Lines for articles. Writers
// stream, one record at a time, so an export of a whole database holds one
// event in memory. The site serves them at /export/...; the CLI can use
// them too.
package export

import (
	"context"
	"fmt"
	"io"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// EventWriter writes a stream of events; Close ends the document.
type EventWriter interface {
	Write(e *index.Event) error
	Close() error
}

// Events writes every event f selects to w, newest day first, and returns
// how many it wrote.
func Events(ctx context.Context, idx *index.Index, f index.Filter, w EventWriter) (int, error) {
	n := 0
	err := idx.EachEvent(ctx, f, func(e *index.Event) error {
		n++
		return w.Write(e)
	})
	if err != nil {
		return n, fmt.Errorf("export: events: %w", err)
	}
	if err := w.Close(); err != nil {
		return n, fmt.Errorf("export: events: %w", err)
	}
	return n, nil
}

// Articles writes every article f selects to w as JSON Lines, newest
// first, and returns how many it wrote.
func Articles(ctx context.Context, idx *index.Index, store sitrep.Store, f index.Filter, w io.Writer) (int, error) {
	aw := NewJSONL(w)
	n := 0
	err := idx.EachArticle(ctx, f, func(id string) error {
		a, err := store.Article(ctx, id)
		if err != nil {
			return err
		}
		n++
		return aw.Write(a)
	})
	if err != nil {
		return n, fmt.Errorf("export: articles: %w", err)
	}
	return n, nil
}
