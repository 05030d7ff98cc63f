package web_test

// The security suite, part two: cross-site request forgery. Every route
// that changes something is found in the source of the routes, must have
// an entry in stateRoutes, and is then attacked with no token, wrong
// tokens, other sessions' tokens and other methods: each attempt must be
// refused and leave the database as it was, while the same request with
// the right token changes it.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/alerts"
	"github.com/sitrep-project/sitrep/internal/feeds"
	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/internal/web"
)

// siteRoute is a route as registered in the source: its pattern, the
// role its handler requires ("" for none) and where it is.
type siteRoute struct {
	pattern, method, path string
	role                  sitrep.Role
	where                 string
}

var (
	handleCall    = regexp.MustCompile(`mux\.Handle(?:Func)?\(\s*([^,]+),(.*)`)
	requiredRole  = regexp.MustCompile(`requireRole\(sitrep\.Role(\w+)`)
	nonLiteralOKs = []string{"rt.path"} // the API's table, enumerated from its OpenAPI document
)

// sourceRoutes reads every route the site and the API register, from
// their source, so that a route added tomorrow is attacked tomorrow.
func sourceRoutes(t *testing.T) []siteRoute {
	t.Helper()
	var files []string
	for _, dir := range []string{".", "../api"} {
		fs, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if !strings.HasSuffix(f, "_test.go") {
				files = append(files, f)
			}
		}
	}
	var out []siteRoute
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			m := handleCall.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			where := fmt.Sprintf("%s:%d", f, i+1)
			arg := strings.TrimSpace(m[1])
			if !strings.HasPrefix(arg, `"`) {
				if !slices.Contains(nonLiteralOKs, arg) {
					t.Errorf("%s: route pattern %s is not a literal: the security suite cannot see it", where, arg)
				}
				continue
			}
			r := siteRoute{pattern: strings.Trim(arg, `"`), where: where}
			r.path = r.pattern
			if method, path, ok := strings.Cut(r.pattern, " "); ok && method == strings.ToUpper(method) {
				r.method, r.path = method, path
			}
			if rm := requiredRole.FindStringSubmatch(m[2]); rm != nil {
				r.role = sitrep.Role(strings.ToLower(rm[1]))
			}
			out = append(out, r)
		}
	}
	if !slices.ContainsFunc(out, func(r siteRoute) bool { return r.pattern == "GET /{$}" }) {
		t.Fatalf("found %d routes but not the home page's: the source scan is broken", len(out))
	}
	return out
}

// changesState reports whether a route may change something: any method
// but GET and HEAD, or none (every method).
func (r siteRoute) changesState() bool { return r.method != "GET" && r.method != "HEAD" }

// newsroom is a site with every feature on, its users and a way to log
// them in again.
type newsroom struct {
	srv     *web.Server
	db      *sqlite.DB
	alerts  *alerts.Service
	feedURL string
	article string
}

const (
	editorName  = "rana"
	editor2Name = "sami"
	adminName   = "omar"
)

func startFullNewsroom(t *testing.T, options ...func(*web.Config)) *newsroom {
	t.Helper()
	n := &newsroom{feedURL: feedSite(t).URL, article: indextest.Ambush().ID}
	srv, db := startNewsroom(t, append([]func(*web.Config){func(c *web.Config) {
		db := c.Store.(*sqlite.DB)
		c.Corrections, c.Feeds, c.Stories = db, db, db
		c.FeedPoller = &feeds.Poller{Store: db, Ingest: feeds.NewPages(db, ingest.Options{}),
			PerHostInterval: -1, Timeout: 5 * time.Second, Now: func() time.Time { return now }}
		var err error
		if n.alerts, err = alerts.New(alerts.Config{Store: db, DB: db.SQL(), Index: c.Index, Now: func() time.Time { return now }}); err != nil {
			t.Fatal(err)
		}
		c.Alerts = n.alerts
	}}, options...), indextest.All()...)
	n.srv, n.db = srv, db
	// A story of two articles, for the story pages and their parameters.
	a, b := indextest.Ambush(), indextest.Shelling()
	st := &sitrep.Story{ID: "st1", Title: "Convoy ambush", Summary: "Fighters killed.", CentralArticle: a.ID,
		FirstSeen: *b.Published, LastSeen: *a.Published, Countries: []string{"SY", "LB"}, ArticleCount: 2, SourceCount: 2}
	if err := db.PutStories(t.Context(), sitrep.StoryUpdate{Stories: []*sitrep.Story{st}, Links: []sitrep.ArticleLink{
		{ArticleID: a.ID, StoryID: "st1", Role: sitrep.RoleOriginal, Seen: *a.Published, State: []byte{1}},
		{ArticleID: b.ID, StoryID: "st1", Role: sitrep.RoleOriginal, Seen: *b.Published, State: []byte{2}},
	}}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name string
		role sitrep.Role
	}{{editorName, sitrep.RoleEditor}, {editor2Name, sitrep.RoleEditor}, {adminName, sitrep.RoleAdmin}} {
		if _, err := db.CreateUser(t.Context(), u.name, u.role, testPassword); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// logIn returns a new browser logged in as the existing user name.
func (n *newsroom) logIn(t *testing.T, name string) *http.Client {
	t.Helper()
	c := newClient(t)
	if res, body := postForm(t, c, n.srv, "/login", url.Values{"name": {name}, "password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("log in as %s: %d: %.300s", name, res.StatusCode, body)
	}
	return c
}

// as returns a browser with role: logged in as the editor or the admin,
// or anonymous.
func (n *newsroom) as(t *testing.T, role sitrep.Role) *http.Client {
	t.Helper()
	switch role {
	case sitrep.RoleEditor:
		return n.logIn(t, editorName)
	case sitrep.RoleAdmin:
		return n.logIn(t, adminName)
	}
	return newClient(t)
}

// fingerprint hashes every row of every table of db: two equal
// fingerprints mean nothing was written in between.
func fingerprint(t *testing.T, db *sqlite.DB) string {
	t.Helper()
	ctx := t.Context()
	rows, err := db.SQL().QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	h := sha256.New()
	for _, table := range tables {
		rows, err := db.SQL().QueryContext(ctx, `SELECT * FROM "`+table+`"`)
		if err != nil {
			t.Fatalf("read %s: %v", table, err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%q", vals))
		}
		rows.Close()
		sort.Strings(lines)
		fmt.Fprintf(h, "%s %d\n%s\n", table, len(lines), strings.Join(lines, "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// stateRoute is how to attack a route that changes something: who may
// use it, and a setup that makes what it acts on and returns the request
// that, with a valid token, changes the database.
type stateRoute struct {
	role  sitrep.Role
	setup func(t *testing.T, n *newsroom) (path string, form url.Values)
}

// stateRoutes holds every route that changes something, by its pattern.
// TestCSRFRouteTableComplete fails when a route is missing here.
var stateRoutes = map[string]stateRoute{
	"POST /login": {"", func(t *testing.T, n *newsroom) (string, url.Values) {
		return "/login", url.Values{"name": {editorName}, "password": {testPassword}}
	}},
	"POST /logout": {sitrep.RoleEditor, func(t *testing.T, n *newsroom) (string, url.Values) {
		return "/logout", url.Values{}
	}},
	"POST /article/{id}/comments": {"", func(t *testing.T, n *newsroom) (string, url.Values) {
		return "/article/" + n.article + "/comments", url.Values{"name": {"Reader"}, "text": {"A comment."}}
	}},
	"POST /moderation/{id}": {sitrep.RoleEditor, func(t *testing.T, n *newsroom) (string, url.Values) {
		c := &sitrep.Comment{ArticleID: n.article, Text: "Waiting.", Status: sitrep.CommentPending, ClientHash: "c"}
		if err := n.db.AddComment(t.Context(), c); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("/moderation/%d", c.ID), url.Values{"status": {"published"}}
	}},
	"POST /feeds": {sitrep.RoleEditor, func(t *testing.T, n *newsroom) (string, url.Values) {
		return "/feeds", url.Values{"url": {n.feedURL + "/rss?new"}}
	}},
	"POST /feeds/{id}/delete": {sitrep.RoleEditor, func(t *testing.T, n *newsroom) (string, url.Values) {
		return fmt.Sprintf("/feeds/%d/delete", n.addFeed(t)), url.Values{}
	}},
	"POST /feeds/{id}/poll": {sitrep.RoleEditor, func(t *testing.T, n *newsroom) (string, url.Values) {
		return fmt.Sprintf("/feeds/%d/poll", n.addFeed(t)), url.Values{}
	}},
	"POST /article/{id}/corrections": {sitrep.RoleEditor, func(t *testing.T, n *newsroom) (string, url.Values) {
		return "/article/" + n.article + "/corrections", url.Values{"target": {"country"}, "action": {"reject"}, "key": {"JO"}}
	}},
	"POST /corrections/{id}/revoke": {sitrep.RoleEditor, func(t *testing.T, n *newsroom) (string, url.Values) {
		c := &sitrep.Correction{ArticleID: n.article, Target: "country", Action: "confirm", Key: "SY", Editor: editorName, Created: now}
		if err := n.db.AddCorrection(t.Context(), c); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("/corrections/%d/revoke", c.ID), url.Values{}
	}},
	"POST /alerts": {sitrep.RoleEditor, func(t *testing.T, n *newsroom) (string, url.Values) {
		return "/alerts", url.Values{"name": {"Syria watch"}, "country": {"SY"}}
	}},
	"POST /alerts/{id}/delete": {sitrep.RoleEditor, func(t *testing.T, n *newsroom) (string, url.Values) {
		a := &sitrep.Alert{Name: "To delete", Country: "SY"}
		if err := n.alerts.Create(t.Context(), a); err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("/alerts/%d/delete", a.ID), url.Values{}
	}},
}

// methodlessRoutes answer every method; none may change anything.
var methodlessRoutes = map[string]bool{"/": true, "/api/": true, "/api/openapi.json": true}

func (n *newsroom) addFeed(t *testing.T) int64 {
	t.Helper()
	f, _, err := n.db.AddFeed(t.Context(), n.feedURL+"/rss", now)
	if err != nil {
		t.Fatal(err)
	}
	return f.ID
}

// TestCSRFRouteTableComplete: every route that can change something is in
// stateRoutes (or answers every method and is known to change nothing),
// and every entry there is a route.
func TestCSRFRouteTableComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range sourceRoutes(t) {
		seen[r.pattern] = true
		if !r.changesState() {
			continue
		}
		if r.method == "" {
			if !methodlessRoutes[r.pattern] {
				t.Errorf("%s: %q answers every method: add it to methodlessRoutes once it is known to change nothing", r.where, r.pattern)
			}
			continue
		}
		if _, ok := stateRoutes[r.pattern]; !ok {
			t.Errorf("%s: %q changes state but is not in stateRoutes: add how to attack it", r.where, r.pattern)
		}
	}
	for pattern := range stateRoutes {
		if !seen[pattern] {
			t.Errorf("stateRoutes has %q, which no source registers", pattern)
		}
	}
}

// TestSecurityCSRF attacks every state-changing route. Each forged
// request is refused (403, or 405 for another method) and leaves every
// table as it was; the same request with the right token then changes
// them, which shows the attempts reached the route.
func TestSecurityCSRF(t *testing.T) {
	if testing.Short() {
		t.Skip("security suite in -short mode")
	}
	n := startFullNewsroom(t)
	attempts, refused := 0, 0
	for _, pattern := range sortedKeys(stateRoutes) {
		rt := stateRoutes[pattern]
		t.Run(pattern, func(t *testing.T) {
			path, form := rt.setup(t, n)
			actor := n.as(t, rt.role)
			token := csrfFrom(t, actor, n.srv)
			otherToken := csrfFrom(t, n.logIn(t, editor2Name), n.srv)
			anonToken := csrfFrom(t, newClient(t), n.srv)
			altered := token[:len(token)-2] + flip(token[len(token)-2]) + token[len(token)-1:]
			with := func(k, v string) url.Values {
				f := url.Values{}
				for kk, vv := range form {
					f[kk] = vv
				}
				if k != "" {
					f.Set(k, v)
				}
				return f
			}
			cases := []struct {
				name   string
				method string
				uri    string
				body   url.Values
				ctype  string
				header []string
				want   []int
			}{
				{"no token", "POST", path, with("", ""), "", nil, []int{403}},
				{"empty token", "POST", path, with("csrf", ""), "", nil, []int{403}},
				{"made-up token", "POST", path, with("csrf", strings.Repeat("A", len(token))), "", nil, []int{403}},
				{"token with a character changed", "POST", path, with("csrf", altered), "", nil, []int{403}},
				{"another session's token", "POST", path, with("csrf", otherToken), "", nil, []int{403}},
				{"another browser's token", "POST", path, with("csrf", anonToken), "", nil, []int{403}},
				{"another session's token in the header", "POST", path, with("", ""), "", []string{"X-CSRF-Token", otherToken}, []int{403}},
				{"token in the URL, not the form", "POST", path + "?csrf=" + url.QueryEscape(token), with("", ""), "", nil, []int{403}},
				{"text/plain form (a cross-site form's enctype)", "POST", path, with("csrf", token), "text/plain", nil, []int{403}},
				{"multipart form without token", "POST", path, with("", ""), "multipart/form-data; boundary=x", nil, []int{403}},
				{"PUT with the right token", "PUT", path, with("csrf", token), "", nil, []int{403, 404, 405}},
				{"DELETE with the right token", "DELETE", path, with("csrf", token), "", nil, []int{403, 404, 405}},
				{"PATCH with the right token", "PATCH", path, with("csrf", token), "", nil, []int{403, 404, 405}},
				{"GET with the form in the URL", "GET", path + "?" + with("csrf", token).Encode(), nil, "", nil, []int{200, 303, 404, 405}},
				{"GET with a method override header", "GET", path, nil, "", []string{"X-HTTP-Method-Override", "POST"}, []int{200, 303, 404, 405}},
			}
			before := fingerprint(t, n.db)
			for _, c := range cases {
				got := send(t, actor, n.srv, c.method, c.uri, c.body, c.ctype, c.header...)
				attempts++
				after := fingerprint(t, n.db)
				if !slices.Contains(c.want, got) {
					t.Errorf("%s: status %d, want one of %v", c.name, got, c.want)
				} else if after != before {
					t.Errorf("%s: status %d but the database changed", c.name, got)
				} else {
					refused++
				}
				before = after
			}
			// With the right token the same request goes through.
			if got := send(t, actor, n.srv, "POST", path, with("csrf", token), ""); got != http.StatusSeeOther {
				t.Errorf("with the right token: status %d, want 303", got)
			}
			if fingerprint(t, n.db) == before {
				t.Errorf("with the right token the database did not change: the attempts above prove nothing")
			}
		})
	}

	// Routes that answer every method, and every API path, refuse to
	// change anything even with a valid token (a DELETE's body is not
	// read as a form, so it arrives without one: 403).
	c := n.as(t, sitrep.RoleAdmin)
	token := csrfFrom(t, c, n.srv)
	paths := []string{"/", "/no/such/page", "/api/", "/api/v1/nothing", "/api/openapi.json"}
	for _, p := range apiPaths(t, n) {
		paths = append(paths, strings.ReplaceAll(p, "{id}", n.article))
	}
	before := fingerprint(t, n.db)
	for _, p := range paths {
		for _, method := range []string{"POST", "PUT", "PATCH", "DELETE"} {
			got := send(t, c, n.srv, method, p, url.Values{"csrf": {token}}, "")
			attempts++
			after := fingerprint(t, n.db)
			if got != 403 && got != 404 && got != 405 {
				t.Errorf("%s %s with a valid token: status %d, want 403, 404 or 405", method, p, got)
			} else if after != before {
				t.Errorf("%s %s: the database changed", method, p)
			} else {
				refused++
			}
			before = after
		}
	}
	t.Logf("CSRF: %d state-changing routes, %d forged requests, %d refused with the database unchanged", len(stateRoutes), attempts, refused)
}

// apiPaths are the paths of the API's OpenAPI document, which lists
// every endpoint; each must be GET only.
func apiPaths(t *testing.T, n *newsroom) []string {
	t.Helper()
	_, body := fetch(t, newClient(t), n.srv, "/api/openapi.json")
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil || len(doc.Paths) == 0 {
		t.Fatalf("openapi.json: %v (%d paths)", err, len(doc.Paths))
	}
	var out []string
	for p, ops := range doc.Paths {
		for op := range ops {
			if op != "get" && op != "parameters" && op != "summary" && op != "description" {
				t.Errorf("API %s has a %s operation: the API is read-only", p, op)
			}
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// send makes one request as c and returns its status. body is sent as a
// form, or as ctype when set ("multipart/..." sends an empty part list).
func send(t *testing.T, c *http.Client, srv *web.Server, method, uri string, body url.Values, ctype string, header ...string) int {
	t.Helper()
	var payload string
	switch {
	case strings.HasPrefix(ctype, "multipart/"):
		payload = "--x\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhello\r\n--x--\r\n"
	case body != nil:
		payload = body.Encode()
	}
	req, err := http.NewRequest(method, srv.URL()+uri, strings.NewReader(payload))
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		if ctype == "" {
			ctype = "application/x-www-form-urlencoded"
		}
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, uri, err)
	}
	res.Body.Close()
	return res.StatusCode
}

func flip(b byte) string {
	if b == 'A' {
		return "B"
	}
	return "A"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
