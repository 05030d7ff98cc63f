package postgres

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in, query string
		terms     []string
	}{
		{"convoy", "'convoy'", []string{"convoy"}},
		{"Deir ez-Zor", "'deir' & 'ez' <-> 'zor'", []string{"deir", "ez", "zor"}},
		{"Būkamāl's", "'bukamal'", []string{"bukamal"}},
		{"convoy CONVOY Convoy", "'convoy'", []string{"convoy"}},
		{`NEAR(convoy trucks, 2)`, "'near' & 'convoy' & 'trucks' & '2'", []string{"near", "convoy", "trucks", "2"}},
		{`'; DROP TABLE articles; --`, "'drop' & 'table' & 'articles'", []string{"drop", "table", "articles"}},
		{`convoy:trucks & !x | y <-> z`, "'convoy' & 'trucks' & 'x' & 'y' & 'z'", []string{"convoy", "trucks", "x", "y", "z"}},
		{"Dar'a", "'dar' <-> 'a'", []string{"dar", "a"}},
		{"x\x00y", "'x' & 'y'", []string{"x", "y"}},
	}
	for _, tt := range tests {
		query, terms, err := parseQuery(tt.in)
		if err != nil {
			t.Errorf("parseQuery(%q): %v", tt.in, err)
			continue
		}
		if query != tt.query || !reflect.DeepEqual(terms, tt.terms) {
			t.Errorf("parseQuery(%q) = %q %q, want %q %q", tt.in, query, terms, tt.query, tt.terms)
		}
	}
	for _, in := range []string{"", "'s", "…", strings.Repeat("a ", 200), strings.Repeat("w", MaxSearchBytes+1),
		"a b c d e f g h i j k l m n o p q"} {
		if _, _, err := parseQuery(in); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("parseQuery(%.30q): error %v, want EINVALID", in, err)
		}
	}
}

func TestIndexText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Shelling in DEIR EZ-ZOR province.", "shelling in deir ez zor province"},
		{"Trucks crossed at Būkamāl; Dar'a", "trucks crossed at bukamal dar a"},
		{"  \n\t ", ""},
		{"Straße Œuvre", "strasse oeuvre"},
	}
	for _, tt := range tests {
		if got := indexText(tt.in); got != tt.want {
			t.Errorf("indexText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("word ", maxIndexBytes)
	if got := indexText(long); len(got) > maxIndexBytes || len(got) < maxIndexBytes-5 {
		t.Errorf("indexText of %d bytes gave %d, want at most %d", len(long), len(got), maxIndexBytes)
	}
}

// FuzzParseQuery checks that any user text becomes either EINVALID or a
// query of quoted words of letters and digits joined by & and <->: nothing
// to_tsquery could read as syntax.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		`convoy's "`, "AND", "*", "-", "NEAR(", `"`, "title:x", "a | b", "!x", "(x", "x)", "a <-> b", "x:*",
		"\u0301", "a\u0301", "\u200b", "😀", "戦争", "حرب", "ـ", "x\x00y", "\xff\xfe", "²", "a\u00adb",
		"Syria's", "'s", "ez-Zor", "Dar'a", `a\'b`, "''",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		query, terms, err := parseQuery(s)
		if err != nil {
			if code := sitrep.ErrorCode(err); code != sitrep.EINVALID {
				t.Fatalf("parseQuery(%q): %v", s, err)
			}
			return
		}
		if len(terms) == 0 {
			t.Fatalf("parseQuery(%q) = %q with no terms", s, query)
		}
		for i, part := range strings.Split(query, " ") {
			if i%2 == 1 {
				if part != "&" && part != "<->" {
					t.Fatalf("parseQuery(%q) = %q: operator %q", s, query, part)
				}
				continue
			}
			word := strings.TrimSuffix(strings.TrimPrefix(part, "'"), "'")
			if len(part) != len(word)+2 || word == "" || !strings.ContainsFunc(word, isWordRune) ||
				strings.ContainsFunc(word, func(r rune) bool { return !isWordRune(r) }) {
				t.Fatalf("parseQuery(%q) = %q: lexeme %q", s, query, part)
			}
		}
	})
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
