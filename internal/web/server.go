package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-project/sitrep/internal/alerts"
	"github.com/sitrep-project/sitrep/internal/api"
	"github.com/sitrep-project/sitrep/internal/correct"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Config is what a Server reads and how it presents itself.
type Config struct {
	Store sitrep.Store // articles
	Index *index.Index // the read-side tables of the same database
	// Stories are the connector's stories; nil: no story pages.
	Stories sitrep.StoryStore
	// BaseURL is the site's public root ("https://sitrep.example"), used in
	// feeds, canonical links and OpenGraph tags. Empty: taken from each
	// request's Host.
	BaseURL string
	// Logger receives internal errors; nil discards them.
	Logger *slog.Logger
	// Now is the clock for relative dates ("5 years ago") and rate-limit
	// windows; nil: time.Now.
	Now func() time.Time
	// Accounts keeps editors' accounts and sessions; nil: nobody logs in
	// and the pages that need a login answer 404.
	Accounts sitrep.UserStore
	// Comments keeps readers' comments; nil: articles take none.
	Comments sitrep.CommentStore
	// CommentsModerated holds new comments until an editor publishes
	// them; false publishes them at once.
	CommentsModerated bool
	// Feeds keeps the subscriptions editors manage at /feeds; nil: no
	// such page. FeedPoller, when set, polls one on request.
	Feeds      sitrep.FeedStore
	FeedPoller FeedPoller
	// Corrections keeps editors' corrections of what the extractor found;
	// the site, the API and the exports then show articles corrected. Nil:
	// articles as extracted, and no correction forms.
	Corrections sitrep.CorrectionStore
	// Metrics serves GET /metrics and counts requests; nil: neither.
	Metrics *MetricsConfig
	// Alerts runs editors' saved searches: their page at /alerts, their
	// Atom feeds and the breaking marks on the home page; nil: none.
	Alerts *alerts.Service
}

// Server serves the site. Build it with New, then Start it or use Handler
// with a server of your own.
type Server struct {
	cfg       Config
	log       *slog.Logger
	now       func() time.Time
	templates *templates
	assets    *assets
	handler   http.Handler
	auth      *authKit

	mu       sync.Mutex
	listener net.Listener
	http     *http.Server
	done     chan error
}

// New parses and checks the templates and static files and builds the
// routes. Any template that does not parse, or fails on a page with no
// data, is an error here.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.Index == nil {
		return nil, errors.New("web: new server: Store and Index are required")
	}
	s := &Server{cfg: cfg, log: cfg.Logger, now: cfg.Now}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	s.cfg.BaseURL = cfg.BaseURL
	var err error
	if s.assets, err = loadAssets(); err != nil {
		return nil, fmt.Errorf("web: new server: %w", err)
	}
	if s.templates, err = loadTemplates(templateFS, s.assets); err != nil {
		return nil, fmt.Errorf("web: new server: %w", err)
	}
	if s.auth, err = newAuthKit(cfg, s.now); err != nil {
		return nil, fmt.Errorf("web: new server: %w", err)
	}
	if cfg.Corrections != nil {
		s.cfg.Store = correct.NewStore(cfg.Store, cfg.Corrections)
	}
	s.handler = s.routes()
	return s, nil
}

// routes maps every URL of the site. Go 1.22 patterns: a method, a path
// with {wildcards}, {$} for an exact "/".
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.handleHome)
	mux.HandleFunc("GET /article/{id}", s.handleArticle)
	mux.HandleFunc("GET /countries", s.handleCountries)
	mux.HandleFunc("GET /country/{code}", s.handleCountry)
	mux.HandleFunc("GET /topic/{code}", s.handleTopic)
	mux.HandleFunc("GET /actor/{slug}", s.handleActor)
	mux.HandleFunc("GET /place/{country}/{slug}", s.handlePlace)
	mux.HandleFunc("GET /search", s.handleSearch)
	mux.HandleFunc("GET /map", s.handleMap)
	s.storyRoutes(mux)

	mux.HandleFunc("GET /feed.atom", s.handleFeed(feedAtom, feedLatest))
	mux.HandleFunc("GET /feed.json", s.handleFeed(feedJSON, feedLatest))
	mux.HandleFunc("GET /country/{code}/feed.atom", s.handleFeed(feedAtom, feedCountry))
	mux.HandleFunc("GET /country/{code}/feed.json", s.handleFeed(feedJSON, feedCountry))
	mux.HandleFunc("GET /topic/{code}/feed.atom", s.handleFeed(feedAtom, feedTopic))
	mux.HandleFunc("GET /topic/{code}/feed.json", s.handleFeed(feedJSON, feedTopic))
	mux.HandleFunc("GET /search/feed.atom", s.handleFeed(feedAtom, feedSearch))
	mux.HandleFunc("GET /search/feed.json", s.handleFeed(feedJSON, feedSearch))

	mux.HandleFunc("GET /export/events.csv", s.handleExportCSV)
	mux.HandleFunc("GET /export/events.geojson", s.handleExportGeoJSON)
	mux.HandleFunc("GET /export/articles.jsonl", s.handleExportArticles)

	mux.HandleFunc("GET /static/{path...}", s.assets.serve)
	mux.HandleFunc("GET /favicon.ico", s.handleFavicon)
	mux.HandleFunc("GET /robots.txt", s.handleRobots)
	api.New(api.Config{Store: s.cfg.Store, Index: s.cfg.Index, Stories: s.cfg.Stories, Logger: s.log}).Register(mux)
	s.accountRoutes(mux)
	s.commentRoutes(mux)
	s.feedRoutes(mux)
	s.correctionRoutes(mux)
	s.metricsRoutes(mux)
	s.alertRoutes(mux)
	mux.HandleFunc("/", s.handleNotFound)

	return s.observe(mux, s.recoverPanics(securityHeaders(gzipResponses(s.authenticate(mux)))))
}

// Handler returns the site's handler, for tests and other servers.
func (s *Server) Handler() http.Handler { return s.handler }

// Start listens on addr ("127.0.0.1:8080"; port 0 picks a free one) and
// serves in the background until Close or Shutdown.
func (s *Server) Start(addr string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listener != nil {
		return errors.New("web: start: already started")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("web: listen on %s: %w", addr, err)
	}
	s.listener = ln
	s.http = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      120 * time.Second, // exports stream for a while
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.done = make(chan error, 1)
	go func() {
		err := s.http.Serve(ln)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		s.done <- err
	}()
	return nil
}

// Addr returns the address the server listens on, "" before Start.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listener == nil {
		return ""
	}
	return s.listener.Addr().String()
}

// URL returns the server's root URL, "http://127.0.0.1:41234".
func (s *Server) URL() string { return "http://" + s.Addr() }

// Wait blocks until the server stops, returning why.
func (s *Server) Wait() error {
	s.mu.Lock()
	done := s.done
	s.mu.Unlock()
	if done == nil {
		return errors.New("web: wait: not started")
	}
	err := <-done
	done <- err // let another Wait see it too
	return err
}

// Shutdown stops accepting connections and waits for requests under way,
// up to ctx's deadline.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	srv := s.http
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	if err := srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	return nil
}

// Close stops the server at once.
func (s *Server) Close() error {
	s.mu.Lock()
	srv := s.http
	s.mu.Unlock()
	if srv == nil {
		return nil
	}
	return srv.Close()
}
