package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/web"
)

// TestCommentModerated follows a comment from a reader through the
// moderation queue to the article page.
func TestCommentModerated(t *testing.T) {
	srv, db := startNewsroom(t, nil, indextest.All()...)
	id := indextest.Ambush().ID
	page := "/article/" + id
	reader := newClient(t)
	res, body := fetch(t, reader, srv, page)
	contains(t, "article page", body, `<dt>Comments:</dt> <dd><a href="#comments">No Comments</a></dd>`,
		`<form class="comment-form" id="comment-form" action="/article/`+id+`/comments" method="post">`,
		`<div class="hp" aria-hidden="true">`, `name="website" type="text" tabindex="-1" autocomplete="off"`,
		"Comments are read by an editor before they appear.")
	if cookieOf(res, "sitrep_csrf") == nil {
		t.Error("the article page with its form set no CSRF cookie")
	}

	text := "The road to Thiban reopened this morning.\nTraffic is slow."
	res, _ = postForm(t, reader, srv, page+"/comments", url.Values{"name": {"Lina"}, "text": {text}, "website": {""}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != page+"?comment=held#comments" {
		t.Fatalf("post: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = fetch(t, reader, srv, page+"?comment=held")
	contains(t, "article after posting", body, `<p class="notice" role="status">Thank you. Your comment is held for moderation`,
		`<a href="#comments">No Comments</a>`, "No comments yet.")
	if strings.Contains(body, "Thiban reopened") {
		t.Error("a pending comment is shown on the article page")
	}
	_, api := fetch(t, reader, srv, "/api/v1/articles/"+id)
	if strings.Contains(api, "Thiban reopened") {
		t.Error("a pending comment is in the API's article")
	}

	editor := loginAs(t, srv, db, "rana", sitrep.RoleEditor)
	_, body = fetch(t, editor, srv, "/moderation")
	contains(t, "moderation queue", body, "1 comment waits for an editor", `<strong class="comment-author">Lina</strong> on <a href="/article/`+id+`">Islamic State ambush kills seven SDF fighters</a>`,
		`<p class="comment-text">The road to Thiban reopened this morning.`+"\n"+`Traffic is slow.</p>`,
		`<button type="submit" name="status" value="published" class="btn-publish">Publish</button>`)
	m := regexp.MustCompile(`action="/moderation/(\d+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no moderation form")
	}
	res, _ = postForm(t, editor, srv, "/moderation/"+m[1], url.Values{"status": {"published"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/moderation?done=published" {
		t.Fatalf("publish: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = fetch(t, editor, srv, "/moderation?done=published")
	contains(t, "queue after publishing", body, "Comment published.", "No comments wait for moderation.")

	_, body = fetch(t, reader, srv, page)
	contains(t, "article with a published comment", body, `<dt>Comments:</dt> <dd><a href="#comments">1 Comment</a></dd>`,
		`<li id="comment-`+m[1]+`" class="comment">`, `<strong class="comment-author">Lina</strong>`,
		`<p class="comment-text">The road to Thiban reopened this morning.`+"\n"+`Traffic is slow.</p>`)
	c, err := db.Comment(t.Context(), parseID(t, m[1]))
	if err != nil || c.ModeratedBy != "rana" || c.ModeratedAt == nil {
		t.Errorf("moderated comment = %+v, %v; want moderated by rana", c, err)
	}
}

func parseID(t testing.TB, s string) int64 {
	t.Helper()
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCommentRejectedAndSpamNeverShown(t *testing.T) {
	srv, db := startNewsroom(t, nil, indextest.All()...)
	id := indextest.Ambush().ID
	reader := newClient(t)
	for _, text := range []string{"reject me", "spam me", "keep me"} {
		postForm(t, reader, srv, "/article/"+id+"/comments", url.Values{"text": {text}})
	}
	editor := loginAs(t, srv, db, "rana", sitrep.RoleEditor)
	queue, _, _ := db.PendingComments(t.Context(), sitrep.CommentFilter{})
	if len(queue) != 3 {
		t.Fatalf("%d pending, want 3", len(queue))
	}
	for i, status := range []string{"rejected", "spam", "published"} {
		if res, _ := postForm(t, editor, srv, fmt.Sprintf("/moderation/%d", queue[i].ID), url.Values{"status": {status}}); res.StatusCode != 303 {
			t.Fatalf("moderate %s: %d", status, res.StatusCode)
		}
	}
	if res, _ := postForm(t, editor, srv, fmt.Sprintf("/moderation/%d", queue[0].ID), url.Values{"status": {"approved"}}); res.StatusCode != 400 {
		t.Errorf("moderate with an unknown status: %d, want 400", res.StatusCode)
	}
	if res, _ := postForm(t, editor, srv, "/moderation/99999", url.Values{"status": {"published"}}); res.StatusCode != 404 {
		t.Errorf("moderate an unknown comment: %d, want 404", res.StatusCode)
	}
	_, body := fetch(t, reader, srv, "/article/"+id)
	contains(t, "article", body, "keep me", `<a href="#comments">1 Comment</a>`)
	for _, hidden := range []string{"reject me", "spam me"} {
		if strings.Contains(body, hidden) {
			t.Errorf("article shows the %q comment", hidden)
		}
	}
}

func TestCommentOpen(t *testing.T) {
	srv, _ := startNewsroom(t, []func(*web.Config){func(c *web.Config) { c.CommentsModerated = false }}, indextest.All()...)
	page := "/article/" + indextest.Ambush().ID
	reader := newClient(t)
	_, body := fetch(t, reader, srv, page)
	contains(t, "open article", body, "Your comment appears at once.")
	res, _ := postForm(t, reader, srv, page+"/comments", url.Values{"name": {""}, "text": {"First!"}})
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^`+page+`\?comment=published#comment-\d+$`).MatchString(loc) {
		t.Fatalf("post: %d to %q", res.StatusCode, loc)
	}
	_, body = fetch(t, reader, srv, loc[:strings.Index(loc, "#")])
	contains(t, "article", body, "Thank you. Your comment is published.", `<strong class="comment-author">Anonymous</strong>`,
		`<p class="comment-text">First!</p>`, `<a href="#comments">1 Comment</a>`)
}

func TestCommentEscaped(t *testing.T) {
	srv, _ := startNewsroom(t, []func(*web.Config){func(c *web.Config) { c.CommentsModerated = false }}, indextest.All()...)
	page := "/article/" + indextest.Ambush().ID
	reader := newClient(t)
	name := `<script>alert("name")</script>`
	text := "<img src=x onerror=alert(1)>\n\"quoted\" & 'single'\nhttps://evil.example/x <a href=\"javascript:alert(2)\">click</a>\n</p><p>"
	if res, _ := postForm(t, reader, srv, page+"/comments", url.Values{"name": {name}, "text": {text}}); res.StatusCode != 303 {
		t.Fatalf("post: %d", res.StatusCode)
	}
	_, body := fetch(t, reader, srv, page)
	for _, bad := range []string{"<script>alert(", "<img src=x", `<a href="javascript:`, `href="https://evil.example`, "</p><p>"} {
		if strings.Contains(body, bad) {
			t.Errorf("article carries unescaped %q", bad)
		}
	}
	contains(t, "article", body, `<strong class="comment-author">&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;</strong>`,
		"&lt;img src=x onerror=alert(1)&gt;\n&#34;quoted&#34; &amp; &#39;single&#39;\nhttps://evil.example/x &lt;a href=&#34;javascript:alert(2)&#34;&gt;click&lt;/a&gt;\n&lt;/p&gt;&lt;p&gt;</p>")
}

func TestCommentHoneypot(t *testing.T) {
	srv, db := startNewsroom(t, nil, indextest.All()...)
	page := "/article/" + indextest.Ambush().ID
	bot := newClient(t)
	res, _ := postForm(t, bot, srv, page+"/comments", url.Values{"name": {"Cheap pills"}, "text": {"buy now"}, "website": {"http://spam.example"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != page+"?comment=held#comments" {
		t.Fatalf("honeypot post: %d to %q; want the same answer as a held comment", res.StatusCode, res.Header.Get("Location"))
	}
	_, total, _ := db.PendingComments(t.Context(), sitrep.CommentFilter{})
	if total != 0 {
		t.Errorf("the honeypot's comment is in the moderation queue")
	}
	var status string
	if err := db.SQL().QueryRow("SELECT status FROM comments WHERE text = 'buy now'").Scan(&status); err != nil || status != "spam" {
		t.Errorf("honeypot comment stored as %q (%v), want spam", status, err)
	}
}

func TestCommentLimits(t *testing.T) {
	srv, db := startNewsroom(t, nil, indextest.All()...)
	page := "/article/" + indextest.Ambush().ID
	tests := []struct {
		name, author, text string
		status             int
		message            string
	}{
		{"name too long", strings.Repeat("n", 81), "kept text", 400, "Your name is longer than 80 characters."},
		{"empty", "Lina", " \n\t ", 400, "Your comment is empty."},
		{"text too long", "Lina", strings.Repeat("x", 5001), 400, "Your comment is longer than 5000 characters (it has 5001)."},
		{"longest name and text, in characters", strings.Repeat("é", 80), strings.Repeat("ж", 5000), 303, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := postForm(t, newClient(t), srv, page+"/comments", url.Values{"name": {tt.author}, "text": {tt.text}})
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			if tt.status != 400 {
				return
			}
			// The form comes back with the reason and what was typed.
			contains(t, "returned form", body, `<p class="error" role="alert" id="comment-error">`+tt.message+`</p>`,
				`value="`+tt.author+`"`, `aria-describedby="comment-error">`+tt.text+`</textarea>`)
		})
	}
	_, total, _ := db.PendingComments(t.Context(), sitrep.CommentFilter{})
	if total != 1 {
		t.Errorf("%d comments stored, want only the valid one", total)
	}
	if res, _ := postForm(t, newClient(t), srv, "/article/nope/comments", url.Values{"text": {"x"}}); res.StatusCode != 404 {
		t.Errorf("comment on an unknown article: %d, want 404", res.StatusCode)
	}
}

func TestCommentRateLimit(t *testing.T) {
	clock := &testClock{t: now}
	srv, _ := startNewsroom(t, []func(*web.Config){func(c *web.Config) { c.Now = clock.Now }}, indextest.All()...)
	page := "/article/" + indextest.Ambush().ID
	reader := newClient(t)
	for i := 1; i <= 5; i++ {
		if res, _ := postForm(t, reader, srv, page+"/comments", url.Values{"text": {fmt.Sprint("comment ", i)}}); res.StatusCode != 303 {
			t.Fatalf("comment %d: %d", i, res.StatusCode)
		}
		clock.Advance(time.Minute)
	}
	res, body := postForm(t, reader, srv, page+"/comments", url.Values{"text": {"one too many"}})
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("sixth comment in 10 minutes: %d, want 429", res.StatusCode)
	}
	contains(t, "429 page", body, "You have posted 5 comments in the last 10 minutes. Please wait 5 minutes and try again.")
	if ra := res.Header.Get("Retry-After"); ra != "300" {
		t.Errorf("Retry-After = %q, want 300", ra)
	}
	// Another client is not held back by this one.
	other := dialFrom(t, "127.0.0.2")
	if res, _ := postForm(t, other, srv, page+"/comments", url.Values{"text": {"from elsewhere"}}); res.StatusCode != 303 {
		t.Errorf("a comment from another address: %d, want 303", res.StatusCode)
	}
	// The oldest comment leaves the window.
	clock.Advance(5*time.Minute + time.Second)
	if res, _ := postForm(t, reader, srv, page+"/comments", url.Values{"text": {"later"}}); res.StatusCode != 303 {
		t.Errorf("a comment once the window moved: %d, want 303", res.StatusCode)
	}
}
