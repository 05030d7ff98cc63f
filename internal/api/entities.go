package api

import (
	"net/http"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// entityFilter reads country, q (a name prefix), limit and cursor.
func entityFilter(r *http.Request) (index.EntityFilter, error) {
	limit, c, err := paging(r)
	if err != nil {
		return index.EntityFilter{}, err
	}
	q := r.URL.Query()
	f := index.EntityFilter{Country: q.Get("country"), Prefix: q.Get("q"), Limit: limit, Offset: c.Offset}
	if f.Country != "" {
		if _, ok := index.LookupCountry(f.Country); !ok {
			return f, sitrep.Errorf(sitrep.EINVALID, "country %q is not an ISO 3166-1 alpha-2 code", f.Country)
		}
	}
	if f.Limit == 0 {
		f.Limit = index.DefaultEntityLimit
	}
	f.Limit = min(f.Limit, index.MaxEntityLimit)
	return f, nil
}

// places handles GET /api/v1/places: places named in articles, most
// articles first.
func (a *API) places(w http.ResponseWriter, r *http.Request) error {
	f, err := entityFilter(r)
	if err != nil {
		return err
	}
	ps, err := a.idx.Places(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(ps, offsetPage(f.Offset, len(ps), f.Limit)))
	return nil
}

// actors handles GET /api/v1/actors: actors named in articles, most
// articles first.
func (a *API) actors(w http.ResponseWriter, r *http.Request) error {
	f, err := entityFilter(r)
	if err != nil {
		return err
	}
	as, err := a.idx.Actors(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(as, offsetPage(f.Offset, len(as), f.Limit)))
	return nil
}

// countries handles GET /api/v1/countries: every country with articles or
// events, most articles first.
func (a *API) countries(w http.ResponseWriter, r *http.Request) error {
	cs, err := a.idx.Countries(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(cs, nil))
	return nil
}

// topics handles GET /api/v1/topics: every IPTC topic articles are tagged
// with, most articles first.
func (a *API) topics(w http.ResponseWriter, r *http.Request) error {
	ts, err := a.idx.Topics(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(ts, nil))
	return nil
}
