// Package sitrep holds the domain types shared by every other package: the
// article as ingested, the store interface that each backend implements, and
// the error codes that carry user-safe messages.
package sitrep

import (
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strings"
	"time"
)

// Precision says how much of a timestamp is known. "5 years ago" is known to
// the year, "yesterday" to the day, "3 hours ago" to the minute.
type Precision string

const (
	PrecisionNone   Precision = ""
	PrecisionYear   Precision = "year"
	PrecisionMonth  Precision = "month"
	PrecisionDay    Precision = "day"
	PrecisionMinute Precision = "minute"
)

// Valid reports whether p is one of the known precisions.
func (p Precision) Valid() bool {
	switch p {
	case PrecisionNone, PrecisionYear, PrecisionMonth, PrecisionDay, PrecisionMinute:
		return true
	}
	return false
}

// Article is one news report as parsed from its source: metadata plus main
// text with page chrome removed. It is a plain value passed between stages,
// never a half-filled database row.
type Article struct {
	ID string `json:"id"`

	// Input names where the article came from: a file path, a URL, "-" for
	// stdin, or "file.jsonl:12" for a line of a JSONL batch.
	Input string `json:"input"`
	// ExternalID is the id a JSONL line carried, if any.
	ExternalID string `json:"external_id,omitempty"`
	Format     string `json:"format"` // html, text, json

	URL          string `json:"url,omitempty"`
	CanonicalURL string `json:"canonical_url,omitempty"`
	Source       string `json:"source,omitempty"` // site or outlet name

	Title    string `json:"title"`
	Byline   string `json:"byline,omitempty"`
	Language string `json:"language,omitempty"`
	Body     string `json:"body"`

	// Published is when the source says the article was published, resolved
	// against Retrieved when the page gave it relatively ("5 years ago").
	Published          *time.Time `json:"published,omitempty"`
	PublishedPrecision Precision  `json:"published_precision,omitempty"`
	// PublishedText is the date as the page wrote it.
	PublishedText string    `json:"published_text,omitempty"`
	Retrieved     time.Time `json:"retrieved"`

	// Page-declared fields from chrome lines ("Country: Syria, Iraq").
	// Empty when the page left them blank, as the seed's page did.
	PageCountries []string `json:"page_countries,omitempty"`
	PageTopics    []string `json:"page_topics,omitempty"`
	PageComments  string   `json:"page_comments,omitempty"`

	// HTTP validators kept for conditional GET on later polls.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`

	ContentHash string `json:"content_hash"`

	// Analysis is the extractor's output, nil until extraction has run.
	Analysis *Analysis `json:"analysis,omitempty"`
}

// Normalize fills the derived fields: content hash and a stable id. Call it
// after parsing and before storing.
func (a *Article) Normalize() {
	a.Title = strings.TrimSpace(a.Title)
	a.Body = strings.TrimSpace(a.Body)
	a.ContentHash = ContentHash(a.Title, a.Body)
	if a.ID == "" {
		a.ID = ArticleID(a)
	}
}

// ContentHash identifies an article's text independent of where it was found,
// so a copy ingested from another path or URL is recognised. Whitespace runs
// and case are folded so that re-wrapping a text does not make it new.
func ContentHash(title, body string) string {
	h := sha256.New()
	h.Write([]byte(foldSpace(title)))
	h.Write([]byte{0})
	h.Write([]byte(foldSpace(body)))
	return "sha256:" + hexString(h.Sum(nil))
}

// ArticleID derives a stable id: from the canonical URL when the page has one
// (so an updated version of the page keeps its id), else from the id a JSONL
// line gave within its source, else from the content.
func ArticleID(a *Article) string {
	key := a.CanonicalURL
	if key == "" {
		key = a.URL
	}
	if key == "" && a.ExternalID != "" {
		key = "ext:" + a.Source + "/" + a.ExternalID
	}
	if key == "" {
		key = a.ContentHash
	}
	sum := sha256.Sum256([]byte(key))
	return "a" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:])[:12])
}

func foldSpace(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func hexString(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, len(b)*2)
	for i, c := range b {
		out[i*2] = digits[c>>4]
		out[i*2+1] = digits[c&15]
	}
	return string(out)
}

// ValidateArticle checks what every store requires of article i of a batch
// before writing it, with a user-safe message naming its input. Backends call
// it so they reject the same articles with the same words.
func ValidateArticle(i int, a *Article) error {
	if a == nil {
		return Errorf(EINVALID, "article %d of the batch is nil", i+1)
	}
	name := a.Input
	if name == "" {
		name = fmt.Sprintf("article %d of the batch", i+1)
	}
	switch {
	case a.ID == "":
		return Errorf(EINVALID, "%s: article has no id", name)
	case a.Body == "":
		return Errorf(EINVALID, "%s: article %s has an empty body", name, a.ID)
	case a.ContentHash == "":
		return Errorf(EINVALID, "%s: article %s has no content hash (Normalize was not called)", name, a.ID)
	case !a.PublishedPrecision.Valid():
		return Errorf(EINVALID, "%s: article %s: unknown published precision %q", name, a.ID, a.PublishedPrecision)
	case a.Published != nil && (a.Published.UTC().Year() < 1 || a.Published.UTC().Year() > 9999):
		return Errorf(EINVALID, "%s: article %s: published year %d out of range", name, a.ID, a.Published.Year())
	case a.Retrieved.UTC().Year() < 1 || a.Retrieved.UTC().Year() > 9999:
		return Errorf(EINVALID, "%s: article %s: retrieved year %d out of range", name, a.ID, a.Retrieved.Year())
	}
	return nil
}
