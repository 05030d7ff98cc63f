package topics

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Codes used in the tests, named for readability.
const (
	conflictWarPeace = "medtop:16000000"
	actOfTerror      = "medtop:20000053"
	terroristBombing = "medtop:20000055"
	armedConflict    = "medtop:20000056"
	civilUnrest      = "medtop:20000065"
	protests         = "medtop:20000066"
	peaceProcess     = "medtop:20000073"
	peaceTalks       = "medtop:20000076"
	crimeLawJustice  = "medtop:02000000"
	robberyTheft     = "medtop:20000104"
	lawEnforcement   = "medtop:20000129"
	disasterTop      = "medtop:03000000"
	flood            = "medtop:20000154"
	landslide        = "medtop:20000155"
	emergencyResp    = "medtop:20000168"
	health           = "medtop:07000000"
	communicable     = "medtop:20000448"
	election         = "medtop:20000574"
	immigration      = "medtop:20000771"
)

func TestScore(t *testing.T) {
	tests := []struct {
		name    string
		title   string
		body    string
		first   string   // code of the best topic
		include []string // codes that must be reported
		exclude []string // codes that must not be
	}{
		{
			name: "armed conflict",
			body: "Government troops and rebel fighters clashed near the town on Monday. Air strikes hit rebel " +
				"positions and artillery shelling continued overnight, residents said. The army said its " +
				"offensive would go on until the road was reopened.",
			first:   armedConflict,
			include: []string{conflictWarPeace},
			exclude: []string{health, election, disasterTop, immigration},
		},
		{
			name:  "convoy, air strikes and truce",
			title: "Coalition strikes stop evacuation convoy",
			body: "A convoy of evacuated ISIL militants stayed stranded in the desert after US-led coalition " +
				"air strikes cut the road. Hezbollah and the Syrian army had agreed a truce deal with the " +
				"jihadists, who surrendered their enclave. The coalition said it would keep blocking the " +
				"buses, and called the fighters terrorists.",
			first:   conflictWarPeace,
			include: []string{armedConflict, actOfTerror, peaceProcess},
			exclude: []string{health, election, flood},
		},
		{
			name: "terrorism",
			body: "A suicide bomber detonated an explosive vest at a crowded market on Friday, killing at least " +
				"nine people. Islamic State claimed responsibility for the attack in a statement. Police " +
				"later arrested two men accused of helping the attacker reach the market.",
			first:   actOfTerror,
			include: []string{conflictWarPeace},
			exclude: []string{election, health, flood},
		},
		{
			name: "refugees",
			body: "More than 20,000 people have fled the fighting in the north this month, the UN refugee agency " +
				"said. Families who reached the refugee camp across the border told aid workers they had " +
				"walked for days. Many of the displaced are children, and the agency warned the camp was " +
				"already full. Several hundred more are waiting to claim asylum.",
			first:   immigration,
			exclude: []string{election, health, flood},
		},
		{
			name: "humanitarian aid",
			body: "An aid convoy of 40 trucks carrying food and medicine entered the town on Sunday, the first " +
				"humanitarian aid to arrive in three months. The World Food Programme said relief supplies " +
				"would last two weeks. Aid workers unloaded flour and blankets while residents queued.",
			first:   emergencyResp,
			include: []string{disasterTop},
			exclude: []string{election, communicable, armedConflict},
		},
		{
			name:  "ceasefire",
			title: "Ceasefire agreed after peace talks",
			body: "The warring parties agreed to a ceasefire on Thursday after two weeks of peace talks hosted " +
				"by the UN envoy. The truce is to take effect at midnight, and both sides promised to pull " +
				"back heavy weapons from the front line under the peace agreement.",
			first:   peaceProcess,
			include: []string{peaceTalks, conflictWarPeace},
			exclude: []string{election, health, disasterTop},
		},
		{
			name: "protest",
			body: "Thousands of protesters marched through the capital on Saturday demanding the release of " +
				"jailed students. Riot police fired tear gas and water cannon to disperse the demonstrators " +
				"near parliament. Organisers said another rally would be held next week.",
			first:   civilUnrest,
			include: []string{protests},
			exclude: []string{armedConflict, election, health},
		},
		{
			name:  "election result",
			title: "Incumbent re-elected in presidential vote",
			body: "The electoral commission announced the results of Sunday's presidential election late on " +
				"Tuesday. The incumbent won 54 percent of the vote, while turnout reached 61 percent. The " +
				"opposition candidate said he would challenge the count in court.",
			first:   election,
			exclude: []string{conflictWarPeace, health, disasterTop},
		},
		{
			name: "landslide victory is an election, not a landslide",
			body: "The ruling party won a landslide victory in the parliamentary election, taking 240 of the 300 " +
				"seats. Voters queued for hours at polling stations in the capital.",
			first:   election,
			exclude: []string{landslide, disasterTop},
		},
		{
			name: "cholera outbreak",
			body: "Health officials confirmed 120 new cases of cholera in the province this week, bringing the " +
				"total since the outbreak began to 900. Doctors at the district hospital said most patients " +
				"arrive with severe diarrhoea. The health ministry is sending oral vaccines and water " +
				"purification tablets.",
			include: []string{health, communicable},
			exclude: []string{armedConflict, conflictWarPeace, election},
		},
		{
			name: "flood",
			body: "Floodwaters rose across the valley after three days of torrential rain, forcing families " +
				"from their homes. Rescue teams in boats searched flooded villages for survivors after the " +
				"river burst its banks.",
			first:   flood,
			include: []string{disasterTop},
			exclude: []string{armedConflict, health, election},
		},
		{
			name: "crime",
			body: "Police arrested two men on Wednesday over the armed robbery of a jewellery shop in the old " +
				"city. Investigators said the suspects had stolen gold worth thousands of dollars before " +
				"fleeing on a motorbike. Both will appear in court next month.",
			first:   robberyTheft,
			include: []string{crimeLawJustice, lawEnforcement},
			exclude: []string{armedConflict, election, health},
		},
		{
			name: "hyphens and plurals",
			body: "Air-strikes and drone strikes continued although a cease-fire had been announced, and the " +
				"two sides traded blame for the shelling.",
			include: []string{armedConflict, peaceProcess},
		},
	}
	lex := mustLoad(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := lex.Score(text.Tokens(tt.body), text.Tokens(tt.title))
			codes := codesOf(got)
			if len(got) == 0 {
				t.Fatalf("no topics")
			}
			if tt.first != "" && got[0].Code != tt.first {
				t.Errorf("first topic = %s (%s), want %s; all: %v", got[0].Code, got[0].Label, tt.first, summary(got))
			}
			for _, c := range tt.include {
				if !slices.Contains(codes, c) {
					t.Errorf("missing %s; got %v", c, summary(got))
				}
			}
			for _, c := range tt.exclude {
				if slices.Contains(codes, c) {
					t.Errorf("unexpected %s; got %v", c, summary(got))
				}
			}
			for i := 1; i < len(got); i++ {
				if got[i].Score > got[i-1].Score {
					t.Errorf("not sorted: %v", summary(got))
				}
			}
			for _, ts := range got {
				if ts.Score <= 0 || ts.Score >= 1 || ts.Label == "" || len(ts.Cues) == 0 {
					t.Errorf("bad topic %+v", ts)
				}
			}
		})
	}
}

func TestScoreCues(t *testing.T) {
	lex := mustLoad(t)
	body := "Air strikes hit the town twice. More air strikes followed at dawn, then a ceasefire."
	got := lex.Score(text.Tokens(body), nil)
	ac := find(got, armedConflict)
	if ac == nil {
		t.Fatalf("no armed conflict in %v", summary(got))
	}
	if want := []string{"air strike (2)"}; !slices.Equal(ac.Cues, want) {
		t.Errorf("armed conflict cues = %q, want %q", ac.Cues, want)
	}
	// The parent is explained by the cues of its subtree.
	top := find(got, conflictWarPeace)
	if top == nil {
		t.Fatalf("no parent topic in %v", summary(got))
	}
	if want := []string{"air strike (2)", "ceasefire"}; !slices.Equal(top.Cues, want) {
		t.Errorf("parent cues = %q, want %q", top.Cues, want)
	}
}

func TestScoreTitleWeighsMore(t *testing.T) {
	lex := mustLoad(t)
	body := "Voters went to the polls as protesters gathered outside the electoral commission. " +
		"The demonstration ended peacefully and the vote count began."
	rank := func(title, code string) int {
		t.Helper()
		got := lex.Score(text.Tokens(body), text.Tokens(title))
		for i, ts := range got {
			if ts.Code == code {
				return i
			}
		}
		t.Fatalf("title %q: %s not reported in %v", title, code, summary(got))
		return -1
	}
	if r := rank("Demonstrators rally in the capital", protests); r != 0 {
		t.Errorf("with a protest title, protests rank %d, want 0", r)
	}
	if r := rank("Election count begins", election); r != 0 {
		t.Errorf("with an election title, election ranks %d, want 0", r)
	}
}

func TestScoreLengthNormalised(t *testing.T) {
	lex := mustLoad(t)
	short := "Rebel fighters clashed with troops after air strikes on the town."
	long := short + strings.Repeat(" The council met to discuss the budget for schools and roads.", 60)
	s := find(lex.Score(text.Tokens(short), nil), armedConflict)
	l := find(lex.Score(text.Tokens(long), nil), armedConflict)
	if s == nil {
		t.Fatalf("short text: no armed conflict")
	}
	if l != nil && l.Score >= s.Score {
		t.Errorf("diluted text scores %.3f, want below %.3f", l.Score, s.Score)
	}
}

func TestScoreNothing(t *testing.T) {
	lex := mustLoad(t)
	for _, body := range []string{"", "The weather was mild and the market opened at nine."} {
		if got := lex.Score(text.Tokens(body), nil); len(got) != 0 {
			t.Errorf("Score(%q) = %v, want none", body, summary(got))
		}
	}
}

func mustLoad(t *testing.T) *Lexicon {
	t.Helper()
	lex, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return lex
}

func codesOf(ts []sitrep.TopicScore) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Code)
	}
	return out
}

func find(ts []sitrep.TopicScore, code string) *sitrep.TopicScore {
	for i := range ts {
		if ts[i].Code == code {
			return &ts[i]
		}
	}
	return nil
}

func summary(ts []sitrep.TopicScore) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Label+"="+strconv.FormatFloat(t.Score, 'f', 3, 64))
	}
	return out
}

// FuzzScore checks that no input panics and that scores stay in (0, 1).
func FuzzScore(f *testing.F) {
	f.Add("Air-strikes hit Isil-held towns", "Cease-fire")
	f.Add("", "")
	f.Add("coup d'état in the capital; heart attack", "landslide victory")
	lex, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body, title string) {
		for _, ts := range lex.Score(text.Tokens(body), text.Tokens(title)) {
			if ts.Score <= 0 || ts.Score >= 1 {
				t.Fatalf("Score(%q, %q): %s scores %v", body, title, ts.Code, ts.Score)
			}
		}
	})
}
