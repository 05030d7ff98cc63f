package sqlite

import (
	"github.com/sitrep-project/sitrep/internal/store/storetest"
	"testing"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/snippet"
)

// FuzzSearch checks that no user text makes a search fail other than as
// invalid input: it must never reach FTS5 as query syntax.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{
		`convoy's "`, "AND", "*", "-", "NEAR(", `"`, "title:x", "a OR b", "^x", "(x", "x)",
		"\u0301", "a\u0301", "\u200b", "😀", "戦争", "حرب", "ـ", "x\x00y", "\xff\xfe", "²", "a\u00adb",
		"Syria's", "'s", "ez-Zor", "Dar'a",
	} {
		f.Add(s)
	}
	db, err := Open(f.Context(), f.TempDir()+"/fuzz.db")
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	if _, err := db.PutArticles(f.Context(), storetest.NewArticleGen(9).Articles(20, 60)); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		_, err := db.Search(t.Context(), sitrep.SearchQuery{Text: q})
		if code := sitrep.ErrorCode(err); code != "" && code != sitrep.EINVALID {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

// FuzzSnippet checks that any body and query give a snippet without a panic,
// in valid UTF-8 when the body is, and no longer than the body with marks.
func FuzzSnippet(f *testing.F) {
	f.Add("A convoy left Dar'a at dawn.", "convoy dara")
	f.Add("Būkamāl\n\n  x", "bukamal")
	f.Add("", "x")
	f.Add("\xff ab \u0301", "ab")
	f.Fuzz(func(t *testing.T, body, query string) {
		_, terms, err := parseQuery(query)
		if err != nil {
			return
		}
		got := snippet.Cut(body, terms)
		if utf8.ValidString(body) && !utf8.ValidString(got) {
			t.Fatalf("snippet(%q, %q) = %q: invalid UTF-8", body, terms, got)
		}
		if limit := len(body)*3 + 2*len("…"); len(got) > limit {
			t.Fatalf("snippet(%q, %q) = %q: longer than the body allows", body, terms, got)
		}
	})
}
