package actors

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/match"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// maxNameTokens bounds a person's name after a title and an organisation's
// name before its head noun, so that a run of capitals (a headline) does not
// become one long actor.
const (
	maxNameTokens = 5
	maxOrgTokens  = 8
)

// people finds the capitalised name after each title the lexicon matched:
// "commander Abu Omar al-Shami", "Gen. Qais Farhan". A name the lexicon
// knows was matched before and covers its tokens, so it is not found again.
func (f *finder) people(out []sitrep.ActorMention, titles []match.Match, covered []bool) []sitrep.ActorMention {
	for i, tm := range titles {
		// A title may follow another ("spokesman Col. X"): take the last.
		if i+1 < len(titles) && titles[i+1].TokStart == tm.TokEnd {
			continue
		}
		first := tm.TokEnd
		if first >= len(f.toks) || covered[first] || !f.nameToken(first) {
			continue
		}
		if gap := f.s[f.toks[first-1].ByteEnd:f.toks[first].ByteStart]; strings.Trim(gap, ". ") != "" || !strings.Contains(gap, " ") {
			continue // "President, who" or a hyphenated "Commander-in-chief"
		}
		last := first
		for t := first + 1; t < len(f.toks) && t-first < maxNameTokens; t++ {
			if covered[t] || !f.tight(t) {
				break
			}
			if f.nameToken(t) {
				last = t
				continue
			}
			if !nameParticles[f.toks[t].Key] {
				break
			}
		}
		if f.placeName(first, last+1) {
			continue // "King Fahd Hospital", "Prince Sultan Air Base"
		}
		out = append(out, f.patternMention(first, last+1, KindPerson, ""))
		for t := first; t <= last; t++ {
			covered[t] = true
		}
	}
	return out
}

// nameToken reports a token that can be part of a proper name: it has a
// capital letter ("Omar", "al-Shami") and is no number or head noun.
func (f *finder) nameToken(t int) bool {
	tok := f.toks[t]
	if tok.Number || stopStarts[tok.Key] {
		return false
	}
	if _, ok := f.l.heads[tok.Key]; ok {
		return false
	}
	return hasUpper(tok.Text)
}

// placeName reports a name [a, b) that is part of a place's name: one of
// its words, or the word after it, is a place noun.
func (f *finder) placeName(a, b int) bool {
	for t := a; t <= b && t < len(f.toks); t++ {
		if placeNouns[f.toks[t].Key] {
			return true
		}
	}
	return false
}

// capToken reports a capitalised word that can be part of an
// organisation's name, head nouns included.
func (f *finder) capToken(t int) bool {
	tok := &f.toks[t]
	return !tok.Number && hasUpper(tok.Text) && !stopStarts[tok.Key]
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			return true
		} else if c >= utf8.RuneSelf {
			return hasUpperRune(s[i:])
		}
	}
	return false
}

func hasUpperRune(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// possessive reports the "s" of "People's", which stays inside a name.
func (f *finder) possessive(t int) bool {
	if f.toks[t].Key != "s" {
		return false
	}
	gap := f.s[f.toks[t-1].ByteEnd:f.toks[t].ByteStart]
	return gap == "'" || gap == "\u2019"
}

// tight reports whether only spaces separate token t from the one before.
func (f *finder) tight(t int) bool {
	return blank(f.s[f.toks[t-1].ByteEnd:f.toks[t].ByteStart])
}

// organisations finds capitalised names ending in (or, before "of" or
// "for", starting with) an organisation head noun the lexicon lists:
// "the Hamza Brigade", "Ministry of Defence", "Jaysh al-Izza".
func (f *finder) organisations(out []sitrep.ActorMention, covered []bool) []sitrep.ActorMention {
	for t := 0; t < len(f.toks); {
		if covered[t] || !f.capToken(t) {
			t++
			continue
		}
		// A run of name tokens and inner connectors, spaces only between.
		end, last := t+1, t
		for end < len(f.toks) && end-t < maxOrgTokens && !covered[end] {
			if f.possessive(end) {
				end++
				continue
			}
			if !f.tight(end) {
				break
			}
			if f.capToken(end) {
				last = end
			} else if !connectors[f.toks[end].Key] && !nameParticles[f.toks[end].Key] {
				break
			}
			end++
		}
		f.orgInRun(&out, t, last+1)
		t = end
	}
	return out
}

// orgInRun emits the organisation in the name run [a, b), if it has a head.
func (f *finder) orgInRun(out *[]sitrep.ActorMention, a, b int) {
	if b-a < 2 {
		return // a lone "Brigade" or "Ministry" names nothing
	}
	head, kind := -1, ""
	for t := b - 1; t >= a && head < 0; t-- {
		if t > a { // two-word heads first: "News Network" is media
			if k, ok := f.l.heads[f.toks[t-1].Key+" "+f.toks[t].Key]; ok {
				head, kind = t, k
				break
			}
		}
		if k, ok := f.l.heads[f.toks[t].Key]; ok {
			head, kind = t, k
		}
	}
	if head < 0 {
		return
	}
	switch {
	case head == b-1: // "the Hamza Brigade"
	case connectors[f.toks[head+1].Key] && head+2 < b: // "Ministry of Defence", "Army of Islam"
	case head == a && arabicHeads[f.toks[head].Key]: // "Jaysh al-Izza"
	default:
		b = head + 1
	}
	if b-a < 2 {
		return
	}
	country := f.l.demonyms[f.toks[a].Key]
	if country != "" && kind == KindRebelGroup {
		kind = KindStateForces // "Turkish Special Forces"
	}
	*out = append(*out, f.patternMention(a, b, kind, country))
}

func (f *finder) patternMention(a, b int, kind, country string) sitrep.ActorMention {
	first, last := f.toks[a], f.toks[b-1]
	surface := f.s[first.ByteStart:last.ByteEnd]
	return sitrep.ActorMention{
		Span:    sitrep.Span{Start: first.Start, End: last.End, Text: surface},
		Name:    strings.Join(strings.Fields(surface), " "),
		Kind:    kind,
		Country: country,
	}
}

// placeNouns end the names of places named after people.
var placeNouns = map[string]bool{
	"base": true, "airbase": true, "airport": true, "hospital": true, "street": true,
	"square": true, "mosque": true, "university": true, "bridge": true, "hall": true,
	"camp": true, "road": true, "dam": true, "stadium": true, "city": true, "district": true,
	"province": true, "village": true, "town": true, "neighbourhood": true,
	"neighborhood": true, "school": true, "market": true, "crossing": true, "gate": true,
	"port": true, "canal": true, "lake": true, "valley": true, "mountain": true,
}

// nameParticles are lower-case words inside Arabic, Dutch, French and other
// names: "Abu Bakr al Baghdadi", "bin Laden".
var nameParticles = map[string]bool{
	"al": true, "el": true, "ad": true, "an": true, "ar": true, "as": true, "ash": true,
	"at": true, "az": true, "bin": true, "ibn": true, "bint": true, "abu": true, "umm": true,
	"de": true, "di": true, "da": true, "du": true, "van": true, "von": true, "der": true,
	"la": true, "le": true, "ul": true,
}

// connectors may sit inside an organisation's name.
var connectors = map[string]bool{
	"of": true, "for": true, "the": true,
}

// arabicHeads open a transliterated name rather than close it: Jaysh
// (army), Liwa (brigade), Kataib (battalions), Harakat (movement), ...
var arabicHeads = map[string]bool{
	"jaysh": true, "jaish": true, "liwa": true, "kataib": true, "katibat": true,
	"saraya": true, "harakat": true, "jabhat": true, "ansar": true, "faylaq": true,
}

// stopStarts are capitalised at the start of a sentence, never part of a
// name.
var stopStarts = map[string]bool{
	"the": true, "a": true, "an": true, "in": true, "on": true, "at": true, "by": true,
	"for": true, "of": true, "and": true, "but": true, "or": true, "when": true,
	"after": true, "before": true, "as": true, "with": true, "from": true, "to": true,
	"this": true, "that": true, "these": true, "those": true, "its": true, "their": true,
	"his": true, "her": true, "it": true, "he": true, "she": true, "they": true, "we": true,
	"i": true, "meanwhile": true, "however": true, "yesterday": true, "today": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true, "last": true, "earlier": true,
	"later": true, "according": true, "while": true, "some": true, "many": true,
	"several": true, "dozens": true, "hundreds": true, "thousands": true,
}
