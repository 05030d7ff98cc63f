package index

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// EventTypes are ACLED's six event types, in its codebook's order.
var EventTypes = []string{
	"Battles",
	"Violence against civilians",
	"Explosions/Remote violence",
	"Riots",
	"Protests",
	"Strategic developments",
}

// BBox is a longitude/latitude box, in GeoJSON's order.
type BBox struct {
	MinLon, MinLat, MaxLon, MaxLat float64
}

// String is the box as the bbox parameter writes it.
func (b BBox) String() string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	return f(b.MinLon) + "," + f(b.MinLat) + "," + f(b.MaxLon) + "," + f(b.MaxLat)
}

// Filter selects events, or the articles that report them. The zero value
// selects everything asserted. Its fields are the query parameters of the
// map, the API and the exports (see ParseFilter).
type Filter struct {
	Country string // alpha-2, upper case
	Type    string // ACLED event_type
	SubType string
	Actor   string // actor slug: either side of an event
	Place   string // place key
	Topic   string // topic code (articles only)
	Source  string // outlet slug
	Since   string // YYYY-MM-DD, inclusive
	Until   string // YYYY-MM-DD, inclusive
	BBox    *BBox
	// All includes negated and hypothetical events.
	All bool
	// Recent, when positive, narrows the topic and source filters of
	// events to the Recent newest articles with that topic or source. A
	// broad topic covers most of the corpus, and a page about it shows
	// the events of its latest reports; this is not a query parameter.
	Recent int
}

// Empty reports whether f selects everything.
func (f Filter) Empty() bool { return f == Filter{} }

// key identifies f in caches.
func (f Filter) key() string { return f.Values().Encode() + "|" + strconv.Itoa(f.Recent) }

// Values renders f as query parameters, the inverse of ParseFilter.
func (f Filter) Values() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("country", f.Country)
	set("type", f.Type)
	set("sub_type", f.SubType)
	set("actor", f.Actor)
	set("place", f.Place)
	set("topic", f.Topic)
	set("source", f.Source)
	set("since", f.Since)
	set("until", f.Until)
	if f.BBox != nil {
		v.Set("bbox", f.BBox.String())
	}
	if f.All {
		v.Set("all", "1")
	}
	return v
}

const maxParamBytes = 200

// ParseFilter reads a Filter from query parameters: country (alpha-2),
// type, sub_type, actor (name or slug), place (key), topic, source (name or
// slug), since and until (YYYY-MM-DD), bbox (minLon,minLat,maxLon,maxLat)
// and all=1. Empty parameters are ignored; a malformed one is an EINVALID
// error naming it.
func ParseFilter(q url.Values) (Filter, error) {
	var f Filter
	get := func(k string) (string, error) {
		s := strings.TrimSpace(q.Get(k))
		if len(s) > maxParamBytes {
			return "", sitrep.Errorf(sitrep.EINVALID, "parameter %s is longer than %d bytes", k, maxParamBytes)
		}
		return s, nil
	}
	var err error
	for _, p := range []struct {
		key string
		dst *string
	}{{"country", &f.Country}, {"type", &f.Type}, {"sub_type", &f.SubType}, {"actor", &f.Actor}, {"place", &f.Place},
		{"topic", &f.Topic}, {"source", &f.Source}, {"since", &f.Since}, {"until", &f.Until}} {
		if *p.dst, err = get(p.key); err != nil {
			return Filter{}, err
		}
	}
	if f.Country != "" {
		f.Country = strings.ToUpper(f.Country)
		if _, ok := LookupCountry(f.Country); !ok {
			return Filter{}, sitrep.Errorf(sitrep.EINVALID, "country %q is not an ISO 3166-1 alpha-2 code", f.Country)
		}
	}
	if f.Actor != "" {
		f.Actor = Slug(f.Actor)
	}
	if f.Source != "" {
		f.Source = Slug(f.Source)
	}
	if f.Topic != "" && !strings.Contains(f.Topic, ":") {
		f.Topic = "medtop:" + f.Topic
	}
	for _, d := range []struct {
		key string
		val string
	}{{"since", f.Since}, {"until", f.Until}} {
		if d.val == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.val); err != nil {
			return Filter{}, sitrep.Errorf(sitrep.EINVALID, "%s %q is not a date (YYYY-MM-DD)", d.key, d.val)
		}
	}
	if f.Since != "" && f.Until != "" && f.Since > f.Until {
		return Filter{}, sitrep.Errorf(sitrep.EINVALID, "since %s is after until %s", f.Since, f.Until)
	}
	bbox, err := get("bbox")
	if err != nil {
		return Filter{}, err
	}
	if bbox != "" {
		b, err := parseBBox(bbox)
		if err != nil {
			return Filter{}, err
		}
		f.BBox = &b
	}
	switch q.Get("all") {
	case "", "0", "false":
	case "1", "true":
		f.All = true
	default:
		return Filter{}, sitrep.Errorf(sitrep.EINVALID, "all %q is not 1 or 0", q.Get("all"))
	}
	return f, nil
}

func parseBBox(s string) (BBox, error) {
	bad := sitrep.Errorf(sitrep.EINVALID, "bbox %q is not minLon,minLat,maxLon,maxLat in degrees", s)
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return BBox{}, bad
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return BBox{}, bad
		}
		v[i] = f
	}
	b := BBox{v[0], v[1], v[2], v[3]}
	if b.MinLon < -180 || b.MaxLon > 180 || b.MinLat < -90 || b.MaxLat > 90 || b.MinLon > b.MaxLon || b.MinLat > b.MaxLat {
		return BBox{}, bad
	}
	return b, nil
}

// eventWhere builds the SQL conditions of f on index_events aliased e,
// with their arguments, for listings. The asserted flag is written +e.asserted
// so that SQLite never picks the counting index (asserted, country, type)
// for a listing, which it would then sort whole.
func (f Filter) eventWhere() (string, []any) { return f.eventConds("+e.asserted = 1") }

// countWhere is eventWhere for counting, which that index serves alone.
func (f Filter) countWhere() (string, []any) { return f.eventConds("e.asserted = 1") }

func (f Filter) eventConds(asserted string) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if !f.All {
		add(asserted)
	}
	if f.Country != "" {
		add("e.country = ?", f.Country)
	}
	if f.Type != "" {
		add("e.type = ?", f.Type)
	}
	if f.SubType != "" {
		add("e.sub_type = ?", f.SubType)
	}
	if f.Actor != "" {
		add("(e.actor1_slug = ? OR e.actor2_slug = ?)", f.Actor, f.Actor)
	}
	if f.Place != "" {
		add("e.place_key = ?", f.Place)
	}
	if f.Since != "" {
		add("e.day >= ?", f.Since)
	}
	if f.Until != "" {
		add("e.day <= ?", f.Until)
	}
	if f.BBox != nil {
		add("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?", f.BBox.MinLat, f.BBox.MaxLat, f.BBox.MinLon, f.BBox.MaxLon)
	}
	limit := ""
	if f.Recent > 0 {
		limit = " ORDER BY seen DESC LIMIT " + strconv.Itoa(f.Recent)
	}
	if f.Topic != "" {
		add("e.seq IN (SELECT seq FROM index_article_topics WHERE code = ?"+limit+")", f.Topic)
	}
	if f.Source != "" {
		add("e.seq IN (SELECT seq FROM index_articles WHERE source_slug = ?"+limit+")", f.Source)
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), args
}
