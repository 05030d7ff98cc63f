package alerts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Store is what alerts keep their state in.
type Store interface {
	sitrep.AlertStore
	sitrep.BreakingStore
}

// Config is what a Service needs.
type Config struct {
	Store Store
	// DB is the SQLite database holding the index and the articles'
	// full-text index; Index reads the same database.
	DB    *sql.DB
	Index *index.Index
	// BaseURL, when set, makes webhook payloads link to the site.
	BaseURL string
	// Client sends webhooks; nil: NewClient(DefaultTimeout).
	Client   *http.Client
	Logger   *slog.Logger
	Now      func() time.Time
	Breaking BreakingPolicy
	Retry    RetryPolicy
}

// Service runs alerts: creation with its checks, and the cycle of
// matching, breaking detection and delivery.
type Service struct {
	store Store
	idx   *index.Index
	log   *slog.Logger
	now   func() time.Time

	Matcher    *Matcher
	Detector   *Detector
	Dispatcher *Dispatcher
}

// New returns a Service over cfg.
func New(cfg Config) (*Service, error) {
	if cfg.Store == nil || cfg.DB == nil || cfg.Index == nil {
		return nil, errors.New("alerts: new: Store, DB and Index are required")
	}
	s := &Service{store: cfg.Store, idx: cfg.Index, log: cfg.Logger, now: cfg.Now}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.Matcher = &Matcher{Store: cfg.Store, DB: cfg.DB, Index: cfg.Index, BaseURL: cfg.BaseURL, Now: s.now}
	s.Detector = &Detector{Store: cfg.Store, Now: s.now, BreakingPolicy: cfg.Breaking}
	s.Dispatcher = &Dispatcher{Store: cfg.Store, Client: cfg.Client, Now: s.now, RetryPolicy: cfg.Retry}
	return s, nil
}

// Store returns the store the service keeps alerts in.
func (s *Service) Store() Store { return s.store }

// Normalize checks a's filters against the index's vocabularies and puts
// them in the form the matcher compares: country upper case, the event
// type as ACLED spells it. Errors are EINVALID with a user-safe message.
func Normalize(a *sitrep.Alert) error {
	a.Name = strings.TrimSpace(a.Name)
	a.Query = strings.TrimSpace(a.Query)
	a.Actor = strings.TrimSpace(a.Actor)
	a.Country = strings.ToUpper(strings.TrimSpace(a.Country))
	a.EventType = strings.TrimSpace(a.EventType)
	a.WebhookURL = strings.TrimSpace(a.WebhookURL)
	if a.Query != "" {
		if _, err := index.MatchQuery(a.Query); err != nil {
			return err
		}
	}
	if a.Country != "" {
		if _, ok := index.LookupCountry(a.Country); !ok {
			return sitrep.Errorf(sitrep.EINVALID, "country %q is not an ISO 3166-1 alpha-2 code", a.Country)
		}
	}
	if a.EventType != "" {
		known := false
		for _, t := range index.EventTypes {
			if strings.EqualFold(t, a.EventType) {
				a.EventType, known = t, true
			}
		}
		if !known {
			return sitrep.Errorf(sitrep.EINVALID, "event type %q is not one of ACLED's: %s", a.EventType, strings.Join(index.EventTypes, ", "))
		}
	}
	return nil
}

// Create checks and stores a new alert. It gives it a feed token and, for
// a webhook without one, a secret, and starts its cursor at what is indexed
// now: an alert fires for events indexed after it was made.
func (s *Service) Create(ctx context.Context, a *sitrep.Alert) error {
	if err := Normalize(a); err != nil {
		return err
	}
	if a.FeedToken == "" {
		a.FeedToken = NewToken()
	}
	if a.WebhookURL != "" && a.Secret == "" {
		a.Secret = NewToken()
	}
	a.Created = s.now().UTC()
	if err := a.Validate(); err != nil {
		return err
	}
	mark, err := s.Matcher.Mark(ctx)
	if err != nil {
		return err
	}
	a.Cursor = mark
	return s.store.CreateAlert(ctx, a)
}

// CycleStats says what one Cycle did.
type CycleStats struct {
	Indexed  int
	Match    MatchStats
	Breaking []sitrep.BreakingStory
	Deliver  DeliverStats
}

// Cycle brings the index up to date, matches the new events, marks the
// breaking stories and delivers what is due. A failing step does not stop
// the later ones; the first error is returned.
func (s *Service) Cycle(ctx context.Context) (CycleStats, error) {
	var st CycleStats
	var errs []error
	var err error
	if st.Indexed, err = s.idx.Sync(ctx); err != nil {
		errs = append(errs, err)
	}
	if st.Match, err = s.Matcher.Match(ctx); err != nil {
		errs = append(errs, fmt.Errorf("alerts: match: %w", err))
	}
	if st.Breaking, err = s.Detector.Detect(ctx); err != nil {
		errs = append(errs, err)
	}
	if st.Deliver, err = s.Dispatcher.Deliver(ctx); err != nil {
		errs = append(errs, fmt.Errorf("alerts: deliver: %w", err))
	}
	return st, errors.Join(errs...)
}

// Run runs a Cycle every interval until ctx is done, logging failures.
func (s *Service) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		st, err := s.Cycle(ctx)
		if err != nil && ctx.Err() == nil {
			s.log.Error("alerts: cycle", "err", err)
		} else if st.Match.Matches > 0 || st.Deliver.Attempts > 0 {
			s.log.Info("alerts: cycle", "matches", st.Match.Matches, "delivered", st.Deliver.Delivered,
				"retrying", st.Deliver.Retrying, "failed", st.Deliver.Failed, "breaking", len(st.Breaking))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Breaking returns the ids of the breaking stories, for pages that badge
// them.
func (s *Service) Breaking(ctx context.Context) (map[string]sitrep.BreakingStory, error) {
	list, err := s.store.BreakingStories(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]sitrep.BreakingStory, len(list))
	for _, b := range list {
		out[b.StoryID] = b
	}
	return out, nil
}
