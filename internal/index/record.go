package index

import (
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// What an article is tagged with. The extractor scores every country and
// topic it finds a cue for; the weak ones are passing mentions ("talks in
// Jordan"), which would fill country pages with articles about elsewhere.
const (
	MinCountryScore = 0.25
	MaxCountries    = 4
	MinTopicScore   = 0.3
	MaxTopics       = 5
	// MaxEventsPerArticle bounds the events indexed for one article, since
	// an event's id is seq*1000 + its position.
	MaxEventsPerArticle = 1000
	summaryRunes        = 300
)

// ArticleCountries returns the countries an article is tagged with: the
// analysis's countries scoring at least MinCountryScore, at most
// MaxCountries, most relevant first. The top country always counts, and
// so does one an editor verified, whatever its score.
func ArticleCountries(a *sitrep.Analysis) []sitrep.CountryScore {
	if a == nil {
		return nil
	}
	var out []sitrep.CountryScore
	for i, c := range a.Countries {
		if len(out) == MaxCountries {
			break
		}
		if c.Code == "" || (i > 0 && c.Score < MinCountryScore && !c.Verified) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// ArticleTopics returns the topics an article is tagged with, as
// ArticleCountries does for countries.
func ArticleTopics(a *sitrep.Analysis) []sitrep.TopicScore {
	if a == nil {
		return nil
	}
	var out []sitrep.TopicScore
	for i, t := range a.Topics {
		if len(out) == MaxTopics {
			break
		}
		if t.Code == "" || (i > 0 && t.Score < MinTopicScore && !t.Verified) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// record is everything one article contributes to the index.
type record struct {
	seq       int64
	id        string
	updatedAt string
	seen      string // published, or "" when unknown
	retrieved string
	published *string
	source    string
	title     string
	byline    string
	url       string
	summary   string
	countries []sitrep.CountryScore
	topics    []sitrep.TopicScore
	actors    []actorRow
	places    []placeRow
	events    []eventRow
}

type actorRow struct {
	slug, name, kind, country string
	mentions                  int
}

type placeRow struct {
	key, name, country, admin1, feature string
	lat, lon                            float64
	mentions                            int
}

type eventRow struct {
	idx                                    int
	day                                    string
	ev                                     sitrep.Event
	actor1Kind, actor2Kind                 string
	place, placeKey, country, admin1       string
	lat, lon                               *float64
	geoPrecision                           int
	notes                                  string
	actor1Slug, actor2Slug, assoc1, assoc2 string
}

// newRecord derives the index rows of one article. It never fails: an
// analysis with offsets outside the text or empty names only loses the
// parts that cannot be used.
func newRecord(seq int64, updatedAt string, a *sitrep.Article) *record {
	r := &record{seq: seq, id: a.ID, updatedAt: updatedAt, source: a.Source, title: a.Title, byline: a.Byline,
		retrieved: formatTime(a.Retrieved)}
	// An event with no date of its own happened by the day its article
	// was published, else retrieved.
	day := r.retrieved[:10]
	if a.Published != nil {
		p := formatTime(*a.Published)
		r.published, r.seen, day = &p, p, p[:10]
	}
	r.url = a.CanonicalURL
	if r.url == "" {
		r.url = a.URL
	}
	r.summary = Summary(a.Body, summaryRunes)
	an := a.Analysis
	if an == nil {
		return r
	}
	r.countries = ArticleCountries(an)
	r.topics = ArticleTopics(an)
	r.actors = actorRows(an.Actors)
	r.places = placeRows(an.Places)

	kinds := map[string]string{}
	for _, m := range an.Actors {
		if m.Kind != "" {
			kinds[m.Name] = m.Kind
		}
	}
	body := newRunes(a.Body)
	for i, ev := range an.Events {
		if i == MaxEventsPerArticle {
			break
		}
		if ev.Type == "" {
			continue
		}
		e := eventRow{idx: i, ev: ev, day: day}
		if d, err := time.Parse(time.DateOnly, ev.Date); err == nil {
			e.day = d.Format(time.DateOnly)
		}
		e.actor1Kind = actorKind(ev.Actor1, kinds)
		e.actor2Kind = actorKind(ev.Actor2, kinds)
		e.actor1Slug = Slug(ev.Actor1)
		e.actor2Slug = Slug(ev.Actor2)
		e.assoc1 = strings.Join(ev.Assoc1, "; ")
		e.assoc2 = strings.Join(ev.Assoc2, "; ")
		if p := ev.Place; p != nil {
			e.place, e.country, e.admin1, e.geoPrecision = p.Name, strings.ToUpper(p.Country), p.Admin1, p.GeoPrecision
			if p.Name != "" {
				e.placeKey = PlaceKey(p.Country, p.Name)
			}
			if validLatLon(p.Lat, p.Lon) {
				lat, lon := p.Lat, p.Lon
				e.lat, e.lon = &lat, &lon
			}
		}
		e.notes = strings.Join(strings.Fields(body.slice(ev.Start, ev.End)), " ")
		r.events = append(r.events, e)
	}
	return r
}

func validLatLon(lat, lon float64) bool {
	return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && !(lat == 0 && lon == 0)
}

// eventTypes is the bit set of the types of r's asserted events: bit i
// for EventTypes[i].
func (r *record) eventTypes() int {
	bits := 0
	for _, e := range r.events {
		if e.ev.Negated || e.ev.Hypothetical {
			continue
		}
		for i, t := range EventTypes {
			if e.ev.Type == t {
				bits |= 1 << i
			}
		}
	}
	return bits
}

// actorRows counts the mentions of each actor, most mentioned first.
func actorRows(ms []sitrep.ActorMention) []actorRow {
	byKey := map[string]*actorRow{}
	var order []*actorRow
	for _, m := range ms {
		slug := Slug(m.Name)
		if slug == "" {
			continue
		}
		if r, ok := byKey[slug]; ok {
			r.mentions++
			continue
		}
		r := &actorRow{slug: slug, name: m.Name, kind: m.Kind, country: strings.ToUpper(m.Country), mentions: 1}
		byKey[slug] = r
		order = append(order, r)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].mentions > order[j].mentions })
	out := make([]actorRow, len(order))
	for i, r := range order {
		out[i] = *r
	}
	return out
}

// placeRows counts the mentions of each place below country level, most
// mentioned first; countries have pages of their own.
func placeRows(ms []sitrep.PlaceMention) []placeRow {
	byKey := map[string]*placeRow{}
	var order []*placeRow
	for _, m := range ms {
		if m.Feature == "country" || m.Name == "" || !validLatLon(m.Lat, m.Lon) {
			continue
		}
		key := PlaceKey(m.Country, m.Name)
		if r, ok := byKey[key]; ok {
			r.mentions++
			continue
		}
		r := &placeRow{key: key, name: m.Name, country: strings.ToUpper(m.Country), admin1: m.Admin1,
			feature: m.Feature, lat: m.Lat, lon: m.Lon, mentions: 1}
		byKey[key] = r
		order = append(order, r)
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].mentions > order[j].mentions })
	out := make([]placeRow, len(order))
	for i, r := range order {
		out[i] = *r
	}
	return out
}

// actorKind is the kind of an event's actor: the kind of the mention of
// that name, else the kind ACLED's generic names imply.
func actorKind(name string, kinds map[string]string) string {
	if name == "" {
		return ""
	}
	if k, ok := kinds[name]; ok {
		return k
	}
	// ACLED names a group active in several countries with the country
	// in brackets: "Islamic State (Syria)" is the mention "Islamic State".
	if base, _, ok := strings.Cut(name, " ("); ok {
		if k, ok := kinds[base]; ok {
			return k
		}
	}
	switch {
	case strings.HasPrefix(name, "Civilians"):
		return "civilians"
	case strings.HasPrefix(name, "Protesters"):
		return "protesters"
	case strings.HasPrefix(name, "Rioters"):
		return "rioters"
	case strings.HasPrefix(name, "Military Forces of"), strings.HasPrefix(name, "Police Forces of"):
		return "state forces"
	case strings.HasPrefix(name, "Unidentified Armed Group"):
		return "political militia"
	case strings.HasPrefix(name, "Government of"):
		return "government"
	}
	return ""
}

// Summary returns the first paragraph of body, whitespace collapsed and
// clipped to about n code points at a word boundary.
func Summary(body string, n int) string {
	para := strings.TrimSpace(body)
	if i := strings.Index(para, "\n\n"); i >= 0 {
		para = para[:i]
	}
	para = strings.Join(strings.Fields(para), " ")
	if utf8.RuneCountInString(para) <= n {
		return para
	}
	cut := 0
	for i := range para {
		if cut >= n {
			para = para[:i]
			break
		}
		cut++
	}
	if sp := strings.LastIndexByte(para, ' '); sp > len(para)/2 {
		para = para[:sp]
	}
	return strings.TrimRight(para, " ,;:—-") + "…"
}

// runes maps code-point offsets, in which the analysis counts, to the
// byte offsets of the text.
type runes struct {
	s     string
	bytes []int // bytes[i] is the byte offset of code point i; one more at the end
}

func newRunes(s string) runes {
	b := make([]int, 0, len(s)+1)
	for i := range s {
		b = append(b, i)
	}
	return runes{s: s, bytes: append(b, len(s))}
}

// slice returns code points [start, end), or "" when the range is not
// within the text.
func (r runes) slice(start, end int) string {
	if start < 0 || end > len(r.bytes)-1 || start >= end {
		return ""
	}
	return r.s[r.bytes[start]:r.bytes[end]]
}

// timeLayout is the articles table's: RFC 3339 in UTC with a fixed
// nine-digit fraction, so that text order is time order.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) { return time.Parse(time.RFC3339Nano, s) }
