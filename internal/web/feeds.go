package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// FeedPoller is the feed poller as the editors' page uses it: "Poll now",
// and a nudge after a feed is added so that it is polled without waiting
// for the next cycle. *feeds.Poller is one.
type FeedPoller interface {
	PollFeed(ctx context.Context, id int64) error
	Wake()
}

// pollTimeout bounds a "Poll now": below the server's write timeout, so
// the editor gets the page back even when the feed is slow.
const pollTimeout = 100 * time.Second

func (s *Server) feedRoutes(mux *http.ServeMux) {
	if s.cfg.Feeds == nil {
		return // no such pages: the site's 404
	}
	mux.HandleFunc("GET /feeds", s.requireRole(sitrep.RoleEditor, s.handleFeeds))
	mux.HandleFunc("POST /feeds", s.requireRole(sitrep.RoleEditor, s.handleFeedAdd))
	mux.HandleFunc("POST /feeds/{id}/delete", s.requireRole(sitrep.RoleEditor, s.handleFeedRemove))
	mux.HandleFunc("POST /feeds/{id}/poll", s.requireRole(sitrep.RoleEditor, s.handleFeedPoll))
}

type feedsPage struct {
	Page
	Feeds   []feedView
	Notice  string
	Error   string // why the URL typed could not be added
	URL     string // what was typed, to fix
	CanPoll bool
}

// feedView is one feed as editors see it.
type feedView struct {
	ID          int64
	URL         string
	Title       string
	Health      string // ok, failing, new
	LastSuccess When
	LastPolled  When
	NextPoll    string // "in 4 minutes", "due now"
	LastStatus  string
	LastError   string
	ErrorCount  int
	Items       int
	LastItems   int
}

func newFeedView(f *sitrep.Feed, now time.Time) feedView {
	v := feedView{ID: f.ID, URL: f.URL, Title: f.Title, LastStatus: f.LastStatus, LastError: f.LastError,
		ErrorCount: f.ErrorCount, Items: f.Items, LastItems: f.LastItems, NextPoll: nextPoll(f.NextPoll, now),
		LastSuccess: whenOrNever(f.LastSuccess, now), LastPolled: whenOrNever(f.LastPolled, now)}
	switch {
	case f.LastPolled.IsZero():
		v.Health, v.LastStatus = "new", "not polled yet"
	case f.ErrorCount > 0:
		v.Health = "failing"
	default:
		v.Health = "ok"
	}
	return v
}

func whenOrNever(t time.Time, now time.Time) When {
	if t.IsZero() {
		return When{Relative: "never"}
	}
	return when(&t, sitrep.PrecisionMinute, now)
}

// nextPoll says when a feed is polled next.
func nextPoll(t, now time.Time) string {
	d := t.Sub(now)
	switch {
	case d <= 0:
		return "due now"
	case d < time.Hour:
		return "in " + minutes(d)
	}
	return "in " + plural(int(d.Round(time.Hour).Hours()), "hour", "hours")
}

// Notices after a change, by the ?done= of the redirect.
var feedNotices = map[string]string{
	"added":   "Feed added. It is polled within moments when the server polls feeds, or use Poll now.",
	"exists":  "That feed is subscribed already.",
	"removed": "Feed removed. Its articles stay.",
	"polled":  "Feed polled: its status below is the outcome.",
	"busy":    "That feed is being polled right now; its status updates when the poll ends.",
}

// handleFeeds serves GET /feeds: every subscription with its health.
func (s *Server) handleFeeds(w http.ResponseWriter, r *http.Request) {
	s.renderFeeds(w, r, http.StatusOK, feedNotices[r.URL.Query().Get("done")], "", "")
}

func (s *Server) renderFeeds(w http.ResponseWriter, r *http.Request, status int, notice, formErr, typed string) {
	list, err := s.cfg.Feeds.Feeds(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &feedsPage{Page: s.page(r, "Feeds", ""), Notice: notice, Error: formErr, URL: typed, CanPoll: s.cfg.FeedPoller != nil}
	p.NoIndex = true
	now := s.now()
	for _, f := range list {
		p.Feeds = append(p.Feeds, newFeedView(f, now))
	}
	s.render(w, r, status, "feeds", p)
}

// handleFeedAdd serves POST /feeds: subscribe to the URL of the form.
func (s *Server) handleFeedAdd(w http.ResponseWriter, r *http.Request) {
	typed := r.PostFormValue("url")
	f, added, err := s.cfg.Feeds.AddFeed(r.Context(), typed, s.now())
	if sitrep.ErrorCode(err) == sitrep.EINVALID {
		s.renderFeeds(w, r, http.StatusBadRequest, "", sitrep.ErrorMessage(err), typed)
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	done := "exists"
	if added {
		done = "added"
		if s.cfg.FeedPoller != nil {
			s.cfg.FeedPoller.Wake()
		}
	}
	http.Redirect(w, r, fmt.Sprintf("/feeds?done=%s#feed-%d", done, f.ID), http.StatusSeeOther)
}

// handleFeedRemove serves POST /feeds/{id}/delete.
func (s *Server) handleFeedRemove(w http.ResponseWriter, r *http.Request) {
	id, ok := s.feedID(w, r)
	if !ok {
		return
	}
	if err := s.cfg.Feeds.RemoveFeed(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/feeds?done=removed", http.StatusSeeOther)
}

// handleFeedPoll serves POST /feeds/{id}/poll: poll the feed now and come
// back to its status.
func (s *Server) handleFeedPoll(w http.ResponseWriter, r *http.Request) {
	id, ok := s.feedID(w, r)
	if !ok {
		return
	}
	if s.cfg.FeedPoller == nil {
		s.fail(w, r, sitrep.Errorf(sitrep.ENOTFOUND, "This server does not poll feeds."))
		return
	}
	// The poll finishes and is recorded even if the editor leaves.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), pollTimeout)
	defer cancel()
	done := "polled"
	switch err := s.cfg.FeedPoller.PollFeed(ctx, id); sitrep.ErrorCode(err) {
	case "":
	case sitrep.ECONFLICT:
		done = "busy"
	default:
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/feeds?done=%s#feed-%d", done, id), http.StatusSeeOther)
}

func (s *Server) feedID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.handleNotFound(w, r)
		return 0, false
	}
	return id, true
}
