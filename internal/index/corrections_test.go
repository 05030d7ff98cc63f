package index_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/sitrep-project/sitrep/internal/correct"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// TestSyncAppliesCorrections checks that a correction brings its article
// back to Sync and that the index shows the corrected analysis: a
// rejected event gone, an edited one changed and verified, an added
// country tagged.
func TestSyncAppliesCorrections(t *testing.T) {
	ctx := context.Background()
	db, idx := indextest.Open(t, indextest.All()...)
	ambush := indextest.Ambush()
	battle, attack := ambush.Analysis.Events[0], ambush.Analysis.Events[1]
	add := func(target, action, key, value string) {
		t.Helper()
		c := sitrep.Correction{ArticleID: ambush.ID, Target: target, Action: action, Key: key, Editor: "rana"}
		if value != "" {
			c.Value = json.RawMessage(value)
		}
		if err := correct.Validate(&c); err != nil {
			t.Fatal(err)
		}
		if err := db.AddCorrection(ctx, &c); err != nil {
			t.Fatal(err)
		}
	}
	add(sitrep.TargetEvent, sitrep.ActionReject, correct.EventKey(attack), "")
	add(sitrep.TargetEvent, sitrep.ActionEdit, correct.EventKey(battle), `{"fatalities":9}`)
	add(sitrep.TargetCountry, sitrep.ActionAdd, "TR", `{"name":"Turkey"}`)
	if n, err := idx.Sync(ctx); err != nil || n != 1 {
		t.Fatalf("sync after corrections indexed %d (err %v), want 1", n, err)
	}
	evs, err := idx.ArticleEvents(ctx, ambush.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 1 || evs[0].Type != "Battles" || !evs[0].Verified || evs[0].Fatalities == nil || *evs[0].Fatalities != 9 {
		t.Fatalf("events after corrections = %+v, want the battle alone, 9 killed, verified", evs)
	}
	tr, _, err := idx.Articles(ctx, index.Filter{Country: "TR"}, 0, index.Cursor{})
	if err != nil || len(tr) != 1 || tr[0].ID != ambush.ID {
		t.Errorf("Turkey lists %v (err %v), want the article an editor tagged", tr, err)
	}
	other, err := idx.ArticleEvents(ctx, indextest.Shelling().ID)
	if err != nil || len(other) != 1 || other[0].Verified {
		t.Errorf("uncorrected article's events = %+v, %v; want one, not verified", other, err)
	}

	// Revoking the rejection brings the event back.
	cs, err := db.Corrections(ctx, sitrep.CorrectionFilter{ArticleID: ambush.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.RevokeCorrection(ctx, cs[0].ID, "omar"); err != nil {
		t.Fatal(err)
	}
	if n, err := idx.Sync(ctx); err != nil || n != 1 {
		t.Fatalf("sync after revoking indexed %d (err %v), want 1", n, err)
	}
	if evs, err := idx.ArticleEvents(ctx, ambush.ID); err != nil || len(evs) != 2 || evs[1].Verified {
		t.Errorf("events after revoking = %+v, %v; want both, the restored one unverified", evs, err)
	}
}

// TestCorrectionsSurviveReextraction stores a new version of a corrected
// article, its analysis rebuilt (events in another order), and checks the
// index still shows the correction.
func TestCorrectionsSurviveReextraction(t *testing.T) {
	ctx := context.Background()
	db, idx := indextest.Open(t, indextest.All()...)
	ambush := indextest.Ambush()
	c := sitrep.Correction{ArticleID: ambush.ID, Target: sitrep.TargetEvent, Action: sitrep.ActionReject,
		Key: correct.EventKey(ambush.Analysis.Events[0]), Editor: "rana"}
	if err := db.AddCorrection(ctx, &c); err != nil {
		t.Fatal(err)
	}
	upd := indextest.Ambush()
	upd.Title += " (updated)"
	upd.Analysis.Events[0], upd.Analysis.Events[1] = upd.Analysis.Events[1], upd.Analysis.Events[0]
	upd.Normalize()
	if res, err := db.PutArticles(ctx, []*sitrep.Article{upd}); err != nil || res[0].Status != sitrep.PutUpdated {
		t.Fatalf("put the new version: %v, %v", res, err)
	}
	if _, err := idx.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	evs, err := idx.ArticleEvents(ctx, ambush.ID)
	if err != nil || len(evs) != 1 || evs[0].Type != "Violence against civilians" {
		t.Errorf("events after re-extraction = %+v, %v; want the battle still rejected", evs, err)
	}
}
