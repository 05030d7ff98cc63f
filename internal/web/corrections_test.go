package web_test

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/correct"
	"github.com/sitrep-project/sitrep/internal/index/indextest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/internal/web"
)

// withCorrections turns corrections on, kept in the site's own store.
func withCorrections(c *web.Config) { c.Corrections = c.Store.(sitrep.CorrectionStore) }

func startCorrections(t *testing.T) (*web.Server, *sqlite.DB) {
	t.Helper()
	return startNewsroom(t, []func(*web.Config){withCorrections}, indextest.All()...)
}

// correction posts one correction form of the ambush article.
func correction(t *testing.T, c *http.Client, srv *web.Server, values url.Values) (*http.Response, string) {
	t.Helper()
	return postForm(t, c, srv, "/article/"+indextest.Ambush().ID+"/corrections", values)
}

var (
	ambushBattle = correct.EventKey(indextest.Ambush().Analysis.Events[0])
	ambushAttack = correct.EventKey(indextest.Ambush().Analysis.Events[1])
)

func TestCorrectionsByAnEditor(t *testing.T) {
	srv, db := startCorrections(t)
	editor := loginAs(t, srv, db, "rana", sitrep.RoleEditor)
	id := indextest.Ambush().ID
	page := "/article/" + id

	_, body := fetch(t, editor, srv, page)
	contains(t, "editor's article page", body, `id="corrections-heading"`, `name="key" value="`+ambushBattle+`"`,
		`aria-label="Confirm event 1"`, "Add a missing event", `<optgroup label="Battles">`, "Add a country", "No corrections yet.")

	steps := []struct {
		name   string
		values url.Values
	}{
		{"reject the denied attack", url.Values{"target": {"event"}, "action": {"reject"}, "key": {ambushAttack}, "note": {"the text denies it"}}},
		{"confirm the battle", url.Values{"target": {"event"}, "action": {"confirm"}, "key": {ambushBattle}}},
		{"edit the battle's toll", url.Values{"target": {"event"}, "action": {"edit"}, "key": {ambushBattle},
			"sub_type": {"Armed clash"}, "actor1": {"Islamic State (Syria)"}, "actor2": {"QSD: Syrian Democratic Forces"},
			"place_name": {"Thiban"}, "place_country": {"SY"}, "place_lat": {"35.01"}, "place_lon": {"40.56"},
			"date": {"2026-10-06"}, "fatalities": {"9"}}},
		{"add a missing event", url.Values{"target": {"event"}, "action": {"add"}, "key": {"new:test1"}, "sub_type": {"Abduction/forced disappearance"},
			"actor1": {"Islamic State (Syria)"}, "actor2": {"Civilians (Syria)"}, "place_name": {"Deir ez-Zor"}, "place_country": {"sy"},
			"place_lat": {"35.33"}, "place_lon": {"40.14"}, "date": {"2026-10-05"}, "fatalities": {""}}},
		{"add a country", url.Values{"target": {"country"}, "action": {"add"}, "code": {"tr"}}},
		{"reject a country", url.Values{"target": {"country"}, "action": {"reject"}, "key": {"IQ"}}},
		{"confirm a topic", url.Values{"target": {"topic"}, "action": {"confirm"}, "key": {"medtop:16000000"}}},
		{"confirm a place", url.Values{"target": {"place"}, "action": {"confirm"}, "key": {"69:75"}}},
		{"edit an actor", url.Values{"target": {"actor"}, "action": {"edit"}, "key": {"18:31"}, "name": {"Islamic State"},
			"kind": {"political militia"}, "country": {""}}},
	}
	for _, st := range steps {
		res, body := correction(t, editor, srv, st.values)
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), page+"?correction=saved#") {
			t.Fatalf("%s: status %d, location %q: %.400s", st.name, res.StatusCode, res.Header.Get("Location"), body)
		}
	}
	cs, err := db.Corrections(t.Context(), sitrep.CorrectionFilter{ArticleID: id})
	if err != nil || len(cs) != len(steps) {
		t.Fatalf("stored %d corrections (%v), want %d", len(cs), err, len(steps))
	}
	if cs[0].Editor != "rana" || cs[0].Note != "the text denies it" {
		t.Errorf("first correction = %+v, want rana's with her note", cs[0])
	}
	// The edit records only what changed.
	if got, want := string(cs[2].Value), `{"fatalities":9}`; got != want {
		t.Errorf("edit value = %s, want %s", got, want)
	}

	// Everyone sees the corrected article, verified findings marked.
	_, body = get(t, srv, page)
	contains(t, "reader's article page", body, `Events <span class="count">2</span>`, "Abduction/forced disappearance", ">9<",
		`badge-verified`, `/country/TR`, "hl-verified")
	for _, absent := range []string{`event-quote">The group denied`, `/country/IQ"`, "corrections-heading", `value="reject"`} {
		if strings.Contains(body, absent) {
			t.Errorf("reader's page still has %q", absent)
		}
	}
	if n := strings.Count(body, `class="badge badge-verified"`); n != 4 {
		t.Errorf("%d verified badges, want 4 (two events, a country, a topic)", n)
	}

	// The API and the exports show the same.
	_, apiBody := get(t, srv, "/api/v1/events?country=SY")
	var events struct {
		Data []struct {
			SubType    string `json:"sub_type"`
			Fatalities *int   `json:"fatalities"`
			Verified   bool   `json:"verified"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(apiBody), &events); err != nil || len(events.Data) != 2 {
		t.Fatalf("API events: %v: %s", err, apiBody)
	}
	for _, e := range events.Data {
		if !e.Verified {
			t.Errorf("API event %s not verified", e.SubType)
		}
	}
	_, artBody := get(t, srv, "/api/v1/articles/"+id)
	var art struct {
		Data sitrep.Article `json:"data"`
	}
	if err := json.Unmarshal([]byte(artBody), &art); err != nil || art.Data.Analysis == nil || len(art.Data.Analysis.Events) != 2 ||
		!art.Data.Analysis.Events[0].Verified || *art.Data.Analysis.Events[0].Fatalities != 9 || art.Data.Analysis.Countries[len(art.Data.Analysis.Countries)-1].Code != "TR" {
		t.Errorf("API article: %v: %.600s", err, artBody)
	}
	_, csvBody := get(t, srv, "/export/events.csv?country=SY")
	rows, err := csv.NewReader(strings.NewReader(csvBody)).ReadAll()
	if err != nil || len(rows) != 3 || rows[0][len(rows[0])-1] != "verified" || rows[1][len(rows[1])-1] != "true" {
		t.Errorf("CSV export: %v\n%s", err, csvBody)
	}
	_, geo := get(t, srv, "/export/events.geojson?country=SY")
	if strings.Count(geo, `"verified":true`) != 2 {
		t.Errorf("GeoJSON export lacks verified properties: %.300s", geo)
	}
	_, jsonl := get(t, srv, "/export/articles.jsonl?country=SY")
	if !strings.Contains(jsonl, `"verified":true`) || strings.Contains(jsonl, `"attacking"`) {
		t.Errorf("JSONL export is not the corrected article: %.300s", jsonl)
	}

	// The history lists every correction, newest first; revoking the
	// rejection brings the event back.
	_, body = fetch(t, editor, srv, page)
	contains(t, "editor's history", body, "the text denies it", "reject event", "Revoke correction")
	res, _ := postForm(t, editor, srv, "/corrections/"+itoa(cs[0].ID)+"/revoke", nil)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "correction=revoked") {
		t.Fatalf("revoke: status %d, location %q", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = get(t, srv, page)
	contains(t, "page after revoking", body, `Events <span class="count">3</span>`, `event-quote">The group denied`)
	if res, _ := postForm(t, editor, srv, "/corrections/"+itoa(cs[0].ID)+"/revoke", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("revoking twice: status %d, want 409", res.StatusCode)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestCorrectionsRefused(t *testing.T) {
	srv, db := startCorrections(t)
	editor := loginAs(t, srv, db, "rana", sitrep.RoleEditor)
	reject := url.Values{"target": {"event"}, "action": {"reject"}, "key": {ambushBattle}}
	tests := []struct {
		name   string
		client *http.Client
		values url.Values
		status int
		want   string
	}{
		{"anonymous", newClient(t), reject, http.StatusUnauthorized, "Log in"},
		{"no CSRF token", editor, url.Values{"csrf": {""}, "target": {"event"}, "action": {"reject"}, "key": {ambushBattle}},
			http.StatusForbidden, "did not come from this site"},
		{"another session's token", editor, url.Values{"csrf": {csrfFrom(t, newClient(t), srv)}, "target": {"event"}, "action": {"reject"},
			"key": {ambushBattle}}, http.StatusForbidden, "did not come from this site"},
		{"unknown sub-type", editor, url.Values{"target": {"event"}, "action": {"edit"}, "key": {ambushBattle}, "sub_type": {"Skirmish"}},
			http.StatusBadRequest, "not an ACLED sub-event type"},
		{"edit that changes nothing", editor, url.Values{"target": {"actor"}, "action": {"edit"}, "key": {"18:31"}, "name": {"Islamic State"},
			"kind": {"rebel group"}}, http.StatusBadRequest, "changes nothing"},
		{"finding gone", editor, url.Values{"target": {"place"}, "action": {"edit"}, "key": {"1:2"}, "name": {"X"}},
			http.StatusBadRequest, "reload the page"},
		{"bad latitude", editor, url.Values{"target": {"place"}, "action": {"edit"}, "key": {"69:75"}, "name": {"Thiban"},
			"lat": {"north"}, "lon": {"40"}}, http.StatusBadRequest, "not a number"},
		{"unknown action", editor, url.Values{"target": {"event"}, "action": {"delete"}, "key": {ambushBattle}},
			http.StatusBadRequest, "unknown action"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := correction(t, tt.client, srv, tt.values)
			if res.StatusCode != tt.status || !strings.Contains(body, tt.want) {
				t.Errorf("status %d, want %d with %q: %.300s", res.StatusCode, tt.status, tt.want, body)
			}
		})
	}
	if cs, err := db.Corrections(t.Context(), sitrep.CorrectionFilter{}); err != nil || len(cs) != 0 {
		t.Errorf("stored %d corrections (%v), want none", len(cs), err)
	}
	// A reader's page has no correction forms.
	_, body := get(t, srv, "/article/"+indextest.Ambush().ID)
	if strings.Contains(body, "corrections-heading") || strings.Contains(body, `/corrections"`) {
		t.Error("a reader sees the correction forms")
	}
}

// TestCorrectionsEscaped: what an editor types is text wherever it shows.
func TestCorrectionsEscaped(t *testing.T) {
	srv, db := startCorrections(t)
	editor := loginAs(t, srv, db, "rana", sitrep.RoleEditor)
	const evil = `<script>alert("x")</script>`
	for _, v := range []url.Values{
		{"target": {"actor"}, "action": {"edit"}, "key": {"18:31"}, "name": {evil}, "kind": {"rebel group"}, "note": {evil}},
		{"target": {"event"}, "action": {"edit"}, "key": {ambushBattle}, "sub_type": {"Armed clash"}, "actor1": {evil},
			"actor2": {"QSD: Syrian Democratic Forces"}, "place_name": {`"><img src=x onerror=alert(1)>`}, "place_country": {"SY"},
			"place_lat": {"35.01"}, "place_lon": {"40.56"}, "date": {"2026-10-06"}, "fatalities": {"7"}},
	} {
		if res, body := correction(t, editor, srv, v); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("status %d: %.300s", res.StatusCode, body)
		}
	}
	for _, c := range []*http.Client{editor, newClient(t)} {
		_, body := fetch(t, c, srv, "/article/"+indextest.Ambush().ID)
		if strings.Contains(body, "<script>alert") || strings.Contains(body, "<img src=x") {
			t.Errorf("markup from a correction reached the page unescaped")
		}
		contains(t, "article page", body, "&lt;script&gt;alert(")
	}
}

func TestCorrectionsOff(t *testing.T) {
	srv, db := startNewsroom(t, nil, indextest.All()...)
	editor := loginAs(t, srv, db, "rana", sitrep.RoleEditor)
	res, _ := correction(t, editor, srv, url.Values{"target": {"event"}, "action": {"reject"}, "key": {ambushBattle}})
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("POST without a correction store: status %d, want 404", res.StatusCode)
	}
	_, body := fetch(t, editor, srv, "/article/"+indextest.Ambush().ID)
	if strings.Contains(body, "corrections-heading") {
		t.Error("correction forms shown without a correction store")
	}
}
