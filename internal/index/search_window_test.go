package index

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// TestSearchRanksNewestWindow checks that an unfiltered search ranks only
// the newest rankWindow matches, counts them all, and that pages beyond
// the window and filtered searches still rank every match.
func TestSearchRanksNewestWindow(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "window.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Article i says "convoy" i+1 times: the oldest say it least, so the
	// most relevant articles are the newest, except article 0, which
	// says it most but is the oldest.
	base := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	var articles []*sitrep.Article
	for i := range 12 {
		n := i + 1
		if i == 0 {
			n = 40
		}
		articles = append(articles, &sitrep.Article{
			ID:        fmt.Sprintf("a%02d", i),
			Title:     fmt.Sprintf("Report %d", i),
			Body:      strings.Repeat("The convoy moved on. ", n) + strings.Repeat("Other words fill the page. ", 20),
			Retrieved: base.Add(time.Duration(i) * time.Hour),
		})
	}
	for _, a := range articles { // one by one, so that seq follows i
		a.Normalize()
		if _, err := db.PutArticles(ctx, []*sitrep.Article{a}); err != nil {
			t.Fatal(err)
		}
	}
	x := New(db.SQL())
	if _, err := x.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	ids := func(hs []SearchHit) string {
		var out []string
		for _, h := range hs {
			out = append(out, h.ID)
		}
		return strings.Join(out, " ")
	}

	defer func(w int) { rankWindow = w }(rankWindow)
	rankWindow = 5
	x.SetSearchCache(0)
	res, err := x.Search(ctx, SearchQuery{Text: "convoy", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(res.Hits), "a11 a10 a09"; got != want {
		t.Errorf("window of 5, first page = %s, want %s (the newest five ranked; a00 is outside)", got, want)
	}
	if res.Total != 12 || res.FacetsOf != 5 {
		t.Errorf("total %d, facets of %d; want 12 and 5", res.Total, res.FacetsOf)
	}

	res, err = x.Search(ctx, SearchQuery{Text: "convoy", Limit: 3, Offset: 6})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(res.Hits), "a06 a05 a04"; got != want {
		t.Errorf("page beyond the window = %s, want %s (every match ranked: a00 a11 a10 a09 a08 a07 first)", got, want)
	}

	rankWindow = 100
	res, err = x.Search(ctx, SearchQuery{Text: "convoy", Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(res.Hits), "a00 a11 a10"; got != want {
		t.Errorf("window larger than the matches = %s, want %s", got, want)
	}
	if res.Total != 12 || res.FacetsOf != 12 {
		t.Errorf("total %d, facets of %d; want 12 and 12", res.Total, res.FacetsOf)
	}
}
