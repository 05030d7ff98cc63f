package alerts

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// EventKey is the stable identity of an indexed event: its article, its
// type, the sentence that reports it and which of the article's events of
// that type in that sentence it is. The index's own event ids count
// positions in the analysis, which shift when an updated article gains or
// loses an event before this one; the sentence does not, so a re-indexed
// article fires no alert again. ordinal is 1 for the first such event.
func EventKey(e *index.Event, ordinal int) string {
	h := sha256.New()
	h.Write([]byte(e.Type))
	h.Write([]byte{0})
	if notes := strings.Join(strings.Fields(e.Notes), " "); notes != "" {
		h.Write([]byte(notes))
	} else {
		// No sentence (offsets outside the text): what else says which
		// event it is.
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s", e.Trigger, e.SubType, e.Day, e.Place)
	}
	return e.ArticleID + ":" + hex.EncodeToString(h.Sum(nil)[:8]) + ":" + strconv.Itoa(ordinal)
}

// eventKeys returns the keys of an article's events, in order.
func eventKeys(events []index.Event) []string {
	seen := map[string]int{}
	out := make([]string, len(events))
	for i := range events {
		base := EventKey(&events[i], 0)
		seen[base]++
		out[i] = EventKey(&events[i], seen[base])
	}
	return out
}

// Payload is the JSON body of a webhook POST, and what an alert's feed
// lists.
type Payload struct {
	DeliveryID string       `json:"delivery_id"`
	Alert      PayloadAlert `json:"alert"`
	EventKey   string       `json:"event_key"`
	Matched    time.Time    `json:"matched"`
	Event      index.Event  `json:"event"`
	// DistanceKm is the event's distance from the alert's place, for
	// alerts with one.
	DistanceKm *float64 `json:"distance_km,omitempty"`
	// Link is the article's page on this site, when its address is
	// configured.
	Link string `json:"link,omitempty"`
}

// PayloadAlert names the alert that matched.
type PayloadAlert struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// DecodePayload reads a stored delivery's payload.
func DecodePayload(d *sitrep.Delivery) (*Payload, error) {
	var p Payload
	if err := json.Unmarshal(d.Payload, &p); err != nil {
		return nil, fmt.Errorf("alerts: delivery %s: payload: %w", d.ID, err)
	}
	return &p, nil
}

// Title is a one-line description of the event: "Armed clash in Thiban,
// Syria: Islamic State vs SDF".
func (p *Payload) Title() string {
	e := &p.Event
	what := e.SubType
	if what == "" {
		what = e.Type
	}
	if where := placeName(e); where != "" {
		what += " in " + where
	}
	switch {
	case e.Actor1 != "" && e.Actor2 != "":
		what += ": " + e.Actor1 + " vs " + e.Actor2
	case e.Actor1 != "":
		what += ": " + e.Actor1
	}
	if e.Day != "" {
		what += " (" + e.Day + ")"
	}
	return what
}

// Summary is the sentence that reports the event and where it was read.
func (p *Payload) Summary() string {
	e := &p.Event
	s := e.Notes
	if e.Fatalities != nil {
		s += " Fatalities: " + strconv.Itoa(*e.Fatalities) + "."
	}
	if p.DistanceKm != nil {
		s += fmt.Sprintf(" %.0f km from the alert's place.", *p.DistanceKm)
	}
	src := e.ArticleTitle
	if e.Source != "" {
		src += " (" + e.Source + ")"
	}
	return strings.TrimSpace(s + " Reported in: " + src)
}

func placeName(e *index.Event) string {
	country := ""
	if e.Country != "" {
		country = index.CountryName(e.Country)
	}
	switch {
	case e.Place != "" && country != "" && !strings.EqualFold(e.Place, country):
		return e.Place + ", " + country
	case e.Place != "":
		return e.Place
	}
	return country
}

// ParseNear reads "lat,lon" in degrees.
func ParseNear(s string) (lat, lon float64, err error) {
	bad := sitrep.Errorf(sitrep.EINVALID, "place %q is not latitude,longitude in degrees (35.01,40.56)", s)
	a, b, ok := strings.Cut(s, ",")
	if !ok {
		return 0, 0, bad
	}
	if lat, err = strconv.ParseFloat(strings.TrimSpace(a), 64); err != nil {
		return 0, 0, bad
	}
	if lon, err = strconv.ParseFloat(strings.TrimSpace(b), 64); err != nil {
		return 0, 0, bad
	}
	if lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, bad
	}
	return lat, lon, nil
}

// newDeliveryID returns a random id: 100 bits, unguessable and unique.
func newDeliveryID() string {
	var b [15]byte
	rand.Read(b[:])
	return "dl_" + strings.ToLower(base32.StdEncoding.EncodeToString(b[:]))
}

// NewToken returns a random URL-safe token of 256 bits, for feed tokens
// and generated webhook secrets.
func NewToken() string {
	var b [32]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
