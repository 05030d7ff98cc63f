package web

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/sitrep-project/sitrep/internal/correct"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// correctionRoutes registers editors' corrections of an article's
// findings. Without a correction store, or without accounts to say who
// is an editor, the URLs are 404s.
func (s *Server) correctionRoutes(mux *http.ServeMux) {
	if s.cfg.Corrections == nil || s.cfg.Accounts == nil {
		return
	}
	mux.HandleFunc("POST /article/{id}/corrections", s.requireRole(sitrep.RoleEditor, s.handleCorrectionPost))
	mux.HandleFunc("POST /corrections/{id}/revoke", s.requireRole(sitrep.RoleEditor, s.handleCorrectionRevoke))
}

// articleCorrections is what applying an article's corrections gave.
type articleCorrections struct {
	res     *correct.Result
	history []sitrep.Correction
}

// correctedArticle loads the article of the request with its corrections
// applied, when the site keeps corrections (Config.Corrections wraps the
// store in a correct.Store); the second result is nil otherwise.
func (s *Server) correctedArticle(r *http.Request) (*sitrep.Article, *articleCorrections, error) {
	id := r.PathValue("id")
	cs, ok := s.cfg.Store.(*correct.Store)
	if !ok {
		a, err := s.cfg.Store.Article(r.Context(), id)
		return a, nil, err
	}
	a, res, history, err := cs.Corrected(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	return a, &articleCorrections{res: res, history: history}, nil
}

// correctionsPanel is what an editor sees to correct an article: every
// finding with its key, the forms' vocabularies and the history.
type correctionsPanel struct {
	Action    string // where the forms post
	CSRF      string
	Notice    string
	Countries []findingRow
	Topics    []findingRow
	Places    []findingRow
	Actors    []findingRow
	History   []historyRow
	Orphans   int
	SubTypes  []subTypeGroup
	TopicList []correct.Topic
	// NewEventKey is the key of the event the add form adds: a second
	// submission of the same form changes that event rather than adding
	// it twice.
	NewEventKey string
}

// findingRow is a country, topic, place or actor with what its edit form
// shows.
type findingRow struct {
	Key, Label, Detail string
	Verified           bool
	Code               string // country or topic
	Name, Country      string
	Admin1, Kind       string
	Lat, Lon           string
}

// historyRow is one correction in the article's history.
type historyRow struct {
	ID        int64
	When      When
	Editor    string
	Action    string
	Target    string
	Key       string
	Value     string
	Note      string
	Revoked   bool
	RevokedBy string
	Orphaned  bool
}

// subTypeGroup is an ACLED event type with its sub-types, an <optgroup>.
type subTypeGroup struct {
	Type     string
	SubTypes []string
}

// Notices after a correction, by the ?correction= of the redirect.
var correctionNotices = map[string]string{
	"saved":   "Correction saved. Readers see it now.",
	"revoked": "Correction revoked.",
}

// fillCorrections gives every event its key and, for an editor, builds
// the corrections panel of the article page.
func (s *Server) fillCorrections(r *http.Request, p *articlePage, ac *articleCorrections) {
	if ac == nil {
		return
	}
	u := s.currentUser(r)
	if u == nil || !u.Role.Can(sitrep.RoleEditor) || s.cfg.Accounts == nil {
		return
	}
	res := ac.res
	for i := range p.Events {
		if i < len(res.Keys.Events) {
			p.Events[i].Key = res.Keys.Events[i]
		}
	}
	panel := &correctionsPanel{Action: "/article/" + url.PathEscape(p.Article.ID) + "/corrections", CSRF: s.csrfToken(r),
		Notice: correctionNotices[r.URL.Query().Get("correction")], TopicList: correct.Topics(), NewEventKey: newEventKey()}
	if an := res.Analysis; an != nil {
		for i, c := range an.Countries {
			panel.Countries = append(panel.Countries, findingRow{Key: res.Keys.Countries[i], Label: c.Name,
				Detail: fmt.Sprintf("%s, score %.2f", c.Code, c.Score), Verified: c.Verified, Code: c.Code})
		}
		for i, t := range an.Topics {
			panel.Topics = append(panel.Topics, findingRow{Key: res.Keys.Topics[i], Label: t.Label,
				Detail: fmt.Sprintf("%s, score %.2f", t.Code, t.Score), Verified: t.Verified, Code: t.Code})
		}
		for i, m := range an.Places {
			panel.Places = append(panel.Places, findingRow{Key: res.Keys.Places[i], Label: m.Text,
				Detail: placeDetail(m), Verified: m.Verified, Name: m.Name, Country: m.Country, Admin1: m.Admin1,
				Lat: coordText(m.Lat), Lon: coordText(m.Lon)})
		}
		for i, m := range an.Actors {
			panel.Actors = append(panel.Actors, findingRow{Key: res.Keys.Actors[i], Label: m.Text,
				Detail: strings.TrimSpace(m.Name + " · " + m.Kind), Verified: m.Verified, Name: m.Name, Kind: m.Kind, Country: m.Country})
		}
	}
	orphan := map[int64]bool{}
	for _, o := range res.Orphans {
		orphan[o.ID] = true
	}
	panel.Orphans = len(res.Orphans)
	for i := len(ac.history) - 1; i >= 0; i-- { // newest first
		c := ac.history[i]
		h := historyRow{ID: c.ID, When: when(&c.Created, sitrep.PrecisionMinute, p.Now), Editor: c.Editor, Action: c.Action,
			Target: c.Target, Key: c.Key, Value: string(c.Value), Note: c.Note, Revoked: !c.Active(), RevokedBy: c.RevokedBy,
			Orphaned: orphan[c.ID]}
		panel.History = append(panel.History, h)
	}
	var group *subTypeGroup
	for _, st := range correct.SubEventTypes() {
		if group == nil || group.Type != st.Type {
			panel.SubTypes = append(panel.SubTypes, subTypeGroup{Type: st.Type})
			group = &panel.SubTypes[len(panel.SubTypes)-1]
		}
		group.SubTypes = append(group.SubTypes, st.SubType)
	}
	p.Corrections = panel
}

func placeDetail(m sitrep.PlaceMention) string {
	parts := []string{m.Name}
	if m.Admin1 != "" && m.Admin1 != m.Name {
		parts = append(parts, m.Admin1)
	}
	if m.Country != "" && m.Feature != "country" {
		parts = append(parts, index.CountryName(m.Country))
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(" (%s, %.3f, %.3f)", m.Feature, m.Lat, m.Lon)
}

func coordText(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func newEventKey() string {
	b := make([]byte, 10)
	rand.Read(b)
	return "new:" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

// handleCorrectionPost serves POST /article/{id}/corrections: one
// correction from the forms of the article page. An edit records only the
// fields that differ from what the page showed.
func (s *Server) handleCorrectionPost(w http.ResponseWriter, r *http.Request) {
	a, ac, err := s.correctedArticle(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ac == nil {
		s.handleNotFound(w, r)
		return
	}
	c, err := correctionFromForm(r, a.ID, ac.res)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c.Editor = s.currentUser(r).Name
	if err := correct.Validate(c); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.cfg.Corrections.AddCorrection(r.Context(), c); err != nil {
		s.fail(w, r, err)
		return
	}
	s.reindex(r)
	anchor := "#corrections"
	if c.Target == sitrep.TargetEvent {
		anchor = "#events-heading"
	}
	http.Redirect(w, r, "/article/"+url.PathEscape(a.ID)+"?correction=saved"+anchor, http.StatusSeeOther)
}

// handleCorrectionRevoke serves POST /corrections/{id}/revoke.
func (s *Server) handleCorrectionRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.handleNotFound(w, r)
		return
	}
	c, err := s.cfg.Corrections.RevokeCorrection(r.Context(), id, s.currentUser(r).Name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.reindex(r)
	http.Redirect(w, r, "/article/"+url.PathEscape(c.ArticleID)+"?correction=revoked#corrections", http.StatusSeeOther)
}

// reindex brings the index up to date at once, so the map, the API and
// the exports show a correction without waiting for the next sync; if it
// fails, that sync catches up.
func (s *Server) reindex(r *http.Request) {
	if _, err := s.cfg.Index.Sync(r.Context()); err != nil {
		s.log.Error("web: index after a correction", "url", r.URL.String(), "err", err)
	}
}

// correctionFromForm reads a correction from the posted form. res is
// the article as corrected so far, whose findings edits are compared with.
func correctionFromForm(r *http.Request, articleID string, res *correct.Result) (*sitrep.Correction, error) {
	f := correctionForm{r}
	c := &sitrep.Correction{ArticleID: articleID, Target: f.get("target"), Action: f.get("action"), Key: f.get("key"),
		Note: strings.TrimSpace(r.PostFormValue("note"))}
	if c.Action != sitrep.ActionEdit && c.Action != sitrep.ActionAdd {
		return c, nil
	}
	an := res.Analysis
	if an == nil {
		an = &sitrep.Analysis{}
	}
	v := map[string]any{}
	var err error
	switch c.Target {
	case sitrep.TargetCountry:
		code := strings.ToUpper(f.get("code"))
		var cur sitrep.CountryScore
		if c.Action == sitrep.ActionAdd {
			c.Key = code
		} else if i := keyIndex(res.Keys.Countries, c.Key); i >= 0 {
			cur = an.Countries[i]
		} else {
			return nil, noFinding(c)
		}
		if code != cur.Code {
			v["code"], v["name"] = code, index.CountryName(code)
		}
		if f.checked("main") {
			v["main"] = true
		}
	case sitrep.TargetTopic:
		code := f.get("code")
		var cur sitrep.TopicScore
		if c.Action == sitrep.ActionAdd {
			c.Key = code
		} else if i := keyIndex(res.Keys.Topics, c.Key); i >= 0 {
			cur = an.Topics[i]
		} else {
			return nil, noFinding(c)
		}
		if code != cur.Code {
			v["code"] = code
		}
		if f.checked("main") {
			v["main"] = true
		}
	case sitrep.TargetPlace:
		i := keyIndex(res.Keys.Places, c.Key)
		if i < 0 {
			return nil, noFinding(c)
		}
		cur := an.Places[i]
		f.diff(v, "name", cur.Name)
		f.diff(v, "country", cur.Country)
		f.diff(v, "admin1", cur.Admin1)
		err = f.diffCoords(v, "lat", "lon", cur.Lat, cur.Lon)
	case sitrep.TargetActor:
		i := keyIndex(res.Keys.Actors, c.Key)
		if i < 0 {
			return nil, noFinding(c)
		}
		cur := an.Actors[i]
		f.diff(v, "name", cur.Name)
		f.diff(v, "kind", cur.Kind)
		f.diff(v, "country", cur.Country)
	case sitrep.TargetEvent:
		var cur sitrep.Event
		if c.Action == sitrep.ActionAdd {
			c.Key = f.get("key")
		} else if i := keyIndex(res.Keys.Events, c.Key); i >= 0 {
			cur = an.Events[i]
		} else {
			return nil, noFinding(c)
		}
		err = eventFromForm(f, v, cur, c.Action == sitrep.ActionAdd)
	}
	if err != nil {
		return nil, err
	}
	if len(v) == 0 && c.Action == sitrep.ActionEdit {
		return nil, sitrep.Errorf(sitrep.EINVALID, "The edit changes nothing: change a field, or confirm the finding as it is.")
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	c.Value = b
	return c, nil
}

// eventFromForm puts into v the fields of the event form that differ from
// cur (for an add, from an empty event).
func eventFromForm(f correctionForm, v map[string]any, cur sitrep.Event, add bool) error {
	if st := f.get("sub_type"); st != cur.SubType {
		v["sub_type"] = st
	}
	f.diff(v, "actor1", cur.Actor1)
	f.diff(v, "actor2", cur.Actor2)
	f.diff(v, "date", cur.Date)
	fat, err := f.optInt("fatalities")
	if err != nil {
		return err
	}
	if !sameInt(fat, cur.Fatalities) || (add && fat != nil) {
		v["fatalities"] = fat
	}
	for _, flag := range []struct {
		name string
		cur  bool
	}{{"negated", cur.Negated}, {"hypothetical", cur.Hypothetical}} {
		if f.checked(flag.name) != flag.cur {
			v[flag.name] = f.checked(flag.name)
		}
	}
	if add && f.checked("main") {
		v["main"] = true
	}
	var old sitrep.EventPlace
	if cur.Place != nil {
		old = *cur.Place
	}
	name := f.get("place_name")
	if name == "" {
		if cur.Place != nil {
			v["place"] = nil
		}
		return nil
	}
	place := map[string]any{}
	if name != old.Name || cur.Place == nil {
		place["name"] = name
	}
	if country := strings.ToUpper(f.get("place_country")); country != old.Country {
		place["country"] = country
	}
	if err := f.diffCoords(place, "place_lat", "place_lon", old.Lat, old.Lon); err != nil {
		return err
	}
	// The form's coordinate fields are named for the form, the value's
	// for the event.
	for from, to := range map[string]string{"place_lat": "lat", "place_lon": "lon"} {
		if x, ok := place[from]; ok {
			delete(place, from)
			place[to] = x
		}
	}
	if len(place) > 0 {
		v["place"] = place
	}
	return nil
}

// correctionForm reads a posted correction form.
type correctionForm struct{ r *http.Request }

func (f correctionForm) get(name string) string { return strings.TrimSpace(f.r.PostFormValue(name)) }

func (f correctionForm) checked(name string) bool { return f.r.PostFormValue(name) != "" }

// diff sets v[name] to the field's value when it differs from cur.
func (f correctionForm) diff(v map[string]any, name, cur string) {
	if s := f.get(name); s != cur {
		v[name] = s
	}
}

// diffCoords sets v[lat] and v[lon] when the fields differ from the
// current point; both or neither, since a point is a pair.
func (f correctionForm) diffCoords(v map[string]any, lat, lon string, curLat, curLon float64) error {
	la, err := f.optFloat(lat)
	if err != nil {
		return err
	}
	lo, err := f.optFloat(lon)
	if err != nil {
		return err
	}
	if la == nil || lo == nil {
		if (la == nil) != (lo == nil) {
			return sitrep.Errorf(sitrep.EINVALID, "Give both latitude and longitude, or neither.")
		}
		return nil
	}
	if math.Abs(*la-curLat) > 1e-9 || math.Abs(*lo-curLon) > 1e-9 {
		v[lat], v[lon] = *la, *lo
	}
	return nil
}

func (f correctionForm) optFloat(name string) (*float64, error) {
	s := f.get(name)
	if s == "" {
		return nil, nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s %q is not a number.", name, s)
	}
	return &x, nil
}

func (f correctionForm) optInt(name string) (*int, error) {
	s := f.get(name)
	if s == "" {
		return nil, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "%s %q is not a whole number.", name, s)
	}
	return &n, nil
}

func sameInt(a, b *int) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

func keyIndex(keys []string, key string) int {
	for i, k := range keys {
		if k == key {
			return i
		}
	}
	return -1
}

func noFinding(c *sitrep.Correction) error {
	return sitrep.Errorf(sitrep.EINVALID, "The article has no %s %s to %s any more; reload the page.", c.Target, c.Key, c.Action)
}

// correctionTarget is what the confirm and reject buttons of one finding
// post.
type correctionTarget struct {
	Action, CSRF, Target, Key, Label string
}

// For returns the buttons' data for the finding of target with key; label
// names it for screen readers ("event 2").
func (p *correctionsPanel) For(target, key, label string) correctionTarget {
	return correctionTarget{Action: p.Action, CSRF: p.CSRF, Target: target, Key: key, Label: label}
}

// eventForm is the data of an event's edit form, or of the add form.
type eventForm struct {
	Mode     string // "edit" or "add"
	Action   string
	CSRF     string
	Key      string
	N        int
	Event    sitrep.Event
	SubTypes []subTypeGroup
}

// EventForm returns the data of the form that edits event n (key) or,
// with mode "add", adds one.
func (p *correctionsPanel) EventForm(mode, key string, n int, e sitrep.Event) eventForm {
	return eventForm{Mode: mode, Action: p.Action, CSRF: p.CSRF, Key: key, N: n, Event: e, SubTypes: p.SubTypes}
}

// NoEvent is the empty event the add form starts from.
func (p *correctionsPanel) NoEvent() sitrep.Event { return sitrep.Event{} }

// findingRows is one list of the panel with what its forms need.
type findingRows struct {
	Panel  *correctionsPanel
	Target string
	Rows   []findingRow
}

// Rows returns the panel's list of target.
func (p *correctionsPanel) Rows(target string) findingRows {
	rows := map[string][]findingRow{sitrep.TargetCountry: p.Countries, sitrep.TargetTopic: p.Topics,
		sitrep.TargetPlace: p.Places, sitrep.TargetActor: p.Actors}[target]
	return findingRows{Panel: p, Target: target, Rows: rows}
}
