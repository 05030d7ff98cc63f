package web

import (
	"net/http"
	"net/netip"
	"sync"
	"time"
)

// limiter counts events per key in a sliding window: at most limit in any
// window. It lives in memory, so a restart forgets it; what it guards
// (password guessing, comment floods) needs minutes, not history.
type limiter struct {
	limit  int
	window time.Duration
	now    func() time.Time

	mu     sync.Mutex
	events map[string][]time.Time
}

// maxLimiterKeys bounds the memory a flood from many addresses can take.
const maxLimiterKeys = 50_000

func newLimiter(limit int, window time.Duration, now func() time.Time) *limiter {
	return &limiter{limit: limit, window: window, now: now, events: map[string][]time.Time{}}
}

// recent returns key's events still inside the window, dropping the rest.
func (l *limiter) recent(key string, now time.Time) []time.Time {
	ev := l.events[key]
	i := 0
	for i < len(ev) && !ev[i].After(now.Add(-l.window)) {
		i++
	}
	if i == len(ev) {
		delete(l.events, key)
		return nil
	}
	ev = ev[i:]
	l.events[key] = ev
	return ev
}

// allowed reports whether key may have one more event now, and if not,
// how long until it may.
func (l *limiter) allowed(key string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	ev := l.recent(key, now)
	if len(ev) < l.limit {
		return true, 0
	}
	return false, ev[len(ev)-l.limit].Add(l.window).Sub(now)
}

// add records an event for key.
func (l *limiter) add(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if _, ok := l.events[key]; !ok && len(l.events) >= maxLimiterKeys {
		for k := range l.events {
			l.recent(k, now)
		}
		// Still full: forget arbitrary keys rather than grow.
		for k := range l.events {
			if len(l.events) < maxLimiterKeys {
				break
			}
			delete(l.events, k)
		}
	}
	ev := l.recent(key, now)
	if len(ev) >= l.limit {
		ev = ev[1:] // only the last limit events matter
	}
	l.events[key] = append(ev, now)
}

// clientAddr is the key for the client's address: the IPv4 address, or
// the /64 of an IPv6 one, since one subscriber gets a whole /64. The peer
// address is used as it is; a proxy in front makes all clients one, and
// forwarded headers are not trusted because anyone can send them.
func clientAddr(r *http.Request) string {
	ip, ok := peerAddr(r)
	if !ok {
		return remoteHost(r)
	}
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.String()
	}
	return ip.String()
}

// peerAddr is the address of the connection's other end (IPv4-mapped
// addresses as IPv4), false when RemoteAddr is not an address.
func peerAddr(r *http.Request) (netip.Addr, bool) {
	ip, err := netip.ParseAddr(remoteHost(r))
	return ip.Unmap(), err == nil
}
