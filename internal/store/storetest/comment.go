package storetest

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// CommentBackend is what RunComments needs: a store of articles that also
// keeps comments, since a comment names a stored article.
type CommentBackend interface {
	sitrep.Store
	sitrep.CommentStore
}

// RunComments runs the conformance suite of sitrep.CommentStore. open must
// return a new, empty store and arrange for it to be closed when t ends.
//
// Beyond the interface's comments the suite fixes these behaviours:
//   - Text is stored byte for byte: newlines, markup and any script kept
//     as the reader typed it (escaping is the page's job).
//   - Comments of one instant come back in the order they were added.
//   - Moderating sets ModeratedBy and ModeratedAt; a new comment has
//     neither.
func RunComments(t *testing.T, open func(t *testing.T) CommentBackend) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s CommentBackend)
	}{
		{"RoundTrip", testCommentRoundTrip},
		{"OnlyPublishedListed", testCommentOnlyPublished},
		{"Counts", testCommentCounts},
		{"Queue", testCommentQueue},
		{"Moderate", testCommentModerate},
		{"Validation", testCommentValidation},
		{"UnknownArticle", testCommentUnknownArticle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}

var commentDay = time.Date(2026, 10, 7, 9, 0, 0, 0, time.UTC)

// commentArticles stores articles c1..cn to comment on.
func commentArticles(t *testing.T, s CommentBackend, n int) {
	t.Helper()
	var list []*sitrep.Article
	for i := 1; i <= n; i++ {
		list = append(list, article(fmt.Sprintf("c%d", i), fmt.Sprintf("Report %d", i), body(20, 0, "")+fmt.Sprint(" ", i)))
	}
	put(t, s, list...)
}

func addComment(t *testing.T, s CommentBackend, articleID, text string, status sitrep.CommentStatus, minute int) *sitrep.Comment {
	t.Helper()
	c := &sitrep.Comment{ArticleID: articleID, Name: "Reader", Text: text, Status: status,
		Created: commentDay.Add(time.Duration(minute) * time.Minute), ClientHash: "c0ffee"}
	if err := s.AddComment(ctx(t), c); err != nil {
		t.Fatalf("AddComment(%q): %v", text, err)
	}
	if c.ID == 0 {
		t.Fatalf("AddComment(%q) left the id 0", text)
	}
	return c
}

func commentTexts(list []*sitrep.Comment) []string {
	out := make([]string, len(list))
	for i, c := range list {
		out[i] = c.Text
	}
	return out
}

func testCommentRoundTrip(t *testing.T, s CommentBackend) {
	commentArticles(t, s, 1)
	text := "Line one — «quoted»\n\nLine <script>alert(1)</script> & <a href=x>three</a>"
	c := &sitrep.Comment{ArticleID: "c1", Name: "Ana María", Text: text, Status: sitrep.CommentPublished,
		Created: time.Date(2026, 10, 7, 11, 0, 0, 123456789, time.FixedZone("EEST", 3*3600)), ClientHash: "ab12"}
	if err := s.AddComment(ctx(t), c); err != nil {
		t.Fatal(err)
	}
	got, err := s.Comment(ctx(t), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := *c
	want.Created = c.Created.UTC()
	if !reflect.DeepEqual(got, &want) {
		t.Errorf("Comment = %+v\nwant      %+v", got, &want)
	}
	if got.ModeratedAt != nil || got.ModeratedBy != "" {
		t.Errorf("a new comment is moderated: by %q at %v", got.ModeratedBy, got.ModeratedAt)
	}

	// A zero Created is stamped now.
	before := time.Now().Add(-time.Second)
	now := &sitrep.Comment{ArticleID: "c1", Name: "", Text: "x", Status: sitrep.CommentPending}
	if err := s.AddComment(ctx(t), now); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Comment(ctx(t), now.ID)
	if got.Created.Before(before) || got.Created.After(time.Now().Add(time.Second)) || got.Created.Location() != time.UTC {
		t.Errorf("stamped created %v: want about now, in UTC", got.Created)
	}
	_, err = s.Comment(ctx(t), 999)
	wantCode(t, err, sitrep.ENOTFOUND, "Comment(999)")
}

func testCommentOnlyPublished(t *testing.T, s CommentBackend) {
	commentArticles(t, s, 2)
	addComment(t, s, "c1", "second", sitrep.CommentPublished, 2)
	addComment(t, s, "c1", "held", sitrep.CommentPending, 0)
	addComment(t, s, "c1", "refused", sitrep.CommentRejected, 1)
	addComment(t, s, "c1", "junk", sitrep.CommentSpam, 1)
	addComment(t, s, "c1", "first", sitrep.CommentPublished, 1)
	addComment(t, s, "c1", "first too", sitrep.CommentPublished, 1)
	addComment(t, s, "c2", "elsewhere", sitrep.CommentPublished, 0)
	list, err := s.PublishedComments(ctx(t), "c1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := commentTexts(list), []string{"first", "first too", "second"}; !reflect.DeepEqual(got, want) {
		t.Errorf("PublishedComments = %q, want %q", got, want)
	}
	list, err = s.PublishedComments(ctx(t), "nope")
	if err != nil || len(list) != 0 {
		t.Errorf("PublishedComments of an unknown article = %v, %v; want none", list, err)
	}
}

func testCommentCounts(t *testing.T, s CommentBackend) {
	commentArticles(t, s, 3)
	addComment(t, s, "c1", "a", sitrep.CommentPublished, 0)
	addComment(t, s, "c1", "b", sitrep.CommentPublished, 1)
	addComment(t, s, "c1", "c", sitrep.CommentPending, 2)
	addComment(t, s, "c2", "d", sitrep.CommentSpam, 0)
	addComment(t, s, "c3", "e", sitrep.CommentPublished, 0)
	got, err := s.CountPublishedComments(ctx(t), []string{"c1", "c2", "c3", "nope"})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int{"c1": 2, "c3": 1}; !reflect.DeepEqual(got, want) {
		t.Errorf("CountPublishedComments = %v, want %v", got, want)
	}
	got, err = s.CountPublishedComments(ctx(t), nil)
	if err != nil || len(got) != 0 {
		t.Errorf("CountPublishedComments(nil) = %v, %v; want an empty map", got, err)
	}
	// A long list, longer than some backends bind in one statement.
	ids := make([]string, 2000)
	for i := range ids {
		ids[i] = fmt.Sprintf("x%d", i)
	}
	ids[1999] = "c1"
	got, err = s.CountPublishedComments(ctx(t), ids)
	if err != nil || got["c1"] != 2 || len(got) != 1 {
		t.Errorf("CountPublishedComments of 2000 ids = %v, %v; want c1:2", got, err)
	}
}

func testCommentQueue(t *testing.T, s CommentBackend) {
	commentArticles(t, s, 2)
	for i := 5; i >= 1; i-- { // added newest first
		addComment(t, s, fmt.Sprintf("c%d", 1+i%2), fmt.Sprintf("pending %d", i), sitrep.CommentPending, i)
	}
	addComment(t, s, "c1", "shown", sitrep.CommentPublished, 0)
	addComment(t, s, "c1", "spam", sitrep.CommentSpam, 0)
	page, total, err := s.PendingComments(ctx(t), sitrep.CommentFilter{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := commentTexts(page), []string{"pending 1", "pending 2"}; !reflect.DeepEqual(got, want) || total != 5 {
		t.Errorf("first page = %q of %d, want %q of 5", got, total, want)
	}
	page, total, err = s.PendingComments(ctx(t), sitrep.CommentFilter{Limit: 2, Offset: 4})
	if got, want := commentTexts(page), []string{"pending 5"}; err != nil || !reflect.DeepEqual(got, want) || total != 5 {
		t.Errorf("last page = %q of %d (%v), want %q of 5", got, total, err, want)
	}
	page, _, _ = s.PendingComments(ctx(t), sitrep.CommentFilter{})
	if len(page) != 5 {
		t.Errorf("default page has %d comments, want all 5", len(page))
	}
}

func testCommentModerate(t *testing.T, s CommentBackend) {
	commentArticles(t, s, 1)
	a := addComment(t, s, "c1", "a", sitrep.CommentPending, 0)
	b := addComment(t, s, "c1", "b", sitrep.CommentPending, 1)
	before := time.Now().Add(-time.Second)
	if err := s.SetCommentStatus(ctx(t), a.ID, sitrep.CommentPublished, "rana"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCommentStatus(ctx(t), b.ID, sitrep.CommentSpam, "omar"); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Comment(ctx(t), a.ID)
	if got.Status != sitrep.CommentPublished || got.ModeratedBy != "rana" || got.ModeratedAt == nil ||
		got.ModeratedAt.Before(before) || got.ModeratedAt.Location() != time.UTC {
		t.Errorf("moderated comment = %+v: want published by rana, just now", got)
	}
	queue, total, _ := s.PendingComments(ctx(t), sitrep.CommentFilter{})
	if len(queue) != 0 || total != 0 {
		t.Errorf("queue after moderation has %d (%d), want none", len(queue), total)
	}
	list, _ := s.PublishedComments(ctx(t), "c1")
	if got := commentTexts(list); !reflect.DeepEqual(got, []string{"a"}) {
		t.Errorf("published = %q, want [a]", got)
	}
	// An editor can take a comment down again.
	if err := s.SetCommentStatus(ctx(t), a.ID, sitrep.CommentRejected, "omar"); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.PublishedComments(ctx(t), "c1"); len(list) != 0 {
		t.Errorf("a rejected comment is still listed: %q", commentTexts(list))
	}
	wantCode(t, s.SetCommentStatus(ctx(t), 999, sitrep.CommentPublished, "rana"), sitrep.ENOTFOUND, "SetCommentStatus(999)")
	wantCode(t, s.SetCommentStatus(ctx(t), a.ID, "approved", "rana"), sitrep.EINVALID, "SetCommentStatus(approved)")
}

func testCommentValidation(t *testing.T, s CommentBackend) {
	commentArticles(t, s, 1)
	tests := []struct {
		name string
		c    *sitrep.Comment
		code string
	}{
		{"nil", nil, sitrep.EINVALID},
		{"ok", &sitrep.Comment{ArticleID: "c1", Text: "fine", Status: sitrep.CommentPending}, ""},
		{"longest", &sitrep.Comment{ArticleID: "c1", Name: strings.Repeat("é", sitrep.MaxCommentName),
			Text: strings.Repeat("ж", sitrep.MaxCommentText), Status: sitrep.CommentPending}, ""},
		{"no article", &sitrep.Comment{Text: "x", Status: sitrep.CommentPending}, sitrep.EINVALID},
		{"empty text", &sitrep.Comment{ArticleID: "c1", Text: " \n\t", Status: sitrep.CommentPending}, sitrep.EINVALID},
		{"long text", &sitrep.Comment{ArticleID: "c1", Text: strings.Repeat("x", sitrep.MaxCommentText+1), Status: sitrep.CommentPending}, sitrep.EINVALID},
		{"long name", &sitrep.Comment{ArticleID: "c1", Name: strings.Repeat("x", sitrep.MaxCommentName+1), Text: "x", Status: sitrep.CommentPending}, sitrep.EINVALID},
		{"no status", &sitrep.Comment{ArticleID: "c1", Text: "x"}, sitrep.EINVALID},
		{"unknown status", &sitrep.Comment{ArticleID: "c1", Text: "x", Status: "approved"}, sitrep.EINVALID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantCode(t, s.AddComment(ctx(t), tt.c), tt.code, "AddComment")
		})
	}
	_, total, _ := s.PendingComments(ctx(t), sitrep.CommentFilter{})
	if total != 2 {
		t.Errorf("%d comments stored, want only the 2 valid ones", total)
	}
}

func testCommentUnknownArticle(t *testing.T, s CommentBackend) {
	err := s.AddComment(ctx(t), &sitrep.Comment{ArticleID: "nope", Text: "x", Status: sitrep.CommentPending})
	wantCode(t, err, sitrep.ENOTFOUND, "comment on an unknown article")
}
