package parse

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// maxLine bounds one JSONL line. Longer lines are reported as that line's
// error and skipped, so one runaway record does not stop a batch.
const maxLine = 16 << 20

// Lines parses JSONL: for every non-blank line it calls fn with the 1-based
// line number and either the article or that line's error. It returns early
// only when fn returns an error (which it returns as is) or reading fails.
func Lines(r io.Reader, name string, retrieved time.Time, fn func(line int, a *sitrep.Article, err error) error) error {
	if name == "" {
		name = "-"
	}
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, buf[:0])
		buf = line
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte{0xEF, 0xBB, 0xBF})
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("parse %s:%d: read: %w", name, n, err)
		}
		var ferr error
		switch {
		case tooLong:
			ferr = fn(n, nil, sitrep.Errorf(sitrep.ETOOLARGE, "parse %s:%d: line too long (over %d MiB)", name, n, maxLine>>20))
		case len(bytes.TrimSpace(line)) > 0:
			a, lerr := lineArticle(line, name, n, retrieved)
			ferr = fn(n, a, lerr)
		}
		if ferr != nil {
			return ferr
		}
		if err != nil {
			return nil // io.EOF
		}
	}
}

// readLine reads one line into buf without its line ending. A line over
// maxLine is read to its end but not kept.
func readLine(br *bufio.Reader, buf []byte) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > maxLine+2 {
				tooLong, buf = true, buf[:0]
			} else {
				buf = append(buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		buf = bytes.TrimSuffix(buf, []byte{'\n'})
		buf = bytes.TrimSuffix(buf, []byte{'\r'})
		if !tooLong && len(buf) > maxLine {
			tooLong, buf = true, buf[:0]
		}
		return buf, tooLong, err
	}
}

// lineArticle parses one JSONL line.
func lineArticle(line []byte, name string, n int, retrieved time.Time) (*sitrep.Article, error) {
	where := name + ":" + strconv.Itoa(n)
	if i := invalidUTF8(line); i >= 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: not valid UTF-8 (byte offset %d)", where, i)
	}
	obj, err := decodeObject(line)
	if err != nil {
		return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: invalid JSON: %s", where, jsonMessage(err))
	}
	a, err := recordArticle(obj, where, retrieved)
	if err != nil {
		return nil, err
	}
	a.Input = where
	a.Normalize()
	return a, nil
}

// parseJSON parses a file holding one JSON object.
func parseJSON(in Input, data []byte) (*sitrep.Article, error) {
	obj, err := decodeObject(data)
	if err != nil {
		where := in.Name
		var se *json.SyntaxError
		if errors.As(err, &se) {
			where = in.Name + ":" + strconv.Itoa(1+bytes.Count(data[:min(int(se.Offset), len(data))], []byte{'\n'}))
		}
		return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: invalid JSON: %s", where, jsonMessage(err))
	}
	a, err := recordArticle(obj, in.Name, in.Retrieved)
	if err != nil {
		return nil, err
	}
	a.Input = in.Name
	if a.URL == "" {
		a.URL = in.URL
	}
	a.Normalize()
	return a, nil
}

// parseJSONLDocument parses JSONL handed to Document: one record is an
// article, several need Lines.
func parseJSONLDocument(in Input, data []byte) (*sitrep.Article, error) {
	var got *sitrep.Article
	count := 0
	err := Lines(bytes.NewReader(data), in.Name, in.Retrieved, func(_ int, a *sitrep.Article, err error) error {
		if err != nil {
			return err
		}
		got = a
		count++
		return nil
	})
	if err != nil {
		return nil, err
	}
	switch count {
	case 0:
		return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: no article text found", in.Name)
	case 1:
		return got, nil
	}
	return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: JSON Lines input holds %d articles, not one", in.Name, count)
}

// decodeObject decodes exactly one JSON object.
func decodeObject(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("no value")
		}
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected data after the object")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("expected an object, found %s", jsonKind(v))
	}
	return obj, nil
}

func jsonValid(data []byte) bool { return json.Valid(data) }

// jsonMessage drops the package prefix from encoding/json errors.
func jsonMessage(err error) string {
	return strings.TrimPrefix(err.Error(), "json: ")
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "an object"
}

// recordArticle builds an article from a JSON record
// {"id","title","text","published","url","source","byline","language"}.
// A few common aliases are accepted ("body" and "content" for text, "date"
// for published, "author" for byline). The text goes through the same chrome
// removal as a plain-text file; fields the record gives win over chrome.
func recordArticle(obj map[string]any, where string, retrieved time.Time) (*sitrep.Article, error) {
	var firstErr error
	get := func(keys ...string) string {
		for _, k := range keys {
			v, ok := obj[k]
			if !ok || v == nil {
				continue
			}
			switch v := v.(type) {
			case string:
				return v
			case json.Number:
				return v.String()
			}
			if firstErr == nil {
				firstErr = sitrep.Errorf(sitrep.EINVALID, "parse %s: %q must be a string, found %s", where, k, jsonKind(v))
			}
			return ""
		}
		return ""
	}
	a := &sitrep.Article{
		Format:     "json",
		ExternalID: strings.TrimSpace(get("id")),
		Title:      strings.Join(strings.Fields(get("title", "headline")), " "),
		URL:        strings.TrimSpace(get("url", "link")),
		Source:     strings.TrimSpace(get("source")),
		Byline:     bylineText(get("byline", "author")),
		Language:   languageTag(get("language", "lang")),
		Retrieved:  retrieved,
	}
	text := get("text", "body", "content")
	published := get("published", "date", "published_at")
	if n, ok := obj["published"].(json.Number); ok {
		published = unixDate(n)
	}
	if firstErr != nil {
		return nil, firstErr
	}
	lines, c := stripChrome(splitLines(text), 0)
	a.Body = joinParagraphs(lines)
	if a.Body == "" {
		return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: missing \"text\"", where)
	}
	applyChrome(a, c, published)
	return a, nil
}

// unixDate turns a numeric "published" (Unix seconds, or milliseconds when
// too large for seconds) into RFC 3339.
func unixDate(n json.Number) string {
	v, err := n.Int64()
	if err != nil || v <= 0 {
		return n.String()
	}
	if v > 1e11 {
		return time.UnixMilli(v).UTC().Format(time.RFC3339)
	}
	return time.Unix(v, 0).UTC().Format(time.RFC3339)
}
