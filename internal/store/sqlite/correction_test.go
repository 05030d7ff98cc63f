package sqlite

import (
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/storetest"
)

func TestCorrectionConformance(t *testing.T) {
	storetest.RunCorrections(t, func(t *testing.T) storetest.CorrectionBackend {
		return openTemp(t)
	})
}

// TestCorrectionMarksArticleChanged checks the contract with the indexer:
// adding or revoking a correction moves its article's updated_at past
// every other article's, even when the clock reads earlier.
func TestCorrectionMarksArticleChanged(t *testing.T) {
	db := openTemp(t)
	gen := storetest.NewArticleGen(7)
	arts := gen.Articles(3, 50)
	putAll(t, db, arts[:1])
	putAll(t, db, arts[1:])
	updated := func(id string) string {
		t.Helper()
		var s string
		if err := db.SQL().QueryRow("SELECT updated_at FROM articles WHERE id = ?", id).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	newest := func() string {
		t.Helper()
		var s string
		if err := db.SQL().QueryRow("SELECT MAX(updated_at) FROM articles").Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	first := arts[0].ID
	before, top := updated(first), newest()
	// A clock an hour behind: the stamp must still move forward.
	db.now = func() time.Time { return time.Now().Add(-time.Hour) }
	c := sitrep.Correction{ArticleID: first, Target: sitrep.TargetCountry, Action: sitrep.ActionReject, Key: "SY", Editor: "rana"}
	if err := db.AddCorrection(t.Context(), &c); err != nil {
		t.Fatal(err)
	}
	after := updated(first)
	if after <= before || after <= top || after != newest() {
		t.Errorf("updated_at %s -> %s with newest %s before; want it the newest", before, after, top)
	}
	if _, err := db.RevokeCorrection(t.Context(), c.ID, "omar"); err != nil {
		t.Fatal(err)
	}
	if again := updated(first); again <= after {
		t.Errorf("revoking left updated_at at %s (was %s), want later", again, after)
	}
}
