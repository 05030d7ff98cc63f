package postgres

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

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
	if err := checkText(a); err != nil {
		return r, err
	}
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

// checkText refuses what a PostgreSQL text column cannot hold, a NUL byte
// or bytes that are not UTF-8, naming the field, rather than letting the
// server fail the whole batch. The JSON columns need no check: Go writes
// valid UTF-8 and escapes NUL there.
func checkText(a *sitrep.Article) error {
	fields := []struct{ name, value string }{
		{"id", a.ID}, {"input", a.Input}, {"external id", a.ExternalID}, {"format", a.Format},
		{"url", a.URL}, {"canonical url", a.CanonicalURL}, {"source", a.Source}, {"title", a.Title},
		{"byline", a.Byline}, {"language", a.Language}, {"body", a.Body}, {"published text", a.PublishedText},
		{"page comments", a.PageComments}, {"etag", a.ETag}, {"last modified", a.LastModified},
		{"content hash", a.ContentHash},
	}
	for _, f := range fields {
		switch {
		case strings.IndexByte(f.value, 0) >= 0:
			return fmt.Errorf("%s holds a NUL byte, which PostgreSQL text cannot store", f.name)
		case !utf8.ValidString(f.value):
			return fmt.Errorf("%s is not valid UTF-8", f.name)
		}
	}
	return nil
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

// scanner is pgx.Row or pgx.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanArticle reads one row selected with articleColumns.
func scanArticle(s scanner) (*sitrep.Article, error) {
	var (
		a                           sitrep.Article
		published                   *string
		precision, retrieved        string
		countries, topics, analysis []byte
	)
	err := s.Scan(&a.ID, &a.Input, &a.ExternalID, &a.Format, &a.URL, &a.CanonicalURL, &a.Source,
		&a.Title, &a.Byline, &a.Language, &a.Body, &published, &precision, &a.PublishedText,
		&retrieved, &countries, &topics, &a.PageComments, &a.ETag, &a.LastModified,
		&a.ContentHash, &analysis)
	if err != nil {
		return nil, err
	}
	a.PublishedPrecision = sitrep.Precision(precision)
	if a.Published, err = parseTimePtr(published); err != nil {
		return nil, fmt.Errorf("article %s: published: %w", a.ID, err)
	}
	if a.Retrieved, err = parseTime(retrieved); err != nil {
		return nil, fmt.Errorf("article %s: retrieved: %w", a.ID, err)
	}
	if countries != nil {
		if err := json.Unmarshal(countries, &a.PageCountries); err != nil {
			return nil, fmt.Errorf("article %s: page countries: %w", a.ID, err)
		}
	}
	if topics != nil {
		if err := json.Unmarshal(topics, &a.PageTopics); err != nil {
			return nil, fmt.Errorf("article %s: page topics: %w", a.ID, err)
		}
	}
	if analysis != nil {
		a.Analysis = new(sitrep.Analysis)
		if err := json.Unmarshal(analysis, a.Analysis); err != nil {
			return nil, fmt.Errorf("article %s: analysis: %w", a.ID, err)
		}
	}
	return &a, nil
}

// timeLayout is RFC 3339 in UTC with a fixed nine-digit fraction, so that the
// text sorts in time order and round-trips to the nanosecond; the SQLite
// store writes the same.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }

// parseTimePtr reads a nullable time column.
func parseTimePtr(s *string) (*time.Time, error) {
	if s == nil {
		return nil, nil
	}
	t, err := parseTime(*s)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// clampTime keeps a bound within the years formatTime can write, so that
// an open-ended window still compares as text.
func clampTime(t time.Time) time.Time {
	lo := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)
	switch {
	case t.Before(lo):
		return lo
	case t.After(hi):
		return hi
	}
	return t
}
