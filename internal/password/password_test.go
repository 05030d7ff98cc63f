package password_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/password"
)

func TestHashVerify(t *testing.T) {
	h, err := password.Hash("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q: want the PHC argon2id prefix with the default parameters", h)
	}
	tests := []struct {
		name     string
		password string
		want     bool
	}{
		{"right", "correct horse battery", true},
		{"wrong", "correct horse battery!", false},
		{"case", "Correct horse battery", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := password.Verify(h, tt.password)
			if err != nil || got != tt.want {
				t.Errorf("Verify(%q) = %v, %v; want %v", tt.password, got, err, tt.want)
			}
		})
	}
	if password.NeedsRehash(h) {
		t.Error("NeedsRehash of a default hash = true")
	}
}

func TestSaltDiffers(t *testing.T) {
	a, _ := password.Hash("same password here")
	b, _ := password.Hash("same password here")
	if a == b {
		t.Errorf("two hashes of one password are equal: %s", a)
	}
}

func TestOtherParams(t *testing.T) {
	p := password.Params{Memory: 64, Time: 1, Threads: 1}
	h, err := password.HashWith(p, "pw")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := password.Verify(h, "pw"); !ok || err != nil {
		t.Errorf("Verify with the hash's own parameters = %v, %v", ok, err)
	}
	if !password.NeedsRehash(h) {
		t.Error("NeedsRehash of a weaker hash = false")
	}
}

func TestMalformed(t *testing.T) {
	good, _ := password.HashWith(password.Params{Memory: 64, Time: 1, Threads: 1}, "pw")
	parts := strings.Split(good, "$")
	tests := []struct{ name, hash string }{
		{"empty", ""},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"argon2i", strings.Replace(good, "argon2id", "argon2i", 1)},
		{"version", strings.Replace(good, "v=19", "v=16", 1)},
		{"huge memory", "$argon2id$v=19$m=4294967295,t=1,p=1$" + parts[4] + "$" + parts[5]},
		{"huge time", "$argon2id$v=19$m=64,t=100000,p=1$" + parts[4] + "$" + parts[5]},
		{"zero threads", "$argon2id$v=19$m=64,t=1,p=0$" + parts[4] + "$" + parts[5]},
		{"unknown param", "$argon2id$v=19$m=64,t=1,p=1,x=2$" + parts[4] + "$" + parts[5]},
		{"bad salt", "$argon2id$v=19$m=64,t=1,p=1$!!!$" + parts[5]},
		{"short key", "$argon2id$v=19$m=64,t=1,p=1$" + parts[4] + "$AAAA"},
		{"extra field", good + "$x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := password.Verify(tt.hash, "pw")
			if ok || !errors.Is(err, password.ErrMalformed) {
				t.Errorf("Verify(%q) = %v, %v; want false, ErrMalformed", tt.hash, ok, err)
			}
		})
	}
}

func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		if _, err := password.Hash("correct horse battery"); err != nil {
			b.Fatal(err)
		}
	}
}
