package sitrep_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestArticleID(t *testing.T) {
	tests := []struct {
		name string
		a, b sitrep.Article
		same bool
	}{
		{"canonical URL wins over content", sitrep.Article{CanonicalURL: "https://x.example/a", Body: "one"}, sitrep.Article{CanonicalURL: "https://x.example/a", Body: "two"}, true},
		{"different URLs", sitrep.Article{URL: "https://x.example/a", Body: "one"}, sitrep.Article{URL: "https://x.example/b", Body: "one"}, false},
		{"external id within a source", sitrep.Article{Source: "wire", ExternalID: "7", Body: "one"}, sitrep.Article{Source: "wire", ExternalID: "7", Body: "two"}, true},
		{"same external id, other source", sitrep.Article{Source: "wire", ExternalID: "7", Body: "one"}, sitrep.Article{Source: "paper", ExternalID: "7", Body: "one"}, false},
		{"content only, whitespace folded", sitrep.Article{Title: "T", Body: "a  b\nc"}, sitrep.Article{Title: "T", Body: "a b c"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.a.Normalize()
			tt.b.Normalize()
			if got := tt.a.ID == tt.b.ID; got != tt.same {
				t.Errorf("ids %s and %s: same = %v, want %v", tt.a.ID, tt.b.ID, got, tt.same)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		code    string
		message string
		status  int
	}{
		{"nil", nil, "", "", 200},
		{"not found", sitrep.Errorf(sitrep.ENOTFOUND, "article %s not found", "x"), sitrep.ENOTFOUND, "article x not found", 404},
		{"wrapped", fmt.Errorf("ingest: %w", sitrep.Errorf(sitrep.ETOOLARGE, "too big")), sitrep.ETOOLARGE, "too big", 413},
		{"plain error is internal", errors.New("disk on fire"), sitrep.EINTERNAL, "internal error", 500},
		{"invalid", &sitrep.Error{Code: sitrep.EINVALID, Message: "bad", Err: errors.New("detail")}, sitrep.EINVALID, "bad", 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sitrep.ErrorCode(tt.err); got != tt.code {
				t.Errorf("code = %q, want %q", got, tt.code)
			}
			if got := sitrep.ErrorMessage(tt.err); got != tt.message {
				t.Errorf("message = %q, want %q", got, tt.message)
			}
			if got := sitrep.ErrorStatus(sitrep.ErrorCode(tt.err)); got != tt.status {
				t.Errorf("status = %d, want %d", got, tt.status)
			}
		})
	}
}
