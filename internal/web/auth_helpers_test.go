package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/internal/web"
)

// testPassword is the password of every account loginAs makes.
const testPassword = "correct horse battery staple"

// testClock is a clock tests can move, for rate-limit windows.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// startNewsroom serves articles with accounts and moderated comments on,
// from a new store, on a free loopback port. Each option may change the
// configuration first (a store of another concern, open comments, a
// clock).
func startNewsroom(t testing.TB, options []func(*web.Config), articles ...*sitrep.Article) (*web.Server, *sqlite.DB) {
	t.Helper()
	db, idx := indextest.Open(t, articles...)
	cfg := web.Config{Store: db, Index: idx, Now: func() time.Time { return now },
		Accounts: db, Comments: db, CommentsModerated: true}
	for _, o := range options {
		o(&cfg)
	}
	srv, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return srv, db
}

// newClient is a browser with its own cookie jar that does not follow
// redirects, so tests see where they lead.
func newClient(t testing.TB) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// loginAs creates an account called name with role in db and returns a
// client logged in as it through the login form.
func loginAs(t testing.TB, srv *web.Server, db *sqlite.DB, name string, role sitrep.Role) *http.Client {
	t.Helper()
	if _, err := db.CreateUser(context.Background(), name, role, testPassword); err != nil {
		t.Fatalf("create user %s: %v", name, err)
	}
	c := newClient(t)
	res, body := postForm(t, c, srv, "/login", url.Values{"name": {name}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("log in as %s: status %d: %.300s", name, res.StatusCode, body)
	}
	return c
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// csrfFrom returns the CSRF token of the client's session: from the
// log-out form of any page when it is logged in, else from the login
// form, else from the page at from.
func csrfFrom(t testing.TB, c *http.Client, srv *web.Server, from ...string) string {
	t.Helper()
	for _, path := range append(from, "/", "/login") {
		_, body := fetch(t, c, srv, path)
		if m := csrfField.FindStringSubmatch(body); m != nil {
			return m[1]
		}
	}
	t.Fatalf("no page with a CSRF token for this client (tried %v, /, /login)", from)
	return ""
}

// postForm posts values to path as client c, with the CSRF token of c's
// session unless values carry one, and returns the response with its
// body read. Redirects are not followed.
func postForm(t testing.TB, c *http.Client, srv *web.Server, path string, values url.Values) (*http.Response, string) {
	t.Helper()
	if values == nil {
		values = url.Values{}
	}
	if !values.Has("csrf") {
		values.Set("csrf", csrfFrom(t, c, srv))
	}
	res, err := c.PostForm(srv.URL()+path, values)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	return res, string(b)
}

// fetch GETs path as client c.
func fetch(t testing.TB, c *http.Client, srv *web.Server, path string) (*http.Response, string) {
	t.Helper()
	res, err := c.Get(srv.URL() + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return res, string(b)
}

// cookieOf returns the Set-Cookie of res named name, or nil.
func cookieOf(res *http.Response, name string) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func contains(t testing.TB, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}
