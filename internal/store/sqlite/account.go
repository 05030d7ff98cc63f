package sqlite

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-project/sitrep/internal/password"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var _ sitrep.UserStore = (*DB)(nil)

// CreateUser stores a new account; see sitrep.UserStore.
func (db *DB) CreateUser(ctx context.Context, name string, role sitrep.Role, pw string) (*sitrep.User, error) {
	if err := validateAccount(name, role); err != nil {
		return nil, err
	}
	if err := sitrep.ValidatePassword(pw); err != nil {
		return nil, err
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return nil, fmt.Errorf("store: create user %s: %w", name, err)
	}
	now := db.now().UTC()
	res, err := db.db.ExecContext(ctx, `INSERT INTO users (name, role, password_hash, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`, name, string(role), hash, formatTime(now), formatTime(now))
	if err != nil {
		return nil, fmt.Errorf("store: create user %s: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, sitrep.Errorf(sitrep.ECONFLICT, "user %q already exists", name)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return nil, fmt.Errorf("store: create user %s: %w", name, err)
	}
	return &sitrep.User{ID: id, Name: name, Role: role, Created: now}, nil
}

func validateAccount(name string, role sitrep.Role) error {
	if err := sitrep.ValidateUserName(name); err != nil {
		return err
	}
	_, err := sitrep.ParseRole(string(role))
	return err
}

const userColumns = "id, name, role, created_at"

func scanUser(sc interface{ Scan(...any) error }) (*sitrep.User, error) {
	var u sitrep.User
	var role, created string
	if err := sc.Scan(&u.ID, &u.Name, &role, &created); err != nil {
		return nil, err
	}
	u.Role = sitrep.Role(role)
	var err error
	if u.Created, err = parseTime(created); err != nil {
		return nil, fmt.Errorf("user %d: created: %w", u.ID, err)
	}
	return &u, nil
}

// User returns the account with id.
func (db *DB) User(ctx context.Context, id int64) (*sitrep.User, error) {
	u, err := scanUser(db.db.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "user %d not found", id)
	} else if err != nil {
		return nil, fmt.Errorf("store: user %d: %w", id, err)
	}
	return u, nil
}

// UserByName returns the account named name, in any case.
func (db *DB) UserByName(ctx context.Context, name string) (*sitrep.User, error) {
	u, err := scanUser(db.db.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE name = ?", name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, sitrep.Errorf(sitrep.ENOTFOUND, "user %q not found", name)
	} else if err != nil {
		return nil, fmt.Errorf("store: user %s: %w", name, err)
	}
	return u, nil
}

// Users lists every account by name.
func (db *DB) Users(ctx context.Context) ([]*sitrep.User, error) {
	rows, err := db.db.QueryContext(ctx, "SELECT "+userColumns+" FROM users ORDER BY name, id")
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []*sitrep.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	return out, nil
}

// dummyHash is checked against when a name is unknown, so that a failed
// login costs one hash whether or not the name exists.
var dummyHash = sync.OnceValue(func() string {
	h, _ := password.Hash("sitrep: no such user, no such password")
	return h
})

var errBadLogin = sitrep.Errorf(sitrep.EUNAUTHORIZED, "wrong user name or password")

// Authenticate checks a name and password; see sitrep.UserStore.
func (db *DB) Authenticate(ctx context.Context, name, pw string) (*sitrep.User, error) {
	if len(pw) > sitrep.MaxPasswordLen || len(name) > sitrep.MaxUserNameLen {
		return nil, errBadLogin
	}
	var hash, role, created string
	var u sitrep.User
	err := db.db.QueryRowContext(ctx, "SELECT id, name, role, created_at, password_hash FROM users WHERE name = ?", name).
		Scan(&u.ID, &u.Name, &role, &created, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		password.Verify(dummyHash(), pw)
		return nil, errBadLogin
	} else if err != nil {
		return nil, fmt.Errorf("store: authenticate %s: %w", name, err)
	}
	ok, err := password.Verify(hash, pw)
	if err != nil {
		return nil, fmt.Errorf("store: authenticate %s: %w", name, err)
	}
	if !ok {
		return nil, errBadLogin
	}
	u.Role = sitrep.Role(role)
	if u.Created, err = parseTime(created); err != nil {
		return nil, fmt.Errorf("store: authenticate %s: created: %w", name, err)
	}
	if password.NeedsRehash(hash) {
		// Parameters were raised since this hash was made: upgrade it
		// now that the password is known. A failure only delays that.
		if h, err := password.Hash(pw); err == nil {
			db.db.ExecContext(ctx, "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?", h, u.ID, hash)
		}
	}
	return &u, nil
}

// SetPassword replaces a password and ends the user's sessions, so a
// stolen session does not outlive the change.
func (db *DB) SetPassword(ctx context.Context, id int64, pw string) error {
	if err := sitrep.ValidatePassword(pw); err != nil {
		return err
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return fmt.Errorf("store: set password of user %d: %w", id, err)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: set password of user %d: %w", id, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", hash, formatTime(db.now()), id)
	if err != nil {
		return fmt.Errorf("store: set password of user %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return sitrep.Errorf(sitrep.ENOTFOUND, "user %d not found", id)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = ?", id); err != nil {
		return fmt.Errorf("store: set password of user %d: end sessions: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: set password of user %d: %w", id, err)
	}
	return nil
}

// SetRole changes a user's role.
func (db *DB) SetRole(ctx context.Context, id int64, role sitrep.Role) error {
	if _, err := sitrep.ParseRole(string(role)); err != nil {
		return err
	}
	res, err := db.db.ExecContext(ctx, "UPDATE users SET role = ?, updated_at = ? WHERE id = ?", string(role), formatTime(db.now()), id)
	if err != nil {
		return fmt.Errorf("store: set role of user %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return sitrep.Errorf(sitrep.ENOTFOUND, "user %d not found", id)
	}
	return nil
}

// DeleteUser removes a user; its sessions go with it (ON DELETE CASCADE).
func (db *DB) DeleteUser(ctx context.Context, id int64) error {
	res, err := db.db.ExecContext(ctx, "DELETE FROM users WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("store: delete user %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return sitrep.Errorf(sitrep.ENOTFOUND, "user %d not found", id)
	}
	return nil
}

// tokenLen is the length of an encoded session token: 32 bytes in
// unpadded base64url.
var tokenLen = base64.RawURLEncoding.EncodedLen(32)

// sessionID is the stored form of a token.
func sessionID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession logs a user in; see sitrep.UserStore.
func (db *DB) CreateSession(ctx context.Context, userID int64, ttl time.Duration) (string, *sitrep.Session, error) {
	if ttl <= 0 {
		ttl = sitrep.DefaultSessionTTL
	}
	u, err := db.User(ctx, userID)
	if err != nil {
		return "", nil, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, fmt.Errorf("store: create session for user %d: %w", userID, err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	now := db.now().UTC()
	s := &sitrep.Session{ID: sessionID(token), User: *u, Created: now, Expires: now.Add(ttl)}
	if _, err := db.db.ExecContext(ctx, "INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
		s.ID, userID, formatTime(s.Created), formatTime(s.Expires)); err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return "", nil, sitrep.Errorf(sitrep.ENOTFOUND, "user %d not found", userID)
		}
		return "", nil, fmt.Errorf("store: create session for user %d: %w", userID, err)
	}
	return token, s, nil
}

var errNoSession = sitrep.Errorf(sitrep.ENOTFOUND, "no such session")

// Session returns a live session with its user.
func (db *DB) Session(ctx context.Context, token string) (*sitrep.Session, error) {
	if len(token) != tokenLen {
		return nil, errNoSession
	}
	s := &sitrep.Session{ID: sessionID(token)}
	var role, userCreated, created, expires string
	err := db.db.QueryRowContext(ctx, `SELECT u.id, u.name, u.role, u.created_at, s.created_at, s.expires_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND s.expires_at > ?`,
		s.ID, formatTime(db.now())).Scan(&s.User.ID, &s.User.Name, &role, &userCreated, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errNoSession
	} else if err != nil {
		return nil, fmt.Errorf("store: session: %w", err)
	}
	s.User.Role = sitrep.Role(role)
	for _, f := range []struct {
		dst *time.Time
		src string
	}{{&s.User.Created, userCreated}, {&s.Created, created}, {&s.Expires, expires}} {
		if *f.dst, err = parseTime(f.src); err != nil {
			return nil, fmt.Errorf("store: session of user %d: %w", s.User.ID, err)
		}
	}
	return s, nil
}

// DeleteSession logs a session out.
func (db *DB) DeleteSession(ctx context.Context, token string) error {
	if _, err := db.db.ExecContext(ctx, "DELETE FROM sessions WHERE id = ?", sessionID(token)); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions past their expiry.
func (db *DB) DeleteExpiredSessions(ctx context.Context) (int, error) {
	res, err := db.db.ExecContext(ctx, "DELETE FROM sessions WHERE expires_at <= ?", formatTime(db.now()))
	if err != nil {
		return 0, fmt.Errorf("store: delete expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// Secret returns the named site key, made at first use.
func (db *DB) Secret(ctx context.Context, name string) ([]byte, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("store: secret %s: %w", name, err)
	}
	// Two processes starting at once both try; the first insert wins and
	// both read it back.
	if _, err := db.db.ExecContext(ctx, "INSERT INTO secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
		name, key, formatTime(db.now())); err != nil {
		return nil, fmt.Errorf("store: secret %s: %w", name, err)
	}
	var value []byte
	if err := db.db.QueryRowContext(ctx, "SELECT value FROM secrets WHERE name = ?", name).Scan(&value); err != nil {
		return nil, fmt.Errorf("store: secret %s: %w", name, err)
	}
	return value, nil
}
