package feeds

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"
)

// hostLimiter spaces requests to one host at least interval apart, whoever
// makes them: feed documents and the pages their items link to share it, so
// a site with many feeds is not hit by each of them at once. It sleeps on the
// real clock, not the poller's.
type hostLimiter struct {
	interval time.Duration

	mu   sync.Mutex
	next map[string]time.Time // earliest start of the next request per host
}

func newHostLimiter(interval time.Duration) *hostLimiter {
	return &hostLimiter{interval: interval, next: map[string]time.Time{}}
}

// wait reserves the next free slot for host and sleeps until it comes, or
// until ctx ends. Slots are handed out in call order, so concurrent callers
// for one host queue up interval apart.
func (l *hostLimiter) wait(ctx context.Context, host string) error {
	if l.interval <= 0 {
		return ctx.Err()
	}
	now := time.Now()
	l.mu.Lock()
	at := l.next[host]
	if at.Before(now) {
		at = now
	}
	l.next[host] = at.Add(l.interval)
	if len(l.next) > 1024 {
		l.forget(now)
	}
	l.mu.Unlock()

	d := at.Sub(now)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// forget drops hosts whose slots have passed, so the map does not grow
// with every host a feed ever linked to. l.mu is held.
func (l *hostLimiter) forget(now time.Time) {
	for h, at := range l.next {
		if at.Before(now) {
			delete(l.next, h)
		}
	}
}

// hostOf returns the lower-case host (with port) that rawURL names, the key
// of the per-host limit; "" when it names none.
func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}
