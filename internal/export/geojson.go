package export

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/sitrep-project/sitrep/internal/index"
)

// GeoJSONWriter writes events as one GeoJSON FeatureCollection: a Point
// feature per event with its fields as properties; an event with no
// coordinates has a null geometry, as RFC 7946 allows.
type GeoJSONWriter struct {
	w     *bufio.Writer
	n     int
	begun bool
}

// NewGeoJSON returns a GeoJSON writer to w.
func NewGeoJSON(w io.Writer) *GeoJSONWriter { return &GeoJSONWriter{w: bufio.NewWriter(w)} }

type feature struct {
	Type       string       `json:"type"`
	ID         string       `json:"id"`
	Geometry   *point       `json:"geometry"`
	Properties *index.Event `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"` // lon, lat
}

func (g *GeoJSONWriter) begin() {
	if !g.begun {
		g.begun = true
		g.w.WriteString(`{"type":"FeatureCollection","features":[`)
	}
}

// Write writes one event as a feature.
func (g *GeoJSONWriter) Write(e *index.Event) error {
	g.begin()
	f := feature{Type: "Feature", ID: e.ID, Properties: e}
	if e.Lat != nil && e.Lon != nil {
		f.Geometry = &point{Type: "Point", Coordinates: [2]float64{*e.Lon, *e.Lat}}
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if g.n > 0 {
		g.w.WriteByte(',')
	}
	g.w.WriteByte('\n')
	g.n++
	_, err = g.w.Write(b)
	return err
}

// Close ends the collection.
func (g *GeoJSONWriter) Close() error {
	g.begin()
	g.w.WriteString("\n]}\n")
	return g.w.Flush()
}
