package storetest

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// StoryBackend is what RunStories needs: a store of articles that also
// keeps stories, since story links name stored articles.
type StoryBackend interface {
	sitrep.Store
	sitrep.StoryStore
}

// RunStories runs the conformance suite of sitrep.StoryStore. open must
// return a new, empty store and arrange for it to be closed when t ends.
//
// Beyond the interface's comments the suite fixes these behaviours:
//   - Stories lists by last seen, newest first, then by id; its stories
//     carry no articles, events or contradictions.
//   - Story returns events in the order given, each with its sources in
//     order, and the articles by when they were seen; a nil fatality stays
//     nil and a zero stays zero.
//   - A story in an update replaces the stored one whole.
//   - ArticleLinks compares Seen as a half-open interval and returns
//     whole stories; State comes back byte for byte.
func RunStories(t *testing.T, open func(t *testing.T) StoryBackend) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s StoryBackend)
	}{
		{"RoundTrip", testStoryRoundTrip},
		{"ReplaceWhole", testStoryReplaceWhole},
		{"ListFilters", testStoryListFilters},
		{"ListPages", testStoryListPages},
		{"LinksWindow", testStoryLinksWindow},
		{"MergeDeletes", testStoryMergeDeletes},
		{"Validation", testStoryValidation},
		{"NotFound", testStoryNotFound},
		{"ArticleStory", testArticleStory},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}

var day0 = time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)

func at(days int, hours int) time.Time {
	return day0.AddDate(0, 0, days).Add(time.Duration(hours) * time.Hour)
}

func intp(n int) *int { return &n }

// storyArticles stores n articles a1..an published a day apart and
// returns them.
func storyArticles(t *testing.T, s StoryBackend, ids ...string) []*sitrep.Article {
	t.Helper()
	var out []*sitrep.Article
	for i, id := range ids {
		a := article(id, "Report "+id, body(40, i, "convoy"))
		p := at(i, 9)
		a.Published = &p
		a.PublishedPrecision = sitrep.PrecisionMinute
		a.Source = "Outlet " + id
		out = append(out, a)
	}
	put(t, s, out...)
	return out
}

// sampleStory is a story with two events, the first reported by two
// articles with different tolls, and a denial.
func sampleStory(id string, first, last time.Time) *sitrep.Story {
	p1 := at(0, 9)
	return &sitrep.Story{
		ID: id, Title: "Ambush on convoy", Summary: "An ambush killed fighters.", CentralArticle: "a1",
		FirstSeen: first, LastSeen: last, Countries: []string{"SY", "IQ"}, Topics: []string{"armed conflict"},
		ArticleCount: 2, SourceCount: 2, EventCount: 2,
		Events: []sitrep.StoryEvent{
			{
				ID: "e1", Type: "Battles", SubType: "Armed clash", Actor1: "Islamic State", Actor2: "SDF",
				Place: &sitrep.EventPlace{Name: "Thiban", Country: "SY", Lat: 35.01, Lon: 40.5, GeoPrecision: 1},
				Date:  "2026-10-01", TimePrecision: 1, Fatalities: intp(7),
				Sources: []sitrep.EventSource{
					{ArticleID: "a1", Index: 0, Source: "Outlet a1", Attribution: "SDF", Published: &p1, SubType: "Armed clash", Place: "Thiban", Date: "2026-10-01", Fatalities: intp(7)},
					{ArticleID: "a2", Index: 2, Source: "Outlet a2", Attribution: "SOHR", SubType: "Armed clash", Date: "2026-10-01", Fatalities: intp(11)},
				},
				Claims: []sitrep.StoryClaim{{ArticleID: "a1", Source: "Outlet a1", Speaker: "SDF", Stance: "assert", Cue: "said", Text: "seven fighters were killed"}},
			},
			{ID: "e2", Type: "Strategic developments", SubType: "Arrests", Date: "2026-10-03", Fatalities: intp(0),
				Sources: []sitrep.EventSource{{ArticleID: "a2", Index: 0, Source: "Outlet a2"}}},
		},
		Claims: []sitrep.StoryClaim{{ArticleID: "a2", Speaker: "Amaq", Stance: "deny", Text: "losses"}},
		Contradictions: []sitrep.StoryContradiction{
			{Kind: sitrep.ContradictFatalities, EventID: "e1", Reason: "tolls differ",
				Sides: []sitrep.ContradictionSide{{ArticleID: "a1", Source: "Outlet a1", Speaker: "SDF", Fatalities: intp(7)}, {ArticleID: "a2", Source: "Outlet a2", Speaker: "SOHR", Fatalities: intp(11)}}},
			{Kind: sitrep.ContradictDenial, Reason: "SDF denies what Amaq said",
				Sides: []sitrep.ContradictionSide{{ArticleID: "a2", Speaker: "SDF", Text: "the figure"}, {ArticleID: "a1", Speaker: "Amaq", Text: "15 killed"}}},
		},
	}
}

func links(storyID string, arts ...*sitrep.Article) []sitrep.ArticleLink {
	var out []sitrep.ArticleLink
	for i, a := range arts {
		l := sitrep.ArticleLink{ArticleID: a.ID, StoryID: storyID, Role: sitrep.RoleOriginal, Seen: *a.Published, State: []byte{byte(i), 0, 0xff}}
		if i > 0 && i%2 == 0 {
			l.Role, l.DuplicateOf = sitrep.RoleSyndicated, arts[0].ID
		}
		out = append(out, l)
	}
	return out
}

func putStories(t *testing.T, s StoryBackend, u sitrep.StoryUpdate) {
	t.Helper()
	if err := s.PutStories(ctx(t), u); err != nil {
		t.Fatalf("PutStories: %v", err)
	}
}

func getStory(t *testing.T, s StoryBackend, id string) *sitrep.Story {
	t.Helper()
	st, err := s.Story(ctx(t), id)
	if err != nil {
		t.Fatalf("Story(%q): %v", id, err)
	}
	return st
}

func listStories(t *testing.T, s StoryBackend, f sitrep.StoryFilter) []string {
	t.Helper()
	list, err := s.Stories(ctx(t), f)
	if err != nil {
		t.Fatalf("Stories(%+v): %v", f, err)
	}
	ids := []string{}
	for _, st := range list {
		if st.Articles != nil || st.Events != nil || st.Contradictions != nil || st.Claims != nil {
			t.Errorf("Stories returned story %s with its timeline", st.ID)
		}
		ids = append(ids, st.ID)
	}
	return ids
}

func testStoryRoundTrip(t *testing.T, s StoryBackend) {
	arts := storyArticles(t, s, "a1", "a2")
	want := sampleStory("s1", at(0, 9), at(1, 9))
	putStories(t, s, sitrep.StoryUpdate{Links: links("s1", arts...), Stories: []*sitrep.Story{want}})

	got := getStory(t, s, "s1")
	wantArticles := []sitrep.StoryArticle{
		{ID: "a1", Title: "Report a1", Source: "Outlet a1", Published: arts[0].Published, Role: sitrep.RoleOriginal},
		{ID: "a2", Title: "Report a2", Source: "Outlet a2", Published: arts[1].Published, Role: sitrep.RoleOriginal},
	}
	if !reflect.DeepEqual(got.Articles, wantArticles) {
		t.Errorf("articles:\ngot  %+v\nwant %+v", got.Articles, wantArticles)
	}
	got.Articles = nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("story:\ngot  %s\nwant %s", dumpStory(got), dumpStory(want))
	}
	if e := got.Events[1]; e.Fatalities == nil || *e.Fatalities != 0 || e.Sources[0].Fatalities != nil {
		t.Errorf("zero and nil tolls: got event toll %v, source toll %v; want 0 and nil", e.Fatalities, e.Sources[0].Fatalities)
	}
}

func testStoryReplaceWhole(t *testing.T, s StoryBackend) {
	arts := storyArticles(t, s, "a1", "a2")
	putStories(t, s, sitrep.StoryUpdate{Links: links("s1", arts...), Stories: []*sitrep.Story{sampleStory("s1", at(0, 9), at(1, 9))}})
	next := sampleStory("s1", at(0, 9), at(1, 9))
	next.Title = "Ambush toll rises"
	next.Events = next.Events[1:]
	next.Contradictions = nil
	next.Claims = nil
	next.EventCount = 1
	putStories(t, s, sitrep.StoryUpdate{Stories: []*sitrep.Story{next}})

	got := getStory(t, s, "s1")
	got.Articles = nil
	if !reflect.DeepEqual(got, next) {
		t.Errorf("after replace:\ngot  %s\nwant %s", dumpStory(got), dumpStory(next))
	}
}

func testStoryListFilters(t *testing.T, s StoryBackend) {
	arts := storyArticles(t, s, "a1", "a2", "a3")
	older := sampleStory("s-old", at(0, 9), at(0, 9))
	older.Countries = []string{"LB"}
	newer := sampleStory("s-new", at(1, 9), at(2, 9))
	same := sampleStory("s-same", at(1, 9), at(2, 9))
	putStories(t, s, sitrep.StoryUpdate{
		Links:   append(links("s-old", arts[0]), append(links("s-new", arts[1]), links("s-same", arts[2])...)...),
		Stories: []*sitrep.Story{older, newer, same},
	})
	since := at(1, 0)
	tests := []struct {
		name string
		f    sitrep.StoryFilter
		want []string
	}{
		{"all, latest first, ties by id", sitrep.StoryFilter{}, []string{"s-new", "s-same", "s-old"}},
		{"by country", sitrep.StoryFilter{Country: "SY"}, []string{"s-new", "s-same"}},
		{"country folds case", sitrep.StoryFilter{Country: "lb"}, []string{"s-old"}},
		{"unknown country", sitrep.StoryFilter{Country: "FR"}, []string{}},
		{"since", sitrep.StoryFilter{Since: &since}, []string{"s-new", "s-same"}},
		{"country and since", sitrep.StoryFilter{Country: "LB", Since: &since}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := listStories(t, s, tt.f); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func testStoryListPages(t *testing.T, s StoryBackend) {
	ids := []string{"a1", "a2", "a3", "a4", "a5"}
	arts := storyArticles(t, s, ids...)
	var u sitrep.StoryUpdate
	for i, a := range arts {
		id := "s" + ids[i]
		u.Links = append(u.Links, links(id, a)...)
		u.Stories = append(u.Stories, sampleStory(id, *a.Published, *a.Published))
	}
	putStories(t, s, u)
	got := append(listStories(t, s, sitrep.StoryFilter{Limit: 2}), listStories(t, s, sitrep.StoryFilter{Limit: 2, Offset: 2})...)
	got = append(got, listStories(t, s, sitrep.StoryFilter{Limit: 2, Offset: 4})...)
	want := []string{"sa5", "sa4", "sa3", "sa2", "sa1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pages: got %v, want %v", got, want)
	}
	if _, err := s.Stories(ctx(t), sitrep.StoryFilter{Limit: -1}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("negative limit: got %v, want EINVALID", err)
	}
}

func testStoryLinksWindow(t *testing.T, s StoryBackend) {
	arts := storyArticles(t, s, "a1", "a2", "a3", "a4")
	// s1 holds a1 (day 0) and a3 (day 2); s2 holds a2 (day 1); s3 holds a4 (day 3).
	u := sitrep.StoryUpdate{Stories: []*sitrep.Story{
		sampleStory("s1", at(0, 9), at(2, 9)), sampleStory("s2", at(1, 9), at(1, 9)), sampleStory("s3", at(3, 9), at(3, 9)),
	}}
	u.Links = append(u.Links, links("s1", arts[0], arts[2])...)
	u.Links = append(u.Links, links("s2", arts[1])...)
	u.Links = append(u.Links, links("s3", arts[3])...)
	putStories(t, s, u)

	tests := []struct {
		name     string
		from, to time.Time
		want     []string // article ids
	}{
		{"one day brings its story whole", at(0, 0), at(1, 0), []string{"a1", "a3"}},
		{"end is excluded", at(1, 0), at(1, 9), []string{}},
		{"start is included", at(1, 9), at(1, 10), []string{"a2"}},
		{"two stories", at(1, 0), at(2, 10), []string{"a1", "a3", "a2"}},
		{"nothing", at(10, 0), at(11, 0), []string{}},
		{"open ended", time.Time{}, at(9000*365, 0), []string{"a1", "a3", "a2", "a4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.ArticleLinks(ctx(t), tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			ids := []string{}
			for _, l := range got {
				ids = append(ids, l.ArticleID)
			}
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("got %v, want %v", ids, tt.want)
			}
		})
	}
	got, err := s.ArticleLinks(ctx(t), at(0, 0), at(5, 0))
	if err != nil {
		t.Fatal(err)
	}
	want := append(links("s1", arts[0], arts[2]), append(links("s2", arts[1]), links("s3", arts[3])...)...)
	for i := range want {
		want[i].Seen = want[i].Seen.UTC()
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("links:\ngot  %+v\nwant %+v", got, want)
	}
}

func testStoryMergeDeletes(t *testing.T, s StoryBackend) {
	arts := storyArticles(t, s, "a1", "a2")
	putStories(t, s, sitrep.StoryUpdate{
		Links:   append(links("s1", arts[0]), links("s2", arts[1])...),
		Stories: []*sitrep.Story{sampleStory("s1", at(0, 9), at(0, 9)), sampleStory("s2", at(1, 9), at(1, 9))},
	})
	// Deleting s2 while a2 still links to it is refused, and nothing changes.
	err := s.PutStories(ctx(t), sitrep.StoryUpdate{Deleted: []string{"s2"}})
	if sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Fatalf("delete a linked story: got %v, want EINVALID", err)
	}
	if got := listStories(t, s, sitrep.StoryFilter{}); !reflect.DeepEqual(got, []string{"s2", "s1"}) {
		t.Fatalf("after refused delete: got %v, want [s2 s1]", got)
	}
	// Merging: a2 moves to s1 and s2 goes, in one update.
	merged := sampleStory("s1", at(0, 9), at(1, 9))
	putStories(t, s, sitrep.StoryUpdate{Links: links("s1", arts[1]), Stories: []*sitrep.Story{merged}, Deleted: []string{"s2"}})
	if got := listStories(t, s, sitrep.StoryFilter{}); !reflect.DeepEqual(got, []string{"s1"}) {
		t.Errorf("after merge: got %v, want [s1]", got)
	}
	if got := getStory(t, s, "s1"); len(got.Articles) != 2 {
		t.Errorf("merged story has %d articles, want 2", len(got.Articles))
	}
	if _, err := s.Story(ctx(t), "s2"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("deleted story: got %v, want ENOTFOUND", err)
	}
}

func testStoryValidation(t *testing.T, s StoryBackend) {
	arts := storyArticles(t, s, "a1")
	good := links("s1", arts...)[0]
	tests := []struct {
		name string
		u    sitrep.StoryUpdate
	}{
		{"link to an article not stored", sitrep.StoryUpdate{
			Links:   []sitrep.ArticleLink{{ArticleID: "nope", StoryID: "s1", Role: sitrep.RoleOriginal, Seen: at(0, 0)}},
			Stories: []*sitrep.Story{sampleStory("s1", at(0, 0), at(0, 0))}}},
		{"link to a story not stored", sitrep.StoryUpdate{Links: []sitrep.ArticleLink{good}}},
		{"link without story", sitrep.StoryUpdate{Links: []sitrep.ArticleLink{{ArticleID: "a1", Role: sitrep.RoleOriginal, Seen: at(0, 0)}}}},
		{"unknown role", sitrep.StoryUpdate{Links: []sitrep.ArticleLink{{ArticleID: "a1", StoryID: "s1", Role: "copy", Seen: at(0, 0)}},
			Stories: []*sitrep.Story{sampleStory("s1", at(0, 0), at(0, 0))}}},
		{"copy without original", sitrep.StoryUpdate{Links: []sitrep.ArticleLink{{ArticleID: "a1", StoryID: "s1", Role: sitrep.RoleSyndicated, Seen: at(0, 0)}},
			Stories: []*sitrep.Story{sampleStory("s1", at(0, 0), at(0, 0))}}},
		{"nil story", sitrep.StoryUpdate{Stories: []*sitrep.Story{nil}}},
		{"story without id", sitrep.StoryUpdate{Stories: []*sitrep.Story{sampleStory("", at(0, 0), at(0, 0))}}},
		{"repeated event id", sitrep.StoryUpdate{Stories: []*sitrep.Story{func() *sitrep.Story {
			st := sampleStory("s1", at(0, 0), at(0, 0))
			st.Events[1].ID = st.Events[0].ID
			return st
		}()}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.PutStories(ctx(t), tt.u); sitrep.ErrorCode(err) != sitrep.EINVALID {
				t.Errorf("got %v, want EINVALID", err)
			}
			if got := listStories(t, s, sitrep.StoryFilter{}); len(got) != 0 {
				t.Errorf("a refused update stored stories %v", got)
			}
		})
	}
}

func testStoryNotFound(t *testing.T, s StoryBackend) {
	if _, err := s.Story(ctx(t), "missing"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("got %v, want ENOTFOUND", err)
	}
	got, err := s.ArticleLinks(ctx(t), at(0, 0), at(1, 0))
	if err != nil || len(got) != 0 {
		t.Errorf("links of an empty store: got %v, %v; want none", got, err)
	}
}

func dumpStory(s *sitrep.Story) string {
	b, _ := json.MarshalIndent(s, "", " ")
	return string(b)
}

func testArticleStory(t *testing.T, s StoryBackend) {
	arts := storyArticles(t, s, "a1", "a2", "a3")
	st := sampleStory("s1", at(0, 9), at(1, 9))
	putStories(t, s, sitrep.StoryUpdate{Links: links("s1", arts[:2]...), Stories: []*sitrep.Story{st}})
	got, err := s.ArticleStories(ctx(t), []string{"a1", "a2", "a3", "missing"})
	if err != nil {
		t.Fatalf("ArticleStories: %v", err)
	}
	for _, tt := range []struct{ article, want string }{
		{"a1", "s1"},
		{"a2", "s1"},
		{"a3", ""},      // stored, not placed
		{"missing", ""}, // not stored
	} {
		st1 := got[tt.article]
		switch {
		case tt.want == "" && st1 != nil:
			t.Errorf("story of %q = %s, want none", tt.article, st1.ID)
		case tt.want != "" && st1 == nil:
			t.Errorf("story of %q = none, want %s", tt.article, tt.want)
		case st1 != nil && (st1.ID != tt.want || st1.Title != st.Title || st1.ArticleCount != st.ArticleCount || len(st1.Events) != 0):
			t.Errorf("story of %q = %s %q (%d articles, %d events), want %s %q (%d articles) without its timeline",
				tt.article, st1.ID, st1.Title, st1.ArticleCount, len(st1.Events), tt.want, st.Title, st.ArticleCount)
		}
	}
	if none, err := s.ArticleStories(ctx(t), nil); err != nil || len(none) != 0 {
		t.Errorf("ArticleStories(nil) = %v, %v; want none", none, err)
	}
}
