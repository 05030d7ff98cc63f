package cli

import (
	"fmt"
	"sync"

	"github.com/schollz/progressbar/v3"

	"github.com/sitrep-project/sitrep/internal/ingest"
)

// progress draws a bar with count, rate and ETA on a terminal and stays
// silent when output is piped or --quiet is given.
type progress struct {
	mu     sync.Mutex
	bar    *progressbar.ProgressBar
	failed int
}

func (m *Main) newProgress(what string) *progress {
	p := &progress{}
	if m.Terminal && !m.quiet {
		p.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(m.Stderr),
			progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *progress) Total(n int) {
	if p.bar != nil {
		p.bar.ChangeMax(n)
	}
}

func (p *progress) Done(it ingest.Item) {
	if p.bar == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if it.Failed() {
		p.failed++
		p.bar.Describe(fmt.Sprintf("ingesting (%d failed)", p.failed))
	}
	// JSONL lines are counted as read, so the total grows past the number
	// of inputs given.
	if st := p.bar.State(); int64(st.CurrentNum)+1 > st.Max {
		p.bar.ChangeMax64(st.Max + 1)
	}
	_ = p.bar.Add(1)
}

func (p *progress) Finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
