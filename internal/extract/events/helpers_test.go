package events

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/actors"
	"github.com/sitrep-project/sitrep/internal/extract/quantity"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/extract/timex"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// published is the date the test articles appeared: a Sunday.
var published = time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC)

var (
	loadOnce sync.Once
	coder    *Coder
	actorLex *actors.Lexicon
	loadErr  error
)

// load returns the built-in coder and actor lexicon, loaded once.
func load(t testing.TB) (*Coder, *actors.Lexicon) {
	t.Helper()
	loadOnce.Do(func() {
		coder, loadErr = Load()
		if loadErr == nil {
			actorLex, loadErr = actors.Load()
		}
	})
	if loadErr != nil {
		t.Fatalf("load: %v", loadErr)
	}
	return coder, actorLex
}

// place is a hand-made place mention: the resolver's output for a name of
// the test text.
type place struct {
	name, feature, country, admin1 string
	lat, lon                       float64
}

// input reads s with the real tokeniser, actor lexicon, date and quantity
// extractors, and the places given, found at their first occurrence in s.
// Every occurrence of a place's name is a mention of it. The document is
// about the country of the first place.
func input(t testing.TB, s string, places ...place) Input {
	t.Helper()
	_, al := load(t)
	toks := text.Tokens(s)
	in := Input{
		Text: s, Toks: toks, Sents: text.Sentences(s),
		Actors:     al.Find(s, toks),
		Dates:      timex.Find(s, &published),
		Quantities: quantity.Find(s, toks),
		Published:  &published,
	}
	for _, p := range places {
		if !strings.Contains(s, p.name) {
			t.Fatalf("place %q not in %q", p.name, s)
		}
		for from := 0; ; {
			i := strings.Index(s[from:], p.name)
			if i < 0 {
				break
			}
			i += from
			start := utf8.RuneCountInString(s[:i])
			in.Places = append(in.Places, sitrep.PlaceMention{
				Span:    sitrep.Span{Start: start, End: start + utf8.RuneCountInString(p.name), Text: p.name},
				Name:    p.name,
				Country: p.country, Admin1: p.admin1, Lat: p.lat, Lon: p.lon, Feature: p.feature,
			})
			from = i + len(p.name)
		}
	}
	if len(places) > 0 {
		in.Countries = []sitrep.CountryScore{{Code: places[0].country, Score: 1}}
	}
	sortPlaces(in.Places)
	return in
}

func sortPlaces(ps []sitrep.PlaceMention) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].Start < ps[j-1].Start; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// town returns a populated place in country cc.
func town(name, cc string) place {
	return place{name: name, feature: "city", country: cc, admin1: "Test Region", lat: 10, lon: 20}
}

// mainEvent codes s and returns its main event, failing when there is
// none.
func mainEvent(t *testing.T, s string, places ...place) sitrep.Event {
	t.Helper()
	c, _ := load(t)
	es := c.Find(input(t, s, places...))
	if len(es) == 0 {
		t.Fatalf("Find(%q) found no event", s)
	}
	return es[0]
}

func fatalities(e sitrep.Event) string {
	if e.Fatalities == nil {
		return "nil"
	}
	return strconv.Itoa(*e.Fatalities)
}
