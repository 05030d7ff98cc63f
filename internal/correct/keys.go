// Package correct applies editors' corrections (sitrep.Correction) to an
// article's analysis, checks them against the vocabularies the extractor
// uses, and serves articles with their corrections applied.
//
// A correction names its finding by a key that depends only on the text:
// a country's or topic's code, a mention's span, an event's sentence span
// with its type and trigger. Extracting the same text again yields the same
// keys, so corrections outlive the analysis they were made on; when the
// extractor's output drifts (another type for the same sentence, a wider
// span) Apply falls back to looser matches, and a correction that matches
// nothing at all is reported as an orphan rather than dropped.
package correct

import (
	"strconv"
	"strings"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// CountryKey is the key of a country finding: its upper-case code.
func CountryKey(code string) string { return strings.ToUpper(code) }

// TopicKey is the key of a topic finding: its code.
func TopicKey(code string) string { return code }

// SpanKey is the key of a place or actor mention: "start:end".
func SpanKey(s sitrep.Span) string { return strconv.Itoa(s.Start) + ":" + strconv.Itoa(s.End) }

// EventKey is the key of an event: its sentence span, type and trigger,
// "start:end|type|trigger".
func EventKey(e sitrep.Event) string {
	trigger := strings.ReplaceAll(strings.ToLower(e.Trigger), "|", " ")
	return strconv.Itoa(e.Start) + ":" + strconv.Itoa(e.End) + "|" + e.Type + "|" + trigger
}

// eventID is an event key taken apart.
type eventID struct {
	start, end int
	typ, trig  string
	added      bool // "new:..."
}

func parseEventKey(key string) eventID {
	if strings.HasPrefix(key, "new:") {
		return eventID{added: true}
	}
	span, rest, _ := strings.Cut(key, "|")
	typ, trig, _ := strings.Cut(rest, "|")
	a, b, _ := strings.Cut(span, ":")
	start, _ := strconv.Atoi(a)
	end, _ := strconv.Atoi(b)
	return eventID{start: start, end: end, typ: typ, trig: trig}
}
