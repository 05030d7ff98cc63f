package topics

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Scoring constants. A topic's weight is the sum of its cue weights (title
// cues count titleWeight times) plus childShare of each child's weight. Its
// score is density/(density+halfDensity), where density is weight per
// hundred words of at least minWords: 0.5 at two weight units per hundred
// words, approaching 1 for a text saturated with the topic, and never
// inflated by a very short text. A topic is reported when it has at least
// minWeight (one strong cue, or several weak ones) and a score of at least
// minScore, which a long article clears only when it returns to the topic.
const (
	titleWeight = 2.0
	childShare  = 0.5
	minWords    = 100
	halfDensity = 2.0
	minWeight   = 2.0
	minScore    = 0.2
	maxCues     = 8
)

// Score returns the topics of a text whose body and title tokens are given,
// highest score first. Each topic lists the cues that fired within it and
// its subtopics, with their counts.
func (l *Lexicon) Score(toks []text.Token, title []text.Token) []sitrep.TopicScore {
	s := newScorer(l)
	defer s.release()
	words := appendWords(s.words[:0], toks)
	n := len(words)
	s.match(words, 1)
	if len(title) > 0 {
		words = appendWords(words[:0], title)
		n += len(words)
		s.match(words, titleWeight)
	}
	s.words = words
	if len(s.hits) == 0 {
		return nil
	}

	s.weight = resize(s.weight, len(l.topics))
	weight := s.weight
	clear(weight)
	for _, c := range s.hits {
		for _, t := range l.cues[c].targets {
			weight[t.topic] += t.weight * s.units[c]
		}
	}
	for _, t := range l.bottomUp {
		if p := l.topics[t].parent; p >= 0 {
			weight[p] += childShare * weight[t]
		}
	}

	length := float64(max(n, minWords))
	var out []sitrep.TopicScore
	for t, w := range weight {
		if w < minWeight {
			continue
		}
		density := w * 100 / length
		score := density / (density + halfDensity)
		if score < minScore {
			continue
		}
		out = append(out, sitrep.TopicScore{
			Code:  l.topics[t].code,
			Label: l.topics[t].label,
			Score: math.Round(score*1000) / 1000,
			Cues:  s.cuesUnder(t),
		})
	}
	slices.SortFunc(out, func(a, b sitrep.TopicScore) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out
}

type scorer struct {
	l      *Lexicon
	units  []float64 // weighted count of each cue
	counts []int     // plain count of each cue, for explanations
	hits   []int     // cues with a count, in order of first hit
	// Scratch space, kept with the scorer between texts.
	words  []string
	weight []float64
}

// scorers keeps finished scorers, their counts cleared, for the next text.
var scorers = sync.Pool{New: func() any { return new(scorer) }}

func newScorer(l *Lexicon) *scorer {
	s := scorers.Get().(*scorer)
	s.l = l
	if len(s.units) != len(l.cues) {
		s.units, s.counts = make([]float64, len(l.cues)), make([]int, len(l.cues))
	}
	return s
}

// release clears the counts of the cues that fired, the only ones set, and
// returns s to the pool.
func (s *scorer) release() {
	for _, c := range s.hits {
		s.units[c], s.counts[c] = 0, 0
	}
	clear(s.words)
	s.l, s.hits, s.words = nil, s.hits[:0], s.words[:0]
	scorers.Put(s)
}

// resize returns s with length n, reusing its array when it is long
// enough; the contents are not cleared.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// match counts the cues in words, taking the longest cue at each position
// and resuming after it, so the words of one cue never count twice.
func (s *scorer) match(words []string, unit float64) {
	for i := 0; i < len(words); {
		next := i + 1
		if !s.l.first.May(words[i]) {
			i = next // no cue starts with the word
			continue
		}
		for _, p := range s.l.index[words[i]] {
			end := next + len(p.rest)
			if end > len(words) || !slices.Equal(p.rest, words[next:end]) {
				continue
			}
			if s.counts[p.cue] == 0 {
				s.hits = append(s.hits, p.cue)
			}
			s.counts[p.cue]++
			s.units[p.cue] += unit
			next = end
			break
		}
		i = next
	}
}

// cuesUnder explains topic t: the cues that fired for it or for any topic
// below it, most frequent first.
func (s *scorer) cuesUnder(t int) []string {
	type fired struct {
		phrase string
		count  int
	}
	var fs []fired
	for _, c := range s.hits {
		for _, tg := range s.l.cues[c].targets {
			if s.l.within(tg.topic, t) {
				fs = append(fs, fired{s.l.cues[c].phrase, s.counts[c]})
				break
			}
		}
	}
	slices.SortStableFunc(fs, func(a, b fired) int { return b.count - a.count })
	out := make([]string, 0, min(len(fs), maxCues))
	for _, f := range fs[:min(len(fs), maxCues)] {
		if f.count == 1 {
			out = append(out, f.phrase)
		} else {
			out = append(out, f.phrase+" ("+strconv.Itoa(f.count)+")")
		}
	}
	return out
}

// within reports whether topic t is ancestor or itself.
func (l *Lexicon) within(t, ancestor int) bool {
	for ; t >= 0; t = l.topics[t].parent {
		if t == ancestor {
			return true
		}
	}
	return false
}

// appendWords appends the words of toks' keys: a hyphenated token such as
// "Isil-held" (key "isil held") gives two words, so cues match inside it.
func appendWords(dst []string, toks []text.Token) []string {
	for _, t := range toks {
		k := t.Key
		for {
			i := strings.IndexByte(k, ' ')
			if i < 0 {
				break
			}
			dst = append(dst, k[:i])
			k = k[i+1:]
		}
		if k != "" {
			dst = append(dst, k)
		}
	}
	return dst
}
