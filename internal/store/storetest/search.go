package storetest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func testSearchTitleAboveBody(t *testing.T, s sitrep.Store) {
	put(t, s,
		article("body-hit", "Market day in the town", body(60, 2, "convoy")), // two body hits lose to one in the title
		article("title-hit", "Convoy reaches the town", body(60, 0, "")),
		article("no-hit", "Market day in the city", body(60, 0, "")),
	)
	hits := search(t, s, sitrep.SearchQuery{Text: "convoy"})
	if got, want := hitIDs(hits), []string{"title-hit", "body-hit"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("hits %v, want %v", got, want)
	}
	if hits[0].Score <= hits[1].Score {
		t.Errorf("title hit score %v not above body hit score %v", hits[0].Score, hits[1].Score)
	}
}

func testSearchMoreOccurrences(t *testing.T, s sitrep.Store) {
	put(t, s,
		article("two", "Report", body(80, 2, "ambush")),
		article("one", "Report", body(80, 1, "ambush")),
		article("five", "Report", body(80, 5, "ambush")),
		article("none", "Report", body(80, 0, "")),
	)
	hits := search(t, s, sitrep.SearchQuery{Text: "ambush"})
	if got, want := hitIDs(hits), []string{"five", "two", "one"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("hits %v, want %v", got, want)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i-1].Score <= hits[i].Score {
			t.Errorf("score of %s (%v) not above %s (%v)", hits[i-1].ID, hits[i-1].Score, hits[i].ID, hits[i].Score)
		}
	}
	for _, h := range hits {
		if h.Score <= 0 {
			t.Errorf("hit %s score %v, want > 0", h.ID, h.Score)
		}
	}
}

func testSearchAllWords(t *testing.T, s sitrep.Store) {
	put(t, s,
		article("both", "Report", "The convoy stopped outside the village at dawn."),
		article("convoy", "Report", "The convoy stopped at the bridge."),
		article("village", "Report", "Shelling hit the village."),
	)
	tests := []struct {
		query string
		want  []string
	}{
		{"convoy village", []string{"both"}},
		{"village convoy", []string{"both"}},
		{"convoy bridge village", nil},
		{"convoy  ,  village.", []string{"both"}},
	}
	for _, tt := range tests {
		got := hitIDs(search(t, s, sitrep.SearchQuery{Text: tt.query}))
		if len(got) != len(tt.want) || (len(got) > 0 && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}

func testSearchFolds(t *testing.T, s sitrep.Store) {
	put(t, s,
		article("bukamal", "Crossing reopened", "Trucks crossed at Būkamāl on Sunday."),
		article("deir", "Shelling", "Shelling was reported in DEIR EZ-ZOR province."),
	)
	tests := []struct{ query, want string }{
		{"bukamal", "bukamal"},
		{"BUKAMAL", "bukamal"},
		{"Būkamāl", "bukamal"},
		{"Būkamāl's", "bukamal"},
		{"deir ez-zor", "deir"},
		{"Deir ez-Zor", "deir"},
		{"deir ez zor", "deir"},
	}
	for _, tt := range tests {
		got := hitIDs(search(t, s, sitrep.SearchQuery{Text: tt.query}))
		if !reflect.DeepEqual(got, []string{tt.want}) {
			t.Errorf("Search(%q) = %v, want [%s]", tt.query, got, tt.want)
		}
	}
}

func testSearchHostileSyntax(t *testing.T, s sitrep.Store) {
	put(t, s, article("h", "The convoy's route", `The convoy's trucks and buses moved near the border, NOT far from "the crossing" (or so officials said).`))

	// Each query must run without error; those whose every word is in the
	// article must find it. The article holds the common words of the queries
	// so that a backend dropping stop words finds the same.
	tests := []struct {
		query string
		finds bool
	}{
		{`convoy's "`, true},
		{`"convoy`, true},
		{`convoy*`, true},
		{`convoy AND`, true},
		{`convoy OR`, true},
		{`NOT convoy`, true},
		{`convoy NOT`, true},
		{`NEAR(convoy trucks, 2)`, false}, // "near" is a word of the article but "2" is not
		{`NEAR(`, true},
		{`title:convoy`, false}, // "title" is not a word of the article
		{`{title body}: convoy`, false},
		{`^convoy`, true},
		{`(convoy`, true},
		{`convoy)`, true},
		{`+convoy -trucks`, true},
		{`convoy -`, true},
		{`'; DROP TABLE articles; --`, false},
		{`convoy\`, true},
		{`convoy` + "\x00", true},
		{`convoy %`, true},
		{`"the crossing"`, true},
		{`convoy:trucks`, true},
		{`convoy:missing`, false},
	}
	for _, tt := range tests {
		hits, err := s.Search(ctx(t), sitrep.SearchQuery{Text: tt.query})
		if err != nil {
			t.Errorf("Search(%q): %v", tt.query, err)
			continue
		}
		if found := len(hits) == 1; found != tt.finds {
			t.Errorf("Search(%q) found %v, want %v", tt.query, hitIDs(hits), tt.finds)
		}
	}
	if n := count(t, s); n != 1 {
		t.Errorf("count %d after hostile searches, want 1", n)
	}
}

func testSearchNoWords(t *testing.T, s sitrep.Store) {
	put(t, s, article("w", "Words", "Some words."))
	for _, q := range []string{"", "   ", "*", "-", `"`, `""`, "()", "^", "'", "\t\n", "…", "---", "'s", "’S"} {
		_, err := s.Search(ctx(t), sitrep.SearchQuery{Text: q})
		wantCode(t, err, sitrep.EINVALID, fmt.Sprintf("Search(%q)", q))
	}
	for _, q := range []sitrep.SearchQuery{{Text: "words", Limit: -1}, {Text: "words", Offset: -1}} {
		_, err := s.Search(ctx(t), q)
		wantCode(t, err, sitrep.EINVALID, fmt.Sprintf("Search(%+v)", q))
	}
}

func testSearchPages(t *testing.T, s sitrep.Store) {
	// Article k mentions the term k times in bodies of equal length, so the
	// ranking is strict: most mentions first.
	var batch []*sitrep.Article
	var want []string
	for k := 1; k <= 30; k++ {
		batch = append(batch, article(fmt.Sprintf("k%02d", k), "Report", body(130, k, "checkpoint")))
		want = append([]string{fmt.Sprintf("k%02d", k)}, want...)
	}
	for i := range 110 {
		batch = append(batch, article(fmt.Sprintf("m%03d", i), "Roadblock", fmt.Sprintf("Roadblock number %d.", i)))
	}
	put(t, s, batch...)

	tests := []struct {
		name          string
		limit, offset int
		n             int
	}{
		{"default limit", 0, 0, 20},
		{"limit above the maximum", 1000, 0, 100},
		{"last page", 100, 100, 10},
		{"past the end", 100, 200, 0},
	}
	for _, tt := range tests {
		hits := search(t, s, sitrep.SearchQuery{Text: "roadblock", Limit: tt.limit, Offset: tt.offset})
		if len(hits) != tt.n {
			t.Errorf("%s: %d hits, want %d", tt.name, len(hits), tt.n)
		}
	}

	var paged []string
	for off := 0; off < 35; off += 7 {
		hits := search(t, s, sitrep.SearchQuery{Text: "checkpoint", Limit: 7, Offset: off})
		paged = append(paged, hitIDs(hits)...)
	}
	if !reflect.DeepEqual(paged, want) {
		t.Errorf("pages of 7:\n got %v\nwant %v", paged, want)
	}
}

func testSearchHitFields(t *testing.T, s sitrep.Store) {
	a := article("f", "Clashes near the dam", "Clashes were reported near the dam overnight.")
	a.Source = "Example Wire"
	p := time.Date(2019, 5, 6, 7, 8, 9, 0, time.FixedZone("", 2*60*60))
	a.Published = &p
	undated := article("u", "Dam level", "The dam level fell.")
	put(t, s, a, undated)

	hits := search(t, s, sitrep.SearchQuery{Text: "clashes"})
	if len(hits) != 1 {
		t.Fatalf("hits %v, want [f]", hitIDs(hits))
	}
	h := hits[0]
	if h.ID != "f" || h.Title != a.Title || h.Source != a.Source {
		t.Errorf("hit id %q title %q source %q, want %q %q %q", h.ID, h.Title, h.Source, "f", a.Title, a.Source)
	}
	if h.Published == nil || !h.Published.Equal(p) || h.Published.Location() != time.UTC {
		t.Errorf("hit published %v, want %v in UTC", h.Published, p.UTC())
	}
	hits = search(t, s, sitrep.SearchQuery{Text: "level"})
	if len(hits) != 1 || hits[0].Published != nil {
		t.Errorf("undated hit: %+v, want one hit with nil Published", hits)
	}
}

func testSnippet(t *testing.T, s sitrep.Store) {
	long := body(100, 0, "") + " then a roadside bomb struck a patrol vehicle " + body(100, 0, "")
	put(t, s, article("sn", "Patrol", long))

	hits := search(t, s, sitrep.SearchQuery{Text: "roadside"})
	if len(hits) != 1 {
		t.Fatalf("hits %v, want [sn]", hitIDs(hits))
	}
	snip := hits[0].Snippet
	if !strings.Contains(snip, "[roadside]") {
		t.Errorf("snippet %q does not mark the hit as [roadside]", snip)
	}
	if len(snip) >= len(long)/2 {
		t.Errorf("snippet is %d bytes of a %d-byte body, want an excerpt", len(snip), len(long))
	}
	if strings.ContainsAny(snip, "<>") {
		t.Errorf("snippet %q contains markup", snip)
	}

	hits = search(t, s, sitrep.SearchQuery{Text: "bomb patrol"})
	if len(hits) != 1 || !strings.Contains(hits[0].Snippet, "[bomb]") || !strings.Contains(hits[0].Snippet, "[patrol]") {
		t.Errorf("two-word snippet %+v, want both words marked", hits)
	}
}
