package parse_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/parse"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// retrieved is the fixed reference time of every golden article.
var retrieved = time.Date(2024, 5, 20, 12, 0, 0, 0, time.UTC)

// goldenCase is one fixture: what the body must hold and what page furniture
// must stay out of it.
type goldenCase struct {
	file        string
	url         string
	contentType string
	contains    []string
	absent      []string
}

var goldenCases = []goldenCase{
	{
		file:     "wordpress-chrome.html",
		contains: []string{"Negotiations over the release of water", "Traders said the price of bottled water"},
		absent: []string{
			"Published:", "Country:", "Comments:", "Written by", "Skip to content", "Support our newsroom",
			"My cousin has been waiting", "fifteen thousand pounds", "Leave a Reply", "Recent Posts",
			"River ferry resumes", "All rights reserved", "Previous: Bakery queues",
		},
	},
	{
		file:     "jsonld-newsarticle.html",
		url:      "https://www.meridian-news.example/world/middle-east/aid-convoy-reaches-besieged-town-20231014?utm_source=feed",
		contains: []string{"A convoy of twenty-two lorries", "Neither side commented publicly"},
		absent: []string{
			"We use cookies", "Accept all cookies", "Share on Facebook", "Sign up to Middle East Briefing",
			"Our correspondents explain", "Clinic in besieged town runs out", "Terms of use", "Advertisement",
			"Subscribe for", "Business", "Registered in England",
		},
	},
	{
		file:     "time-only.html",
		contains: []string{"Heavy rain overnight washed away", "Engineers expect to reopen one lane"},
		absent: []string{
			"By Omar Bakri", "Most read", "Fire damages stalls", "We need help in block C",
			"Same thing happened last year", "Log in", "Community news since",
		},
	},
	{
		file:     "windows-1252.html",
		contains: []string{"old café district", "“We were treated correctly", "The boats are still there — they kept", "€4,000", "fishermen’s cooperative"},
		absent:   []string{"Published on", "Letters", "Sunny, 18°C", "Copyright ©"},
	},
	{
		file:     "opengraph.html",
		url:      "https://northernledger.example/world/2021/06/03/power-station-shelling",
		contains: []string{"Artillery fire damaged a transformer hall", "pushing the grid close to its limits"},
		absent: []string{
			"Read more:", "Grid attacks leave millions", "Advertisement", "You have read 3 of 5",
			"Summer festival cancelled", "Listen to this article", "Copy link", "Sign in",
		},
	},
	{
		file:     "itemprop-agency.html",
		contains: []string{"ADEN, Jan 9 (Coastline Wire)", "The truce has largely held"},
		absent: []string{
			"Your privacy choices", "142 partners", "Oil edges higher", "Most Read", "3 Min Read",
			"All quotes delayed", "Markets",
		},
	},
	{
		file:     "relative-hours.html",
		contains: []string{"The crew of a bulk carrier reported", "reviewing its routing"},
		absent: []string{
			"Posted 3 hours ago", "Topics:", "14 Comments", "Written by", "morning briefing",
			"Another day, another drone", "Premiums are going", "Download our app", "Telegram",
		},
	},
	{
		file:     "chrome-first.txt",
		contains: []string{"Engineers from two neighbouring districts"},
		absent:   []string{"Published:", "Country:", "Topics:", "Comments:", "Written by"},
	},
	{
		file:     "byline-top.txt",
		contains: []string{"The last bakery still operating"},
		absent:   []string{"By Leila Haddad", "August 30, 2017", "\r"},
	},
	{
		file:     "markdown-brief.md",
		contains: []string{"Three schools reopened"},
		absent:   []string{"#"},
	},
	{
		file:     "record.json",
		contains: []string{"Border guards reopened"},
		absent:   []string{"Published:"},
	},
}

func TestDocumentGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := parse.Document(parse.Input{Name: tc.file, Data: data, ContentType: tc.contentType, URL: tc.url, Retrieved: retrieved})
			if err != nil {
				t.Fatalf("Document: %v", err)
			}
			for _, s := range tc.contains {
				if !strings.Contains(a.Body, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			for _, s := range tc.absent {
				if strings.Contains(a.Body, s) {
					t.Errorf("body holds page furniture %q", s)
				}
			}
			if strings.Contains(a.Body, "\n\n\n") {
				t.Errorf("body has more than one blank line between paragraphs")
			}
			compareGolden(t, filepath.Join("testdata", tc.file+".golden.json"), a)
		})
	}
}

// compareGolden compares v as indented JSON with the golden file, or
// rewrites the file under -update.
func compareGolden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update and review the diff)\ngot:\n%s", path, got)
	}
}

// TestDocumentMetadata pins the metadata of each fixture field by field, so
// a golden rewrite that loses a field fails here too.
func TestDocumentMetadata(t *testing.T) {
	tests := []struct {
		file, url string
		want      sitrep.Article
		published string // RFC 3339, "" for none
	}{
		{
			file: "wordpress-chrome.html",
			want: sitrep.Article{
				Title: "Water talks stall as tanker trucks queue at Tabqa crossing", Byline: "The Crescent Dispatch",
				Source:   "The Crescent Dispatch", // from "<title>Headline – Site</title>"
				Language: "en-US", CanonicalURL: "https://crescentdispatch.example/2019/07/water-talks-stall-tabqa/",
				PublishedText: "5 years ago", PublishedPrecision: sitrep.PrecisionYear, PageComments: "2 Comments",
			},
			published: "2019-05-20T00:00:00Z",
		},
		{
			file: "jsonld-newsarticle.html",
			url:  "https://www.meridian-news.example/world/middle-east/aid-convoy-reaches-besieged-town-20231014?utm_source=feed",
			want: sitrep.Article{
				Title: "Aid convoy reaches besieged town after weeks of delays", Byline: "Nadia Farouk, Tom Whitcombe",
				Source: "Meridian News", Language: "en-GB",
				CanonicalURL:  "https://www.meridian-news.example/world/middle-east/aid-convoy-reaches-besieged-town-20231014",
				PublishedText: "2023-10-14T09:32:00+03:00", PublishedPrecision: sitrep.PrecisionMinute,
			},
			published: "2023-10-14T09:32:00+03:00",
		},
		{
			file: "time-only.html",
			want: sitrep.Article{
				Title: "Floodwaters cut road to northern camps", Byline: "Omar Bakri", Source: "Valley Courier",
				PublishedText: "2019-03-07", PublishedPrecision: sitrep.PrecisionDay,
			},
			published: "2019-03-07T00:00:00Z",
		},
		{
			file: "windows-1252.html",
			want: sitrep.Article{
				Title: "Detained fishermen return to port after nine days", Byline: "Claire Dubé", Source: "Harbour Gazette",
				PublishedText: "12 February 2016", PublishedPrecision: sitrep.PrecisionDay,
			},
			published: "2016-02-12T00:00:00Z",
		},
		{
			file: "opengraph.html",
			url:  "https://northernledger.example/world/2021/06/03/power-station-shelling",
			want: sitrep.Article{
				Title: "Shelling damages power station serving three provinces", Byline: "Sam Okafor",
				Source: "The Northern Ledger", Language: "en-GB",
				CanonicalURL:  "https://northernledger.example/world/2021/06/03/power-station-shelling?ref=canonical",
				PublishedText: "2021-06-03T17:45:00Z", PublishedPrecision: sitrep.PrecisionMinute,
			},
			published: "2021-06-03T17:45:00Z",
		},
		{
			file: "itemprop-agency.html",
			want: sitrep.Article{
				Title: "Tribal mediators broker prisoner swap in southern province", Byline: "Idris Salem", Source: "Coastline Wire",
				Language: "en", CanonicalURL: "https://coastlinewire.example/world/prisoner-swap-southern-province-idUS2020010901",
				PublishedText: "2020-01-09T06:20", PublishedPrecision: sitrep.PrecisionMinute,
			},
			published: "2020-01-09T06:20:00Z",
		},
		{
			file: "relative-hours.html",
			want: sitrep.Article{
				Title: "Cargo ship reports drone sighting off western coast", Byline: "Aisha Rahman",
				Source: "Strait Monitor", Language: "en", PublishedText: "3 hours ago",
				PublishedPrecision: sitrep.PrecisionMinute, PageCountries: []string{"Yemen"},
				PageTopics: []string{"Shipping", "Red Sea"}, PageComments: "14 Comments",
			},
			published: "2024-05-20T09:00:00Z",
		},
		{
			file: "chrome-first.txt",
			want: sitrep.Article{
				Title:  "Temporary bridge opens over canal after months of detours",
				Byline: "Desert Wire", PublishedText: "2 years ago", PublishedPrecision: sitrep.PrecisionYear,
				PageComments: "No Comments",
			},
			published: "2022-05-20T00:00:00Z",
		},
		{
			file: "byline-top.txt",
			want: sitrep.Article{
				Title: "Bread prices double in northern city as fuel shortage bites", Byline: "Leila Haddad",
				PublishedText: "August 30, 2017", PublishedPrecision: sitrep.PrecisionDay,
			},
			published: "2017-08-30T00:00:00Z",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := parse.Document(parse.Input{Name: tt.file, Data: data, URL: tt.url, Retrieved: retrieved})
			if err != nil {
				t.Fatalf("Document: %v", err)
			}
			check := func(field, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s: got %q, want %q", field, got, want)
				}
			}
			check("Title", a.Title, tt.want.Title)
			check("Byline", a.Byline, tt.want.Byline)
			check("Source", a.Source, tt.want.Source)
			check("Language", a.Language, tt.want.Language)
			check("CanonicalURL", a.CanonicalURL, tt.want.CanonicalURL)
			check("PublishedText", a.PublishedText, tt.want.PublishedText)
			check("PublishedPrecision", string(a.PublishedPrecision), string(tt.want.PublishedPrecision))
			check("PageComments", a.PageComments, tt.want.PageComments)
			check("PageCountries", strings.Join(a.PageCountries, "; "), strings.Join(tt.want.PageCountries, "; "))
			check("PageTopics", strings.Join(a.PageTopics, "; "), strings.Join(tt.want.PageTopics, "; "))
			got := ""
			if a.Published != nil {
				got = a.Published.Format(time.RFC3339)
			}
			check("Published", got, tt.published)
			if !a.Retrieved.Equal(retrieved) {
				t.Errorf("Retrieved: got %v, want %v", a.Retrieved, retrieved)
			}
			if a.ID == "" || !strings.HasPrefix(a.ContentHash, "sha256:") {
				t.Errorf("not normalized: id %q, hash %q", a.ID, a.ContentHash)
			}
		})
	}
}

func TestDocumentErrors(t *testing.T) {
	tests := []struct {
		name    string
		input   parse.Input
		code    string
		message string
	}{
		{"empty", parse.Input{Name: "a.txt"}, sitrep.EINVALID, "parse a.txt: empty file"},
		{"only white space", parse.Input{Name: "a.txt", Data: []byte(" \n\t\r\n")}, sitrep.EINVALID, "parse a.txt: empty file"},
		{"png", parse.Input{Name: "photo.html", Data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")}, sitrep.EINVALID, "parse photo.html: binary data (NUL byte at offset 8)"},
		{"nul in text", parse.Input{Name: "-", Data: []byte("Headline\n\nBody\x00text")}, sitrep.EINVALID, "parse -: binary data (NUL byte at offset 14)"},
		{"latin-1 text", parse.Input{Name: "old.txt", Data: []byte("Caf\xe9 bombed\n\nThe caf\xe9 was hit.")}, sitrep.EINVALID, "parse old.txt: not valid UTF-8 (byte offset 3)"},
		{"latin-1 html without charset", parse.Input{Name: "p.html", Data: []byte("<html><body><p>Caf\xe9 bombed</p></body></html>")}, sitrep.EINVALID, "parse p.html: not valid UTF-8 (byte offset 18)"},
		{"html declaring utf-8 with bad bytes", parse.Input{Name: "p.html", Data: []byte(`<meta charset="utf-8"><p>Caf` + "\xe9</p>")}, sitrep.EINVALID, "parse p.html: not valid UTF-8 (byte offset 28)"},
		{"truncated in head", parse.Input{Name: "cut.html", Data: []byte("<!DOCTYPE html><html><head><title>Convoy stranded</title><meta name=\"author\" content=\"X\"><script>var a = 1;")}, sitrep.EINVALID, "parse cut.html: no article text found"},
		{"empty body", parse.Input{Name: "e.html", Data: []byte("<html><head><title>T</title></head><body>  <nav><a href=/>Home</a></nav> </body></html>")}, sitrep.EINVALID, "parse e.html: no article text found"},
		{"text of chrome only", parse.Input{Name: "c.txt", Data: []byte("Published: 2 days ago | Country: , , | Topics: , ,\n\nWritten by Staff\n")}, sitrep.EINVALID, "parse c.txt: no article text found"},
		{"invalid json", parse.Input{Name: "r.json", Data: []byte("{\n  \"title\": \"T\",\n  \"text\": \"body\"\n  \"url\": 3\n}")}, sitrep.EINVALID, "parse r.json:4: invalid JSON: invalid character '\"' after object key:value pair"},
		{"json array", parse.Input{Name: "r.json", Data: []byte(`[{"text": "a"}]`)}, sitrep.EINVALID, "parse r.json: invalid JSON: expected an object, found an array"},
		{"json without text", parse.Input{Name: "r.json", Data: []byte(`{"title": "Headline only"}`)}, sitrep.EINVALID, `parse r.json: missing "text"`},
		{"json wrong type", parse.Input{Name: "r.json", Data: []byte(`{"title": ["a"], "text": "body"}`)}, sitrep.EINVALID, `parse r.json: "title" must be a string, found an array`},
		{"json trailing data", parse.Input{Name: "r.json", Data: []byte(`{"text": "body"} x`)}, sitrep.EINVALID, "parse r.json: invalid JSON: unexpected data after the object"},
		{"jsonl with several records", parse.Input{Name: "b.jsonl", Data: []byte("{\"text\": \"a\"}\n{\"text\": \"b\"}\n")}, sitrep.EINVALID, "parse b.jsonl: JSON Lines input holds 2 articles, not one"},
		{"jsonl bad line", parse.Input{Name: "b.jsonl", Data: []byte("{\"text\": \"a\"}\n{\"text\": \n")}, sitrep.EINVALID, "parse b.jsonl:2: invalid JSON: unexpected EOF"},
		{"too large", parse.Input{Name: "big.txt", Data: bytes.Repeat([]byte("a"), 64<<20+1)}, sitrep.ETOOLARGE, "parse big.txt: too large (67108865 bytes, limit 64 MiB)"},
		{"no name", parse.Input{Data: []byte{}}, sitrep.EINVALID, "parse -: empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := parse.Document(tt.input)
			if err == nil {
				t.Fatalf("got article %q, want error %q", a.Title, tt.message)
			}
			var e *sitrep.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %T %v, want *sitrep.Error", err, err)
			}
			if e.Code != tt.code {
				t.Errorf("code: got %q, want %q", e.Code, tt.code)
			}
			if err.Error() != tt.message {
				t.Errorf("message:\n got %q\nwant %q", err.Error(), tt.message)
			}
		})
	}
}

func TestDocumentInputs(t *testing.T) {
	t.Run("declared charset from content type", func(t *testing.T) {
		page := "<html><body><h1>Caf\xe9</h1><p>Le caf\xe9 a \xe9t\xe9 touch\xe9 par un obus mardi.</p></body></html>"
		a, err := parse.Document(parse.Input{Name: "u", Data: []byte(page), ContentType: "text/html; charset=ISO-8859-1"})
		if err != nil {
			t.Fatal(err)
		}
		if want := "Le café a été touché par un obus mardi."; a.Body != want {
			t.Errorf("body: got %q, want %q", a.Body, want)
		}
	})
	t.Run("fetched page already decoded", func(t *testing.T) {
		// A fetcher hands over UTF-8 even when the page's meta tag names
		// another charset; decoding again would garble it.
		page := `<html><head><meta charset="windows-1252"><title>Café</title></head><body><p>Le café a été touché.</p></body></html>`
		a, err := parse.Document(parse.Input{Name: "u", Data: []byte(page), ContentType: "text/html; charset=windows-1252"})
		if err != nil {
			t.Fatal(err)
		}
		if want := "Le café a été touché."; a.Body != want {
			t.Errorf("body: got %q, want %q", a.Body, want)
		}
	})
	t.Run("utf-16 with byte order mark", func(t *testing.T) {
		src := "Headline\n\nA paragraph of text."
		data := []byte{0xFF, 0xFE}
		for _, r := range src {
			data = append(data, byte(r), 0)
		}
		a, err := parse.Document(parse.Input{Name: "w.txt", Data: data})
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Headline" || a.Body != "A paragraph of text." {
			t.Errorf("got title %q body %q", a.Title, a.Body)
		}
	})
	t.Run("utf-8 byte order mark", func(t *testing.T) {
		a, err := parse.Document(parse.Input{Name: "b.txt", Data: []byte("\xEF\xBB\xBFHeadline\n\nBody.")})
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Headline" {
			t.Errorf("title: got %q, want %q", a.Title, "Headline")
		}
	})
	t.Run("single paragraph text has no title", func(t *testing.T) {
		a, err := parse.Document(parse.Input{Name: "p.txt", Data: []byte("Five people were killed in an air strike on a market, a monitor said.\n")})
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "" || a.Body != "Five people were killed in an air strike on a market, a monitor said." {
			t.Errorf("got title %q body %q", a.Title, a.Body)
		}
	})
	t.Run("relative date without reference time", func(t *testing.T) {
		a, err := parse.Document(parse.Input{Name: "r.txt", Data: []byte("Published: 5 years ago\nHeadline\n\nBody text.")})
		if err != nil {
			t.Fatal(err)
		}
		if a.Published != nil || a.PublishedText != "5 years ago" {
			t.Errorf("got published %v text %q, want nil and %q", a.Published, a.PublishedText, "5 years ago")
		}
	})
	t.Run("script-rendered page with text only in JSON-LD", func(t *testing.T) {
		page := `<html><head><script type="application/ld+json">{"@type": ["NewsArticle"], "headline": "Ceasefire extended",
			"author": "By Rana Aziz", "datePublished": "2021-03-02",
			"articleBody": "The ceasefire was extended by a week.\n\nBoth sides confirmed it."}</script></head>
			<body><div id="root"></div><script src="/app.js"></script></body></html>`
		a, err := parse.Document(parse.Input{Name: "spa.html", Data: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Ceasefire extended" || a.Byline != "Rana Aziz" || a.PublishedText != "2021-03-02" ||
			a.Body != "The ceasefire was extended by a week.\n\nBoth sides confirmed it." {
			t.Errorf("got title %q byline %q published %q body %q", a.Title, a.Byline, a.PublishedText, a.Body)
		}
	})
	t.Run("chrome line split over elements", func(t *testing.T) {
		page := `<html><body><article><h1>Headline</h1>
			<div class="meta"><span>Published: 2 days ago</span> | <span>Country: Syria, , Iraq</span> | <span>Topics: , ,</span></div>
			<p>First paragraph of the story, long enough to be the story.</p><p>Second paragraph.</p>
			<p>By the end of the day the road was open again.</p></article></body></html>`
		a, err := parse.Document(parse.Input{Name: "m.html", Data: []byte(page), Retrieved: retrieved})
		if err != nil {
			t.Fatal(err)
		}
		want := "First paragraph of the story, long enough to be the story.\n\nSecond paragraph.\n\nBy the end of the day the road was open again."
		if a.Body != want {
			t.Errorf("body:\n got %q\nwant %q", a.Body, want)
		}
		if got := strings.Join(a.PageCountries, ","); got != "Syria,Iraq" || a.PageTopics != nil || a.PublishedText != "2 days ago" {
			t.Errorf("got countries %q topics %q published %q", got, a.PageTopics, a.PublishedText)
		}
		if a.PublishedPrecision != sitrep.PrecisionDay || a.Published.Format("2006-01-02") != "2024-05-18" {
			t.Errorf("published: got %v (%s), want 2024-05-18 (day)", a.Published, a.PublishedPrecision)
		}
	})
	t.Run("masthead date is not the article's", func(t *testing.T) {
		story := `<h1>Headline of the story</h1><p>First paragraph of the story, long enough to be the story.</p>`
		for _, tc := range []struct{ page, want string }{
			{`<div class="top">Monday, 20 May 2024</div>` + story, ""},
			{story + `<div class="dateline">Friday, 17 May 2024</div>`, "Friday, 17 May 2024"},
		} {
			a, err := parse.Document(parse.Input{Name: "m.html", Data: []byte("<html><body>" + tc.page + "</body></html>")})
			if err != nil {
				t.Fatal(err)
			}
			if a.PublishedText != tc.want {
				t.Errorf("published: got %q, want %q", a.PublishedText, tc.want)
			}
		}
	})
	t.Run("deeply nested html", func(t *testing.T) {
		page := "<html><head><title>Deep page</title></head><body>" + strings.Repeat("<div>", 5000) +
			"<p>Text at the bottom of a very deep page.</p>" + strings.Repeat("</div>", 5000) + "</body></html>"
		a, err := parse.Document(parse.Input{Name: "deep.html", Data: []byte(page)})
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Deep page" || a.Body != "Text at the bottom of a very deep page." {
			t.Errorf("got title %q body %q", a.Title, a.Body)
		}
	})
	t.Run("huge html", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("<html><head><title>Long list</title></head><body><article><h1>Long list</h1>")
		for i := range 30000 {
			b.WriteString("<p>Entry ")
			b.WriteString(strings.Repeat("x", i%7+1))
			b.WriteString(" in a very long page of text.</p>")
		}
		b.WriteString("</article></body></html>")
		a, err := parse.Document(parse.Input{Name: "huge.html", Data: []byte(b.String())})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(a.Body, "\n\n") + 1; got != 30000 {
			t.Errorf("paragraphs: got %d, want 30000", got)
		}
	})
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name, file, contentType, data, want string
	}{
		{"html extension", "a.html", "", "Just text", "html"},
		{"htm extension upper case", "A.HTM", "", "", "html"},
		{"text extension", "a.txt", "", "<p>tags in a text file</p>", "text"},
		{"markdown", "notes.md", "", "# Title", "text"},
		{"json extension", "a.json", "", `{"text": "x"}`, "json"},
		{"json extension holding lines", "a.json", "", "{\"text\": \"x\"}\n{\"text\": \"y\"}\n", "jsonl"},
		{"pretty json object", "a.json", "", "{\n  \"text\": \"x\"\n}\n", "json"},
		{"jsonl extension", "a.jsonl", "", `{"text": "x"}`, "jsonl"},
		{"ndjson extension", "a.ndjson", "", "", "jsonl"},
		{"content type wins over url extension", "https://x.example/story.json", "text/html; charset=utf-8", "{", "html"},
		{"url path extension", "https://x.example/a/b.html?id=3", "", "", "html"},
		{"url without extension sniffed", "https://x.example/a/b", "", "<!DOCTYPE html><html>", "html"},
		{"ndjson content type", "-", "application/x-ndjson", "", "jsonl"},
		{"json content type", "-", "application/json", `{"a":1}`, "json"},
		{"sniff doctype", "-", "", "  <!doctype html>", "html"},
		{"sniff fragment", "-", "", "<p>Hello</p>", "html"},
		{"sniff tags after text", "-", "", "Title\n<div>Body</div>", "html"},
		{"sniff object", "-", "", `{"text": "x"}`, "json"},
		{"sniff lines", "-", "", "{\"text\": \"x\"}\n\n{\"text\": \"y\"}", "jsonl"},
		{"sniff array", "-", "", `[1]`, "json"},
		{"sniff text", "-", "", "Headline\n\nBody with a < sign.", "text"},
		{"less than sign first", "-", "", "< 5 killed", "text"},
		{"text/plain with unknown extension", "notes", "text/plain", "Headline\n\nBody", "text"},
		{"empty", "-", "", "", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := parse.Format(tt.file, tt.contentType, []byte(tt.data)); got != tt.want {
				t.Errorf("Format(%q, %q, %q): got %q, want %q", tt.file, tt.contentType, tt.data, got, tt.want)
			}
		})
	}
}

// TestDocumentValidUTF8 checks every fixture's output text is valid UTF-8.
func TestDocumentValidUTF8(t *testing.T) {
	for _, tc := range goldenCases {
		data, err := os.ReadFile(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		a, err := parse.Document(parse.Input{Name: tc.file, Data: data, Retrieved: retrieved})
		if err != nil {
			t.Fatalf("%s: %v", tc.file, err)
		}
		for field, s := range map[string]string{"title": a.Title, "body": a.Body, "byline": a.Byline} {
			if !utf8.ValidString(s) {
				t.Errorf("%s: %s not valid UTF-8", tc.file, field)
			}
		}
	}
}

// TestDocumentConcurrent parses the fixtures from several goroutines at
// once, as an ingester's workers do; run with -race it checks for shared
// state.
func TestDocumentConcurrent(t *testing.T) {
	want := map[string]string{}
	inputs := map[string][]byte{}
	for _, tc := range goldenCases {
		data, err := os.ReadFile(filepath.Join("testdata", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		a, err := parse.Document(parse.Input{Name: tc.file, Data: data, Retrieved: retrieved})
		if err != nil {
			t.Fatal(err)
		}
		want[tc.file], inputs[tc.file] = a.ContentHash, data
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			for name, data := range inputs {
				a, err := parse.Document(parse.Input{Name: name, Data: data, Retrieved: retrieved})
				if err == nil && a.ContentHash != want[name] {
					err = errors.New(name + ": content differs between runs")
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
