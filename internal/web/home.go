package web

import (
	"net/http"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

type homePage struct {
	Page
	Lead      *articleItem
	Articles  []articleItem
	Map       *mapBlock
	Events    []index.Event
	Countries []index.CountryCount
	Topics    []index.TopicCount
	Totals    index.Counts
	Breaking  []breakingView
	Stories   []storyItem
}

// homeStories is how many active stories the front page lists.
const homeStories = 5

// homeArticles is how many articles the front page lists.
const homeArticles = 21

// handleHome serves GET /: the latest articles and a map of the last
// week's events.
func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := &homePage{Page: s.page(r, "", "home")}
	p.Description = "Latest conflict reporting with its places, actors and events mapped."
	p.Feeds = []Link{{"Latest articles (Atom)", "/feed.atom", "application/atom+xml"}, {"Latest articles (JSON Feed)", "/feed.json", "application/feed+json"}}
	p.Scripts = mapScripts

	arts, _, err := s.cfg.Index.Articles(ctx, index.Filter{}, homeArticles, index.Cursor{})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items := s.articleItems(arts, p.Now)
	if len(items) > 0 {
		p.Lead, p.Articles = &items[0], items[1:]
	}
	if p.Totals, err = s.cfg.Index.Totals(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Countries, err = s.cfg.Index.Countries(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Countries = p.Countries[:min(len(p.Countries), 12)]
	if p.Topics, err = s.cfg.Index.Topics(ctx); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Topics = p.Topics[:min(len(p.Topics), 12)]
	p.Breaking = s.breakingStories(ctx, p.Now)
	if s.cfg.Stories != nil {
		list, err := s.cfg.Stories.Stories(ctx, sitrep.StoryFilter{Limit: homeStories})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, st := range list {
			p.Stories = append(p.Stories, newStoryItem(st, p.Now))
		}
	}

	// The last week of events: the seven days to the newest event, since
	// the stored reporting may be older than a week.
	last, err := s.cfg.Index.LatestDay(ctx, p.Now)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if last != "" {
		end, _ := time.Parse(time.DateOnly, last)
		f := index.Filter{Since: end.AddDate(0, 0, -6).Format(time.DateOnly), Until: last}
		events, err := s.cfg.Index.MapEvents(ctx, f, 2000)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Events = events[:min(len(events), 8)]
		p.Map = &mapBlock{ID: "home-map", Size: "map-small", Label: "Map of the week's events",
			Caption: "Events of the week to " + end.Format("2 January 2006") + ".",
			Data:    s.newMapData(events, nil)}
	}
	s.render(w, r, http.StatusOK, "home", p)
}

// mapScripts are the scripts of a page with a map, in load order.
var mapScripts = []string{
	"vendor/leaflet/leaflet.js",
	"vendor/leaflet.markercluster/leaflet.markercluster.js",
	"vendor/topojson-client/topojson-client.min.js",
	"js/map.js",
}
