package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Cookie names. Both are HttpOnly: no script of ours reads them.
const (
	sessionCookie = "sitrep_session"
	csrfCookie    = "sitrep_csrf"
)

// Login and comment limits per client address.
const (
	loginFailures     = 10
	loginWindow       = 15 * time.Minute
	commentsPerWindow = 5
	commentWindow     = 10 * time.Minute
)

const (
	maxFormBytes       = 1 << 20 // a form of text fields, parsed to find its token
	csrfNonceBytes     = 32
	csrfFormField      = "csrf"
	csrfHeader         = "X-CSRF-Token" // for requests that are not forms
	secretCSRF         = "csrf"         // names of the keys in UserStore.Secret
	secretClient       = "client"
	clientHashHexChars = 16
)

// authKit is what the accounts and comments need across requests: keys
// and rate limits.
type authKit struct {
	csrfKey   []byte // signs CSRF tokens
	clientKey []byte // hashes clients' addresses
	logins    *limiter
	comments  *limiter
}

// newAuthKit loads the site's keys from the account store, so tokens and
// client hashes survive a restart; without one it makes keys for this
// process only.
func newAuthKit(cfg Config, now func() time.Time) (*authKit, error) {
	k := &authKit{logins: newLimiter(loginFailures, loginWindow, now), comments: newLimiter(commentsPerWindow, commentWindow, now)}
	if cfg.Accounts != nil {
		var err error
		ctx := context.Background()
		if k.csrfKey, err = cfg.Accounts.Secret(ctx, secretCSRF); err != nil {
			return nil, fmt.Errorf("load keys: %w", err)
		}
		if k.clientKey, err = cfg.Accounts.Secret(ctx, secretClient); err != nil {
			return nil, fmt.Errorf("load keys: %w", err)
		}
		return k, nil
	}
	k.csrfKey, k.clientKey = make([]byte, 32), make([]byte, 32)
	rand.Read(k.csrfKey)
	rand.Read(k.clientKey)
	return k, nil
}

// clientHash is a keyed hash of the client's address: the same client
// gets the same hash, which cannot be turned back into the address.
func (s *Server) clientHash(r *http.Request) string {
	m := hmac.New(sha256.New, s.auth.clientKey)
	m.Write([]byte(clientAddr(r)))
	return hex.EncodeToString(m.Sum(nil))[:clientHashHexChars]
}

// requestAuth is one request's view of who is asking, worked out at most
// once, and the writer to set cookies on.
type requestAuth struct {
	w        http.ResponseWriter
	resolved bool
	token    string // the session cookie's value
	session  *sitrep.Session
	nonce    string // the CSRF cookie's value
}

type authKey struct{}

func authOf(r *http.Request) *requestAuth {
	ra, _ := r.Context().Value(authKey{}).(*requestAuth)
	return ra
}

// authenticate runs before every handler: it notes the request's cookies
// for currentUser and csrfToken, and refuses any request that changes
// something (every method but GET, HEAD and OPTIONS) without a valid CSRF
// token, when the route exists. Pages seen by a logged-in user are never
// stored by shared caches.
func (s *Server) authenticate(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ra := &requestAuth{w: w}
		if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			ra.token = c.Value
			w.Header().Set("Cache-Control", "private, no-cache")
		}
		if c, err := r.Cookie(csrfCookie); err == nil && validNonce(c.Value) {
			ra.nonce = c.Value
		}
		r = r.WithContext(context.WithValue(r.Context(), authKey{}, ra))
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
		default:
			// A URL nothing answers is a 404 whatever the token.
			if _, pattern := mux.Handler(r); pattern != "" && pattern != "/" && !s.validCSRF(r) {
				s.fail(w, r, sitrep.Errorf(sitrep.EFORBIDDEN,
					"This form has expired or did not come from this site. Go back, reload the page and try again."))
				return
			}
		}
		mux.ServeHTTP(w, r)
	})
}

// session returns the request's live session, or nil.
func (s *Server) session(r *http.Request) *sitrep.Session {
	ra := authOf(r)
	if ra == nil || s.cfg.Accounts == nil {
		return nil
	}
	if !ra.resolved {
		ra.resolved = true
		if ra.token != "" {
			sess, err := s.cfg.Accounts.Session(r.Context(), ra.token)
			switch {
			case err == nil:
				ra.session = sess
			case sitrep.ErrorCode(err) != sitrep.ENOTFOUND:
				s.log.Error("web: session lookup", "path", r.URL.Path, "err", err)
			}
		}
	}
	return ra.session
}

// currentUser returns the logged-in user, or nil.
func (s *Server) currentUser(r *http.Request) *sitrep.User {
	if sess := s.session(r); sess != nil {
		return &sess.User
	}
	return nil
}

// requireRole lets h run only for a user with role. Without a session a
// browser asking for a page is sent to log in and come back; a user
// without the role gets 403. With no account store the route is not there.
func (s *Server) requireRole(role sitrep.Role, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.cfg.Accounts == nil {
			s.handleNotFound(w, r)
			return
		}
		u := s.currentUser(r)
		switch {
		case u == nil && (r.Method == http.MethodGet || r.Method == http.MethodHead):
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		case u == nil:
			s.fail(w, r, sitrep.Errorf(sitrep.EUNAUTHORIZED, "Log in to do this."))
		case !u.Role.Can(role):
			s.fail(w, r, sitrep.Errorf(sitrep.EFORBIDDEN, "Your account %s is an %s; this needs the %s role.", u.Name, u.Role, role))
		default:
			h(w, r)
		}
	}
}

// csrfToken returns the token forms of this page carry. It signs the
// browser's CSRF cookie, made here if the browser has none, together with
// the session, so a token is worth nothing in another browser or after a
// logout, and a cookie planted by someone else does not forge one for a
// logged-in user.
func (s *Server) csrfToken(r *http.Request) string {
	ra := authOf(r)
	if ra == nil {
		return ""
	}
	if ra.nonce == "" {
		b := make([]byte, csrfNonceBytes)
		rand.Read(b)
		ra.nonce = base64.RawURLEncoding.EncodeToString(b)
		http.SetCookie(ra.w, s.cookie(r, csrfCookie, ra.nonce, 0))
		// A shared cache must not hand this cookie, and the token made
		// from it, to other readers.
		ra.w.Header().Set("Cache-Control", "private, no-cache")
	}
	return s.signCSRF(ra.nonce, s.session(r))
}

func (s *Server) signCSRF(nonce string, sess *sitrep.Session) string {
	m := hmac.New(sha256.New, s.auth.csrfKey)
	m.Write([]byte("csrf\x00" + nonce + "\x00"))
	if sess != nil {
		m.Write([]byte(sess.ID))
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// validCSRF checks the token of a request that changes something, from
// the X-CSRF-Token header or the form's csrf field.
func (s *Server) validCSRF(r *http.Request) bool {
	ra := authOf(r)
	if ra == nil || ra.nonce == "" {
		return false
	}
	token := r.Header.Get(csrfHeader)
	if token == "" {
		// Any encoding: a multipart body would otherwise be read whole,
		// and spooled to disk, before its token is even looked at.
		r.Body = http.MaxBytesReader(ra.w, r.Body, maxFormBytes)
		token = r.PostFormValue(csrfFormField)
	}
	want := s.signCSRF(ra.nonce, s.session(r))
	return token != "" && hmac.Equal([]byte(token), []byte(want))
}

func validNonce(v string) bool {
	b, err := base64.RawURLEncoding.DecodeString(v)
	return err == nil && len(b) == csrfNonceBytes
}

// cookie builds one of our cookies: HttpOnly, SameSite=Lax, Secure when
// the site is reached over TLS. maxAge 0 lasts the browser session, < 0
// deletes.
func (s *Server) cookie(r *http.Request, name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || strings.HasPrefix(s.cfg.BaseURL, "https://")}
}

// localPath returns next if it is a path on this site, else "/": a login
// link must not be able to send a user elsewhere after logging in.
func localPath(next string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || strings.ContainsRune(next, '\\') {
		return "/"
	}
	for _, c := range []byte(next) {
		if c < 0x20 || c == 0x7f {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") {
		return "/"
	}
	return next
}

// pageAccount fills the masthead's account fields of p.
func (s *Server) pageAccount(r *http.Request, p *Page) {
	p.Accounts = s.cfg.Accounts != nil
	p.Moderation = s.cfg.Comments != nil && s.cfg.Accounts != nil
	p.FeedsPage = s.cfg.Feeds != nil && s.cfg.Accounts != nil
	p.AlertsPage = s.cfg.Alerts != nil && s.cfg.Accounts != nil
	if p.User = s.currentUser(r); p.User != nil {
		p.CSRF = s.csrfToken(r)
	}
}
