package countries

import (
	"strings"
	"sync"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/actors"
	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/places"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

type fixture struct {
	g   *gazetteer.Gazetteer
	r   *places.Resolver
	lex *actors.Lexicon
}

var (
	once  sync.Once
	fx    *fixture
	fxErr error
)

func load(t testing.TB) *fixture {
	t.Helper()
	once.Do(func() {
		g, err := gazetteer.Load()
		if err != nil {
			fxErr = err
			return
		}
		r, err := places.NewResolver(g)
		if err != nil {
			fxErr = err
			return
		}
		lex, err := actors.Load()
		if err != nil {
			fxErr = err
			return
		}
		fx = &fixture{g, r, lex}
	})
	if fxErr != nil {
		t.Fatalf("load: %v", fxErr)
	}
	return fx
}

// rank runs the extractor's steps up to Rank on a headline and a text.
func (x *fixture) rank(title, s string) []sitrep.CountryScore {
	toks := text.Tokens(s)
	acts := x.lex.Find(s, toks)
	ps := x.r.Find(s, toks, text.Sentences(s), acts)
	return Rank(ps, acts, toks, text.Tokens(title), x.g)
}

func codes(cs []sitrep.CountryScore) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Code
	}
	return out
}

func TestRank(t *testing.T) {
	x := load(t)
	tests := []struct {
		name, title, text string
		first             string
		top               []string // also among the first len(top)+1
		below             []string // ranked after first
	}{
		{"coalition named often, events in syria", "",
			"The US-led coalition said on Tuesday its jets had struck a road near Al-Mayadin in Syria's " +
				"Deir ez-Zor province to stop a convoy heading for the Iraqi border. The US-led coalition said " +
				"the convoy carried fighters who had left an enclave on Syria's border with Lebanon. A US-led " +
				"coalition spokesman said the US-led coalition would keep watching the road. US warplanes flew " +
				"over the desert. Hezbollah, the Lebanese group, said the buses were stuck near Palmyra.",
			"SY", []string{"LB", "IQ"}, []string{"US"}},
		{"headline place", "Shelling kills five in Idlib",
			"Turkey said on Monday that Russia had broken the truce. Russia denied it. Turkish officials " +
				"said Russian jets flew from a base. Five people died in the shelling of the province, Syrian " +
				"activists said.",
			"SY", nil, []string{"TR", "RU"}},
		{"story in iraq", "",
			"Gunmen attacked a checkpoint near Kirkuk on Sunday, Iraqi police said. Two soldiers died in the " +
				"attack south of Kirkuk, and the road to Erbil was closed.",
			"IQ", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := x.rank(tt.title, tt.text)
			if len(got) == 0 || got[0].Code != tt.first {
				t.Fatalf("Rank = %v, want %s first", codes(got), tt.first)
			}
			for _, c := range tt.top {
				found := false
				for _, g := range got[:min(len(got), len(tt.top)+1)] {
					found = found || g.Code == c
				}
				if !found {
					t.Errorf("Rank = %v, want %s among the first %d", codes(got), c, len(tt.top)+1)
				}
			}
			for _, c := range tt.below {
				for i, g := range got {
					if g.Code == c && i == 0 {
						t.Errorf("Rank = %v, want %s after %s", codes(got), c, tt.first)
					}
				}
			}
		})
	}
}

func TestRankScores(t *testing.T) {
	x := load(t)
	got := x.rank("Strikes near Aleppo", "Jets struck a market in Aleppo and a road near Idlib. "+
		"Russia said its jets did not fly. Turkish forces shelled a village near Afrin.")
	if len(got) < 2 {
		t.Fatalf("Rank = %v, want several countries", codes(got))
	}
	if got[0].Score != 1 {
		t.Errorf("first score = %v, want 1", got[0].Score)
	}
	for i, c := range got {
		if c.Score <= 0 || c.Score > 1 || (i > 0 && c.Score > got[i-1].Score) {
			t.Errorf("score %d = %v, want in (0,1] and not above the one before", i, c.Score)
		}
		if c.Name == "" || len(c.Cues) == 0 {
			t.Errorf("country %s has name %q and cues %v, want both", c.Code, c.Name, c.Cues)
		}
	}
	if !strings.Contains(strings.Join(got[0].Cues, "|"), "title:aleppo") {
		t.Errorf("cues of %s = %v, want the headline's Aleppo", got[0].Code, got[0].Cues)
	}
}

func TestRankNothing(t *testing.T) {
	x := load(t)
	if got := x.rank("", "Nobody said anything about anywhere."); got != nil {
		t.Errorf("Rank = %v, want nil", codes(got))
	}
	if got := Rank(nil, nil, nil, nil, x.g); got != nil {
		t.Errorf("Rank(nil) = %v, want nil", codes(got))
	}
}

func BenchmarkRank(b *testing.B) {
	x := load(b)
	s := strings.Repeat("The US-led coalition struck a road near Al-Mayadin in Syria's Deir ez-Zor province. "+
		"Hezbollah and the Syrian army said Lebanese fighters left for Iraq. Russia said nothing. ", 20)
	toks := text.Tokens(s)
	acts := x.lex.Find(s, toks)
	ps := x.r.Find(s, toks, text.Sentences(s), acts)
	title := text.Tokens("Convoy stranded in the Syrian desert")
	b.ReportAllocs()
	for b.Loop() {
		Rank(ps, acts, toks, title, x.g)
	}
	b.ReportMetric(float64(len(toks))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
