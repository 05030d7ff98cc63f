package connect

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// digestVersion numbers the stored encoding of a digest; a link stored
// by a newer program is refused rather than misread.
const digestVersion = 1

// digest is what connecting needs of one article, small enough to keep for
// every article of the window and to store with its link. It is built once
// from the article and its analysis.
type digest struct {
	V         int        `json:"v"`
	ID        string     `json:"id"`
	Hash      string     `json:"hash"` // content hash: an unchanged re-ingest is no update
	Time      time.Time  `json:"time"` // published, else retrieved
	Published *time.Time `json:"published,omitempty"`
	// Precision is how much of Published is known: "day" for a page that
	// gives only a date, whose time then says nothing.
	Precision  sitrep.Precision `json:"precision,omitempty"`
	Outlet     string           `json:"outlet,omitempty"`
	Title      string           `json:"title"`
	Lead       string           `json:"lead,omitempty"`
	Words      int              `json:"words"`
	Sig        []byte           `json:"sig,omitempty"` // Signature.bytes; nil for a text too short
	Feats      []feat           `json:"feats"`
	Countries  []scored         `json:"countries,omitempty"`
	Topics     []scored         `json:"topics,omitempty"`
	Events     []eventRec       `json:"events,omitempty"`
	Claims     []claimRec       `json:"claims,omitempty"`
	Contradict [][2]int         `json:"contradict,omitempty"` // pairs of Claims indexes
}

// feat is one feature with its count in the article; weights come later,
// from the feature's rarity at the time of use.
type feat struct {
	Key string  `json:"k"`
	TF  float64 `json:"n"`
}

type scored struct {
	Code  string  `json:"c"`
	Label string  `json:"l,omitempty"`
	Score float64 `json:"s"`
}

// eventRec is an event of the article with whom the article credits for it.
type eventRec struct {
	sitrep.Event
	Index       int    `json:"index"` // in the article's Analysis.Events
	Attribution string `json:"attribution,omitempty"`
	Claims      []int  `json:"claim_refs,omitempty"` // indexes into digest.Claims
}

// claimRec is a claim with its text cut from the body.
type claimRec struct {
	Speaker string `json:"speaker"`
	Stance  string `json:"stance"`
	Cue     string `json:"cue,omitempty"`
	Text    string `json:"text"`
	Start   int    `json:"start"` // code points: cue and content together
	End     int    `json:"end"`
}

// Feature namespaces and their base weights. Places and actors say most
// about which situation an article follows; title and lead words and proper
// nouns catch names the gazetteer lacks; countries and topics mostly keep
// apart what shares a place but not a subject (an election in Tripoli, a
// cholera outbreak in Yemen).
const (
	nsPlace   = "p:"
	nsAdmin1  = "a:"
	nsActor   = "r:"
	nsTerm    = "t:"
	nsName    = "n:"
	nsCountry = "c:"
	nsTopic   = "o:"
	nsEvent   = "e:"
)

var baseWeight = map[string]float64{
	nsPlace:   1.0,
	nsAdmin1:  0.5,
	nsActor:   1.0,
	nsTerm:    0.7,
	nsName:    0.5,
	nsCountry: 0.6,
	nsTopic:   1.2,
	nsEvent:   1.0,
}

// blocking namespaces are those whose keys index stories for candidate
// search: specific enough that a posting list stays short.
func blocking(key string) bool {
	switch key[:2] {
	case nsPlace, nsActor, nsTerm, nsName, nsEvent:
		return true
	}
	return false
}

// genericActors are actor names that say nothing about which situation a
// report follows.
var genericActors = map[string]bool{
	"civilians": true, "military forces": true, "police forces": true,
	"unidentified armed group": true, "unidentified gang": true,
	"protesters": true, "rioters": true, "united nations": true,
}

// skipFeatures are place features too broad to be a story's place.
var skipFeatures = map[string]bool{"country": true, "continent": true, "ocean": true, "sea": true}

// newDigest reads what connecting needs from a stored article.
func newDigest(a *sitrep.Article) *digest {
	d := &digest{
		V:         digestVersion,
		ID:        a.ID,
		Hash:      a.ContentHash,
		Published: a.Published,
		Precision: a.PublishedPrecision,
		Outlet:    outletOf(a),
		Title:     strings.Join(strings.Fields(a.Title), " "),
		Words:     len(strings.Fields(a.Body)),
	}
	d.Time = a.Retrieved.UTC()
	if a.Published != nil {
		d.Time = a.Published.UTC()
	}
	if sig, ok := Sign(a.Body); ok {
		d.Sig = sig.bytes()
	}
	d.Lead = leadSentence(a.Body)
	tf := map[string]float64{}
	addTerms(tf, a.Title, d.Lead, a.Body)
	if an := a.Analysis; an != nil {
		addAnalysis(d, tf, an, a.Body)
	}
	for k, n := range tf {
		d.Feats = append(d.Feats, feat{Key: k, TF: 1 + math.Log(n)})
	}
	sortFeats(d.Feats)
	return d
}

// outletOf names the outlet: the site name, else the byline, which plain
// text articles fill from their "Written by" line.
func outletOf(a *sitrep.Article) string {
	if a.Source != "" {
		return a.Source
	}
	if b := strings.TrimSpace(a.Byline); b != "" && len(b) < 60 {
		return b
	}
	return ""
}

// maxLeadWords bounds the lead of a text whose sentences cannot be told
// apart.
const maxLeadWords = 60

// leadSentence returns the body's first sentence, trimmed.
func leadSentence(body string) string {
	for _, s := range text.Sentences(body) {
		words := strings.Fields(body[s.ByteStart:s.ByteEnd])
		if len(words) > maxLeadWords {
			words = words[:maxLeadWords]
		}
		if len(words) > 0 {
			return strings.Join(words, " ")
		}
	}
	return ""
}

// addTerms counts the content words of the title and lead, and the proper
// nouns of the body: capitalised words inside a sentence, where capitals
// mean a name rather than a sentence start.
func addTerms(tf map[string]float64, title, lead, body string) {
	for _, s := range []string{title, lead} {
		for _, t := range text.Tokens(s) {
			if contentWord(t) {
				tf[nsTerm+t.Key]++
			}
		}
	}
	toks := text.Tokens(body)
	sents := text.Sentences(body)
	si := 0
	for i, t := range toks {
		for si < len(sents) && sents[si].End <= t.Start {
			si++
		}
		first := si < len(sents) && sents[si].Start == t.Start
		if i == 0 || first || !t.Cap || !contentWord(t) {
			continue
		}
		tf[nsName+t.Key]++
	}
}

func contentWord(t text.Token) bool {
	return !t.Number && utf8.RuneCountInString(t.Key) >= 4 && !stopwords[t.Key]
}

// addAnalysis counts the places, actors, countries, topics and events of
// the analysis and keeps its events and claims.
func addAnalysis(d *digest, tf map[string]float64, an *sitrep.Analysis, body string) {
	for _, p := range an.Places {
		if skipFeatures[p.Feature] {
			continue
		}
		if p.Feature == "admin1" {
			tf[nsAdmin1+placeKey(p.Country, p.Name)]++
			continue
		}
		tf[nsPlace+placeID(p)]++
		if p.Admin1 != "" {
			tf[nsAdmin1+placeKey(p.Country, p.Admin1)] += 0.5
		}
	}
	for _, m := range an.Actors {
		if k := actorKey(m.Name); k != "" && !genericActors[k] {
			tf[nsActor+k]++
		}
	}
	for _, c := range an.Countries {
		if c.Score >= 0.3 {
			d.Countries = append(d.Countries, scored{Code: c.Code, Label: c.Name, Score: c.Score})
			tf[nsCountry+c.Code] += c.Score
		}
	}
	for _, t := range an.Topics {
		if t.Score >= 0.2 {
			d.Topics = append(d.Topics, scored{Code: t.Code, Label: t.Label, Score: t.Score})
			tf[nsTopic+t.Code] += t.Score
		}
	}
	runes := []rune(body)
	for _, c := range an.Claims {
		d.Claims = append(d.Claims, claimOf(c, runes))
	}
	for _, x := range an.Contradictions {
		if x.A >= 0 && x.B >= 0 && x.A < len(an.Claims) && x.B < len(an.Claims) {
			d.Contradict = append(d.Contradict, [2]int{x.A, x.B})
		}
	}
	for i, e := range an.Events {
		if e.Type == "" || e.Negated || e.Hypothetical {
			continue
		}
		r := eventRec{Event: e, Index: i}
		r.Trigger = ""
		r.Claims, r.Attribution = claimsOver(d.Claims, e.Start, e.End)
		d.Events = append(d.Events, r)
		country := ""
		if e.Place != nil {
			country = e.Place.Country
		}
		tf[nsEvent+e.SubType+"|"+country+"|"+e.Date]++
	}
}

// claimOf cuts a claim's text out of the body's code points.
func claimOf(c sitrep.Claim, runes []rune) claimRec {
	cut := func(i, j int) string {
		i, j = max(0, min(i, len(runes))), max(0, min(j, len(runes)))
		if i >= j {
			return ""
		}
		return strings.Join(strings.Fields(string(runes[i:j])), " ")
	}
	speaker := c.SourceActor
	if speaker == "" {
		speaker = strings.Join(strings.Fields(c.Source), " ")
	}
	start := min(c.CueStart, c.ContentStart, c.SourceStart)
	end := max(c.CueEnd, c.ContentEnd, c.SourceEnd)
	return claimRec{Speaker: speaker, Stance: c.Stance, Cue: c.Cue, Text: cut(c.ContentStart, c.ContentEnd), Start: start, End: end}
}

// claimsOver returns the claims overlapping an event's sentence span and
// whom the article credits for the event: the speaker of the first
// asserting claim among them.
func claimsOver(cs []claimRec, start, end int) ([]int, string) {
	var refs []int
	attribution := ""
	for i, c := range cs {
		if c.Start < end && c.End > start {
			refs = append(refs, i)
			if attribution == "" && c.Stance != "deny" && credible(c.Speaker) {
				attribution = c.Speaker
			}
		}
	}
	return refs, attribution
}

// credible reports whether a claim's speaker can stand as an event's
// source: a name or a short description, not a pronoun, a bare "the
// source" or a clause the claim finder took for a speaker.
func credible(speaker string) bool {
	words := strings.Fields(speaker)
	if len(words) == 0 || len(words) > 6 || strings.ContainsAny(speaker, "0123456789\"“”") {
		return false
	}
	return !vagueSpeakers[text.Fold(speaker)]
}

var vagueSpeakers = map[string]bool{
	"it": true, "he": true, "she": true, "they": true, "we": true, "i": true,
	"the source": true, "the sources": true, "a source": true, "sources": true,
	"the group": true, "the statement": true, "the official": true, "officials": true,
	"the officials": true, "an official": true, "civilians": true, "residents": true,
	"the ministry": true, "the spokesman": true, "the two": true,
}

// placeID keys a place by its gazetteer id, else by country and name.
func placeID(p sitrep.PlaceMention) string {
	if p.GeonameID != 0 {
		return "g" + strconv.Itoa(p.GeonameID)
	}
	return placeKey(p.Country, p.Name)
}

func placeKey(country, name string) string {
	return strings.ToLower(country) + "/" + text.Fold(name)
}

// actorKey folds an actor name and drops a trailing period qualifier,
// "Military Forces of Sudan (2019-)" becoming "military forces of sudan".
func actorKey(name string) string {
	if i := strings.IndexByte(name, '('); i > 0 {
		name = name[:i]
	}
	return text.Fold(name)
}

func (d *digest) signature() (Signature, bool) { return signatureOf(d.Sig) }

// encode serialises the digest for ArticleLink.State.
func (d *digest) encode() ([]byte, error) {
	return json.Marshal(d)
}

// decodeDigest reads what encode wrote.
func decodeDigest(b []byte) (*digest, error) {
	var d digest
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, fmt.Errorf("decode link state: %w", err)
	}
	if d.V > digestVersion {
		return nil, fmt.Errorf("decode link state of %s: version %d is newer than %d", d.ID, d.V, digestVersion)
	}
	if d.ID == "" {
		return nil, fmt.Errorf("decode link state: no article id")
	}
	return &d, nil
}
