package index_test

import (
	"context"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func eventIDs(evs []index.Event) []string {
	var ids []string
	for _, e := range evs {
		ids = append(ids, e.ID)
	}
	return ids
}

func TestSyncIndexesAndReindexes(t *testing.T) {
	ctx := context.Background()
	db, idx := indextest.Open(t, indextest.All()...)

	totals, err := idx.Totals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The negated event is indexed but not counted as asserted.
	if got, want := totals, (index.Counts{Articles: 4, Events: 2}); got != want {
		t.Errorf("totals = %+v, want %+v", got, want)
	}
	if n, err := idx.Sync(ctx); err != nil || n != 0 {
		t.Errorf("second sync indexed %d (err %v), want 0", n, err)
	}

	// An update of the same page (same id, new content) replaces its rows.
	upd := indextest.Ambush()
	upd.Body += "\n\nA new paragraph."
	upd.Analysis.Events = upd.Analysis.Events[:1]
	upd.Analysis.Countries = []sitrep.CountryScore{{Code: "IQ", Name: "Iraq", Score: 1}}
	upd.Normalize()
	gen := idx.Generation()
	if _, err := db.PutArticles(ctx, []*sitrep.Article{upd}); err != nil {
		t.Fatal(err)
	}
	if n, err := idx.Sync(ctx); err != nil || n != 1 {
		t.Fatalf("sync after update indexed %d (err %v), want 1", n, err)
	}
	if idx.Generation() == gen {
		t.Error("generation did not change after a sync that indexed an article")
	}
	evs, _, err := idx.Events(ctx, index.Filter{All: true}, 0, index.Cursor{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(evs), 2; got != want {
		t.Errorf("events after update = %d %v, want %d", got, eventIDs(evs), want)
	}
	sy, _, err := idx.Articles(ctx, index.Filter{Country: "SY"}, 0, index.Cursor{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sy) != 0 {
		t.Errorf("Syria still lists %d articles after the update tagged it Iraq", len(sy))
	}
}

func TestEventFilters(t *testing.T) {
	ctx := context.Background()
	_, idx := indextest.Open(t, indextest.All()...)
	ambush, shelling := indextest.Ambush().ID, indextest.Shelling().ID
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"all asserted, newest first", "", []string{ambush + "-1", shelling + "-1"}},
		{"negated too", "all=1", []string{ambush + "-1", ambush + "-2", shelling + "-1"}},
		{"country", "country=lb", []string{shelling + "-1"}},
		{"type", "type=Battles", []string{ambush + "-1"}},
		{"sub type", "sub_type=Armed+clash", []string{ambush + "-1"}},
		{"actor by name either side", "actor=QSD:+Syrian+Democratic+Forces", []string{ambush + "-1"}},
		{"actor by slug", "actor=military-forces-of-syria", []string{shelling + "-1"}},
		{"place", "place=lb/hermel", []string{shelling + "-1"}},
		{"since", "since=2026-10-05", []string{ambush + "-1"}},
		{"until", "until=2026-10-05", []string{shelling + "-1"}},
		{"bbox around Hermel", "bbox=36,34,37,35", []string{shelling + "-1"}},
		{"topic", "topic=20000056&country=SY", []string{ambush + "-1"}},
		{"source", "source=The+Levant+Courier", []string{shelling + "-1"}},
		{"nothing", "type=Protests", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			f, err := index.ParseFilter(q)
			if err != nil {
				t.Fatal(err)
			}
			evs, next, err := idx.Events(ctx, f, 0, index.Cursor{})
			if err != nil {
				t.Fatal(err)
			}
			if got := eventIDs(evs); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("events = %v, want %v", got, tt.want)
			}
			if next != nil {
				t.Errorf("next cursor %+v on a short list", next)
			}
		})
	}
}

func TestParseFilterRejects(t *testing.T) {
	for _, q := range []string{"country=XQ", "since=yesterday", "since=2026-10-09&until=2026-10-01", "bbox=1,2,3", "bbox=0,0,200,10", "all=maybe",
		"actor=" + strings.Repeat("x", 300)} {
		v, _ := url.ParseQuery(q)
		_, err := index.ParseFilter(v)
		if got := sitrep.ErrorCode(err); got != sitrep.EINVALID {
			t.Errorf("ParseFilter(%s) code = %q (%v), want invalid", q, got, err)
		}
	}
	f := index.Filter{Country: "SY", Type: "Battles", BBox: &index.BBox{MinLon: 35, MinLat: 32, MaxLon: 43, MaxLat: 38}, Since: "2026-10-01", All: true}
	back, err := index.ParseFilter(f.Values())
	if err != nil || !reflect.DeepEqual(back, f) {
		t.Errorf("ParseFilter(Values()) = %+v, %v; want %+v", back, err, f)
	}
}

func TestEventCursorWalksEveryEventOnce(t *testing.T) {
	ctx := context.Background()
	_, idx := indextest.Open(t, indextest.All()...)
	var got []string
	var c index.Cursor
	for page := 0; page < 10; page++ {
		evs, next, err := idx.Events(ctx, index.Filter{All: true}, 1, c)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, eventIDs(evs)...)
		if next == nil {
			break
		}
		if c, err = index.DecodeCursor(next.Encode()); err != nil {
			t.Fatal(err)
		}
	}
	all, _, _ := idx.Events(ctx, index.Filter{All: true}, 0, index.Cursor{})
	if want := eventIDs(all); !reflect.DeepEqual(got, want) {
		t.Errorf("paged = %v, want %v", got, want)
	}
	if _, err := index.DecodeCursor("not a cursor!"); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("bad cursor: %v, want invalid", err)
	}
}

func TestArticlesAndEntities(t *testing.T) {
	ctx := context.Background()
	_, idx := indextest.Open(t, indextest.All()...)
	arts, _, err := idx.Articles(ctx, index.Filter{}, 0, index.Cursor{})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range arts {
		titles = append(titles, a.Title)
	}
	want := []string{indextest.Ambush().Title, indextest.Shelling().Title, indextest.Empty().Title, indextest.Hostile().Title}
	if !reflect.DeepEqual(titles, want) {
		t.Errorf("articles = %q, want %q (newest first; undated last)", titles, want)
	}
	if got := arts[0].Countries; !reflect.DeepEqual(got, []string{"SY", "IQ"}) {
		t.Errorf("countries = %v, want [SY IQ]: Jordan scores under the threshold", got)
	}

	place, err := idx.Place(ctx, "sy/al-qamishli")
	if err != nil || place.Name != "Al Qāmishlī" || place.Articles != 1 {
		t.Errorf("place = %+v, %v", place, err)
	}
	if _, err := idx.Place(ctx, "sy/syria"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("a country is not a place: %v", err)
	}
	actor, err := idx.Actor(ctx, "qsd-syrian-democratic-forces")
	if err != nil || actor.Mentions != 2 || actor.Kind != "rebel group" {
		t.Errorf("actor = %+v, %v", actor, err)
	}
	// Named only by an event.
	if a, err := idx.Actor(ctx, "civilians-syria"); err != nil || a.Name != "Civilians (Syria)" {
		t.Errorf("event-only actor = %+v, %v", a, err)
	}
	topic, err := idx.Topic(ctx, "20000056")
	if err != nil || topic.Articles != 2 {
		t.Errorf("topic = %+v, %v", topic, err)
	}
	cs, err := idx.Countries(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var sy index.CountryCount
	for _, c := range cs {
		if c.Code == "SY" {
			sy = c
		}
	}
	if want := (index.CountryCount{Country: index.Country{Code: "SY", Name: "Syria", Alpha3: "SYR", Numeric: 760, Lat: 34.8, Lon: 38.9},
		Articles: 1, Events: 1}); sy != want {
		t.Errorf("Syria = %+v, want %+v", sy, want)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	_, idx := indextest.Open(t, indextest.All()...)
	res, err := idx.Search(ctx, index.SearchQuery{Text: "villages OR ambush"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 {
		t.Errorf("operators are words: total = %d, want 0 (no article has villages, OR and ambush)", res.Total)
	}
	res, err = idx.Search(ctx, index.SearchQuery{Text: "fighters"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Snippet, index.MarkStart+"fighters"+index.MarkEnd) {
		t.Fatalf("search fighters = %+v", res)
	}
	if got := res.Facets.Countries; len(got) != 2 || got[1] != (index.FacetValue{Value: "SY", Label: "Syria", Count: 1}) {
		t.Errorf("country facet = %+v", got)
	}
	if got := res.Facets.Types; len(got) != 1 || got[0].Value != "Battles" {
		t.Errorf("type facet = %+v (the negated event does not count)", got)
	}
	res, err = idx.Search(ctx, index.SearchQuery{Filter: index.Filter{Topic: "medtop:20000056"}})
	if err != nil || res.Total != 2 || len(res.Hits) != 2 {
		t.Errorf("browse by topic = %+v, %v", res, err)
	}
	if _, err := idx.Search(ctx, index.SearchQuery{Text: "!!!"}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("no words: %v, want invalid", err)
	}
}

func TestLatestDay(t *testing.T) {
	_, idx := indextest.Open(t, indextest.All()...)
	day, err := idx.LatestDay(context.Background(), time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil || day != "2026-10-06" {
		t.Errorf("latest day = %q, %v; want 2026-10-06", day, err)
	}
	day, _ = idx.LatestDay(context.Background(), time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC))
	if day != "2026-10-04" {
		t.Errorf("latest day before 5 October = %q, want 2026-10-04", day)
	}
}

func TestSlugAndSummary(t *testing.T) {
	tests := []struct{ in, want string }{
		{"QSD: Syrian Democratic Forces", "qsd-syrian-democratic-forces"},
		{"Al Qāmishlī", "al-qamishli"},
		{"qsd-syrian-democratic-forces", "qsd-syrian-democratic-forces"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := index.Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := index.Slug("!!!"); !strings.HasPrefix(got, "x") {
		t.Errorf("Slug of punctuation = %q, want a hash key", got)
	}
	if got, want := index.Summary("One two three four five.\n\nSecond.", 12), "One two…"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

func TestMapEventsMatchEvents(t *testing.T) {
	ctx := context.Background()
	_, idx := indextest.Open(t, indextest.All()...)
	for _, f := range []index.Filter{{}, {All: true}, {Country: "LB"}, {Type: "Protests"}} {
		full, _, err := idx.Events(ctx, f, 0, index.Cursor{})
		if err != nil {
			t.Fatal(err)
		}
		light, err := idx.MapEvents(ctx, f, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := eventIDs(light), eventIDs(full); !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: map events %v, want %v", f, got, want)
		}
		for i := range light {
			if *light[i].Lat != *full[i].Lat || light[i].ArticleTitle != full[i].ArticleTitle || light[i].PlaceKey != full[i].PlaceKey {
				t.Errorf("map event %s = %+v, want the fields of %+v", light[i].ID, light[i], full[i])
			}
		}
	}
}

func TestSearchCacheFollowsSync(t *testing.T) {
	ctx := context.Background()
	db, idx := indextest.Open(t, indextest.Ambush())
	q := index.SearchQuery{Text: "Hermel"}
	res, err := idx.Search(ctx, q)
	if err != nil || res.Total != 0 {
		t.Fatalf("before: %+v, %v", res, err)
	}
	if _, err := db.PutArticles(ctx, []*sitrep.Article{indextest.Shelling()}); err != nil {
		t.Fatal(err)
	}
	if _, err := idx.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if res, err = idx.Search(ctx, q); err != nil || res.Total != 1 {
		t.Errorf("after sync: total %d, %v; want 1 (a stale cached result?)", res.Total, err)
	}
}

func TestTypeFilterOnArticles(t *testing.T) {
	ctx := context.Background()
	_, idx := indextest.Open(t, indextest.All()...)
	tests := []struct {
		name string
		f    index.Filter
		text string
		want int
	}{
		{"battles", index.Filter{Type: "Battles"}, "", 1},
		{"negated type only with all", index.Filter{Type: "Violence against civilians"}, "", 0},
		{"negated type with all", index.Filter{Type: "Violence against civilians", All: true}, "", 1},
		{"search and type", index.Filter{Type: "Explosions/Remote violence"}, "villages", 1},
		{"search and other type", index.Filter{Type: "Battles"}, "villages", 0},
		{"unknown type", index.Filter{Type: "Picnics"}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := idx.Search(ctx, index.SearchQuery{Text: tt.text, Filter: tt.f})
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != tt.want || len(res.Hits) != tt.want {
				t.Errorf("total %d, hits %d; want %d", res.Total, len(res.Hits), tt.want)
			}
			if tt.text == "" {
				arts, _, err := idx.Articles(ctx, tt.f, 0, index.Cursor{})
				if err != nil || len(arts) != tt.want {
					t.Errorf("Articles: %d, %v; want %d", len(arts), err, tt.want)
				}
			}
		})
	}
}
