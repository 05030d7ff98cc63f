package web_test

// The security suite, part three: SQL and full-text query injection
// through every filter, search, paging and path parameter of the site,
// the API, the feeds and the exports. Each payload's answer is compared
// with its benign twin's, a value of the same meaning without SQL or
// FTS5 syntax: it must be a 200 with the same rows, or a 400 in the
// error shape, never a 500 or a database error, and the database must be
// the same afterwards.

import (
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep-project/sitrep/internal/index"
	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// attachProbe is where the ATTACH payload would create a database.
var attachProbe = filepath.Join(os.TempDir(), "sitrep-sqli-probe.db")

// sqlPayloads are classic SQL injections, FTS5 query syntax and values
// that break number and date parsing.
var sqlPayloads = []string{
	`' OR 1=1--`,
	`' OR '1'='1`,
	`" OR ""="`,
	`' OR 1=1 /*`,
	`') OR ('1'='1`,
	`1' OR '1'='1' --`,
	`'/**/OR/**/1=1--`,
	`1 OR 1=1`,
	`"; DROP TABLE articles;--`,
	`'; DROP TABLE articles;--`,
	`1; DELETE FROM articles`,
	`1) UNION SELECT name, sql FROM sqlite_master--`,
	`' UNION SELECT NULL, NULL, NULL--`,
	`x' UNION ALL SELECT id FROM articles--`,
	`'||(SELECT sql FROM sqlite_master)||'`,
	`' AND randomblob(500000000)--`,
	`' AND 1=(SELECT COUNT(*) FROM articles a, articles b, articles c)--`,
	`'; ATTACH DATABASE '` + attachProbe + `' AS pwn;--`,
	`'; PRAGMA writable_schema=1;--`,
	`＇ OR １=１--`,
	`%27%20OR%201%3D1--`,
	`%`,
	`_`,
	`%' --`,
	`'`,
	`"`,
	`\`,
	`\'`,
	"\x00",
	"ambush\x00' OR 1=1--",
	`*`,
	`ambush*`,
	`NEAR(`,
	`NEAR(ambush convoy, 2)`,
	`title:`,
	`title:ambush`,
	`{title body}: ambush`,
	`^ambush`,
	`ambush AND NOT convoy`,
	`ambush OR shelling`,
	`shelling NOT hermel`,
	`(`,
	`)`,
	`"ambush`,
	`ambush"`,
	`-ambush`,
	`+ambush`,
	`0x27`,
	`CHAR(39)`,
	`-1`,
	`0`,
	`99999999999999999999`,
	`1e308`,
	`NaN`,
	`-9223372036854775808`,
	strings.Repeat("A' OR 1=1--", 30),
}

// sqlCursors are cursors crafted with injections inside: valid encoding,
// hostile fields.
var sqlCursors = []string{
	cursorOf(`{"d":"9999-12-31' OR 1=1--","i":1}`),
	cursorOf(`{"s":"' OR 1=1--","q":1}`),
	cursorOf(`{"o":-1}`),
	cursorOf(`{"o":99999999}`),
	cursorOf(`{"o":1e30}`),
	cursorOf(`{"i":"1 OR 1=1"}`),
	cursorOf(`[1,2,3]`),
}

func cursorOf(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

// Parameter kinds, by how a benign twin of a payload is made.
const (
	kindWords   = iota // full-text: the payload's words, lower case, so no operator
	kindSlug           // matched by slug: the payload's slug
	kindExact          // matched as it is: a value nothing has
	kindChecked        // parsed: absent (the payload can only be refused or mean what absence means)
	kindIgnored        // not a parameter: absent
)

var paramKinds = map[string]int{
	"q": kindWords, "actor": kindSlug, "source": kindSlug,
	"type": kindExact, "sub_type": kindExact, "place": kindExact, "topic": kindExact,
	"country": kindChecked, "since": kindChecked, "until": kindChecked, "bbox": kindChecked, "all": kindChecked,
	"limit": kindChecked, "cursor": kindChecked, "page": kindChecked, "after": kindChecked, "token": kindChecked,
	"offset": kindIgnored, "order": kindIgnored, "sort": kindIgnored,
}

var word = regexp.MustCompile(`[\p{L}\p{N}]+`)

// twin returns the benign value of payload p in a parameter of kind, ""
// for absent; ok is false when p has no benign meaning there (words
// without words), and must be refused.
func twin(kind int, p string) (v string, ok bool) {
	switch kind {
	case kindWords:
		words := word.FindAllString(strings.ToLower(p), -1)
		return strings.Join(words, " "), len(words) > 0
	case kindSlug:
		return index.Slug(p), true
	case kindExact:
		return "zz-none", true
	}
	return "", true
}

// sqlTarget is a URL to attack, its parameters and how to count the rows
// of its answer (nil: a page, judged by its status).
type sqlTarget struct {
	path  string
	free  []string // sent at once, each with its own twin
	alone []string // sent one by one
	count func(body string) (int, error)
	api   bool // errors in the API's JSON shape
	// prefix: q is a name prefix, matched by slug, not a search.
	prefix bool
}

var (
	filterFree    = []string{"type", "sub_type", "actor", "place", "topic", "source"}
	filterChecked = []string{"country", "since", "until", "bbox", "all"}
	notParams     = []string{"offset", "order", "sort"}
)

// sqlTargets: the API's events take every parameter alone; the other
// endpoints parse the same filter with the same code (index.ParseFilter),
// and take the unchecked filters at once, and their own parameters and
// a few checked filters alone.
func sqlTargets() []sqlTarget {
	cat := func(lists ...[]string) []string {
		var out []string
		for _, l := range lists {
			out = append(out, l...)
		}
		return out
	}
	few := []string{"country", "since"}
	return []sqlTarget{
		{"/api/v1/events", notParams, cat(filterFree, filterChecked, []string{"limit", "cursor"}), countData, true, false},
		{"/api/v1/articles", cat(filterFree, notParams), cat(filterChecked, []string{"limit", "cursor"}), countData, true, false},
		{"/api/v1/search", cat(filterFree, notParams), cat([]string{"q"}, filterChecked, []string{"limit", "cursor"}), countTotal, true, false},
		{"/api/v1/places", nil, []string{"q", "country", "limit", "cursor"}, countData, true, true},
		{"/api/v1/actors", nil, []string{"q", "country", "limit", "cursor"}, countData, true, true},
		{"/api/v1/stories", nil, []string{"country", "limit", "cursor"}, countData, true, false},
		{"/stories", nil, []string{"country", "page"}, nil, false, false},
		{"/export/events.csv", filterFree, few, countCSV, false, false},
		{"/export/events.geojson", filterFree, few, countGeoJSON, false, false},
		{"/export/articles.jsonl", filterFree, few, countLines, false, false},
		{"/search/feed.atom", cat([]string{"q"}, filterFree), few, countAtom, false, false},
		{"/search/feed.json", cat([]string{"q"}, filterFree), few, countJSONFeed, false, false},
		{"/search", cat([]string{"q"}, filterFree), cat(filterChecked, []string{"page"}), nil, false, false},
		// The map parses its filter as the API's events do; each checked
		// filter that is wrong draws the whole map, the slowest page.
		{"/map", filterFree, []string{"country"}, nil, false, false},
		{"/country/SY", nil, []string{"after"}, nil, false, false},
		{"/topic/20000056", nil, []string{"after"}, nil, false, false},
		{"/moderation", nil, []string{"page"}, nil, false, false},
		{"/alerts/1/feed.atom", nil, []string{"token"}, nil, false, false},
	}
}

func countData(body string) (int, error) {
	var v struct {
		Data []json.RawMessage `json:"data"`
	}
	err := json.Unmarshal([]byte(body), &v)
	return len(v.Data), err
}

func countTotal(body string) (int, error) {
	var v struct {
		Total *int `json:"total"`
	}
	if err := json.Unmarshal([]byte(body), &v); err != nil || v.Total == nil {
		return 0, fmt.Errorf("no total: %v", err)
	}
	return *v.Total, nil
}

func countCSV(body string) (int, error) {
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	return len(rows) - 1, err
}

func countGeoJSON(body string) (int, error) {
	var v struct {
		Features []json.RawMessage `json:"features"`
	}
	err := json.Unmarshal([]byte(body), &v)
	return len(v.Features), err
}

func countLines(body string) (int, error) { return strings.Count(body, "\n"), nil }

func countAtom(body string) (int, error) {
	var v struct {
		Entries []struct{} `xml:"entry"`
	}
	err := xml.Unmarshal([]byte(body), &v)
	return len(v.Entries), err
}

func countJSONFeed(body string) (int, error) {
	var v struct {
		Items []json.RawMessage `json:"items"`
	}
	err := json.Unmarshal([]byte(body), &v)
	return len(v.Items), err
}

// dbLeak matches what a database error would show of the database (none
// of the payloads contains these, so an echo of one is no match).
var dbLeak = regexp.MustCompile(`(?i:SQL logic error|syntax error|no such (?:table|column|function)|unrecognized token|fts5: |sqlite3|modernc|database is locked|constraint failed)|SQLITE_(?:ERROR|BUSY|LOCKED|CONSTRAINT|CORRUPT|MISUSE|IOERR|RANGE|TOOBIG|NOMEM)`)

// kind is how parameter k of t is matched.
func (t sqlTarget) kind(k string) int {
	if k == "q" && t.prefix {
		return kindSlug
	}
	return paramKinds[k]
}

// sqlAttempt is one request and the answer it must match: refused, or
// its twin's rows (at most those, when the parameter may narrow them).
type sqlAttempt struct {
	uri, twinURI string
	mustRefuse   bool
	mayNarrow    bool
	target       sqlTarget
}

func TestSecuritySQLInjection(t *testing.T) {
	if testing.Short() {
		t.Skip("security suite in -short mode")
	}
	os.Remove(attachProbe)
	n := startFullNewsroom(t)
	ctx := t.Context()
	if err := n.alerts.Create(ctx, &sitrep.Alert{Name: "Syria", Country: "SY"}); err != nil {
		t.Fatal(err)
	}
	editor := n.logIn(t, editorName)
	schema := func() string {
		var b strings.Builder
		rows, err := n.db.SQL().QueryContext(ctx, "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY name")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var typ, name, sql string
			rows.Scan(&typ, &name, &sql)
			fmt.Fprintf(&b, "%s %s %s\n", typ, name, sql)
		}
		return b.String()
	}
	var stored int
	if err := n.db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&stored); err != nil || stored != len(indextest.All()) {
		t.Fatalf("%d articles stored (%v), want %d", stored, err, len(indextest.All()))
	}
	beforeSchema, before := schema(), fingerprint(t, n.db)

	var attempts []sqlAttempt
	for _, tg := range sqlTargets() {
		for _, p := range sqlPayloads {
			if len(tg.free) > 0 {
				a := sqlAttempt{target: tg}
				q, tq := url.Values{}, url.Values{}
				for _, k := range tg.free {
					q.Set(k, p)
					v, ok := twin(tg.kind(k), p)
					a.mustRefuse = a.mustRefuse || !ok
					if v != "" {
						tq.Set(k, v)
					}
				}
				a.uri, a.twinURI = tg.path+"?"+q.Encode(), tg.path+"?"+tq.Encode()
				attempts = append(attempts, a)
			}
		}
		for _, k := range tg.alone {
			values := sqlPayloads
			if k == "cursor" || k == "after" {
				values = append(append([]string{}, sqlPayloads...), sqlCursors...)
			}
			for _, p := range values {
				v, ok := twin(tg.kind(k), p)
				a := sqlAttempt{target: tg, uri: tg.path + "?" + url.Values{k: {p}}.Encode(), twinURI: tg.path, mustRefuse: !ok,
					mayNarrow: tg.kind(k) == kindChecked}
				if v != "" {
					a.twinURI += "?" + url.Values{k: {v}}.Encode()
				}
				attempts = append(attempts, a)
			}
		}
	}
	for _, p := range sqlPayloads {
		s := url.PathEscape(p)
		for _, path := range []string{"/api/v1/articles/" + s, "/article/" + s, "/country/" + s, "/topic/" + s, "/actor/" + s, "/place/sy/" + s,
			"/story/" + s, "/api/v1/stories/" + s} {
			attempts = append(attempts, sqlAttempt{uri: path, target: sqlTarget{path: path, api: strings.HasPrefix(path, "/api/")}})
		}
	}

	var (
		mu      sync.Mutex
		twins   = map[string]int{}
		refused int
		same    int
	)
	result := func(c *http.Client, uri string) (int, string) {
		res, err := c.Get(n.srv.URL() + uri)
		if err != nil {
			t.Errorf("GET %s: %v", uri, err)
			return 0, ""
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	check := func(c *http.Client, a sqlAttempt) {
		status, body := result(c, a.uri)
		switch {
		case status >= 500 || status == 0:
			t.Errorf("GET %s: status %d", a.uri, status)
			return
		case dbLeak.MatchString(body):
			t.Errorf("GET %s: the answer shows the database: %q", a.uri, dbLeak.FindString(body))
			return
		case status == 404:
			if a.target.api && !errorShape(body, sitrep.ENOTFOUND) {
				t.Errorf("GET %s: 404 not in the API's error shape: %.200s", a.uri, body)
			}
			mu.Lock()
			refused++
			mu.Unlock()
			return
		case status == 400:
			if a.target.api && !errorShape(body, sitrep.EINVALID) {
				t.Errorf("GET %s: 400 not in the API's error shape: %.200s", a.uri, body)
			}
			mu.Lock()
			refused++
			mu.Unlock()
			return
		case status != 200 || a.twinURI == "":
			t.Errorf("GET %s: status %d, want 200, 400 or 404", a.uri, status)
			return
		case a.mustRefuse:
			t.Errorf("GET %s: 200, want 400: the value has no words to search for", a.uri)
			return
		case a.target.count == nil:
			mu.Lock()
			same++
			mu.Unlock()
			return
		}
		got, err := a.target.count(body)
		if err != nil {
			t.Errorf("GET %s: %v", a.uri, err)
			return
		}
		mu.Lock()
		want, ok := twins[a.twinURI]
		mu.Unlock()
		if !ok {
			status, body := result(c, a.twinURI)
			if status != 200 {
				t.Errorf("benign twin %s of %s: status %d", a.twinURI, a.uri, status)
				return
			}
			if want, err = a.target.count(body); err != nil {
				t.Errorf("GET %s: %v", a.twinURI, err)
				return
			}
			mu.Lock()
			twins[a.twinURI] = want
			mu.Unlock()
		}
		if got > want || got < want && !a.mayNarrow {
			t.Errorf("GET %s: %d rows, its benign twin %s has %d", a.uri, got, a.twinURI, want)
			return
		}
		mu.Lock()
		same++
		mu.Unlock()
	}
	work := make(chan sqlAttempt)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range work {
				check(editor, a)
			}
		}()
	}
	for _, a := range attempts {
		work <- a
	}
	close(work)
	wg.Wait()

	if after := schema(); after != beforeSchema {
		t.Errorf("the schema changed:\nbefore:\n%s\nafter:\n%s", beforeSchema, after)
	}
	if fingerprint(t, n.db) != before {
		t.Error("the database changed")
	}
	var left int
	if err := n.db.SQL().QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&left); err != nil || left != stored {
		t.Errorf("%d articles left (%v), want %d", left, err, stored)
	}
	if _, err := os.Stat(attachProbe); err == nil {
		t.Errorf("%s exists: an ATTACH ran", attachProbe)
	}
	t.Logf("SQL injection: %d payloads and %d crafted cursors, %d requests over %d endpoints: %d refused (400/404), %d answered with their benign twin's rows, 0 errors",
		len(sqlPayloads), len(sqlCursors), len(attempts), len(sqlTargets())+8, refused, same)
}

// errorShape reports whether body is the API's error with code.
func errorShape(body, code string) bool {
	var e struct {
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	return json.Unmarshal([]byte(body), &e) == nil && e.Error.Code == code && e.Error.Message != ""
}
