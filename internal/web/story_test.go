package web_test

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/web"
)

// startStoryServer serves the fixture articles with one story over the
// ambush and the shelling report: two sources of one clash that disagree
// on the toll, and a denial.
func startStoryServer(t *testing.T) *web.Server {
	t.Helper()
	db, idx := indextest.Open(t, indextest.All()...)
	a, b := indextest.Ambush(), indextest.Shelling()
	seven, eleven := 7, 11
	st := &sitrep.Story{
		ID: "st1", Title: "Convoy ambush <script>alert(1)</script>", Summary: "Fighters killed near Thiban.", CentralArticle: a.ID,
		FirstSeen: *a.Published, LastSeen: *a.Published, Countries: []string{"SY"}, Topics: []string{"armed conflict"},
		ArticleCount: 2, SourceCount: 2, EventCount: 1,
		Events: []sitrep.StoryEvent{{
			ID: "e1", Type: "Battles", SubType: "Armed clash", Actor1: "Islamic State", Actor2: "SDF",
			Place: &sitrep.EventPlace{Name: "Thiban", Country: "SY", Lat: 35.01, Lon: 40.5, GeoPrecision: 1},
			Date:  "2026-10-06", TimePrecision: 1, Fatalities: &seven,
			Sources: []sitrep.EventSource{
				{ArticleID: a.ID, Source: "Levant Courier", Attribution: "SDF", Date: "2026-10-06", Place: "Thiban", Fatalities: &seven},
				{ArticleID: b.ID, Source: "Other Wire", Attribution: "SOHR", Date: "2026-10-06", Fatalities: &eleven},
			},
		}},
		Claims: []sitrep.StoryClaim{{ArticleID: b.ID, Speaker: "Amaq", Stance: "deny", Text: "no losses"}},
		Contradictions: []sitrep.StoryContradiction{{Kind: sitrep.ContradictFatalities, EventID: "e1", Reason: "the sources give 7 and 11 killed",
			Sides: []sitrep.ContradictionSide{{ArticleID: a.ID, Source: "Levant Courier", Fatalities: &seven}, {ArticleID: b.ID, Source: "Other Wire", Fatalities: &eleven}}}},
	}
	u := sitrep.StoryUpdate{Stories: []*sitrep.Story{st}, Links: []sitrep.ArticleLink{
		{ArticleID: a.ID, StoryID: "st1", Role: sitrep.RoleOriginal, Seen: *a.Published, State: []byte{1}},
		{ArticleID: b.ID, StoryID: "st1", Role: sitrep.RoleOriginal, Seen: *a.Published, State: []byte{2}},
	}}
	if err := db.PutStories(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{Store: db, Index: idx, Stories: db, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start("127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

func TestStoryPages(t *testing.T) {
	srv := startStoryServer(t)
	tests := []struct {
		path   string
		status int
		want   []string
		unwant []string
	}{
		{"/", 200, []string{"Active stories", `href="/story/st1"`, "Convoy ambush &lt;script&gt;"}, []string{"<script>alert(1)"}},
		{"/stories", 200, []string{`href="/story/st1"`, "2 reports from 2 sources", "1 event"}, nil},
		{"/stories?country=SY", 200, []string{"Stories: Syria", `href="/story/st1"`}, nil},
		{"/stories?country=LB", 200, []string{"No stories yet"}, nil},
		{"/stories?country=XQ", 404, nil, nil},
		{"/story/st1", 200, []string{
			"Convoy ambush &lt;script&gt;", "Timeline", "2026-10-06", "Armed clash", "tolls differ",
			"Levant Courier", "citing SDF", "Other Wire", "citing SOHR",
			"Where sources disagree", "the sources give 7 and 11 killed", "no losses",
			`data-map="story-map"`, "/story/st1/feed.atom", `aria-current="page">Stories`,
		}, []string{"<script>alert(1)"}},
		{"/story/nope", 404, []string{"story nope not found"}, nil},
		{"/country/SY", 200, []string{`id="entity-stories-heading"`, `<a href="/story/st1">Convoy ambush &lt;script&gt;`}, nil},
		{"/actor/islamic-state", 200, []string{`<a href="/story/st1">`}, nil},
		{"/article/" + indextest.Ambush().ID, 200, []string{`<dt>Story:</dt> <dd><a href="/story/st1">Convoy ambush &lt;script&gt;`, "(2 reports, 1 event)"}, nil},
		{"/article/" + indextest.Hostile().ID, 200, nil, []string{"<dt>Story:</dt>"}},
		{"/api/v1/stories", 200, []string{`"id":"st1"`, `"article_count":2`}, nil},
		{"/api/v1/stories/st1", 200, []string{`"contradictions"`, `"fatalities":11`}, nil},
		{"/api/v1/stories/nope", 404, []string{`"code":"not_found"`}, nil},
		{"/api/v1/stories?country=XQ", 400, []string{`"code":"invalid"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, body := get(t, srv, tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d; body: %.300s", res.StatusCode, tt.status, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, w := range tt.unwant {
				if strings.Contains(body, w) {
					t.Errorf("body has %q", w)
				}
			}
		})
	}
}

func TestStoryFeed(t *testing.T) {
	srv := startStoryServer(t)
	res, body := get(t, srv, "/story/st1/feed.atom")
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	var f struct {
		Title   string `xml:"title"`
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(body), &f); err != nil {
		t.Fatalf("feed is not XML: %v", err)
	}
	if got, want := len(f.Entries), 2; got != want {
		t.Errorf("entries = %d, want %d", got, want)
	}
	if !strings.HasPrefix(f.Title, "sitrep story: Convoy ambush") {
		t.Errorf("title = %q", f.Title)
	}
	if res, _ := get(t, srv, "/story/st1/feed.json"); res.StatusCode != 200 {
		t.Errorf("JSON feed status %d", res.StatusCode)
	}
}

// Without a story store the story pages are not there.
func TestNoStoryStore(t *testing.T) {
	srv := startServer(t, indextest.All()...)
	if res, _ := get(t, srv, "/stories"); res.StatusCode != 404 {
		t.Errorf("/stories without stories = %d, want 404", res.StatusCode)
	}
	if res, _ := get(t, srv, "/api/v1/stories"); res.StatusCode != 404 {
		t.Errorf("/api/v1/stories without stories = %d, want 404", res.StatusCode)
	}
}
