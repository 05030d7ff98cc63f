package web

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

type articlePage struct {
	Page
	Article        *sitrep.Article
	When           When
	Retrieved      When
	Countries      []sitrep.CountryScore
	Topics         []sitrep.TopicScore
	Paragraphs     []template.HTML
	Events         []eventView
	Claims         []claimView
	Contradictions []contradictionView
	Comments       int
	CommentList    []commentView
	CommentForm    *commentForm
	CommentNotice  string
	Map            *mapBlock
	Analysed       bool
	Corrections    *correctionsPanel // for editors only
	// Story is the story the connector placed the article in, nil when
	// none (or the site keeps no stories).
	Story *sitrep.Story
}

// eventView is an event of the article as its panel shows it.
type eventView struct {
	sitrep.Event
	N        int
	PlaceKey string
	Sentence string
	Key      string // for editors' corrections
}

// claimView is a claim with its text cut from the body.
type claimView struct {
	N            int
	Source       string
	SourceActor  string
	Cue          string
	Stance       string
	StanceLabel  string
	Text         string
	Contradicted bool
}

type contradictionView struct {
	A, B   claimView
	Reason string
}

// handleArticle serves GET /article/{id}: the article with what was
// extracted from it.
func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	s.serveArticle(w, r, http.StatusOK, nil)
}

// serveArticle renders the article page with status; form, when not nil,
// is a comment sent back to its writer to fix.
func (s *Server) serveArticle(w http.ResponseWriter, r *http.Request, status int, form *commentForm) {
	a, corrections, err := s.correctedArticle(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &articlePage{Page: s.page(r, a.Title, ""), Article: a}
	p.Canonical = s.absURL(r, "/article/"+a.ID)
	p.Description = index.Summary(a.Body, 200)
	p.When = when(a.Published, a.PublishedPrecision, p.Now)
	p.Retrieved = when(&a.Retrieved, sitrep.PrecisionMinute, p.Now)
	p.Paragraphs = highlightBody(a.Body, a.Analysis)
	p.Scripts = mapScripts
	if an := a.Analysis; an != nil {
		p.Analysed = true
		p.Countries = index.ArticleCountries(an)
		p.Topics = index.ArticleTopics(an)
		p.Events = eventViews(a.Body, an)
		p.Claims, p.Contradictions = claimViews(a.Body, an)
		if events := mapEvents(a); len(events) > 0 {
			p.Map = &mapBlock{ID: "article-map", Size: "map-small", Label: "Map of the events in this article",
				Caption: "Where the events in this report took place.", Data: s.newMapData(events, nil)}
		}
	}
	s.fillCorrections(r, p, corrections)
	if s.cfg.Stories != nil {
		stories, err := s.cfg.Stories.ArticleStories(r.Context(), []string{a.ID})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Story = stories[a.ID]
	}
	p.OG = articleOG(p)
	p.JSONLD = articleJSONLD(p)
	if err := s.articleComments(r, p, form); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "article", p)
}

func eventViews(body string, an *sitrep.Analysis) []eventView {
	text := newCodePoints(body)
	out := make([]eventView, 0, len(an.Events))
	for i, e := range an.Events {
		v := eventView{Event: e, N: i + 1, Sentence: strings.Join(strings.Fields(text.slice(e.Start, e.End)), " ")}
		if e.Place != nil && e.Place.Name != "" {
			v.PlaceKey = index.PlaceKey(e.Place.Country, e.Place.Name)
		}
		out = append(out, v)
	}
	return out
}

var stanceLabels = map[string]string{"assert": "asserts", "deny": "denies", "hedge": "hedges"}

func claimViews(body string, an *sitrep.Analysis) ([]claimView, []contradictionView) {
	text := newCodePoints(body)
	claims := make([]claimView, len(an.Claims))
	for i, c := range an.Claims {
		label := stanceLabels[c.Stance]
		if label == "" {
			label = c.Stance
		}
		claims[i] = claimView{N: i + 1, Source: c.Source, SourceActor: c.SourceActor, Cue: c.Cue, Stance: c.Stance,
			StanceLabel: label, Text: strings.Join(strings.Fields(text.slice(c.ContentStart, c.ContentEnd)), " ")}
	}
	var contras []contradictionView
	for _, c := range an.Contradictions {
		if c.A < 0 || c.A >= len(claims) || c.B < 0 || c.B >= len(claims) {
			continue
		}
		claims[c.A].Contradicted, claims[c.B].Contradicted = true, true
		contras = append(contras, contradictionView{A: claims[c.A], B: claims[c.B], Reason: c.Reason})
	}
	return claims, contras
}

// mapEvents are the article's events with coordinates, as the map wants
// them.
func mapEvents(a *sitrep.Article) []index.Event {
	var out []index.Event
	for _, e := range a.Analysis.Events {
		if e.Place == nil || (e.Place.Lat == 0 && e.Place.Lon == 0) || e.Negated || e.Hypothetical {
			continue
		}
		lat, lon := e.Place.Lat, e.Place.Lon
		day := e.Date
		if day == "" && a.Published != nil {
			day = a.Published.UTC().Format(time.DateOnly)
		}
		out = append(out, index.Event{Type: e.Type, SubType: e.SubType, Day: day, Actor1: e.Actor1, Actor2: e.Actor2,
			Place: e.Place.Name, PlaceKey: index.PlaceKey(e.Place.Country, e.Place.Name), Country: strings.ToUpper(e.Place.Country),
			Lat: &lat, Lon: &lon, Fatalities: e.Fatalities, ArticleID: a.ID, ArticleTitle: a.Title, Source: a.Source})
	}
	return out
}

func articleOG(p *articlePage) []Meta {
	a := p.Article
	og := []Meta{{"og:type", "article"}, {"og:title", a.Title}, {"og:url", p.Canonical}}
	if p.Description != "" {
		og = append(og, Meta{"og:description", p.Description})
	}
	if a.Published != nil {
		og = append(og, Meta{"article:published_time", a.Published.UTC().Format(time.RFC3339)})
	}
	if len(p.Countries) > 0 {
		og = append(og, Meta{"article:section", p.Countries[0].Name})
	}
	for _, t := range p.Topics {
		og = append(og, Meta{"article:tag", t.Label})
	}
	return og
}

// articleJSONLD is the schema.org NewsArticle of the page: our copy, based
// on the original.
func articleJSONLD(p *articlePage) map[string]any {
	a := p.Article
	ld := map[string]any{
		"@context":         "https://schema.org",
		"@type":            "NewsArticle",
		"headline":         a.Title,
		"url":              p.Canonical,
		"mainEntityOfPage": p.Canonical,
	}
	if p.Description != "" {
		ld["description"] = p.Description
	}
	if a.Language != "" {
		ld["inLanguage"] = a.Language
	}
	if a.Published != nil {
		ld["datePublished"] = a.Published.UTC().Format(time.RFC3339)
	}
	if a.Byline != "" {
		ld["author"] = []map[string]string{{"@type": "Person", "name": a.Byline}}
	}
	if a.Source != "" {
		ld["publisher"] = map[string]string{"@type": "Organization", "name": a.Source}
	}
	if orig := firstNonEmpty(a.CanonicalURL, a.URL); orig != "" {
		ld["isBasedOn"] = orig
	}
	if len(p.Countries) > 0 {
		var about []map[string]string
		for _, c := range p.Countries {
			about = append(about, map[string]string{"@type": "Country", "name": c.Name})
		}
		ld["about"] = about
	}
	if len(p.Topics) > 0 {
		var kw []string
		for _, t := range p.Topics {
			kw = append(kw, t.Label)
		}
		ld["keywords"] = strings.Join(kw, ", ")
	}
	if a.Analysis != nil {
		var places []map[string]any
		seen := map[string]bool{}
		for _, pl := range a.Analysis.Places {
			if pl.Feature == "country" || seen[pl.Name] || len(places) == 10 {
				continue
			}
			seen[pl.Name] = true
			places = append(places, map[string]any{"@type": "Place", "name": pl.Name,
				"geo": map[string]any{"@type": "GeoCoordinates", "latitude": pl.Lat, "longitude": pl.Lon}})
		}
		if places != nil {
			ld["contentLocation"] = places
		}
	}
	return ld
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// codePoints cuts text by code-point offsets.
type codePoints struct {
	s     string
	bytes []int
}

func newCodePoints(s string) codePoints {
	b := make([]int, 0, len(s)+1)
	for i := range s {
		b = append(b, i)
	}
	return codePoints{s: s, bytes: append(b, len(s))}
}

// slice returns code points [start, end), or "" outside the text.
func (c codePoints) slice(start, end int) string {
	if start < 0 || end > len(c.bytes)-1 || start >= end {
		return ""
	}
	return c.s[c.bytes[start]:c.bytes[end]]
}
