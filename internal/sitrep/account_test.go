package sitrep_test

import (
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestRoleCan(t *testing.T) {
	tests := []struct {
		role, need sitrep.Role
		want       bool
	}{
		{sitrep.RoleAdmin, sitrep.RoleAdmin, true},
		{sitrep.RoleAdmin, sitrep.RoleEditor, true},
		{sitrep.RoleEditor, sitrep.RoleEditor, true},
		{sitrep.RoleEditor, sitrep.RoleAdmin, false},
		{"", sitrep.RoleEditor, false},
		{"root", sitrep.RoleEditor, false},
		{sitrep.RoleAdmin, "root", false},
	}
	for _, tt := range tests {
		t.Run(string(tt.role)+" needs "+string(tt.need), func(t *testing.T) {
			if got := tt.role.Can(tt.need); got != tt.want {
				t.Errorf("Can = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseRole(t *testing.T) {
	for _, s := range []string{"editor", "admin"} {
		if r, err := sitrep.ParseRole(s); err != nil || string(r) != s {
			t.Errorf("ParseRole(%q) = %q, %v", s, r, err)
		}
	}
	for _, s := range []string{"", "Admin", "owner"} {
		if _, err := sitrep.ParseRole(s); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("ParseRole(%q): error %v, want EINVALID", s, err)
		}
	}
}

func TestAccountErrorStatus(t *testing.T) {
	for code, want := range map[string]int{sitrep.EUNAUTHORIZED: 401, sitrep.EFORBIDDEN: 403, sitrep.ERATELIMIT: 429} {
		if got := sitrep.ErrorStatus(code); got != want {
			t.Errorf("ErrorStatus(%s) = %d, want %d", code, got, want)
		}
	}
}

func TestCommentNormalize(t *testing.T) {
	tests := []struct {
		name, inName, inText, wantName, wantText string
	}{
		{"plain", "Ana", "Hello", "Ana", "Hello"},
		{"line ends", "Ana", "a\r\nb\rc\n", "Ana", "a\nb\nc"},
		{"controls dropped", "A\x00na\x1b", "x\x07y\tz\u2028w", "Ana", "xy\tzw"},
		{"name on one line", "  Ana\n  María ", "x", "Ana María", "x"},
		{"invalid utf-8", "A\xffna", "\xfe", "A\uFFFDna", "\uFFFD"},
		{"surrounding space", "", "\n\n  text \n\n", "", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &sitrep.Comment{Name: tt.inName, Text: tt.inText}
			c.Normalize()
			if c.Name != tt.wantName || c.Text != tt.wantText {
				t.Errorf("Normalize = %q, %q; want %q, %q", c.Name, c.Text, tt.wantName, tt.wantText)
			}
		})
	}
}
