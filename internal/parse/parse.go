// Package parse turns raw HTML pages, plain-text files and JSON records into
// sitrep.Articles. The main text goes to Body; what the page says about
// itself (its publication date, byline, "Country:" and "Topics:" fields,
// comment count) goes to metadata fields and out of the body, so that later
// stages never read a page's chrome as reporting.
package parse

import (
	"bytes"
	"mime"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Input is one document to parse.
type Input struct {
	Name        string    // for error messages: a path, a URL or "-"
	Data        []byte    // raw bytes (from files: anything, validate it; from fetch: already UTF-8)
	ContentType string    // media type if known (from HTTP), else ""
	URL         string    // the page URL when fetched
	Retrieved   time.Time // reference time for relative dates: HTTP Date or file modification time
}

// maxDocument bounds one document. News pages are well under 5 MB; a larger
// input is refused with ETOOLARGE rather than parsed for minutes.
const maxDocument = 64 << 20

// Document parses one HTML page, plain-text file or JSON object into an
// Article and calls a.Normalize(). Bad input gives an *sitrep.Error with
// code EINVALID (or ETOOLARGE) whose message names the input and the reason.
func Document(in Input) (*sitrep.Article, error) {
	if in.Name == "" {
		in.Name = "-"
	}
	data := in.Data
	if len(data) == 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: empty file", in.Name)
	}
	if len(data) > maxDocument {
		return nil, sitrep.Errorf(sitrep.ETOOLARGE, "parse %s: too large (%d bytes, limit %d MiB)", in.Name, len(data), maxDocument>>20)
	}
	data, bomLen, err := decodeBOM(in.Name, data)
	if err != nil {
		return nil, err
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: binary data (NUL byte at offset %d)", in.Name, i+bomLen)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: empty file", in.Name)
	}
	format := Format(in.Name, in.ContentType, data)
	if format == "html" {
		return parseHTML(in, data, bomLen)
	}
	if i := invalidUTF8(data); i >= 0 {
		return nil, sitrep.Errorf(sitrep.EINVALID, "parse %s: not valid UTF-8 (byte offset %d)", in.Name, i+bomLen)
	}
	switch format {
	case "json":
		return parseJSON(in, data)
	case "jsonl":
		return parseJSONLDocument(in, data)
	}
	return parseText(in, string(data))
}

// decodeBOM strips a UTF-8 byte order mark and decodes UTF-16 text marked by
// one, returning the UTF-8 data and how many bytes of the input came before
// it, for error offsets.
func decodeBOM(name string, data []byte) ([]byte, int, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], 3, nil
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, 0, sitrep.Errorf(sitrep.EINVALID, "parse %s: not valid UTF-16: %v", name, err)
		}
		return out, 0, nil
	}
	return data, 0, nil
}

// invalidUTF8 returns the offset of the first byte that is not part of a
// valid UTF-8 sequence, or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// Format returns "html", "text", "json" or "jsonl" from the name's extension,
// the content type and a sniff of the data. A specific content type wins,
// then a known extension, then the data's first bytes.
func Format(name, contentType string, data []byte) string {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return "html"
	case "application/json", "text/json":
		return jsonOrLines(data)
	case "application/x-ndjson", "application/ndjson", "application/jsonl",
		"application/x-jsonl", "application/jsonlines", "application/x-jsonlines":
		return "jsonl"
	}
	switch extension(name) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return "html"
	case ".txt", ".text", ".md", ".markdown":
		return "text"
	case ".json":
		return jsonOrLines(data)
	case ".jsonl", ".ndjson", ".jsonlines":
		return "jsonl"
	}
	return sniff(data)
}

// extension returns the lower-case extension of a path or of a URL's path.
func extension(name string) string {
	if strings.Contains(name, "://") {
		if u, err := url.Parse(name); err == nil {
			name = u.Path
		}
	}
	return strings.ToLower(path.Ext(name))
}

// sniff guesses the format from the data itself.
func sniff(data []byte) string {
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n\f")
	if len(head) > 4096 {
		head = head[:4096]
	}
	if len(head) == 0 {
		return "text"
	}
	switch head[0] {
	case '{':
		return jsonOrLines(data)
	case '[':
		return "json"
	case '<':
		if len(head) > 1 && (isASCIILetter(head[1]) || head[1] == '!' || head[1] == '?') {
			return "html"
		}
	}
	low := bytes.ToLower(head)
	for _, tag := range []string{"<html", "<body", "<p>", "<div", "<article"} {
		if bytes.Contains(low, []byte(tag)) {
			return "html"
		}
	}
	return "text"
}

// jsonOrLines tells one JSON object from JSON Lines: a first line that is a
// complete value on its own, followed by more non-blank lines, is JSONL.
func jsonOrLines(data []byte) string {
	data = bytes.TrimLeft(data, " \t\r\n")
	i := bytes.IndexByte(data, '\n')
	if i < 0 {
		return "json"
	}
	if len(bytes.TrimSpace(data[i:])) == 0 {
		return "json"
	}
	first := bytes.TrimSpace(data[:i])
	if len(first) > 0 && first[0] == '{' && jsonValid(first) {
		return "jsonl"
	}
	return "json"
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
