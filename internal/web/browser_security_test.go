package web_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// mapArticle is an article with one event per payload, each at its own
// place named by the payload, so that its map has a marker, a tooltip and
// a popup built from each.
func mapArticle(k int, payloads []string) *sitrep.Article {
	a := &sitrep.Article{Input: fmt.Sprintf("map-%d.html", k), Format: "html", Source: "Map test",
		URL:   fmt.Sprintf("https://map-test.example/%d", k),
		Title: fmt.Sprintf("Map test %d", k), Body: "Events at many places.", Retrieved: indextest.Day}
	a.Analysis = &sitrep.Analysis{Countries: []sitrep.CountryScore{{Code: "SY", Name: "Syria", Score: 1}}}
	for i, p := range payloads {
		typ := index.EventTypes[i%len(index.EventTypes)]
		if i%2 == 1 {
			typ = p
		}
		fatalities := i
		a.Analysis.Events = append(a.Analysis.Events, sitrep.Event{Type: typ, SubType: p, Actor1: p, Actor2: p,
			Place: &sitrep.EventPlace{Name: p, Country: "SY", Lat: 33 + float64(i)*0.2, Lon: 36 + float64(i%6)*0.5, GeoPrecision: 1},
			Date:  indextest.Day.Format(time.DateOnly), TimePrecision: 1, Fatalities: &fatalities, Start: 0, End: 6})
	}
	a.Normalize()
	return a
}

// TestSecurityBrowserXSS runs browsertest/xss.mjs in headless chromium
// over pages whose maps are built from payloads: what the server's
// escaping cannot see, the map's script building tooltips and popups in
// the browser, is checked there. It skips like TestBrowser.
func TestSecurityBrowserXSS(t *testing.T) {
	b := needBrowser(t)

	// Two articles, so that no map has enough markers to cluster them.
	half := len(xssPayloads) / 2
	arts := append(hostileArticles(0), mapArticle(1, xssPayloads[:half]), mapArticle(2, xssPayloads[half:]))
	srv, _ := startNewsroom(t, nil, arts...)
	paths := []string{"/article/" + arts[len(arts)-2].ID, "/article/" + arts[len(arts)-1].ID,
		"/article/" + hostileArticle(0, xssPayloads[0]).ID, "/", "/map", "/country/SY"}

	b.run(t, "xss.mjs", append([]string{srv.URL()}, paths...))
}
