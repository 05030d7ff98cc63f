package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/sitrep-project/sitrep/internal/index"
)

// ACLEDColumns are the columns of ACLED's event exports, in its order,
// then three of sitrep's own that say where each event was read and
// whether the newsroom verified it.
//
// What sitrep fills:
//
//	event_id_cnty     ISO alpha-3 of the country and the event's number here ("SYR30004")
//	event_date, year  the event's date, else the day its article was published
//	time_precision    1 day, 2 week, 3 month or estimated from the article's date
//	disorder_type     from event_type, as ACLED's codebook assigns them
//	event_type, sub_event_type, actor1, assoc_actor_1, actor2, assoc_actor_2
//	inter1, inter2    ACLED's actor categories, from the actor's kind
//	interaction       "inter1-inter2"
//	civilian_targeting "Civilian targeting" when actor2 is civilians
//	iso, country      ISO 3166-1 numeric code and name
//	admin1, location, latitude, longitude, geo_precision
//	source            the outlet that reported it
//	notes             the sentence that reports it
//	fatalities        the reported figure; 0 when none was given, as ACLED
//	                  codes it, with the tag "fatalities: no report"
//	tags              also "negated" or "hypothetical" for such events
//	                  (exported only with all=1)
//	timestamp         when the article was published (Unix seconds)
//	article_id, article_url  sitrep's: the article and its original URL
//	verified          sitrep's: "true" when an editor confirmed, edited or
//	                  added the event (see package correct), else "false"
//
// Left empty: region, admin2, admin3, source_scale, which sitrep does not
// know.
var ACLEDColumns = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
	"source", "source_scale", "notes", "fatalities", "tags", "timestamp",
	"article_id", "article_url", "verified",
}

// ACLEDWriter writes events as ACLED-style CSV.
type ACLEDWriter struct {
	w      *csv.Writer
	header bool
	row    []string
}

// NewACLED returns a writer of ACLED-style CSV to w.
func NewACLED(w io.Writer) *ACLEDWriter {
	return &ACLEDWriter{w: csv.NewWriter(w), row: make([]string, len(ACLEDColumns))}
}

// Write writes one event, after the header line on the first call.
func (a *ACLEDWriter) Write(e *index.Event) error {
	if err := a.writeHeader(); err != nil {
		return err
	}
	r := a.row
	country, _ := index.LookupCountry(e.Country)
	alpha3 := country.Alpha3
	if alpha3 == "" {
		alpha3 = "XXX"
	}
	r[0] = alpha3 + strconv.FormatInt(e.Number(), 10)
	r[1] = e.Day
	r[2] = ""
	if len(e.Day) >= 4 {
		r[2] = e.Day[:4]
	}
	switch {
	case e.Date == "":
		r[3] = "3"
	case e.TimePrecision > 0:
		r[3] = strconv.Itoa(e.TimePrecision)
	default:
		r[3] = "1"
	}
	r[4] = DisorderType(e.Type)
	r[5], r[6] = e.Type, e.SubType
	r[7], r[8] = e.Actor1, strings.Join(e.Assoc1, "; ")
	inter1, inter2 := Inter(e.Actor1Kind), Inter(e.Actor2Kind)
	r[9] = inter1
	r[10], r[11] = e.Actor2, strings.Join(e.Assoc2, "; ")
	r[12] = inter2
	r[13] = ""
	switch {
	case inter1 != "" && inter2 != "":
		r[13] = inter1 + "-" + inter2
	case inter1 != "" && e.Actor2 == "":
		r[13] = inter1 + " only"
	}
	r[14] = ""
	if e.Actor2Kind == "civilians" {
		r[14] = "Civilian targeting"
	}
	r[15] = ""
	if country.Numeric != 0 {
		r[15] = strconv.Itoa(country.Numeric)
	}
	r[16] = ""
	r[17] = country.Name
	r[18], r[19], r[20] = e.Admin1, "", ""
	r[21] = e.Place
	r[22], r[23] = "", ""
	if e.Lat != nil && e.Lon != nil {
		r[22] = strconv.FormatFloat(*e.Lat, 'f', 4, 64)
		r[23] = strconv.FormatFloat(*e.Lon, 'f', 4, 64)
	}
	r[24] = ""
	if e.GeoPrecision > 0 {
		r[24] = strconv.Itoa(e.GeoPrecision)
	}
	r[25], r[26] = e.Source, ""
	r[27] = e.Notes
	var tags []string
	if e.Fatalities != nil {
		r[28] = strconv.Itoa(*e.Fatalities)
	} else {
		r[28] = "0"
		tags = append(tags, "fatalities: no report")
	}
	if e.Negated {
		tags = append(tags, "negated")
	}
	if e.Hypothetical {
		tags = append(tags, "hypothetical")
	}
	r[29] = strings.Join(tags, "; ")
	r[30] = strconv.FormatInt(e.Seen.Unix(), 10)
	r[31], r[32] = e.ArticleID, e.URL
	r[33] = strconv.FormatBool(e.Verified)
	return a.w.Write(r)
}

func (a *ACLEDWriter) writeHeader() error {
	if a.header {
		return nil
	}
	a.header = true
	return a.w.Write(ACLEDColumns)
}

// Close writes the header if no event was written and flushes.
func (a *ACLEDWriter) Close() error {
	if err := a.writeHeader(); err != nil {
		return err
	}
	a.w.Flush()
	return a.w.Error()
}

// DisorderType is ACLED's disorder type of an event type: political
// violence, demonstrations or strategic developments. ACLED codes some
// riots (mob violence) as both; without that distinction a riot counts as
// a demonstration.
func DisorderType(eventType string) string {
	switch eventType {
	case "Battles", "Violence against civilians", "Explosions/Remote violence":
		return "Political violence"
	case "Protests", "Riots":
		return "Demonstrations"
	case "Strategic developments":
		return "Strategic developments"
	}
	return ""
}

// Inter is ACLED's actor category for an actor kind of sitrep's actor
// lexicon; "" for kinds ACLED has no category for (persons, media).
func Inter(kind string) string {
	switch kind {
	case "state forces", "government":
		return "State forces"
	case "rebel group":
		return "Rebel group"
	case "political militia":
		return "Political militia"
	case "identity militia":
		return "Identity militia"
	case "rioters":
		return "Rioters"
	case "protesters":
		return "Protesters"
	case "civilians":
		return "Civilians"
	case "external force", "intergovernmental":
		return "External/Other forces"
	}
	return ""
}
