// Package metricstest reads the Prometheus text exposition format (0.0.4)
// strictly, for tests of what a /metrics endpoint serves: every line must
// be a valid comment or sample, and each family must hang together.
package metricstest

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Sample is one line of values.
type Sample struct {
	Name   string
	Labels map[string]string
	Value  float64
}

var (
	nameRE  = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
	labelRE = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
)

// Parse checks text line by line and returns its samples. It fails on the
// first line that is not a valid HELP, TYPE or other comment, sample or
// empty line; on a TYPE given twice or after its samples; on a family whose
// lines are not grouped together; on a series given twice; and on a
// histogram whose buckets do not ascend, do not accumulate, or lack the
// +Inf bucket matching _count.
func Parse(text string) ([]Sample, error) {
	if text != "" && !strings.HasSuffix(text, "\n") {
		return nil, fmt.Errorf("exposition does not end with a newline")
	}
	p := parser{types: map[string]string{}, done: map[string]bool{}, seen: map[string]bool{}}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if err := p.line(line); err != nil {
			return nil, fmt.Errorf("line %d %q: %w", i+1, line, err)
		}
	}
	if err := p.checkHistograms(); err != nil {
		return nil, err
	}
	return p.samples, nil
}

type parser struct {
	samples []Sample
	types   map[string]string // family -> type
	current string            // family of the last line
	done    map[string]bool   // families whose group has ended
	seen    map[string]bool   // series already given
}

func (p *parser) line(line string) error {
	switch {
	case line == "":
		return nil
	case strings.HasPrefix(line, "# HELP ") || strings.HasPrefix(line, "# TYPE "):
		return p.comment(line)
	case strings.HasPrefix(line, "#"):
		return nil
	}
	return p.sample(line)
}

func (p *parser) comment(line string) error {
	kind := line[2:6]
	rest := line[7:]
	name, arg, _ := strings.Cut(rest, " ")
	if !nameRE.MatchString(name) {
		return fmt.Errorf("invalid metric name %q", name)
	}
	if err := p.enter(name); err != nil {
		return err
	}
	if kind == "HELP" {
		return checkEscapes(arg)
	}
	switch arg {
	case "counter", "gauge", "histogram", "summary", "untyped":
	default:
		return fmt.Errorf("unknown type %q", arg)
	}
	if _, dup := p.types[name]; dup {
		return fmt.Errorf("second TYPE for %s", name)
	}
	for _, s := range p.samples {
		if familyOf(s.Name, arg) == name {
			return fmt.Errorf("TYPE for %s after its samples", name)
		}
	}
	p.types[name] = arg
	return nil
}

// enter notes that a line of family name follows; a family may not come
// back after another one began.
func (p *parser) enter(name string) error {
	if name == p.current {
		return nil
	}
	if p.done[name] {
		return fmt.Errorf("lines of %s are not grouped together", name)
	}
	if p.current != "" {
		p.done[p.current] = true
	}
	p.current = name
	return nil
}

func (p *parser) sample(line string) error {
	end := strings.IndexAny(line, "{ ")
	if end < 0 {
		return fmt.Errorf("no value")
	}
	s := Sample{Name: line[:end], Labels: map[string]string{}}
	if !nameRE.MatchString(s.Name) {
		return fmt.Errorf("invalid metric name %q", s.Name)
	}
	rest := line[end:]
	if strings.HasPrefix(rest, "{") {
		var err error
		if rest, err = parseLabels(rest[1:], s.Labels); err != nil {
			return err
		}
	}
	fields := strings.Fields(rest)
	if len(fields) < 1 || len(fields) > 2 || !strings.HasPrefix(rest, " ") {
		return fmt.Errorf("want ' value [timestamp]' after the name and labels")
	}
	v, err := parseValue(fields[0])
	if err != nil {
		return err
	}
	s.Value = v
	if len(fields) == 2 {
		if _, err := strconv.ParseInt(fields[1], 10, 64); err != nil {
			return fmt.Errorf("invalid timestamp %q", fields[1])
		}
	}
	fam := s.Name
	for f, typ := range p.types {
		if familyOf(s.Name, typ) == f {
			fam = f
		}
	}
	if err := p.enter(fam); err != nil {
		return err
	}
	if typ := p.types[fam]; typ == "histogram" && s.Name == fam+"_bucket" {
		if _, ok := s.Labels["le"]; !ok {
			return fmt.Errorf("histogram bucket without le")
		}
	}
	key := s.Name + "{" + canonical(s.Labels) + "}"
	if p.seen[key] {
		return fmt.Errorf("series %s given twice", key)
	}
	p.seen[key] = true
	p.samples = append(p.samples, s)
	return nil
}

// familyOf is the family a sample name belongs to if its family has type
// typ: a histogram's name_bucket, name_sum and name_count belong to name.
func familyOf(name, typ string) string {
	if typ == "histogram" || typ == "summary" {
		for _, suffix := range []string{"_bucket", "_sum", "_count"} {
			if base, ok := strings.CutSuffix(name, suffix); ok {
				return base
			}
		}
	}
	return name
}

// parseLabels reads name="value" pairs up to the closing brace and
// returns what follows it.
func parseLabels(s string, into map[string]string) (string, error) {
	for {
		if rest, ok := strings.CutPrefix(s, "}"); ok {
			return rest, nil
		}
		eq := strings.Index(s, `="`)
		if eq < 0 {
			return "", fmt.Errorf("label without =\"")
		}
		name := s[:eq]
		if !labelRE.MatchString(name) {
			return "", fmt.Errorf("invalid label name %q", name)
		}
		if _, dup := into[name]; dup {
			return "", fmt.Errorf("label %s given twice", name)
		}
		s = s[eq+2:]
		var b strings.Builder
		closed := false
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '\\' {
				if i+1 >= len(s) {
					return "", fmt.Errorf("label %s: dangling backslash", name)
				}
				i++
				switch s[i] {
				case '\\':
					b.WriteByte('\\')
				case '"':
					b.WriteByte('"')
				case 'n':
					b.WriteByte('\n')
				default:
					return "", fmt.Errorf("label %s: invalid escape \\%c", name, s[i])
				}
				continue
			}
			if c == '"' {
				s = s[i+1:]
				closed = true
				break
			}
			b.WriteByte(c)
		}
		if !closed {
			return "", fmt.Errorf("label %s: unterminated value", name)
		}
		into[name] = b.String()
		if rest, ok := strings.CutPrefix(s, ","); ok {
			s = rest
		} else if !strings.HasPrefix(s, "}") {
			return "", fmt.Errorf("want , or } after label %s", name)
		}
	}
}

// checkEscapes refuses a HELP text with a backslash that escapes neither
// a backslash nor an n.
func checkEscapes(s string) error {
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			continue
		}
		if i+1 >= len(s) {
			return fmt.Errorf("dangling backslash")
		}
		i++
		if s[i] != '\\' && s[i] != 'n' {
			return fmt.Errorf("invalid escape \\%c", s[i])
		}
	}
	return nil
}

func parseValue(s string) (float64, error) {
	switch s {
	case "+Inf":
		return math.Inf(1), nil
	case "-Inf":
		return math.Inf(-1), nil
	case "NaN":
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || strings.ContainsAny(s, "_xXpP") || strings.EqualFold(s, "inf") || strings.EqualFold(s, "infinity") {
		return 0, fmt.Errorf("invalid value %q", s)
	}
	return v, nil
}

// checkHistograms checks every histogram series: buckets ascending by le,
// counts not decreasing, a +Inf bucket equal to _count, and a _sum.
func (p *parser) checkHistograms() error {
	for fam, typ := range p.types {
		if typ != "histogram" {
			continue
		}
		type hist struct {
			les    []float64
			counts []float64
			count  *float64
			sum    bool
		}
		byLabels := map[string]*hist{}
		get := func(labels map[string]string) *hist {
			l := maps.Clone(labels)
			delete(l, "le")
			k := canonical(l)
			if byLabels[k] == nil {
				byLabels[k] = &hist{}
			}
			return byLabels[k]
		}
		for _, s := range p.samples {
			switch s.Name {
			case fam + "_bucket":
				le, err := parseValue(s.Labels["le"])
				if err != nil {
					return fmt.Errorf("%s: bucket le: %w", fam, err)
				}
				h := get(s.Labels)
				h.les = append(h.les, le)
				h.counts = append(h.counts, s.Value)
			case fam + "_count":
				v := s.Value
				get(s.Labels).count = &v
			case fam + "_sum":
				get(s.Labels).sum = true
			}
		}
		for k, h := range byLabels {
			n := len(h.les)
			if n == 0 || !math.IsInf(h.les[n-1], 1) {
				return fmt.Errorf("%s{%s}: no +Inf bucket last", fam, k)
			}
			for i := 1; i < n; i++ {
				if h.les[i] <= h.les[i-1] || h.counts[i] < h.counts[i-1] {
					return fmt.Errorf("%s{%s}: buckets do not ascend and accumulate at le=%v", fam, k, h.les[i])
				}
			}
			if h.count == nil || *h.count != h.counts[n-1] || !h.sum {
				return fmt.Errorf("%s{%s}: _count missing or not equal to the +Inf bucket, or _sum missing", fam, k)
			}
		}
	}
	return nil
}

// canonical renders labels sorted by name, as a map key.
func canonical(labels map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(labels)) {
		parts = append(parts, k+"="+strconv.Quote(labels[k]))
	}
	return strings.Join(parts, ",")
}

// Value returns the value of the sample named name whose labels include
// every name=value pair in labels.
func Value(samples []Sample, name string, labels ...string) (float64, bool) {
	for _, s := range samples {
		if s.Name != name {
			continue
		}
		match := true
		for i := 0; i+1 < len(labels); i += 2 {
			if s.Labels[labels[i]] != labels[i+1] {
				match = false
				break
			}
		}
		if match {
			return s.Value, true
		}
	}
	return 0, false
}
