// Package events codes ACLED-style events from a document the other
// extractors have read: who did what to whom, where, when and how many, in
// ACLED's 6 event types and 25 sub-event types.
//
// A lexicon of trigger phrases (data/triggers.tsv) votes for sub-event types
// sentence by sentence; cue classes and participant nouns feed decision
// rules taken from the codebook: a demonstration is a Peaceful protest
// unless the state intervenes (Protest with intervention), kills
// (Excessive force against protesters) or the crowd turns violent (Violent
// demonstration); force against an armed side is an Armed clash and against
// civilians an Attack; heavy weapons, bombs and aircraft make remote
// violence; arrests by a non-state group are abductions. A sentence with a
// trigger opens an event; the sentences after it that add no event of their
// own complete it (the police who dispersed the protest, the death toll).
package events

import (
	"time"

	"github.com/sitrep-project/sitrep/data"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Input is one document as the other extractors have read it. Offsets are
// code points of Text; Toks and Sents are text.Tokens(Text) and
// text.Sentences(Text).
type Input struct {
	Text       string
	Toks       []text.Token
	Sents      []text.Span
	Actors     []sitrep.ActorMention
	Places     []sitrep.PlaceMention
	Dates      []sitrep.DateMention
	Quantities []sitrep.Quantity
	Countries  []sitrep.CountryScore
	Published  *time.Time
}

// Coder codes events. It is safe for concurrent use.
type Coder struct {
	lex       *lexicon
	countries *countryNames
}

// Load reads the built-in trigger lexicon.
func Load() (*Coder, error) {
	return Parse(data.TriggersTSV)
}

// Parse reads a trigger lexicon in the format of data/triggers.tsv.
func Parse(tsv string) (*Coder, error) {
	lx, err := parseLexicon(tsv)
	if err != nil {
		return nil, err
	}
	cn, err := loadCountryNames(data.GazetteerCountries)
	if err != nil {
		return nil, err
	}
	return &Coder{lex: lx, countries: cn}, nil
}

// Find returns the events of a document in text order, except that the main
// event comes first: the first factual (neither negated nor hypothetical)
// event of the lead.
func (c *Coder) Find(in Input) []sitrep.Event {
	if len(in.Toks) == 0 || len(in.Sents) == 0 {
		return nil
	}
	d := c.newDoc(&in)
	if len(d.trig) == 0 {
		return nil
	}
	ss := d.analyse()
	frames := d.frames(ss)
	if len(frames) == 0 {
		return nil
	}
	out := make([]sitrep.Event, 0, len(frames))
	for i := range frames {
		out = append(out, d.event(ss, &frames[i]))
	}
	main := d.mainEvent(out)
	if main > 0 {
		e := out[main]
		copy(out[1:main+1], out[:main])
		out[0] = e
	}
	return out
}

// mainEvent returns the index of the main event.
func (d *doc) mainEvent(es []sitrep.Event) int {
	lead := d.leadEnd()
	first := -1
	for i, e := range es {
		if e.Negated || e.Hypothetical {
			continue
		}
		if e.Start < lead {
			return i
		}
		if first < 0 {
			first = i
		}
	}
	if first < 0 {
		return 0
	}
	return first
}

// leadEnd returns where the lead ends: after the first paragraph, or the
// third sentence if the first paragraph is longer.
func (d *doc) leadEnd() int {
	ss := d.in.Sents
	end := ss[min(2, len(ss)-1)].End
	for i := 1; i < len(ss) && i < 3; i++ {
		if paragraphBreak(d.in.Text, ss[i-1], ss[i]) {
			return ss[i-1].End
		}
	}
	return end
}

func paragraphBreak(s string, a, b text.Span) bool {
	n := 0
	for i := a.ByteEnd; i < b.ByteStart && i < len(s); i++ {
		if s[i] == '\n' {
			n++
		}
	}
	return n >= 2
}
