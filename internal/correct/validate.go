package correct

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/biter777/countries"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// allowed lists, per target, the fields of a finding an edit may change
// or an add may give. Spans and triggers are the finding's identity, not
// editable; "main" asks for the finding to be put first.
var allowed = map[string]map[string]bool{
	sitrep.TargetCountry: set("code", "name", "main"),
	sitrep.TargetTopic:   set("code", "label", "main"),
	sitrep.TargetPlace:   set("name", "country", "admin1", "lat", "lon", "feature", "geonameid", "population"),
	sitrep.TargetActor:   set("name", "kind", "country"),
	sitrep.TargetEvent: set("type", "sub_type", "actor1", "actor2", "assoc_actor1", "assoc_actor2", "place", "date",
		"time_precision", "fatalities", "counts", "negated", "hypothetical", "reported", "main"),
}

var eventPlaceFields = set("name", "country", "admin1", "lat", "lon", "geo_precision")

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// Field limits.
const (
	maxText      = 200 // code points of a name
	maxAssoc     = 10
	maxFatal     = 1_000_000
	maxCountKeys = 10
)

// Validate checks c as sitrep.Correction.Validate does and, beyond it, the
// value's fields: only fields a correction may set, each of the right type
// and range, codes from the vocabularies the extractor uses (ISO 3166-1
// countries, its IPTC topics, ACLED's sub-event types). It fills what
// follows from the rest (an event's type from its sub-type, a topic's
// label, an added country's or topic's code from the key) and rewrites
// c.Value compactly.
func Validate(c *sitrep.Correction) error {
	if err := c.Validate(); err != nil {
		return err
	}
	value := bytes.TrimSpace(c.Value)
	if len(value) == 0 || string(value) == "null" {
		c.Value = nil
		return nil
	}
	bad := func(format string, args ...any) error {
		return sitrep.Errorf(sitrep.EINVALID, "correction of %s %s: %s", c.Target, c.Key, fmt.Sprintf(format, args...))
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(value, &m); err != nil {
		return bad("value is not a JSON object")
	}
	var names []string
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if !allowed[c.Target][k] {
			return bad("a %s's %q cannot be corrected", c.Target, k)
		}
	}
	if len(m) == 0 && c.Action == sitrep.ActionEdit {
		return bad("the value changes nothing")
	}
	var err error
	switch c.Target {
	case sitrep.TargetCountry:
		err = checkCountry(c, m)
	case sitrep.TargetTopic:
		err = checkTopic(c, m)
	case sitrep.TargetPlace:
		err = checkPlace(m, false)
	case sitrep.TargetActor:
		err = checkActor(m)
	case sitrep.TargetEvent:
		err = checkEvent(c, m)
	}
	if err != nil {
		return bad("%v", err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return bad("%v", err)
	}
	c.Value = b
	return nil
}

func checkCountry(c *sitrep.Correction, m map[string]json.RawMessage) error {
	code, err := optString(m, "code", 2)
	if err != nil {
		return err
	}
	if code == nil && c.Action == sitrep.ActionAdd {
		code = &c.Key
		m["code"], _ = json.Marshal(c.Key)
	}
	if code != nil {
		if !validCountry(*code) {
			return fmt.Errorf("%q is not an ISO 3166-1 alpha-2 country code", *code)
		}
		if c.Action == sitrep.ActionAdd && *code != c.Key {
			return fmt.Errorf("an added country's code %q differs from its key", *code)
		}
	}
	if _, err := optString(m, "name", maxText); err != nil {
		return err
	}
	_, err = optBool(m, "main")
	return err
}

func checkTopic(c *sitrep.Correction, m map[string]json.RawMessage) error {
	code, err := optString(m, "code", 20)
	if err != nil {
		return err
	}
	if code == nil && c.Action == sitrep.ActionAdd {
		code = &c.Key
		m["code"], _ = json.Marshal(c.Key)
	}
	if code != nil {
		label := TopicLabel(*code)
		if label == "" {
			return fmt.Errorf("%q is not a topic of the lexicon", *code)
		}
		if c.Action == sitrep.ActionAdd && *code != c.Key {
			return fmt.Errorf("an added topic's code %q differs from its key", *code)
		}
		if _, ok := m["label"]; !ok {
			m["label"], _ = json.Marshal(label)
		}
	}
	if _, err := optString(m, "label", maxText); err != nil {
		return err
	}
	_, err = optBool(m, "main")
	return err
}

// checkPlace checks a place mention's fields, or with inEvent an event's
// place.
func checkPlace(m map[string]json.RawMessage, inEvent bool) error {
	if inEvent {
		for k := range m {
			if !eventPlaceFields[k] {
				return fmt.Errorf("an event place's %q cannot be corrected", k)
			}
		}
	}
	name, err := optString(m, "name", maxText)
	if err != nil {
		return err
	}
	if name != nil && *name == "" {
		return fmt.Errorf("a place needs a name")
	}
	country, err := optString(m, "country", 2)
	if err != nil {
		return err
	}
	if country != nil && *country != "" && !validCountry(*country) {
		return fmt.Errorf("%q is not an ISO 3166-1 alpha-2 country code", *country)
	}
	if _, err := optString(m, "admin1", maxText); err != nil {
		return err
	}
	if _, err := optString(m, "feature", 40); err != nil {
		return err
	}
	for _, f := range []struct {
		name  string
		limit float64
	}{{"lat", 90}, {"lon", 180}} {
		v, err := optNumber(m, f.name)
		if err != nil {
			return err
		}
		if v != nil && (math.Abs(*v) > f.limit || math.IsNaN(*v)) {
			return fmt.Errorf("%s %g is out of range", f.name, *v)
		}
	}
	for _, f := range []string{"geonameid", "population", "geo_precision"} {
		v, err := optInt(m, f)
		if err != nil {
			return err
		}
		if v != nil && (*v < 0 || (f == "geo_precision" && *v > 3)) {
			return fmt.Errorf("%s %d is out of range", f, *v)
		}
	}
	return nil
}

func checkActor(m map[string]json.RawMessage) error {
	name, err := optString(m, "name", maxText)
	if err != nil {
		return err
	}
	if name != nil && *name == "" {
		return fmt.Errorf("an actor needs a name")
	}
	if _, err := optString(m, "kind", 40); err != nil {
		return err
	}
	country, err := optString(m, "country", 2)
	if err != nil {
		return err
	}
	if country != nil && *country != "" && !validCountry(*country) {
		return fmt.Errorf("%q is not an ISO 3166-1 alpha-2 country code", *country)
	}
	return nil
}

func checkEvent(c *sitrep.Correction, m map[string]json.RawMessage) error {
	typ, err := optString(m, "type", 60)
	if err != nil {
		return err
	}
	sub, err := optString(m, "sub_type", 60)
	if err != nil {
		return err
	}
	switch {
	case sub == nil && (typ != nil || c.Action == sitrep.ActionAdd):
		return fmt.Errorf("an event's type needs its sub-type")
	case sub != nil && EventTypeOf(*sub) == "":
		return fmt.Errorf("%q is not an ACLED sub-event type", *sub)
	case sub != nil && typ != nil && EventTypeOf(*sub) != *typ:
		return fmt.Errorf("%q is a sub-type of %q, not of %q", *sub, EventTypeOf(*sub), *typ)
	case sub != nil:
		m["type"], _ = json.Marshal(EventTypeOf(*sub))
	}
	for _, f := range []string{"actor1", "actor2"} {
		if _, err := optString(m, f, maxText); err != nil {
			return err
		}
	}
	for _, f := range []string{"assoc_actor1", "assoc_actor2"} {
		if raw, ok := m[f]; ok {
			var list []string
			if err := json.Unmarshal(raw, &list); err != nil {
				return fmt.Errorf("%s is not a list of names", f)
			}
			if len(list) > maxAssoc {
				return fmt.Errorf("%s lists more than %d actors", f, maxAssoc)
			}
			for _, s := range list {
				if err := checkText(f, s, maxText); err != nil {
					return err
				}
			}
		}
	}
	if raw, ok := m["place"]; ok && string(bytes.TrimSpace(raw)) != "null" {
		var pm map[string]json.RawMessage
		if err := json.Unmarshal(raw, &pm); err != nil {
			return fmt.Errorf("place is not an object")
		}
		if err := checkPlace(pm, true); err != nil {
			return err
		}
	}
	date, err := optString(m, "date", 10)
	if err != nil {
		return err
	}
	if date != nil && *date != "" {
		if _, err := time.Parse(time.DateOnly, *date); err != nil {
			return fmt.Errorf("date %q is not a date YYYY-MM-DD", *date)
		}
	}
	tp, err := optInt(m, "time_precision")
	if err != nil {
		return err
	}
	if tp != nil && (*tp < 0 || *tp > 3) {
		return fmt.Errorf("time_precision %d is not 1, 2 or 3", *tp)
	}
	if raw, ok := m["fatalities"]; ok && string(bytes.TrimSpace(raw)) != "null" {
		f, err := optInt(m, "fatalities")
		if err != nil {
			return err
		}
		if *f < 0 || *f > maxFatal {
			return fmt.Errorf("fatalities %d is out of range", *f)
		}
	}
	if raw, ok := m["counts"]; ok {
		var counts map[string]int
		if err := json.Unmarshal(raw, &counts); err != nil {
			return fmt.Errorf("counts is not an object of numbers")
		}
		if len(counts) > maxCountKeys {
			return fmt.Errorf("counts has more than %d entries", maxCountKeys)
		}
		for k, n := range counts {
			if err := checkText("counts", k, 40); err != nil || n < 0 || n > maxFatal {
				return fmt.Errorf("counts %q: %d is out of range", k, n)
			}
		}
	}
	for _, f := range []string{"negated", "hypothetical", "reported", "main"} {
		if _, err := optBool(m, f); err != nil {
			return err
		}
	}
	return nil
}

func validCountry(code string) bool {
	return len(code) == 2 && strings.ToUpper(code) == code && countries.ByName(code).Alpha2() == code
}

// checkText rejects what no name contains: control characters, text that
// is not UTF-8, more than limit code points.
func checkText(field, s string, limit int) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s is not valid UTF-8", field)
	}
	if utf8.RuneCountInString(s) > limit {
		return fmt.Errorf("%s is longer than %d characters", field, limit)
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return fmt.Errorf("%s contains control characters", field)
	}
	return nil
}

func optString(m map[string]json.RawMessage, field string, limit int) (*string, error) {
	raw, ok := m[field]
	if !ok {
		return nil, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("%s is not a string", field)
	}
	if err := checkText(field, s, limit); err != nil {
		return nil, err
	}
	return &s, nil
}

// optional decodes field of m as a T, nil when m lacks it; what names the
// kind of value in the error ("a number").
func optional[T any](m map[string]json.RawMessage, field, what string) (*T, error) {
	raw, ok := m[field]
	if !ok {
		return nil, nil
	}
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fmt.Errorf("%s is not %s", field, what)
	}
	return &v, nil
}

func optBool(m map[string]json.RawMessage, field string) (*bool, error) {
	return optional[bool](m, field, "true or false")
}

func optNumber(m map[string]json.RawMessage, field string) (*float64, error) {
	return optional[float64](m, field, "a number")
}

func optInt(m map[string]json.RawMessage, field string) (*int, error) {
	return optional[int](m, field, "a whole number")
}
