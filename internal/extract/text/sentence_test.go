package text

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "Shelling resumed. Two died! Who fired?",
			[]string{"Shelling resumed.", "Two died!", "Who fired?"}},
		{"country abbreviations", "U.S. and U.N. officials met in the U.K. on Monday. They left.",
			[]string{"U.S. and U.N. officials met in the U.K. on Monday.", "They left."}},
		{"abbreviation then opener", "The convoy reached the U.S. The talks failed.",
			[]string{"The convoy reached the U.S.", "The talks failed."}},
		{"abbreviation then name", "He met U.S. Army officers.",
			[]string{"He met U.S. Army officers."}},
		{"military titles", "Lt. Col. Omar Saleh and Gen. Khaled Nasser spoke. Sgt. Ali did not.",
			[]string{"Lt. Col. Omar Saleh and Gen. Khaled Nasser spoke.", "Sgt. Ali did not."}},
		{"months", "The raid on Sept. 14 and Aug. 2 killed five. Nobody claimed it.",
			[]string{"The raid on Sept. 14 and Aug. 2 killed five.", "Nobody claimed it."}},
		{"civil titles", "Mr. Haddad met Dr. Karim at St. George hospital.",
			[]string{"Mr. Haddad met Dr. Karim at St. George hospital."}},
		{"number abbreviation", "He lives at No. 5 Main Road. No. That is wrong.",
			[]string{"He lives at No. 5 Main Road.", "No.", "That is wrong."}},
		{"clock times", "It began at 5 a.m. Tuesday and ended at 9 p.m. The town fell.",
			[]string{"It began at 5 a.m. Tuesday and ended at 9 p.m.", "The town fell."}},
		{"latin abbreviations", "Some groups, e.g. the militias, i.e. armed men, left. Others stayed.",
			[]string{"Some groups, e.g. the militias, i.e. armed men, left.", "Others stayed."}},
		{"initials", "The book by J. R. Hartley sold. It was good.",
			[]string{"The book by J. R. Hartley sold.", "It was good."}},
		{"decimals", "Prices rose 3.5 percent. Fuel costs 1.25 dollars.",
			[]string{"Prices rose 3.5 percent.", "Fuel costs 1.25 dollars."}},
		{"quote after comma", `"We will stay," he said. "Next week we move."`,
			[]string{`"We will stay," he said.`, `"Next week we move."`}},
		{"period inside quote", `She said: "It is over." Then she left.`,
			[]string{`She said: "It is over."`, `Then she left.`}},
		{"curly quotes", "\u201CThey fled.\u201D Rebels denied it.",
			[]string{"\u201CThey fled.\u201D", "Rebels denied it."}},
		{"question inside quote", `"Why now?" he asked. Nobody answered.`,
			[]string{`"Why now?" he asked.`, "Nobody answered."}},
		{"ellipsis continues", "They waited... and waited. Then it came.",
			[]string{"They waited... and waited.", "Then it came."}},
		{"ellipsis ends", "They waited\u2026 The convoy never came.",
			[]string{"They waited\u2026", "The convoy never came."}},
		{"paragraph break without period", "Convoy stranded in desert\n\nThe buses stopped.",
			[]string{"Convoy stranded in desert", "The buses stopped."}},
		{"blank line with spaces", "First line\r\n  \r\nSecond line",
			[]string{"First line", "Second line"}},
		{"single line break is space", "The fighters left the\nenclave on Monday.",
			[]string{"The fighters left the\nenclave on Monday."}},
		{"lower case after period", "Approx. three hundred fled.",
			[]string{"Approx. three hundred fled."}},
		{"trailing space and no period", "  Ten were hurt  ",
			[]string{"Ten were hurt"}},
		{"multiple marks", "What?! They left?! Yes.",
			[]string{"What?!", "They left?!", "Yes."}},
		{"only space", " \n\n ", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, sp := range Sentences(tt.in) {
				got = append(got, tt.in[sp.ByteStart:sp.ByteEnd])
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSentencesCodePoints(t *testing.T) {
	in := "Ḩumaymah fell. Al‑Būkamāl held."
	got := Sentences(in)
	want := []Span{{0, 14, 0, 16}, {15, 31, 17, 37}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Sentences(%q) = %v, want %v", in, got, want)
	}
	for _, sp := range got {
		if n := utf8.RuneCountInString(in[:sp.ByteStart]); n != sp.Start {
			t.Errorf("Start %d, want %d", sp.Start, n)
		}
		if n := utf8.RuneCountInString(in[:sp.ByteEnd]); n != sp.End {
			t.Errorf("End %d, want %d", sp.End, n)
		}
	}
}

func BenchmarkSentences(b *testing.B) {
	para := `The convoy of 17 buses, carrying about 300 fighters, stopped near the U.S. base on Sept. 3. ` +
		`"We will not let it pass," a coalition spokesman said. Lt. Col. Smith added that 3.5 tonnes of aid waited... ` +
		`Nobody knew when it would move? Officials in Damascus declined to comment!` + "\n\n"
	s := strings.Repeat(para, 200)
	words := len(strings.Fields(s))
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Sentences(s)
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
