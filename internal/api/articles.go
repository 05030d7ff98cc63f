package api

import (
	"net/http"

	"github.com/sitrep-project/sitrep/internal/index"
)

// articles handles GET /api/v1/articles: the newest articles the filter
// selects.
func (a *API) articles(w http.ResponseWriter, r *http.Request) error {
	f, err := index.ParseFilter(r.URL.Query())
	if err != nil {
		return err
	}
	limit, c, err := paging(r)
	if err != nil {
		return err
	}
	arts, next, err := a.idx.Articles(r.Context(), f, limit, c)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(arts, next))
	return nil
}

// article handles GET /api/v1/articles/{id}: one article whole, with its
// text and analysis.
func (a *API) article(w http.ResponseWriter, r *http.Request) error {
	art, err := a.store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Data any `json:"data"`
	}{art})
	return nil
}
