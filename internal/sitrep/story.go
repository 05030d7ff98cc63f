package sitrep

import (
	"context"
	"strings"
	"time"
)

// ArticleRole says how an article stands in its story.
type ArticleRole string

const (
	// RoleOriginal is an outlet's own report.
	RoleOriginal ArticleRole = "original"
	// RoleSyndicated is a near-copy of another article (DuplicateOf): a wire
	// story carried by another outlet. It adds no sources and no events.
	RoleSyndicated ArticleRole = "syndicated"
)

// Story is one situation followed by many articles: the articles grouped,
// the events they report merged into one timeline, and where the sources
// disagree.
type Story struct {
	ID      string `json:"id"`
	Title   string `json:"title"`   // the most central article's title
	Summary string `json:"summary"` // one line
	// CentralArticle is the article most like the rest of the story.
	CentralArticle string    `json:"central_article"`
	FirstSeen      time.Time `json:"first_seen"`
	LastSeen       time.Time `json:"last_seen"`
	Countries      []string  `json:"countries"` // ISO 3166-1 alpha-2, most relevant first
	Topics         []string  `json:"topics"`    // topic labels, most relevant first

	ArticleCount int `json:"article_count"`
	SourceCount  int `json:"source_count"` // distinct outlets of original articles
	EventCount   int `json:"event_count"`

	// The rest is filled by StoryStore.Story, not by Stories.
	Articles       []StoryArticle       `json:"articles,omitempty"`
	Events         []StoryEvent         `json:"events,omitempty"` // the timeline: by event date
	Claims         []StoryClaim         `json:"claims,omitempty"` // denials tied to no event
	Contradictions []StoryContradiction `json:"contradictions,omitempty"`
}

// StoryArticle is one member of a story.
type StoryArticle struct {
	ID          string      `json:"id"`
	Title       string      `json:"title"`
	Source      string      `json:"source,omitempty"`
	Published   *time.Time  `json:"published,omitempty"`
	Role        ArticleRole `json:"role"`
	DuplicateOf string      `json:"duplicate_of,omitempty"`
}

// StoryEvent is one real event as several articles reported it. Its values
// are the merged ones: the most precise place and date, and the lowest
// fatality figure any source gives (ACLED's conservative estimate); each
// source's own values are kept in Sources.
type StoryEvent struct {
	ID            string        `json:"id"`
	Type          string        `json:"type"`
	SubType       string        `json:"sub_type"`
	Actor1        string        `json:"actor1,omitempty"`
	Actor2        string        `json:"actor2,omitempty"`
	Place         *EventPlace   `json:"place,omitempty"`
	Date          string        `json:"date,omitempty"` // YYYY-MM-DD
	TimePrecision int           `json:"time_precision,omitempty"`
	Fatalities    *int          `json:"fatalities"`
	Sources       []EventSource `json:"sources"`
	Claims        []StoryClaim  `json:"claims,omitempty"`
}

// SourceNames lists the event's sources ACLED style: each outlet, then
// whom it attributes the report to, once each, "The Levant Courier; SOHR".
func (e *StoryEvent) SourceNames() string {
	var names []string
	seen := map[string]bool{}
	add := func(s string) {
		if s != "" && !seen[strings.ToLower(s)] {
			seen[strings.ToLower(s)] = true
			names = append(names, s)
		}
	}
	for _, s := range e.Sources {
		add(s.Source)
	}
	for _, s := range e.Sources {
		add(s.Attribution)
	}
	return strings.Join(names, "; ")
}

// EventSource is one article's report of an event, with its own values.
type EventSource struct {
	ArticleID string `json:"article_id"`
	Index     int    `json:"index"`  // of the event in the article's Analysis.Events
	Source    string `json:"source"` // outlet
	// Attribution is whom the article credits for the report ("SOHR").
	Attribution string     `json:"attribution,omitempty"`
	Published   *time.Time `json:"published,omitempty"`
	SubType     string     `json:"sub_type,omitempty"`
	Place       string     `json:"place,omitempty"`
	Date        string     `json:"date,omitempty"`
	Fatalities  *int       `json:"fatalities"`
}

// StoryClaim is a claim of one article with its text.
type StoryClaim struct {
	ArticleID string `json:"article_id"`
	Source    string `json:"source,omitempty"` // outlet
	Speaker   string `json:"speaker"`          // who said it
	Stance    string `json:"stance"`           // assert, deny, hedge
	Cue       string `json:"cue,omitempty"`
	Text      string `json:"text"`
}

// Contradiction kinds.
const (
	// ContradictFatalities: the sources of one event give different tolls.
	ContradictFatalities = "fatalities"
	// ContradictDenial: one article denies what another reported.
	ContradictDenial = "denial"
	// ContradictClaims: two sources within one article disagree.
	ContradictClaims = "claims"
)

// StoryContradiction is a disagreement between sources of a story.
type StoryContradiction struct {
	Kind    string              `json:"kind"`
	EventID string              `json:"event_id,omitempty"`
	Reason  string              `json:"reason"`
	Sides   []ContradictionSide `json:"sides"`
}

// ContradictionSide is one position in a contradiction.
type ContradictionSide struct {
	ArticleID  string `json:"article_id"`
	Source     string `json:"source,omitempty"`  // outlet
	Speaker    string `json:"speaker,omitempty"` // who holds the position
	Text       string `json:"text,omitempty"`
	Fatalities *int   `json:"fatalities,omitempty"`
}

// ArticleLink is where the connector put one article: its story and, for a
// copy, the original. State is the connector's own encoding of what it
// needs to connect later articles to this one; stores keep it unread.
type ArticleLink struct {
	ArticleID   string      `json:"article_id"`
	StoryID     string      `json:"story_id"`
	Role        ArticleRole `json:"role"`
	DuplicateOf string      `json:"duplicate_of,omitempty"`
	// Seen is when the article was published, else retrieved: the time
	// that places it in a story.
	Seen  time.Time `json:"seen"`
	State []byte    `json:"-"`
}

// StoryUpdate is one step of connecting: written in one transaction.
type StoryUpdate struct {
	Links   []ArticleLink // upserted by article id
	Stories []*Story      // each replaced whole; Articles are ignored (links decide them)
	Deleted []string      // ids of stories merged into others
}

// StoryFilter selects stories for listing, most recently seen first.
type StoryFilter struct {
	Country string     // alpha-2; "" for any
	Since   *time.Time // last seen at or after; nil for any
	Limit   int        // 0 means 20
	Offset  int
}

// StoryStore keeps stories. Each backend implements it and passes the
// conformance suite in internal/store/storetest (RunStories).
type StoryStore interface {
	// ArticleLinks returns the links of the articles seen in [from, to)
	// and every link of the stories those belong to, so a story comes
	// whole.
	ArticleLinks(ctx context.Context, from, to time.Time) ([]ArticleLink, error)
	// PutStories applies an update atomically. A link must name a stored
	// article (else EINVALID) and a story of the update or one stored.
	PutStories(ctx context.Context, u StoryUpdate) error
	// Stories lists stories without their articles and timelines.
	Stories(ctx context.Context, f StoryFilter) ([]*Story, error)
	// Story returns one story whole, or an ENOTFOUND error.
	Story(ctx context.Context, id string) (*Story, error)
	// ArticleStories returns the stories the articles belong to, by
	// article id, without their articles and timelines (as Stories lists
	// them); an article the connector has not placed (or that does not
	// exist) has no entry.
	ArticleStories(ctx context.Context, articleIDs []string) (map[string]*Story, error)
}

// Validate checks what every story store requires of an update before
// writing it, so backends reject the same updates with the same words.
func (u StoryUpdate) Validate() error {
	for _, l := range u.Links {
		switch {
		case l.ArticleID == "":
			return Errorf(EINVALID, "story link without an article id")
		case l.StoryID == "":
			return Errorf(EINVALID, "story link of article %s has no story id", l.ArticleID)
		case l.Role != RoleOriginal && l.Role != RoleSyndicated:
			return Errorf(EINVALID, "story link of article %s: unknown role %q", l.ArticleID, l.Role)
		case l.Role == RoleSyndicated && l.DuplicateOf == "":
			return Errorf(EINVALID, "story link of article %s: a syndicated copy needs its original", l.ArticleID)
		case l.Seen.Year() < 1 || l.Seen.Year() > 9999:
			return Errorf(EINVALID, "story link of article %s: seen year %d out of range", l.ArticleID, l.Seen.Year())
		}
	}
	for i, s := range u.Stories {
		switch {
		case s == nil:
			return Errorf(EINVALID, "story %d of the update is nil", i+1)
		case s.ID == "":
			return Errorf(EINVALID, "story %d of the update has no id", i+1)
		case s.FirstSeen.Year() < 1 || s.LastSeen.Year() > 9999:
			return Errorf(EINVALID, "story %s: seen dates out of range", s.ID)
		}
		ids := map[string]bool{}
		for _, e := range s.Events {
			if e.ID == "" || ids[e.ID] {
				return Errorf(EINVALID, "story %s: event id %q missing or repeated", s.ID, e.ID)
			}
			ids[e.ID] = true
		}
	}
	return nil
}
