package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"sort"
	"strconv"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// articleItem is an article in a listing, with its date phrased for now.
type articleItem struct {
	index.ArticleSummary
	When When
}

func (s *Server) articleItems(arts []index.ArticleSummary, now time.Time) []articleItem {
	out := make([]articleItem, len(arts))
	for i, a := range arts {
		out[i] = articleItem{ArticleSummary: a, When: listWhen(a.Published, a.Seen, now)}
	}
	return out
}

// listWhen phrases a listed article's date: its publication, else when it
// was retrieved, to the day at least.
func listWhen(published *time.Time, seen time.Time, now time.Time) When {
	if published != nil {
		return when(published, sitrep.PrecisionMinute, now)
	}
	w := when(&seen, sitrep.PrecisionDay, now)
	w.Relative = "retrieved " + w.Relative
	return w
}

// mapBlock is a map on a page: its element id, size, caption and data.
type mapBlock struct {
	ID      string
	Size    string // "map-small", "map-large"
	Label   string
	Caption string
	Data    *mapData
}

// JSON is the map's data for its <script type="application/json"> block.
// encoding/json escapes <, > and & in strings, so the text cannot close the
// script element, and html/template need not escape it all again, which
// costs more than building the page.
func (m *mapBlock) JSON() (template.JS, error) {
	b, err := json.Marshal(m.Data)
	return template.JS(b), err
}

// mapData is what static/js/map.js draws: country borders shaded by
// event counts, and markers.
type mapData struct {
	Atlas   string         `json:"atlas"`
	Markers []marker       `json:"markers"`
	Counts  map[string]int `json:"counts"` // world-atlas id (ISO numeric, 3 digits) -> events
	Types   []string       `json:"types"`
	// Fit is [south, west, north, east] to show when there are no markers.
	Fit []float64 `json:"fit,omitempty"`
}

// marker is one spot on the map: events of one type at one place on one
// day, as one or more articles report them.
type marker struct {
	Lat        float64      `json:"lat"`
	Lon        float64      `json:"lon"`
	Type       int          `json:"t"` // index into Types
	TypeName   string       `json:"type"`
	SubType    string       `json:"sub,omitempty"`
	Place      string       `json:"place"`
	PlaceHref  string       `json:"placeHref,omitempty"`
	Day        string       `json:"day"`
	Actors     string       `json:"actors,omitempty"`
	Fatalities string       `json:"fatalities,omitempty"`
	Articles   []markerLink `json:"articles"`
}

type markerLink struct {
	Title  string `json:"title"`
	Href   string `json:"href"`
	Source string `json:"source,omitempty"`
}

// newMapData groups events into markers and counts them by country.
// Events without coordinates count for their country but get no marker.
func (s *Server) newMapData(events []index.Event, counts map[string]int) *mapData {
	atlas, _ := s.assets.url("vendor/world-atlas/countries-110m.json")
	d := &mapData{Atlas: atlas, Markers: []marker{}, Counts: map[string]int{}, Types: index.EventTypes}
	typeIndex := map[string]int{}
	for i, t := range index.EventTypes {
		typeIndex[t] = i
	}
	if counts == nil {
		counts = map[string]int{}
		for _, e := range events {
			if e.Country != "" {
				counts[e.Country]++
			}
		}
	}
	for code, n := range counts {
		if c, ok := index.LookupCountry(code); ok && c.Numeric != 0 {
			d.Counts[fmt.Sprintf("%03d", c.Numeric)] += n
		}
	}
	byKey := map[string]int{}
	for _, e := range events {
		if e.Lat == nil || e.Lon == nil {
			continue
		}
		key := strconv.FormatFloat(*e.Lat, 'f', 4, 64) + "," + strconv.FormatFloat(*e.Lon, 'f', 4, 64) + "|" + e.Day + "|" + e.Type + "|" + e.SubType
		link := markerLink{Title: e.ArticleTitle, Href: "/article/" + e.ArticleID, Source: e.Source}
		if i, ok := byKey[key]; ok {
			m := &d.Markers[i]
			if !hasLink(m.Articles, link.Href) {
				m.Articles = append(m.Articles, link)
			}
			continue
		}
		t, ok := typeIndex[e.Type]
		if !ok {
			t = -1
		}
		m := marker{Lat: *e.Lat, Lon: *e.Lon, Type: t, TypeName: e.Type, SubType: e.SubType, Place: e.Place,
			Day: e.Day, Articles: []markerLink{link}}
		if e.PlaceKey != "" {
			m.PlaceHref = placePath(e.PlaceKey)
		}
		switch {
		case e.Actor1 != "" && e.Actor2 != "":
			m.Actors = e.Actor1 + " vs " + e.Actor2
		default:
			m.Actors = e.Actor1 + e.Actor2
		}
		if e.Fatalities != nil {
			m.Fatalities = strconv.Itoa(*e.Fatalities)
		}
		byKey[key] = len(d.Markers)
		d.Markers = append(d.Markers, m)
	}
	// Draw the newest on top.
	sort.SliceStable(d.Markers, func(i, j int) bool { return d.Markers[i].Day < d.Markers[j].Day })
	return d
}

func hasLink(ls []markerLink, href string) bool {
	for _, l := range ls {
		if l.Href == href {
			return true
		}
	}
	return false
}
