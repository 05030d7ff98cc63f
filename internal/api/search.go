package api

import (
	"net/http"

	"github.com/sitrep-project/sitrep/internal/index"
)

type searchResponse struct {
	Data       []index.SearchHit `json:"data"`
	Total      int               `json:"total"`
	Facets     index.Facets      `json:"facets"`
	FacetsOf   int               `json:"facets_of"`
	NextCursor string            `json:"next_cursor,omitempty"`
}

// search handles GET /api/v1/search: full-text search (q) narrowed by the
// article filters, best first, with facet counts over all matches.
// Snippets mark matches with U+E000 and U+E001.
func (a *API) search(w http.ResponseWriter, r *http.Request) error {
	f, err := index.ParseFilter(r.URL.Query())
	if err != nil {
		return err
	}
	limit, c, err := paging(r)
	if err != nil {
		return err
	}
	if limit == 0 {
		limit = index.DefaultSearchLimit
	}
	limit = min(limit, index.MaxSearchLimit)
	res, err := a.idx.Search(r.Context(), index.SearchQuery{Text: r.URL.Query().Get("q"), Filter: f, Limit: limit, Offset: c.Offset})
	if err != nil {
		return err
	}
	out := searchResponse{Data: res.Hits, Total: res.Total, Facets: res.Facets, FacetsOf: res.FacetsOf}
	if c.Offset+len(res.Hits) < res.Total {
		out.NextCursor = index.Cursor{Offset: c.Offset + len(res.Hits)}.Encode()
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
