package correct

import (
	"strings"
	"sync"

	"github.com/sitrep-project/sitrep/data"
	"github.com/sitrep-project/sitrep/internal/extract/events"
)

// Topic is an IPTC Media Topic of the extractor's lexicon.
type Topic struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// Topics returns the topics of the extractor's lexicon (data/topics.tsv),
// in its order: the topics an editor may add to an article.
func Topics() []Topic {
	v := loadVocab()
	return append([]Topic(nil), v.topics...)
}

// TopicLabel returns the label of a topic code, "" for a code the lexicon
// does not have.
func TopicLabel(code string) string { return loadVocab().topicLabels[code] }

// SubEventTypes returns ACLED's sub-event types as the extractor codes
// them, grouped by event type.
func SubEventTypes() []events.SubEventType {
	return append([]events.SubEventType(nil), loadVocab().subTypes...)
}

// EventTypeOf returns the event type a sub-event type belongs to, or ""
// when the extractor does not know it.
func EventTypeOf(subType string) string { return loadVocab().typeOf[subType] }

type vocab struct {
	topics      []Topic
	topicLabels map[string]string
	subTypes    []events.SubEventType
	typeOf      map[string]string
}

var loadVocab = sync.OnceValue(func() *vocab {
	v := &vocab{topicLabels: map[string]string{}, typeOf: map[string]string{}}
	// topics.tsv: code, label, parent, cues; # comments.
	for line := range strings.SplitSeq(data.TopicsTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || !strings.HasPrefix(f[0], "medtop:") {
			continue
		}
		t := Topic{Code: f[0], Label: f[1]}
		v.topics = append(v.topics, t)
		v.topicLabels[t.Code] = t.Label
	}
	v.subTypes = events.Taxonomy()
	for _, s := range v.subTypes {
		v.typeOf[s.SubType] = s.Type
	}
	return v
})
