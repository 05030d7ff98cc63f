package alerts_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// BenchmarkMatch matches 10,000 newly indexed events (2,000 articles of
// five) against 100 alerts of every kind: one full Match per iteration,
// from every alert's cursor at the start of the index. Alerts of two
// conditions record about 5% of the million (alert, event) pairs, of
// three conditions about 1.3%: the difference is the cost of writing
// matches.
func BenchmarkMatch(b *testing.B) {
	const articles, perArticle, nAlerts = 2000, 5, 100
	e := newEnv(b)
	rng := rand.New(rand.NewPCG(1, 2))
	type site struct {
		name, country string
		lat, lon      float64
	}
	sites := []site{{"Thiban", "SY", 35.01, 40.56}, {"Deir ez-Zor", "SY", 35.33, 40.14}, {"Hermel", "LB", 34.39, 36.38},
		{"Marib", "YE", 15.46, 45.32}, {"El Obeid", "SD", 13.18, 30.22}, {"Awdheegle", "SO", 1.98, 44.83}}
	actors := []string{"Islamic State (Syria)", "Hezbollah", "Military Forces of Syria", "Rapid Support Forces", "Al Shabaab", "Houthis"}
	words := []string{"convoy", "market", "checkpoint", "bridge", "camp", "hospital", "school", "airport"}
	var batch []*sitrep.Article
	for i := range articles {
		var evs []ev
		for j := range perArticle {
			s := sites[rng.IntN(len(sites))]
			evs = append(evs, ev{typ: index.EventTypes[rng.IntN(len(index.EventTypes))], sub: "Sub",
				actor1: actors[rng.IntN(len(actors))], actor2: actors[rng.IntN(len(actors))], place: s.name, country: s.country,
				lat: s.lat + rng.Float64() - 0.5, lon: s.lon + rng.Float64() - 0.5,
				sentence: fmt.Sprintf("Fighters %s the %s near %s, report %d-%d.", "attacked", words[rng.IntN(len(words))], s.name, i, j)})
		}
		batch = append(batch, report(fmt.Sprintf("b%d", i), t0.Add(-time.Duration(i)*time.Minute), "", evs...))
		if len(batch) == 500 {
			e.put(b, batch...)
			batch = nil
		}
	}
	ctx := context.Background()
	if _, err := e.idx.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	for _, sel := range []struct {
		name  string
		extra bool // a third condition
	}{{"two conditions", false}, {"three conditions", true}} {
		b.Run(sel.name, func(b *testing.B) {
			if _, err := e.db.SQL().Exec("DELETE FROM alerts"); err != nil {
				b.Fatal(err)
			}
			for i := range nAlerts {
				s := sites[i%len(sites)]
				a := &sitrep.Alert{Name: fmt.Sprintf("alert %d", i)}
				// Each alert as an analyst would set one.
				typ := index.EventTypes[i%len(index.EventTypes)]
				switch i % 5 {
				case 0:
					a.Country, a.EventType = s.country, typ
				case 1:
					a.Actor, a.Country = actors[i%len(actors)], s.country
				case 2:
					a.Lat, a.Lon, a.RadiusKm = s.lat, s.lon, 25
				case 3:
					a.Query, a.EventType = words[i%len(words)], typ
				case 4:
					a.Lat, a.Lon, a.RadiusKm, a.EventType = s.lat, s.lon, 50, typ
				}
				if sel.extra {
					if a.Actor == "" {
						a.Actor = actors[(i/5)%len(actors)]
					} else {
						a.EventType = typ
					}
				}
				e.create(b, a)
			}
			reset := func() {
				if _, err := e.db.SQL().Exec("DELETE FROM alert_deliveries"); err != nil {
					b.Fatal(err)
				}
				if _, err := e.db.SQL().Exec("UPDATE alerts SET cursor = ''"); err != nil {
					b.Fatal(err)
				}
			}
			var matched int
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				reset()
				b.StartTimer()
				st, err := e.svc.Matcher.Match(ctx)
				if err != nil {
					b.Fatal(err)
				}
				if st.Events != articles*perArticle {
					b.Fatalf("matched over %d events, want %d", st.Events, articles*perArticle)
				}
				matched = st.Matches
			}
			b.ReportMetric(float64(matched), "matches")
			b.ReportMetric(float64(articles*perArticle)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
