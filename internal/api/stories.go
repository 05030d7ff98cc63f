package api

import (
	"net/http"
	"strings"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Story listing limits, as the stores'.
const (
	defaultStoryLimit = 20
	maxStoryLimit     = 100
)

// stories handles GET /api/v1/stories: stories most recently reported
// first, without their timelines; country narrows them.
func (a *API) stories(w http.ResponseWriter, r *http.Request) error {
	if a.stor == nil {
		return sitrep.Errorf(sitrep.ENOTFOUND, "this server keeps no stories")
	}
	limit, c, err := paging(r)
	if err != nil {
		return err
	}
	if limit == 0 {
		limit = defaultStoryLimit
	}
	limit = min(limit, maxStoryLimit)
	f := sitrep.StoryFilter{Country: strings.ToUpper(r.URL.Query().Get("country")), Limit: limit, Offset: c.Offset}
	if f.Country != "" {
		if _, ok := index.LookupCountry(f.Country); !ok {
			return sitrep.Errorf(sitrep.EINVALID, "country %q is not an ISO 3166-1 alpha-2 code", f.Country)
		}
	}
	list, err := a.stor.Stories(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(list, offsetPage(f.Offset, len(list), f.Limit)))
	return nil
}

// story handles GET /api/v1/stories/{id}: one story with its articles,
// timeline of merged events (each with its sources' own values), claims
// and contradictions.
func (a *API) story(w http.ResponseWriter, r *http.Request) error {
	if a.stor == nil {
		return sitrep.Errorf(sitrep.ENOTFOUND, "this server keeps no stories")
	}
	st, err := a.stor.Story(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, st)
	return nil
}
