package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

//go:embed templates
var templateFS embed.FS

// pageData lists every page template with an empty value of its data:
// loadTemplates renders each with it, so a template that fails on missing
// data fails start-up, not a reader's request.
var pageData = map[string]any{
	"home":       &homePage{},
	"article":    &articlePage{},
	"countries":  &countriesPage{},
	"entity":     &entityPage{},
	"search":     &searchPage{},
	"map":        &mapPage{},
	"error":      &errorPage{},
	"login":      &loginPage{},
	"moderation": &moderationPage{},
	"users":      &usersPage{},
	"feeds":      &feedsPage{},
	"alerts":     &alertsPage{},
	"stories":    &storiesPage{},
	"story":      &storyPage{},
}

// templates holds one parsed set per page: the layout, the partials and
// the page's own file.
type templates struct {
	pages map[string]*template.Template
}

func loadTemplates(fsys fs.FS, as *assets) (*templates, error) {
	funcs := template.FuncMap{
		"asset":       as.url,
		"countryName": index.CountryName,
		"topicSlug":   index.TopicSlug,
		"placePath":   placePath,
		"actorPath":   func(name string) string { return "/actor/" + url.PathEscape(index.Slug(name)) },
		"number":      formatNumber,
		"fatalities":  formatFatalities,
		"lower":       strings.ToLower,
		"plural":      plural,
		"join":        strings.Join,
		"add":         func(a, b int) int { return a + b },
		"snippet":     snippetHTML,
		"typeClass":   typeClass,
		"withParam":   withParam,
		"without":     withoutParam,
		"query":       encodeQuery,
		"facet":       newFacet,
	}
	base, err := template.New("layout").Funcs(funcs).ParseFS(fsys, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	t := &templates{pages: map[string]*template.Template{}}
	for name, data := range pageData {
		page, err := template.Must(base.Clone()).ParseFS(fsys, "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", name, err)
		}
		if err := page.ExecuteTemplate(io.Discard, "layout", data); err != nil {
			return nil, fmt.Errorf("check template %s: %w", name, err)
		}
		t.pages[name] = page
	}
	return t, nil
}

// Page is what the layout needs of every page.
type Page struct {
	Title       string // without the site name
	Description string
	Canonical   string // absolute URL of this page
	Nav         string // the active navigation item
	Query       string // the search box's text
	Feeds       []Link // alternate feeds
	OG          []Meta // OpenGraph and article:* properties
	JSONLD      any    // schema.org data, rendered as JSON-LD when set
	Scripts     []string
	NoIndex     bool
	Now         time.Time
	// The masthead's account links: the logged-in user and the token of
	// its log-out form, or a log-in link when the site has accounts.
	User       *sitrep.User
	CSRF       string
	Accounts   bool
	Moderation bool // the site takes comments: link the queue
	// FeedsPage and AlertsPage link the editors' pages of the features the
	// site runs.
	FeedsPage, AlertsPage bool
}

// Link is a titled URL.
type Link struct {
	Title, Href, Type string
}

// Meta is one <meta property content> pair.
type Meta struct {
	Property, Content string
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render executes page name with data into a buffer first, so a failing
// template yields an error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	t := s.templates.pages[name]
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := t.ExecuteTemplate(buf, "layout", data); err != nil {
		s.log.Error("web: render", "page", name, "url", r.URL.String(), "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// page returns the layout data common to every page.
func (s *Server) page(r *http.Request, title, nav string) Page {
	p := Page{Title: title, Nav: nav, Canonical: s.absURL(r, r.URL.RequestURI()), Now: s.now()}
	s.pageAccount(r, &p)
	return p
}

// baseURL is the site's root: the configured one, else this request's.
func (s *Server) baseURL(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return s.cfg.BaseURL
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Server) absURL(r *http.Request, path string) string { return s.baseURL(r) + path }

type errorPage struct {
	Page
	Status  int
	Heading string
	Message string
}

// fail renders the error page for err: its user-safe message and the
// status its code maps to. Internal errors are logged with their detail.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := sitrep.ErrorCode(err)
	status := sitrep.ErrorStatus(code)
	if status >= 500 {
		s.log.Error("web: request failed", "method", r.Method, "url", r.URL.String(), "err", err)
	}
	heading := http.StatusText(status)
	if status == http.StatusNotFound {
		heading = "Page not found"
	}
	p := &errorPage{Page: s.page(r, heading, ""), Status: status, Heading: heading, Message: sitrep.ErrorMessage(err)}
	p.NoIndex = true
	s.render(w, r, status, "error", p)
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, sitrep.Errorf(sitrep.ENOTFOUND, "There is no page at %s.", r.URL.Path))
}

func placePath(key string) string {
	country, slug, ok := strings.Cut(key, "/")
	if !ok {
		return "/place/xx/" + url.PathEscape(key)
	}
	return "/place/" + url.PathEscape(country) + "/" + url.PathEscape(slug)
}

// formatNumber writes n with thousands separators: 12,345.
func formatNumber(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func formatFatalities(n *int) string {
	if n == nil {
		return "not reported"
	}
	return formatNumber(*n)
}

// plural returns "1 article" or "3 articles".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return formatNumber(n) + " " + many
}

// snippetHTML escapes a search snippet and marks its matches.
func snippetHTML(s string) template.HTML {
	s = template.HTMLEscapeString(s)
	s = strings.ReplaceAll(s, index.MarkStart, "<mark>")
	s = strings.ReplaceAll(s, index.MarkEnd, "</mark>")
	return template.HTML(s)
}

// typeClass is the CSS class of an ACLED event type.
func typeClass(eventType string) string {
	switch eventType {
	case "Battles":
		return "t-battles"
	case "Violence against civilians":
		return "t-vac"
	case "Explosions/Remote violence":
		return "t-explosions"
	case "Riots":
		return "t-riots"
	case "Protests":
		return "t-protests"
	case "Strategic developments":
		return "t-strategic"
	}
	return "t-other"
}

// withParam returns the query v with key set to val (and the page reset),
// as a "?..." string for links.
func withParam(v url.Values, key, val string) string {
	c := cloneValues(v)
	c.Set(key, val)
	c.Del("page")
	return "?" + c.Encode()
}

// withoutParam returns the query v without key.
func withoutParam(v url.Values, key string) string {
	c := cloneValues(v)
	c.Del(key)
	c.Del("page")
	if len(c) == 0 {
		return "?"
	}
	return "?" + c.Encode()
}

// facetView is one facet of the search page.
type facetView struct {
	Title, Key string
	Values     []index.FacetValue
	Query      url.Values
	Current    string
}

func newFacet(title, key string, values []index.FacetValue, q url.Values) facetView {
	return facetView{Title: title, Key: key, Values: values, Query: q, Current: index.TopicSlug(q.Get(key))}
}

// encodeQuery returns "?" and the encoded query, or "" for none.
func encodeQuery(v url.Values) string {
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

func cloneValues(v url.Values) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}
