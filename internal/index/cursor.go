package index

import (
	"encoding/base64"
	"encoding/json"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Cursor is where a page of a listing ends. Keyset listings (events,
// articles) resume after a key, ranked ones (search, places, actors) at an
// offset. Clients see it only encoded, as an opaque string.
type Cursor struct {
	Day    string `json:"d,omitempty"` // events: day and id of the last one
	ID     int64  `json:"i,omitempty"`
	Seen   string `json:"s,omitempty"` // articles: seen and seq of the last one
	Seq    int64  `json:"q,omitempty"`
	Offset int    `json:"o,omitempty"`
}

// Encode returns the cursor as an opaque URL-safe string.
func (c Cursor) Encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor reads a cursor written by Encode; "" is the first page.
func DecodeCursor(s string) (Cursor, error) {
	var c Cursor
	if s == "" {
		return c, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &c) != nil || c.Offset < 0 {
		return Cursor{}, sitrep.Errorf(sitrep.EINVALID, "cursor %q is not one this server gave out", s)
	}
	return c, nil
}
