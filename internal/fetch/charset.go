package fetch

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText returns body as UTF-8. The encoding is the one a browser would
// pick (byte order mark, Content-Type charset, <meta> charset, then a guess),
// corrected for the two mislabellings that are common on news sites:
//
//   - labelled (or defaulted to) UTF-8 but not valid UTF-8: the page was
//     written in a legacy single-byte encoding, read as windows-1252 rather
//     than littered with U+FFFD;
//   - labelled latin-1/windows-1252 but valid UTF-8 with non-ASCII bytes:
//     the label is a server default, read as UTF-8 rather than as mojibake.
//     Real windows-1252 text is almost never valid UTF-8 by accident.
func decodeText(body []byte, contentType string) ([]byte, error) {
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	switch name {
	case "utf-8":
		if utf8.Valid(body) {
			return bytes.TrimPrefix(body, utf8BOM), nil
		}
		return charmap.Windows1252.NewDecoder().Bytes(body)
	case "windows-1252":
		// DetermineEncoding looks only at the first 1 KB, so a page whose
		// first non-ASCII byte comes later is guessed windows-1252 too.
		if utf8.Valid(body) {
			return body, nil
		}
		return charmap.Windows1252.NewDecoder().Bytes(body)
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("charset %s: %w", name, err)
	}
	return bytes.TrimPrefix(out, utf8BOM), nil
}
