package text

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// samples mix the shapes the fast paths tell apart: lower-case ASCII,
// capitals, joiners, marks and other scripts, blank lines.
var samples = []string{
	"the convoy of 17 buses stopped near the border",
	"Deir ez-Zor's road and Dar'a, Shi\u2019ite militias",
	"\u1E28umaymah Al\u2011B\u016Bkam\u0101l, Stra\u00DFe, \u0130stanbul, \u00C6r\u00F8",
	"x\u0303y and \u2018quoted\u2019 \u201Cwords\u201D \u2014 a dash",
	"U.S.-led coalition!  Sept. 3\n\nNew paragraph\u2029next",
	"\u0627\u0644\u0642\u0627\u0647\u0631\u0629 and \u5317\u4EAC and \u00BD",
	"bad \xff utf8 \xe2\x80",
	"",
}

func TestTokenKeysAreFolds(t *testing.T) {
	for _, s := range samples {
		for _, tok := range Tokens(s) {
			if want := Fold(tok.Text); tok.Key != want {
				t.Errorf("%q: key of %q = %q, want Fold = %q", s, tok.Text, tok.Key, want)
			}
			if got := s[tok.ByteStart:tok.ByteEnd]; got != tok.Text {
				t.Errorf("%q: byte span %q, want %q", s, got, tok.Text)
			}
			if got := utf8.RuneCountInString(s[:tok.ByteStart]); got != tok.Start {
				t.Errorf("%q: %q starts at code point %d, want %d", s, tok.Text, tok.Start, got)
			}
		}
	}
}

func TestFoldKeepsKeys(t *testing.T) {
	tests := []struct{ in, want string }{
		{"already folded words", "already folded words"},
		{"two  spaces", "two spaces"},
		{" leading", "leading"},
		{"trailing ", "trailing"},
		{"UPPER", "upper"},
		{"ab-", "ab"},
		{"a\u2011", "a"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAppendFold(t *testing.T) {
	for _, s := range samples {
		prefix := []byte("key:")
		got := AppendFold(prefix, s)
		if want := "key:" + Fold(s); string(got) != want {
			t.Errorf("AppendFold(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestAppendTokens(t *testing.T) {
	var toks []Token
	for _, s := range samples {
		prior := Token{Text: "prior", Key: "prior"}
		toks = AppendTokens(append(toks[:0], prior), s)
		if toks[0] != prior {
			t.Errorf("%q: AppendTokens changed the token before it: %+v", s, toks[0])
		}
		if got, want := toks[1:], Tokens(s); !(len(got) == 0 && len(want) == 0) && !reflect.DeepEqual(got, want) {
			t.Errorf("%q: AppendTokens = %+v, want %+v", s, got, want)
		}
	}
}

func TestAppendSentences(t *testing.T) {
	for _, s := range samples {
		prior := Span{Start: -1}
		got := AppendSentences([]Span{prior}, s)
		if got[0] != prior {
			t.Errorf("%q: AppendSentences changed the span before it", s)
		}
		if want := Sentences(s); !(len(got) == 1 && len(want) == 0) && !reflect.DeepEqual(got[1:], want) {
			t.Errorf("%q: AppendSentences = %v, want %v", s, got[1:], want)
		}
	}
}

func TestIndex(t *testing.T) {
	var x Index
	for _, s := range samples {
		toks := Tokens(s)
		x.Reset(toks)
		n := utf8.RuneCountInString(s)
		for cp := -2; cp <= n+2; cp++ {
			after, from := len(toks), len(toks)
			for i := len(toks) - 1; i >= 0; i-- {
				if toks[i].End > cp {
					after = i
				}
				if toks[i].Start >= cp {
					from = i
				}
			}
			if got := x.After(cp); got != after {
				t.Errorf("%q: After(%d) = %d, want %d", s, cp, got, after)
			}
			if got := x.From(cp); got != from {
				t.Errorf("%q: From(%d) = %d, want %d", s, cp, got, from)
			}
		}
	}
}

func TestFilter(t *testing.T) {
	members := strings.Fields("said says told denied claimed according report reports statement warned added")
	f := NewFilter(len(members))
	for _, w := range members {
		f.Add(w)
	}
	for _, w := range members {
		if !f.May(w) {
			t.Errorf("May(%q) = false for a member", w)
		}
	}
	others := strings.Fields("the of and in to a was for on that with by at from his her it as were is be " +
		"fighters convoy buses desert border killed people town village troops strikes shelling " +
		"government army officials area civilians group week monday tuesday yesterday dozens three")
	rejected := 0
	for _, w := range others {
		if !f.May(w) {
			rejected++
		}
	}
	if rejected*10 < len(others)*8 {
		t.Errorf("rejected %d of %d words outside the set, want most", rejected, len(others))
	}
	if NewFilter(0).May("said") {
		t.Error("an empty filter accepts a word")
	}

	// A large set gets a table large enough to reject most others too.
	big := NewFilter(3000)
	for i := range 3000 {
		big.Add(fmt.Sprintf("member%d", i))
	}
	rejected = 0
	for i := range 3000 {
		if !big.May(fmt.Sprintf("member%d", i)) {
			t.Fatalf("May(member%d) = false for a member", i)
		}
		if !big.May(fmt.Sprintf("other%dx", i)) {
			rejected++
		}
	}
	if rejected*10 < 3000*8 {
		t.Errorf("large filter rejected %d of 3000 words outside the set, want most", rejected)
	}
}

// FuzzTokens checks what the fast paths of Tokens must keep: every key is
// the fold of its token, the offsets agree with the text, and the index
// finds each token by its code points.
func FuzzTokens(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(s)
		x := NewIndex(toks)
		for i, tok := range toks {
			if want := Fold(tok.Text); tok.Key != want {
				t.Fatalf("key of %q = %q, want %q", tok.Text, tok.Key, want)
			}
			if s[tok.ByteStart:tok.ByteEnd] != tok.Text {
				t.Fatalf("byte span of %q is %q", tok.Text, s[tok.ByteStart:tok.ByteEnd])
			}
			if got := utf8.RuneCountInString(s[:tok.ByteStart]); got != tok.Start {
				t.Fatalf("%q starts at code point %d, want %d", tok.Text, tok.Start, got)
			}
			if x.After(tok.Start) != i || x.From(tok.Start) != i || x.After(tok.End-1) != i {
				t.Fatalf("index of %q at %d: After %d, From %d, After(end-1) %d", tok.Text, i, x.After(tok.Start), x.From(tok.Start), x.After(tok.End-1))
			}
		}
	})
}
