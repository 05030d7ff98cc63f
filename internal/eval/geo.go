package eval

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// AccuracyKm is the distance within which a resolved toponym counts as
// right (100 miles, after Gritta et al. 2018).
const AccuracyKm = 161

// GeoSpan is one toponym, gold or predicted, with code-point offsets of the
// document text and its point.
type GeoSpan struct {
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Text      string  `json:"text,omitempty"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	GeonameID string  `json:"geonameid,omitempty"`
}

// GeoSpans converts extractor output to spans for scoring.
func GeoSpans(ms []sitrep.PlaceMention) []GeoSpan {
	out := make([]GeoSpan, len(ms))
	for i, m := range ms {
		out[i] = GeoSpan{Start: m.Start, End: m.End, Text: m.Text, Lat: m.Lat, Lon: m.Lon}
		if m.GeonameID > 0 {
			out[i].GeonameID = fmt.Sprint(m.GeonameID)
		}
	}
	return out
}

// GeoScore accumulates toponym recognition and resolution over documents.
// A predicted toponym is correct when it overlaps a gold one; a gold
// toponym is found when a prediction overlaps it. A found toponym's point
// is judged on the prediction that overlaps it most.
type GeoScore struct {
	Docs        int
	Gold        int     // gold toponyms
	Pred        int     // predicted toponyms
	PredMatched int     // predictions overlapping some gold toponym
	GoldMatched int     // gold toponyms overlapped by some prediction
	Within      int     // found toponyms resolved within AccuracyKm
	ErrorKm     float64 // summed error of the found toponyms
}

// Add scores one document.
func (s *GeoScore) Add(gold, pred []GeoSpan) {
	s.Docs++
	s.Gold += len(gold)
	s.Pred += len(pred)
	matched, bests := matchSpans(len(gold), len(pred),
		func(i int) (int, int) { return gold[i].Start, gold[i].End },
		func(j int) (int, int) { return pred[j].Start, pred[j].End })
	s.PredMatched += matched
	for i, g := range gold {
		best := bests[i]
		if best < 0 {
			continue
		}
		s.GoldMatched++
		km := HaversineKm(g.Lat, g.Lon, pred[best].Lat, pred[best].Lon)
		s.ErrorKm += km
		if km <= AccuracyKm {
			s.Within++
		}
	}
}

// HaversineKm is the great-circle distance between two points.
func HaversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// GeoResult is the summary of a GeoScore.
type GeoResult struct {
	Docs      int     `json:"docs"`
	Gold      int     `json:"gold"`
	Pred      int     `json:"pred"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Accuracy is the share of found toponyms resolved within AccuracyKm;
	// MeanErrorKm their mean distance from the gold point.
	Accuracy    float64 `json:"accuracy_161km"`
	MeanErrorKm float64 `json:"mean_error_km"`
}

// Result computes precision, recall, F1 and the resolution figures.
func (s *GeoScore) Result() GeoResult {
	r := GeoResult{Docs: s.Docs, Gold: s.Gold, Pred: s.Pred}
	r.Precision = geoRatio(float64(s.PredMatched), s.Pred)
	r.Recall = geoRatio(float64(s.GoldMatched), s.Gold)
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	r.Accuracy = geoRatio(float64(s.Within), s.GoldMatched)
	r.MeanErrorKm = geoRatio(s.ErrorKm, s.GoldMatched)
	return r
}

func geoRatio(a float64, b int) float64 {
	if b == 0 {
		return 0
	}
	return a / float64(b)
}

func (r GeoResult) String() string {
	return fmt.Sprintf("geo: %d docs, %d gold, %d predicted: toponyms P %.3f R %.3f F1 %.3f; resolved within %d km %.3f, mean error %.0f km",
		r.Docs, r.Gold, r.Pred, r.Precision, r.Recall, r.F1, AccuracyKm, r.Accuracy, r.MeanErrorKm)
}

// GeoGold is the gold annotation of a geo evaluation line.
type GeoGold struct {
	Toponyms []GeoSpan `json:"toponyms"`
}

// geoTask scores the geo lines of `sitrep eval`.
type geoTask struct{ s GeoScore }

func (t *geoTask) Add(l *Line, a *sitrep.Analysis) error {
	var gold GeoGold
	if err := json.Unmarshal(l.Gold, &gold); err != nil {
		return fmt.Errorf("geo gold: %w", err)
	}
	t.s.Add(gold.Toponyms, GeoSpans(a.Places))
	return nil
}

func (t *geoTask) Report() string { return t.s.Result().String() }

func init() { Tasks["geo"] = func() Scorer { return &geoTask{} } }
