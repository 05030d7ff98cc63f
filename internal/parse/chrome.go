package parse

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// chrome is what a page says about itself in lines of text around the
// article: "Published: 3 years ago | Country: , , | Topics: , , | Comments:
// No Comments" or "Written by Jane Doe". These lines are metadata, never
// body text.
type chrome struct {
	published string // as written
	countries []string
	topics    []string
	comments  string
	byline    string
}

// merge fills the fields c lacks from o; the first line that said something
// wins.
func (c *chrome) merge(o chrome) {
	if c.published == "" {
		c.published = o.published
	}
	if len(c.countries) == 0 {
		c.countries = o.countries
	}
	if len(c.topics) == 0 {
		c.topics = o.topics
	}
	if c.comments == "" {
		c.comments = o.comments
	}
	if c.byline == "" {
		c.byline = o.byline
	}
}

// maxChromeLine bounds the lines considered: chrome is short.
const maxChromeLine = 400

// chromeSeparators split a chrome line into its fields.
var chromeSeparators = strings.NewReplacer("•", "|", "·", "|", "¦", "|", "‖", "|")

// splitLabel splits "Label: value" when the label is a few words of
// letters, returning the label in lower case with single spaces.
func splitLabel(seg string) (label, value string, ok bool) {
	i := strings.IndexByte(seg, ':')
	if i <= 0 || i > 30 {
		return "", "", false
	}
	for _, r := range seg[:i] {
		if r != ' ' && !unicode.IsLetter(r) {
			return "", "", false
		}
	}
	label = strings.ToLower(strings.Join(strings.Fields(seg[:i]), " "))
	return label, strings.TrimSpace(seg[i+1:]), label != ""
}

// where says which unlabelled fields a line may hold where it sits.
type where struct {
	// bylines allows a bare "By Jane Doe": only near the top or bottom of a
	// text is that a byline rather than the start of a sentence.
	bylines bool
	// dates allows a date standing alone: in a masthead that is today's
	// date, not the article's.
	dates bool
}

// parseChromeLine reports whether line is a chrome line, every field of it
// one the page uses to describe itself, and what it says.
func parseChromeLine(line string, at where) (c chrome, ok bool) {
	line = strings.TrimSpace(line)
	if line == "" || len(line) > maxChromeLine {
		return c, false
	}
	if strings.ContainsAny(line, "•·¦‖") {
		line = chromeSeparators.Replace(line)
	}
	fields := 0
	for seg := range strings.SplitSeq(line, "|") {
		seg = strings.Join(strings.Fields(seg), " ")
		if seg == "" {
			continue
		}
		if !c.field(seg, at) {
			return chrome{}, false
		}
		fields++
	}
	return c, fields > 0
}

// field reads one field of a chrome line into c.
func (c *chrome) field(seg string, at where) bool {
	if label, value, ok := splitLabel(seg); ok {
		switch label {
		case "published", "published on", "published date", "date published",
			"first published", "posted", "posted on", "date", "dated":
			if value == "" {
				return true
			}
			if !isDate(value) {
				return false
			}
			if c.published == "" {
				c.published = value
			}
			return true
		case "updated", "last updated", "updated on", "modified", "last modified":
			return value == "" || isDate(value)
		case "country", "countries":
			if c.countries == nil {
				c.countries = splitList(value)
			}
			return true
		case "topic", "topics", "tag", "tags", "category", "categories", "filed under", "section":
			if c.topics == nil {
				c.topics = splitList(value)
			}
			return true
		case "comment", "comments":
			if c.comments == "" {
				c.comments = value
			}
			return true
		case "by", "author", "authors", "written by", "posted by", "words":
			if value == "" {
				return true
			}
			name := bylineName(value)
			if name == "" {
				return false
			}
			if c.byline == "" {
				c.byline = name
			}
			return true
		}
		// Not a label we know; it may still be a date with a colon ("14:05").
	}
	if len(seg) > 120 {
		return false // prose, not a field: skip the costlier tests
	}
	if commentsRE.MatchString(seg) {
		if c.comments == "" {
			c.comments = seg
		}
		return true
	}
	// Syndication credits: "This article was supplied by Meridian Press
	// Agency." and, where bylines sit, "— Meridian Press Agency".
	if m := creditRE.FindStringSubmatch(seg); m != nil && isName(m[1]) {
		return true
	}
	if m := dashCreditRE.FindStringSubmatch(seg); m != nil && at.bylines {
		if name := bylineName(m[1]); name != "" {
			if c.byline == "" {
				c.byline = name
			}
			return true
		}
	}
	if m := bylineRE.FindStringSubmatch(seg); m != nil && (at.bylines || m[1] != "") {
		if name := bylineName(m[2]); name != "" {
			if c.byline == "" {
				c.byline = name
			}
			return true
		}
		return false
	}
	// "Published 5 years ago", "Posted on August 30, 2017", "August 30, 2017"
	if value, ok := c.date(seg, at); ok {
		if c.published == "" {
			c.published = value
		}
		return true
	}
	// "Posted on 7 October 2026 at 07:00 by Jane Doe"
	if i := strings.LastIndex(strings.ToLower(seg), " by "); i > 0 {
		value, ok := c.date(seg[:i], at)
		name := bylineName(seg[i+4:])
		if ok && name != "" {
			if c.published == "" {
				c.published = value
			}
			if c.byline == "" {
				c.byline = name
			}
			return true
		}
	}
	return false
}

// date reads a date field, labelled ("Posted on ...") or, where at allows,
// standing alone, returning the date without its label.
func (c *chrome) date(seg string, at where) (string, bool) {
	value := publishedPrefixRE.ReplaceAllString(seg, "")
	if value != "" && (at.dates || value != seg) && isDate(value) {
		return value, true
	}
	return "", false
}

var (
	commentsRE        = regexp.MustCompile(`(?i)^(?:(?:no|zero|one|\d{1,6})\s+comments?|comments?\s*\(\d{1,6}\)|comments? (?:off|closed)|leave a (?:comment|reply))$`)
	bylineRE          = regexp.MustCompile(`(?i)^(written |posted |story |words |reporting |report |text |photos? and text )?by:?\s+(.+)$`)
	creditRE          = regexp.MustCompile(`(?i)^(?:this (?:article|story|report) (?:was|is) )?(?:supplied|provided|distributed|syndicated) by\s+(.+?)\.?$`)
	dashCreditRE      = regexp.MustCompile(`^[—–-]\s*(.+)$`)
	publishedPrefixRE = regexp.MustCompile(`(?i)^(?:(?:first )?published|posted|updated|last updated)(?:\s+on|\s+at)?\s*:?\s*`)
)

// chromeRef validates relative dates in chrome lines when the real reference
// time is unknown: whether "5 years ago" is a date does not depend on when.
var chromeRef = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func isDate(s string) bool {
	_, _, ok := Date(s, chromeRef)
	return ok
}

// splitList splits "Syria, Iraq" into its items, dropping the blanks a page
// template leaves when a field is empty (", , ").
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(strings.ReplaceAll(s, ";", ","), ",") {
		if item = strings.Join(strings.Fields(item), " "); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// nameConnectors are the lower-case words a name may contain.
var nameConnectors = map[string]bool{
	"and": true, "&": true, "of": true, "the": true, "de": true, "da": true,
	"del": true, "della": true, "di": true, "du": true, "des": true, "el": true,
	"al": true, "bin": true, "ibn": true, "bint": true, "van": true, "von": true,
	"der": true, "den": true, "la": true, "le": true, "y": true, "e": true,
	"abu": true, "abd": true,
}

// bylineName returns the person or outlet named after "By", or "" when the
// text does not read as a name: "By Jane Doe" names someone, "By the way"
// and "By Monday, the convoy had..." do not. After a comma only parts that
// are names themselves are kept ("Jane Doe, Reuters"), so a job title
// ("Jane Doe, Middle East correspondent") is dropped.
func bylineName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > 120 || strings.Contains(s, "://") {
		return ""
	}
	if i := strings.Index(s, " in "); i > 0 {
		s = s[:i] // "Jane Doe in Beirut"
	}
	var parts []string
	for i, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if isName(part) {
			parts = append(parts, part)
		} else if i == 0 {
			return ""
		}
	}
	return strings.Join(parts, ", ")
}

// isName reports whether s reads as the name of a person or outlet: one to
// eight words, each capitalised or a connector, no digits, and not a
// weekday or month.
func isName(s string) bool {
	s = strings.TrimRight(s, " .")
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	capitals := 0
	for i, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,"))
		if strings.ContainsFunc(w, unicode.IsDigit) || strings.ContainsAny(w, "!?;:\"()[]{}<>|/@#") {
			return false
		}
		if i == 0 && (weekdays[lw] || months[lw] != 0 || nameConnectors[lw] && lw != "the" && lw != "al" && lw != "el" && lw != "abu") {
			return false
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			if !nameConnectors[lw] {
				capitals++
			}
		case nameConnectors[lw] || strings.HasPrefix(lw, "al-") || strings.HasPrefix(lw, "el-"):
		default:
			return false
		}
	}
	return capitals > 0
}
