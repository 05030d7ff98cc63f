package web

import (
	"net/http"
	"net/url"

	"github.com/sitrep-project/sitrep/internal/index"
)

// entityPage is the page of a country, topic, actor or place: its latest
// articles and events and a map of them.
type entityPage struct {
	Page
	Kind         string // "Country", "Topic", "Actor", "Place"
	Name         string
	Subtitle     string
	Facts        []fact
	Map          *mapBlock
	Events       []index.Event
	EventTotal   int
	Articles     []articleItem
	Next         string // the next page of articles
	Query        url.Values
	Related      []Link
	RelatedTitle string
	Stories      []storyItem // the stories of the listed reports
}

type fact struct{ Label, Value string }

// Listing sizes of an entity page.
const (
	topicRecent     = 500
	entityArticles  = 20
	entityEvents    = 25
	entityMapEvents = 2000
	entityStories   = 5
)

// fillEntity reads the articles, events and map of filter f into p.
func (s *Server) fillEntity(w http.ResponseWriter, r *http.Request, p *entityPage, f index.Filter) bool {
	ctx := r.Context()
	c, err := index.DecodeCursor(r.URL.Query().Get("after"))
	if err != nil {
		s.fail(w, r, err)
		return false
	}
	arts, next, err := s.cfg.Index.Articles(ctx, f, entityArticles, c)
	if err != nil {
		s.fail(w, r, err)
		return false
	}
	p.Articles = s.articleItems(arts, p.Now)
	if p.Stories, err = s.articlesStories(r, arts, entityStories); err != nil {
		s.fail(w, r, err)
		return false
	}
	if next != nil {
		q := url.Values{"after": {next.Encode()}}
		p.Next = "?" + q.Encode()
	}
	p.Query = f.Values()
	events, err := s.cfg.Index.MapEvents(ctx, f, entityMapEvents)
	if err != nil {
		s.fail(w, r, err)
		return false
	}
	if p.Events, _, err = s.cfg.Index.Events(ctx, f, entityEvents, index.Cursor{}); err != nil {
		s.fail(w, r, err)
		return false
	}
	counts, err := s.cfg.Index.CountEvents(ctx, f)
	if err != nil {
		s.fail(w, r, err)
		return false
	}
	for _, n := range counts {
		p.EventTotal += n
	}
	p.Scripts = mapScripts
	caption := "Events of the latest reports, by type."
	switch {
	case f.Recent > 0:
		caption = "Events in the latest " + formatNumber(f.Recent) + " reports, by type."
	case len(events) == entityMapEvents:
		caption = "The latest " + formatNumber(len(events)) + " events, by type."
	}
	if len(events) > 0 {
		p.Map = &mapBlock{ID: "entity-map", Size: "map-medium", Label: "Map of events: " + p.Name, Caption: caption,
			Data: s.newMapData(events, nil)}
	}
	return true
}

func (s *Server) handleCountry(w http.ResponseWriter, r *http.Request) {
	c, err := s.cfg.Index.CountryInfo(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.PathValue("code") != c.Code {
		http.Redirect(w, r, "/country/"+c.Code, http.StatusMovedPermanently)
		return
	}
	p := &entityPage{Page: s.page(r, c.Name, "countries"), Kind: "Country", Name: c.Name}
	p.Description = "Latest reports and events in " + c.Name + "."
	p.Facts = []fact{{"Articles", formatNumber(c.Articles)}, {"Events", formatNumber(c.Events)}}
	p.Feeds = []Link{
		{c.Name + " (Atom)", "/country/" + c.Code + "/feed.atom", "application/atom+xml"},
		{c.Name + " (JSON Feed)", "/country/" + c.Code + "/feed.json", "application/feed+json"},
	}
	places, err := s.cfg.Index.Places(r.Context(), index.EntityFilter{Country: c.Code, Limit: 12})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, pl := range places {
		p.Related = append(p.Related, Link{Title: pl.Name, Href: placePath(pl.Key)})
	}
	p.RelatedTitle = "Places"
	if s.fillEntity(w, r, p, index.Filter{Country: c.Code}) {
		s.render(w, r, http.StatusOK, "entity", p)
	}
}

func (s *Server) handleTopic(w http.ResponseWriter, r *http.Request) {
	t, err := s.cfg.Index.Topic(r.Context(), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &entityPage{Page: s.page(r, t.Label, ""), Kind: "Topic", Name: t.Label, Subtitle: "IPTC Media Topic " + t.Code}
	p.Description = "Latest reports on " + t.Label + "."
	p.Facts = []fact{{"Articles", formatNumber(t.Articles)}}
	slug := index.TopicSlug(t.Code)
	p.Feeds = []Link{
		{t.Label + " (Atom)", "/topic/" + slug + "/feed.atom", "application/atom+xml"},
		{t.Label + " (JSON Feed)", "/topic/" + slug + "/feed.json", "application/feed+json"},
	}
	// A broad topic covers most reports: its events are those of its
	// latest ones.
	if s.fillEntity(w, r, p, index.Filter{Topic: t.Code, Recent: topicRecent}) {
		s.render(w, r, http.StatusOK, "entity", p)
	}
}

func (s *Server) handleActor(w http.ResponseWriter, r *http.Request) {
	a, err := s.cfg.Index.Actor(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &entityPage{Page: s.page(r, a.Name, ""), Kind: "Actor", Name: a.Name, Subtitle: a.Kind}
	p.Description = "Latest reports naming " + a.Name + "."
	p.Facts = []fact{{"Articles", formatNumber(a.Articles)}, {"Mentions", formatNumber(a.Mentions)}}
	if a.Country != "" {
		p.Facts = append(p.Facts, fact{"Country", index.CountryName(a.Country)})
	}
	if s.fillEntity(w, r, p, index.Filter{Actor: a.Slug}) {
		s.render(w, r, http.StatusOK, "entity", p)
	}
}

func (s *Server) handlePlace(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("country") + "/" + r.PathValue("slug")
	pl, err := s.cfg.Index.Place(r.Context(), key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &entityPage{Page: s.page(r, pl.Name, ""), Kind: "Place", Name: pl.Name}
	p.Description = "Latest reports and events in " + pl.Name + "."
	var where []string
	if pl.Admin1 != "" && pl.Admin1 != pl.Name {
		where = append(where, pl.Admin1)
	}
	if pl.Country != "" {
		where = append(where, index.CountryName(pl.Country))
		p.Related = []Link{{Title: index.CountryName(pl.Country), Href: "/country/" + pl.Country}}
		p.RelatedTitle = "Country"
	}
	for i, w := range where {
		if i == 0 {
			p.Subtitle = w
		} else {
			p.Subtitle += ", " + w
		}
	}
	p.Facts = []fact{{"Articles", formatNumber(pl.Articles)}, {"Mentions", formatNumber(pl.Mentions)}}
	if pl.Feature != "" {
		p.Facts = append(p.Facts, fact{"Kind", pl.Feature})
	}
	if s.fillEntity(w, r, p, index.Filter{Place: pl.Key}) {
		s.render(w, r, http.StatusOK, "entity", p)
	}
}

type countriesPage struct {
	Page
	Countries []index.CountryCount
}

func (s *Server) handleCountries(w http.ResponseWriter, r *http.Request) {
	cs, err := s.cfg.Index.Countries(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &countriesPage{Page: s.page(r, "Countries", "countries"), Countries: cs}
	p.Description = "Every country in the reports, with its articles and events."
	s.render(w, r, http.StatusOK, "countries", p)
}

// articlesStories returns the stories of arts, each once, in the order of
// the articles, at most n: the stories a page's reports belong to.
func (s *Server) articlesStories(r *http.Request, arts []index.ArticleSummary, n int) ([]storyItem, error) {
	if s.cfg.Stories == nil {
		return nil, nil
	}
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	stories, err := s.cfg.Stories.ArticleStories(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	var out []storyItem
	seen := map[string]bool{}
	now := s.now()
	for _, id := range ids {
		st := stories[id]
		if len(out) == n {
			break
		}
		if st == nil || seen[st.ID] {
			continue
		}
		seen[st.ID] = true
		out = append(out, newStoryItem(st, now))
	}
	return out, nil
}
