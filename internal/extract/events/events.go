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
// violence; arrests by a non-state group are abductions. The coder reads
// clauses (clauses.go): a clause with a trigger opens an event; the clauses
// after it that add no event of their own complete it (the police who
// dispersed the protest, the death toll). A clause with no subject of its
// own takes that of the clause before it, and an act the text reports
// twice is one event (merge).
package events

import (
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/data"
	"github.com/sitrep-project/sitrep/internal/extract/match"
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
	// Words, when set, are Toks interned by a vocabulary that holds the
	// coder's matchers (Matchers), which saves looking them up again.
	Words *match.Text
	// Index, when set, is text.NewIndex(Toks), shared with the other
	// extractors; otherwise Find makes its own.
	Index *text.Index
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

// Matchers returns the matchers of the trigger lexicon, for a vocabulary.
func (c *Coder) Matchers() []*match.Matcher {
	return []*match.Matcher{c.lex.triggers, c.lex.roles, c.lex.context}
}

// Find returns the events of a document in text order, except that the main
// event comes first: the first factual (neither negated nor hypothetical)
// event of the lead.
func (c *Coder) Find(in Input) []sitrep.Event {
	if len(in.Toks) == 0 || len(in.Sents) == 0 {
		return nil
	}
	d := c.newDoc(&in)
	defer d.release()
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
	out = d.merge(ss, out, frames)
	main := d.mainEvent(out)
	if main > 0 {
		e := out[main]
		copy(out[1:main+1], out[:main])
		out[0] = e
	}
	return out
}

// merge folds an event the text reports again into its first report: the
// same kind of act by the same actor on the same day ("bombed the road
// last Tuesday" ... "using air strikes to close the road since last
// Tuesday"), or on a day only one of the reports gives ("They agreed
// with Hezbollah" ... "surrendered their enclave last Monday in a truce
// deal"). The first report keeps its rank in the list and takes the day,
// the second actor and the place it lacked. es and fs are parallel.
func (d *doc) merge(ss []sentence, es []sitrep.Event, fs []frame) []sitrep.Event {
	out := es[:0]
	heads := make([]int, 0, len(es))     // the first clause of each kept event
	own := make([]bool, 0, len(es))      // the day is the text's for the event
	ownPlace := make([]bool, 0, len(es)) // and the place
	for i, e := range es {
		j := -1
		for k := range out {
			if same(out[k], e, ownPlace[k], fs[i].ownPlace, d.oneParagraph(ss, heads[k], fs[i].head)) {
				j = k
				break
			}
		}
		if j < 0 || own[j] && fs[i].ownDate && out[j].Date != e.Date {
			out = append(out, e)
			own = append(own, fs[i].ownDate)
			ownPlace = append(ownPlace, fs[i].ownPlace)
			heads = append(heads, fs[i].head)
			continue
		}
		o := &out[j]
		if !own[j] && fs[i].ownDate {
			o.Date, o.TimePrecision, own[j] = e.Date, e.TimePrecision, true
		}
		if o.Actor2 == "" {
			o.Actor2 = e.Actor2
		}
		if o.Place == nil || !ownPlace[j] && fs[i].ownPlace && e.Place.Admin1 == o.Place.Admin1 {
			o.Place, ownPlace[j] = e.Place, fs[i].ownPlace // the town of the region
		}
		if o.Fatalities == nil {
			o.Fatalities = e.Fatalities
		}
	}
	return out
}

// same reports two reports of one act: the same sub-event, the same named
// actor, the same modality, and no different place (where the text
// places both, ownA and ownB) or target. An actor the text does not name
// is the same only in the same paragraph (near).
func same(a, b sitrep.Event, ownA, ownB, near bool) bool {
	if a.SubType != b.SubType || a.Actor1 != b.Actor1 || a.Actor1 == "" || strings.HasPrefix(a.Actor1, "Unidentified") && !near {
		return false
	}
	if a.Negated != b.Negated || a.Hypothetical != b.Hypothetical {
		return false
	}
	if p, q := a.Place, b.Place; p != nil && q != nil && ownA && ownB {
		if p.Admin1 != "" && q.Admin1 != "" && p.Admin1 != q.Admin1 || p.GeoPrecision < 3 && q.GeoPrecision < 3 && p.Name != q.Name {
			return false // "in Raqqa" ... "in Al Bukamal": two strikes
		}
	}
	return a.Actor2 == "" || b.Actor2 == "" || a.Actor2 == b.Actor2
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

// oneParagraph reports clauses i and j (i before j) in one paragraph.
func (d *doc) oneParagraph(ss []sentence, i, j int) bool {
	for k := i + 1; k <= j; k++ {
		if d.newParagraph(ss, k) {
			return false
		}
	}
	return true
}

// newParagraph reports a paragraph break between clause i and the one
// before it, read between their words: a sentence may end after the
// quotation mark that opens the next paragraph.
func (d *doc) newParagraph(ss []sentence, i int) bool {
	a, b := ss[i-1].t1-1, ss[i].t0
	if a < 0 || b <= a || int(b) >= len(d.toks) {
		return paragraphBreak(d.in.Text, d.units[i-1], d.units[i])
	}
	gap := d.in.Text[d.toks[a].ByteEnd:d.toks[b].ByteStart]
	return strings.Count(gap, "\n") >= 2
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
