package alerts

import (
	"context"
	"fmt"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Detector defaults.
const (
	DefaultWindow   = time.Hour
	DefaultBaseline = 24 * time.Hour
	DefaultFactor   = 3.0
	DefaultMinCount = 3
)

// Detector marks stories breaking: a story is breaking while its articles
// seen in the last Window number at least MinCount and at least Factor
// times its baseline rate, the articles per Window it averaged over the
// Baseline period before the window. A story new in the window has no
// baseline, so MinCount alone decides. Articles count by when they were
// seen (published, else retrieved), as stories place them; ones dated in
// the future do not count.
type Detector struct {
	Store sitrep.BreakingStore
	Now   func() time.Time
	BreakingPolicy
}

// BreakingPolicy says when a story is breaking. Zero fields take the
// defaults.
type BreakingPolicy struct {
	Window   time.Duration // 0: DefaultWindow
	Baseline time.Duration // 0: DefaultBaseline
	Factor   float64       // 0: DefaultFactor
	MinCount int           // 0: DefaultMinCount
}

// Detect recomputes the breaking stories and stores them.
func (d *Detector) Detect(ctx context.Context) ([]sitrep.BreakingStory, error) {
	window, baseline, factor, minCount := d.Window, d.Baseline, d.Factor, d.MinCount
	if window <= 0 {
		window = DefaultWindow
	}
	if baseline <= 0 {
		baseline = DefaultBaseline
	}
	if factor <= 0 {
		factor = DefaultFactor
	}
	if minCount <= 0 {
		minCount = DefaultMinCount
	}
	now := time.Now()
	if d.Now != nil {
		now = d.Now()
	}
	now = now.UTC()
	recentFrom := now.Add(-window)
	rates, err := d.Store.StoryRates(ctx, recentFrom.Add(-baseline), recentFrom, now)
	if err != nil {
		return nil, fmt.Errorf("alerts: breaking: %w", err)
	}
	var out []sitrep.BreakingStory
	for _, r := range rates {
		rate := float64(r.Baseline) * float64(window) / float64(baseline)
		if r.Recent >= minCount && float64(r.Recent) >= factor*rate {
			out = append(out, sitrep.BreakingStory{StoryID: r.StoryID, Since: now, Updated: now, Recent: r.Recent, BaselineRate: rate})
		}
	}
	if err := d.Store.SetBreaking(ctx, out); err != nil {
		return nil, fmt.Errorf("alerts: breaking: %w", err)
	}
	return out, nil
}
