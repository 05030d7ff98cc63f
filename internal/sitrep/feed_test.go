package sitrep_test

import (
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestFeedURL(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"as is", "https://news.example/feed.xml", "https://news.example/feed.xml"},
		{"scheme and host case", "HTTPS://News.Example/Feed.xml", "https://news.example/Feed.xml"},
		{"default http port", "http://news.example:80/rss", "http://news.example/rss"},
		{"default https port", "https://news.example:443/rss", "https://news.example/rss"},
		{"other port kept", "https://news.example:8443/rss", "https://news.example:8443/rss"},
		{"fragment dropped", "https://news.example/rss#top", "https://news.example/rss"},
		{"empty path", "https://news.example", "https://news.example/"},
		{"query kept in order", "https://news.example/rss?b=2&a=1", "https://news.example/rss?b=2&a=1"},
		{"spaces trimmed", "  https://news.example/rss \n", "https://news.example/rss"},
		{"IPv6", "http://[::1]:8080/feed", "http://[::1]:8080/feed"},
		{"IPv6 default port", "http://[::1]:80/feed", "http://[::1]/feed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sitrep.FeedURL(tt.in)
			if err != nil {
				t.Fatalf("FeedURL(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("FeedURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFeedURLInvalid(t *testing.T) {
	for _, in := range []string{"", "feed.xml", "ftp://news.example/feed", "file:///etc/passwd", "https://", "http://[::1/feed", "mailto:desk@news.example"} {
		if _, err := sitrep.FeedURL(in); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("FeedURL(%q): got %v, want EINVALID", in, err)
		}
	}
}
