package web

import (
	"net/http"
	"net/url"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

type mapPage struct {
	Page
	Filter    index.Filter
	Query     url.Values
	Map       *mapBlock
	Events    []index.Event
	Shown     int
	Total     int
	Types     []string
	Countries []index.CountryCount
	Actors    []index.Actor
	Error     string
}

// Map sizes: markers drawn, and events listed under the map.
const (
	mapMaxEvents = 5000
	mapListRows  = 100
)

// handleMap serves GET /map: events on a world map, filtered by a GET form
// with the API's event parameters.
func (s *Server) handleMap(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := &mapPage{Page: s.page(r, "Map of events", "map"), Types: index.EventTypes}
	p.Description = "Conflict events extracted from the reports, on a map."
	p.Scripts = mapScripts
	var err error
	if p.Countries, err = s.cfg.Index.Countries(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Actors, err = s.cfg.Index.Actors(ctx, index.EntityFilter{Limit: 100}); err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := index.ParseFilter(r.URL.Query())
	status := http.StatusOK
	if err != nil {
		if sitrep.ErrorCode(err) == sitrep.EINTERNAL {
			s.fail(w, r, err)
			return
		}
		p.Error = sitrep.ErrorMessage(err)
		status = sitrep.ErrorStatus(sitrep.ErrorCode(err))
		f = index.Filter{}
	}
	p.Filter, p.Query = f, f.Values()
	events, err := s.cfg.Index.MapEvents(ctx, f, mapMaxEvents)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Events, _, err = s.cfg.Index.Events(ctx, f, mapListRows, index.Cursor{}); err != nil {
		s.fail(w, r, err)
		return
	}
	counts, err := s.cfg.Index.CountEvents(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, n := range counts {
		p.Total += n
	}
	p.Shown = len(events)
	caption := formatNumber(p.Total) + " events"
	if p.Shown < p.Total {
		caption = "The latest " + formatNumber(p.Shown) + " of " + formatNumber(p.Total) + " events with a place"
	}
	p.Map = &mapBlock{ID: "events-map", Size: "map-large", Label: "Map of events", Caption: caption + ". Countries are shaded by their number of events.",
		Data: s.newMapData(events, counts)}
	p.Feeds = nil
	s.render(w, r, status, "map", p)
}
