package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/index/indextest"
)

func newServer(t *testing.T) *httptest.Server {
	t.Helper()
	db, idx := indextest.Open(t, indextest.All()...)
	mux := http.NewServeMux()
	New(Config{Store: db, Index: idx}).Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func fetch(t *testing.T, srv *httptest.Server, method, path string, v any) int {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, nil)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s: Content-Type %q", method, path, ct)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	return res.StatusCode
}

type errorResponse struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func TestErrors(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		method, path string
		status       int
		code         string
		message      string
	}{
		{"GET", "/api/v1/events?since=soon", 400, "invalid", `since "soon" is not a date (YYYY-MM-DD)`},
		{"GET", "/api/v1/events?limit=-3", 400, "invalid", `limit "-3" is not a positive number`},
		{"GET", "/api/v1/events?cursor=%25%25", 400, "invalid", `cursor "%%" is not one this server gave out`},
		{"GET", "/api/v1/articles/nope", 404, "not_found", "article nope not found"},
		{"GET", "/api/v1/search?q=%3F%3F", 400, "invalid", `search query "??" has no words`},
		{"GET", "/api/v1/places?country=QQ", 400, "invalid", `country "QQ" is not an ISO 3166-1 alpha-2 code`},
		{"GET", "/api/v2/events", 404, "not_found", "no API endpoint at /api/v2/events; see /api/openapi.json"},
		{"POST", "/api/v1/events", 405, "method_not_allowed", "POST is not allowed; the API is read-only"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			var e errorResponse
			if got := fetch(t, srv, tt.method, tt.path, &e); got != tt.status {
				t.Errorf("status = %d, want %d", got, tt.status)
			}
			if e.Error.Code != tt.code || e.Error.Message != tt.message {
				t.Errorf("error = %+v, want {%s %s}", e.Error, tt.code, tt.message)
			}
		})
	}
}

func TestListings(t *testing.T) {
	srv := newServer(t)
	var events struct {
		Data []struct {
			ID         string   `json:"id"`
			Fatalities *int     `json:"fatalities"`
			Lat        *float64 `json:"lat"`
		} `json:"data"`
		NextCursor string `json:"next_cursor"`
	}
	// Walk the events one at a time with the cursor.
	var ids []string
	path := "/api/v1/events?all=1&limit=1"
	for i := 0; i < 10; i++ {
		events.NextCursor = ""
		if got := fetch(t, srv, "GET", path, &events); got != 200 {
			t.Fatalf("status %d", got)
		}
		for _, e := range events.Data {
			ids = append(ids, e.ID)
		}
		if events.NextCursor == "" {
			break
		}
		path = "/api/v1/events?all=1&limit=1&cursor=" + events.NextCursor
	}
	if len(ids) != 3 || ids[0] == ids[1] || ids[1] == ids[2] {
		t.Errorf("paged event ids = %v, want 3 distinct", ids)
	}

	var arts struct {
		Data []struct {
			ID        string   `json:"id"`
			Countries []string `json:"countries"`
		} `json:"data"`
	}
	fetch(t, srv, "GET", "/api/v1/articles?country=SY", &arts)
	if len(arts.Data) != 1 || arts.Data[0].ID != indextest.Ambush().ID {
		t.Errorf("articles in Syria = %+v", arts.Data)
	}
	var art struct {
		Data struct {
			ID       string `json:"id"`
			Body     string `json:"body"`
			Analysis struct {
				Events []any `json:"events"`
			} `json:"analysis"`
		} `json:"data"`
	}
	fetch(t, srv, "GET", "/api/v1/articles/"+indextest.Ambush().ID, &art)
	if art.Data.Body == "" || len(art.Data.Analysis.Events) != 2 {
		t.Errorf("article = %+v", art.Data)
	}
	var search struct {
		Data   []any `json:"data"`
		Total  int   `json:"total"`
		Facets struct {
			Countries []struct {
				Value string `json:"value"`
				Count int    `json:"count"`
			} `json:"countries"`
		} `json:"facets"`
	}
	fetch(t, srv, "GET", "/api/v1/search?q=hermel", &search)
	if search.Total != 1 || len(search.Data) != 1 || len(search.Facets.Countries) != 1 || search.Facets.Countries[0].Value != "LB" {
		t.Errorf("search = %+v", search)
	}
	for _, path := range []string{"/api/v1/places?country=sy", "/api/v1/actors?q=qsd", "/api/v1/countries", "/api/v1/topics"} {
		var l struct {
			Data []map[string]any `json:"data"`
		}
		if got := fetch(t, srv, "GET", path, &l); got != 200 || len(l.Data) == 0 {
			t.Errorf("%s: status %d, %d items", path, got, len(l.Data))
		}
	}
}

// The OpenAPI document is valid JSON, OpenAPI 3, and lists exactly the
// routes the API serves.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	srv := newServer(t)
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if got := fetch(t, srv, "GET", "/api/openapi.json", &doc); got != 200 {
		t.Fatalf("status %d", got)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q", doc.OpenAPI)
	}
	var documented, served []string
	for p, ops := range doc.Paths {
		documented = append(documented, p)
		if _, ok := ops["get"]; !ok {
			t.Errorf("%s: no get operation", p)
		}
	}
	for _, rt := range routes {
		served = append(served, rt.path)
	}
	sort.Strings(documented)
	sort.Strings(served)
	if strings.Join(documented, " ") != strings.Join(served, " ") {
		t.Errorf("documented %v\nserved     %v", documented, served)
	}
	// Every $ref resolves.
	refs := regexp.MustCompile(`"\$ref": "#/components/(\w+)/(\w+)"`).FindAllStringSubmatch(string(openAPI), -1)
	var full struct {
		Components map[string]map[string]any `json:"components"`
	}
	if err := json.Unmarshal(openAPI, &full); err != nil {
		t.Fatal(err)
	}
	for _, r := range refs {
		if _, ok := full.Components[r[1]][r[2]]; !ok {
			t.Errorf("unresolved $ref %s/%s", r[1], r[2])
		}
	}
	if len(refs) == 0 {
		t.Error("no $ref found: the check did not run")
	}
}
