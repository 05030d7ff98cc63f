package feeds_test

import (
	"io/fs"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/feeds"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/samples"
)

// TestItemsJoinStories checks that within one cycle new items are fetched,
// extracted and connected: two outlets' reports of one attack, found in two
// feeds on two hosts, land in one story, and an unrelated report does not.
// The pages are the fictional sample corpus.
func TestItemsJoinStories(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the extractor")
	}
	x, err := extract.Load(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, func(_ *feeds.Poller, opt *ingest.Options) {
		opt.Analyze = func(a *sitrep.Article) { a.Analysis = x.Analyze(extract.DocumentOf(a)) }
	})
	horn, mpa := newSite(t), newSite(t)
	page := func(s *site, name string) item {
		t.Helper()
		b, err := fs.ReadFile(samples.FS, "html/"+name)
		if err != nil {
			t.Fatal(err)
		}
		s.serve("/"+name, "text/html; charset=utf-8", string(b))
		return item{guid: name, link: s.URL + "/" + name, title: name, path: "/" + name}
	}
	hornAttack := page(horn, "hornmonitor-2026-10-07-awdheegle-base-attack.html")
	hornFloods := page(horn, "hornmonitor-2026-10-09-beledweyne-floods.html")
	mpaAttack := page(mpa, "mpa-2026-10-07-awdheegle-base-attack.html")
	horn.serve("/rss", "application/rss+xml", rss("Horn Monitor", []item{hornFloods, hornAttack}))
	mpa.serve("/atom", "application/atom+xml", atom("Meridian Press Agency", []item{mpaAttack}))
	e.add(t, horn.URL+"/rss")
	e.add(t, mpa.URL+"/atom")

	c := e.pollOnce(t)
	if c.New() != 3 {
		t.Fatalf("one cycle stored %d items, want 3: %s", c.New(), c)
	}
	links, err := e.db.ArticleLinks(t.Context(), time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	story := map[string]string{} // article input -> story
	for _, l := range links {
		a, err := e.db.Article(t.Context(), l.ArticleID)
		if err != nil {
			t.Fatal(err)
		}
		story[a.Input] = l.StoryID
		if a.Analysis == nil {
			t.Errorf("article %s stored without analysis", a.Input)
		}
	}
	attackA, attackB, floods := story[hornAttack.link], story[mpaAttack.link], story[hornFloods.link]
	if attackA == "" || attackB == "" || floods == "" {
		t.Fatalf("articles not connected to stories: %v", story)
	}
	if attackA != attackB {
		t.Errorf("the two reports of the attack are in stories %s and %s, want one", attackA, attackB)
	}
	if floods == attackA {
		t.Errorf("the floods report joined the attack's story %s", attackA)
	}
	s, err := e.db.Story(t.Context(), attackA)
	if err != nil {
		t.Fatal(err)
	}
	if s.SourceCount != 2 {
		t.Errorf("attack story has %d sources, want 2", s.SourceCount)
	}
}
