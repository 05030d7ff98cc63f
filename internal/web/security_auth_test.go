package web_test

// The security suite, part four: authentication and roles (every route
// that needs a role, as every lesser user, by every spelling of its
// path), sessions (fixation, forged, tampered and expired cookies,
// logout), open redirects after logging in, rate limits and the size of
// what a forged form can make the server read.

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/web"
)

// protectedRoutes are the routes whose handler requires a role, from the
// source.
func protectedRoutes(t *testing.T) []siteRoute {
	t.Helper()
	var out []siteRoute
	for _, r := range sourceRoutes(t) {
		if r.role != "" {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		t.Fatal("no route requires a role: the source scan is broken")
	}
	return out
}

// concrete fills a pattern's wildcards with values that exist: the
// article, and id 1 of anything else.
func concrete(n *newsroom, path string) string {
	path = strings.Replace(path, "/article/{id}", "/article/"+n.article, 1)
	return strings.ReplaceAll(path, "{id}", "1")
}

// pathVariants are other spellings of path that a careless router or
// check might treat differently.
func pathVariants(path string) []string {
	rel := strings.TrimPrefix(path, "/")
	return []string{
		path, path + "/", path + "//", "/" + path, "/./" + rel, "/x/../" + rel, "/static/../" + rel, path + "/.",
		"/" + strings.ReplaceAll(rel, "/", "%2f"), "/%2e/" + rel, strings.ToUpper(path),
		strings.NewReplacer("a", "%61", "s", "%73", "e", "%65").Replace(path),
		path + ";role=admin", path + "%00", path + "%20", path + "?role=admin&admin=1",
	}
}

// TestSecurityRoleBypass asks for every route that needs a role as every
// user without it (and with spoofed identity headers), by every spelling
// of its path: a browser is sent to log in, a form gets 401 or 403, and
// the database does not change.
func TestSecurityRoleBypass(t *testing.T) {
	if testing.Short() {
		t.Skip("security suite in -short mode")
	}
	n := startFullNewsroom(t)
	editor := n.logIn(t, editorName)
	lower := map[sitrep.Role][]struct {
		who string
		c   *http.Client
	}{
		sitrep.RoleEditor: {{"anonymous", newClient(t)}},
		sitrep.RoleAdmin:  {{"anonymous", newClient(t)}, {"an editor", editor}},
	}
	spoof := []string{"X-Forwarded-User", adminName, "X-Remote-User", adminName, "X-Auth-Role", "admin",
		"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte(adminName+":"+testPassword)),
		"X-Original-URL", "/admin/users", "X-Rewrite-URL", "/admin/users", "X-HTTP-Method-Override", "GET"}
	attempts := 0
	for _, r := range protectedRoutes(t) {
		for _, u := range lower[r.role] {
			path := concrete(n, r.path)
			what := fmt.Sprintf("%s %s as %s", r.method, path, u.who)
			if r.method == "GET" {
				for _, p := range pathVariants(path) {
					attempts++
					if got := finalPage(t, u.c, n, p, spoof...); got != "" {
						t.Errorf("%s (as %s): %s", what, p, got)
					}
				}
				attempts++
				if got := send(t, u.c, n.srv, "HEAD", path, nil, "", spoof...); got != http.StatusSeeOther && got != http.StatusForbidden {
					t.Errorf("HEAD %s as %s: status %d, want 303 or 403", path, u.who, got)
				}
				continue
			}
			// A form from a user without the role, with a valid token.
			token := csrfFrom(t, u.c, n.srv)
			before := fingerprint(t, n.db)
			attempts++
			status := send(t, u.c, n.srv, r.method, path, url.Values{"csrf": {token}, "status": {"published"}, "url": {n.feedURL + "/rss"},
				"name": {"x"}, "country": {"SY"}, "target": {"country"}, "action": {"reject"}, "key": {"SY"}}, "", spoof...)
			if status != http.StatusUnauthorized && status != http.StatusForbidden {
				t.Errorf("%s: status %d, want 401 or 403", what, status)
			}
			if fingerprint(t, n.db) != before {
				t.Errorf("%s: the database changed", what)
			}
		}
	}
	t.Logf("roles: %d protected routes, %d attempts by users without the role, all refused", len(protectedRoutes(t)), attempts)
}

// finalPage follows redirects from path as c (sending header) and
// returns what is wrong with where it ends: "" when it ends at the login
// form or a refusal (4xx).
func finalPage(t *testing.T, c *http.Client, n *newsroom, path string, header ...string) string {
	t.Helper()
	uri := n.srv.URL() + path
	for hop := 0; hop < 5; hop++ {
		req, err := http.NewRequest("GET", uri, nil)
		if err != nil {
			t.Fatalf("GET %s: %v", uri, err)
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", uri, err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		switch {
		case res.StatusCode >= 300 && res.StatusCode < 400:
			loc, err := res.Request.URL.Parse(res.Header.Get("Location"))
			if err != nil || !sameSite(mustURL(t, n.srv.URL()), loc.String()) {
				return fmt.Sprintf("redirected to %q", res.Header.Get("Location"))
			}
			if loc.Path == "/login" {
				return ""
			}
			uri = loc.String()
		case res.StatusCode >= 400 && res.StatusCode < 500:
			return ""
		default:
			return fmt.Sprintf("status %d at %s", res.StatusCode, res.Request.URL.Path)
		}
	}
	return "too many redirects"
}

// loggedIn reports whether c is logged in: the editors' queue opens, or
// a page shows an account in the masthead.
func loggedIn(t *testing.T, c *http.Client, n *newsroom) bool {
	t.Helper()
	res, body := fetch(t, c, n.srv, "/moderation")
	return res.StatusCode == 200 || strings.Contains(body, `class="account-name"`)
}

func withCookie(t *testing.T, n *newsroom, name, value string) *http.Client {
	t.Helper()
	c := newClient(t)
	c.Jar.SetCookies(mustURL(t, n.srv.URL()), []*http.Cookie{{Name: name, Value: value, Path: "/"}})
	return c
}

func sessionOf(t *testing.T, c *http.Client, n *newsroom) string {
	t.Helper()
	for _, ck := range c.Jar.Cookies(mustURL(t, n.srv.URL())) {
		if ck.Name == "sitrep_session" {
			return ck.Value
		}
	}
	t.Fatal("no session cookie")
	return ""
}

// TestSecuritySessions: a session is only what the server issued at the
// last login, until it expires or its user logs out.
func TestSecuritySessions(t *testing.T) {
	if testing.Short() {
		t.Skip("security suite in -short mode")
	}
	n := startFullNewsroom(t)
	ctx := t.Context()
	attempts := 0
	valid := sessionOf(t, n.logIn(t, editorName), n)
	sessionID := ""
	if err := n.db.SQL().QueryRowContext(ctx, "SELECT id FROM sessions LIMIT 1").Scan(&sessionID); err != nil {
		t.Fatal(err)
	}
	random := make([]byte, 32)
	rand.Read(random)
	changed := valid[:10] + flip(valid[10]) + valid[11:]
	forged := map[string]string{
		"made-up token of the right length": base64.RawURLEncoding.EncodeToString(random),
		"all As":                            strings.Repeat("A", len(valid)),
		"the stored session id (a copy of the database)": sessionID,
		"the token cut short":                            valid[:len(valid)-1],
		"the token and one more character":               valid + "A",
		"the token with a character changed":             changed,
		"the token in upper case":                        strings.ToUpper(valid),
		"SQL":                                            `' OR 1=1--`,
		"a 4 KB value":                                   strings.Repeat("A", 4000),
		"the token base64-padded":                        valid + "=",
	}
	for what, v := range forged {
		attempts++
		if c := withCookie(t, n, "sitrep_session", v); loggedIn(t, c, n) {
			t.Errorf("forged session cookie (%s) is logged in", what)
		}
	}
	if !loggedIn(t, withCookie(t, n, "sitrep_session", valid), n) {
		t.Fatal("the valid token itself is not logged in: the forged ones prove nothing")
	}

	// Expired: the store's expiry is the server's, whatever the cookie.
	expiring := n.logIn(t, editor2Name)
	if _, err := n.db.SQL().ExecContext(ctx, "UPDATE sessions SET expires_at = '2001-01-01T00:00:00Z' WHERE user_id = (SELECT id FROM users WHERE name = ?)", editor2Name); err != nil {
		t.Fatal(err)
	}
	attempts++
	if loggedIn(t, expiring, n) {
		t.Error("an expired session is logged in")
	}

	// Fixation: a cookie planted before the login, made up or the
	// attacker's own session, is not the session the login makes.
	planted := base64.RawURLEncoding.EncodeToString(random)
	attackerSession := sessionOf(t, n.logIn(t, editor2Name), n)
	for what, v := range map[string]string{"made up": planted, "the attacker's own session": attackerSession} {
		attempts++
		victim := withCookie(t, n, "sitrep_session", v)
		res, _ := postForm(t, victim, n.srv, "/login", url.Values{"name": {adminName}, "password": {testPassword}})
		got := cookieOf(res, "sitrep_session")
		if res.StatusCode != http.StatusSeeOther || got == nil || got.Value == v {
			t.Errorf("login over a planted cookie (%s): %d, cookie %+v: want 303 and a new session", what, res.StatusCode, got)
		}
		attacker := withCookie(t, n, "sitrep_session", v)
		if res, _ := fetch(t, attacker, n.srv, "/admin/users"); res.StatusCode == 200 {
			t.Errorf("the planted cookie (%s) opens the admin's pages after the victim's login", what)
		}
		if what == "the attacker's own session" && loggedIn(t, attacker, n) {
			t.Error("the session a login replaced is still alive")
		}
	}

	// A CSRF cookie planted before the login: the attacker knows the
	// token of that cookie without a session, which is worth nothing once
	// the victim has one.
	attacker := newClient(t)
	anonToken := csrfFrom(t, attacker, n.srv, "/login")
	var nonce string
	for _, ck := range attacker.Jar.Cookies(mustURL(t, n.srv.URL())) {
		if ck.Name == "sitrep_csrf" {
			nonce = ck.Value
		}
	}
	victim := withCookie(t, n, "sitrep_csrf", nonce)
	if res, body := postForm(t, victim, n.srv, "/login", url.Values{"csrf": {anonToken}, "name": {adminName}, "password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("victim's login: %d: %.200s", res.StatusCode, body)
	}
	attempts++
	if got := send(t, victim, n.srv, "POST", "/logout", url.Values{"csrf": {anonToken}}, ""); got != http.StatusForbidden {
		t.Errorf("the token of a planted CSRF cookie works in the victim's session: %d, want 403", got)
	}

	// Logout ends the session in the store: its cookie, replayed, is dead.
	c := n.logIn(t, editorName)
	token := sessionOf(t, c, n)
	if res, _ := postForm(t, c, n.srv, "/logout", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", res.StatusCode)
	}
	attempts++
	if _, err := n.db.Session(ctx, token); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("after logout the store still has the session (%v)", err)
	}
	if loggedIn(t, withCookie(t, n, "sitrep_session", token), n) {
		t.Error("a logged-out session's cookie, replayed, is logged in")
	}
	t.Logf("sessions: %d forged, expired, fixed or logged-out sessions tried, none accepted", attempts)
}

// openRedirects are next= values that try to leave the site after a login.
var openRedirects = []string{
	"https://evil.example/", "http://evil.example", "//evil.example", "///evil.example", "////evil.example",
	`/\evil.example`, `\\evil.example`, `\/evil.example`, "/\t/evil.example", "/\n/evil.example", "/%09/evil.example",
	"/%2F/evil.example", "/%5Cevil.example", "%2F%2Fevil.example", " //evil.example", "\t//evil.example",
	"https:evil.example", "https:/evil.example", `http:\\evil.example`, "javascript:alert(1)", "JaVaScRiPt:alert(1)",
	"data:text/html,<script>alert(1)</script>", "evil.example", "@evil.example", "//evil.example@sitrep.example",
	"/.//evil.example", "/..//evil.example", "//%65vil.example", "/%0d%0aLocation:%20https://evil.example",
	"//evil%E3%80%82example", "\u3002evil.example", "/login?next=//evil.example", "https://127.0.0.1.evil.example/",
}

// TestSecurityOpenRedirect: whatever next= says, a login, and the login
// page of a user already logged in, lead to a page of the site, and the
// login form carries no other next.
func TestSecurityOpenRedirect(t *testing.T) {
	if testing.Short() {
		t.Skip("security suite in -short mode")
	}
	n := startFullNewsroom(t)
	base := mustURL(t, n.srv.URL())
	attempts := 0
	next := regexp.MustCompile(`name="next" value="([^"]*)"`)
	for _, p := range openRedirects {
		c := newClient(t)
		_, body := fetch(t, c, n.srv, "/login?next="+url.QueryEscape(p))
		attempts++
		if m := next.FindStringSubmatch(body); m == nil || !sameSite(base, html.UnescapeString(m[1])) {
			t.Errorf("login form for next=%q carries next %v", p, m)
		}
		res, body := postForm(t, c, n.srv, "/login", url.Values{"name": {editorName}, "password": {testPassword}, "next": {p}})
		attempts++
		if res.StatusCode != http.StatusSeeOther || !sameSite(base, res.Header.Get("Location")) {
			t.Errorf("login with next=%q: %d to %q: %.200s", p, res.StatusCode, res.Header.Get("Location"), body)
		}
		res, _ = fetch(t, c, n.srv, "/login?next="+url.QueryEscape(p))
		attempts++
		if res.StatusCode != http.StatusSeeOther || !sameSite(base, res.Header.Get("Location")) {
			t.Errorf("GET /login?next=%q logged in: %d to %q", p, res.StatusCode, res.Header.Get("Location"))
		}
	}
	t.Logf("open redirect: %d next= values, %d attempts, all kept on the site", len(openRedirects), attempts)
}

// TestSecurityRateLimits: past the configured number of failed logins or
// comments, a client gets 429 however it dresses its requests (new
// cookies, forwarded-for headers, other names, other articles), nothing
// is stored, and other clients are not held back.
func TestSecurityRateLimits(t *testing.T) {
	if testing.Short() {
		t.Skip("security suite in -short mode")
	}
	n := startFullNewsroom(t)
	ctx := t.Context()
	spoof := func(i int) []string {
		ip := fmt.Sprintf("203.0.113.%d", i)
		return []string{"X-Forwarded-For", ip, "X-Real-IP", ip, "Forwarded", "for=" + ip, "True-Client-IP", ip, "CF-Connecting-IP", ip}
	}
	login := func(c *http.Client, name, password string, header ...string) int {
		t.Helper()
		token := csrfFrom(t, c, n.srv, "/login")
		return send(t, c, n.srv, "POST", "/login", url.Values{"csrf": {token}, "name": {name}, "password": {password}}, "", header...)
	}
	sessions := func() (k int) {
		n.db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM sessions").Scan(&k)
		return k
	}
	for i := range web.LoginFailures {
		if got := login(newClient(t), fmt.Sprintf("guess%d", i%3), "wrong password", spoof(i)...); got != http.StatusUnauthorized {
			t.Fatalf("failed login %d: %d, want 401", i+1, got)
		}
	}
	before := sessions()
	blocked := 0
	for i := range 5 {
		if got := login(newClient(t), editorName, testPassword, spoof(100+i)...); got == http.StatusTooManyRequests {
			blocked++
		} else {
			t.Errorf("login %d past the limit, with the right password and a forwarded-for header: %d, want 429", i+1, got)
		}
	}
	if sessions() != before {
		t.Error("a refused login made a session")
	}
	other := dialFrom(t, "127.0.0.2")
	if got := login(other, editorName, testPassword); got != http.StatusSeeOther {
		t.Errorf("login from another address: %d, want 303", got)
	}
	for i := range web.LoginFailures - 1 {
		if got := login(dialFrom(t, "127.0.0.2"), "guess", "wrong", spoof(i)...); got != http.StatusUnauthorized {
			t.Fatalf("another address's failed login %d: %d, want 401: the first address's count leaked", i+1, got)
		}
	}

	comments := func() int {
		var k int
		n.db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM comments").Scan(&k)
		return k
	}
	articles := []string{indextest.Ambush().ID, indextest.Shelling().ID}
	post := func(c *http.Client, i int, header ...string) int {
		t.Helper()
		token := csrfFrom(t, c, n.srv)
		return send(t, c, n.srv, "POST", "/article/"+articles[i%2]+"/comments",
			url.Values{"csrf": {token}, "text": {fmt.Sprint("Comment ", i)}}, "", header...)
	}
	for i := range web.CommentsPerWindow {
		if got := post(newClient(t), i, spoof(i)...); got != http.StatusSeeOther {
			t.Fatalf("comment %d: %d, want 303", i+1, got)
		}
	}
	stored := comments()
	for i := range 5 {
		if got := post(newClient(t), i, spoof(50+i)...); got == http.StatusTooManyRequests {
			blocked++
		} else {
			t.Errorf("comment %d past the limit, from a new browser with a forwarded-for header: %d, want 429", i+1, got)
		}
	}
	if comments() != stored {
		t.Error("a refused comment was stored")
	}
	if got := post(dialFrom(t, "127.0.0.2"), 0); got != http.StatusSeeOther {
		t.Errorf("a comment from another address: %d, want 303", got)
	}
	t.Logf("rate limits: %d failed logins and %d comments allowed, then %d attempts past them, all 429; another address unaffected",
		web.LoginFailures, web.CommentsPerWindow, blocked)
}

// TestSecurityFormSize: a forged form, with a wrong token, cannot make the
// server read more than the limit of a form, whatever its encoding (a
// multipart upload would otherwise be spooled to disk before the token
// is even looked at).
func TestSecurityFormSize(t *testing.T) {
	if testing.Short() {
		t.Skip("security suite in -short mode")
	}
	n := startFullNewsroom(t)
	const size = 256 << 20
	// The forger has a CSRF cookie of its own, as anyone can get.
	c := newClient(t)
	csrfFrom(t, c, n.srv, "/login")
	for _, ctype := range []string{"multipart/form-data; boundary=x", "application/x-www-form-urlencoded"} {
		body := &countingReader{n: size, head: "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n"}
		if !strings.HasPrefix(ctype, "multipart/") {
			body.head = "csrf=wrong&text="
		}
		req, _ := http.NewRequest("POST", n.srv.URL()+"/login", body)
		req.Header.Set("Content-Type", ctype)
		req.ContentLength = size
		res, err := c.Do(req)
		if err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode < 400 {
				t.Errorf("%s: status %d", ctype, res.StatusCode)
			}
		}
		// The limit, the server's drain of an unread body and the
		// sockets' buffers: far below the form.
		if body.read.Load() > 32<<20 {
			t.Errorf("%s: the server read %d MB of a forged %d MB form before refusing it (a form's limit is %d KB)",
				ctype, body.read.Load()>>20, size>>20, web.MaxFormBytes>>10)
		}
		t.Logf("form size: a forged %d MB %s form: %.1f MB sent before the refusal", size>>20, ctype, float64(body.read.Load())/(1<<20))
	}
}

// countingReader yields head and then bytes up to n, counting what was
// read (by the client's transport, while the test reads the count).
type countingReader struct {
	head string
	n    int64
	read atomic.Int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	done := r.read.Load()
	if done >= r.n {
		return 0, io.EOF
	}
	k := min(int64(len(p)), r.n-done)
	for i := range p[:k] {
		if at := done + int64(i); at < int64(len(r.head)) {
			p[i] = r.head[at]
		} else {
			p[i] = 'a'
		}
	}
	r.read.Add(k)
	return int(k), nil
}
