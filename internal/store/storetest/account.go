package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// RunUsers runs the conformance suite of sitrep.UserStore. open must
// return a new, empty store and arrange for it to be closed when t ends.
//
// Beyond the interface's comments the suite fixes these behaviours:
//   - Users lists by name regardless of case; names keep the case they
//     were created with.
//   - A session's ID is the hex SHA-256 of its token, never the token.
//   - Changing a password ends the user's sessions; changing a role does
//     not, and the sessions see the new role.
func RunUsers(t *testing.T, open func(t *testing.T) sitrep.UserStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s sitrep.UserStore)
	}{
		{"CreateAndRead", testUserCreateAndRead},
		{"DuplicateName", testUserDuplicate},
		{"Validation", testUserValidation},
		{"Authenticate", testUserAuthenticate},
		{"SetPassword", testUserSetPassword},
		{"SetRole", testUserSetRole},
		{"Delete", testUserDelete},
		{"Sessions", testSessions},
		{"SessionExpiry", testSessionExpiry},
		{"Secret", testSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}

const accountPassword = "correct horse battery"

func createUser(t *testing.T, s sitrep.UserStore, name string, role sitrep.Role) *sitrep.User {
	t.Helper()
	u, err := s.CreateUser(ctx(t), name, role, accountPassword)
	if err != nil {
		t.Fatalf("CreateUser(%q): %v", name, err)
	}
	return u
}

func sameUser(t *testing.T, what string, got, want *sitrep.User) {
	t.Helper()
	if got.ID != want.ID || got.Name != want.Name || got.Role != want.Role || !got.Created.Equal(want.Created) ||
		got.Created.Location() != time.UTC {
		t.Errorf("%s = %+v, want %+v (created in UTC)", what, got, want)
	}
}

func testUserCreateAndRead(t *testing.T, s sitrep.UserStore) {
	before := time.Now().Add(-time.Second)
	rana := createUser(t, s, "Rana", sitrep.RoleEditor)
	admin := createUser(t, s, "admin", sitrep.RoleAdmin)
	if rana.ID == 0 || rana.ID == admin.ID {
		t.Fatalf("ids %d and %d: want distinct and non-zero", rana.ID, admin.ID)
	}
	if rana.Created.Before(before) || rana.Created.After(time.Now().Add(time.Second)) {
		t.Errorf("created %v: want about now", rana.Created)
	}
	got, err := s.User(ctx(t), rana.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameUser(t, "User", got, rana)
	got, err = s.UserByName(ctx(t), "RANA")
	if err != nil {
		t.Fatalf("UserByName in another case: %v", err)
	}
	sameUser(t, "UserByName", got, rana)

	list, err := s.Users(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range list {
		names = append(names, u.Name+":"+string(u.Role))
	}
	if want := []string{"admin:admin", "Rana:editor"}; !slices.Equal(names, want) {
		t.Errorf("Users = %v, want %v", names, want)
	}

	_, err = s.User(ctx(t), 999)
	wantCode(t, err, sitrep.ENOTFOUND, "User(999)")
	_, err = s.UserByName(ctx(t), "nobody")
	wantCode(t, err, sitrep.ENOTFOUND, "UserByName(nobody)")
}

func testUserDuplicate(t *testing.T, s sitrep.UserStore) {
	createUser(t, s, "rana", sitrep.RoleEditor)
	_, err := s.CreateUser(ctx(t), "Rana", sitrep.RoleAdmin, "another password")
	wantCode(t, err, sitrep.ECONFLICT, "second user Rana")
	if msg := sitrep.ErrorMessage(err); !strings.Contains(msg, "already exists") {
		t.Errorf("message %q: want it to say the name already exists", msg)
	}
	list, _ := s.Users(ctx(t))
	if len(list) != 1 {
		t.Errorf("%d users after a refused duplicate, want 1", len(list))
	}
}

func testUserValidation(t *testing.T, s sitrep.UserStore) {
	tests := []struct {
		name, user string
		role       sitrep.Role
		password   string
		code       string
	}{
		{"ok", "ok.user-1_x", sitrep.RoleEditor, "0123456789", ""},
		{"empty name", "", sitrep.RoleEditor, accountPassword, sitrep.EINVALID},
		{"space in name", "a b", sitrep.RoleEditor, accountPassword, sitrep.EINVALID},
		{"markup in name", "<b>", sitrep.RoleEditor, accountPassword, sitrep.EINVALID},
		{"leading dot", ".x", sitrep.RoleEditor, accountPassword, sitrep.EINVALID},
		{"long name", strings.Repeat("a", sitrep.MaxUserNameLen+1), sitrep.RoleEditor, accountPassword, sitrep.EINVALID},
		{"unknown role", "x", "owner", accountPassword, sitrep.EINVALID},
		{"empty role", "y", "", accountPassword, sitrep.EINVALID},
		{"weak password", "z", sitrep.RoleEditor, "123456789", sitrep.EINVALID},
		{"weak in characters", "w", sitrep.RoleEditor, "ééééééééé", sitrep.EINVALID},
		{"huge password", "v", sitrep.RoleEditor, strings.Repeat("p", sitrep.MaxPasswordLen+1), sitrep.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.CreateUser(ctx(t), tt.user, tt.role, tt.password)
			wantCode(t, err, tt.code, "CreateUser")
		})
	}
}

func testUserAuthenticate(t *testing.T, s sitrep.UserStore) {
	rana := createUser(t, s, "rana", sitrep.RoleEditor)
	u, err := s.Authenticate(ctx(t), "Rana", accountPassword)
	if err != nil {
		t.Fatalf("Authenticate with the right password: %v", err)
	}
	sameUser(t, "Authenticate", u, rana)

	_, wrong := s.Authenticate(ctx(t), "rana", accountPassword+"x")
	wantCode(t, wrong, sitrep.EUNAUTHORIZED, "wrong password")
	_, unknown := s.Authenticate(ctx(t), "nobody", accountPassword)
	wantCode(t, unknown, sitrep.EUNAUTHORIZED, "unknown user")
	if sitrep.ErrorMessage(wrong) != sitrep.ErrorMessage(unknown) {
		t.Errorf("messages differ, telling which names exist: %q vs %q", sitrep.ErrorMessage(wrong), sitrep.ErrorMessage(unknown))
	}
	for _, pw := range []string{"", strings.Repeat("x", sitrep.MaxPasswordLen+1)} {
		_, err := s.Authenticate(ctx(t), "rana", pw)
		wantCode(t, err, sitrep.EUNAUTHORIZED, "odd password")
	}
}

func testUserSetPassword(t *testing.T, s sitrep.UserStore) {
	rana := createUser(t, s, "rana", sitrep.RoleEditor)
	token, _, err := s.CreateSession(ctx(t), rana.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantCode(t, s.SetPassword(ctx(t), rana.ID, "short"), sitrep.EINVALID, "weak new password")
	if err := s.SetPassword(ctx(t), rana.ID, "a new long password"); err != nil {
		t.Fatal(err)
	}
	_, err = s.Authenticate(ctx(t), "rana", accountPassword)
	wantCode(t, err, sitrep.EUNAUTHORIZED, "old password")
	if _, err := s.Authenticate(ctx(t), "rana", "a new long password"); err != nil {
		t.Errorf("new password: %v", err)
	}
	_, err = s.Session(ctx(t), token)
	wantCode(t, err, sitrep.ENOTFOUND, "session after a password change")
	wantCode(t, s.SetPassword(ctx(t), 999, "a new long password"), sitrep.ENOTFOUND, "SetPassword(999)")
}

func testUserSetRole(t *testing.T, s sitrep.UserStore) {
	rana := createUser(t, s, "rana", sitrep.RoleEditor)
	token, _, err := s.CreateSession(ctx(t), rana.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetRole(ctx(t), rana.ID, sitrep.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	sess, err := s.Session(ctx(t), token)
	if err != nil {
		t.Fatalf("session after a role change: %v", err)
	}
	if sess.User.Role != sitrep.RoleAdmin {
		t.Errorf("session's role = %q, want admin", sess.User.Role)
	}
	wantCode(t, s.SetRole(ctx(t), rana.ID, "root"), sitrep.EINVALID, "SetRole(root)")
	wantCode(t, s.SetRole(ctx(t), 999, sitrep.RoleEditor), sitrep.ENOTFOUND, "SetRole(999)")
}

func testUserDelete(t *testing.T, s sitrep.UserStore) {
	rana := createUser(t, s, "rana", sitrep.RoleEditor)
	other := createUser(t, s, "omar", sitrep.RoleEditor)
	token, _, err := s.CreateSession(ctx(t), rana.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	otherToken, _, err := s.CreateSession(ctx(t), other.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteUser(ctx(t), rana.ID); err != nil {
		t.Fatal(err)
	}
	_, err = s.User(ctx(t), rana.ID)
	wantCode(t, err, sitrep.ENOTFOUND, "deleted user")
	_, err = s.Session(ctx(t), token)
	wantCode(t, err, sitrep.ENOTFOUND, "deleted user's session")
	_, err = s.Authenticate(ctx(t), "rana", accountPassword)
	wantCode(t, err, sitrep.EUNAUTHORIZED, "deleted user's login")
	if _, err := s.Session(ctx(t), otherToken); err != nil {
		t.Errorf("another user's session after a delete: %v", err)
	}
	wantCode(t, s.DeleteUser(ctx(t), rana.ID), sitrep.ENOTFOUND, "second delete")
	// The name is free again.
	createUser(t, s, "rana", sitrep.RoleEditor)
}

func testSessions(t *testing.T, s sitrep.UserStore) {
	rana := createUser(t, s, "rana", sitrep.RoleAdmin)
	token, sess, err := s.CreateSession(ctx(t), rana.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(token) < 43 {
		t.Errorf("token %q: want at least 32 random bytes, encoded", token)
	}
	sum := sha256.Sum256([]byte(token))
	if sess.ID != hex.EncodeToString(sum[:]) || strings.Contains(sess.ID, token) {
		t.Errorf("session id %q: want the hex SHA-256 of the token", sess.ID)
	}
	if d := sess.Expires.Sub(sess.Created); d != sitrep.DefaultSessionTTL {
		t.Errorf("session lasts %v, want the default %v", d, sitrep.DefaultSessionTTL)
	}
	got, err := s.Session(ctx(t), token)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != sess.ID || !got.Expires.Equal(sess.Expires) || !got.Created.Equal(sess.Created) {
		t.Errorf("Session = %+v, want %+v", got, sess)
	}
	sameUser(t, "session's user", &got.User, rana)

	token2, _, err := s.CreateSession(ctx(t), rana.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if token2 == token {
		t.Fatal("two sessions got the same token")
	}
	for _, bad := range []string{"", "x", sess.ID, token + "x", strings.ToUpper(token)} {
		_, err := s.Session(ctx(t), bad)
		wantCode(t, err, sitrep.ENOTFOUND, "Session("+bad+")")
	}
	if err := s.DeleteSession(ctx(t), token); err != nil {
		t.Fatal(err)
	}
	_, err = s.Session(ctx(t), token)
	wantCode(t, err, sitrep.ENOTFOUND, "deleted session")
	if _, err := s.Session(ctx(t), token2); err != nil {
		t.Errorf("the other session after a logout: %v", err)
	}
	if err := s.DeleteSession(ctx(t), "no such token"); err != nil {
		t.Errorf("DeleteSession of an unknown token: %v", err)
	}
	_, _, err = s.CreateSession(ctx(t), 999, 0)
	wantCode(t, err, sitrep.ENOTFOUND, "CreateSession for user 999")
}

func testSessionExpiry(t *testing.T, s sitrep.UserStore) {
	rana := createUser(t, s, "rana", sitrep.RoleEditor)
	short, _, err := s.CreateSession(ctx(t), rana.ID, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	long, _, err := s.CreateSession(ctx(t), rana.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	_, err = s.Session(ctx(t), short)
	wantCode(t, err, sitrep.ENOTFOUND, "expired session")
	n, err := s.DeleteExpiredSessions(ctx(t))
	if err != nil || n != 1 {
		t.Errorf("DeleteExpiredSessions = %d, %v; want 1", n, err)
	}
	if _, err := s.Session(ctx(t), long); err != nil {
		t.Errorf("live session after the sweep: %v", err)
	}
}

func testSecret(t *testing.T, s sitrep.UserStore) {
	a, err := s.Secret(ctx(t), "csrf")
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != 32 {
		t.Errorf("secret of %d bytes, want 32", len(a))
	}
	again, err := s.Secret(ctx(t), "csrf")
	if err != nil || string(again) != string(a) {
		t.Errorf("second Secret(csrf) differs from the first (%v)", err)
	}
	b, err := s.Secret(ctx(t), "client")
	if err != nil || string(b) == string(a) {
		t.Errorf("Secret(client) equals Secret(csrf) (%v)", err)
	}
}
