package connect_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/connect"
	"github.com/sitrep-project/sitrep/internal/extract"
	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/ingest"
	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/sqlite"
	"github.com/sitrep-project/sitrep/samples"
)

// retrieval is the notional retrieval time the sample corpus's relative
// dates ("Published: 2 days ago") count from.
var retrieval = time.Date(2026, 10, 15, 12, 0, 0, 0, time.UTC)

// gold is one line of samples/stories.tsv.
type gold struct {
	file, story, role, notes string
}

func readGold(t *testing.T) []gold {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "samples", "stories.tsv"))
	if err != nil {
		t.Fatalf("read gold: %v", err)
	}
	var out []gold
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(line, "\t")
		if i == 0 {
			continue
		}
		if len(f) != 4 {
			t.Fatalf("stories.tsv line %d: %d fields, want 4", i+1, len(f))
		}
		out = append(out, gold{f[0], f[1], f[2], f[3]})
	}
	return out
}

// corpus is the sample corpus ingested through the real pipeline.
type corpus struct {
	db      *sqlite.DB
	conn    *connect.Connector
	gold    []gold
	idOf    map[string]string // gold file -> stored article id
	storyOf map[string]string // article id -> story id
	stories map[string]*sitrep.Story
}

// items records every ingested item, to map inputs to article ids.
type items struct {
	mu  sync.Mutex
	all []ingest.Item
}

func (p *items) Total(int) {}
func (p *items) Done(it ingest.Item) {
	p.mu.Lock()
	p.all = append(p.all, it)
	p.mu.Unlock()
}

// ingestCorpus copies the sample corpus to a directory dated at the
// retrieval time and ingests it with the real extractor and connector, in
// batches of batchSize.
func ingestCorpus(t *testing.T, batchSize int) *corpus {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(samples.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".go") {
			return err
		}
		data, err := fs.ReadFile(samples.FS, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			return err
		}
		return os.Chtimes(target, retrieval, retrieval)
	})
	if err != nil {
		t.Fatalf("copy samples: %v", err)
	}
	db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "corpus.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	x, err := extract.Load(extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	conn := connect.New(db, connect.Options{})
	rec := &items{}
	in := ingest.New(db, ingest.Options{
		Analyze:   func(a *sitrep.Article) { a.Analysis = x.Analyze(extract.DocumentOf(a)) },
		Connect:   conn.Connect,
		Progress:  rec,
		Workers:   2,
		BatchSize: batchSize,
	})
	sum, err := in.Run(t.Context(), []string{dir}, nil)
	if err != nil || sum.Failed > 0 {
		t.Fatalf("ingest: %v, %s", err, sum)
	}

	c := &corpus{db: db, conn: conn, gold: readGold(t), idOf: map[string]string{}, storyOf: map[string]string{}, stories: map[string]*sitrep.Story{}}
	lineIDs := jsonlIDs(t, filepath.Join(dir, "batch.jsonl"))
	byInput := map[string]string{}
	for _, it := range rec.all {
		id := it.ID
		if it.DuplicateOf != "" {
			id = it.DuplicateOf
		}
		rel, err := filepath.Rel(dir, it.Input)
		if err != nil {
			t.Fatal(err)
		}
		rel = filepath.ToSlash(rel)
		if name, line, ok := strings.Cut(rel, ":"); ok && name == "batch.jsonl" {
			rel = "batch.jsonl#" + lineIDs[line]
		}
		byInput[rel] = id
	}
	for _, g := range c.gold {
		id, ok := byInput[g.file]
		if !ok {
			t.Fatalf("gold file %s was not ingested", g.file)
		}
		c.idOf[g.file] = id
	}
	list, err := db.Stories(t.Context(), sitrep.StoryFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		full, err := db.Story(t.Context(), s.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.stories[s.ID] = full
		for _, a := range full.Articles {
			c.storyOf[a.ID] = s.ID
		}
	}
	return c
}

// jsonlIDs maps the line numbers of a JSONL file to the ids its lines give.
func jsonlIDs(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var line struct{ ID string }
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		out[fmt.Sprint(n)] = line.ID
	}
	return out
}

// pairScore is pairwise precision, recall and F1 of co-membership.
type pairScore struct {
	tp, fp, fn            int
	precision, recall, f1 float64
}

func scorePairs(gold, got map[string]string) pairScore {
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var s pairScore
	for i := range ids {
		for j := range i {
			a, b := ids[i], ids[j]
			same := gold[a] == gold[b]
			linked := got[a] != "" && got[a] == got[b]
			switch {
			case same && linked:
				s.tp++
			case linked:
				s.fp++
			case same:
				s.fn++
			}
		}
	}
	s.precision = ratio(s.tp, s.tp+s.fp)
	s.recall = ratio(s.tp, s.tp+s.fn)
	if s.precision+s.recall > 0 {
		s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall)
	}
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func TestCorpusStories(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the sample corpus with the real extractor")
	}
	c := ingestCorpus(t, 200)
	goldOf := map[string]string{}
	for _, g := range c.gold {
		goldOf[c.idOf[g.file]] = g.story
	}
	s := scorePairs(goldOf, c.storyOf)
	t.Logf("stories: %d articles in %d stories; pairwise precision %.3f recall %.3f F1 %.3f (tp %d fp %d fn %d)",
		len(goldOf), len(c.stories), s.precision, s.recall, s.f1, s.tp, s.fp, s.fn)
	for id, st := range c.stories {
		var names []string
		for _, a := range st.Articles {
			names = append(names, goldOf[a.ID]+"/"+string(a.Role)[:1])
		}
		t.Logf("  %s %-60.60s %v", id, st.Title, names)
	}
	if s.f1 < 0.90 {
		t.Errorf("pairwise F1 = %.3f, want >= 0.90", s.f1)
	}

	// Syndicated copies link to their originals and count once.
	role, dupOf := map[string]sitrep.ArticleRole{}, map[string]string{}
	for _, st := range c.stories {
		for _, a := range st.Articles {
			role[a.ID], dupOf[a.ID] = a.Role, a.DuplicateOf
		}
	}
	for _, g := range c.gold {
		id := c.idOf[g.file]
		_, orig, ok := strings.Cut(g.notes, "syndicated copy of ")
		if g.role != "syndicated" || !ok {
			if g.role == "original" && role[id] != sitrep.RoleOriginal {
				t.Errorf("%s: role %q, want original", g.file, role[id])
			}
			continue
		}
		orig, _, _ = strings.Cut(orig, ";")
		want := c.idOf[orig]
		if want == id {
			continue // the same text: the store kept one article for both
		}
		if role[id] != sitrep.RoleSyndicated || dupOf[id] != want {
			t.Errorf("%s: role %q duplicate of %q, want syndicated copy of %s (%s)", g.file, role[id], dupOf[id], orig, want)
		}
	}
}

// goldEvent is one line of testdata/events.tsv.
type goldEvent struct {
	file, key string
	day       time.Time
	places    []string
	types     []string
}

// eventTypes names the ACLED event types in testdata/events.tsv.
var eventTypes = map[string]string{
	"Battles":                    "battles",
	"Explosions/Remote violence": "remote",
	"Violence against civilians": "civilians",
	"Strategic developments":     "strategic",
	"Riots":                      "riots",
	"Protests":                   "protests",
}

func readGoldEvents(t *testing.T) map[string][]goldEvent {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "events.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]goldEvent{}
	for n, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "file\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			t.Fatalf("events.tsv:%d: %d fields, want 5", n+1, len(f))
		}
		day, err := time.Parse(time.DateOnly, f[2])
		if err != nil {
			t.Fatalf("events.tsv:%d: %v", n+1, err)
		}
		g := goldEvent{file: f[0], key: f[1], day: day, types: strings.Split(f[4], "|")}
		for _, p := range strings.Split(f[3], "|") {
			g.places = append(g.places, placeName(p))
		}
		out[f[0]] = append(out[f[0]], g)
	}
	return out
}

// placeName folds a place name for alignment: "Al Buşayrah" and
// "al-Busayrah" both become "busayrah".
func placeName(s string) string {
	s = text.Fold(s)
	for _, article := range []string{"al ", "el ", "an ", "as ", "ash "} {
		s = strings.TrimPrefix(s, article)
	}
	return s
}

// align returns the gold key of an extracted report of an event of type
// eventType, or "".
func align(golds []goldEvent, src sitrep.EventSource, eventType string) string {
	day, err := time.Parse(time.DateOnly, src.Date)
	if err != nil {
		return ""
	}
	place := placeName(src.Place)
	key, best := "", 2*24*time.Hour
	for _, g := range golds {
		d := day.Sub(g.day).Abs()
		if d > 24*time.Hour || d >= best || !slices.Contains(g.types, eventTypes[eventType]) {
			continue
		}
		for _, p := range g.places {
			if place != "" && (place == p || strings.Contains(place, p) || strings.Contains(p, place)) {
				key, best = g.key, d
				break
			}
		}
	}
	return key
}

// TestCorpusEvents measures how well reports of one real event merge: of
// the pairs of reports from different articles that were merged into one
// event, the share that report the same gold event (precision), and of the
// pairs that report the same gold event as the same ACLED event type, the
// share merged (recall).
// Reports that align with no gold event (the extractor's other events)
// are counted apart.
func TestCorpusEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the sample corpus with the real extractor")
	}
	c := ingestCorpus(t, 200)
	goldEvents := readGoldEvents(t)
	goldByID := map[string][]goldEvent{}
	for file, gs := range goldEvents {
		id, ok := c.idOf[file]
		if !ok {
			t.Fatalf("events.tsv names %s, which stories.tsv lacks", file)
		}
		goldByID[id] = append(goldByID[id], gs...)
	}
	type report struct {
		article, event, key string
		src                 sitrep.EventSource
		ev                  sitrep.StoryEvent
	}
	var reports []report
	total := 0
	for _, s := range c.stories {
		for _, e := range s.Events {
			for _, src := range e.Sources {
				total++
				if key := align(goldByID[src.ArticleID], src, e.Type); key != "" {
					reports = append(reports, report{src.ArticleID, e.ID, key, src, e})
				}
			}
		}
	}
	var merged, mergedRight, same, sameMerged int
	for i := range reports {
		for j := range i {
			a, b := reports[i], reports[j]
			if a.article == b.article {
				continue
			}
			if a.event == b.event {
				merged++
				if a.key == b.key {
					mergedRight++
				} else if testing.Verbose() {
					t.Logf("wrongly merged: %s: %s (%s) %s %s %s and %s (%s) %s %s %s", a.event, a.article, a.key, a.src.SubType, a.src.Date, a.src.Place,
						b.article, b.key, b.src.SubType, b.src.Date, b.src.Place)
				}
			}
			if a.key == b.key && a.ev.Type == b.ev.Type {
				same++
				if a.event == b.event {
					sameMerged++
				} else if testing.Verbose() && os.Getenv("DEBUG_EVENTS") != "" {
					t.Logf("apart: %s: %s %s %s %s/%s | %s %s %s %s/%s", a.key, a.article, a.src.SubType, a.src.Date, a.src.Place, a.ev.Actor1+"~"+a.ev.Actor2,
						b.article, b.src.SubType, b.src.Date, b.src.Place, b.ev.Actor1+"~"+b.ev.Actor2)
				}
			}
		}
	}
	precision, recall := ratio(mergedRight, merged), ratio(sameMerged, same)
	t.Logf("events: %d reports, %d aligned with gold events; merged pairs %d, right %d: precision %.3f; same-event pairs %d, merged %d: recall %.3f",
		total, len(reports), merged, mergedRight, precision, same, sameMerged, recall)
	if len(reports) < 20 {
		t.Fatalf("only %d reports align with gold events: the extractor or the alignment broke", len(reports))
	}
	if precision < 0.95 {
		t.Errorf("event merge precision = %.3f, want >= 0.95", precision)
	}
}

// TestCorpusTimeline checks that the disputes the corpus was written with
// reach the story timelines: conflicting tolls of one event from different
// sources, and denials of what another source reported.
func TestCorpusTimeline(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the sample corpus with the real extractor")
	}
	c := ingestCorpus(t, 200)
	byGold := map[string]*sitrep.Story{}
	for _, g := range c.gold {
		if s := c.stories[c.storyOf[c.idOf[g.file]]]; s != nil && g.role != "syndicated" {
			byGold[g.story] = s
		}
	}
	tests := []struct {
		story    string
		tolls    []int  // figures that one toll dispute must set against each other
		deniedBy string // a speaker of a denial; "-" for any
	}{
		{"deir-ezzor-isil", []int{11}, "Syrian Democratic Forces"},
		{"hermel-border", nil, "Hezbollah"},
		{"marib-offensive", []int{4, 7}, ""},
		{"kordofan-rsf", []int{23, 27}, "Rapid Support Forces"},
		{"awdheegle-attack", []int{6, 41}, "-"},
		{"tripoli-clashes", nil, "-"},
	}
	for _, tt := range tests {
		t.Run(tt.story, func(t *testing.T) {
			s := byGold[tt.story]
			if s == nil {
				t.Fatalf("no story holds %s", tt.story)
			}
			events := map[string]bool{}
			for _, e := range s.Events {
				events[e.ID] = true
			}
			var tolls, denials []sitrep.StoryContradiction
			for _, x := range s.Contradictions {
				if x.EventID != "" && !events[x.EventID] {
					t.Errorf("%s contradiction names event %s, which the timeline lacks", x.Kind, x.EventID)
				}
				switch x.Kind {
				case sitrep.ContradictFatalities:
					tolls = append(tolls, x)
				case sitrep.ContradictDenial:
					denials = append(denials, x)
				}
			}
			if tt.tolls != nil && !slices.ContainsFunc(tolls, func(x sitrep.StoryContradiction) bool { return hasFigures(x, tt.tolls) }) {
				t.Errorf("no toll dispute with figures %v among %d: %v", tt.tolls, len(tolls), reasons(tolls))
			}
			if tt.deniedBy != "" && !slices.ContainsFunc(denials, func(x sitrep.StoryContradiction) bool {
				return len(x.Sides) == 2 && (tt.deniedBy == "-" || strings.Contains(x.Sides[0].Speaker, tt.deniedBy))
			}) {
				t.Errorf("no denial by %q among %d: %v", tt.deniedBy, len(denials), reasons(denials))
			}
		})
	}
}

func hasFigures(x sitrep.StoryContradiction, figures []int) bool {
	for _, f := range figures {
		if !slices.ContainsFunc(x.Sides, func(s sitrep.ContradictionSide) bool { return s.Fatalities != nil && *s.Fatalities == f }) {
			return false
		}
	}
	return true
}

func reasons(xs []sitrep.StoryContradiction) []string {
	var out []string
	for _, x := range xs {
		out = append(out, x.Reason)
	}
	return out
}
