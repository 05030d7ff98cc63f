package connect

import (
	"path/filepath"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// storeAndConnect stores articles and connects them, as the ingest hook
// does after each batch.
func storeAndConnect(t *testing.T, db *sqlite.DB, c *Connector, fs []fixture) {
	t.Helper()
	arts := articles(fs)
	if _, err := db.PutArticles(t.Context(), arts); err != nil {
		t.Fatal(err)
	}
	if err := c.Connect(t.Context(), arts); err != nil {
		t.Fatalf("Connect: %v", err)
	}
}

func storyOf(t *testing.T, db *sqlite.DB, articleID string) *sitrep.Story {
	t.Helper()
	list, err := db.Stories(t.Context(), sitrep.StoryFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		full, err := db.Story(t.Context(), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range full.Articles {
			if a.ID == articleID {
				return full
			}
		}
	}
	t.Fatalf("no stored story holds %s", articleID)
	return nil
}

// TestConnectorLaterRuns: each run of the program starts a new Connector;
// what earlier runs connected is read back from the store.
func TestConnectorLaterRuns(t *testing.T) {
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "connect.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	reports := baseReports()
	storeAndConnect(t, db, New(db, Options{}), reports[:3])
	first := storyOf(t, db, "hm")
	if first.ArticleCount != 3 || first.EventCount != 1 {
		t.Fatalf("first run: %d articles, %d events; want 3 and 1", first.ArticleCount, first.EventCount)
	}

	later := reports[0]
	later.id, later.published, later.body = "hm2", day(8, 9), prose("the denial", 30)
	later.events = nil
	storeAndConnect(t, db, New(db, Options{}), []fixture{later})
	second := storyOf(t, db, "hm2")
	if second.ID != first.ID || second.ArticleCount != 4 || second.EventCount != 1 {
		t.Errorf("second run: story %s with %d articles, %d events; want %s with 4 and 1", second.ID, second.ArticleCount, second.EventCount, first.ID)
	}
	if got := second.Articles[2]; got.ID != "sw" || got.Role != sitrep.RoleSyndicated || got.DuplicateOf != "mpa" {
		t.Errorf("copy after restore: %+v, want sw syndicated of mpa", got)
	}

	// A third run whose article bridges the stored story and a new one.
	other := fixture{id: "other", outlet: "X", title: "Macawisley militia clash with clan gunmen in Wanlaweyn", published: day(9, 9),
		lead: "Macawisley militiamen clashed with clan gunmen over farmland in Wanlaweyn, elders said.", body: prose("other", 30),
		actors: []string{"Macawisley"}}
	c3 := New(db, Options{})
	storeAndConnect(t, db, c3, []fixture{other})
	otherStory := storyOf(t, db, "other").ID
	if otherStory == first.ID {
		t.Fatal("an unrelated article joined the base story")
	}
	bridge := fixture{id: "bridge", outlet: "Y", title: "Al-Shabaab storms base in Awdheegle as Macawisley clash with clan gunmen in Wanlaweyn",
		published: day(9, 12), body: prose("bridge", 30),
		lead:   "Macawisley militiamen clashed with clan gunmen in Wanlaweyn days after al-Shabaab fighters stormed an army base in Awdheegle.",
		places: []sitrep.PlaceMention{awdheegle}, actors: []string{"al Shabaab", "Military Forces of Somalia (2022-)", "Macawisley"}}
	storeAndConnect(t, db, c3, []fixture{bridge})
	merged := storyOf(t, db, "other")
	if merged.ID != first.ID || merged.ArticleCount != 6 {
		t.Errorf("after bridge: story %s with %d articles, want %s with 6", merged.ID, merged.ArticleCount, first.ID)
	}
	if _, err := db.Story(t.Context(), otherStory); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("merged-away story %s: got %v, want ENOTFOUND", otherStory, err)
	}
}
