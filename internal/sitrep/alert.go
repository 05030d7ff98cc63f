package sitrep

import (
	"context"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// Alert is a saved search that watches newly indexed events: full-text
// Query over the reporting article plus filters on the event itself. Every
// event that matches after the alert was created is recorded once (a
// Delivery), listed in the alert's Atom feed and, when WebhookURL is set,
// POSTed to it.
type Alert struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Query string `json:"query,omitempty"` // words the article must contain, as search takes them
	// Actor matches either side of an event, by name or slug.
	Actor     string `json:"actor,omitempty"`
	Country   string `json:"country,omitempty"`    // alpha-2 of the event's place
	EventType string `json:"event_type,omitempty"` // ACLED event_type
	// The place filter: events within RadiusKm of Lat, Lon. RadiusKm 0
	// means no place filter; an event without coordinates never matches one.
	Lat      float64 `json:"lat,omitempty"`
	Lon      float64 `json:"lon,omitempty"`
	RadiusKm float64 `json:"radius_km,omitempty"`

	WebhookURL string `json:"webhook_url,omitempty"`
	// Secret keys the HMAC-SHA256 signature of every webhook body.
	Secret string `json:"-"`
	// FeedToken is the unguessable token that opens the alert's Atom feed
	// to feed readers, which carry no session.
	FeedToken string `json:"-"`

	Owner   string    `json:"owner,omitempty"` // who made it: a user name, or "cli"
	Created time.Time `json:"created"`
	// Cursor is how far the alert has matched: a position in the index's
	// order of change, written by package alerts and opaque to stores.
	// Empty means from the beginning.
	Cursor string `json:"-"`
}

// HasPlace reports whether the alert filters by distance.
func (a *Alert) HasPlace() bool { return a.RadiusKm > 0 }

// Alert limits.
const (
	MaxAlertNameRunes = 200
	MaxAlertRadiusKm  = 20000 // half the equator: anywhere
	MaxWebhookURL     = 2000
)

// Validate checks what every alert store requires of an alert before
// storing it, with user-safe messages. Package alerts checks the values
// against the index's vocabularies (countries, event types) on top.
func (a *Alert) Validate() error {
	name := strings.TrimSpace(a.Name)
	switch {
	case name == "":
		return Errorf(EINVALID, "an alert needs a name")
	case utf8.RuneCountInString(name) > MaxAlertNameRunes:
		return Errorf(EINVALID, "alert name is longer than %d characters", MaxAlertNameRunes)
	case strings.TrimSpace(a.Query) == "" && a.Actor == "" && a.Country == "" && a.EventType == "" && !a.HasPlace():
		return Errorf(EINVALID, "alert %q needs a query or at least one filter (actor, country, event type, place)", name)
	case a.RadiusKm < 0 || a.RadiusKm > MaxAlertRadiusKm || a.RadiusKm != a.RadiusKm:
		return Errorf(EINVALID, "radius %g km is outside 0 to %d km", a.RadiusKm, MaxAlertRadiusKm)
	case a.HasPlace() && (a.Lat < -90 || a.Lat > 90 || a.Lon < -180 || a.Lon > 180 || a.Lat != a.Lat || a.Lon != a.Lon):
		return Errorf(EINVALID, "place %g,%g is not a latitude,longitude in degrees", a.Lat, a.Lon)
	case a.FeedToken == "":
		return Errorf(EINVALID, "alert %q has no feed token", name)
	}
	if a.WebhookURL != "" {
		u, err := url.Parse(a.WebhookURL)
		switch {
		case len(a.WebhookURL) > MaxWebhookURL:
			return Errorf(EINVALID, "webhook URL is longer than %d bytes", MaxWebhookURL)
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			return Errorf(EINVALID, "webhook URL %q is not an absolute http or https URL", a.WebhookURL)
		case u.User != nil:
			return Errorf(EINVALID, "webhook URL must not carry a user name or password")
		case a.Secret == "":
			return Errorf(EINVALID, "a webhook needs a secret to sign its requests with")
		}
	}
	return nil
}

// DeliveryState says where a delivery stands.
type DeliveryState string

const (
	// DeliveryNone: the alert has no webhook; the match is only listed in
	// its feed.
	DeliveryNone DeliveryState = "none"
	// DeliveryPending: not yet acknowledged; NextAttempt says when to try.
	DeliveryPending DeliveryState = "pending"
	// DeliveryDelivered: the webhook answered 2xx.
	DeliveryDelivered DeliveryState = "delivered"
	// DeliveryFailed: every attempt failed; no more are made.
	DeliveryFailed DeliveryState = "failed"
)

// Delivery is one event an alert matched, and the state of its webhook
// POST. There is at most one per alert and event key: the row is written in
// the transaction that moves the alert's cursor past the event, so an event
// is matched once however often it is re-indexed.
type Delivery struct {
	// ID is stable for the delivery's life and sent as X-Sitrep-Delivery
	// with every attempt, so receivers can drop repeats.
	ID       string `json:"id"`
	AlertID  int64  `json:"alert_id"`
	EventKey string `json:"event_key"` // stable identity of the event
	// EventID is the index's id of the event when it matched, for links.
	EventID string `json:"event_id"`
	// Payload is the JSON body POSTed, fixed at match time so that every
	// attempt sends, and signs, the same bytes.
	Payload     []byte        `json:"payload"`
	Matched     time.Time     `json:"matched"`
	State       DeliveryState `json:"state"`
	Attempts    int           `json:"attempts"`
	NextAttempt *time.Time    `json:"next_attempt,omitempty"`
	DeliveredAt *time.Time    `json:"delivered_at,omitempty"`
	LastError   string        `json:"last_error,omitempty"`
}

// AttemptResult is the outcome of one webhook POST.
type AttemptResult struct {
	At time.Time
	OK bool // a 2xx answer
	// Error says why it failed (status, network error), for editors.
	Error string
	// Next is when to try again; zero when OK or when giving up (Final).
	Next  time.Time
	Final bool
}

// AlertStats summarises an alert's matches, for listings.
type AlertStats struct {
	Matches   int        `json:"matches"`
	Pending   int        `json:"pending"`
	Delivered int        `json:"delivered"`
	Failed    int        `json:"failed"`
	LastMatch *time.Time `json:"last_match,omitempty"`
	LastError string     `json:"last_error,omitempty"`
}

// AlertStore keeps alerts and their deliveries (the outbox of webhook
// POSTs). Each backend implements it and passes storetest.RunAlerts.
type AlertStore interface {
	// CreateAlert validates and stores a new alert, setting its ID (never
	// reused) and, when zero, Created.
	CreateAlert(ctx context.Context, a *Alert) error
	// Alert returns one alert, or an ENOTFOUND error.
	Alert(ctx context.Context, id int64) (*Alert, error)
	// Alerts lists every alert, oldest first.
	Alerts(ctx context.Context) ([]*Alert, error)
	// DeleteAlert removes an alert with its deliveries, or returns
	// ENOTFOUND.
	DeleteAlert(ctx context.Context, id int64) error
	// AlertStats returns the stats of every alert that has matched.
	AlertStats(ctx context.Context) (map[int64]AlertStats, error)

	// RecordMatches moves alert id's cursor from from to to and stores ds
	// in the same transaction, skipping any whose (alert, event key) is
	// already stored. It returns how many were new. If the cursor is no
	// longer from (another matcher moved it), nothing is written and the
	// error is ECONFLICT; ENOTFOUND if the alert is gone.
	RecordMatches(ctx context.Context, id int64, from, to string, ds []*Delivery) (int, error)
	// ClaimDeliveries returns up to limit pending deliveries due at now,
	// oldest first, counting an attempt for each and hiding them from other
	// claims until now+lease, so that a dispatcher that dies mid-POST
	// leaves them to be retried.
	ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*Delivery, error)
	// FinishAttempt records the outcome of a claimed delivery's attempt.
	FinishAttempt(ctx context.Context, id string, r AttemptResult) error
	// AlertMatches lists alert id's deliveries, newest match first.
	AlertMatches(ctx context.Context, id int64, limit int) ([]*Delivery, error)
}

// StoryRate is how many articles of a story were seen in the recent window
// and in the baseline period before it.
type StoryRate struct {
	StoryID  string
	Recent   int
	Baseline int
}

// BreakingStory is a story marked breaking: its article rate surged.
type BreakingStory struct {
	StoryID string    `json:"story_id"`
	Since   time.Time `json:"since"` // first marked, in this surge
	Updated time.Time `json:"updated"`
	Recent  int       `json:"recent"` // articles in the window
	// BaselineRate is the story's usual articles per window.
	BaselineRate float64 `json:"baseline_rate"`
	// Title and CentralArticle are the story's, filled by
	// BreakingStories; empty when the story is no longer stored.
	Title          string `json:"title,omitempty"`
	CentralArticle string `json:"central_article,omitempty"`
}

// BreakingStore keeps which stories are breaking.
type BreakingStore interface {
	// StoryRates counts, for every story with an article seen in
	// [recentFrom, now], those articles and the ones seen in
	// [baselineFrom, recentFrom).
	StoryRates(ctx context.Context, baselineFrom, recentFrom, now time.Time) ([]StoryRate, error)
	// SetBreaking replaces the set of breaking stories with bs, keeping
	// the Since of those already marked.
	SetBreaking(ctx context.Context, bs []BreakingStory) error
	// BreakingStories lists the breaking stories, most recent surge first.
	BreakingStories(ctx context.Context) ([]BreakingStory, error)
}
