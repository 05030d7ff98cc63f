package sqlite

import (
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/storetest"
)

func TestUserConformance(t *testing.T) {
	storetest.RunUsers(t, func(t *testing.T) sitrep.UserStore { return openTemp(t) })
}

func TestCommentConformance(t *testing.T) {
	storetest.RunComments(t, func(t *testing.T) storetest.CommentBackend { return openTemp(t) })
}

// TestNoSecretsStored checks what a copy of the database would give away:
// no password and no session token in any form a browser could use.
func TestNoSecretsStored(t *testing.T) {
	db := openTemp(t)
	u, err := db.CreateUser(t.Context(), "rana", sitrep.RoleEditor, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := db.CreateSession(t.Context(), u.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var hash, sid string
	if err := db.SQL().QueryRow("SELECT password_hash FROM users").Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRow("SELECT id FROM sessions").Scan(&sid); err != nil {
		t.Fatal(err)
	}
	if len(hash) < 60 || hash[:10] != "$argon2id$" {
		t.Errorf("password_hash = %q, want an argon2id PHC string", hash)
	}
	if sid == token {
		t.Error("the session table holds the token itself")
	}
}
