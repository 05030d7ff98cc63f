package corpusgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Clustered is a generated article that belongs to a generated story, with
// an analysis made along with it (no extractor needed), for benchmarks and
// tests of story grouping at scale.
type Clustered struct {
	Article *sitrep.Article
	Story   int  // the story it was generated for
	Copy    bool // a syndicated copy of an earlier article of the story
}

// StoryGenerator yields articles grouped into stories: each story has its
// own places, actors and words, lives for some days and is reported by a
// few articles, some of them copies of others. Time moves forward by
// PerDay articles a day, so old stories end as new ones start.
type StoryGenerator struct {
	rng    *rand.Rand
	n      int
	start  time.Time
	active []*genStory
	nextID int
	// PerDay is how many articles appear per day (default 500).
	PerDay int
	// Articles is the mean number of articles per story (default 8).
	Articles int
	// CopyRate is the share of articles that copy an earlier one (0.1).
	CopyRate float64
}

type genStory struct {
	id      int
	country string
	lat     float64
	lon     float64
	places  []sitrep.PlaceMention
	actors  []string
	words   []string
	left    int
	last    *sitrep.Article
	started time.Time
}

// NewStories returns a story generator for seed.
func NewStories(seed uint64) *StoryGenerator {
	return &StoryGenerator{
		rng:      rand.New(rand.NewPCG(seed, seed^0x2545f4914f6cdd1d)),
		start:    time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		PerDay:   500,
		Articles: 8,
		CopyRate: 0.1,
	}
}

var genCountries = []string{"SY", "IQ", "YE", "SD", "SO", "LY", "LB", "ML", "NG", "CD", "ET", "AF", "MM", "UA", "BF", "NE"}

var syllables = []string{"ba", "da", "ka", "la", "ma", "na", "ra", "sa", "ta", "za", "bu", "du", "ku", "lu", "mu", "nu", "ru", "su", "tu", "zu", "bi", "di", "ki", "li", "mi", "ni", "ri", "si", "ti", "zi"}

// word makes a pronounceable made-up word of n syllables.
func (g *StoryGenerator) word(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(syllables[g.rng.IntN(len(syllables))])
	}
	return b.String()
}

func (g *StoryGenerator) newStory(at time.Time) *genStory {
	g.nextID++
	s := &genStory{id: g.nextID, country: genCountries[g.rng.IntN(len(genCountries))], started: at}
	s.lat, s.lon = -10+g.rng.Float64()*40, -10+g.rng.Float64()*60
	for range 2 + g.rng.IntN(2) {
		name := capital(g.word(3))
		s.places = append(s.places, sitrep.PlaceMention{
			Name: name, Country: s.country, Admin1: capital(g.word(2)) + " Province",
			Lat: s.lat + g.rng.Float64()*0.3, Lon: s.lon + g.rng.Float64()*0.3, Feature: "city",
			GeonameID: 1_000_000 + g.rng.IntN(5_000_000),
		})
	}
	for range 2 {
		s.actors = append(s.actors, capital(g.word(3))+" Brigade")
	}
	for range 6 {
		s.words = append(s.words, g.word(3))
	}
	s.left = 1 + g.rng.IntN(2*g.Articles-1)
	return s
}

// NextStoryArticle returns the next article.
func (g *StoryGenerator) NextStoryArticle() Clustered {
	perDay := max(g.PerDay, 1)
	at := g.start.Add(time.Duration(g.n) * 24 * time.Hour / time.Duration(perDay))
	g.n++
	// Keep about a few days' worth of stories open.
	want := max(1, perDay*4/max(g.Articles, 1))
	for len(g.active) < want {
		g.active = append(g.active, g.newStory(at))
	}
	i := g.rng.IntN(len(g.active))
	s := g.active[i]
	s.left--
	if s.left <= 0 {
		g.active = append(g.active[:i], g.active[i+1:]...)
	}
	out := Clustered{Story: s.id}
	if s.last != nil && g.rng.Float64() < g.CopyRate {
		a := *s.last
		a.ID = fmt.Sprintf("gen-story-%d", g.n)
		a.Input, a.URL = a.ID, "https://copies.example/"+a.ID
		a.Source = outlets[g.rng.IntN(len(outlets))]
		a.Title = "Report: " + a.Title
		p := at
		a.Published, a.Retrieved = &p, at
		a.ContentHash = sitrep.ContentHash(a.Title, a.Body)
		out.Article, out.Copy = &a, true
		return out
	}
	out.Article = g.storyArticle(s, at)
	s.last = out.Article
	return out
}

func (g *StoryGenerator) storyArticle(s *genStory, at time.Time) *sitrep.Article {
	place := s.places[g.rng.IntN(len(s.places))]
	actor := s.actors[g.rng.IntN(len(s.actors))]
	w := func() string { return s.words[g.rng.IntN(len(s.words))] }
	title := fmt.Sprintf("%s fighters clash near %s as %s %s continues", actor, place.Name, w(), w())
	var b strings.Builder
	fmt.Fprintf(&b, "%s fighters clashed with %s near %s on %s, killing %d people, officials said. ",
		actor, s.actors[0], place.Name, at.Weekday(), g.rng.IntN(30))
	for range 14 {
		switch g.rng.IntN(3) {
		case 0:
			fmt.Fprintf(&b, "Residents of %s said the %s %s had %s since %s. ", s.places[g.rng.IntN(len(s.places))].Name, w(), w(), g.word(2), at.AddDate(0, 0, -g.rng.IntN(5)).Weekday())
		case 1:
			fmt.Fprintf(&b, "%s %s %s the %s of %d %s. ", capital(g.word(2)), g.word(3), g.word(2), w(), 1+g.rng.IntN(900), g.word(3))
		default:
			fmt.Fprintf(&b, "The %s %s %s %s near the %s road. ", g.word(2), w(), g.word(3), g.word(2), place.Name)
		}
	}
	b.WriteString("(Generated article for testing; not real reporting.)")
	dead := g.rng.IntN(30)
	date := at.AddDate(0, 0, -g.rng.IntN(2)).Format(time.DateOnly)
	p := at
	a := &sitrep.Article{
		ID: fmt.Sprintf("gen-story-%d", g.n), Input: fmt.Sprintf("gen-story-%d", g.n), Format: "text",
		URL: fmt.Sprintf("https://generated.example/story/%d", g.n), Source: outlets[g.rng.IntN(len(outlets))],
		Title: title, Body: b.String(), Published: &p, PublishedPrecision: sitrep.PrecisionMinute, Retrieved: at,
		Analysis: &sitrep.Analysis{
			Countries: []sitrep.CountryScore{{Code: s.country, Name: s.country, Score: 1}},
			Topics:    []sitrep.TopicScore{{Code: "medtop:16000000", Label: "conflict, war and peace", Score: 0.8}},
			Places:    []sitrep.PlaceMention{place, s.places[0]},
			Actors: []sitrep.ActorMention{{Name: actor, Kind: "rebel group", Country: s.country},
				{Name: s.actors[0], Kind: "rebel group", Country: s.country}},
			Events: []sitrep.Event{{
				Type: "Battles", SubType: "Armed clash", Actor1: actor, Actor2: s.actors[0],
				Place: &sitrep.EventPlace{Name: place.Name, Country: s.country, Lat: place.Lat, Lon: place.Lon, GeoPrecision: 1},
				Date:  date, TimePrecision: 1, Fatalities: &dead, Start: 0, End: 80,
			}},
		},
	}
	a.ContentHash = sitrep.ContentHash(a.Title, a.Body)
	return a
}
