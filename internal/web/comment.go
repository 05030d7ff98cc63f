package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// commentRoutes registers posting comments and, with accounts, moderating
// them. Without a comment store there are none, and those URLs are 404s.
func (s *Server) commentRoutes(mux *http.ServeMux) {
	if s.cfg.Comments == nil {
		return
	}
	mux.HandleFunc("POST /article/{id}/comments", s.handleCommentPost)
	if s.cfg.Accounts != nil {
		mux.HandleFunc("GET /moderation", s.requireRole(sitrep.RoleEditor, s.handleModeration))
		mux.HandleFunc("POST /moderation/{id}", s.requireRole(sitrep.RoleEditor, s.handleModerate))
	}
}

// commentView is a published comment as the article page shows it.
type commentView struct {
	ID   int64
	Name string
	Text string
	When When
}

func newCommentView(c *sitrep.Comment, now time.Time) commentView {
	v := commentView{ID: c.ID, Name: c.Name, Text: c.Text, When: when(&c.Created, sitrep.PrecisionMinute, now)}
	if v.Name == "" {
		v.Name = "Anonymous"
	}
	return v
}

// commentForm is the article's comment form, with what the reader typed
// when it must be fixed.
type commentForm struct {
	Action    string
	CSRF      string
	Name      string
	Text      string
	Error     string
	Moderated bool
	MaxName   int
	MaxText   int
}

// Notices after posting, by the ?comment= of the redirect.
var commentNotices = map[string]string{
	"held":      "Thank you. Your comment is held for moderation and will appear once an editor has read it.",
	"published": "Thank you. Your comment is published.",
}

// articleComments fills the comment section of the article page: the
// published comments, their count, and the form (form, when not nil, is
// a comment sent back to be fixed).
func (s *Server) articleComments(r *http.Request, p *articlePage, form *commentForm) error {
	if s.cfg.Comments == nil {
		return nil
	}
	list, err := s.cfg.Comments.PublishedComments(r.Context(), p.Article.ID)
	if err != nil {
		return err
	}
	p.Comments = len(list)
	for _, c := range list {
		p.CommentList = append(p.CommentList, newCommentView(c, p.Now))
	}
	if form == nil {
		form = &commentForm{}
		p.CommentNotice = commentNotices[r.URL.Query().Get("comment")]
	}
	form.Action = "/article/" + url.PathEscape(p.Article.ID) + "/comments"
	form.CSRF = s.csrfToken(r)
	form.Moderated = s.cfg.CommentsModerated
	form.MaxName, form.MaxText = sitrep.MaxCommentName, sitrep.MaxCommentText
	p.CommentForm = form
	return nil
}

// honeypotField is a form field people never see or fill; bots that fill
// every field do.
const honeypotField = "website"

// handleCommentPost serves POST /article/{id}/comments. A comment that
// fails the limits comes back in the form with the reason; one with the
// honeypot filled is kept as spam while the sender is told, like anyone,
// that it is held.
func (s *Server) handleCommentPost(w http.ResponseWriter, r *http.Request) {
	a, err := s.cfg.Store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	client := s.clientHash(r)
	if ok, wait := s.auth.comments.allowed(client); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		s.fail(w, r, sitrep.Errorf(sitrep.ERATELIMIT, "You have posted %d comments in the last %s. Please wait %s and try again.",
			commentsPerWindow, minutes(commentWindow), minutes(wait)))
		return
	}
	name, text := r.PostFormValue("name"), r.PostFormValue("text")
	c := &sitrep.Comment{ArticleID: a.ID, Name: name, Text: text, Status: sitrep.CommentPending, ClientHash: client}
	c.Normalize()
	back := "/article/" + url.PathEscape(a.ID)
	if r.PostFormValue(honeypotField) != "" {
		c.Status = sitrep.CommentSpam
		if c.Validate() == nil {
			if err := s.cfg.Comments.AddComment(r.Context(), c); err != nil {
				s.fail(w, r, err)
				return
			}
		}
		s.auth.comments.add(client)
		http.Redirect(w, r, back+"?comment=held#comments", http.StatusSeeOther)
		return
	}
	if err := c.Validate(); err != nil {
		if sitrep.ErrorCode(err) != sitrep.EINVALID {
			s.fail(w, r, err)
			return
		}
		s.serveArticle(w, r, http.StatusBadRequest, &commentForm{Name: name, Text: text, Error: sitrep.ErrorMessage(err)})
		return
	}
	if !s.cfg.CommentsModerated {
		c.Status = sitrep.CommentPublished
	}
	if err := s.cfg.Comments.AddComment(r.Context(), c); err != nil {
		s.fail(w, r, err)
		return
	}
	s.auth.comments.add(client)
	if c.Status == sitrep.CommentPublished {
		http.Redirect(w, r, fmt.Sprintf("%s?comment=published#comment-%d", back, c.ID), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, back+"?comment=held#comments", http.StatusSeeOther)
}

// moderationPerPage is how many waiting comments one queue page shows.
const moderationPerPage = 30

type moderationPage struct {
	Page
	Items      []moderationItem
	Total      int
	PageNum    int
	Prev, Next string
	Notice     string
}

// moderationItem is a waiting comment with the article it is about.
type moderationItem struct {
	commentView
	ArticleID    string
	ArticleTitle string
	ClientHash   string
}

var moderationNotices = map[string]string{
	string(sitrep.CommentPublished): "Comment published.",
	string(sitrep.CommentRejected):  "Comment rejected.",
	string(sitrep.CommentSpam):      "Comment marked as spam.",
}

// handleModeration serves GET /moderation: the comments waiting for an
// editor, oldest first.
func (s *Server) handleModeration(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(1, page)
	list, total, err := s.cfg.Comments.PendingComments(r.Context(),
		sitrep.CommentFilter{Limit: moderationPerPage, Offset: (page - 1) * moderationPerPage})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &moderationPage{Page: s.page(r, "Moderation", ""), Total: total, PageNum: page, Notice: moderationNotices[q.Get("done")]}
	p.NoIndex = true
	titles := map[string]string{}
	for _, c := range list {
		title, ok := titles[c.ArticleID]
		if !ok {
			if a, err := s.cfg.Store.Article(r.Context(), c.ArticleID); err == nil {
				title = a.Title
			}
			if title == "" {
				title = "Article " + c.ArticleID
			}
			titles[c.ArticleID] = title
		}
		p.Items = append(p.Items, moderationItem{commentView: newCommentView(c, p.Now), ArticleID: c.ArticleID, ArticleTitle: title, ClientHash: c.ClientHash})
	}
	if page > 1 {
		p.Prev = "/moderation?page=" + strconv.Itoa(page-1)
	}
	if page*moderationPerPage < total {
		p.Next = "/moderation?page=" + strconv.Itoa(page+1)
	}
	s.render(w, r, http.StatusOK, "moderation", p)
}

// handleModerate serves POST /moderation/{id}: publish, reject or mark
// as spam, then back to the queue.
func (s *Server) handleModerate(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, sitrep.Errorf(sitrep.ENOTFOUND, "comment %q not found", r.PathValue("id")))
		return
	}
	status := sitrep.CommentStatus(r.PostFormValue("status"))
	if _, ok := moderationNotices[string(status)]; !ok {
		s.fail(w, r, sitrep.Errorf(sitrep.EINVALID, "Choose publish, reject or spam."))
		return
	}
	if err := s.cfg.Comments.SetCommentStatus(r.Context(), id, status, s.currentUser(r).Name); err != nil {
		s.fail(w, r, err)
		return
	}
	back := "/moderation?done=" + string(status)
	if page, _ := strconv.Atoi(r.PostFormValue("page")); page > 1 {
		back += "&page=" + strconv.Itoa(page)
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
