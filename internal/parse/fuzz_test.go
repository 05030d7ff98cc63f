package parse_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/parse"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// FuzzDocument feeds arbitrary bytes under each kind of name: parsing must
// never panic, must fail only with a user-facing parse error, and must give
// valid UTF-8 text when it succeeds.
func FuzzDocument(f *testing.F) {
	for _, tc := range goldenCases {
		data, err := os.ReadFile(filepath.Join("testdata", tc.file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(tc.file, data)
	}
	f.Add("a.html", []byte("<html><head><title>T</title><meta charset=windows-1252></head><body><p>caf\xe9</p>"))
	f.Add("a.html", []byte(`<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","author":{"@id":"#a"}},{"@id":"#a","name":"X"}]}</script><p>text</p>`))
	f.Add("a.txt", []byte("Published: 3 years ago | Country: , , | Topics: , , | Comments: No Comments\nHeadline\n\nBody.\n\nWritten by Staff"))
	f.Add("a.jsonl", []byte("{\"text\": \"a\"}\n{\"text\": \"b\"}\n"))
	f.Add("-", []byte("{\"title\": \"x\", \"text\": \"y\", \"published\": 1675621800}"))
	f.Add("-", []byte("\xFF\xFEH\x00i\x00"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		a, err := parse.Document(parse.Input{Name: name, Data: data, Retrieved: retrieved})
		if err != nil {
			var e *sitrep.Error
			if !errors.As(err, &e) || (e.Code != sitrep.EINVALID && e.Code != sitrep.ETOOLARGE) {
				t.Fatalf("got %T %v, want *sitrep.Error with code invalid or too_large", err, err)
			}
			if !strings.HasPrefix(err.Error(), "parse ") {
				t.Fatalf("error %q does not start with \"parse \"", err)
			}
			return
		}
		if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Body) || !utf8.ValidString(a.Byline) {
			t.Fatalf("text not valid UTF-8: title %q", a.Title)
		}
		if a.Body == "" || a.ID == "" || a.ContentHash == "" {
			t.Fatalf("incomplete article: body %d bytes, id %q, hash %q", len(a.Body), a.ID, a.ContentHash)
		}
		switch a.Format {
		case "html", "text", "json":
		default:
			t.Fatalf("format %q", a.Format)
		}
		if !a.PublishedPrecision.Valid() || (a.Published == nil) != (a.PublishedPrecision == sitrep.PrecisionNone) {
			t.Fatalf("published %v with precision %q", a.Published, a.PublishedPrecision)
		}
	})
}

// FuzzDate checks that date parsing never panics and reports a precision
// exactly when it reports a date.
func FuzzDate(f *testing.F) {
	for _, s := range []string{"5 years ago", "August 30, 2017", "30 Aug 2017 14:05 GMT", "2017-08-30T14:05:00Z", "30/08/2017", "yesterday at 2:05 pm", "1 year, 2 months ago"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, p, ok := parse.Date(s, retrieved)
		if ok != (p != sitrep.PrecisionNone) || !p.Valid() {
			t.Fatalf("Date(%q): ok %v with precision %q", s, ok, p)
		}
	})
}
