package data

import _ "embed" // for go:embed

// TopicsTSV is the IPTC Media Topics lexicon: codes, labels, parents and cue
// phrases, curated by hand; topics.tsv opens with where its knowledge comes
// from and which gaps in the vocabulary it works around.
//
//go:embed topics.tsv
var TopicsTSV string
