package eval

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// DocsGold is the part of a docs evaluation line's gold that DocsScore
// reads: the country and the place (a city or governorate) of the event the
// article reports.
type DocsGold struct {
	Country  string `json:"country"`
	Location string `json:"location"`
}

// DocsScore accumulates document-level place and country accuracy. The
// predicted place is that of the first event, else the first place
// mention; it is right when the gold name, normalised, equals its name or
// its first-level division's. The predicted country is the first of the
// ranked countries.
type DocsScore struct {
	Docs      int
	Places    int // documents with a gold place
	PlaceOK   int
	Countries int // documents with a gold country
	CountryOK int
}

// Add scores one document.
func (s *DocsScore) Add(gold DocsGold, a *sitrep.Analysis) {
	s.Docs++
	if gold.Location != "" {
		s.Places++
		if name, admin1, ok := DocPlace(a); ok && SamePlace(gold.Location, name, admin1) {
			s.PlaceOK++
		}
	}
	if gold.Country != "" {
		s.Countries++
		if len(a.Countries) > 0 && strings.EqualFold(a.Countries[0].Code, gold.Country) {
			s.CountryOK++
		}
	}
}

// DocPlace returns the name and first-level division of the place an
// analysis puts the article at: its first event's, else its first place
// mention's.
func DocPlace(a *sitrep.Analysis) (name, admin1 string, ok bool) {
	if len(a.Events) > 0 && a.Events[0].Place != nil {
		return a.Events[0].Place.Name, a.Events[0].Place.Admin1, true
	}
	if len(a.Places) > 0 {
		return a.Places[0].Name, a.Places[0].Admin1, true
	}
	return "", "", false
}

// SamePlace reports whether gold names the place name or its division
// admin1, once both are folded (text.Fold) and spaces are dropped, so that
// "Deir Ezzor" and "Deir ez-Zor" agree.
func SamePlace(gold, name, admin1 string) bool {
	g := placeKey(gold)
	if g == "" {
		return false
	}
	return g == placeKey(name) || g == placeKey(admin1)
}

func placeKey(s string) string {
	return strings.ReplaceAll(text.Fold(s), " ", "")
}

// DocsResult is the summary of a DocsScore.
type DocsResult struct {
	Docs            int     `json:"docs"`
	PlaceAccuracy   float64 `json:"place_accuracy"`
	CountryAccuracy float64 `json:"country_accuracy"`
}

// Result computes the accuracies.
func (s *DocsScore) Result() DocsResult {
	return DocsResult{
		Docs:            s.Docs,
		PlaceAccuracy:   geoRatio(float64(s.PlaceOK), s.Places),
		CountryAccuracy: geoRatio(float64(s.CountryOK), s.Countries),
	}
}

func (r DocsResult) String() string {
	return fmt.Sprintf("docs: %d docs: place accuracy %.3f, country accuracy %.3f", r.Docs, r.PlaceAccuracy, r.CountryAccuracy)
}

// docsTask scores the docs lines of `sitrep eval`.
type docsTask struct{ s DocsScore }

func (t *docsTask) Add(l *Line, a *sitrep.Analysis) error {
	var gold DocsGold
	if err := json.Unmarshal(l.Gold, &gold); err != nil {
		return fmt.Errorf("docs gold: %w", err)
	}
	t.s.Add(gold, a)
	return nil
}

func (t *docsTask) Report() string { return t.s.Result().String() }

func init() { Tasks["docs"] = func() Scorer { return &docsTask{} } }
