package sitrep

// Analysis is what the extractor finds in one article. Offsets (Start, End)
// are 0-based, end-exclusive and counted in Unicode code points of the text
// that was analysed (title excluded unless stated), never bytes.
type Analysis struct {
	Countries      []CountryScore  `json:"countries"`
	Topics         []TopicScore    `json:"topics"`
	Places         []PlaceMention  `json:"places"`
	Actors         []ActorMention  `json:"actors"`
	Dates          []DateMention   `json:"dates"`
	Quantities     []Quantity      `json:"quantities"`
	Events         []Event         `json:"events"`
	Claims         []Claim         `json:"claims"`
	Contradictions []Contradiction `json:"contradictions"`
}

// CountryScore is one country the article is about, most relevant first.
type CountryScore struct {
	Code  string  `json:"code"` // ISO 3166-1 alpha-2
	Name  string  `json:"name"`
	Score float64 `json:"score"`
	// Cues explains the score: the mentions that contributed.
	Cues []string `json:"cues,omitempty"`
	// Verified: an editor confirmed, edited or added it (see Correction).
	Verified bool `json:"verified,omitempty"`
}

// TopicScore is one IPTC Media Topic the article is about.
type TopicScore struct {
	Code  string   `json:"code"` // e.g. "medtop:20000053"
	Label string   `json:"label"`
	Score float64  `json:"score"`
	Cues  []string `json:"cues,omitempty"`
	// Verified: an editor confirmed, edited or added it.
	Verified bool `json:"verified,omitempty"`
}

// Span is a code-point range of the analysed text.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// PlaceMention is a toponym in the text resolved to a gazetteer entry.
type PlaceMention struct {
	Span
	Name       string  `json:"name"`
	Country    string  `json:"country,omitempty"` // alpha-2
	Admin1     string  `json:"admin1,omitempty"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	Feature    string  `json:"feature"` // country, admin1, admin2, city, region, ...
	GeonameID  int     `json:"geonameid,omitempty"`
	Population int64   `json:"population,omitempty"`
	// Verified: an editor confirmed or edited it.
	Verified bool `json:"verified,omitempty"`
}

// ActorMention is an actor named in the text.
type ActorMention struct {
	Span
	Name    string `json:"name"`
	Kind    string `json:"kind"` // state forces, rebel group, ..., person
	Country string `json:"country,omitempty"`
	// Verified: an editor confirmed or edited it.
	Verified bool `json:"verified,omitempty"`
}

// DateMention is a temporal expression with its TIMEX3 type and value,
// resolved against the published date when one is known.
type DateMention struct {
	Span
	Type     string `json:"type"`  // DATE, TIME, DURATION, SET
	Value    string `json:"value"` // TIMEX3 value, e.g. 2017-08-29, 2017-W35, P5Y
	Resolved bool   `json:"resolved"`
}

// Quantity is a counted thing: "17 buses", "about 300 fighters", "dozens".
type Quantity struct {
	Span
	Value       float64 `json:"value"`
	Approximate bool    `json:"approximate"`
	Noun        string  `json:"noun,omitempty"`
}

// EventPlace is where an event happened, with ACLED's geo precision
// (1 the place itself, 2 near it or a part of a region, 3 a larger region).
type EventPlace struct {
	Name         string  `json:"name"`
	Country      string  `json:"country,omitempty"`
	Admin1       string  `json:"admin1,omitempty"`
	Lat          float64 `json:"lat"`
	Lon          float64 `json:"lon"`
	GeoPrecision int     `json:"geo_precision"`
}

// Event is one ACLED-style event: who did what to whom, where, when, how many.
type Event struct {
	Type          string      `json:"type"`     // ACLED event_type
	SubType       string      `json:"sub_type"` // ACLED sub_event_type
	Actor1        string      `json:"actor1,omitempty"`
	Actor2        string      `json:"actor2,omitempty"`
	Assoc1        []string    `json:"assoc_actor1,omitempty"`
	Assoc2        []string    `json:"assoc_actor2,omitempty"`
	Place         *EventPlace `json:"place,omitempty"`
	Date          string      `json:"date,omitempty"` // YYYY-MM-DD
	TimePrecision int         `json:"time_precision,omitempty"`
	// Fatalities is nil when the text gives no figure, so unknown stays apart
	// from zero.
	Fatalities   *int           `json:"fatalities"`
	Counts       map[string]int `json:"counts,omitempty"` // injured, abducted, displaced, vehicles
	Negated      bool           `json:"negated"`
	Hypothetical bool           `json:"hypothetical"`
	Reported     bool           `json:"reported"`
	Trigger      string         `json:"trigger,omitempty"`
	Start        int            `json:"start"` // sentence span
	End          int            `json:"end"`
	// Verified: an editor confirmed, edited or added it.
	Verified bool `json:"verified,omitempty"`
}

// Claim is an attribution: who said (or denied) what.
type Claim struct {
	Source       string `json:"source"`
	SourceActor  string `json:"source_actor,omitempty"`
	SourceStart  int    `json:"source_start"`
	SourceEnd    int    `json:"source_end"`
	Cue          string `json:"cue"`
	CueStart     int    `json:"cue_start"`
	CueEnd       int    `json:"cue_end"`
	ContentStart int    `json:"content_start"`
	ContentEnd   int    `json:"content_end"`
	Stance       string `json:"stance"` // assert, deny, hedge
}

// Contradiction flags two claims (indexes into Claims) that disagree.
type Contradiction struct {
	A      int    `json:"a"`
	B      int    `json:"b"`
	Reason string `json:"reason"`
}
