package events

// SubEventType is one of ACLED's sub-event types with the event type it
// belongs to, exactly as ACLED writes them.
type SubEventType struct {
	Type    string `json:"type"`
	SubType string `json:"sub_type"`
}

// Taxonomy returns the sub-event types the coder assigns, grouped by event
// type. Editors correcting an event choose from it, so that a corrected
// event reads like a coded one.
func Taxonomy() []SubEventType {
	out := make([]SubEventType, len(subEvents))
	for i, s := range subEvents {
		out[i] = SubEventType{Type: s.typ, SubType: s.sub}
	}
	return out
}
