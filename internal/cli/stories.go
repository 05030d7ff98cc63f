package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-project/sitrep/internal/connect"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// connector returns the ingest hook that connects each stored batch into
// stories in db.
func connector(db sitrep.StoryStore) func(ctx context.Context, arts []*sitrep.Article) error {
	return connect.New(db, connect.Options{}).Connect
}

func (m *Main) storiesCommand() *cobra.Command {
	var (
		asJSON  bool
		country string
		since   string
		limit   int
		offset  int
	)
	cmd := &cobra.Command{
		Use:   "stories",
		Short: "List stories: articles connected into one situation, latest first",
		Long: `Stories lists the situations the stored articles follow. Ingest connects
every article it stores: copies of one text count once, reports of one event
from several outlets become one event with all its sources, and articles that
follow one situation become one story. Each line gives the story's id, when
it was first and last seen, its size and its title.`,
		Example: `  sitrep stories
  sitrep stories --country SY --since 2026-10-01
  sitrep stories --since 7d --limit 5 --json
  sitrep story s4q2...`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			f := sitrep.StoryFilter{Country: country, Limit: limit, Offset: offset}
			if since != "" {
				t, err := parseSince(since, time.Now())
				if err != nil {
					return usageError{err}
				}
				f.Since = &t
			}
			ctx := cmd.Context()
			db, err := m.openBackend(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			list, err := db.Stories(ctx, f)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(m.Stdout, list)
			}
			if len(list) == 0 {
				fmt.Fprintln(m.Stdout, "no stories found")
				return nil
			}
			for _, s := range list {
				fmt.Fprintf(m.Stdout, "%s  %s to %s  %2d articles %2d outlets %2d events  %s\n",
					s.ID, s.FirstSeen.Format(time.DateOnly), s.LastSeen.Format(time.DateOnly),
					s.ArticleCount, s.SourceCount, s.EventCount, clip(s.Title, 80))
				fmt.Fprintf(m.Stdout, "    %s | %s\n", orNone(strings.Join(s.Countries, ", ")), orNone(strings.Join(s.Topics, ", ")))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&asJSON, "json", false, "print the stories as JSON")
	fl.StringVar(&country, "country", "", "only stories about this country (ISO 3166-1 alpha-2, e.g. SY)")
	fl.StringVar(&since, "since", "", "only stories seen since a date (2026-10-01) or for a duration (48h, 7d)")
	fl.IntVar(&limit, "limit", 20, "most stories to list")
	fl.IntVar(&offset, "offset", 0, "stories to skip")
	return cmd
}

func (m *Main) storyCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "story ID",
		Short: "Show a story's timeline: events, sources, claims and contradictions",
		Long: `Story prints one story: its title, summary and dates, then the timeline of
its events ordered by when they happened (not when reported), one line each:

  date | sub-type | actors | place | fatalities (each source's figure) | sources

The fatalities are the lowest figure any source gives, followed by every
source's own. Below each event come the claims its sources quote; after the
timeline, where sources contradict one another (different tolls for one
event, denials of what another source reported), then the articles.`,
		Example: `  sitrep stories
  sitrep story s4q2mz7vk3xba
  sitrep story s4q2mz7vk3xba --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			db, err := m.openBackend(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			s, err := db.Story(ctx, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(m.Stdout, s)
			}
			printStory(m.Stdout, s)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the story as JSON")
	return cmd
}

// parseSince reads a date, an RFC 3339 time, or a duration back from now
// ("48h", "7d").
func parseSince(s string, now time.Time) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("--since %q: want a date (2026-10-01), a time (RFC 3339) or a duration (48h, 7d)", s)
}

func printStory(w io.Writer, s *sitrep.Story) {
	fmt.Fprintf(w, "%s  %s\n", s.ID, s.Title)
	if s.Summary != "" {
		fmt.Fprintf(w, "%s\n", s.Summary)
	}
	fmt.Fprintf(w, "Seen %s to %s | %d articles from %d outlets | %d events\n",
		s.FirstSeen.Format(time.DateOnly), s.LastSeen.Format(time.DateOnly), s.ArticleCount, s.SourceCount, s.EventCount)
	fmt.Fprintf(w, "Countries: %s | Topics: %s\n", orNone(strings.Join(s.Countries, ", ")), orNone(strings.Join(s.Topics, ", ")))

	fmt.Fprintf(w, "\nTimeline (date | sub-type | actors | place | fatalities | sources):\n")
	if len(s.Events) == 0 {
		fmt.Fprintln(w, "  no events")
	}
	for _, e := range s.Events {
		fmt.Fprintf(w, "  %s | %s | %s | %s | %s | %s\n", orDash(e.Date), e.SubType, actors(e), place(e.Place), fatalities(e), e.SourceNames())
		for _, c := range e.Claims {
			fmt.Fprintf(w, "      %s %s: %s\n", orDash(c.Speaker), stanceVerb(c.Stance), clip(c.Text, 110))
		}
	}
	if len(s.Contradictions) > 0 {
		fmt.Fprintf(w, "\nContradictions:\n")
		for _, x := range s.Contradictions {
			fmt.Fprintf(w, "  [%s] %s\n", x.Kind, x.Reason)
			for _, side := range x.Sides {
				what := side.Text
				if side.Fatalities != nil {
					what = strconv.Itoa(*side.Fatalities) + " killed"
				}
				fmt.Fprintf(w, "      %s (%s): %s\n", orDash(side.Speaker), orDash(side.Source), clip(what, 100))
			}
		}
	}
	if len(s.Claims) > 0 {
		fmt.Fprintf(w, "\nOther denials:\n")
		for _, c := range s.Claims {
			fmt.Fprintf(w, "  %s (%s) %s: %s\n", orDash(c.Speaker), orDash(c.Source), stanceVerb(c.Stance), clip(c.Text, 100))
		}
	}
	fmt.Fprintf(w, "\nArticles:\n")
	for _, a := range s.Articles {
		date := "-"
		if a.Published != nil {
			date = a.Published.Format(time.DateOnly)
		}
		role := string(a.Role)
		if a.DuplicateOf != "" {
			role += " of " + a.DuplicateOf
		}
		fmt.Fprintf(w, "  %s  %s  %-22s  %s  (%s)\n", a.ID, date, clip(orDash(a.Source), 22), clip(a.Title, 70), role)
	}
}

func actors(e sitrep.StoryEvent) string {
	switch {
	case e.Actor1 != "" && e.Actor2 != "":
		return e.Actor1 + " vs " + e.Actor2
	case e.Actor1 != "":
		return e.Actor1
	}
	return orDash(e.Actor2)
}

func place(p *sitrep.EventPlace) string {
	if p == nil {
		return "-"
	}
	if p.Country != "" {
		return p.Name + ", " + p.Country
	}
	return p.Name
}

// fatalities gives the merged (lowest) figure, then each source's own when
// the sources give any.
func fatalities(e sitrep.StoryEvent) string {
	if e.Fatalities == nil {
		return "-"
	}
	var each []string
	for _, s := range e.Sources {
		if s.Fatalities == nil {
			continue
		}
		who := s.Source
		if s.Attribution != "" {
			who += " per " + s.Attribution
		}
		each = append(each, fmt.Sprintf("%s: %d", orDash(who), *s.Fatalities))
	}
	return fmt.Sprintf("%d (%s)", *e.Fatalities, strings.Join(each, "; "))
}

func stanceVerb(stance string) string {
	switch stance {
	case "deny":
		return "denies"
	case "hedge":
		return "suggests"
	}
	return "says"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
