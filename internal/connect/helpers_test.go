package connect

import (
	"hash/fnv"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// fixture builds articles with hand-made analyses: the parts of an
// Analysis that connecting reads, and a body long enough to sign.
type fixture struct {
	id, outlet, title string
	lead              string // the first sentence, before the made-up prose
	published         time.Time
	body              string
	places            []sitrep.PlaceMention
	actors            []string
	events            []sitrep.Event
	claims            []sitrep.Claim
}

func (f fixture) article() *sitrep.Article {
	p := f.published
	a := &sitrep.Article{
		ID: f.id, Input: f.id, Source: f.outlet, Title: f.title, Body: strings.TrimSpace(f.lead + " " + f.body),
		Published: &p, PublishedPrecision: sitrep.PrecisionMinute, Retrieved: p,
		Analysis: &sitrep.Analysis{
			Countries: []sitrep.CountryScore{{Code: "SO", Name: "Somalia", Score: 1}},
			Topics:    []sitrep.TopicScore{{Code: "medtop:16000000", Label: "conflict, war and peace", Score: 0.8}},
			Places:    f.places, Events: f.events, Claims: f.claims,
		},
	}
	for _, name := range f.actors {
		a.Analysis.Actors = append(a.Analysis.Actors, sitrep.ActorMention{Name: name, Kind: "rebel group"})
	}
	a.ContentHash = sitrep.ContentHash(a.Title, a.Body)
	return a
}

func day(d int, hour int) time.Time {
	return time.Date(2026, 10, d, hour, 0, 0, 0, time.UTC)
}

// prose returns n sentences of made-up words drawn from a
// generator seeded by topic, so that two bodies share shingles only where
// they share a topic and sentences.
func prose(topic string, n int) string {
	h := fnv.New64a()
	h.Write([]byte(topic))
	rng := rand.New(rand.NewPCG(h.Sum64(), 7))
	syllables := []string{"ka", "lo", "mi", "ra", "tu", "ne", "so", "vi", "da", "pe", "gu", "ho"}
	var b strings.Builder
	for range n {
		for w := range 10 {
			if w > 0 {
				b.WriteByte(' ')
			}
			for k := range 2 + rng.IntN(2) {
				syl := syllables[rng.IntN(len(syllables))]
				if w == 0 && k == 0 {
					syl = strings.ToUpper(syl[:1]) + syl[1:]
				}
				b.WriteString(syl)
			}
		}
		b.WriteString(". ")
	}
	return b.String()
}

var (
	afgooye    = sitrep.PlaceMention{Name: "Afgooye", Country: "SO", Admin1: "Lower Shabelle", Lat: 2.14, Lon: 45.12, Feature: "city", GeonameID: 64013}
	awdheegle  = sitrep.PlaceMention{Name: "Awdheegle", Country: "SO", Admin1: "Lower Shabelle", Lat: 1.98, Lon: 44.83, Feature: "town", GeonameID: 64001}
	mogadishu  = sitrep.PlaceMention{Name: "Mogadishu", Country: "SO", Lat: 2.04, Lon: 45.34, Feature: "city", GeonameID: 53654}
	lowerShab  = &sitrep.EventPlace{Name: "Lower Shabelle", Country: "SO", Lat: 1.9, Lon: 44.6, GeoPrecision: 3}
	atAfgooye  = &sitrep.EventPlace{Name: "Afgooye", Country: "SO", Lat: 2.14, Lon: 45.12, GeoPrecision: 1}
	atAwdheegl = &sitrep.EventPlace{Name: "Awdheegle", Country: "SO", Lat: 1.98, Lon: 44.83, GeoPrecision: 1}
)

func fatal(n int) *int { return &n }

func clash(place *sitrep.EventPlace, date string, precision int, dead *int) sitrep.Event {
	return sitrep.Event{Type: "Battles", SubType: "Armed clash", Actor1: "al Shabaab", Actor2: "Military Forces of Somalia (2022-)",
		Place: place, Date: date, TimePrecision: precision, Fatalities: dead, Start: 0, End: 40}
}
