package sitrep

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// CommentStatus is where a reader's comment stands in moderation.
type CommentStatus string

const (
	CommentPending   CommentStatus = "pending"   // waits for an editor
	CommentPublished CommentStatus = "published" // shown under the article
	CommentRejected  CommentStatus = "rejected"  // refused by an editor
	CommentSpam      CommentStatus = "spam"      // refused as spam, by an editor or the honeypot
)

// Valid reports whether s is a known status.
func (s CommentStatus) Valid() bool {
	switch s {
	case CommentPending, CommentPublished, CommentRejected, CommentSpam:
		return true
	}
	return false
}

// Comment limits, in characters.
const (
	MaxCommentName = 80
	MaxCommentText = 5000
)

// Comment is a reader's note on an article. Only published comments are
// ever shown to readers, on the site or in the API.
type Comment struct {
	ID        int64         `json:"id"`
	ArticleID string        `json:"article_id"`
	Name      string        `json:"name"`
	Text      string        `json:"text"`
	Status    CommentStatus `json:"status"`
	Created   time.Time     `json:"created"`
	// ClientHash is a keyed hash of the poster's address: enough to see
	// that comments came from one client, not to tell who it was.
	ClientHash  string     `json:"-"`
	ModeratedBy string     `json:"-"` // the editor's name
	ModeratedAt *time.Time `json:"-"`
}

// Normalize tidies what a reader typed: valid UTF-8, line ends as "\n",
// no control characters but newlines and tabs, no surrounding space, and
// the name on one line.
func (c *Comment) Normalize() {
	c.Name = strings.Join(strings.Fields(cleanText(c.Name)), " ")
	c.Text = strings.TrimSpace(cleanText(c.Text))
}

func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return -1
		}
		return r
	}, s)
}

// Validate checks a comment before it is stored; the messages are meant
// for the reader who wrote it.
func (c *Comment) Validate() error {
	switch {
	case c.ArticleID == "":
		return Errorf(EINVALID, "comment names no article")
	case !c.Status.Valid():
		return Errorf(EINVALID, "unknown comment status %q", c.Status)
	case utf8.RuneCountInString(c.Name) > MaxCommentName:
		return Errorf(EINVALID, "Your name is longer than %d characters.", MaxCommentName)
	case strings.TrimSpace(c.Text) == "":
		return Errorf(EINVALID, "Your comment is empty.")
	case utf8.RuneCountInString(c.Text) > MaxCommentText:
		return Errorf(EINVALID, "Your comment is longer than %d characters (it has %d).", MaxCommentText, utf8.RuneCountInString(c.Text))
	}
	return nil
}

// CommentFilter pages through a list of comments.
type CommentFilter struct {
	Limit  int // 0 means 50
	Offset int
}

// CommentStore keeps readers' comments. Each backend passes the
// conformance suite in internal/store/storetest (RunComments).
type CommentStore interface {
	// AddComment validates and stores c, setting its ID, and its Created
	// time when zero. A comment on an article not stored is ENOTFOUND.
	AddComment(ctx context.Context, c *Comment) error
	// Comment returns the comment with id whatever its status, or ENOTFOUND.
	Comment(ctx context.Context, id int64) (*Comment, error)
	// PublishedComments lists an article's published comments, oldest first.
	PublishedComments(ctx context.Context, articleID string) ([]*Comment, error)
	// CountPublishedComments counts the published comments of each article
	// named; articles without any are absent from the map.
	CountPublishedComments(ctx context.Context, articleIDs []string) (map[string]int, error)
	// PendingComments is the moderation queue: comments waiting for an
	// editor, oldest first, and how many wait in all.
	PendingComments(ctx context.Context, f CommentFilter) ([]*Comment, int, error)
	// SetCommentStatus moderates comment id, recording who did and when.
	SetCommentStatus(ctx context.Context, id int64, status CommentStatus, moderator string) error
}
