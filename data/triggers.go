package data

import _ "embed" // for go:embed

// TriggersTSV is the event trigger lexicon: phrases that signal ACLED's
// sub-event types, the cue classes the coder's decision rules read
// (demonstration, intervention, crowd violence, fighting, killing), the
// participant nouns that tell attackers from targets, and the modality cues
// (negation, hypothesis, report). triggers.tsv opens with its format and
// cites the codebook definition behind each row.
//
//go:embed triggers.tsv
var TriggersTSV string
