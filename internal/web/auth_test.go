package web_test

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/web"
)

func TestLoginLogout(t *testing.T) {
	srv, db := startNewsroom(t, nil, indextest.All()...)
	if _, err := db.CreateUser(t.Context(), "rana", sitrep.RoleEditor, testPassword); err != nil {
		t.Fatal(err)
	}
	c := newClient(t)
	res, body := fetch(t, c, srv, "/login?next=/moderation")
	if res.StatusCode != 200 {
		t.Fatalf("GET /login: %d", res.StatusCode)
	}
	contains(t, "login page", body, `<form class="account-form" action="/login" method="post">`, `name="next" value="/moderation"`,
		`autocomplete="current-password"`, `<meta name="robots" content="noindex">`)
	csrf := cookieOf(res, "sitrep_csrf")
	if csrf == nil || !csrf.HttpOnly || csrf.SameSite != http.SameSiteLaxMode || csrf.Secure || csrf.Path != "/" {
		t.Errorf("CSRF cookie = %+v: want HttpOnly, SameSite=Lax, Path=/, not Secure over plain HTTP", csrf)
	}

	res, body = postForm(t, c, srv, "/login", url.Values{"name": {"Rana"}, "password": {testPassword}, "next": {"/moderation"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/moderation" {
		t.Fatalf("login: %d to %q: %.300s", res.StatusCode, res.Header.Get("Location"), body)
	}
	sess := cookieOf(res, "sitrep_session")
	if sess == nil || !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode || sess.Path != "/" {
		t.Fatalf("session cookie = %+v: want HttpOnly, SameSite=Lax, Path=/", sess)
	}
	if d := time.Duration(sess.MaxAge) * time.Second; d < 13*24*time.Hour || d > 14*24*time.Hour {
		t.Errorf("session cookie lasts %v, want 14 days", d)
	}

	res, body = fetch(t, c, srv, "/")
	contains(t, "home page when logged in", body, `<span class="account-name"`, ">rana</span>", `<a href="/moderation">Moderation</a>`,
		`<form class="logout" action="/logout" method="post">`)
	if strings.Contains(body, `href="/login"`) || strings.Contains(body, `href="/admin/users"`) {
		t.Error("logged-in editor sees a Log in link or the admins' Accounts link")
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "private") {
		t.Errorf("Cache-Control of a logged-in page = %q, want private", cc)
	}
	if res, _ := fetch(t, c, srv, "/moderation"); res.StatusCode != 200 {
		t.Errorf("GET /moderation as editor: %d", res.StatusCode)
	}

	// Log out: the session ends in the store, so the old cookie is dead
	// even if a browser kept it.
	res, _ = postForm(t, c, srv, "/logout", nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Fatalf("logout: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if gone := cookieOf(res, "sitrep_session"); gone == nil || gone.MaxAge >= 0 {
		t.Errorf("logout's session cookie = %+v, want it deleted", gone)
	}
	replay := newClient(t)
	replay.Jar.SetCookies(mustURL(t, srv.URL()), []*http.Cookie{{Name: "sitrep_session", Value: sess.Value}})
	res, body = fetch(t, replay, srv, "/moderation")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("old session cookie after logout: %d to %q, want a redirect to log in", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = fetch(t, c, srv, "/")
	contains(t, "home page after logout", body, `<a href="/login">Log in</a>`)
}

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestLoginFailures(t *testing.T) {
	clock := &testClock{t: now}
	srv, db := startNewsroom(t, []func(*web.Config){func(c *web.Config) { c.Now = clock.Now }})
	if _, err := db.CreateUser(t.Context(), "rana", sitrep.RoleEditor, testPassword); err != nil {
		t.Fatal(err)
	}
	c := newClient(t)
	res, wrong := postForm(t, c, srv, "/login", url.Values{"name": {"rana"}, "password": {"not the password"}})
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d, want 401", res.StatusCode)
	}
	res, unknown := postForm(t, c, srv, "/login", url.Values{"name": {"nobody"}, "password": {testPassword}})
	if res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("unknown user: %d, want 401", res.StatusCode)
	}
	for _, body := range []string{wrong, unknown} {
		contains(t, "failed login", body, `<p class="error" role="alert">Wrong user name or password.</p>`)
	}
	if cookieOf(res, "sitrep_session") != nil {
		t.Error("a failed login set a session cookie")
	}

	// Ten failures from one address in 15 minutes: the eleventh attempt is
	// refused even with the right password.
	for i := 2; i < 10; i++ {
		postForm(t, c, srv, "/login", url.Values{"name": {"rana"}, "password": {"guess"}})
	}
	res, body := postForm(t, c, srv, "/login", url.Values{"name": {"rana"}, "password": {testPassword}})
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("login after 10 failures: %d, want 429: %.300s", res.StatusCode, body)
	}
	contains(t, "rate-limited login", body, "Too many failed logins from your address. Try again in 15 minutes.")
	if ra := res.Header.Get("Retry-After"); ra != "900" {
		t.Errorf("Retry-After = %q, want 900", ra)
	}
	clock.Advance(15*time.Minute + time.Second)
	res, _ = postForm(t, c, srv, "/login", url.Values{"name": {"rana"}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("login once the window has passed: %d, want 303", res.StatusCode)
	}
}

func TestCSRF(t *testing.T) {
	srv, db := startNewsroom(t, nil, indextest.All()...)
	editor := loginAs(t, srv, db, "rana", sitrep.RoleEditor)
	token := csrfFrom(t, editor, srv)
	other := newClient(t)
	otherToken := csrfFrom(t, other, srv)
	article := "/article/" + indextest.Ambush().ID + "/comments"

	post := func(c *http.Client, path string, v url.Values, header ...string) int {
		t.Helper()
		req, _ := http.NewRequest("POST", srv.URL()+path, strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	tests := []struct {
		name   string
		client *http.Client
		path   string
		values url.Values
		header []string
		want   int
	}{
		{"logout without token", editor, "/logout", url.Values{}, nil, 403},
		{"logout with a wrong token", editor, "/logout", url.Values{"csrf": {"AAAA" + token[4:]}}, nil, 403},
		{"logout with another browser's token", editor, "/logout", url.Values{"csrf": {otherToken}}, nil, 403},
		{"comment without token", other, article, url.Values{"text": {"hi"}}, nil, 403},
		{"comment with the editor's token", other, article, url.Values{"text": {"hi"}, "csrf": {token}}, nil, 403},
		{"login without token", other, "/login", url.Values{"name": {"rana"}, "password": {testPassword}}, nil, 403},
		{"comment with a token in the header", other, article, url.Values{"text": {"by header"}}, []string{"X-CSRF-Token", otherToken}, 303},
		{"unknown path is 404, token or not", other, "/no/such/form", url.Values{}, nil, 404},
		{"logout with the right token", editor, "/logout", url.Values{"csrf": {token}}, nil, 303},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := post(tt.client, tt.path, tt.values, tt.header...); got != tt.want {
				t.Errorf("status %d, want %d", got, tt.want)
			}
		})
	}
	// A token is bound to the session: the editor's dies with the logout,
	// and one from an old session is refused in a new one.
	if got := post(editor, "/login", url.Values{"csrf": {token}, "name": {"rana"}, "password": {testPassword}}); got != 403 {
		t.Errorf("log in with the token of the ended session: %d, want 403", got)
	}
	fresh := csrfFrom(t, editor, srv)
	if got := post(editor, "/login", url.Values{"csrf": {fresh}, "name": {"rana"}, "password": {testPassword}}); got != 303 {
		t.Fatalf("log in again: %d, want 303", got)
	}
	for _, old := range []string{token, fresh} {
		if got := post(editor, "/logout", url.Values{"csrf": {old}}); got != 403 {
			t.Errorf("logout in a new session with an older token: %d, want 403", got)
		}
	}
	_, total, _ := db.PendingComments(t.Context(), sitrep.CommentFilter{})
	if total != 1 {
		t.Errorf("%d comments stored, want only the one with a valid token", total)
	}
}

func TestOpenRedirect(t *testing.T) {
	srv, db := startNewsroom(t, nil)
	if _, err := db.CreateUser(t.Context(), "rana", sitrep.RoleEditor, testPassword); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ next, want string }{
		{"/moderation", "/moderation"},
		{"/search?q=a&country=SY", "/search?q=a&country=SY"},
		{"", "/"},
		{"https://evil.example/", "/"},
		{"//evil.example/", "/"},
		{"///evil.example/", "/"},
		{"/\\evil.example", "/"},
		{"\\\\evil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"evil.example", "/"},
		{"/\tevil", "/"},
		{"/%0d%0aSet-Cookie:x=y", "/%0d%0aSet-Cookie:x=y"},
	}
	for _, tt := range tests {
		t.Run(tt.next, func(t *testing.T) {
			c := newClient(t)
			res, body := postForm(t, c, srv, "/login", url.Values{"name": {"rana"}, "password": {testPassword}, "next": {tt.next}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("login: %d: %.200s", res.StatusCode, body)
			}
			if got := res.Header.Get("Location"); got != tt.want {
				t.Errorf("Location = %q, want %q", got, tt.want)
			}
			// Logged in already, GET /login sends on the same way.
			res, _ = fetch(t, c, srv, "/login?next="+url.QueryEscape(tt.next))
			if got := res.Header.Get("Location"); got != tt.want {
				t.Errorf("GET /login: Location = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRequireRole(t *testing.T) {
	srv, db := startNewsroom(t, nil, indextest.All()...)
	editor := loginAs(t, srv, db, "rana", sitrep.RoleEditor)
	admin := loginAs(t, srv, db, "omar", sitrep.RoleAdmin)
	anon := newClient(t)

	res, _ := fetch(t, anon, srv, "/moderation?page=2")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?next=%2Fmoderation%3Fpage%3D2" {
		t.Errorf("anonymous GET /moderation: %d to %q, want 303 to the login with next", res.StatusCode, res.Header.Get("Location"))
	}
	res, _ = postForm(t, anon, srv, "/moderation/1", url.Values{"status": {"published"}})
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("anonymous POST /moderation/1 with a valid token: %d, want 401", res.StatusCode)
	}
	res, body := fetch(t, editor, srv, "/admin/users")
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("editor GET /admin/users: %d, want 403", res.StatusCode)
	}
	contains(t, "403 page", body, "this needs the admin role")
	res, body = fetch(t, admin, srv, "/admin/users")
	if res.StatusCode != 200 {
		t.Fatalf("admin GET /admin/users: %d", res.StatusCode)
	}
	contains(t, "accounts page", body, "<td>rana</td><td>editor</td>", "<td>omar</td><td>admin</td>")
	_, body = fetch(t, admin, srv, "/")
	contains(t, "admin's masthead", body, `<a href="/admin/users">Accounts</a>`)

	// A forged cookie is no session.
	forged := newClient(t)
	forged.Jar.SetCookies(mustURL(t, srv.URL()), []*http.Cookie{{Name: "sitrep_session", Value: strings.Repeat("A", 43)}})
	if res, _ := fetch(t, forged, srv, "/moderation"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("forged session GET /moderation: %d, want a redirect to log in", res.StatusCode)
	}
	// A role taken away applies at once; a removed account is logged out.
	u, _ := db.UserByName(t.Context(), "omar")
	if err := db.SetRole(t.Context(), u.ID, sitrep.RoleEditor); err != nil {
		t.Fatal(err)
	}
	if res, _ := fetch(t, admin, srv, "/admin/users"); res.StatusCode != http.StatusForbidden {
		t.Errorf("demoted admin GET /admin/users: %d, want 403", res.StatusCode)
	}
	if err := db.DeleteUser(t.Context(), u.ID); err != nil {
		t.Fatal(err)
	}
	if res, _ := fetch(t, admin, srv, "/moderation"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("removed user GET /moderation: %d, want a redirect to log in", res.StatusCode)
	}
}

func TestSecureCookies(t *testing.T) {
	srv, db := startNewsroom(t, []func(*web.Config){func(c *web.Config) { c.BaseURL = "https://sitrep.example" }})
	db.CreateUser(t.Context(), "rana", sitrep.RoleEditor, testPassword)
	// The jar would not send Secure cookies over plain HTTP; carry them by hand.
	res, body := fetch(t, newClient(t), srv, "/login")
	csrf := cookieOf(res, "sitrep_csrf")
	if csrf == nil || !csrf.Secure {
		t.Fatalf("CSRF cookie %+v, want Secure behind an https base URL", csrf)
	}
	token := csrfField.FindStringSubmatch(body)[1]
	req, _ := http.NewRequest("POST", srv.URL()+"/login", strings.NewReader(url.Values{"csrf": {token}, "name": {"rana"}, "password": {testPassword}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: csrf.Name, Value: csrf.Value})
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if sess := cookieOf(res, "sitrep_session"); res.StatusCode != http.StatusSeeOther || sess == nil || !sess.Secure {
		t.Errorf("login: %d, session cookie %+v; want 303 and a Secure cookie", res.StatusCode, sess)
	}
}

// TestNoAccounts: a site without account and comment stores has no login,
// no moderation and no comment form, and answers 404 there.
func TestNoAccounts(t *testing.T) {
	srv := startServer(t, indextest.All()...)
	c := newClient(t)
	for _, tt := range []struct{ method, path string }{
		{"GET", "/login"}, {"POST", "/login"}, {"POST", "/logout"}, {"GET", "/moderation"}, {"POST", "/moderation/1"},
		{"GET", "/admin/users"}, {"POST", "/article/" + indextest.Ambush().ID + "/comments"},
	} {
		req, _ := http.NewRequest(tt.method, srv.URL()+tt.path, strings.NewReader("csrf=x"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s: %d, want 404", tt.method, tt.path, res.StatusCode)
		}
	}
	res, body := fetch(t, c, srv, "/article/"+indextest.Ambush().ID)
	if strings.Contains(body, "comment-form") || strings.Contains(body, "/login") || cookieOf(res, "sitrep_csrf") != nil {
		t.Error("a site without accounts or comments shows a comment form or a login link, or sets a CSRF cookie")
	}
}

// dialFrom returns a client whose connections come from the loopback
// address ip, a different reader as far as the site can tell.
func dialFrom(t testing.TB, ip string) *http.Client {
	t.Helper()
	c := newClient(t)
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	c.Transport = &http.Transport{DialContext: d.DialContext}
	return c
}
