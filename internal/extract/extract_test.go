package extract_test

import (
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/corpusgen"
	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var (
	loadOnce  sync.Once
	extractor *extract.Extractor
	loadErr   error
)

// load shares one Extractor across tests: loading is the expensive part.
func load(tb testing.TB) *extract.Extractor {
	tb.Helper()
	loadOnce.Do(func() { extractor, loadErr = extract.Load(extract.Options{}) })
	if loadErr != nil {
		tb.Fatalf("load: %v", loadErr)
	}
	return extractor
}

func TestAnalyzeStranded(t *testing.T) {
	data, err := os.ReadFile("testdata/stranded.txt")
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2026, 10, 8, 9, 0, 0, 0, time.UTC)
	title, body, _ := strings.Cut(string(data), "\n\n")
	a := load(t).Analyze(extract.Document{Title: title, Text: body, Published: &pub, PublishedPrecision: sitrep.PrecisionMinute})

	checkOffsets(t, body, a)
	if len(a.Countries) == 0 || a.Countries[0].Code != "SY" {
		t.Errorf("countries = %v, want Syria first", a.Countries)
	}
	wantTopics := map[string]bool{"medtop:20000056": false} // armed conflict
	for _, tp := range a.Topics {
		if _, ok := wantTopics[tp.Code]; ok {
			wantTopics[tp.Code] = true
		}
	}
	for code, found := range wantTopics {
		if !found {
			t.Errorf("topic %s missing from %v", code, a.Topics)
		}
	}
	wantActors := []string{"Islamic State", "Hezbollah", "Syrian Observatory for Human Rights"}
	for _, name := range wantActors {
		if !hasActor(a, name) {
			t.Errorf("actor %q not found", name)
		}
	}
	var yesterday string
	for _, d := range a.Dates {
		if strings.EqualFold(d.Text, "yesterday") {
			yesterday = d.Value
		}
	}
	if got, want := yesterday, "2026-10-07"; got != want {
		t.Errorf("yesterday = %q, want %q", got, want)
	}
}

func hasActor(a *sitrep.Analysis, name string) bool {
	for _, ac := range a.Actors {
		if ac.Name == name {
			return true
		}
	}
	return false
}

// checkOffsets asserts every finding's span is inside text and its Text is
// the code-point slice it names.
func checkOffsets(t testing.TB, text string, a *sitrep.Analysis) {
	t.Helper()
	r := []rune(text)
	check := func(kind string, s sitrep.Span) {
		if s.Start < 0 || s.End > len(r) || s.Start > s.End {
			t.Fatalf("%s span [%d,%d) outside text of %d code points", kind, s.Start, s.End, len(r))
		}
		if got := string(r[s.Start:s.End]); got != s.Text {
			t.Fatalf("%s span [%d,%d) is %q, Text says %q", kind, s.Start, s.End, got, s.Text)
		}
	}
	for _, p := range a.Places {
		check("place", p.Span)
	}
	for _, ac := range a.Actors {
		check("actor", ac.Span)
	}
	for _, d := range a.Dates {
		check("date", d.Span)
	}
	for _, q := range a.Quantities {
		check("quantity", q.Span)
	}
	for _, e := range a.Events {
		if e.Start < 0 || e.End > len(r) || e.Start > e.End {
			t.Fatalf("event span [%d,%d) outside text", e.Start, e.End)
		}
	}
	for _, c := range a.Claims {
		for _, s := range [][2]int{{c.SourceStart, c.SourceEnd}, {c.CueStart, c.CueEnd}, {c.ContentStart, c.ContentEnd}} {
			if s[0] < 0 || s[1] > len(r) || s[0] > s[1] {
				t.Fatalf("claim span %v outside text", s)
			}
		}
	}
	for _, c := range a.Contradictions {
		if c.A < 0 || c.B < 0 || c.A >= len(a.Claims) || c.B >= len(a.Claims) {
			t.Fatalf("contradiction %v indexes outside %d claims", c, len(a.Claims))
		}
	}
}

func TestAnalyzeIsPureAndConcurrent(t *testing.T) {
	x := load(t)
	g := corpusgen.New(5)
	docs := make([]extract.Document, 8)
	for i := range docs {
		a := g.Next()
		docs[i] = extract.Document{Title: a.Title, Text: a.Text}
	}
	want := make([]int, len(docs))
	for i, d := range docs {
		want[i] = len(x.Analyze(d).Actors)
	}
	var wg sync.WaitGroup
	for i, d := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := len(x.Analyze(d).Actors); got != want[i] {
				t.Errorf("doc %d: %d actors concurrently, %d alone", i, got, want[i])
			}
		}()
	}
	wg.Wait()
}

func FuzzAnalyze(f *testing.F) {
	f.Add("The US-led coalition said on Tuesday it struck 17 vehicles near Deir ez-Zor, killing about 30 Isil fighters.")
	f.Add("Ḩumaymah, Syria — Hezbollah denied reports that \"a hundred\" fighters had crossed.")
	f.Add("")
	f.Add("\x00\xff\xfe 'Dar'a' -- 3.5 million, 2017-08-30 at 3 p.m.")
	x := load(f)
	pub := time.Date(2017, 8, 30, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		a := x.Analyze(extract.Document{Text: s, Title: s, Published: &pub})
		checkOffsets(t, s, a)
	})
}

// BenchmarkAnalyze measures full extraction on one core over generated
// articles, in words per second.
func BenchmarkAnalyze(b *testing.B) {
	x := load(b)
	g := corpusgen.New(77)
	docs := make([]extract.Document, 200)
	words := 0
	for i := range docs {
		a := g.Next()
		docs[i] = extract.Document{Title: a.Title, Text: a.Text}
		words += len(strings.Fields(a.Text))
	}
	pub := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			d.Published = &pub
			x.Analyze(d)
		}
	}
	b.ReportMetric(float64(words*b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkLoad measures start-up: loading the gazetteer and lexicons.
func BenchmarkLoad(b *testing.B) {
	var m runtime.MemStats
	for i := 0; i < b.N; i++ {
		if _, err := extract.Load(extract.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&m)
	b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "heap-MB")
}
