package sitrep

import (
	"context"
	"time"
	"unicode/utf8"
)

// Role is what a user may do on the site. Readers need no account; every
// account is at least an editor.
type Role string

const (
	// RoleEditor moderates comments and corrects what the machine found.
	RoleEditor Role = "editor"
	// RoleAdmin may do all an editor may, and manage accounts.
	RoleAdmin Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleEditor || r == RoleAdmin }

// Can reports whether a user with role r may do what needs role need:
// admin implies editor.
func (r Role) Can(need Role) bool {
	switch r {
	case RoleAdmin:
		return need == RoleAdmin || need == RoleEditor
	case RoleEditor:
		return need == RoleEditor
	}
	return false
}

// ParseRole reads a role as a user types it.
func ParseRole(s string) (Role, error) {
	if r := Role(s); r.Valid() {
		return r, nil
	}
	return "", Errorf(EINVALID, "unknown role %q: want editor or admin", s)
}

// User is an account of the newsroom. Its password hash never leaves the
// store.
type User struct {
	ID      int64     `json:"id"`
	Name    string    `json:"name"`
	Role    Role      `json:"role"`
	Created time.Time `json:"created"`
}

// Session is a logged-in browser. The store keeps only a hash of the
// token the browser holds, so a copy of the database logs nobody in.
type Session struct {
	// ID is the hex SHA-256 of the token: safe to log or to bind other
	// tokens (CSRF) to, useless to log in with.
	ID      string
	User    User
	Created time.Time
	Expires time.Time
}

// DefaultSessionTTL is how long a login lasts unless told otherwise.
const DefaultSessionTTL = 14 * 24 * time.Hour

// Password and name limits. The upper bound on passwords keeps one login
// attempt from hashing megabytes.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 1024
	MaxUserNameLen = 64
)

// ValidateUserName checks a login name: 1 to 64 ASCII letters, digits,
// '.', '_' or '-', starting with a letter or digit. Names compare without
// regard to case.
func ValidateUserName(name string) error {
	if name == "" {
		return Errorf(EINVALID, "user name is empty")
	}
	if len(name) > MaxUserNameLen {
		return Errorf(EINVALID, "user name is longer than %d characters", MaxUserNameLen)
	}
	for i, c := range []byte(name) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case i > 0 && (c == '.' || c == '_' || c == '-'):
		default:
			return Errorf(EINVALID, "user name %q: use letters, digits, '.', '_' and '-', starting with a letter or digit", name)
		}
	}
	return nil
}

// ValidatePassword checks a new password's length in characters.
func ValidatePassword(password string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLen:
		return Errorf(EINVALID, "password is too weak: use at least %d characters", MinPasswordLen)
	case len(password) > MaxPasswordLen:
		return Errorf(EINVALID, "password is longer than %d bytes", MaxPasswordLen)
	}
	return nil
}

// UserStore keeps accounts and their sessions. Each backend passes the
// conformance suite in internal/store/storetest (RunUsers).
type UserStore interface {
	// CreateUser stores a new account with a hash of password. The name
	// and password are checked with ValidateUserName and ValidatePassword;
	// a name already taken, in any case, is ECONFLICT.
	CreateUser(ctx context.Context, name string, role Role, password string) (*User, error)
	// User returns the account with id, or ENOTFOUND.
	User(ctx context.Context, id int64) (*User, error)
	// UserByName returns the account named name in any case, or ENOTFOUND.
	UserByName(ctx context.Context, name string) (*User, error)
	// Users lists every account by name.
	Users(ctx context.Context) ([]*User, error)
	// Authenticate returns the account whose name and password these are.
	// An unknown name and a wrong password are the same EUNAUTHORIZED
	// error and take about as long, so neither reveals which names exist.
	Authenticate(ctx context.Context, name, password string) (*User, error)
	// SetPassword replaces the password of user id and ends its sessions.
	SetPassword(ctx context.Context, id int64, password string) error
	// SetRole changes the role of user id; sessions see it at once.
	SetRole(ctx context.Context, id int64, role Role) error
	// DeleteUser removes user id and its sessions.
	DeleteUser(ctx context.Context, id int64) error

	// CreateSession logs user id in for ttl (DefaultSessionTTL when 0) and
	// returns the token to give the browser: 32 random bytes, encoded.
	CreateSession(ctx context.Context, userID int64, ttl time.Duration) (token string, s *Session, err error)
	// Session returns the session of token with its user; an unknown or
	// expired token is ENOTFOUND.
	Session(ctx context.Context, token string) (*Session, error)
	// DeleteSession ends the session of token; an unknown token is no error.
	DeleteSession(ctx context.Context, token string) error
	// DeleteExpiredSessions removes sessions past their expiry and returns
	// how many there were.
	DeleteExpiredSessions(ctx context.Context) (int, error)

	// Secret returns the site's secret key called name, 32 random bytes
	// made at first use and kept, so that what is signed with it (CSRF
	// tokens, client hashes) stays valid across restarts.
	Secret(ctx context.Context, name string) ([]byte, error)
}
