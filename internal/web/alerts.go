package web

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/alerts"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// alertRoutes serves the editors' alerts page and each alert's Atom feed.
// The feed is opened by the alert's token in the URL rather than a
// session, so that feed readers, which carry no cookies, can subscribe.
func (s *Server) alertRoutes(mux *http.ServeMux) {
	if s.cfg.Alerts == nil {
		return // no such pages: the site's 404
	}
	mux.HandleFunc("GET /alerts", s.requireRole(sitrep.RoleEditor, s.handleAlerts))
	mux.HandleFunc("POST /alerts", s.requireRole(sitrep.RoleEditor, s.handleAlertAdd))
	mux.HandleFunc("POST /alerts/{id}/delete", s.requireRole(sitrep.RoleEditor, s.handleAlertDelete))
	mux.HandleFunc("GET /alerts/{id}/feed.atom", s.handleAlertFeed)
}

type alertsPage struct {
	Page
	Alerts     []alertView
	Notice     string
	Error      string
	Form       alertForm // what was typed, to fix
	EventTypes []string
}

// alertForm is the create form's fields as typed.
type alertForm struct {
	Name, Query, Actor, Country, EventType, Near, RadiusKm, Webhook, Secret string
}

// alertView is one alert as editors see it.
type alertView struct {
	ID        int64
	Name      string
	Filters   []string // "Country: Syria", ...
	Webhook   string
	Secret    string
	FeedURL   string
	Owner     string
	Created   When
	Stats     sitrep.AlertStats
	LastMatch When
}

// Notices after a change, by the ?done= of the redirect.
var alertNotices = map[string]string{
	"added":   "Alert saved. It fires for events indexed from now on.",
	"removed": "Alert removed, with its feed and pending deliveries.",
}

func (s *Server) handleAlerts(w http.ResponseWriter, r *http.Request) {
	s.renderAlerts(w, r, http.StatusOK, alertNotices[r.URL.Query().Get("done")], "", alertForm{RadiusKm: "25"})
}

func (s *Server) renderAlerts(w http.ResponseWriter, r *http.Request, status int, notice, formErr string, form alertForm) {
	ctx := r.Context()
	store := s.cfg.Alerts.Store()
	list, err := store.Alerts(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	stats, err := store.AlertStats(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := &alertsPage{Page: s.page(r, "Alerts", ""), Notice: notice, Error: formErr, Form: form, EventTypes: index.EventTypes}
	p.NoIndex = true
	now := s.now()
	for _, a := range list {
		v := alertView{ID: a.ID, Name: a.Name, Filters: alertFilters(a), Webhook: a.WebhookURL, Secret: a.Secret, Owner: a.Owner,
			FeedURL: s.absURL(r, alertFeedPath(a)), Created: when(&a.Created, sitrep.PrecisionMinute, now), Stats: stats[a.ID]}
		v.LastMatch = When{Relative: "never"}
		if v.Stats.LastMatch != nil {
			v.LastMatch = when(v.Stats.LastMatch, sitrep.PrecisionMinute, now)
		}
		p.Alerts = append(p.Alerts, v)
	}
	s.render(w, r, status, "alerts", p)
}

func alertFeedPath(a *sitrep.Alert) string {
	return fmt.Sprintf("/alerts/%d/feed.atom?token=%s", a.ID, a.FeedToken)
}

// alertFilters describes what an alert watches.
func alertFilters(a *sitrep.Alert) []string {
	var out []string
	if a.Query != "" {
		out = append(out, "Words: “"+a.Query+"”")
	}
	if a.Actor != "" {
		out = append(out, "Actor: "+a.Actor)
	}
	if a.Country != "" {
		out = append(out, "Country: "+index.CountryName(a.Country))
	}
	if a.EventType != "" {
		out = append(out, "Event type: "+a.EventType)
	}
	if a.HasPlace() {
		out = append(out, fmt.Sprintf("Within %g km of %.4f, %.4f", a.RadiusKm, a.Lat, a.Lon))
	}
	return out
}

// handleAlertAdd serves POST /alerts: save the form's alert.
func (s *Server) handleAlertAdd(w http.ResponseWriter, r *http.Request) {
	form := alertForm{Name: r.PostFormValue("name"), Query: r.PostFormValue("query"), Actor: r.PostFormValue("actor"),
		Country: r.PostFormValue("country"), EventType: r.PostFormValue("event_type"), Near: strings.TrimSpace(r.PostFormValue("near")),
		RadiusKm: strings.TrimSpace(r.PostFormValue("radius_km")), Webhook: r.PostFormValue("webhook"), Secret: r.PostFormValue("secret")}
	a := &sitrep.Alert{Name: form.Name, Query: form.Query, Actor: form.Actor, Country: form.Country, EventType: form.EventType,
		WebhookURL: form.Webhook, Secret: strings.TrimSpace(form.Secret)}
	if u := s.currentUser(r); u != nil {
		a.Owner = u.Name
	}
	err := parseAlertPlace(a, form.Near, form.RadiusKm)
	if err == nil {
		err = s.cfg.Alerts.Create(r.Context(), a)
	}
	if sitrep.ErrorCode(err) == sitrep.EINVALID {
		s.renderAlerts(w, r, http.StatusBadRequest, "", sitrep.ErrorMessage(err), form)
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/alerts?done=added#alert-%d", a.ID), http.StatusSeeOther)
}

// parseAlertPlace reads the form's "lat,lon" and radius into a; a radius
// without a place is ignored, since the form fills one in.
func parseAlertPlace(a *sitrep.Alert, near, radius string) error {
	if near == "" {
		return nil
	}
	lat, lon, err := alerts.ParseNear(near)
	if err != nil {
		return err
	}
	km, err := strconv.ParseFloat(radius, 64)
	if err != nil || km <= 0 {
		return sitrep.Errorf(sitrep.EINVALID, "radius %q is not a positive number of kilometres", radius)
	}
	a.Lat, a.Lon, a.RadiusKm = lat, lon, km
	return nil
}

// handleAlertDelete serves POST /alerts/{id}/delete.
func (s *Server) handleAlertDelete(w http.ResponseWriter, r *http.Request) {
	id, ok := s.feedID(w, r)
	if !ok {
		return
	}
	if err := s.cfg.Alerts.Store().DeleteAlert(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/alerts?done=removed", http.StatusSeeOther)
}

// alertFeedSize is how many matches an alert's feed carries.
const alertFeedSize = 100

// handleAlertFeed serves GET /alerts/{id}/feed.atom?token=...: the events
// the alert matched, newest first. A wrong or missing token is a 404, as
// for an alert that does not exist, so the URL reveals nothing.
func (s *Server) handleAlertFeed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	notFound := sitrep.Errorf(sitrep.ENOTFOUND, "There is no alert feed at this address.")
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.fail(w, r, notFound)
		return
	}
	store := s.cfg.Alerts.Store()
	a, err := store.Alert(ctx, id)
	if sitrep.ErrorCode(err) == sitrep.ENOTFOUND {
		s.fail(w, r, notFound)
		return
	} else if err != nil {
		s.fail(w, r, err)
		return
	}
	token := r.URL.Query().Get("token")
	if token == "" || subtle.ConstantTimeCompare([]byte(token), []byte(a.FeedToken)) != 1 {
		s.fail(w, r, notFound)
		return
	}
	matches, err := store.AlertMatches(ctx, id, alertFeedSize)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := &feed{Title: "sitrep alert: " + a.Name, Home: s.absURL(r, "/alerts#alert-"+strconv.FormatInt(a.ID, 10)),
		Self: s.absURL(r, alertFeedPath(a)), Updated: a.Created}
	for _, d := range matches {
		p, err := alerts.DecodePayload(d)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		e := &p.Event
		page := s.absURL(r, "/article/"+e.ArticleID)
		it := feedItem{ID: page + "#" + d.EventKey, Title: p.Title(), Link: page, Original: e.URL, Summary: p.Summary(),
			Author: e.Source, Published: d.Matched, Tags: []string{e.Type}}
		if e.Country != "" {
			it.Tags = append(it.Tags, index.CountryName(e.Country))
		}
		if d.Matched.After(f.Updated) {
			f.Updated = d.Matched
		}
		f.Items = append(f.Items, it)
	}
	w.Header().Set("Cache-Control", "private, max-age=60")
	w.Header().Set("X-Robots-Tag", "noindex")
	s.writeAtom(w, r, f)
}

// breakingView is a breaking story as the home page lists it.
type breakingView struct {
	Title   string
	Story   string // the story's id
	Article string // the story's central article
	Recent  int
	Since   When
}

// breakingStories returns the stories marked breaking, nil when the site
// runs no alerts. A failure to read them is logged and shows none: the
// home page does not depend on them.
func (s *Server) breakingStories(ctx context.Context, now time.Time) []breakingView {
	if s.cfg.Alerts == nil {
		return nil
	}
	list, err := s.cfg.Alerts.Store().BreakingStories(ctx)
	if err != nil {
		s.log.Error("web: breaking stories", "err", err)
		return nil
	}
	var out []breakingView
	for _, b := range list {
		if b.Title == "" {
			continue // merged into another story since
		}
		out = append(out, breakingView{Title: b.Title, Story: b.StoryID, Article: b.CentralArticle, Recent: b.Recent,
			Since: when(&b.Since, sitrep.PrecisionMinute, now)})
	}
	return out
}
