package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "users.db")
	pwFile := filepath.Join(dir, "pw.txt")
	if err := os.WriteFile(pwFile, []byte("from a file, ten+\r\nsecond line ignored\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"add admin from stdin", "a long passphrase\n", []string{"user", "add", "rana", "--role", "admin"}, 0, "added admin rana", ""},
		{"add editor from file", "", []string{"user", "add", "omar", "--password-file", pwFile}, 0, "added editor omar", ""},
		{"duplicate in another case", "another passphrase\n", []string{"user", "add", "Rana"}, 1, "", `user "Rana" already exists`},
		{"weak password", "short\n", []string{"user", "add", "lina"}, 1, "", "at least 10 characters"},
		{"no password", "", []string{"user", "add", "lina"}, 1, "", "no password given"},
		{"unknown role", "a long passphrase\n", []string{"user", "add", "lina", "--role", "owner"}, 2, "", `unknown role "owner"`},
		{"bad name", "a long passphrase\n", []string{"user", "add", "lina smith"}, 1, "", "user name"},
		{"missing name", "", []string{"user", "add"}, 2, "", "accepts 1 arg"},
		{"list", "", []string{"user", "list"}, 0, "omar  editor", ""},
		{"role", "", []string{"user", "role", "omar", "admin"}, 0, "omar is now admin", ""},
		{"role unknown", "", []string{"user", "role", "omar", "root"}, 2, "", `unknown role "root"`},
		{"role of nobody", "", []string{"user", "role", "nobody", "editor"}, 1, "", `user "nobody" not found`},
		{"passwd", "a brand new passphrase\n", []string{"user", "passwd", "omar"}, 0, "changed the password of omar", ""},
		{"passwd weak", "tiny\n", []string{"user", "passwd", "omar"}, 1, "", "at least 10 characters"},
		{"remove", "", []string{"user", "remove", "rana"}, 0, "removed rana", ""},
		{"remove again", "", []string{"user", "remove", "rana"}, 1, "", `user "rana" not found`},
	}
	for _, st := range steps {
		code, out, errOut := runMain(t, st.stdin, append([]string{"--db", db}, st.args...)...)
		if code != st.code || !strings.Contains(out, st.inStdout) || !strings.Contains(errOut, st.inStderr) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
				st.name, code, out, errOut, st.code, st.inStdout, st.inStderr)
		}
	}

	store, err := sqlite.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	u, err := store.Authenticate(t.Context(), "omar", "a brand new passphrase")
	if err != nil {
		t.Fatalf("omar's new password: %v", err)
	}
	if u.Role != sitrep.RoleAdmin {
		t.Errorf("omar's role = %s, want admin", u.Role)
	}
	if _, err := store.Authenticate(t.Context(), "omar", "from a file, ten+"); sitrep.ErrorCode(err) != sitrep.EUNAUTHORIZED {
		t.Errorf("omar's old password: %v, want refused", err)
	}
	users, _ := store.Users(t.Context())
	if len(users) != 1 {
		t.Errorf("%d accounts left, want 1", len(users))
	}
}

func TestUserPasswordFile(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "users.db")
	pwFile := filepath.Join(dir, "pw.txt")
	os.WriteFile(pwFile, []byte("from a file, ten+\r\n"), 0o600)
	if code, _, errOut := runMain(t, "", "--db", db, "user", "add", "omar", "--password-file", pwFile); code != 0 {
		t.Fatalf("add: exit %d: %s", code, errOut)
	}
	store, err := sqlite.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.Authenticate(t.Context(), "omar", "from a file, ten+"); err != nil {
		t.Errorf("password from the file's first line, without its CRLF: %v", err)
	}
	code, _, errOut := runMain(t, "", "--db", db, "user", "add", "lina", "--password-file", filepath.Join(dir, "missing"))
	if code != 1 || !strings.Contains(errOut, "read password") {
		t.Errorf("missing file: exit %d, %q", code, errOut)
	}
}

func TestServeCommentsFlag(t *testing.T) {
	code, _, errOut := runMain(t, "", "--db", filepath.Join(t.TempDir(), "x.db"), "serve", "--comments", "sometimes")
	if code != 2 || !strings.Contains(errOut, "want moderated or open") {
		t.Errorf("serve --comments sometimes: exit %d, %q; want 2", code, errOut)
	}
}
