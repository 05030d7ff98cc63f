package sitrep

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// What a correction is about: one finding of an article's analysis.
const (
	TargetCountry = "country"
	TargetTopic   = "topic"
	TargetPlace   = "place"
	TargetActor   = "actor"
	TargetEvent   = "event"
)

// What an editor does to a finding.
const (
	ActionConfirm = "confirm" // the finding is right as it stands
	ActionReject  = "reject"  // the finding is wrong: readers no longer see it
	ActionEdit    = "edit"    // some of its fields are wrong: Value has the right ones
	ActionAdd     = "add"     // the extractor missed it: Value is the whole finding
)

// Correction limits.
const (
	MaxCorrectionValue = 16 << 10 // bytes of Value
	MaxCorrectionNote  = 2000     // code points
	MaxEditorName      = 100
)

// Correction is an editor's judgement of one finding of an article's
// analysis. Corrections are kept apart from the analysis and applied to it
// whenever it is read, so that extracting the same text again, which
// rebuilds the analysis, does not undo them.
type Correction struct {
	ID        int64  `json:"id"`
	ArticleID string `json:"article_id"`
	Target    string `json:"target"` // TargetCountry, ...
	Action    string `json:"action"` // ActionConfirm, ...
	// Key names the finding in a way that survives re-extraction of the
	// same text: a country's code, a topic's code, a mention's span
	// "start:end", an event's sentence span, type and trigger
	// "start:end|type|trigger" (package correct computes them), or for
	// an added finding a key of its own ("new:..." for events).
	Key string `json:"key"`
	// Value holds the fields an edit changes, or the whole finding an add
	// inserts, as a JSON object in the finding's own JSON shape. Empty for
	// confirm and reject.
	Value   json.RawMessage `json:"value,omitempty"`
	Editor  string          `json:"editor"`
	Note    string          `json:"note,omitempty"`
	Created time.Time       `json:"created"`
	// Revoked is when an editor withdrew the correction, nil while it
	// holds. Revoked corrections are kept as history and no longer apply.
	Revoked   *time.Time `json:"revoked,omitempty"`
	RevokedBy string     `json:"revoked_by,omitempty"`
}

// Active reports whether c applies: it has not been revoked.
func (c *Correction) Active() bool { return c.Revoked == nil }

// Validate checks what every correction store requires before writing c:
// known target and action, a key of the target's form, a value exactly
// when the action needs one, and an editor. The meaning of the value's
// fields is checked by package correct, which knows the vocabularies.
func (c *Correction) Validate() error {
	if c == nil {
		return Errorf(EINVALID, "correction is nil")
	}
	switch {
	case c.ArticleID == "":
		return Errorf(EINVALID, "correction has no article id")
	case strings.TrimSpace(c.Editor) == "":
		return Errorf(EINVALID, "correction of article %s has no editor", c.ArticleID)
	case utf8.RuneCountInString(c.Editor) > MaxEditorName:
		return Errorf(EINVALID, "correction of article %s: editor name longer than %d characters", c.ArticleID, MaxEditorName)
	case utf8.RuneCountInString(c.Note) > MaxCorrectionNote:
		return Errorf(EINVALID, "correction of article %s: note longer than %d characters", c.ArticleID, MaxCorrectionNote)
	case !utf8.ValidString(c.Note) || !utf8.ValidString(c.Key) || !utf8.ValidString(c.Editor):
		return Errorf(EINVALID, "correction of article %s is not valid UTF-8", c.ArticleID)
	}
	switch c.Target {
	case TargetCountry, TargetTopic, TargetPlace, TargetActor, TargetEvent:
	default:
		return Errorf(EINVALID, "correction of article %s: unknown target %q (country, topic, place, actor or event)", c.ArticleID, c.Target)
	}
	switch c.Action {
	case ActionConfirm, ActionReject, ActionEdit:
	case ActionAdd:
		if c.Target == TargetPlace || c.Target == TargetActor {
			return Errorf(EINVALID, "correction of article %s: a %s cannot be added, only confirmed, rejected or edited", c.ArticleID, c.Target)
		}
	default:
		return Errorf(EINVALID, "correction of article %s: unknown action %q (confirm, reject, edit or add)", c.ArticleID, c.Action)
	}
	if err := validateKey(c.Target, c.Action, c.Key); err != nil {
		return Errorf(EINVALID, "correction of article %s: %s key %q: %s", c.ArticleID, c.Target, c.Key, err.Message)
	}
	needsValue := c.Action == ActionEdit || c.Action == ActionAdd
	value := bytes.TrimSpace(c.Value)
	switch {
	case needsValue && len(value) == 0:
		return Errorf(EINVALID, "correction of article %s: %s of a %s needs a value", c.ArticleID, c.Action, c.Target)
	case !needsValue && len(value) > 0 && string(value) != "null":
		return Errorf(EINVALID, "correction of article %s: %s of a %s takes no value", c.ArticleID, c.Action, c.Target)
	case len(value) > MaxCorrectionValue:
		return Errorf(EINVALID, "correction of article %s: value larger than %d bytes", c.ArticleID, MaxCorrectionValue)
	case needsValue && (value[0] != '{' || !json.Valid(value)):
		return Errorf(EINVALID, "correction of article %s: value is not a JSON object", c.ArticleID)
	}
	return nil
}

// validateKey checks the form of a key; see Correction.Key.
func validateKey(target, action, key string) *Error {
	if key == "" {
		return Errorf(EINVALID, "empty")
	}
	if len(key) > 500 {
		return Errorf(EINVALID, "longer than 500 bytes")
	}
	switch target {
	case TargetCountry:
		if len(key) != 2 || !isUpperASCII(key) {
			return Errorf(EINVALID, "want an upper-case ISO 3166-1 alpha-2 code")
		}
	case TargetTopic:
		if !strings.HasPrefix(key, "medtop:") || len(key) != len("medtop:")+8 || !isDigits(key[len("medtop:"):]) {
			return Errorf(EINVALID, "want an IPTC Media Topic code, medtop:NNNNNNNN")
		}
	case TargetPlace, TargetActor:
		if _, _, ok := ParseSpanKey(key); !ok {
			return Errorf(EINVALID, "want a span start:end")
		}
	case TargetEvent:
		if rest, ok := strings.CutPrefix(key, "new:"); ok {
			if rest == "" || strings.ContainsAny(rest, " |") {
				return Errorf(EINVALID, "want new: and a token")
			}
			return nil
		}
		if action == ActionAdd {
			return Errorf(EINVALID, "an added event's key starts with new:")
		}
		span, rest, ok := strings.Cut(key, "|")
		typ, _, ok2 := strings.Cut(rest, "|")
		// An event's sentence span may be empty, unlike a mention's.
		start, end, _ := ParseSpanKey(span)
		if !ok || !ok2 || !validSpan(span) || start > end || typ == "" {
			return Errorf(EINVALID, "want start:end|type|trigger")
		}
	}
	return nil
}

// ParseSpanKey reads a span key "start:end" with 0 <= start < end.
func ParseSpanKey(key string) (start, end int, ok bool) {
	if !validSpan(key) {
		return 0, 0, false
	}
	a, b, _ := strings.Cut(key, ":")
	start, _ = strconv.Atoi(a)
	end, _ = strconv.Atoi(b)
	return start, end, start < end
}

// validSpan reports whether s has the form "start:end" of two numbers.
func validSpan(s string) bool {
	a, b, found := strings.Cut(s, ":")
	return found && isDigits(a) && isDigits(b) && len(a) <= 9 && len(b) <= 9
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// CorrectionFilter selects corrections, oldest first.
type CorrectionFilter struct {
	ArticleID string // "" for every article
	// ArticleIDs, when not empty, keeps the corrections of these articles
	// only: a listing's articles in one read.
	ArticleIDs []string
	// Active leaves out revoked corrections.
	Active bool
	// After and Limit page through the corrections by id: those with an id
	// greater than After, at most Limit of them (0: all).
	After int64
	Limit int
}

// CorrectionStore keeps editors' corrections. Each backend implements it
// and passes the conformance suite in internal/store/storetest
// (RunCorrections).
type CorrectionStore interface {
	// AddCorrection validates and stores c, setting its ID and Created,
	// and marks its article changed so the read side (package index)
	// applies it. The article must exist, else ENOTFOUND.
	AddCorrection(ctx context.Context, c *Correction) error
	// Correction returns one correction, or an ENOTFOUND error.
	Correction(ctx context.Context, id int64) (*Correction, error)
	// Corrections lists corrections by id, oldest first.
	Corrections(ctx context.Context, f CorrectionFilter) ([]Correction, error)
	// CorrectedArticles lists the ids of articles with an active
	// correction, in id order, after the id after, at most limit (0: all).
	CorrectedArticles(ctx context.Context, after string, limit int) ([]string, error)
	// RevokeCorrection withdraws a correction on behalf of editor, marking
	// its article changed. It returns the revoked correction; ENOTFOUND for
	// an unknown id, ECONFLICT when it is already revoked.
	RevokeCorrection(ctx context.Context, id int64, editor string) (*Correction, error)
}
