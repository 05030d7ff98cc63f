package topics

import (
	"slices"
	"strings"
	"testing"
)

// TestLoadKnownTopics pins codes, labels and parents that were checked
// against IPTC's export, so an edit of topics.tsv cannot drift from the
// vocabulary unnoticed.
func TestLoadKnownTopics(t *testing.T) {
	tests := []struct{ code, label, parent string }{
		{"medtop:16000000", "conflict, war and peace", ""},
		{"medtop:20000053", "act of terror", "medtop:16000000"},
		{"medtop:20000056", "armed conflict", "medtop:16000000"},
		{"medtop:20000062", "war", "medtop:20000056"},
		{"medtop:20000065", "civil unrest", "medtop:16000000"},
		{"medtop:20000066", "protests and demonstrations", "medtop:20000065"},
		{"medtop:20000070", "coup d'etat", "medtop:16000000"},
		{"medtop:20000071", "massacre", "medtop:16000000"},
		{"medtop:20000073", "peace process", "medtop:16000000"},
		{"medtop:20001377", "war victims", "medtop:16000000"},
		{"medtop:20000072", "genocide", "medtop:20000082"},
		{"medtop:20000103", "terrorism", "medtop:20000082"},
		{"medtop:20000100", "kidnapping", "medtop:20000082"},
		{"medtop:20000154", "flood", "medtop:20000151"},
		{"medtop:20000168", "emergency response", "medtop:03000000"},
		{"medtop:20000446", "disease and condition", "medtop:07000000"},
		{"medtop:20000449", "epidemic and pandemic", "medtop:20000448"},
		{"medtop:20000574", "election", "medtop:11000000"},
		{"medtop:20000639", "diplomacy", "medtop:20000638"},
		{"medtop:11000000", "politics and government", ""},
	}
	lex := mustLoad(t)
	byCode := make(map[string]topic)
	for _, tp := range lex.topics {
		byCode[tp.code] = tp
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			tp, ok := byCode[tt.code]
			if !ok {
				t.Fatalf("%s missing", tt.code)
			}
			if tp.label != tt.label {
				t.Errorf("label = %q, want %q", tp.label, tt.label)
			}
			parent := ""
			if tp.parent >= 0 {
				parent = lex.topics[tp.parent].code
			}
			if parent != tt.parent {
				t.Errorf("parent = %q, want %q", parent, tt.parent)
			}
		})
	}
}

func TestLoadEveryTopicIsReachable(t *testing.T) {
	lex := mustLoad(t)
	hasCue := make([]bool, len(lex.topics))
	for _, c := range lex.cues {
		for _, tg := range c.targets {
			hasCue[tg.topic] = true
		}
	}
	for i, tp := range lex.topics {
		if tp.parent < 0 {
			continue // a top-level subject may live on its children's weight
		}
		if !hasCue[i] {
			t.Errorf("%s (%s) has no cues", tp.code, tp.label)
		}
	}
}

func TestParseErrors(t *testing.T) {
	const ok = "medtop:16000000\tconflict, war and peace\t\twar\n"
	tests := []struct {
		name, src, want string
	}{
		{"empty", "# only a comment\n", "no topics"},
		{"bad code", "16000000\tconflict\t\twar\n", "not medtop:NNNNNNNN"},
		{"too few columns", "medtop:16000000\tconflict\n", "want 3 or 4"},
		{"no label", "medtop:16000000\t \t\twar\n", "no label"},
		{"duplicate", ok + ok, "listed twice"},
		{"unknown parent", "medtop:20000056\tarmed conflict\tmedtop:16000000\tclash\n", "not in the lexicon"},
		{"bad weight", "medtop:16000000\tconflict\t\twar:heavy\n", "weight"},
		{"zero weight", "medtop:16000000\tconflict\t\twar:0\n", "weight"},
		{"empty phrase", "medtop:16000000\tconflict\t\t:2\n", "empty phrase"},
		{"cycle", "medtop:20000056\ta\tmedtop:20000062\tx\nmedtop:20000062\tb\tmedtop:20000056\ty\n", "own ancestor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("test.tsv", tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestParseFoldsAndMergesCues(t *testing.T) {
	src := "medtop:16000000\tconflict\t\tAir-Strike:2|gunfire\n" +
		"medtop:20000056\tarmed conflict\tmedtop:16000000\tair strike\n"
	lex, err := Parse("test.tsv", src)
	if err != nil {
		t.Fatal(err)
	}
	if len(lex.cues) != 2 {
		t.Fatalf("cues = %d, want 2 (air strike shared by two topics, gunfire)", len(lex.cues))
	}
	c := lex.cues[0]
	if c.phrase != "air strike" || len(c.targets) != 2 || c.targets[0].weight != 2 || c.targets[1].weight != 1 {
		t.Errorf("cue = %+v, want air strike with weights 2 and 1", c)
	}
}

func TestPlurals(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"strike", []string{"strikes"}},
		{"casualty", []string{"casualties"}},
		{"day", []string{"days"}},
		{"crash", []string{"crashes"}},
		{"tornado", []string{"tornados", "tornadoes"}},
		{"g7", nil},
	}
	for _, tt := range tests {
		if got := plurals(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("plurals(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
