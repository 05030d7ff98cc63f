// Package metrics keeps the counters, gauges and histograms sitrep reports
// and writes them in the Prometheus text exposition format, version 0.0.4,
// which every Prometheus-compatible scraper reads. It has no dependencies:
// sitrep needs a few dozen series, not a client library.
//
// A package that wants to report something registers it once, usually in a
// package-level variable, on Default (which `sitrep serve` exposes at
// /metrics) or on a Registry it is given:
//
//	var polled = metrics.Default.Counter("sitrep_feeds_polled_total",
//		"Feed polls by outcome.", "outcome")
//
//	polled.Inc("ok")
//
// Counters only go up; gauges go up and down; histograms count
// observations into buckets (seconds for durations, bytes for sizes).
// GaugeFunc and CounterFunc register a function read at each scrape, for
// values that live elsewhere (a row count, the runtime's heap size).
//
// Names follow Prometheus conventions: sitrep_<subsystem>_<what>_<unit>,
// with _total on counters. Label values must come from a small, fixed set
// (a route pattern, an outcome, a status class), never from user input such
// as a raw path or a query, or the series multiply without bound.
//
// Registering a name again with the same type and labels returns the metric
// already registered, so a component built twice in one process (tests, a
// restarted server) shares its series; a function registered again replaces
// the earlier one. Registering a name with another type or other labels is a
// programming error and panics, as http.ServeMux does on a duplicate route.
package metrics

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Type is a metric's type as the exposition format names it.
type Type string

const (
	TypeCounter   Type = "counter"
	TypeGauge     Type = "gauge"
	TypeHistogram Type = "histogram"
)

// ContentType is the media type of Write's output.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// Default is the registry `sitrep serve` exposes at /metrics.
var Default = NewRegistry()

// Registry holds metrics by name.
type Registry struct {
	mu       sync.Mutex
	families map[string]*family
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{families: map[string]*family{}}
}

// DefBuckets are histogram bounds for request durations in seconds, from
// 5 ms to 10 s.
var DefBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// Counter is a value that only goes up, per combination of label values.
type Counter struct{ f *family }

// Gauge is a value that goes up and down, per combination of label values.
type Gauge struct{ f *family }

// Histogram counts observations into cumulative buckets, per combination
// of label values.
type Histogram struct{ f *family }

// Counter registers, or returns the registered, counter name with labels.
func (r *Registry) Counter(name, help string, labels ...string) *Counter {
	return &Counter{r.register(name, help, TypeCounter, labels, nil, nil)}
}

// Gauge registers, or returns the registered, gauge name with labels.
func (r *Registry) Gauge(name, help string, labels ...string) *Gauge {
	return &Gauge{r.register(name, help, TypeGauge, labels, nil, nil)}
}

// Histogram registers, or returns the registered, histogram name with the
// given upper bounds (ascending; nil means DefBuckets) and labels.
func (r *Registry) Histogram(name, help string, buckets []float64, labels ...string) *Histogram {
	if buckets == nil {
		buckets = DefBuckets
	}
	if !sort.Float64sAreSorted(buckets) || slices.Contains(buckets, math.Inf(1)) {
		panic(fmt.Sprintf("metrics: histogram %s: buckets must ascend and leave out +Inf", name))
	}
	if slices.Contains(labels, "le") {
		panic(fmt.Sprintf("metrics: histogram %s: label le is reserved", name))
	}
	return &Histogram{r.register(name, help, TypeHistogram, labels, slices.Clone(buckets), nil)}
}

// GaugeFunc registers fn, called at each scrape for the gauge's value; an
// error leaves the sample out of that scrape.
func (r *Registry) GaugeFunc(name, help string, fn func(context.Context) (float64, error)) {
	r.register(name, help, TypeGauge, nil, nil, fn)
}

// CounterFunc registers fn, called at each scrape for the counter's value
// (a total kept elsewhere, which must never go down).
func (r *Registry) CounterFunc(name, help string, fn func(context.Context) (float64, error)) {
	r.register(name, help, TypeCounter, nil, nil, fn)
}

// Inc adds 1 to the series with labelValues, given in the order of the
// labels the counter was registered with.
func (c *Counter) Inc(labelValues ...string) { c.Add(1, labelValues...) }

// Add adds v, which must not be negative, to the series with labelValues.
func (c *Counter) Add(v float64, labelValues ...string) {
	if v < 0 {
		panic(fmt.Sprintf("metrics: counter %s: negative increment %v", c.f.name, v))
	}
	c.f.update(labelValues, func(s *series) { s.value += v })
}

// Set sets the series with labelValues to v.
func (g *Gauge) Set(v float64, labelValues ...string) {
	g.f.update(labelValues, func(s *series) { s.value = v })
}

// Add adds v (negative to subtract) to the series with labelValues.
func (g *Gauge) Add(v float64, labelValues ...string) {
	g.f.update(labelValues, func(s *series) { s.value += v })
}

// Inc adds 1 to the series with labelValues.
func (g *Gauge) Inc(labelValues ...string) { g.Add(1, labelValues...) }

// Dec subtracts 1 from the series with labelValues.
func (g *Gauge) Dec(labelValues ...string) { g.Add(-1, labelValues...) }

// Observe counts v in the series with labelValues.
func (h *Histogram) Observe(v float64, labelValues ...string) {
	h.f.update(labelValues, func(s *series) {
		if s.buckets == nil {
			s.buckets = make([]uint64, len(h.f.bounds))
		}
		// Buckets are stored non-cumulative; Write adds them up.
		if i, _ := slices.BinarySearch(h.f.bounds, v); i < len(h.f.bounds) {
			s.buckets[i]++
		}
		s.count++
		s.value += v
	})
}

// family is one metric name: its description and its series.
type family struct {
	name   string
	help   string
	typ    Type
	labels []string
	bounds []float64 // histograms: upper bounds, without +Inf
	fn     func(context.Context) (float64, error)

	mu     sync.Mutex
	series map[string]*series // by labelKey of the label values
}

// series is one combination of label values. For counters and gauges
// value is the value; for histograms it is the sum of observations.
type series struct {
	labelValues []string
	value       float64
	count       uint64
	buckets     []uint64
}

var (
	nameRE  = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
	labelRE = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
)

func (r *Registry) register(name, help string, typ Type, labels []string, bounds []float64,
	fn func(context.Context) (float64, error)) *family {
	if !nameRE.MatchString(name) {
		panic(fmt.Sprintf("metrics: invalid metric name %q", name))
	}
	for _, l := range labels {
		if !labelRE.MatchString(l) || strings.HasPrefix(l, "__") {
			panic(fmt.Sprintf("metrics: %s: invalid label name %q", name, l))
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if f, ok := r.families[name]; ok {
		if f.typ != typ || !slices.Equal(f.labels, labels) || !slices.Equal(f.bounds, bounds) || (f.fn == nil) != (fn == nil) {
			panic(fmt.Sprintf("metrics: %s registered again as another %s", name, typ))
		}
		if fn != nil {
			f.mu.Lock()
			f.fn = fn
			f.mu.Unlock()
		}
		return f
	}
	f := &family{name: name, help: help, typ: typ, labels: slices.Clone(labels), bounds: bounds, fn: fn,
		series: map[string]*series{}}
	r.families[name] = f
	return f
}

func (f *family) update(labelValues []string, change func(*series)) {
	if len(labelValues) != len(f.labels) {
		panic(fmt.Sprintf("metrics: %s: %d label values for labels %v", f.name, len(labelValues), f.labels))
	}
	key := labelKey(labelValues)
	f.mu.Lock()
	s, ok := f.series[key]
	if !ok {
		s = &series{labelValues: slices.Clone(labelValues)}
		f.series[key] = s
	}
	change(s)
	f.mu.Unlock()
}

// labelKey joins label values with a byte that UTF-8 text never holds.
func labelKey(values []string) string {
	if len(values) == 1 {
		return values[0]
	}
	return strings.Join(values, "\xff")
}

// Write writes every metric in the text exposition format, families sorted
// by name and series by label values, so that two scrapes compare line by
// line. Functions registered with GaugeFunc and CounterFunc run with ctx.
func (r *Registry) Write(ctx context.Context, w io.Writer) error {
	r.mu.Lock()
	fams := make([]*family, 0, len(r.families))
	for _, f := range r.families {
		fams = append(fams, f)
	}
	r.mu.Unlock()
	sort.Slice(fams, func(i, j int) bool { return fams[i].name < fams[j].name })

	bw := bufio.NewWriter(w)
	for _, f := range fams {
		f.write(ctx, bw)
	}
	return bw.Flush()
}

func (f *family) write(ctx context.Context, w *bufio.Writer) {
	f.mu.Lock()
	fn := f.fn
	ss := make([]series, 0, len(f.series))
	for _, s := range f.series {
		c := *s
		c.buckets = slices.Clone(s.buckets)
		ss = append(ss, c)
	}
	f.mu.Unlock()
	if fn != nil {
		v, err := fn(ctx)
		if err != nil {
			return // no sample rather than a wrong one
		}
		ss = []series{{value: v}}
	}
	if len(ss) == 0 {
		if len(f.labels) > 0 {
			return // a labelled metric nothing has touched yet
		}
		ss = []series{{}} // an unlabelled one starts at zero
	}
	slices.SortFunc(ss, func(a, b series) int { return slices.Compare(a.labelValues, b.labelValues) })

	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", f.name, escapeHelp(f.help), f.name, f.typ)
	for _, s := range ss {
		if f.typ != TypeHistogram {
			writeSample(w, f.name, f.labels, s.labelValues, "", "", s.value)
			continue
		}
		var cum uint64
		for i, b := range f.bounds {
			if s.buckets != nil {
				cum += s.buckets[i]
			}
			writeSample(w, f.name+"_bucket", f.labels, s.labelValues, "le", formatValue(b), float64(cum))
		}
		writeSample(w, f.name+"_bucket", f.labels, s.labelValues, "le", "+Inf", float64(s.count))
		writeSample(w, f.name+"_sum", f.labels, s.labelValues, "", "", s.value)
		writeSample(w, f.name+"_count", f.labels, s.labelValues, "", "", float64(s.count))
	}
}

// writeSample writes one line: name{labels} value. extraName, when set,
// is one more label (a histogram's le).
func writeSample(w *bufio.Writer, name string, labels, values []string, extraName, extraValue string, v float64) {
	w.WriteString(name)
	if len(labels) > 0 || extraName != "" {
		w.WriteByte('{')
		for i, l := range labels {
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString(l)
			w.WriteString(`="`)
			w.WriteString(escapeLabel(values[i]))
			w.WriteByte('"')
		}
		if extraName != "" {
			if len(labels) > 0 {
				w.WriteByte(',')
			}
			w.WriteString(extraName)
			w.WriteString(`="`)
			w.WriteString(extraValue)
			w.WriteByte('"')
		}
		w.WriteByte('}')
	}
	w.WriteByte(' ')
	w.WriteString(formatValue(v))
	w.WriteByte('\n')
}

var (
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
	labelEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
)

func escapeHelp(s string) string  { return helpEscaper.Replace(s) }
func escapeLabel(s string) string { return labelEscaper.Replace(s) }

// formatValue writes whole numbers without an exponent (a byte count
// reads better as 123456789 than 1.23456789e+08) and the special values
// as the format spells them.
func formatValue(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
