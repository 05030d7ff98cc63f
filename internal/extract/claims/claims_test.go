package claims

import (
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/actors"
	"github.com/sitrep-project/sitrep/internal/extract/quantity"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var (
	lexOnce sync.Once
	lex     *actors.Lexicon
	lexErr  error
)

// input reads s as the extractor does: tokens, sentences, the built-in
// actor lexicon's mentions and the quantities.
func input(t testing.TB, s string) Input {
	t.Helper()
	lexOnce.Do(func() { lex, lexErr = actors.Load() })
	if lexErr != nil {
		t.Fatal(lexErr)
	}
	toks := text.Tokens(s)
	return Input{
		Text: s, Toks: toks, Sents: text.Sentences(s),
		Actors: lex.Find(s, toks), Quantities: quantity.Find(s, toks),
		Lookup: func(n string) (string, bool) { a, ok := lex.Lookup(n); return a.Name, ok },
	}
}

// view is a claim as the tests compare it: its spans as text.
type view struct {
	Source, Actor, Cue, Content, Stance string
}

func viewOf(s string, c sitrep.Claim) view {
	return view{
		Source: runeSlice(s, c.SourceStart, c.SourceEnd), Actor: c.SourceActor,
		Cue: runeSlice(s, c.CueStart, c.CueEnd), Content: runeSlice(s, c.ContentStart, c.ContentEnd),
		Stance: c.Stance,
	}
}

// findCue returns the claim whose cue reads cue, failing when there is none.
func findCue(t *testing.T, s string, cs []sitrep.Claim, cue string) view {
	t.Helper()
	for _, c := range cs {
		if v := viewOf(s, c); v.Cue == cue {
			return v
		}
	}
	var got []string
	for _, c := range cs {
		got = append(got, viewOf(s, c).Cue)
	}
	t.Fatalf("no claim with cue %q in %q; cues: %q", cue, s, got)
	return view{}
}

func TestFindPatterns(t *testing.T) {
	tests := []struct {
		name, text string
		want       view // Actor and Stance are checked only when set
	}{
		{"X said that Y",
			"The ministry said that two soldiers were wounded near the bridge.",
			view{Source: "The ministry", Cue: "said", Content: "that two soldiers were wounded near the bridge"}},
		{"X said Y without that",
			"Residents say the water has been cut for a week.",
			view{Source: "Residents", Cue: "say", Content: "the water has been cut for a week"}},
		{"Y, X said",
			"Two soldiers were wounded near the bridge, the ministry said.",
			view{Source: "the ministry", Cue: "said", Content: "Two soldiers were wounded near the bridge"}},
		{"quotation, said X",
			`"We will hold the line," said Colonel Hassan Dabbagh.`,
			view{Source: "Colonel Hassan Dabbagh", Cue: "said", Content: `"We will hold the line,"`}},
		{"According to X, Y",
			"According to the health ministry, 40 patients were evacuated overnight.",
			view{Source: "the health ministry", Cue: "According to", Content: "40 patients were evacuated overnight"}},
		{"Y, according to X",
			"The road to the airport was reopened on Friday, according to local officials.",
			view{Source: "local officials", Cue: "according to", Content: "The road to the airport was reopened on Friday"}},
		{"said in a statement",
			"The coalition said in a statement that its aircraft struck a weapons depot.",
			view{Source: "The coalition", Cue: "said in a statement", Content: "that its aircraft struck a weapons depot"}},
		{"told an addressee",
			"A commander told reporters on Tuesday that the offensive would resume.",
			view{Source: "A commander", Cue: "told", Content: "that the offensive would resume"}},
		{"quoted as saying",
			"The governor was quoted as saying that the curfew would end at dawn.",
			view{Source: "The governor", Cue: "was quoted as saying", Content: "that the curfew would end at dawn"}},
		{"called on",
			"The UN envoy called on both sides to open a humanitarian corridor.",
			view{Source: "The UN envoy", Cue: "called on", Content: "both sides to open a humanitarian corridor"}},
		{"auxiliaries join the cue",
			"The opposition has repeatedly warned that the truce is collapsing.",
			view{Source: "The opposition", Cue: "has repeatedly warned", Content: "that the truce is collapsing"}},
		{"time between source and cue",
			"The coalition yesterday said it would keep the road closed.",
			view{Source: "The coalition", Cue: "said", Content: "it would keep the road closed"}},
		{"leading adverbs are not the source",
			"However, late on Monday local activists said that the bakery had been hit.",
			view{Source: "local activists", Cue: "said", Content: "that the bakery had been hit"}},
		{"participle after a claim",
			"The mayor said the pumps had failed, adding that fuel would run out by Friday.",
			view{Source: "The mayor", Cue: "adding", Content: "that fuel would run out by Friday"}},
		{"apposition before the cue",
			"A Britain-based war monitor, the Syrian Observatory for Human Rights, said dozens of fighters had left the town.",
			view{Source: "A Britain-based war monitor, the Syrian Observatory for Human Rights", Actor: "Syrian Observatory for Human Rights",
				Cue: "said", Content: "dozens of fighters had left the town"}},
		{"relative pronoun names its antecedent",
			"The commander denied news reports that said a hundred fighters had crossed the river.",
			view{Source: "news reports", Cue: "said", Content: "a hundred fighters had crossed the river"}},
		{"report noun with a that clause",
			"Officials rejected the claim that the dam had been mined.",
			view{Cue: "claim", Content: "that the dam had been mined", Stance: Hedge}},
		{"evidence shows",
			"A survey of the camps shows most families have no heating.",
			view{Source: "A survey of the camps", Cue: "shows", Content: "most families have no heating"}},
		{"headline label",
			"Mayor: water plant out of action\n\nThe plant stopped on Monday.",
			view{Source: "Mayor", Cue: ":", Content: "water plant out of action"}},
		{"quotation signed with a dash",
			"\u201cWe lost everything in one night.\u201d \u2015 Amina Saleh\n\nThe camp was quiet.",
			view{Source: "Amina Saleh", Cue: "\u2015", Content: "\u201cWe lost everything in one night.\u201d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := Find(input(t, tt.text))
			got := findCue(t, tt.text, cs, tt.want.Cue)
			if tt.want.Actor == "" {
				got.Actor = ""
			}
			if tt.want.Stance == "" {
				got.Stance = ""
			}
			if got != tt.want {
				t.Errorf("Find(%q)\n got %+v\nwant %+v", tt.text, got, tt.want)
			}
		})
	}
}

func TestFindQuotations(t *testing.T) {
	tests := []struct {
		name, text, cue, content string
	}{
		{"colon opens a quotation of two sentences",
			`The mayor said: "The water plant is out of action. We have fuel for two days."`,
			"said", `"The water plant is out of action. We have fuel for two days."`},
		{"quotation goes on after the attribution",
			`"The water plant is out of action," the mayor said. "We have fuel for two days."`,
			"said", `"The water plant is out of action," the mayor said. "We have fuel for two days."`},
		{"attribution closes a quotation of two sentences",
			"\u201cThe shelling started at noon. It did not stop until dark,\u201d a nurse told the agency.",
			"told", "\u201cThe shelling started at noon. It did not stop until dark,\u201d"},
		{"attribution inside a quotation",
			`"We are ready," the envoy said, "but the roads must open first."`,
			"said", `"We are ready," the envoy said, "but the roads must open first."`},
		{"a quoted word inside a clause",
			`Activists said that "dozens" of men had slipped across the border.`,
			"said", `that "dozens" of men had slipped across the border`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := Find(input(t, tt.text))
			if got := findCue(t, tt.text, cs, tt.cue); got.Content != tt.content {
				t.Errorf("content of %q in %q\n got %q\nwant %q", tt.cue, tt.text, got.Content, tt.content)
			}
		})
	}
}

func TestFindStance(t *testing.T) {
	tests := []struct {
		name, text, cue, want string
	}{
		{"said asserts", "The ministry said the bridge was repaired.", "said", Assert},
		{"denied", "The ministry denied that its jets had struck the hospital.", "denied", Deny},
		{"rejected a proposition", "The group rejected the accusations as fabricated.", "rejected", Deny},
		{"dismissed a report", "Officials dismissed the report as propaganda.", "dismissed", Deny},
		{"refuted", "The army refuted claims that it had used cluster bombs.", "refuted", Deny},
		{"said it was not true", "The brigade said it was not true.", "said", Deny},
		{"called it false", "A spokesman said the reports were false.", "said", Deny},
		{"claimed hedges", "The militia claimed it had shot down a drone.", "claimed", Hedge},
		{"alleged hedges", "The lawyers alleged that the prisoners were tortured.", "alleged", Hedge},
		{"reportedly hedges", "Local media said the general had reportedly fled to the coast.", "said", Hedge},
		{"unconfirmed hedges", "Residents said an unconfirmed number of fighters had surrendered.", "said", Hedge},
		{"it is believed", "It is believed that the convoy left before dawn.", "is believed", Hedge},
		{"negated denial hedges", "The army did not deny that the bridge was destroyed.", "did not deny", Hedge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := Find(input(t, tt.text))
			if got := findCue(t, tt.text, cs, tt.cue); got.Stance != tt.want {
				t.Errorf("stance of %q in %q = %q, want %q", tt.cue, tt.text, got.Stance, tt.want)
			}
		})
	}
}

func TestFindSources(t *testing.T) {
	tests := []struct {
		name, text, cue, source, actor string
	}{
		{"actor named in the source",
			"The Syrian Observatory for Human Rights said 12 fighters died in the raid.", "said",
			"The Syrian Observatory for Human Rights", "Syrian Observatory for Human Rights"},
		{"the head names the actor, not the apposition",
			"Hezbollah, a group allied to President Bashar al-Assad, said the road was closed.", "said",
			"Hezbollah, a group allied to President Bashar al-Assad", "Hezbollah"},
		{"pronoun takes the source just named",
			"Hezbollah said the road was closed. It said the convoy would wait in the desert.", "It",
			"It", "Hezbollah"},
		{"pronoun left alone when the last source is far back",
			"Hezbollah said the road was closed. The convoy waited. Dust storms came. They said nothing more.", "They",
			"They", ""},
		{"source without an actor",
			"The commander in the southern sector said the shelling had stopped.", "said",
			"The commander in the southern sector", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := Find(input(t, tt.text))
			var got *view
			for _, c := range cs {
				v := viewOf(tt.text, c)
				if v.Cue == tt.cue || v.Source == tt.cue {
					got = &v
					break
				}
			}
			if got == nil {
				t.Fatalf("no claim for %q in %q", tt.cue, tt.text)
			}
			if got.Source != tt.source || got.Actor != tt.actor {
				t.Errorf("source = %q (%q), want %q (%q)", got.Source, got.Actor, tt.source, tt.actor)
			}
		})
	}
}

func TestFindLookup(t *testing.T) {
	// A source the mentions miss resolves through Lookup.
	s := "The Free Hills Brigade said its men had left the valley."
	in := input(t, s)
	in.Actors = nil
	in.Lookup = func(n string) (string, bool) {
		if n == "The Free Hills Brigade" {
			return "Free Hills Brigade", true
		}
		return "", false
	}
	cs := Find(in)
	if len(cs) != 1 || cs[0].SourceActor != "Free Hills Brigade" {
		t.Fatalf("Find = %+v, want one claim by Free Hills Brigade", cs)
	}
}

func TestFindNoClaim(t *testing.T) {
	tests := []struct{ name, text string }{
		{"plain report", "Two shells hit the market on Sunday morning."},
		{"noun spelled like a verb", "The United States sent aid to the region."},
		{"participle as adjective", "The proposed route runs through the desert."},
		{"reduced passive", "The fighters, described as lightly armed, left at dawn."},
		{"talk inside a quotation", `"I think we can win," the officer said.`},
		{"convening, not saying", "The council called an emergency meeting on Friday."},
		{"infinitive", "The minister declined to say where the prisoners were held."},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range Find(input(t, tt.text)) {
				v := viewOf(tt.text, c)
				switch tt.name {
				case "talk inside a quotation":
					if v.Cue == "think" {
						t.Errorf("Find(%q) reports %+v", tt.text, v)
					}
				case "infinitive":
					if v.Cue == "say" {
						t.Errorf("Find(%q) reports %+v", tt.text, v)
					}
				default:
					t.Errorf("Find(%q) reports %+v", tt.text, v)
				}
			}
		})
	}
}

func TestFindNested(t *testing.T) {
	// A claim reported inside another's content is part of it; inside a
	// denial it stands apart, so that the denial can be set against it.
	s := "The envoy said the army had announced a truce."
	cs := Find(input(t, s))
	if len(cs) != 1 || viewOf(s, cs[0]).Source != "The envoy" {
		t.Errorf("Find(%q) = %+v, want the envoy's claim alone", s, cs)
	}
	s = "The army denied reports that rebels had seized the dam."
	cs = Find(input(t, s))
	if len(cs) != 2 || cs[0].Stance != Deny || viewOf(s, cs[1]).Cue != "reports" {
		t.Errorf("Find(%q) = %+v, want the denial and the reports", s, cs)
	}
}

func TestFindOffsets(t *testing.T) {
	// Offsets count code points, not bytes.
	s := "Ḩumaymah\u2019s mayor said the well at Al\u2011Būkamāl was dry."
	cs := Find(input(t, s))
	if len(cs) != 1 {
		t.Fatalf("Find(%q) = %+v, want one claim", s, cs)
	}
	c := cs[0]
	n := utf8.RuneCountInString(s)
	if c.ContentEnd > n || runeSlice(s, c.CueStart, c.CueEnd) != "said" || c.Cue != "said" {
		t.Errorf("claim %+v: cue %q in a text of %d code points", c, runeSlice(s, c.CueStart, c.CueEnd), n)
	}
	if got := runeSlice(s, c.ContentStart, c.ContentEnd); got != "the well at Al\u2011Būkamāl was dry" {
		t.Errorf("content = %q", got)
	}
}
