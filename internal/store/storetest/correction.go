package storetest

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// CorrectionBackend is what RunCorrections needs: a store of articles
// that also keeps corrections, since a correction names a stored article.
type CorrectionBackend interface {
	sitrep.Store
	sitrep.CorrectionStore
}

// RunCorrections runs the conformance suite of sitrep.CorrectionStore.
// open must return a new, empty store and arrange for it to be closed when
// t ends.
//
// Beyond the interface's comments the suite fixes these behaviours:
//   - AddCorrection rejects what Correction.Validate rejects with EINVALID,
//     storing nothing; it sets ID (increasing) and Created (UTC, not
//     before the previous correction's).
//   - A confirm or reject comes back with a nil Value; an edit's or add's
//     Value comes back as the same JSON.
//   - Corrections lists by id, oldest first; a nil result is never
//     returned, an empty list is.
//   - Revoking sets Revoked (UTC) and RevokedBy and keeps the correction.
func RunCorrections(t *testing.T, open func(t *testing.T) CorrectionBackend) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s CorrectionBackend)
	}{
		{"RoundTrip", testCorrectionRoundTrip},
		{"UnknownArticle", testCorrectionUnknownArticle},
		{"Validation", testCorrectionValidation},
		{"Filters", testCorrectionFilters},
		{"CorrectedArticles", testCorrectedArticles},
		{"Revoke", testCorrectionRevoke},
		{"NotFound", testCorrectionNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}

// correctionArticles stores articles with ids c1..cn.
func correctionArticles(t *testing.T, s CorrectionBackend, n int) {
	t.Helper()
	var as []*sitrep.Article
	for i := 1; i <= n; i++ {
		id := "c" + string(rune('0'+i))
		as = append(as, article(id, "Report "+id, body(30, 1, "convoy")))
	}
	put(t, s, as...)
}

func addCorrection(t *testing.T, s CorrectionBackend, c sitrep.Correction) sitrep.Correction {
	t.Helper()
	if err := s.AddCorrection(ctx(t), &c); err != nil {
		t.Fatalf("AddCorrection(%s %s %s): %v", c.Action, c.Target, c.Key, err)
	}
	return c
}

func listCorrections(t *testing.T, s CorrectionBackend, f sitrep.CorrectionFilter) []sitrep.Correction {
	t.Helper()
	got, err := s.Corrections(ctx(t), f)
	if err != nil {
		t.Fatalf("Corrections(%+v): %v", f, err)
	}
	if got == nil {
		t.Fatalf("Corrections(%+v) = nil, want a list", f)
	}
	return got
}

func correctionIDs(cs []sitrep.Correction) []int64 {
	ids := []int64{}
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}

func testCorrectionRoundTrip(t *testing.T, s CorrectionBackend) {
	correctionArticles(t, s, 1)
	in := []sitrep.Correction{
		{ArticleID: "c1", Target: sitrep.TargetCountry, Action: sitrep.ActionConfirm, Key: "SY", Editor: "rana", Note: "checked the dateline"},
		{ArticleID: "c1", Target: sitrep.TargetEvent, Action: sitrep.ActionEdit, Key: "18:116|Battles|ambushed", Editor: "rana",
			Value: json.RawMessage(`{"fatalities":9,"place":{"name":"Thiban"}}`)},
		{ArticleID: "c1", Target: sitrep.TargetEvent, Action: sitrep.ActionAdd, Key: "new:x1", Editor: "omar — desk",
			Value: json.RawMessage(`{"type":"Battles","sub_type":"Armed clash"}`)},
		{ArticleID: "c1", Target: sitrep.TargetPlace, Action: sitrep.ActionReject, Key: "0:8", Editor: "rana"},
	}
	var want []sitrep.Correction
	var prev sitrep.Correction
	for i, c := range in {
		got := addCorrection(t, s, c)
		if got.ID == 0 || (i > 0 && got.ID <= prev.ID) {
			t.Errorf("correction %d: id %d after %d, want increasing ids", i, got.ID, prev.ID)
		}
		if got.Created.Location() != time.UTC || got.Created.IsZero() || (i > 0 && got.Created.Before(prev.Created)) {
			t.Errorf("correction %d: created %v after %v, want a UTC time not before the previous", i, got.Created, prev.Created)
		}
		prev = got
		want = append(want, got)
	}
	got := listCorrections(t, s, sitrep.CorrectionFilter{ArticleID: "c1"})
	if len(got) != len(want) {
		t.Fatalf("listed %d corrections, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if !jsonEqual(t, g.Value, w.Value) {
			t.Errorf("correction %d: value %s, want %s", i, g.Value, w.Value)
		}
		if w.Value == nil && g.Value != nil {
			t.Errorf("correction %d: value %q, want nil", i, g.Value)
		}
		g.Value, w.Value = nil, nil
		if !reflect.DeepEqual(g, w) {
			t.Errorf("correction %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	one, err := s.Correction(ctx(t), want[1].ID)
	if err != nil || one.Key != want[1].Key || one.ArticleID != "c1" {
		t.Errorf("Correction(%d) = %+v, %v", want[1].ID, one, err)
	}
}

func jsonEqual(t *testing.T, a, b json.RawMessage) bool {
	t.Helper()
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("value %q: %v", a, err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("value %q: %v", b, err)
	}
	return reflect.DeepEqual(x, y)
}

func testCorrectionUnknownArticle(t *testing.T, s CorrectionBackend) {
	c := sitrep.Correction{ArticleID: "nope", Target: sitrep.TargetCountry, Action: sitrep.ActionReject, Key: "SY", Editor: "rana"}
	err := s.AddCorrection(ctx(t), &c)
	if code := sitrep.ErrorCode(err); code != sitrep.ENOTFOUND {
		t.Errorf("AddCorrection to an unknown article: %v (code %q), want %s", err, code, sitrep.ENOTFOUND)
	}
	if got := listCorrections(t, s, sitrep.CorrectionFilter{}); len(got) != 0 {
		t.Errorf("stored %d corrections, want none", len(got))
	}
}

func testCorrectionValidation(t *testing.T, s CorrectionBackend) {
	correctionArticles(t, s, 1)
	ok := sitrep.Correction{ArticleID: "c1", Target: sitrep.TargetEvent, Action: sitrep.ActionReject, Key: "0:10|Battles|clash", Editor: "rana"}
	tests := []struct {
		name   string
		change func(c *sitrep.Correction)
	}{
		{"no article", func(c *sitrep.Correction) { c.ArticleID = "" }},
		{"no editor", func(c *sitrep.Correction) { c.Editor = "  " }},
		{"unknown target", func(c *sitrep.Correction) { c.Target = "claim" }},
		{"unknown action", func(c *sitrep.Correction) { c.Action = "delete" }},
		{"empty key", func(c *sitrep.Correction) { c.Key = "" }},
		{"event key without type", func(c *sitrep.Correction) { c.Key = "0:10" }},
		{"reject with a value", func(c *sitrep.Correction) { c.Value = json.RawMessage(`{"type":"Riots"}`) }},
		{"edit without a value", func(c *sitrep.Correction) { c.Action = sitrep.ActionEdit }},
		{"edit with a list", func(c *sitrep.Correction) { c.Action, c.Value = sitrep.ActionEdit, json.RawMessage(`[1]`) }},
		{"edit with bad JSON", func(c *sitrep.Correction) { c.Action, c.Value = sitrep.ActionEdit, json.RawMessage(`{"a":`) }},
		{"add a place", func(c *sitrep.Correction) {
			c.Target, c.Action, c.Key, c.Value = sitrep.TargetPlace, sitrep.ActionAdd, "1:4", json.RawMessage(`{"name":"X"}`)
		}},
		{"add an event without new:", func(c *sitrep.Correction) { c.Action, c.Value = sitrep.ActionAdd, json.RawMessage(`{"type":"Riots"}`) }},
		{"lower-case country", func(c *sitrep.Correction) { c.Target, c.Key = sitrep.TargetCountry, "sy" }},
		{"topic not medtop", func(c *sitrep.Correction) { c.Target, c.Key = sitrep.TargetTopic, "war" }},
		{"empty span", func(c *sitrep.Correction) { c.Target, c.Key = sitrep.TargetActor, "5:5" }},
		{"long note", func(c *sitrep.Correction) { c.Note = string(make([]rune, sitrep.MaxCorrectionNote+1)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.change(&c)
			err := s.AddCorrection(ctx(t), &c)
			if code := sitrep.ErrorCode(err); code != sitrep.EINVALID {
				t.Errorf("AddCorrection(%+v): %v (code %q), want %s", c, err, code, sitrep.EINVALID)
			}
		})
	}
	if got := listCorrections(t, s, sitrep.CorrectionFilter{}); len(got) != 0 {
		t.Errorf("stored %d invalid corrections, want none", len(got))
	}
	addCorrection(t, s, ok)
}

func testCorrectionFilters(t *testing.T, s CorrectionBackend) {
	correctionArticles(t, s, 2)
	var ids []int64
	for i, art := range []string{"c1", "c2", "c1", "c2", "c1"} {
		c := addCorrection(t, s, sitrep.Correction{ArticleID: art, Target: sitrep.TargetCountry, Action: sitrep.ActionConfirm,
			Key: []string{"SY", "IQ", "LB", "JO", "TR"}[i], Editor: "rana"})
		ids = append(ids, c.ID)
	}
	if _, err := s.RevokeCorrection(ctx(t), ids[2], "omar"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    sitrep.CorrectionFilter
		want []int64
	}{
		{"all", sitrep.CorrectionFilter{}, ids},
		{"one article", sitrep.CorrectionFilter{ArticleID: "c1"}, []int64{ids[0], ids[2], ids[4]}},
		{"active of one article", sitrep.CorrectionFilter{ArticleID: "c1", Active: true}, []int64{ids[0], ids[4]}},
		{"first page", sitrep.CorrectionFilter{Limit: 2}, ids[:2]},
		{"next page", sitrep.CorrectionFilter{After: ids[1], Limit: 2}, ids[2:4]},
		{"last page", sitrep.CorrectionFilter{After: ids[3], Limit: 2}, ids[4:]},
		{"past the end", sitrep.CorrectionFilter{After: ids[4]}, []int64{}},
		{"unknown article", sitrep.CorrectionFilter{ArticleID: "nope"}, []int64{}},
		{"several articles", sitrep.CorrectionFilter{ArticleIDs: []string{"c2", "nope"}}, []int64{ids[1], ids[3]}},
		{"active of several articles", sitrep.CorrectionFilter{ArticleIDs: []string{"c1", "c2"}, Active: true}, []int64{ids[0], ids[1], ids[3], ids[4]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := correctionIDs(listCorrections(t, s, tt.f)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ids = %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := s.Corrections(ctx(t), sitrep.CorrectionFilter{Limit: -1}); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("negative limit: %v, want %s", err, sitrep.EINVALID)
	}
}

func testCorrectedArticles(t *testing.T, s CorrectionBackend) {
	correctionArticles(t, s, 4)
	for _, art := range []string{"c3", "c1", "c3", "c4"} {
		addCorrection(t, s, sitrep.Correction{ArticleID: art, Target: sitrep.TargetCountry, Action: sitrep.ActionReject, Key: "SY", Editor: "rana"})
	}
	cs := listCorrections(t, s, sitrep.CorrectionFilter{ArticleID: "c4"})
	if _, err := s.RevokeCorrection(ctx(t), cs[0].ID, "rana"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		after string
		limit int
		want  []string
	}{
		{"", 0, []string{"c1", "c3"}},
		{"", 1, []string{"c1"}},
		{"c1", 1, []string{"c3"}},
		{"c3", 0, []string{}},
	}
	for _, tt := range tests {
		got, err := s.CorrectedArticles(ctx(t), tt.after, tt.limit)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("CorrectedArticles(%q, %d) = %v, %v; want %v (revoked-only c4 left out)", tt.after, tt.limit, got, err, tt.want)
		}
	}
}

func testCorrectionRevoke(t *testing.T, s CorrectionBackend) {
	correctionArticles(t, s, 1)
	c := addCorrection(t, s, sitrep.Correction{ArticleID: "c1", Target: sitrep.TargetTopic, Action: sitrep.ActionReject,
		Key: "medtop:20000056", Editor: "rana"})
	if _, err := s.RevokeCorrection(ctx(t), c.ID, ""); sitrep.ErrorCode(err) != sitrep.EINVALID {
		t.Errorf("revoke without an editor: %v, want %s", err, sitrep.EINVALID)
	}
	got, err := s.RevokeCorrection(ctx(t), c.ID, "omar")
	if err != nil {
		t.Fatal(err)
	}
	if got.Revoked == nil || got.Revoked.Location() != time.UTC || got.Revoked.Before(c.Created) || got.RevokedBy != "omar" || got.Active() {
		t.Errorf("revoked = %+v, want revoked by omar after %v", got, c.Created)
	}
	stored, err := s.Correction(ctx(t), c.ID)
	if err != nil || stored.Revoked == nil || !stored.Revoked.Equal(*got.Revoked) || stored.RevokedBy != "omar" {
		t.Errorf("stored after revoking = %+v, %v", stored, err)
	}
	if _, err := s.RevokeCorrection(ctx(t), c.ID, "omar"); sitrep.ErrorCode(err) != sitrep.ECONFLICT {
		t.Errorf("revoking twice: %v, want %s", err, sitrep.ECONFLICT)
	}
	if n := len(listCorrections(t, s, sitrep.CorrectionFilter{ArticleID: "c1"})); n != 1 {
		t.Errorf("history has %d corrections after revoking, want 1 (kept)", n)
	}
}

func testCorrectionNotFound(t *testing.T, s CorrectionBackend) {
	if _, err := s.Correction(ctx(t), 42); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("Correction(42): %v, want %s", err, sitrep.ENOTFOUND)
	}
	if _, err := s.RevokeCorrection(ctx(t), 42, "rana"); sitrep.ErrorCode(err) != sitrep.ENOTFOUND {
		t.Errorf("RevokeCorrection(42): %v, want %s", err, sitrep.ENOTFOUND)
	}
}
