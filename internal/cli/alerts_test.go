package cli_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/alerts"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
)

// putClash stores an article reporting a battle in Syria, with its
// analysis made by hand (the extractor is not what is tested here).
func putClash(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pub := time.Now().UTC().Add(-time.Hour)
	body := "Militants attacked a convoy near Thiban on Tuesday."
	a := &sitrep.Article{Input: "clash.txt", Format: "text", Source: "Test Wire", URL: "https://wire.example/clash",
		Title: "Clash near Thiban", Body: body, Published: &pub, PublishedPrecision: sitrep.PrecisionMinute, Retrieved: pub,
		Analysis: &sitrep.Analysis{Events: []sitrep.Event{{Type: "Battles", SubType: "Armed clash", Actor1: "Islamic State (Syria)",
			Place: &sitrep.EventPlace{Name: "Thiban", Country: "SY", Lat: 35.01, Lon: 40.56, GeoPrecision: 1}, Start: 0, End: len(body)}}}}
	a.Normalize()
	if _, err := db.PutArticles(ctx, []*sitrep.Article{a}); err != nil {
		t.Fatal(err)
	}
}

func TestAlertsCommands(t *testing.T) {
	var mu sync.Mutex
	var got []*http.Request
	var bodies [][]byte
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got, bodies = append(got, r), append(bodies, b)
		mu.Unlock()
	}))
	defer hook.Close()
	db := filepath.Join(t.TempDir(), "alerts.db")

	code, _, errOut := runMain(t, "", "--db", db, "alerts", "add", "--name", "Everything")
	if code != 1 || !strings.Contains(errOut, "needs a query or at least one filter") {
		t.Errorf("add without a filter: exit %d, stderr %q", code, errOut)
	}
	if code, _, _ := runMain(t, "", "--db", db, "alerts", "add", "--name", "x", "--near", "35,40"); code != 2 {
		t.Errorf("--near without --radius-km: exit %d, want 2", code)
	}
	if code, _, _ := runMain(t, "", "--db", db, "alerts", "add", "--country", "SY"); code != 2 {
		t.Errorf("add without --name: exit %d, want 2", code)
	}
	code, out, errOut := runMain(t, "", "--db", db, "alerts", "add", "--name", "Syria battles", "--country", "sy",
		"--event-type", "Battles", "--near", "35,40.5", "--radius-km", "50", "--webhook", hook.URL+"/in", "--secret", "s3cret")
	if code != 0 || !strings.Contains(out, "added alert 1") || !strings.Contains(out, "/alerts/1/feed.atom?token=") || !strings.Contains(out, "secret: s3cret") {
		t.Fatalf("add: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	putClash(t, db)
	code, out, errOut = runMain(t, "", "--db", db, "alerts", "run", "--json")
	if code != 0 {
		t.Fatalf("run: exit %d, %s", code, errOut)
	}
	var st alerts.CycleStats
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("run --json output %q: %v", out, err)
	}
	if st.Indexed != 1 || st.Match.Matches != 1 || st.Deliver.Delivered != 1 {
		t.Errorf("run: %+v, want 1 indexed, 1 match, 1 delivered", st)
	}
	mu.Lock()
	if len(got) != 1 || got[0].URL.Path != "/in" || !alerts.Verify("s3cret", bodies[0], got[0].Header.Get(alerts.HeaderSignature)) {
		t.Errorf("webhook received %d requests; want one to /in, signed", len(got))
	}
	mu.Unlock()

	code, out, _ = runMain(t, "", "--db", db, "alerts", "run")
	if code != 0 || !strings.Contains(out, "0 new matches") {
		t.Errorf("second run: exit %d, %q; want no new matches", code, out)
	}

	code, out, _ = runMain(t, "", "--db", db, "alerts", "list")
	if code != 0 || !strings.Contains(out, "Syria battles") || !strings.Contains(out, "country SY; Battles; within 50 km of 35,40.5") ||
		!strings.Contains(out, "1 delivered, 0 pending, 0 failed") {
		t.Errorf("list: exit %d:\n%s", code, out)
	}
	code, out, _ = runMain(t, "", "--db", db, "alerts", "list", "--json")
	var list []struct {
		ID     int64              `json:"id"`
		Feed   string             `json:"feed"`
		Secret string             `json:"secret"`
		Stats  *sitrep.AlertStats `json:"stats"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 {
		t.Fatalf("list --json: exit %d, %v: %s", code, err, out)
	}
	if len(list) != 1 || list[0].Secret != "s3cret" || list[0].Stats == nil || list[0].Stats.Matches != 1 || !strings.HasPrefix(list[0].Feed, "/alerts/1/feed.atom?token=") {
		t.Errorf("list --json: %+v", list)
	}

	if code, out, _ := runMain(t, "", "--db", db, "alerts", "remove", "1"); code != 0 || !strings.Contains(out, "removed alert 1") {
		t.Errorf("remove: exit %d, %q", code, out)
	}
	if code, _, errOut := runMain(t, "", "--db", db, "alerts", "remove", "1"); code != 1 || !strings.Contains(errOut, "alert 1 not found") {
		t.Errorf("second remove: exit %d, %q", code, errOut)
	}
	if code, _, _ := runMain(t, "", "--db", db, "alerts", "remove", "one"); code != 2 {
		t.Errorf("remove one: exit %d, want 2", code)
	}
}
