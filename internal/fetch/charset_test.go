package fetch_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/sitrep-project/sitrep/internal/fetch"
)

func encode(t *testing.T, e encoding.Encoding, s string) string {
	t.Helper()
	b, err := e.NewEncoder().String(s)
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func TestGetCharset(t *testing.T) {
	filler := strings.Repeat("<p>filler paragraph</p>\n", 100) // pushes text past the 1 KB sniff window

	tests := []struct {
		name        string
		contentType string // "" sends no Content-Type header
		body        string // bytes as sent
		want        string
	}{
		{name: "utf-8 declared", contentType: "text/html; charset=utf-8",
			body: "<p>Café à Damas</p>", want: "<p>Café à Damas</p>"},
		{name: "ISO-8859-1 declared in header", contentType: "text/html; charset=ISO-8859-1",
			body: "<p>Caf\xe9 \xe0 Damas</p>", want: "<p>Café à Damas</p>"},
		{name: "windows-1252 declared in header", contentType: "text/html; charset=windows-1252",
			body: "<p>\x93Quoted\x94 \x80 5</p>", want: "<p>“Quoted” € 5</p>"},
		{name: "windows-1252 declared in meta charset", contentType: "text/html",
			body: `<meta charset="windows-1252"><p>` + "\x93Caf\xe9\x94</p>", want: `<meta charset="windows-1252"><p>“Café”</p>`},
		{name: "ISO-8859-1 declared in meta http-equiv", contentType: "text/html",
			body: `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Caf` + "\xe9</p>",
			want: `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>Café</p>`},
		{name: "windows-1252 bytes declared utf-8 in header", contentType: "text/html; charset=utf-8",
			body: "<p>\x93Caf\xe9\x94</p>", want: "<p>“Café”</p>"},
		{name: "windows-1252 bytes declared utf-8 in meta", contentType: "text/html",
			body: `<meta charset="utf-8"><p>` + "Caf\xe9</p>", want: `<meta charset="utf-8"><p>Café</p>`},
		{name: "windows-1252 bytes after 1 KB declared utf-8", contentType: "text/html; charset=utf-8",
			body: filler + "<p>Caf\xe9</p>", want: filler + "<p>Café</p>"},
		{name: "windows-1252 bytes undeclared", contentType: "text/html",
			body: "<p>Caf\xe9</p>", want: "<p>Café</p>"},
		{name: "utf-8 bytes declared ISO-8859-1", contentType: "text/html; charset=iso-8859-1",
			body: "<p>Café à Damas</p>", want: "<p>Café à Damas</p>"},
		{name: "utf-8 bytes undeclared after 1 KB", contentType: "text/html",
			body: filler + "<p>Café</p>", want: filler + "<p>Café</p>"},
		{name: "utf-8 BOM stripped", contentType: "text/html",
			body: "\xef\xbb\xbf<p>Café</p>", want: "<p>Café</p>"},
		{name: "utf-8 text/plain without header charset", contentType: "text/plain",
			body: "Café à Damas", want: "Café à Damas"},
		{name: "no Content-Type, utf-8", contentType: "",
			body: "<!DOCTYPE html><p>Café</p>", want: "<!DOCTYPE html><p>Café</p>"},
		{name: "windows-1251 declared in meta", contentType: "text/html",
			body: `<meta charset="windows-1251"><p>` + encode(t, charmap.Windows1251, "Обстрел Харькова") + "</p>",
			want: `<meta charset="windows-1251"><p>Обстрел Харькова</p>`},
		{name: "Shift_JIS declared in header", contentType: "text/html; charset=Shift_JIS",
			body: "<p>" + encode(t, japanese.ShiftJIS, "東京の報告") + "</p>", want: "<p>東京の報告</p>"},
		{name: "UTF-16LE with BOM", contentType: "text/html",
			body: encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "<p>Café</p>"), want: "<p>Café</p>"},
		{name: "unknown charset label falls back to sniffing", contentType: "text/html; charset=x-no-such",
			body: "<p>Café</p>", want: "<p>Café</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.contentType == "" {
					w.Header()["Content-Type"] = nil
				} else {
					w.Header().Set("Content-Type", tt.contentType)
				}
				w.Write([]byte(tt.body))
			}))
			defer srv.Close()

			resp, err := fetch.New(fetch.Config{}).Get(context.Background(), fetch.Request{URL: srv.URL})
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if got, want := string(resp.Body), tt.want; got != want {
				t.Errorf("Body: got %q, want %q", got, want)
			}
			if !utf8.Valid(resp.Body) {
				t.Errorf("Body is not valid UTF-8: %q", resp.Body)
			}
		})
	}
}
