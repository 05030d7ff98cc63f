package cli_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// TestStories ingests the built-in sample corpus (demo) and reads its
// stories back through the commands.
func TestStories(t *testing.T) {
	db := filepath.Join(t.TempDir(), "stories.db")
	if code, _, errOut := runMain(t, "", "--db", db, "demo"); code != 0 {
		t.Fatalf("demo: exit %d, %s", code, errOut)
	}
	code, out, errOut := runMain(t, "", "--db", db, "stories", "--json", "--limit", "100")
	if code != 0 {
		t.Fatalf("stories: exit %d, %s", code, errOut)
	}
	var list []sitrep.Story
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("stories --json: %v", err)
	}
	if len(list) < 6 {
		t.Fatalf("%d stories from the sample corpus, want at least its 6 conflict stories", len(list))
	}
	biggest := list[0]
	for _, s := range list {
		if s.ArticleCount > biggest.ArticleCount {
			biggest = s
		}
	}

	tests := []struct {
		name     string
		args     []string
		wantCode int
		check    func(t *testing.T, out string)
	}{
		{"list as text", []string{"stories"}, 0, func(t *testing.T, out string) {
			if !strings.Contains(out, biggest.ID) || !strings.Contains(out, " articles ") {
				t.Errorf("listing lacks %s: %q", biggest.ID, out)
			}
		}},
		{"by country", []string{"stories", "--country", "lb", "--json"}, 0, func(t *testing.T, out string) {
			var got []sitrep.Story
			if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) == 0 {
				t.Fatalf("got %q, %v; want Lebanon's stories", out, err)
			}
			for _, s := range got {
				if !slices.Contains(s.Countries, "LB") {
					t.Errorf("story %s (%v) is not about LB", s.ID, s.Countries)
				}
			}
		}},
		{"since after the corpus", []string{"stories", "--since", "2030-01-01"}, 0, func(t *testing.T, out string) {
			if strings.TrimSpace(out) != "no stories found" {
				t.Errorf("got %q, want no stories", out)
			}
		}},
		{"since a duration", []string{"stories", "--since", "100000d", "--limit", "1", "--json"}, 0, func(t *testing.T, out string) {
			var got []sitrep.Story
			if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 1 {
				t.Errorf("got %q, %v; want one story", out, err)
			}
		}},
		{"bad since", []string{"stories", "--since", "last tuesday"}, 2, nil},
		{"timeline as text", []string{"story", biggest.ID}, 0, func(t *testing.T, out string) {
			for _, want := range []string{biggest.Title, "Timeline (date | sub-type | actors | place | fatalities | sources):", "Articles:"} {
				if !strings.Contains(out, want) {
					t.Errorf("story output lacks %q:\n%s", want, out)
				}
			}
			if strings.Count(out, " | ") < 5*biggest.EventCount {
				t.Errorf("timeline lines lack their five separators:\n%s", out)
			}
		}},
		{"timeline as JSON", []string{"story", "--json", biggest.ID}, 0, func(t *testing.T, out string) {
			var s sitrep.Story
			if err := json.Unmarshal([]byte(out), &s); err != nil {
				t.Fatal(err)
			}
			if len(s.Articles) != s.ArticleCount || len(s.Events) != s.EventCount {
				t.Errorf("%d articles and %d events, want %d and %d", len(s.Articles), len(s.Events), s.ArticleCount, s.EventCount)
			}
			for i := 1; i < len(s.Events); i++ {
				if a, b := s.Events[i-1].Date, s.Events[i].Date; a != "" && b != "" && a > b {
					t.Errorf("timeline out of order: %s before %s", a, b)
				}
			}
		}},
		{"unknown story", []string{"story", "s-missing"}, 1, nil},
		{"story needs an id", []string{"story"}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runMain(t, "", append([]string{"--db", db}, tt.args...)...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.wantCode, errOut)
			}
			if tt.check != nil {
				tt.check(t, out)
			}
		})
	}
}
