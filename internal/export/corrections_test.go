package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/correct"
	"github.com/sitrep-project/sitrep/internal/eval"
	"github.com/sitrep-project/sitrep/internal/export"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// addCorrection validates and stores one correction by "rana".
func addCorrection(t *testing.T, db *sqlite.DB, articleID, target, action, key, value string) {
	t.Helper()
	c := sitrep.Correction{ArticleID: articleID, Target: target, Action: action, Key: key, Editor: "rana"}
	if value != "" {
		c.Value = json.RawMessage(value)
	}
	if err := correct.Validate(&c); err != nil {
		t.Fatal(err)
	}
	if err := db.AddCorrection(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
}

func TestExportsShowVerified(t *testing.T) {
	ctx := context.Background()
	db, idx := indextest.Open(t, indextest.All()...)
	ambush := indextest.Ambush()
	addCorrection(t, db, ambush.ID, sitrep.TargetEvent, sitrep.ActionConfirm, correct.EventKey(ambush.Analysis.Events[0]), "")
	if _, err := idx.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := export.Events(ctx, idx, index.Filter{}, export.NewACLED(&buf)); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		got[r[col["article_id"]]] = r[col["verified"]]
	}
	if want := map[string]string{ambush.ID: "true", indextest.Shelling().ID: "false"}; len(got) != 2 || got[ambush.ID] != want[ambush.ID] ||
		got[indextest.Shelling().ID] != want[indextest.Shelling().ID] {
		t.Errorf("verified column = %v, want %v", got, want)
	}

	buf.Reset()
	if _, err := export.Events(ctx, idx, index.Filter{Country: "SY"}, export.NewGeoJSON(&buf)); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Verified *bool `json:"verified"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(buf.Bytes(), &fc); err != nil || len(fc.Features) != 1 || fc.Features[0].Properties.Verified == nil ||
		!*fc.Features[0].Properties.Verified {
		t.Errorf("GeoJSON: %v: %s, want one feature with verified true", err, buf.String())
	}
}

// goldExport writes the gold lines of task for the articles with
// corrections relevant to it, as `sitrep corrections export` does.
func goldExport(t *testing.T, db *sqlite.DB, task string) string {
	t.Helper()
	ctx := context.Background()
	store := correct.NewStore(db, db)
	ids, err := db.CorrectedArticles(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := export.NewGold(&buf)
	for _, id := range ids {
		a, _, history, err := store.Corrected(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !export.GoldRelevant(task, history) {
			continue
		}
		if l, ok := export.Gold(task, a, a.Analysis); ok {
			if err := w.Write(l); err != nil {
				t.Fatal(err)
			}
		}
	}
	return buf.String()
}

// machine scores the stored, uncorrected analysis of each line's article.
func machine(t *testing.T, db *sqlite.DB) func(*eval.Line) *sitrep.Analysis {
	return func(l *eval.Line) *sitrep.Analysis {
		a, err := db.Article(context.Background(), l.ID)
		if err != nil {
			t.Fatal(err)
		}
		return a.Analysis
	}
}

// TestGoldScoresTheExtractor exports the newsroom's corrections as eval
// gold and scores the extractor's own output against it: where editors
// rejected a false event and added the real one, the machine loses
// accuracy; where they confirmed, it keeps it.
func TestGoldScoresTheExtractor(t *testing.T) {
	db, _ := indextest.Open(t, indextest.All()...)
	ambush, shelling := indextest.Ambush(), indextest.Shelling()
	addCorrection(t, db, ambush.ID, sitrep.TargetEvent, sitrep.ActionConfirm, correct.EventKey(ambush.Analysis.Events[0]), "")
	addCorrection(t, db, shelling.ID, sitrep.TargetEvent, sitrep.ActionReject, correct.EventKey(shelling.Analysis.Events[0]), "")
	addCorrection(t, db, shelling.ID, sitrep.TargetEvent, sitrep.ActionAdd, "new:1",
		`{"sub_type":"Attack","actor2":"Civilians (Lebanon)","fatalities":0,"place":{"name":"Hermel","country":"LB","lat":34.39,"lon":36.38,"geo_precision":1}}`)
	addCorrection(t, db, ambush.ID, sitrep.TargetPlace, sitrep.ActionReject, "500:510", "")
	// Topics alone say nothing about events or places.
	addCorrection(t, db, indextest.Empty().ID, sitrep.TargetTopic, sitrep.ActionAdd, "medtop:20000056", `{}`)

	events := goldExport(t, db, "events")
	lines := strings.Split(strings.TrimSpace(events), "\n")
	if len(lines) != 2 {
		t.Fatalf("events gold has %d lines, want 2:\n%s", len(lines), events)
	}
	var l eval.Line
	if err := json.Unmarshal([]byte(lines[1]), &l); err != nil {
		t.Fatal(err)
	}
	var g eval.EventGold
	if err := json.Unmarshal(l.Gold, &g); err != nil {
		t.Fatal(err)
	}
	if l.ID != shelling.ID || l.Task != "events" || l.Text != shelling.Body || l.Published != "2026-10-04" ||
		g.EventType != "Violence against civilians" || g.SubEventType != "Attack" || g.ISO3 != "LBN" || g.Country != "Lebanon" ||
		g.Location != "Hermel" || g.Lat == nil || *g.Lat != 34.39 {
		t.Errorf("gold line = %+v\ngold = %+v", l, g)
	}
	tests := []struct {
		task, gold, want string
	}{
		{"events", events, "events: 2 docs (0 with no event): event_type 0.500, sub_event_type 0.500"},
		{"geo", goldExport(t, db, "geo"), "geo: 1 docs, 4 gold, 5 predicted: toponyms P 0.800 R 1.000"},
		{"docs", goldExport(t, db, "docs"), "docs: 2 docs: place accuracy 1.000, country accuracy 1.000"},
	}
	for _, tt := range tests {
		t.Run(tt.task, func(t *testing.T) {
			report, err := eval.Run(strings.NewReader(tt.gold), tt.task+".jsonl", tt.task, machine(t, db))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(report, tt.want) {
				t.Errorf("report = %q, want it to contain %q", report, tt.want)
			}
		})
	}
	// The corrected analyses score perfectly against their own gold.
	store := correct.NewStore(db, db)
	report, err := eval.Run(strings.NewReader(events), "events.jsonl", "events", func(l *eval.Line) *sitrep.Analysis {
		a, err := store.Article(context.Background(), l.ID)
		if err != nil {
			t.Fatal(err)
		}
		return a.Analysis
	})
	if err != nil || !strings.Contains(report, "event_type 1.000, sub_event_type 1.000") {
		t.Errorf("corrected against its own gold: %q, %v", report, err)
	}
}
