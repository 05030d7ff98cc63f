package sqlite

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// articleColumns lists the stored fields in the order of row and scanArticle.
const articleColumns = `id, input, external_id, format, url, canonical_url, source,
	title, byline, language, body, published, published_precision, published_text,
	retrieved, page_countries, page_topics, page_comments, etag, last_modified,
	content_hash, analysis`

// row is an article encoded for its columns, in articleColumns order.
type row [22]any

// encodeArticle turns a into column values. Nil lists and a nil analysis
// become NULL, so they come back nil rather than empty.
func encodeArticle(a *sitrep.Article) (row, error) {
	var r row
	countries, err := jsonOrNull(a.PageCountries, a.PageCountries == nil)
	if err != nil {
		return r, fmt.Errorf("page countries: %w", err)
	}
	topics, err := jsonOrNull(a.PageTopics, a.PageTopics == nil)
	if err != nil {
		return r, fmt.Errorf("page topics: %w", err)
	}
	analysis, err := jsonOrNull(a.Analysis, a.Analysis == nil)
	if err != nil {
		return r, fmt.Errorf("analysis: %w", err)
	}
	var published any
	if a.Published != nil {
		published = formatTime(*a.Published)
	}
	r = row{
		a.ID, a.Input, a.ExternalID, a.Format, a.URL, a.CanonicalURL, a.Source,
		a.Title, a.Byline, a.Language, a.Body, published, string(a.PublishedPrecision), a.PublishedText,
		formatTime(a.Retrieved), countries, topics, a.PageComments, a.ETag, a.LastModified,
		a.ContentHash, analysis,
	}
	return r, nil
}

func jsonOrNull(v any, null bool) (any, error) {
	if null {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// scanner is *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanArticle reads one row selected with articleColumns.
func scanArticle(s scanner) (*sitrep.Article, error) {
	var (
		a                           sitrep.Article
		published                   sql.NullString
		precision, retrieved        string
		countries, topics, analysis sql.NullString
	)
	err := s.Scan(&a.ID, &a.Input, &a.ExternalID, &a.Format, &a.URL, &a.CanonicalURL, &a.Source,
		&a.Title, &a.Byline, &a.Language, &a.Body, &published, &precision, &a.PublishedText,
		&retrieved, &countries, &topics, &a.PageComments, &a.ETag, &a.LastModified,
		&a.ContentHash, &analysis)
	if err != nil {
		return nil, err
	}
	a.PublishedPrecision = sitrep.Precision(precision)
	if published.Valid {
		t, err := parseTime(published.String)
		if err != nil {
			return nil, fmt.Errorf("article %s: published: %w", a.ID, err)
		}
		a.Published = &t
	}
	if a.Retrieved, err = parseTime(retrieved); err != nil {
		return nil, fmt.Errorf("article %s: retrieved: %w", a.ID, err)
	}
	if countries.Valid {
		if err := json.Unmarshal([]byte(countries.String), &a.PageCountries); err != nil {
			return nil, fmt.Errorf("article %s: page countries: %w", a.ID, err)
		}
	}
	if topics.Valid {
		if err := json.Unmarshal([]byte(topics.String), &a.PageTopics); err != nil {
			return nil, fmt.Errorf("article %s: page topics: %w", a.ID, err)
		}
	}
	if analysis.Valid {
		a.Analysis = new(sitrep.Analysis)
		if err := json.Unmarshal([]byte(analysis.String), a.Analysis); err != nil {
			return nil, fmt.Errorf("article %s: analysis: %w", a.ID, err)
		}
	}
	return &a, nil
}

// timeLayout is RFC 3339 in UTC with a fixed nine-digit fraction, so that the
// text sorts in time order and round-trips to the nanosecond.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }
