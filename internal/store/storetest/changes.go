package storetest

import (
	"slices"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// ChangeBackend is a store that lists its changes.
type ChangeBackend interface {
	sitrep.Store
	sitrep.ChangeFeed
}

// RunChanges runs the change feed's conformance tests against a fresh,
// empty store from open for each test.
func RunChanges(t *testing.T, open func(t *testing.T) ChangeBackend) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s ChangeBackend)
	}{
		{"InOrderAfterMark", testChangesInOrder},
		{"UpdateComesAgain", testChangesUpdate},
		{"Pages", testChangesPages},
		{"BadLimit", testChangesBadLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

func changes(t *testing.T, s ChangeBackend, after sitrep.ChangeMark, limit int) []sitrep.ArticleChange {
	t.Helper()
	cs, err := s.ArticleChanges(ctx(t), after, limit)
	if err != nil {
		t.Fatalf("ArticleChanges(%v, %d): %v", after, limit, err)
	}
	return cs
}

func changeIDs(cs []sitrep.ArticleChange) []string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.Article.ID)
	}
	return ids
}

func testChangesInOrder(t *testing.T, s ChangeBackend) {
	if got := changes(t, s, sitrep.ChangeMark{}, 10); len(got) != 0 {
		t.Fatalf("empty store: %d changes, want 0", len(got))
	}
	put(t, s, article("c1", "First", body(30, 1, "convoy")))
	put(t, s, article("c2", "Second", body(30, 2, "convoy")), article("c3", "Third", body(30, 3, "convoy")))
	all := changes(t, s, sitrep.ChangeMark{}, 10)
	if got, want := changeIDs(all), []string{"c1", "c2", "c3"}; !slices.Equal(got, want) {
		t.Fatalf("changes = %v, want %v", got, want)
	}
	for i := 1; i < len(all); i++ {
		if !all[i-1].Mark.Before(all[i].Mark) {
			t.Errorf("mark %d %v is not before mark %d %v", i-1, all[i-1].Mark, i, all[i].Mark)
		}
	}
	if a := all[0].Article; a.Title != "First" || a.Body == "" || a.ContentHash == "" {
		t.Errorf("change carries %+v, want the whole article", a)
	}
	if got, want := changeIDs(changes(t, s, all[0].Mark, 10)), []string{"c2", "c3"}; !slices.Equal(got, want) {
		t.Errorf("after the first mark = %v, want %v", got, want)
	}
	if got := changes(t, s, all[2].Mark, 10); len(got) != 0 {
		t.Errorf("after the last mark = %v, want none", changeIDs(got))
	}
}

func testChangesUpdate(t *testing.T, s ChangeBackend) {
	put(t, s, article("u1", "One", body(30, 1, "convoy")), article("u2", "Two", body(30, 2, "convoy")))
	last := changes(t, s, sitrep.ChangeMark{}, 10)[1].Mark
	changed := article("u1", "One, updated", body(30, 9, "convoy"))
	put(t, s, changed)
	got := changes(t, s, last, 10)
	if len(got) != 1 || got[0].Article.ID != "u1" || got[0].Article.Title != "One, updated" {
		t.Fatalf("after an update = %v, want u1 with its new title", changeIDs(got))
	}
	if !last.Before(got[0].Mark) {
		t.Errorf("the update's mark %v is not after %v", got[0].Mark, last)
	}
}

func testChangesPages(t *testing.T, s ChangeBackend) {
	var arts []*sitrep.Article
	for i := range 7 {
		id := "p" + string(rune('a'+i))
		arts = append(arts, article(id, "Page "+id, body(20, i, "convoy")))
	}
	put(t, s, arts...)
	var ids []string
	mark := sitrep.ChangeMark{}
	for range 10 {
		page := changes(t, s, mark, 3)
		if len(page) == 0 {
			break
		}
		ids = append(ids, changeIDs(page)...)
		mark = page[len(page)-1].Mark
	}
	if got, want := ids, []string{"pa", "pb", "pc", "pd", "pe", "pf", "pg"}; !slices.Equal(got, want) {
		t.Errorf("paged changes = %v, want %v", got, want)
	}
}

func testChangesBadLimit(t *testing.T, s ChangeBackend) {
	for _, n := range []int{0, -1, 1 << 20} {
		if _, err := s.ArticleChanges(ctx(t), sitrep.ChangeMark{}, n); sitrep.ErrorCode(err) != sitrep.EINVALID {
			t.Errorf("limit %d: %v, want invalid", n, err)
		}
	}
}
