package web

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newLimiter(3, 10*time.Minute, func() time.Time { return at })
	for i := range 3 {
		if ok, _ := l.allowed("a"); !ok {
			t.Fatalf("event %d refused", i+1)
		}
		l.add("a")
		at = at.Add(time.Minute)
	}
	ok, wait := l.allowed("a")
	if ok || wait != 7*time.Minute {
		t.Errorf("fourth event: allowed %v, wait %v; want refused for 7m", ok, wait)
	}
	if ok, _ := l.allowed("b"); !ok {
		t.Error("another key is refused")
	}
	at = at.Add(7 * time.Minute)
	if ok, _ := l.allowed("a"); !ok {
		t.Error("refused once the oldest event left the window")
	}
	at = at.Add(time.Hour)
	l.allowed("a")
	if len(l.events) != 0 {
		t.Errorf("%d keys kept after their events expired, want 0", len(l.events))
	}
}

func TestLimiterBounded(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newLimiter(1, time.Hour, func() time.Time { return at })
	for i := range maxLimiterKeys + 100 {
		l.add(fmt.Sprint(i))
	}
	if len(l.events) > maxLimiterKeys {
		t.Errorf("%d keys, want at most %d", len(l.events), maxLimiterKeys)
	}
}

func TestClientAddr(t *testing.T) {
	tests := []struct{ remote, want string }{
		{"192.0.2.7:5555", "192.0.2.7"},
		{"[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff::1]:443", "2001:db8:1:2::/64"},
		{"[::ffff:192.0.2.7]:80", "192.0.2.7"},
		{"garbage", "garbage"},
	}
	for _, tt := range tests {
		r := &http.Request{RemoteAddr: tt.remote, Header: http.Header{"X-Forwarded-For": {"203.0.113.9"}}}
		if got := clientAddr(r); got != tt.want {
			t.Errorf("clientAddr(%q) = %q, want %q", tt.remote, got, tt.want)
		}
	}
}

func TestLocalPath(t *testing.T) {
	tests := []struct{ next, want string }{
		{"/moderation?page=2#x", "/moderation?page=2#x"},
		{"/", "/"},
		{"", "/"},
		{"//evil.example", "/"},
		{"/\\evil.example", "/"},
		{"https://evil.example", "/"},
		{"http:/evil.example", "/"},
		{"/a\nb", "/"},
		{"/a\x7fb", "/"},
		{"moderation", "/"},
	}
	for _, tt := range tests {
		if got := localPath(tt.next); got != tt.want {
			t.Errorf("localPath(%q) = %q, want %q", tt.next, got, tt.want)
		}
	}
}
