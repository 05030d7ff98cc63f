package cli

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/alerts"
	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// DefaultAlertsEvery is how often serve runs the alerts.
const DefaultAlertsEvery = 30 * time.Second

// alertOpts are serve's settings of the alerts.
type alertOpts struct {
	every time.Duration // 0: no cycles
}

func (m *Main) alertsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "alerts",
		Short: "Saved searches that fire on new events: Atom feeds and webhooks",
		Long: `Alerts are saved searches over newly indexed events: words in the reporting
article (--query) and filters on the event itself (actor on either side,
country, ACLED event type, within a radius of a point). Each event that
matches after the alert was made is listed in the alert's Atom feed,
/alerts/ID/feed.atom?token=TOKEN, and, with --webhook, POSTed there as JSON.

Webhooks are signed: X-Sitrep-Signature is "sha256=" and the hex HMAC-SHA256
of the body keyed with the alert's secret. A request that is not answered
2xx is retried with a doubling wait (30s, 1m, 2m, ...) up to 8 attempts.
Every attempt of one delivery carries the same body and X-Sitrep-Delivery
id; a crash between the receiver's answer and sitrep recording it sends the
delivery again, so receivers that must act once should drop ids they have
seen.

'sitrep serve' runs the alerts every --alerts-every; 'sitrep alerts run'
runs one cycle now: index new articles, match, mark breaking stories,
deliver what is due.`,
		Example: `  sitrep alerts add --name "Battles in Syria" --country SY --event-type Battles
  sitrep alerts add --name "Near Thiban" --near 35.01,40.56 --radius-km 25 --webhook https://hooks.example/in
  sitrep alerts list
  sitrep alerts run
  sitrep alerts remove 3`,
	}
	cmd.AddCommand(m.alertsAddCommand(), m.alertsListCommand(), m.alertsRemoveCommand(), m.alertsRunCommand())
	for _, c := range cmd.Commands() {
		wrapArgs(c)
	}
	return cmd
}

// newAlerts returns the alerts service over db.
func newAlerts(db *sqlite.DB, idx *index.Index, baseURL string, logger *slog.Logger) (*alerts.Service, error) {
	return alerts.New(alerts.Config{Store: db, DB: db.SQL(), Index: idx, BaseURL: baseURL, Logger: logger})
}

func (m *Main) alertsAddCommand() *cobra.Command {
	var (
		a      sitrep.Alert
		near   string
		radius float64
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "add --name NAME [filters]",
		Short: "Save an alert; it fires for events indexed from now on",
		Example: `  sitrep alerts add --name "Air strikes" --query "air strike" --country SY
  sitrep alerts add --name "Hezbollah" --actor Hezbollah --webhook https://hooks.example/in --secret s3cret`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if strings.TrimSpace(a.Name) == "" {
				return usageError{fmt.Errorf("an alert needs --name")}
			}
			if near != "" {
				lat, lon, err := alerts.ParseNear(near)
				if err != nil {
					return usageError{err}
				}
				if radius <= 0 {
					return usageError{fmt.Errorf("--near needs --radius-km")}
				}
				a.Lat, a.Lon, a.RadiusKm = lat, lon, radius
			} else if radius != 0 {
				return usageError{fmt.Errorf("--radius-km needs --near LAT,LON")}
			}
			if a.Secret != "" && a.WebhookURL == "" {
				return usageError{fmt.Errorf("--secret needs --webhook")}
			}
			db, err := m.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			idx := index.New(db.SQL())
			// Index first, so the alert starts after what is stored now.
			if _, err := idx.Sync(ctx); err != nil {
				return err
			}
			svc, err := newAlerts(db, idx, "", nil)
			if err != nil {
				return err
			}
			if a.Owner == "" {
				a.Owner = "cli"
			}
			if err := svc.Create(ctx, &a); err != nil {
				return err
			}
			if asJSON {
				return writeJSON(m.Stdout, alertJSON(&a, nil))
			}
			fmt.Fprintf(m.Stdout, "added alert %d %q\nfeed:   %s\n", a.ID, a.Name, alertFeedPath(&a))
			if a.WebhookURL != "" {
				fmt.Fprintf(m.Stdout, "secret: %s\n", a.Secret)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&a.Name, "name", "", "what the alert is called (required)")
	f.StringVar(&a.Query, "query", "", "words the reporting article must contain, as search takes them")
	f.StringVar(&a.Actor, "actor", "", "an actor on either side of the event, by name")
	f.StringVar(&a.Country, "country", "", "the event's country, ISO 3166-1 alpha-2 (SY)")
	f.StringVar(&a.EventType, "event-type", "", "ACLED event type: "+strings.Join(index.EventTypes, ", "))
	f.StringVar(&near, "near", "", "LAT,LON: events within --radius-km of this point")
	f.Float64Var(&radius, "radius-km", 0, "radius of --near, in kilometres")
	f.StringVar(&a.WebhookURL, "webhook", "", "http(s) URL each match is POSTed to")
	f.StringVar(&a.Secret, "secret", "", "key of the webhook's HMAC signature (default: generated and printed)")
	f.StringVar(&a.Owner, "owner", "", "who the alert is for (default cli)")
	f.BoolVar(&asJSON, "json", false, "print the alert as JSON, with its feed token and secret")
	return cmd
}

func alertFeedPath(a *sitrep.Alert) string {
	return fmt.Sprintf("/alerts/%d/feed.atom?token=%s", a.ID, a.FeedToken)
}

// alertOut is an alert as the commands print it in JSON: with what only
// its owner should see, the feed path (with its token) and the secret.
type alertOut struct {
	*sitrep.Alert
	Feed   string             `json:"feed"`
	Secret string             `json:"secret,omitempty"`
	Stats  *sitrep.AlertStats `json:"stats,omitempty"`
}

func alertJSON(a *sitrep.Alert, st *sitrep.AlertStats) alertOut {
	return alertOut{Alert: a, Feed: alertFeedPath(a), Secret: a.Secret, Stats: st}
}

func (m *Main) alertsListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List alerts with their matches and deliveries",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			db, err := m.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			list, err := db.Alerts(ctx)
			if err != nil {
				return err
			}
			stats, err := db.AlertStats(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				out := []alertOut{}
				for _, a := range list {
					st := stats[a.ID]
					out = append(out, alertJSON(a, &st))
				}
				return writeJSON(m.Stdout, out)
			}
			if len(list) == 0 {
				fmt.Fprintln(m.Stdout, "no alerts; add one with 'sitrep alerts add --name NAME --country SY'")
				return nil
			}
			now := time.Now()
			w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tNAME\tWATCHES\tMATCHES\tLAST MATCH\tWEBHOOK\tFEED")
			for _, a := range list {
				st := stats[a.ID]
				last := "never"
				if st.LastMatch != nil {
					last = ago(*st.LastMatch, now)
				}
				hook := "-"
				if a.WebhookURL != "" {
					hook = fmt.Sprintf("%s (%d delivered, %d pending, %d failed)", a.WebhookURL, st.Delivered, st.Pending, st.Failed)
					if st.LastError != "" {
						hook += " last error: " + clip(st.LastError, 80)
					}
				}
				fmt.Fprintf(w, "%d\t%s\t%s\t%d\t%s\t%s\t%s\n", a.ID, clip(a.Name, 40), watches(a), st.Matches, last, hook, alertFeedPath(a))
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the alerts as JSON, with their feed tokens, secrets and stats")
	return cmd
}

// watches says in one line what an alert filters on.
func watches(a *sitrep.Alert) string {
	var parts []string
	if a.Query != "" {
		parts = append(parts, strconv.Quote(a.Query))
	}
	if a.Actor != "" {
		parts = append(parts, "actor "+a.Actor)
	}
	if a.Country != "" {
		parts = append(parts, "country "+a.Country)
	}
	if a.EventType != "" {
		parts = append(parts, a.EventType)
	}
	if a.HasPlace() {
		parts = append(parts, fmt.Sprintf("within %g km of %g,%g", a.RadiusKm, a.Lat, a.Lon))
	}
	return strings.Join(parts, "; ")
}

func (m *Main) alertsRemoveCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "remove ID...",
		Short:   "Remove alerts, with their feeds and pending deliveries",
		Example: `  sitrep alerts remove 3`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var ids []int64
			for _, arg := range args {
				id, err := strconv.ParseInt(arg, 10, 64)
				if err != nil || id <= 0 {
					return usageError{fmt.Errorf("alert id %q is not a positive number", arg)}
				}
				ids = append(ids, id)
			}
			db, err := m.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			failed := false
			for _, id := range ids {
				if err := db.DeleteAlert(cmd.Context(), id); err != nil {
					fmt.Fprintf(m.Stderr, "failed: %s\n", describe(err))
					failed = true
					continue
				}
				fmt.Fprintf(m.Stdout, "removed alert %d\n", id)
			}
			if failed {
				return errPartial
			}
			return nil
		},
	}
}

func (m *Main) alertsRunCommand() *cobra.Command {
	var (
		baseURL string
		asJSON  bool
	)
	cmd := &cobra.Command{
		Use:   "run",
		Short: "Run one alerts cycle: index, match, mark breaking stories, deliver",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			db, err := m.openStore(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			svc, err := newAlerts(db, index.New(db.SQL()), baseURL, nil)
			if err != nil {
				return err
			}
			st, cycleErr := svc.Cycle(ctx)
			if asJSON {
				if err := writeJSON(m.Stdout, st); err != nil {
					return err
				}
			} else if !m.quiet {
				fmt.Fprintf(m.Stdout, "indexed %d articles; %d events read, %d new matches; delivered %d, retrying %d, failed %d; %d breaking stories\n",
					st.Indexed, st.Match.Events, st.Match.Matches, st.Deliver.Delivered, st.Deliver.Retrying, st.Deliver.Failed, len(st.Breaking))
			}
			if cycleErr != nil {
				return cycleErr
			}
			if st.Deliver.Failed > 0 {
				return errPartial
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&baseURL, "base-url", "", "public root URL of the site, for links in webhook payloads")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the cycle's figures as JSON")
	return cmd
}

// startAlerts makes the alerts service serve runs over db: a cycle every
// m.alerts.every, none when it is 0 (the site still lists alerts and
// serves their feeds). stop ends the loop and waits for it, so that it is
// done before the store closes.
func (m *Main) startAlerts(ctx context.Context, db *sqlite.DB, idx *index.Index, baseURL string, logger *slog.Logger) (svc *alerts.Service, stop func(), err error) {
	svc, err = newAlerts(db, idx, baseURL, logger)
	if err != nil {
		return nil, nil, err
	}
	if m.alerts.every <= 0 {
		return svc, func() {}, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		svc.Run(ctx, m.alerts.every)
	}()
	return svc, func() { cancel(); wg.Wait() }, nil
}
