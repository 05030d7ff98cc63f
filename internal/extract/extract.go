// Package extract turns one document into a sitrep.Analysis. Analyze is a
// pure function of the document and the resources loaded once by Load (the
// gazetteer, actor and topic lexicons): no I/O, safe for concurrent use, so
// it can be tested on strings, fuzzed, benchmarked and run in many workers.
package extract

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/sitrep-project/sitrep/internal/extract/actors"
	"github.com/sitrep-project/sitrep/internal/extract/claims"
	"github.com/sitrep-project/sitrep/internal/extract/countries"
	"github.com/sitrep-project/sitrep/internal/extract/events"
	"github.com/sitrep-project/sitrep/internal/extract/gazetteer"
	"github.com/sitrep-project/sitrep/internal/extract/match"
	"github.com/sitrep-project/sitrep/internal/extract/places"
	"github.com/sitrep-project/sitrep/internal/extract/quantity"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/extract/timex"
	"github.com/sitrep-project/sitrep/internal/extract/topics"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Document is what the extractor reads. Offsets in the Analysis refer to
// Text; the title only informs countries and topics.
type Document struct {
	Text      string
	Title     string
	Published *time.Time
	// PublishedPrecision says how far to trust Published; it anchors
	// relative dates whatever its precision, as the best estimate there is.
	PublishedPrecision sitrep.Precision
	Language           string
}

// DocumentOf returns the extractor's view of a parsed article.
func DocumentOf(a *sitrep.Article) Document {
	return Document{Text: a.Body, Title: a.Title, Published: a.Published, PublishedPrecision: a.PublishedPrecision, Language: a.Language}
}

// Extractor holds the resources every analysis shares.
type Extractor struct {
	gazetteer *gazetteer.Gazetteer
	places    *places.Resolver
	actors    *actors.Lexicon
	topics    *topics.Lexicon
	events    *events.Coder
	// vocab interns a text's words once for the matchers of places, actors
	// and events.
	vocab *match.Vocabulary
}

// Options configure Load.
type Options struct {
	// Gazetteers are user TSV files of extra places (supplement.tsv format).
	Gazetteers []string
	// AddPlaces, when set, adds more places to the gazetteer after the user
	// files and before the place matcher is built: the places imported into
	// the store (gazimport.Load).
	AddPlaces func(*gazetteer.Gazetteer) error
}

// Load reads the built-in resources and any user gazetteers.
func Load(opt Options) (*Extractor, error) {
	g, err := gazetteer.Load()
	if err != nil {
		return nil, fmt.Errorf("extract: load gazetteer: %w", err)
	}
	for _, path := range opt.Gazetteers {
		if err := addGazetteer(g, path); err != nil {
			return nil, err
		}
	}
	if opt.AddPlaces != nil {
		if err := opt.AddPlaces(g); err != nil {
			return nil, fmt.Errorf("extract: add imported places: %w", err)
		}
	}
	al, err := actors.Load()
	if err != nil {
		return nil, fmt.Errorf("extract: load actors: %w", err)
	}
	tl, err := topics.Load()
	if err != nil {
		return nil, fmt.Errorf("extract: load topics: %w", err)
	}
	pr, err := places.NewResolver(g)
	if err != nil {
		return nil, fmt.Errorf("extract: build place matcher: %w", err)
	}
	ec, err := events.Load()
	if err != nil {
		return nil, fmt.Errorf("extract: load event triggers: %w", err)
	}
	ms := append([]*match.Matcher{pr.Matcher(), al.Matcher()}, ec.Matchers()...)
	return &Extractor{gazetteer: g, places: pr, actors: al, topics: tl, events: ec, vocab: match.NewVocabulary(ms...)}, nil
}

func addGazetteer(g *gazetteer.Gazetteer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return sitrep.Errorf(sitrep.EINVALID, "extract: gazetteer %s: %v", path, err)
	}
	defer f.Close()
	return g.AddTSV(io.Reader(f), path)
}

// Gazetteer returns the loaded gazetteer.
func (x *Extractor) Gazetteer() *gazetteer.Gazetteer { return x.gazetteer }

// Analyze extracts everything sitrep finds in doc.
func (x *Extractor) Analyze(doc Document) *sitrep.Analysis {
	bufs := tokenPool.Get().(*tokenBuffers)
	defer bufs.release()
	toks := text.AppendTokens(bufs.text[:0], doc.Text)
	titleToks := text.AppendTokens(bufs.title[:0], doc.Title)
	bufs.text, bufs.title = toks, titleToks
	sents := text.AppendSentences(bufs.sents[:0], doc.Text)
	bufs.sents = sents
	words := x.vocab.Intern(toks)
	defer words.Release()
	bufs.index.Reset(toks)
	index := &bufs.index
	a := &sitrep.Analysis{
		Actors:     x.actors.FindText(doc.Text, words),
		Dates:      timex.Find(doc.Text, doc.Published),
		Quantities: quantity.Find(doc.Text, toks),
		Topics:     x.topics.Score(toks, titleToks),
	}
	a.Places = x.places.FindText(doc.Text, words, sents, a.Actors)
	a.Countries = countries.Rank(a.Places, a.Actors, toks, titleToks, x.gazetteer)
	a.Events = x.events.Find(events.Input{
		Text: doc.Text, Toks: toks, Sents: sents,
		Actors: a.Actors, Places: a.Places, Dates: a.Dates, Quantities: a.Quantities,
		Countries: a.Countries, Published: doc.Published, Words: words, Index: index,
	})
	x.placeEventsAtFocus(a)
	cin := claims.Input{Text: doc.Text, Toks: toks, Sents: sents, Actors: a.Actors, Quantities: a.Quantities, Lookup: x.actorName, Index: index}
	a.Claims = claims.Find(cin)
	a.Contradictions = claims.ContradictionsOf(cin, a.Claims)
	return normalize(a)
}

// tokenBuffers are the token lists of one analysis, kept in tokenPool for
// the next: no part of an Analysis refers to them.
type tokenBuffers struct {
	text, title []text.Token
	sents       []text.Span
	index       text.Index
}

var tokenPool = sync.Pool{New: func() any { return new(tokenBuffers) }}

func (b *tokenBuffers) release() {
	clear(b.text)
	clear(b.title)
	b.text, b.title, b.sents = b.text[:0], b.title[:0], b.sents[:0]
	b.index.Reset(nil)
	tokenPool.Put(b)
}

// placeEventsAtFocus gives events that the text places only in a country
// (or nowhere) the place the article is about, when that place is in the
// same country: a coder reading the whole report would do the same. The
// place is marked geo_precision 2, as it comes from the article rather than
// from the event's own clause.
func (x *Extractor) placeEventsAtFocus(a *sitrep.Analysis) {
	i := places.Focus(a.Places)
	if i < 0 {
		return
	}
	focus := a.Places[i]
	if focus.Feature == "country" {
		return
	}
	for k := range a.Events {
		e := &a.Events[k]
		if e.Place != nil && !x.isCountry(e.Place) {
			continue
		}
		if e.Place != nil && e.Place.Country != focus.Country {
			continue
		}
		e.Place = &sitrep.EventPlace{Name: focus.Name, Country: focus.Country, Admin1: focus.Admin1, Lat: focus.Lat, Lon: focus.Lon, GeoPrecision: 2}
	}
}

func (x *Extractor) isCountry(p *sitrep.EventPlace) bool {
	c := x.gazetteer.Country(p.Country)
	return c != nil && c.Name == p.Name
}

// actorName resolves a claim's source to a canonical actor name.
func (x *Extractor) actorName(source string) (string, bool) {
	ac, ok := x.actors.Lookup(source)
	return ac.Name, ok
}

// normalize makes every list non-nil so JSON consumers see [] not null.
func normalize(a *sitrep.Analysis) *sitrep.Analysis {
	if a.Countries == nil {
		a.Countries = []sitrep.CountryScore{}
	}
	if a.Topics == nil {
		a.Topics = []sitrep.TopicScore{}
	}
	if a.Places == nil {
		a.Places = []sitrep.PlaceMention{}
	}
	if a.Actors == nil {
		a.Actors = []sitrep.ActorMention{}
	}
	if a.Dates == nil {
		a.Dates = []sitrep.DateMention{}
	}
	if a.Quantities == nil {
		a.Quantities = []sitrep.Quantity{}
	}
	if a.Events == nil {
		a.Events = []sitrep.Event{}
	}
	if a.Claims == nil {
		a.Claims = []sitrep.Claim{}
	}
	if a.Contradictions == nil {
		a.Contradictions = []sitrep.Contradiction{}
	}
	return a
}
