package web

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// feedSize is how many articles a feed carries.
const feedSize = 50

type feedFormat int

const (
	feedAtom feedFormat = iota
	feedJSON
)

type feedKind int

const (
	feedLatest feedKind = iota
	feedCountry
	feedTopic
	feedSearch
)

// feed is a feed before it is written in a format.
type feed struct {
	Title   string
	Home    string // the page the feed follows, absolute
	Self    string // the feed's own URL, absolute
	Updated time.Time
	Items   []feedItem
}

type feedItem struct {
	ID        string // our article URL, which never changes
	Title     string
	Link      string
	Original  string
	Summary   string
	Author    string
	Published time.Time
	Tags      []string
}

// handleFeed serves the Atom or JSON Feed of the latest articles, of a
// country, of a topic or of a search (q and the filter parameters).
func (s *Server) handleFeed(format feedFormat, kind feedKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		f := &feed{Self: s.absURL(r, r.URL.RequestURI())}
		var filter index.Filter
		switch kind {
		case feedLatest:
			f.Title, f.Home = "sitrep: latest reports", s.absURL(r, "/")
		case feedCountry:
			c, err := s.cfg.Index.CountryInfo(ctx, r.PathValue("code"))
			if err != nil {
				s.fail(w, r, err)
				return
			}
			filter.Country = c.Code
			f.Title, f.Home = "sitrep: "+c.Name, s.absURL(r, "/country/"+c.Code)
		case feedTopic:
			t, err := s.cfg.Index.Topic(ctx, r.PathValue("code"))
			if err != nil {
				s.fail(w, r, err)
				return
			}
			filter.Topic = t.Code
			f.Title, f.Home = "sitrep: "+t.Label, s.absURL(r, "/topic/"+index.TopicSlug(t.Code))
		case feedSearch:
			var err error
			if filter, err = index.ParseFilter(r.URL.Query()); err != nil {
				s.fail(w, r, err)
				return
			}
			q := r.URL.Query().Get("q")
			f.Title = "sitrep: search"
			if q != "" {
				f.Title += " “" + q + "”"
			}
			f.Home = s.absURL(r, "/search?"+r.URL.RawQuery)
		}
		text := ""
		if kind == feedSearch {
			text = r.URL.Query().Get("q")
		}
		res, err := s.cfg.Index.Search(ctx, index.SearchQuery{Text: text, Filter: filter, Limit: feedSize, Newest: true, NoFacets: true})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, h := range res.Hits {
			it := feedItem{ID: s.absURL(r, "/article/"+h.ID), Title: h.Title, Link: s.absURL(r, "/article/"+h.ID),
				Original: h.URL, Summary: h.Summary, Published: h.Seen, Tags: countryNames(h.Countries)}
			it.Author = firstNonEmpty(h.Byline, h.Source)
			if it.Published.After(f.Updated) {
				f.Updated = it.Published
			}
			f.Items = append(f.Items, it)
		}
		if f.Updated.IsZero() {
			f.Updated = time.Unix(0, 0).UTC()
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

// webPage reports whether an article's original URL may be linked from a
// feed: an ingested page can claim any URL, and feed readers make links
// of these, so a javascript: or data: one would run in the reader.
func webPage(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func countryNames(codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = index.CountryName(c)
	}
	return out
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published"`
	Links      []atomLink     `xml:"link"`
	Author     *atomPerson    `xml:"author,omitempty"`
	Summary    string         `xml:"summary,omitempty"`
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

func (s *Server) writeAtom(w http.ResponseWriter, r *http.Request, f *feed) {
	af := atomFeed{Title: f.Title, ID: f.Self, Updated: f.Updated.UTC().Format(time.RFC3339),
		Links:  []atomLink{{Rel: "self", Href: f.Self, Type: "application/atom+xml"}, {Rel: "alternate", Href: f.Home, Type: "text/html"}},
		Author: atomPerson{Name: "sitrep"}}
	for _, it := range f.Items {
		e := atomEntry{Title: it.Title, ID: it.ID, Updated: it.Published.UTC().Format(time.RFC3339),
			Published: it.Published.UTC().Format(time.RFC3339), Summary: it.Summary,
			Links: []atomLink{{Rel: "alternate", Href: it.Link, Type: "text/html"}}}
		if webPage(it.Original) {
			e.Links = append(e.Links, atomLink{Rel: "related", Href: it.Original, Type: "text/html"})
		}
		if it.Author != "" {
			e.Author = &atomPerson{Name: it.Author}
		}
		for _, t := range it.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		af.Entries = append(af.Entries, e)
	}
	b, err := xml.MarshalIndent(af, "", "  ")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write([]byte(xml.Header))
	w.Write(b)
	w.Write([]byte("\n"))
}

// jsonFeed is JSON Feed 1.1 (https://jsonfeed.org/version/1.1).
type jsonFeed struct {
	Version     string         `json:"version"`
	Title       string         `json:"title"`
	HomePageURL string         `json:"home_page_url"`
	FeedURL     string         `json:"feed_url"`
	Language    string         `json:"language,omitempty"`
	Items       []jsonFeedItem `json:"items"`
}

type jsonFeedItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url"`
	ExternalURL   string           `json:"external_url,omitempty"`
	Title         string           `json:"title"`
	ContentText   string           `json:"content_text"`
	DatePublished string           `json:"date_published"`
	Authors       []jsonFeedAuthor `json:"authors,omitempty"`
	Tags          []string         `json:"tags,omitempty"`
}

type jsonFeedAuthor struct {
	Name string `json:"name"`
}

func (s *Server) writeJSONFeed(w http.ResponseWriter, r *http.Request, f *feed) {
	jf := jsonFeed{Version: "https://jsonfeed.org/version/1.1", Title: f.Title, HomePageURL: f.Home, FeedURL: f.Self,
		Items: []jsonFeedItem{}}
	for _, it := range f.Items {
		item := jsonFeedItem{ID: it.ID, URL: it.Link, Title: it.Title, ContentText: it.Summary,
			DatePublished: it.Published.UTC().Format(time.RFC3339), Tags: it.Tags}
		if webPage(it.Original) {
			item.ExternalURL = it.Original
		}
		if it.Author != "" {
			item.Authors = []jsonFeedAuthor{{Name: it.Author}}
		}
		jf.Items = append(jf.Items, item)
	}
	b, err := json.MarshalIndent(jf, "", "  ")
	if err != nil {
		s.fail(w, r, sitrep.Errorf(sitrep.EINTERNAL, "feed: %v", err))
		return
	}
	w.Header().Set("Content-Type", "application/feed+json")
	w.Write(b)
	w.Write([]byte("\n"))
}
