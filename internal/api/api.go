// Package api is sitrep's read-only JSON API, under /api/v1/: articles,
// events, places, actors, countries, topics and search, with opaque cursor
// pagination and one error shape, {"error":{"code","message"}}, whose code
// and status come from sitrep's error codes. Its OpenAPI 3 description is
// served at /api/openapi.json.
package api

import (
	_ "embed" // for go:embed
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

//go:embed openapi.json
var openAPI []byte

// Config is what the API reads.
type Config struct {
	Store   sitrep.Store
	Index   *index.Index
	Stories sitrep.StoryStore // nil: the story endpoints answer 404
	Logger  *slog.Logger
}

// API serves the JSON API.
type API struct {
	store sitrep.Store
	idx   *index.Index
	stor  sitrep.StoryStore
	log   *slog.Logger
}

// New returns an API over cfg's store and index.
func New(cfg Config) *API {
	a := &API{store: cfg.Store, idx: cfg.Index, stor: cfg.Stories, log: cfg.Logger}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	return a
}

// route is one endpoint; the OpenAPI test checks that the document lists
// every one of them.
type route struct {
	path    string // as in OpenAPI, with {id}-style parameters
	handler func(*API, http.ResponseWriter, *http.Request) error
}

var routes = []route{
	{"/api/v1/articles", (*API).articles},
	{"/api/v1/articles/{id}", (*API).article},
	{"/api/v1/events", (*API).events},
	{"/api/v1/places", (*API).places},
	{"/api/v1/actors", (*API).actors},
	{"/api/v1/countries", (*API).countries},
	{"/api/v1/topics", (*API).topics},
	{"/api/v1/search", (*API).search},
	{"/api/v1/stories", (*API).stories},
	{"/api/v1/stories/{id}", (*API).story},
}

// Register adds the API's routes to mux. Paths under /api/ that are not
// routes get the JSON 404, not the site's HTML one.
func (a *API) Register(mux *http.ServeMux) {
	for _, rt := range routes {
		mux.Handle(rt.path, a.endpoint(rt.handler))
	}
	mux.HandleFunc("/api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		if !allowGet(w, r) {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Write(openAPI)
	})
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, sitrep.Errorf(sitrep.ENOTFOUND, "no API endpoint at %s; see /api/openapi.json", r.URL.Path))
	})
}

// endpoint adapts a handler that returns an error: the API's errors are
// written in one place, in one shape.
func (a *API) endpoint(h func(*API, http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowGet(w, r) {
			return
		}
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if err := h(a, w, r); err != nil {
			if sitrep.ErrorCode(err) == sitrep.EINTERNAL {
				a.log.Error("api: request failed", "url", r.URL.String(), "err", err)
			}
			writeError(w, err)
		}
	})
}

// allowGet answers anything but GET and HEAD with a 405 in the API's error
// shape.
func allowGet(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	writeJSON(w, http.StatusMethodNotAllowed, errorBody{Error: errorDetail{
		Code: "method_not_allowed", Message: r.Method + " is not allowed; the API is read-only"}})
	return false
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func writeError(w http.ResponseWriter, err error) {
	code := sitrep.ErrorCode(err)
	writeJSON(w, sitrep.ErrorStatus(code), errorBody{Error: errorDetail{Code: code, Message: sitrep.ErrorMessage(err)}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"internal error"}}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// list is the shape of every listing: one page of data and the cursor of
// the next page, absent on the last.
type list[T any] struct {
	Data       []T    `json:"data"`
	NextCursor string `json:"next_cursor,omitempty"`
}

func newList[T any](data []T, next *index.Cursor) list[T] {
	if data == nil {
		data = []T{}
	}
	l := list[T]{Data: data}
	if next != nil {
		l.NextCursor = next.Encode()
	}
	return l
}

// paging reads limit and cursor.
func paging(r *http.Request) (int, index.Cursor, error) {
	limit := 0
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return 0, index.Cursor{}, sitrep.Errorf(sitrep.EINVALID, "limit %q is not a positive number", s)
		}
		limit = n
	}
	c, err := index.DecodeCursor(r.URL.Query().Get("cursor"))
	return limit, c, err
}

// offsetPage returns the cursor after a ranked page of n items from
// offset, or nil when the page was not full.
func offsetPage(offset, got, limit int) *index.Cursor {
	if got < limit {
		return nil
	}
	return &index.Cursor{Offset: offset + got}
}
