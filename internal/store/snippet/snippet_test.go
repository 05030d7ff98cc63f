package snippet

import (
	"reflect"
	"strings"
	"testing"
)

func TestSnippetTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Convoy", []string{"convoy"}},
		{"ez-Zor", []string{"ez", "zor"}},
		{"Būkamāl", []string{"bukamal"}},
		{"Dar'a", []string{"dar", "a"}},
	}
	for _, tt := range tests {
		if got := Terms(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Terms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSnippet(t *testing.T) {
	long := func(prefix, middle, suffix int, hit string) string {
		w := func(n int, s string) []string { return strings.Fields(strings.Repeat(s+" ", n)) }
		parts := append(w(prefix, "lorem"), hit)
		parts = append(parts, w(middle, "ipsum")...)
		return strings.Join(append(parts, w(suffix, "dolor")...), " ")
	}
	tests := []struct {
		name, body string
		terms      []string
		want       string
	}{
		{"whole short body", "A convoy left at dawn.", []string{"convoy"}, "A [convoy] left at dawn."},
		{"no hit: the start", "One two three.", []string{"convoy"}, "One two three."},
		{"case and diacritics", "Trucks crossed at BŪKAMĀL today", []string{"bukamal"}, "Trucks crossed at [BŪKAMĀL] today"},
		{"stems", "He kills; they killed; killing", []string{"killed"}, "He [kills]; they [killed]; [killing]"},
		{"unlike words stay plain", "state statement statesman", []string{"state"}, "[state] statement statesman"},
		{"possessive", "Syria's army", []string{"syria"}, "[Syria]'s army"},
		{"white space collapsed", "A\n\nconvoy\t left", []string{"convoy"}, "A [convoy] left"},
		{"window around a late hit", long(40, 3, 40, "ambush"),
			[]string{"ambush"}, "…lorem lorem lorem lorem lorem lorem [ambush] ipsum ipsum ipsum dolor dolor dolor dolor dolor dolor dolor dolor dolor dolor dolor dolor dolor dolor…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Cut(tt.body, tt.terms); got != tt.want {
				t.Errorf("Cut:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// The window with more distinct terms wins over one with more hits of one.
func TestSnippetPrefersAllTerms(t *testing.T) {
	body := "convoy convoy convoy " + strings.Repeat("filler ", 60) + "convoy near the checkpoint " + strings.Repeat("filler ", 60)
	got := Cut(body, []string{"convoy", "checkpoint"})
	if !strings.Contains(got, "[convoy] near the [checkpoint]") {
		t.Errorf("Cut %q, want the window holding both terms", got)
	}
}
