package correct

import (
	"bytes"
	"encoding/json"
	"sort"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Result is an analysis with corrections applied.
type Result struct {
	// Analysis is the corrected analysis: rejected findings left out,
	// edited ones changed, added ones in, and every finding an editor
	// confirmed, edited or added marked Verified. Nil only when the
	// article has no analysis and no correction adds anything.
	Analysis *sitrep.Analysis
	// Keys name each finding of Analysis, parallel to its lists: the key a
	// further correction of that finding uses. An edited finding keeps
	// the key of what the extractor found.
	Keys Keys
	// Orphans are the active corrections that matched no finding, oldest
	// first. They are kept: editors see them listed, and a later
	// extraction may find their finding again.
	Orphans []sitrep.Correction
}

// Keys are the keys of an analysis's findings, by target.
type Keys struct {
	Countries, Topics, Places, Actors, Events []string
}

// ApplyCorrections returns a with cs applied; see Apply.
func ApplyCorrections(a *sitrep.Analysis, cs []sitrep.Correction) *sitrep.Analysis {
	return Apply(a, cs).Analysis
}

// Apply returns a copy of a with the active corrections of cs applied in
// the order they were made, so a later correction of a finding overrides
// an earlier one: a confirmation after a rejection brings the finding
// back, edits accumulate, the last value of a field wins. a is not
// modified; the parts of it no correction touches are shared, and with no
// active correction the result's analysis is a itself.
func Apply(a *sitrep.Analysis, cs []sitrep.Correction) *Result {
	active := make([]sitrep.Correction, 0, len(cs))
	for _, c := range cs {
		if c.Active() {
			active = append(active, c)
		}
	}
	sort.SliceStable(active, func(i, j int) bool {
		if !active[i].Created.Equal(active[j].Created) {
			return active[i].Created.Before(active[j].Created)
		}
		return active[i].ID < active[j].ID
	})
	if a != nil && len(active) == 0 {
		return &Result{Analysis: a, Keys: keysOf(a)}
	}
	if a == nil {
		// Nothing to correct unless a correction adds something.
		adds := false
		for _, c := range active {
			adds = adds || c.Action == sitrep.ActionAdd
		}
		if !adds {
			return &Result{Orphans: nilIfEmpty(active)}
		}
		a = &sitrep.Analysis{}
	}
	countries := newItems(a.Countries, func(c sitrep.CountryScore) string { return CountryKey(c.Code) })
	topics := newItems(a.Topics, func(t sitrep.TopicScore) string { return TopicKey(t.Code) })
	places := newItems(a.Places, func(p sitrep.PlaceMention) string { return SpanKey(p.Span) })
	actors := newItems(a.Actors, func(m sitrep.ActorMention) string { return SpanKey(m.Span) })
	events := newItems(a.Events, EventKey)

	res := &Result{}
	for _, c := range active {
		var ok bool
		switch c.Target {
		case sitrep.TargetCountry:
			ok = apply(countries, c, countries.exact, newCountry)
		case sitrep.TargetTopic:
			ok = apply(topics, c, topics.exact, newTopic)
		case sitrep.TargetPlace:
			ok = apply(places, c, places.bySpan, nil)
		case sitrep.TargetActor:
			ok = apply(actors, c, actors.bySpan, nil)
		case sitrep.TargetEvent:
			ok = apply(events, c, events.byEvent, newEvent)
		}
		if !ok {
			res.Orphans = append(res.Orphans, c)
		}
	}
	countries.dedupe(func(c sitrep.CountryScore) string { return CountryKey(c.Code) })
	topics.dedupe(func(t sitrep.TopicScore) string { return t.Code })

	out := *a
	out.Countries, res.Keys.Countries = finish(countries, func(c *sitrep.CountryScore, v bool) { c.Verified = v })
	out.Topics, res.Keys.Topics = finish(topics, func(t *sitrep.TopicScore, v bool) { t.Verified = v })
	out.Places, res.Keys.Places = finish(places, func(p *sitrep.PlaceMention, v bool) { p.Verified = v })
	out.Actors, res.Keys.Actors = finish(actors, func(m *sitrep.ActorMention, v bool) { m.Verified = v })
	out.Events, res.Keys.Events = finish(events, func(e *sitrep.Event, v bool) { e.Verified = v })
	res.Analysis = &out
	return res
}

// item is one finding while corrections are applied to it.
type item[T any] struct {
	key      string
	v        T
	rejected bool
	verified bool
}

type items[T any] struct {
	list []*item[T]
}

func newItems[T any](vs []T, key func(T) string) *items[T] {
	l := &items[T]{list: make([]*item[T], len(vs))}
	for i, v := range vs {
		l.list[i] = &item[T]{key: key(v), v: v}
	}
	return l
}

// exact returns the items whose key is key.
func (l *items[T]) exact(key string) []*item[T] {
	var out []*item[T]
	for _, it := range l.list {
		if it.key == key {
			out = append(out, it)
		}
	}
	return out
}

// bySpan finds a mention by its span; failing that, the mention that
// overlaps it most, if it covers at least half of it: the extractor read
// "near Thiban" where it once read "Thiban".
func (l *items[T]) bySpan(key string) []*item[T] {
	if found := l.exact(key); len(found) > 0 {
		return found
	}
	start, end, ok := sitrep.ParseSpanKey(key)
	if !ok {
		return nil
	}
	var best *item[T]
	bestLen := 0
	for _, it := range l.list {
		s, e, ok := sitrep.ParseSpanKey(it.key)
		if !ok {
			continue
		}
		if n := min(e, end) - max(s, start); n > bestLen {
			best, bestLen = it, n
		}
	}
	if best == nil || 2*bestLen < end-start {
		return nil
	}
	return []*item[T]{best}
}

// byEvent finds an event by its key; failing that, in the same sentence,
// the event with the same trigger (the type changed), else the same type
// (the trigger changed), else the only event of that sentence.
func (l *items[T]) byEvent(key string) []*item[T] {
	if found := l.exact(key); len(found) > 0 {
		return found
	}
	want := parseEventKey(key)
	if want.added {
		return nil
	}
	var sameSpan []*item[T]
	for _, it := range l.list {
		id := parseEventKey(it.key)
		if !id.added && id.start == want.start && id.end == want.end {
			sameSpan = append(sameSpan, it)
		}
	}
	for _, same := range []func(eventID) bool{
		func(id eventID) bool { return id.trig == want.trig },
		func(id eventID) bool { return id.typ == want.typ },
	} {
		var found []*item[T]
		for _, it := range sameSpan {
			if same(parseEventKey(it.key)) {
				found = append(found, it)
			}
		}
		if len(found) > 0 {
			return found
		}
	}
	if len(sameSpan) == 1 {
		return sameSpan
	}
	return nil
}

// moveToFront makes it the first item: the main country, topic or event.
func (l *items[T]) moveToFront(it *item[T]) {
	for i, x := range l.list {
		if x == it {
			copy(l.list[1:i+1], l.list[:i])
			l.list[0] = it
			return
		}
	}
}

// dedupe keeps the first of the items that an edit gave the same code,
// verified if any of them was.
func (l *items[T]) dedupe(key func(T) string) {
	seen := map[string]*item[T]{}
	kept := l.list[:0]
	for _, it := range l.list {
		if it.rejected {
			kept = append(kept, it)
			continue
		}
		k := key(it.v)
		if first, ok := seen[k]; ok {
			first.verified = first.verified || it.verified
			continue
		}
		seen[k] = it
		kept = append(kept, it)
	}
	l.list = kept
}

// apply applies c to the items find returns for its key. An add whose key
// matches nothing inserts newItem's finding; any other correction that
// matches nothing is an orphan (false).
func apply[T any](l *items[T], c sitrep.Correction, find func(string) []*item[T], newItem func(json.RawMessage) (T, bool)) bool {
	found := find(c.Key)
	if len(found) == 0 {
		if c.Action != sitrep.ActionAdd || newItem == nil {
			return false
		}
		v, ok := newItem(c.Value)
		if !ok {
			return false
		}
		it := &item[T]{key: c.Key, v: v}
		l.list = append(l.list, it)
		found = []*item[T]{it}
	}
	fields := allowed[c.Target]
	for _, it := range found {
		switch c.Action {
		case sitrep.ActionConfirm:
			it.rejected, it.verified = false, true
		case sitrep.ActionReject:
			it.rejected = true
		case sitrep.ActionEdit, sitrep.ActionAdd:
			v, err := overlay(it.v, c.Value, fields)
			if err != nil {
				return false
			}
			it.v, it.rejected, it.verified = v, false, true
		}
	}
	if (c.Action == sitrep.ActionEdit || c.Action == sitrep.ActionAdd) && isMain(c.Value) {
		l.moveToFront(found[0])
	}
	return true
}

// finish returns the findings that were not rejected, with their keys.
func finish[T any](l *items[T], verify func(*T, bool)) ([]T, []string) {
	if len(l.list) == 0 {
		return nil, nil
	}
	out := make([]T, 0, len(l.list))
	keys := make([]string, 0, len(l.list))
	for _, it := range l.list {
		if it.rejected {
			continue
		}
		v := it.v
		verify(&v, it.verified)
		out = append(out, v)
		keys = append(keys, it.key)
	}
	return out, keys
}

func newCountry(value json.RawMessage) (sitrep.CountryScore, bool) {
	c, err := overlay(sitrep.CountryScore{Score: 1}, value, allowed[sitrep.TargetCountry])
	c.Code = CountryKey(c.Code)
	if c.Name == "" {
		c.Name = c.Code
	}
	return c, err == nil && c.Code != ""
}

func newTopic(value json.RawMessage) (sitrep.TopicScore, bool) {
	t, err := overlay(sitrep.TopicScore{Score: 1}, value, allowed[sitrep.TargetTopic])
	if t.Label == "" {
		t.Label = TopicLabel(t.Code)
	}
	return t, err == nil && t.Code != ""
}

func newEvent(value json.RawMessage) (sitrep.Event, bool) {
	e, err := overlay(sitrep.Event{}, value, allowed[sitrep.TargetEvent])
	return e, err == nil && e.Type != ""
}

// isMain reports whether a value asks for its finding to come first.
func isMain(value json.RawMessage) bool {
	var v struct {
		Main bool `json:"main"`
	}
	return json.Unmarshal(value, &v) == nil && v.Main
}

// overlay returns v with the fields of patch, a JSON object in v's JSON
// shape, written over its own; objects within (an event's place) are
// merged the same way, null clears. Only the fields in allow are read.
// Going through JSON makes the result share nothing with v.
func overlay[T any](v T, patch json.RawMessage, allow map[string]bool) (T, error) {
	var zero T
	base, err := json.Marshal(v)
	if err != nil {
		return zero, err
	}
	var p map[string]json.RawMessage
	if err := json.Unmarshal(patch, &p); err != nil {
		return zero, err
	}
	for k := range p {
		if !allow[k] {
			delete(p, k)
		}
	}
	merged, err := merge(base, p)
	if err != nil {
		return zero, err
	}
	var out T
	if err := json.Unmarshal(merged, &out); err != nil {
		return zero, err
	}
	return out, nil
}

func merge(base []byte, patch map[string]json.RawMessage) ([]byte, error) {
	var b map[string]json.RawMessage
	if err := json.Unmarshal(base, &b); err != nil || b == nil {
		b = map[string]json.RawMessage{}
	}
	for k, pv := range patch {
		if bv, ok := b[k]; ok && isObject(bv) && isObject(pv) {
			var inner map[string]json.RawMessage
			if err := json.Unmarshal(pv, &inner); err != nil {
				return nil, err
			}
			m, err := merge(bv, inner)
			if err != nil {
				return nil, err
			}
			b[k] = m
			continue
		}
		b[k] = pv
	}
	return json.Marshal(b)
}

func isObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// keysOf returns the keys of an uncorrected analysis's findings.
func keysOf(a *sitrep.Analysis) Keys {
	var k Keys
	for _, c := range a.Countries {
		k.Countries = append(k.Countries, CountryKey(c.Code))
	}
	for _, t := range a.Topics {
		k.Topics = append(k.Topics, TopicKey(t.Code))
	}
	for _, p := range a.Places {
		k.Places = append(k.Places, SpanKey(p.Span))
	}
	for _, m := range a.Actors {
		k.Actors = append(k.Actors, SpanKey(m.Span))
	}
	for _, e := range a.Events {
		k.Events = append(k.Events, EventKey(e))
	}
	return k
}
