package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

type searchPage struct {
	Page
	Q      string
	Values url.Values
	Total  int
	// FacetsOf is how many of the matches the facets count.
	FacetsOf int
	Hits     []searchItem
	Facets   index.Facets
	Active   []activeFilter
	PageNum  int
	Pages    int
	Prev     string
	Next     string
	Error    string
}

type searchItem struct {
	index.SearchHit
	When When
}

type activeFilter struct {
	Label  string
	Remove string
}

const searchPageSize = 20

// handleSearch serves GET /search: full-text search with facets. The
// parameters are those of the API's search, plus page.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := &searchPage{Page: s.page(r, "Search", "search"), Q: q.Get("q"), PageNum: 1}
	p.Page.Query = p.Q
	p.NoIndex = true
	if p.Q != "" {
		p.Title = "Search: " + p.Q
	}
	f, err := index.ParseFilter(q)
	if err != nil {
		s.renderSearchError(w, r, p, err)
		return
	}
	p.Values = f.Values()
	if p.Q != "" {
		p.Values.Set("q", p.Q)
	}
	if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 1 {
		p.PageNum = n
	}
	offset := (p.PageNum - 1) * searchPageSize
	if offset > index.MaxSearchOffset {
		s.renderSearchError(w, r, p, sitrep.Errorf(sitrep.EINVALID, "page %d is too deep; narrow the search instead", p.PageNum))
		return
	}
	res, err := s.cfg.Index.Search(r.Context(), index.SearchQuery{Text: p.Q, Filter: f, Limit: searchPageSize, Offset: offset})
	if err != nil {
		s.renderSearchError(w, r, p, err)
		return
	}
	p.Total, p.Facets, p.FacetsOf = res.Total, res.Facets, res.FacetsOf
	for _, h := range res.Hits {
		p.Hits = append(p.Hits, searchItem{SearchHit: h, When: listWhen(h.Published, h.Seen, p.Now)})
	}
	p.Pages = (res.Total + searchPageSize - 1) / searchPageSize
	if p.PageNum > 1 {
		p.Prev = withParam(p.Values, "page", strconv.Itoa(p.PageNum-1))
	}
	if p.PageNum < p.Pages {
		p.Next = withParam(p.Values, "page", strconv.Itoa(p.PageNum+1))
	}
	p.Active = activeFilters(f, p.Values)
	feedQuery := encodeQuery(p.Values)
	p.Feeds = []Link{
		{"This search (Atom)", "/search/feed.atom" + feedQuery, "application/atom+xml"},
		{"This search (JSON Feed)", "/search/feed.json" + feedQuery, "application/feed+json"},
	}
	s.render(w, r, http.StatusOK, "search", p)
}

// renderSearchError shows the search page with the error's message: a
// malformed query is the reader's to fix, not a broken page.
func (s *Server) renderSearchError(w http.ResponseWriter, r *http.Request, p *searchPage, err error) {
	code := sitrep.ErrorCode(err)
	if code == sitrep.EINTERNAL {
		s.fail(w, r, err)
		return
	}
	p.Error = sitrep.ErrorMessage(err)
	s.render(w, r, sitrep.ErrorStatus(code), "search", p)
}

func activeFilters(f index.Filter, v url.Values) []activeFilter {
	var out []activeFilter
	add := func(label, key string) {
		out = append(out, activeFilter{Label: label, Remove: withoutParam(v, key)})
	}
	if f.Country != "" {
		add("Country: "+index.CountryName(f.Country), "country")
	}
	if f.Topic != "" {
		add("Topic: "+index.TopicSlug(f.Topic), "topic")
	}
	if f.Type != "" {
		add("Event: "+f.Type, "type")
	}
	if f.Source != "" {
		add("Source: "+f.Source, "source")
	}
	if f.Actor != "" {
		add("Actor: "+f.Actor, "actor")
	}
	if f.Place != "" {
		add("Place: "+f.Place, "place")
	}
	if f.Since != "" {
		add("Since "+f.Since, "since")
	}
	if f.Until != "" {
		add("Until "+f.Until, "until")
	}
	return out
}
