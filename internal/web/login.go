package web

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// accountRoutes registers logging in and out and the list of accounts.
// Without an account store there are none, and those URLs are 404s.
func (s *Server) accountRoutes(mux *http.ServeMux) {
	if s.cfg.Accounts == nil {
		return
	}
	mux.HandleFunc("GET /login", s.handleLogin)
	mux.HandleFunc("POST /login", s.handleLoginPost)
	mux.HandleFunc("POST /logout", s.handleLogout)
	mux.HandleFunc("GET /admin/users", s.requireRole(sitrep.RoleAdmin, s.handleUsers))
}

type loginPage struct {
	Page
	CSRF  string
	Name  string
	Next  string
	Error string
}

// handleLogin serves GET /login: the form, or, for a user already logged
// in, the page they were going to.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.URL.Query().Get("next"))
	if s.currentUser(r) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.renderLogin(w, r, http.StatusOK, "", next, "")
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, name, next, msg string) {
	p := &loginPage{Page: s.page(r, "Log in", ""), Name: name, Next: next, Error: msg}
	p.Canonical = s.absURL(r, "/login")
	p.NoIndex = true
	p.CSRF = s.csrfToken(r)
	s.render(w, r, status, "login", p)
}

// handleLoginPost serves POST /login. Failures are counted per client
// address; past the limit every attempt is refused before the password
// is even checked. An unknown name and a wrong password get one answer.
func (s *Server) handleLoginPost(w http.ResponseWriter, r *http.Request) {
	next := localPath(r.PostFormValue("next"))
	name := strings.TrimSpace(r.PostFormValue("name"))
	addr := clientAddr(r)
	if ok, wait := s.auth.logins.allowed(addr); !ok {
		w.Header().Set("Retry-After", fmt.Sprint(int(math.Ceil(wait.Seconds()))))
		s.renderLogin(w, r, http.StatusTooManyRequests, name, next,
			fmt.Sprintf("Too many failed logins from your address. Try again in %s.", minutes(wait)))
		return
	}
	u, err := s.cfg.Accounts.Authenticate(r.Context(), name, r.PostFormValue("password"))
	if sitrep.ErrorCode(err) == sitrep.EUNAUTHORIZED {
		s.auth.logins.add(addr)
		s.renderLogin(w, r, http.StatusUnauthorized, name, next, "Wrong user name or password.")
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	if ra := authOf(r); ra != nil && ra.token != "" {
		s.cfg.Accounts.DeleteSession(r.Context(), ra.token) // a new login replaces the old session
	}
	token, sess, err := s.cfg.Accounts.CreateSession(r.Context(), u.ID, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.SetCookie(w, s.cookie(r, sessionCookie, token, int(sess.Expires.Sub(sess.Created).Seconds())))
	// Logins are rare: a good moment to sweep sessions nobody ended.
	if _, err := s.cfg.Accounts.DeleteExpiredSessions(r.Context()); err != nil {
		s.log.Warn("web: delete expired sessions", "err", err)
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// handleLogout serves POST /logout: the session ends in the store, not
// only in the browser.
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) {
	if ra := authOf(r); ra != nil && ra.token != "" {
		if err := s.cfg.Accounts.DeleteSession(r.Context(), ra.token); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, s.cookie(r, sessionCookie, "", -1))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

type usersPage struct {
	Page
	Users []*sitrep.User
}

// handleUsers serves GET /admin/users: who has an account. Accounts are
// managed with `sitrep user`.
func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.cfg.Accounts.Users(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &usersPage{Page: s.page(r, "Accounts", ""), Users: users}
	p.NoIndex = true
	s.render(w, r, http.StatusOK, "users", p)
}

// minutes phrases a wait for people: "1 minute", "12 minutes".
func minutes(d time.Duration) string {
	return plural(max(1, int(math.Ceil(d.Minutes()))), "minute", "minutes")
}
