package api

import (
	"net/http"

	"github.com/sitrep-project/sitrep/internal/index"
)

// events handles GET /api/v1/events: events newest first, filtered by
// country, type, sub_type, actor, place, topic, source, since, until and
// bbox.
func (a *API) events(w http.ResponseWriter, r *http.Request) error {
	f, err := index.ParseFilter(r.URL.Query())
	if err != nil {
		return err
	}
	limit, c, err := paging(r)
	if err != nil {
		return err
	}
	evs, next, err := a.idx.Events(r.Context(), f, limit, c)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(evs, next))
	return nil
}
