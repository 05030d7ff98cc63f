// Package indextest builds small databases for the tests of the index and
// of its readers (site, API, exports): a real SQLite store in a temporary
// directory, a handful of hand-made articles whose analyses exercise the
// awkward cases, and the index synced over them.
package indextest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// Open returns a new store in t's temporary directory with articles stored
// and indexed. It is closed when the test ends.
func Open(t testing.TB, articles ...*sitrep.Article) (*sqlite.DB, *index.Index) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "index.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if len(articles) > 0 {
		if _, err := db.PutArticles(ctx, articles); err != nil {
			t.Fatal(err)
		}
	}
	idx := index.New(db.SQL())
	if _, err := idx.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	return db, idx
}

func ptr[T any](v T) *T { return &v }

// Day is the publication day of the fixture's newest article.
var Day = time.Date(2026, 10, 6, 7, 40, 0, 0, time.UTC)

// Body of Ambush: the offsets in its analysis count code points, and
// "Dayr az-Zawr" is preceded by multi-byte characters ("—", "é") so that a
// byte/code-point mix-up shows.
const ambushBody = "QAMISHLI, Syria — Islamic State fighters ambushed an SDF convoy near Thiban on Tuesday, killing seven, the SDF said.\n\n" +
	"Café owners in Dayr az-Zawr said the road was closed. The group denied attacking civilians."

// Ambush is a fully analysed article about Syria.
func Ambush() *sitrep.Article {
	a := &sitrep.Article{
		Input: "ambush.html", Format: "html", Source: "Meridian Press Agency",
		CanonicalURL: "https://meridianpress.example/news/ambush",
		Title:        "Islamic State ambush kills seven SDF fighters", Byline: "Lina Qassab", Language: "en",
		Body: ambushBody, Published: ptr(Day), PublishedPrecision: sitrep.PrecisionMinute,
		Retrieved: Day.Add(48 * time.Hour), PageComments: "2 Comments",
	}
	a.Analysis = &sitrep.Analysis{
		Countries: []sitrep.CountryScore{{Code: "SY", Name: "Syria", Score: 1}, {Code: "IQ", Name: "Iraq", Score: 0.3}, {Code: "JO", Name: "Jordan", Score: 0.1}},
		Topics: []sitrep.TopicScore{{Code: "medtop:20000056", Label: "armed conflict", Score: 0.7},
			{Code: "medtop:16000000", Label: "conflict, war and peace", Score: 0.6}, {Code: "medtop:20000082", Label: "crime", Score: 0.1}},
		Places: []sitrep.PlaceMention{
			{Span: sitrep.Span{Start: 0, End: 8, Text: "QAMISHLI"}, Name: "Al Qāmishlī", Country: "SY", Admin1: "Al-Hasakah", Lat: 37.05, Lon: 41.23, Feature: "city"},
			{Span: sitrep.Span{Start: 10, End: 15, Text: "Syria"}, Name: "Syria", Country: "SY", Lat: 34.8, Lon: 38.9, Feature: "country"},
			{Span: sitrep.Span{Start: 69, End: 75, Text: "Thiban"}, Name: "Thiban", Country: "SY", Admin1: "Deir ez-Zor", Lat: 35.01, Lon: 40.56, Feature: "city"},
			{Span: sitrep.Span{Start: 133, End: 145, Text: "Dayr az-Zawr"}, Name: "Deir ez-Zor", Country: "SY", Admin1: "Deir ez-Zor", Lat: 35.33, Lon: 40.14, Feature: "city"},
			{Span: sitrep.Span{Start: 500, End: 510, Text: "nowhere"}, Name: "Out of range", Country: "SY", Lat: 1, Lon: 1, Feature: "city"},
		},
		Actors: []sitrep.ActorMention{
			{Span: sitrep.Span{Start: 18, End: 31, Text: "Islamic State"}, Name: "Islamic State", Kind: "rebel group"},
			{Span: sitrep.Span{Start: 53, End: 56, Text: "SDF"}, Name: "QSD: Syrian Democratic Forces", Kind: "rebel group", Country: "SY"},
			{Span: sitrep.Span{Start: 107, End: 110, Text: "SDF"}, Name: "QSD: Syrian Democratic Forces", Kind: "rebel group", Country: "SY"},
			// Overlaps the place "Thiban": one of the two is dropped.
			{Span: sitrep.Span{Start: 64, End: 75, Text: "near Thiban"}, Name: "Overlap", Kind: "person"},
		},
		Dates: []sitrep.DateMention{{Span: sitrep.Span{Start: 79, End: 86, Text: "Tuesday"}, Type: "DATE", Value: "2026-10-06", Resolved: true}},
		Events: []sitrep.Event{
			{Type: "Battles", SubType: "Armed clash", Actor1: "Islamic State (Syria)", Actor2: "QSD: Syrian Democratic Forces",
				Place: &sitrep.EventPlace{Name: "Thiban", Country: "SY", Admin1: "Deir ez-Zor", Lat: 35.01, Lon: 40.56, GeoPrecision: 1},
				Date:  "2026-10-06", TimePrecision: 1, Fatalities: ptr(7), Reported: true, Trigger: "ambushed", Start: 18, End: 116},
			{Type: "Violence against civilians", SubType: "Attack", Actor1: "Islamic State (Syria)", Actor2: "Civilians (Syria)",
				Place: &sitrep.EventPlace{Name: "Deir ez-Zor", Country: "SY", Admin1: "Deir ez-Zor", Lat: 35.33, Lon: 40.14, GeoPrecision: 2},
				Date:  "2026-10-05", TimePrecision: 1, Negated: true, Trigger: "attacking", Start: 172, End: 209},
		},
		Claims: []sitrep.Claim{
			{Source: "the SDF", SourceActor: "QSD: Syrian Democratic Forces", SourceStart: 103, SourceEnd: 110, Cue: "said", CueStart: 111, CueEnd: 115,
				ContentStart: 18, ContentEnd: 101, Stance: "assert"},
			{Source: "The group", SourceActor: "Islamic State", SourceStart: 172, SourceEnd: 181, Cue: "denied", CueStart: 182, CueEnd: 188,
				ContentStart: 189, ContentEnd: 208, Stance: "deny"},
		},
		Contradictions: []sitrep.Contradiction{{A: 0, B: 1, Reason: "one side denies what the other reports"}},
	}
	a.Normalize()
	return a
}

// Shelling is an analysed article about Lebanon with an event of another
// type and no byline.
func Shelling() *sitrep.Article {
	pub := Day.Add(-48 * time.Hour)
	a := &sitrep.Article{
		Input: "shelling.txt", Format: "text", Source: "The Levant Courier",
		URL:   "https://levantcourier.example/shelling",
		Title: "Shelling hits Hermel villages", Body: "Shells hit villages near Hermel on Sunday, wounding three.",
		Published: &pub, PublishedPrecision: sitrep.PrecisionDay, Retrieved: Day,
	}
	a.Analysis = &sitrep.Analysis{
		Countries: []sitrep.CountryScore{{Code: "LB", Name: "Lebanon", Score: 1}},
		Topics:    []sitrep.TopicScore{{Code: "medtop:20000056", Label: "armed conflict", Score: 0.6}},
		Places:    []sitrep.PlaceMention{{Span: sitrep.Span{Start: 25, End: 31, Text: "Hermel"}, Name: "Hermel", Country: "LB", Lat: 34.39, Lon: 36.38, Feature: "city"}},
		Events: []sitrep.Event{{Type: "Explosions/Remote violence", SubType: "Shelling/artillery/missile attack", Actor1: "Military Forces of Syria",
			Actor2: "Civilians (Lebanon)", Place: &sitrep.EventPlace{Name: "Hermel", Country: "LB", Lat: 34.39, Lon: 36.38, GeoPrecision: 1},
			Date: "2026-10-04", TimePrecision: 1, Start: 0, End: 58}},
	}
	a.Normalize()
	return a
}

// Hostile is an article whose every field carries markup and script, as
// an ingested page might, with no date and no analysis.
func Hostile() *sitrep.Article {
	a := &sitrep.Article{
		Input: "hostile.html", Format: "html", Source: `<b>Evil</b> "Outlet"`,
		URL:   `https://evil.example/?q="><script>alert(1)</script>`,
		Title: `</script><script>alert("title")</script>`, Byline: `<img src=x onerror=alert(1)>`,
		Body:      "First paragraph with <script>alert('body')</script> and & ampersands.\n\nSecond </p><p> paragraph.",
		Retrieved: Day.Add(-24 * time.Hour),
	}
	a.Normalize()
	return a
}

// Empty is an analysed article whose analysis found nothing at all.
func Empty() *sitrep.Article {
	a := &sitrep.Article{
		Input: "empty.txt", Format: "text", Title: "Municipal results announced",
		Body: "Independent candidates won most seats.", Retrieved: Day.Add(-72 * time.Hour),
		Analysis: &sitrep.Analysis{},
	}
	a.Normalize()
	return a
}

// All returns every fixture article.
func All() []*sitrep.Article { return []*sitrep.Article{Ambush(), Shelling(), Hostile(), Empty()} }
