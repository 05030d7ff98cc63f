package places

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// want is one expected place mention: its text, and the country, feature
// and first-level division it resolves to ("" for any).
type want struct {
	text, country, feature, admin1 string
}

func (w want) String() string {
	return fmt.Sprintf("%q=%s/%s/%s", w.text, w.country, w.feature, w.admin1)
}

func TestFind(t *testing.T) {
	x := load(t)
	tests := []struct {
		name string
		in   string
		want []want
	}{
		{"palmyra in a story about syria",
			"Government forces retook Palmyra from Islamic State fighters in central Syria on Sunday.",
			[]want{{"Palmyra", "SY", "", ""}, {"Syria", "SY", "country", ""}}},
		{"palmyra with its state",
			"The school board of Palmyra, Pennsylvania, met on Monday to approve the budget.",
			[]want{{"Palmyra", "US", "city", "Pennsylvania"}, {"Pennsylvania", "US", "admin1", "Pennsylvania"}}},
		{"alexandria louisiana",
			"A fire destroyed a warehouse in Alexandria, Louisiana, late on Friday.",
			[]want{{"Alexandria", "US", "city", "Louisiana"}, {"Louisiana", "US", "admin1", "Louisiana"}}},
		{"alexandria egypt",
			"Protesters gathered in Cairo and Alexandria after Friday prayers.",
			[]want{{"Cairo", "EG", "city", ""}, {"Alexandria", "EG", "city", ""}}},
		{"state abbreviation after a town",
			"Deputies in Cottonport, La., arrested two men after a chase.",
			[]want{{"Cottonport", "US", "city", "Louisiana"}, {"La.", "US", "admin1", "Louisiana"}}},
		{"province after the name",
			"Fighters fled toward Deir ez-Zor province after the town fell.",
			[]want{{"Deir ez-Zor", "SY", "admin1", "Deir ez-Zor"}}},
		{"other spelling of the province",
			"Dozens of fighters tried to reach Isil-held Deir al-Zor province by themselves.",
			[]want{{"Deir al-Zor", "SY", "admin1", "Deir ez-Zor"}}},
		{"the city of",
			"Shelling hit the city of Deir ez-Zor on Tuesday.",
			[]want{{"Deir ez-Zor", "SY", "city", "Deir ez-Zor"}}},
		{"newspaper name",
			"The Washington Post reported the strike first.",
			nil},
		{"president before a name",
			"President Bashar al-Assad visited the front line.",
			nil},
		{"lower-case english word",
			"A roadside bomb hit a bus and salt trucks near the border.",
			nil},
		{"capitalised town after in",
			"Clashes broke out in Hit, a town in Anbar province.",
			[]want{{"Hit", "IQ", "city", "Anbar"}, {"Anbar", "IQ", "admin1", "Anbar"}}},
		{"common word opening a sentence",
			"Reading the statement, the minister paused. Police said nothing.",
			nil},
		{"country before a possessive actor",
			"Lebanon's Hezbollah sent fighters across the border.",
			[]want{{"Lebanon", "LB", "country", ""}}},
		{"monitor name",
			"The Syrian Observatory for Human Rights said 12 people died.",
			nil},
		{"person's surname alone",
			"John Henry was arrested in Pineville, La. Henry denied the charge.",
			[]want{{"Pineville", "US", "city", "Louisiana"}, {"La.", "US", "admin1", "Louisiana"}}},
		{"given name before a surname",
			"Michael Thomas, 24, faces five charges in Texas.",
			[]want{{"Texas", "US", "admin1", "Texas"}}},
		{"country inside a coalition's name",
			"The US-led coalition struck targets near Raqqa.",
			[]want{{"Raqqa", "SY", "", "Raqqa"}}},
		{"transliteration after village of",
			"Rebels shelled the village of Tell Tamr overnight.",
			[]want{{"Tell Tamr", "SY", "", "Al-Hasakah"}}},
		{"months",
			"Talks resumed in May and collapsed in March.",
			nil},
		{"possessive without apostrophe",
			"Jets struck a market in Syrias Idlib province.",
			[]want{{"Syria", "SY", "country", ""}, {"Idlib", "SY", "admin1", "Idlib"}}},
		{"headline in capitals",
			"SHELLING HITS ALEPPO AS TALKS STALL\n\nShelling hit Aleppo on Monday.",
			[]want{{"ALEPPO", "SY", "", "Aleppo"}, {"Aleppo", "SY", "", "Aleppo"}}},
		{"street names",
			"He lives at 12 Jackson Street and works on Dublin Road.",
			nil},
		{"contraction",
			`"We're staying," she said.`,
			nil},
		{"us in capitals only",
			"Let us go, said the US envoy in Beirut.",
			[]want{{"US", "US", "country", ""}, {"Beirut", "LB", "city", ""}}},
		{"continent",
			"The virus spread across Europe and Africa.",
			[]want{{"Europe", "", "continent", ""}, {"Africa", "", "continent", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := x.find(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("Find(%q)\n got %v\nwant %v", tt.in, describe(got), tt.want)
			}
			for i, w := range tt.want {
				p := got[i]
				if p.Text != w.text || (w.country != "" && p.Country != w.country) ||
					(w.feature != "" && p.Feature != w.feature) || (w.admin1 != "" && p.Admin1 != w.admin1) {
					t.Errorf("mention %d = %q %s/%s/%s (%s), want %v", i, p.Text, p.Country, p.Feature, p.Admin1, p.Name, w)
				}
			}
		})
	}
}

func describe(ms []sitrep.PlaceMention) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = fmt.Sprintf("%q=%s/%s/%s(%s)", m.Text, m.Country, m.Feature, m.Admin1, m.Name)
	}
	return out
}

// TestFindOneResolutionPerName checks that every mention of a name in a text
// resolves to the same place.
func TestFindOneResolutionPerName(t *testing.T) {
	x := load(t)
	in := "Troops entered Palmyra on Monday. Palmyra had been held by Islamic State " +
		"since May. Syrian state television showed the ruins of Palmyra."
	got := x.find(in)
	var names []string
	for _, p := range got {
		if p.Text == "Palmyra" {
			names = append(names, p.Name+"/"+p.Country)
		}
	}
	if len(names) != 3 {
		t.Fatalf("Palmyra mentions = %v, want 3 in %v", names, describe(got))
	}
	for _, n := range names[1:] {
		if n != names[0] {
			t.Errorf("Palmyra resolved to %v, want one place", names)
		}
	}
	if !strings.HasSuffix(names[0], "/SY") {
		t.Errorf("Palmyra = %s, want the Syrian town", names[0])
	}
}

func TestFindCodePointOffsets(t *testing.T) {
	x := load(t)
	in := "Ḩumaymah — «a hamlet» — lies south of Al\u2011Būkamāl, near Syria\u2019s border."
	got := x.find(in)
	runes := []rune(in)
	wantTexts := []string{"Ḩumaymah", "Al\u2011Būkamāl", "Syria"}
	if len(got) != len(wantTexts) {
		t.Fatalf("Find = %v, want %q", describe(got), wantTexts)
	}
	for i, p := range got {
		if p.Text != wantTexts[i] {
			t.Errorf("mention %d = %q, want %q", i, p.Text, wantTexts[i])
		}
		if p.Start < 0 || p.End > len(runes) || string(runes[p.Start:p.End]) != p.Text {
			t.Errorf("mention %q at [%d,%d) is not that text in code points", p.Text, p.Start, p.End)
		}
	}
	if got[0].Country != "SY" || got[1].Country != "SY" {
		t.Errorf("countries = %s, %s, want SY, SY", got[0].Country, got[1].Country)
	}
	if start := utf8.RuneCountInString(in[:strings.Index(in, "Al\u2011")]); got[1].Start != start {
		t.Errorf("Al-Bukamal starts at %d, want %d", got[1].Start, start)
	}
}

func TestFindEmpty(t *testing.T) {
	x := load(t)
	for _, in := range []string{"", "   ", "...", "no places at all here."} {
		if got := x.find(in); len(got) != 0 {
			t.Errorf("Find(%q) = %v, want none", in, describe(got))
		}
	}
}

func TestParseWords(t *testing.T) {
	tests := []struct {
		name, in, err string
	}{
		{"unknown list", "[nope]\nword\n", "unknown list"},
		{"word before list", "word\n[title]\n", "before any"},
		{"fine", "# comment\n[title]\nmr dr\n[never]\nred_cross\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			words, err := parseWords(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("parseWords error = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if words["mr"] != classTitle || words["red cross"] != classNever {
				t.Errorf("words = %v, want mr a title and \"red cross\" never", words)
			}
		})
	}
	if _, err := parseWords(wordsFile); err != nil {
		t.Errorf("words.txt: %v", err)
	}
}

func TestTransliterations(t *testing.T) {
	tests := []struct {
		key, want string
	}{
		{"tell tamr", "tal tamr"},
		{"kfar zeita", "kafr zeita"},
		{"deir ezour", "deir ezzor"},
		{"raqa", "raqqa"},
		{"gouta", "ghouta"},
		{"hasakeh", "hasaka"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			found := false
			transliterations(tt.key, func(v string) bool {
				found = found || v == tt.want
				return !found
			})
			if !found {
				t.Errorf("transliterations(%q) never gave %q", tt.key, tt.want)
			}
		})
	}
}

func TestFocus(t *testing.T) {
	mk := func(start int, name, country, admin1, feature string) sitrep.PlaceMention {
		return sitrep.PlaceMention{Span: sitrep.Span{Start: start, End: start + len(name), Text: name},
			Name: name, Country: country, Admin1: admin1, Feature: feature}
	}
	tests := []struct {
		name string
		ms   []sitrep.PlaceMention
		want int
	}{
		{"none", nil, -1},
		{"countries only", []sitrep.PlaceMention{mk(0, "Syria", "SY", "", "country")}, -1},
		{"most mentioned town", []sitrep.PlaceMention{
			mk(0, "Syria", "SY", "", "country"), mk(300, "Hama", "SY", "Hama", "city"),
			mk(400, "Idlib", "SY", "Idlib", "city"), mk(500, "Idlib", "SY", "Idlib", "city"),
		}, 2},
		{"division gathers its villages", []sitrep.PlaceMention{
			mk(300, "Homs", "SY", "Homs", "city"), mk(400, "Saraqeb", "SY", "Idlib", "town"),
			mk(450, "Ariha", "SY", "Idlib", "town"), mk(600, "Sarmin", "SY", "Idlib", "town"),
		}, 1},
		{"lead counts more", []sitrep.PlaceMention{
			mk(10, "Raqqa", "SY", "Raqqa", "city"), mk(700, "Hama", "SY", "Hama", "city"),
		}, 0},
		{"foreign capital counts less", []sitrep.PlaceMention{
			mk(10, "Moscow", "RU", "Moscow", "city"), mk(300, "Syria", "SY", "", "country"),
			mk(400, "Syria", "SY", "", "country"), mk(500, "Deir ez-Zor", "SY", "Deir ez-Zor", "city"),
		}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Focus(tt.ms); got != tt.want {
				t.Errorf("Focus = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestFindConcurrent runs Find from several goroutines at once, as the
// extractor's workers do; with -race it checks the shared caches.
func TestFindConcurrent(t *testing.T) {
	x := load(t)
	texts := []string{
		"Shelling hit the city of Deir ez-Zor and the village of Tell Tamr on Tuesday.",
		"Deputies in Cottonport, La., arrested two men after a chase near Alexandria.",
		"Troops entered Palmyra, east of Homs, as jets struck Idlib province.",
	}
	want := make([][]string, len(texts))
	for i, s := range texts {
		want[i] = describe(x.find(s))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 20; n++ {
				i := (g + n) % len(texts)
				if got := describe(x.find(texts[i])); !slices.Equal(got, want[i]) {
					errs <- fmt.Sprintf("Find(%q) = %v, want %v", texts[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
