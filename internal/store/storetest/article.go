package storetest

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// fullArticle has every field set, times outside UTC and with nanoseconds,
// and an analysis using every kind of finding.
func fullArticle() *sitrep.Article {
	beirut := time.FixedZone("EEST", 3*60*60)
	published := time.Date(2017, 8, 29, 14, 5, 9, 123456789, beirut)
	fatalities := 3
	zero := 0
	a := &sitrep.Article{
		ID:                 "full",
		Input:              "feeds/batch.jsonl:12",
		ExternalID:         "x-981",
		Format:             "json",
		URL:                "https://news.example/2017/08/29/convoy?ref=rss",
		CanonicalURL:       "https://news.example/2017/08/29/convoy",
		Source:             "Example News",
		Title:              "Convoy leaves the border area",
		Byline:             "A. Reporter",
		Language:           "en",
		Body:               "Seventeen buses left on Tuesday.\n\nOfficials in Dar\u2019a said the route was open.",
		Published:          &published,
		PublishedPrecision: sitrep.PrecisionMinute,
		PublishedText:      "29 Aug 2017, 14:05",
		Retrieved:          time.Date(2024, 2, 3, 4, 5, 6, 7, time.FixedZone("", -5*60*60)),
		PageCountries:      []string{"Syria", "Lebanon"},
		PageTopics:         []string{"conflict"},
		PageComments:       "12 comments",
		ETag:               `W/"abc"`,
		LastModified:       "Tue, 29 Aug 2017 11:05:09 GMT",
		Analysis: &sitrep.Analysis{
			Countries: []sitrep.CountryScore{{Code: "SY", Name: "Syria", Score: 0.875, Cues: []string{"Dar'a"}}},
			Topics:    []sitrep.TopicScore{{Code: "medtop:16000000", Label: "conflict, war and peace", Score: 1.5}},
			Places: []sitrep.PlaceMention{{Span: sitrep.Span{Start: 40, End: 44, Text: "Dar’a"}, Name: "Daraa",
				Country: "SY", Admin1: "Daraa", Lat: 32.6189, Lon: 36.1021, Feature: "city", GeonameID: 170592, Population: 97969}},
			Actors: []sitrep.ActorMention{{Span: sitrep.Span{Start: 33, End: 42, Text: "Officials"}, Name: "officials", Kind: "state"}},
			Dates:  []sitrep.DateMention{{Span: sitrep.Span{Start: 23, End: 30, Text: "Tuesday"}, Type: "DATE", Value: "2017-08-29", Resolved: true}},
			Quantities: []sitrep.Quantity{{Span: sitrep.Span{Start: 0, End: 15, Text: "Seventeen buses"}, Value: 17, Noun: "buses"},
				{Span: sitrep.Span{Start: 1, End: 2, Text: "x"}, Value: 1e-7, Approximate: true}},
			Events: []sitrep.Event{
				{Type: "Violence against civilians", SubType: "Attack", Actor1: "Unidentified armed group", Assoc1: []string{"a", "b"},
					Place: &sitrep.EventPlace{Name: "Daraa", Country: "SY", Lat: 32.6, Lon: 36.1, GeoPrecision: 1},
					Date:  "2017-08-29", TimePrecision: 1, Fatalities: &fatalities, Counts: map[string]int{"injured": 4},
					Reported: true, Trigger: "attack", Start: 0, End: 31},
				{Type: "Protests", SubType: "Peaceful protest", Fatalities: &zero, Negated: true, Hypothetical: true},
				{Type: "Battles", SubType: "Armed clash"}, // fatalities unknown: nil
			},
			Claims: []sitrep.Claim{{Source: "Officials", SourceStart: 33, SourceEnd: 42, Cue: "said", CueStart: 55,
				CueEnd: 59, ContentStart: 60, ContentEnd: 82, Stance: "assert"}},
			Contradictions: []sitrep.Contradiction{{A: 0, B: 0, Reason: "self"}},
		},
	}
	a.Normalize()
	return a
}

func testRoundTrip(t *testing.T, s sitrep.Store) {
	full := fullArticle()
	minimal := &sitrep.Article{ID: "minimal", Input: "-", Body: "Only a body."}
	minimal.Normalize()
	put(t, s, full, minimal)

	for _, want := range []*sitrep.Article{full, minimal} {
		t.Run(want.ID, func(t *testing.T) {
			sameArticle(t, get(t, s, want.ID), want)
		})
	}
	t.Run("listed", func(t *testing.T) {
		list, err := s.Articles(ctx(t), sitrep.ArticleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 {
			t.Fatalf("listed %d articles, want 2", len(list))
		}
		sameArticle(t, list[0], full)
		sameArticle(t, list[1], minimal)
	})
}

func testNilAndEmptyLists(t *testing.T, s sitrep.Store) {
	empty := article("empty", "Empty lists", "Body of the article with empty lists.")
	empty.PageCountries = []string{}
	empty.PageTopics = []string{}
	empty.Analysis = &sitrep.Analysis{Countries: []sitrep.CountryScore{}, Events: []sitrep.Event{}}
	none := article("nil", "Nil lists", "Body of the article with nil lists.")
	put(t, s, empty, none)

	got := get(t, s, "empty")
	if got.PageCountries == nil || got.PageTopics == nil {
		t.Errorf("empty page lists came back nil: countries %#v topics %#v", got.PageCountries, got.PageTopics)
	}
	if got.Analysis == nil || got.Analysis.Countries == nil || got.Analysis.Events == nil || got.Analysis.Places != nil {
		t.Errorf("analysis lists: got %#v, want empty Countries and Events, nil Places", got.Analysis)
	}
	sameArticle(t, got, empty)
	sameArticle(t, get(t, s, "nil"), none)
}

func testPutStatus(t *testing.T, s sitrep.Store) {
	first := article("a1", "Bridge reopened", "The bridge reopened to traffic.")
	again := article("a1", "Bridge reopened", "The bridge reopened to traffic.")
	again.Input = "elsewhere/a1.html"
	changed := article("a1", "Bridge reopened", "The bridge reopened to traffic after repairs.")

	steps := []struct {
		name string
		a    *sitrep.Article
		want sitrep.PutStatus
	}{
		{"new id", first, sitrep.PutAdded},
		{"same id same content", again, sitrep.PutUnchanged},
		{"same id new content", changed, sitrep.PutUpdated},
		{"same id same new content", changed, sitrep.PutUnchanged},
	}
	for _, st := range steps {
		res := put(t, s, st.a)
		want := sitrep.PutResult{ID: "a1", Status: st.want}
		if res[0] != want {
			t.Errorf("%s: got %+v, want %+v", st.name, res[0], want)
		}
	}
	got := get(t, s, "a1")
	if got.Body != changed.Body || got.ContentHash != changed.ContentHash {
		t.Errorf("stored body %q hash %s, want the updated %q %s", got.Body, got.ContentHash, changed.Body, changed.ContentHash)
	}
	if got.Input != first.Input {
		t.Errorf("stored input %q, want %q: an unchanged put must not overwrite", got.Input, first.Input)
	}
	if n := count(t, s); n != 1 {
		t.Errorf("count %d, want 1", n)
	}
}

func testUpdateReindexes(t *testing.T, s sitrep.Store) {
	put(t, s, article("u", "Convoy at the crossing", "A convoy waited at the crossing."))
	res := put(t, s, article("u", "Checkpoint closed", "The checkpoint closed at noon."))
	if res[0].Status != sitrep.PutUpdated {
		t.Fatalf("status %s, want %s", res[0].Status, sitrep.PutUpdated)
	}
	if hits := search(t, s, sitrep.SearchQuery{Text: "convoy"}); len(hits) != 0 {
		t.Errorf("old text still found after update: %v", hitIDs(hits))
	}
	hits := search(t, s, sitrep.SearchQuery{Text: "checkpoint"})
	if got := hitIDs(hits); !reflect.DeepEqual(got, []string{"u"}) {
		t.Fatalf("new text: got hits %v, want [u]", got)
	}
	if hits[0].Title != "Checkpoint closed" {
		t.Errorf("hit title %q, want the updated title", hits[0].Title)
	}
}

func testDuplicateByContentHash(t *testing.T, s sitrep.Store) {
	orig := article("orig", "Airstrike on market", "An airstrike hit the market.")
	orig.URL = "https://one.example/a"
	put(t, s, orig)

	// Same text found at another address, re-wrapped and in other case.
	copied := article("copy", "airstrike  on market", "An airstrike\nhit the MARKET.")
	copied.URL = "https://two.example/b"
	if copied.ContentHash != orig.ContentHash {
		t.Fatalf("test setup: hashes differ: %s %s", copied.ContentHash, orig.ContentHash)
	}
	res := put(t, s, copied)
	want := sitrep.PutResult{ID: "copy", Status: sitrep.PutUnchanged, DuplicateOf: "orig"}
	if res[0] != want {
		t.Errorf("got %+v, want %+v", res[0], want)
	}
	_, err := s.Article(ctx(t), "copy")
	wantCode(t, err, sitrep.ENOTFOUND, "Article(copy) of a duplicate")
	if n := count(t, s); n != 1 {
		t.Errorf("count %d, want 1", n)
	}
}

func testDuplicatesWithinBatch(t *testing.T, s sitrep.Store) {
	const one, two = "First version of the text.", "Second version of the text."
	batch := []*sitrep.Article{
		article("x", "X", one), // new
		article("x", "X", one), // repeats the first
		article("x", "X", two), // replaces it
		article("y", "X", two), // copies x's current text
		article("z", "X", one), // x's old text, no longer stored
		article("w", "W", "Another text."),
		article("x", "X", one), // back to the first text
		article("v", "W", "Another text."),
	}
	want := []sitrep.PutResult{
		{ID: "x", Status: sitrep.PutAdded},
		{ID: "x", Status: sitrep.PutUnchanged},
		{ID: "x", Status: sitrep.PutUpdated},
		{ID: "y", Status: sitrep.PutUnchanged, DuplicateOf: "x"},
		{ID: "z", Status: sitrep.PutAdded},
		{ID: "w", Status: sitrep.PutAdded},
		{ID: "x", Status: sitrep.PutUpdated},
		{ID: "v", Status: sitrep.PutUnchanged, DuplicateOf: "w"},
	}
	got := put(t, s, batch...)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("article %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if n := count(t, s); n != 3 {
		t.Errorf("count %d, want 3 (x, z, w)", n)
	}
	if b := get(t, s, "x").Body; b != one {
		t.Errorf("x body %q, want %q", b, one)
	}
}

func testEmptyBatch(t *testing.T, s sitrep.Store) {
	res, err := s.PutArticles(ctx(t), nil)
	if err != nil {
		t.Fatalf("PutArticles(nil): %v", err)
	}
	if len(res) != 0 {
		t.Errorf("PutArticles(nil) returned %d results", len(res))
	}
}

func testNotFound(t *testing.T, s sitrep.Store) {
	put(t, s, article("here", "Here", "This one exists."))
	for _, id := range []string{"missing", "", "here ", "HERE", "' OR 1=1 --"} {
		_, err := s.Article(ctx(t), id)
		wantCode(t, err, sitrep.ENOTFOUND, fmt.Sprintf("Article(%q)", id))
		if got, want := sitrep.ErrorMessage(err), "article "+id+" not found"; got != want {
			t.Errorf("Article(%q) message %q, want %q", id, got, want)
		}
	}
}

func testListingOrder(t *testing.T, s sitrep.Store) {
	at := func(id string, published *time.Time, retrieved time.Time) *sitrep.Article {
		a := article(id, "Listing "+id, "Text of article "+id+".")
		a.Published, a.Retrieved = published, retrieved
		if published != nil {
			a.PublishedPrecision = sitrep.PrecisionMinute
		}
		return a
	}
	day := func(d, h int, loc *time.Location) *time.Time {
		t := time.Date(2020, 1, d, h, 0, 0, 0, loc)
		return &t
	}
	r := func(d int) time.Time { return time.Date(2021, 1, d, 0, 0, 0, 0, time.UTC) }
	plus5 := time.FixedZone("", 5*60*60)

	// Stored in an order that agrees with none of the sort keys, so that
	// neither insertion order nor a missing key can pass for the right one.
	put(t, s,
		at("jan2-early-seen-later", day(2, 6, time.UTC), r(5)),
		at("new-undated", nil, r(9)),
		at("jan2-early", day(2, 6, time.UTC), r(1)),
		at("jan1", day(1, 23, time.UTC), r(8)),
		at("old-undated", nil, r(1)),
		at("jan2-10-in-plus5", day(2, 10, plus5), r(1)), // 05:00 UTC
		at("jan3", day(3, 0, time.UTC), r(1)),
	)
	list, err := s.Articles(ctx(t), sitrep.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"jan3", "jan2-early-seen-later", "jan2-early", "jan2-10-in-plus5", "jan1", "new-undated", "old-undated"}
	if got := articleIDs(list); !reflect.DeepEqual(got, want) {
		t.Errorf("order:\n got %v\nwant %v", got, want)
	}
}

func testListingPages(t *testing.T, s sitrep.Store) {
	var all []*sitrep.Article
	for i := range 25 {
		a := article(fmt.Sprintf("p%02d", i), "Page test", fmt.Sprintf("Article number %d.", i))
		p := time.Date(2022, 1, 1, 0, i, 0, 0, time.UTC)
		a.Published = &p
		all = append(all, a)
	}
	put(t, s, all...)
	newest := func(i int) string { return fmt.Sprintf("p%02d", 24-i) }

	tests := []struct {
		name          string
		limit, offset int
		first         string
		n             int
	}{
		{"default limit", 0, 0, newest(0), 20},
		{"first page", 10, 0, newest(0), 10},
		{"second page", 10, 10, newest(10), 10},
		{"last page", 10, 20, newest(20), 5},
		{"past the end", 10, 30, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := s.Articles(ctx(t), sitrep.ArticleFilter{Limit: tt.limit, Offset: tt.offset})
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != tt.n {
				t.Fatalf("got %d articles, want %d", len(list), tt.n)
			}
			if tt.n > 0 && list[0].ID != tt.first {
				t.Errorf("first %s, want %s", list[0].ID, tt.first)
			}
		})
	}
	for _, f := range []sitrep.ArticleFilter{{Limit: -1}, {Offset: -1}} {
		_, err := s.Articles(ctx(t), f)
		wantCode(t, err, sitrep.EINVALID, fmt.Sprintf("Articles(%+v)", f))
	}
}

func testCount(t *testing.T, s sitrep.Store) {
	if n := count(t, s); n != 0 {
		t.Fatalf("empty store: count %d, want 0", n)
	}
	var batch []*sitrep.Article
	for i := range 7 {
		batch = append(batch, article(fmt.Sprintf("c%d", i), "Count", fmt.Sprintf("Body %d.", i)))
	}
	batch = append(batch, article("c-dup", "Count", "Body 3.")) // copy of c3
	put(t, s, batch...)
	put(t, s, article("c0", "Count", "Body 0, revised.")) // update
	if n := count(t, s); n != 7 {
		t.Errorf("count %d, want 7", n)
	}
}

func testValidation(t *testing.T, s sitrep.Store) {
	valid := article("valid", "Valid", "A valid article.")
	noID := article("", "No id", "Has a body.")
	noID.ID = ""
	noBody := article("nobody", "No body", "")
	noHash := article("nohash", "No hash", "Text.")
	noHash.ContentHash = ""
	badPrecision := article("badprec", "Bad precision", "Text.")
	badPrecision.PublishedPrecision = "fortnight"
	notANumber := article("nan", "Not a number", "Text.")
	notANumber.Analysis = &sitrep.Analysis{Countries: []sitrep.CountryScore{{Code: "SY", Score: math.NaN()}}}

	tests := []struct {
		name  string
		bad   *sitrep.Article
		input string // what the message must name
	}{
		{"nil article", nil, ""},
		{"empty id", noID, noID.Input},
		{"empty body", noBody, noBody.Input},
		{"no content hash", noHash, noHash.Input},
		{"unknown precision", badPrecision, badPrecision.Input},
		{"analysis not encodable", notANumber, notANumber.Input},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := s.PutArticles(ctx(t), []*sitrep.Article{valid, tt.bad})
			wantCode(t, err, sitrep.EINVALID, "PutArticles")
			if res != nil {
				t.Errorf("results %+v returned with the error", res)
			}
			if msg := sitrep.ErrorMessage(err); !strings.Contains(msg, tt.input) {
				t.Errorf("message %q does not name the input %q", msg, tt.input)
			}
			if n := count(t, s); n != 0 {
				t.Errorf("count %d after a rejected batch, want 0", n)
			}
		})
	}
}

func testCancelledContext(t *testing.T, s sitrep.Store) {
	c, cancel := context.WithCancel(ctx(t))
	cancel()
	if _, err := s.PutArticles(c, []*sitrep.Article{article("k", "Cancelled", "Never stored.")}); err == nil {
		t.Fatal("PutArticles with a cancelled context succeeded")
	}
	if n := count(t, s); n != 0 {
		t.Errorf("count %d, want 0", n)
	}
}
