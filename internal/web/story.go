package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// storyRoutes serves the stories: the articles the connector grouped, with
// one timeline of their events and where their sources disagree.
func (s *Server) storyRoutes(mux *http.ServeMux) {
	if s.cfg.Stories == nil {
		return
	}
	mux.HandleFunc("GET /stories", s.handleStories)
	mux.HandleFunc("GET /story/{id}", s.handleStory)
	mux.HandleFunc("GET /story/{id}/feed.atom", s.handleStoryFeed(feedAtom))
	mux.HandleFunc("GET /story/{id}/feed.json", s.handleStoryFeed(feedJSON))
}

type storiesPage struct {
	Page
	Stories []storyItem
	Country string
	PageNum int
	Prev    string
	Next    string
}

// storyItem is a story in a listing, with its latest report's date
// phrased for now.
type storyItem struct {
	*sitrep.Story
	Last When
}

func newStoryItem(st *sitrep.Story, now time.Time) storyItem {
	return storyItem{Story: st, Last: when(&st.LastSeen, sitrep.PrecisionMinute, now)}
}

const storiesPageSize = 20

// handleStories serves GET /stories: stories most recently reported first,
// of one country with ?country=.
func (s *Server) handleStories(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := &storiesPage{Page: s.page(r, "Stories", "stories"), PageNum: 1}
	p.Description = "Situations followed by several reports, each with one timeline of events and the sources' disagreements."
	if c := strings.ToUpper(strings.TrimSpace(q.Get("country"))); c != "" {
		info, err := s.cfg.Index.CountryInfo(r.Context(), c)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Country = info.Code
		p.Title = "Stories: " + info.Name
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		p.PageNum = n
	}
	offset := (p.PageNum - 1) * storiesPageSize
	if offset > 10000 {
		s.fail(w, r, sitrep.Errorf(sitrep.EINVALID, "page %d is too deep", p.PageNum))
		return
	}
	list, err := s.cfg.Stories.Stories(r.Context(), sitrep.StoryFilter{Country: p.Country, Limit: storiesPageSize + 1, Offset: offset})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pageURL := func(n int) string {
		v := url.Values{}
		if p.Country != "" {
			v.Set("country", p.Country)
		}
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return "/stories"
		}
		return "/stories?" + v.Encode()
	}
	if len(list) > storiesPageSize {
		list = list[:storiesPageSize]
		p.Next = pageURL(p.PageNum + 1)
	}
	if p.PageNum > 1 {
		p.Prev = pageURL(p.PageNum - 1)
	}
	for _, st := range list {
		p.Stories = append(p.Stories, newStoryItem(st, p.Now))
	}
	s.render(w, r, http.StatusOK, "stories", p)
}

type storyPage struct {
	Page
	Story    *sitrep.Story
	First    When
	Last     When
	Timeline []timelineEvent
	Articles []storyArticle
	Map      *mapBlock
	// Titles names the story's articles by id, for the sources of events
	// and the sides of disagreements.
	Titles map[string]string
	// Breaking is set while the story's reporting surges (alerts).
	Breaking *breakingView
}

// timelineEvent is one event of the timeline with what the page shows of
// it: whether its sources disagree on the toll.
type timelineEvent struct {
	sitrep.StoryEvent
	Disputed bool
}

type storyArticle struct {
	sitrep.StoryArticle
	When When
}

// handleStory serves GET /story/{id}: the story's timeline, its sources
// per event and where they disagree.
func (s *Server) handleStory(w http.ResponseWriter, r *http.Request) {
	st, err := s.cfg.Stories.Story(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &storyPage{Page: s.page(r, st.Title, "stories"), Story: st, Titles: map[string]string{}}
	p.Description = st.Summary
	p.First, p.Last = when(&st.FirstSeen, sitrep.PrecisionMinute, p.Now), when(&st.LastSeen, sitrep.PrecisionMinute, p.Now)
	p.Feeds = []Link{{"This story (Atom)", "/story/" + st.ID + "/feed.atom", "application/atom+xml"},
		{"This story (JSON Feed)", "/story/" + st.ID + "/feed.json", "application/feed+json"}}
	for _, a := range st.Articles {
		p.Titles[a.ID] = a.Title
		sa := storyArticle{StoryArticle: a}
		if a.Published != nil {
			sa.When = when(a.Published, sitrep.PrecisionMinute, p.Now)
		}
		p.Articles = append(p.Articles, sa)
	}
	for _, b := range s.breakingStories(r.Context(), p.Now) {
		if b.Story == st.ID {
			p.Breaking = &b
		}
	}
	disputed := map[string]bool{}
	for _, c := range st.Contradictions {
		if c.Kind == sitrep.ContradictFatalities && c.EventID != "" {
			disputed[c.EventID] = true
		}
	}
	var events []index.Event
	for _, e := range st.Events {
		p.Timeline = append(p.Timeline, timelineEvent{StoryEvent: e, Disputed: disputed[e.ID]})
		events = append(events, storyMapEvents(e, p.Titles)...)
	}
	if len(events) > 0 {
		p.Scripts = mapScripts
		p.Map = &mapBlock{ID: "story-map", Size: "map-small", Label: "Map of the story's events",
			Caption: "Where the story's events took place.", Data: s.newMapData(events, nil)}
	}
	s.render(w, r, http.StatusOK, "story", p)
}

// storyMapEvents is a story event as the map draws it: once per source, so
// that its popup links every article that reported it.
func storyMapEvents(e sitrep.StoryEvent, titles map[string]string) []index.Event {
	base := index.Event{ID: e.ID, Type: e.Type, SubType: e.SubType, Date: e.Date, Day: e.Date,
		Actor1: e.Actor1, Actor2: e.Actor2, Fatalities: e.Fatalities}
	if pl := e.Place; pl != nil {
		base.Place, base.Country = pl.Name, pl.Country
		if pl.Lat != 0 || pl.Lon != 0 {
			lat, lon := pl.Lat, pl.Lon
			base.Lat, base.Lon = &lat, &lon
		}
	}
	var out []index.Event
	for _, src := range e.Sources {
		ev := base
		ev.ArticleID, ev.ArticleTitle, ev.Source = src.ArticleID, titles[src.ArticleID], src.Source
		out = append(out, ev)
	}
	if len(out) == 0 {
		out = append(out, base)
	}
	return out
}

// handleStoryFeed serves a story's articles as an Atom or JSON feed, newest
// first, so that readers follow a situation as it develops.
func (s *Server) handleStoryFeed(format feedFormat) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		st, err := s.cfg.Stories.Story(r.Context(), r.PathValue("id"))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		f := &feed{Title: "sitrep story: " + st.Title, Home: s.absURL(r, "/story/"+st.ID), Self: s.absURL(r, r.URL.RequestURI()),
			Updated: st.LastSeen}
		arts := slices.Clone(st.Articles)
		slices.SortStableFunc(arts, newestFirst)
		for _, a := range arts[:min(len(arts), feedSize)] {
			it := feedItem{ID: s.absURL(r, "/article/"+a.ID), Title: a.Title, Link: s.absURL(r, "/article/"+a.ID),
				Author: a.Source, Published: st.LastSeen, Tags: countryNames(st.Countries)}
			if a.Published != nil {
				it.Published = *a.Published
			}
			if a.Role == sitrep.RoleSyndicated {
				it.Summary = "A copy of another report in this story."
			}
			f.Items = append(f.Items, it)
		}
		w.Header().Set("Cache-Control", "public, max-age=300")
		switch format {
		case feedAtom:
			s.writeAtom(w, r, f)
		case feedJSON:
			s.writeJSONFeed(w, r, f)
		}
	}
}

// newestFirst orders articles by publication, newest first, undated last.
func newestFirst(a, b sitrep.StoryArticle) int {
	switch {
	case a.Published == nil && b.Published == nil:
		return 0
	case a.Published == nil:
		return 1
	case b.Published == nil:
		return -1
	}
	return b.Published.Compare(*a.Published)
}
