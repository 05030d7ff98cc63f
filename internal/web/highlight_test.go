package web

import (
	"html/template"
	"io/fs"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestHighlightBody(t *testing.T) {
	date := func(start, end int) sitrep.DateMention {
		return sitrep.DateMention{Span: sitrep.Span{Start: start, End: end}, Type: "DATE", Value: "2026-10-06", Resolved: true}
	}
	const open, close = `<span class="hl hl-date" title="Date: 2026-10-06 · date">`, `</span>`
	tests := []struct {
		name  string
		body  string
		dates []sitrep.DateMention
		want  []template.HTML
	}{
		{"no analysis", "a <b>\n\nc & d", nil, []template.HTML{"a &lt;b&gt;", "c &amp; d"}},
		{"code points, not bytes", "“Quoted” on Tuesday", []sitrep.DateMention{date(12, 19)}, []template.HTML{"“Quoted” on " + open + "Tuesday" + close}},
		{"escaped inside the mark", "x <Tue>", []sitrep.DateMention{date(2, 7)}, []template.HTML{"x " + open + "&lt;Tue&gt;" + close}},
		{"second paragraph offsets", "One.\n\nOn Monday.", []sitrep.DateMention{date(9, 15)}, []template.HTML{"One.", "On " + open + "Monday" + close + "."}},
		{"span across paragraphs dropped", "One.\n\nTwo.", []sitrep.DateMention{date(2, 8)}, []template.HTML{"One.", "Two."}},
		{"out of range dropped", "Short.", []sitrep.DateMention{date(3, 99), date(-1, 2), date(4, 4)}, []template.HTML{"Short."}},
		{"overlap keeps the first", "on Monday night", []sitrep.DateMention{date(3, 15), date(3, 9)}, []template.HTML{"on " + open + "Monday night" + close}},
		{"empty body", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var an *sitrep.Analysis
			if tt.dates != nil {
				an = &sitrep.Analysis{Dates: tt.dates}
			}
			if got := highlightBody(tt.body, an); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// A template that does not parse, or that fails on a page with no data,
// fails start-up.
func TestBrokenTemplatesFailStartUp(t *testing.T) {
	as, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	good := fstest.MapFS{}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		b, err := templateFS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		good[name] = &fstest.MapFile{Data: b}
	}
	if _, err := loadTemplates(good, as); err != nil {
		t.Fatalf("the real templates: %v", err)
	}
	tests := map[string]string{
		"syntax":        `{{define "content"}}{{if}}{{end}}`,
		"missing field": `{{define "content"}}{{.NoSuchField}}{{end}}`,
		"missing asset": `{{define "content"}}{{asset "no/such.css"}}{{end}}`,
		"nil pointer":   `{{define "content"}}{{.Lead.Title}}{{end}}`,
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			broken := fstest.MapFS{}
			for k, v := range good {
				broken[k] = v
			}
			broken["templates/home.html"] = &fstest.MapFile{Data: []byte(text)}
			if _, err := loadTemplates(broken, as); err == nil {
				t.Error("loadTemplates succeeded")
			}
		})
	}
}
