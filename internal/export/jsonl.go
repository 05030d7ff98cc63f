package export

import (
	"encoding/json"
	"io"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// JSONLWriter writes articles as JSON Lines: each article whole, with its
// analysis, on one line, in the shape `sitrep show --json` prints.
type JSONLWriter struct {
	enc *json.Encoder
}

// NewJSONL returns a JSON Lines writer to w.
func NewJSONL(w io.Writer) *JSONLWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &JSONLWriter{enc: enc}
}

// Write writes one article and its newline.
func (j *JSONLWriter) Write(a *sitrep.Article) error { return j.enc.Encode(a) }
