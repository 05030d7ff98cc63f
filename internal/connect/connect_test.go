package connect

import (
	"slices"
	"strings"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

func TestSign(t *testing.T) {
	base := prose("the base attack", 30)
	tests := []struct {
		name     string
		a, b     string
		min, max float64
	}{
		{"same text", base, base, 1, 1},
		{"same text rewrapped and recased", base, strings.ToUpper(strings.ReplaceAll(base, ". ", ".\n\n")), 1, 1},
		{"last sentences dropped", base, prose("the base attack", 26), 0.75, 0.95},
		{"another story", base, prose("the flood", 30), 0, 0.2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sa, ok1 := Sign(tt.a)
			sb, ok2 := Sign(tt.b)
			if !ok1 || !ok2 {
				t.Fatal("Sign refused a long text")
			}
			if got := sa.Similarity(&sb); got < tt.min || got > tt.max {
				t.Errorf("similarity = %.3f, want in [%.2f, %.2f]", got, tt.min, tt.max)
			}
		})
	}
	if _, ok := Sign("too short"); ok {
		t.Error("Sign signed a text shorter than a shingle")
	}
}

func TestCompatible(t *testing.T) {
	far := &sitrep.EventPlace{Name: "Kismayo", Country: "SO", Lat: -0.36, Lon: 42.55, GeoPrecision: 1}
	kenya := &sitrep.EventPlace{Name: "Afgooye", Country: "KE", Lat: 2.14, Lon: 45.12, GeoPrecision: 1}
	with := func(e sitrep.Event, f func(*sitrep.Event)) sitrep.Event { f(&e); return e }
	a := clash(atAfgooye, "2026-10-07", 1, nil)
	tests := []struct {
		name string
		b    sitrep.Event
		want bool
	}{
		{"same report", a, true},
		{"same type, other sub-type", with(a, func(e *sitrep.Event) { e.SubType = "Government regains territory" }), true},
		{"other type", with(a, func(e *sitrep.Event) { e.Type, e.SubType = "Violence against civilians", "Attack" }), false},
		{"next day", clash(atAfgooye, "2026-10-08", 1, nil), false},
		{"within the week of a week-precise report", clash(atAfgooye, "2026-10-12", 2, nil), true},
		{"town 30 km away", clash(atAwdheegl, "2026-10-07", 1, nil), false},
		{"region containing the town", clash(lowerShab, "2026-10-07", 1, nil), true},
		{"town 400 km away", clash(far, "2026-10-07", 1, nil), false},
		{"other country", clash(kenya, "2026-10-07", 1, nil), false},
		{"no place", clash(nil, "2026-10-07", 1, nil), true},
		{"no date", clash(atAfgooye, "", 0, nil), true},
		{"other named actors", with(a, func(e *sitrep.Event) { e.Actor1, e.Actor2 = "Islamic State", "Hezbollah" }), false},
		{"one shared actor", with(a, func(e *sitrep.Event) { e.Actor2 = "African Union" }), true},
		{"generic actors", with(a, func(e *sitrep.Event) {
			e.Actor1, e.Actor2 = "Unidentified Armed Group (Somalia)", "Civilians (Somalia)"
		}), true},
	}
	d := &doc{dg: &digest{ID: "x"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ra, rb := newRef(d, &eventRec{Event: a}), newRef(d, &eventRec{Event: tt.b})
			if got := compatible(ra, rb); got != tt.want {
				t.Errorf("compatible = %v, want %v", got, tt.want)
			}
			if got := compatible(rb, ra); got != tt.want {
				t.Errorf("compatible reversed = %v, want %v", got, tt.want)
			}
		})
	}
}

// storyOfBase is three reports of the base attack, the third a copy.
func baseReports() []fixture {
	body := prose("the awdheegle base", 30)
	return []fixture{
		{id: "hm", outlet: "Horn Monitor", title: "Al-Shabaab storms base in Awdheegle", published: day(7, 6), body: body,
			lead:   "Al-Shabaab fighters stormed an army base in Awdheegle after a car bomb on Wednesday, killing soldiers, officials said.",
			places: []sitrep.PlaceMention{awdheegle, afgooye}, actors: []string{"al Shabaab", "Military Forces of Somalia (2022-)"},
			events: []sitrep.Event{clash(atAwdheegl, "2026-10-07", 1, fatal(8))},
			claims: []sitrep.Claim{{Source: "SOHR", Stance: "assert", Cue: "said", CueStart: 5, CueEnd: 9, ContentStart: 10, ContentEnd: 30}}},
		{id: "mpa", outlet: "Meridian Press Agency", title: "Six soldiers killed as al-Shabaab attacks base", published: day(7, 13),
			lead:   "Six Somali soldiers were killed when al-Shabaab fighters attacked an army base in Awdheegle with a car bomb, the army said.",
			body:   prose("the attack on the army base", 30),
			places: []sitrep.PlaceMention{awdheegle, mogadishu}, actors: []string{"al Shabaab", "Military Forces of Somalia (2022-)"},
			events: []sitrep.Event{clash(atAwdheegl, "2026-10-07", 1, fatal(5))}},
		{id: "sw", outlet: "Sahel Wire", title: "Somali soldiers killed near Mogadishu", published: day(7, 18),
			lead:   "Six Somali soldiers were killed when al-Shabaab fighters attacked an army base in Awdheegle with a car bomb, the army said.",
			body:   prose("the attack on the army base", 30),
			places: []sitrep.PlaceMention{awdheegle, mogadishu}, actors: []string{"al Shabaab", "Military Forces of Somalia (2022-)"},
			events: []sitrep.Event{clash(atAwdheegl, "2026-10-07", 1, fatal(6))}},
		{id: "flood", outlet: "Horn Monitor", title: "Floods displace thousands in Beledweyne", published: day(8, 8), body: prose("the flood", 30),
			places: []sitrep.PlaceMention{{Name: "Beledweyne", Country: "SO", Lat: 4.73, Lon: 45.2, Feature: "city", GeonameID: 64435}}},
	}
}

func articles(fs []fixture) []*sitrep.Article {
	var out []*sitrep.Article
	for _, f := range fs {
		out = append(out, f.article())
	}
	return out
}

func TestOneEventManySources(t *testing.T) {
	x := NewIndex(Options{})
	x.Add(articles(baseReports()))
	id, _ := x.StoryOf("hm")
	if other, _ := x.StoryOf("mpa"); other != id {
		t.Fatalf("hm and mpa in stories %s and %s, want one", id, other)
	}
	if flood, _ := x.StoryOf("flood"); flood == id {
		t.Fatalf("the flood joined the attack's story")
	}
	if got := x.DuplicateOf("sw"); got != "mpa" {
		t.Errorf("sw is a copy of %q, want mpa", got)
	}
	s := x.Story(id)
	if len(s.Events) != 1 {
		t.Fatalf("%d events, want the one attack: %+v", len(s.Events), s.Events)
	}
	e := s.Events[0]
	if got, want := e.SourceNames(), "Horn Monitor; Meridian Press Agency; SOHR"; got != want {
		t.Errorf("sources = %q, want %q (the copy adds none)", got, want)
	}
	if e.Fatalities == nil || *e.Fatalities != 5 {
		t.Errorf("merged toll = %v, want the lowest, 5", e.Fatalities)
	}
	var figures []int
	for _, src := range e.Sources {
		figures = append(figures, *src.Fatalities)
	}
	if !slices.Equal(figures, []int{8, 5}) {
		t.Errorf("each source's toll = %v, want [8 5]", figures)
	}
	if len(s.Contradictions) != 1 || s.Contradictions[0].Kind != sitrep.ContradictFatalities || s.Contradictions[0].EventID != e.ID {
		t.Errorf("contradictions = %+v, want one toll dispute on %s", s.Contradictions, e.ID)
	}
	if s.ArticleCount != 3 || s.SourceCount != 2 {
		t.Errorf("articles %d, outlets %d; want 3 and 2", s.ArticleCount, s.SourceCount)
	}
}

// TestSplitWhenShownDistinct: two vague reports of a clash in Lower
// Shabelle are merged, until a later article reports two clashes that day
// in two towns of the region; nothing then says which one each vague
// report meant, and they come apart.
func TestSplitWhenShownDistinct(t *testing.T) {
	vague := func(id, outlet string, hour int) fixture {
		return fixture{id: id, outlet: outlet, title: "Clashes in Lower Shabelle", published: day(8, hour), body: prose("clashes "+id, 30),
			places: []sitrep.PlaceMention{awdheegle, afgooye}, actors: []string{"al Shabaab", "Military Forces of Somalia (2022-)"},
			events: []sitrep.Event{clash(lowerShab, "2026-10-07", 2, nil)}}
	}
	precise := fixture{id: "c", outlet: "Horn Monitor", title: "Two clashes in Lower Shabelle", published: day(9, 8), body: prose("two clashes", 30),
		places: []sitrep.PlaceMention{awdheegle, afgooye}, actors: []string{"al Shabaab", "Military Forces of Somalia (2022-)"},
		events: []sitrep.Event{clash(atAwdheegl, "2026-10-07", 1, fatal(3)), clash(atAfgooye, "2026-10-07", 1, fatal(2))}}
	reports := []fixture{vague("a", "Sahel Wire", 6), vague("b", "Nile Observer", 9), precise}

	x := NewIndex(Options{})
	x.Add(articles(reports[:2]))
	id, _ := x.StoryOf("a")
	if got := x.Story(id).Events; len(got) != 1 || len(got[0].Sources) != 2 {
		t.Fatalf("before: %d events, want the two vague reports merged into one", len(got))
	}
	x.Add(articles(reports[2:]))
	s := x.Story(id)
	if s == nil {
		t.Fatal("the story went away")
	}
	if len(s.Events) != 4 {
		t.Fatalf("after: %d events, want 4 (two precise, two vague apart)", len(s.Events))
	}
	for _, e := range s.Events {
		if len(e.Sources) != 1 {
			t.Errorf("event at %s has %d sources, want 1", e.Place.Name, len(e.Sources))
		}
	}

	// Clustering depends on the set of reports, not on their order.
	y := NewIndex(Options{})
	y.Add(articles([]fixture{reports[2]}))
	y.Add(articles([]fixture{reports[1]}))
	y.Add(articles([]fixture{reports[0]}))
	idY, _ := y.StoryOf("a")
	if got, want := eventKeys(y.Story(idY)), eventKeys(s); !slices.Equal(got, want) {
		t.Errorf("other order: events %v, want %v", got, want)
	}
}

func eventKeys(s *sitrep.Story) []string {
	var out []string
	for _, e := range s.Events {
		var ids []string
		for _, src := range e.Sources {
			ids = append(ids, src.ArticleID)
		}
		out = append(out, e.Place.Name+":"+strings.Join(ids, ","))
	}
	slices.Sort(out)
	return out
}

func TestCopies(t *testing.T) {
	body := prose("the missile strike", 30)
	orig := fixture{id: "orig", outlet: "Meridian Press Agency", title: "Missile strike on camp", published: day(3, 8), body: body,
		events: []sitrep.Event{clash(atAfgooye, "2026-10-02", 1, fatal(4))}}
	copyA := fixture{id: "copy-a", outlet: "Gulf Dispatch", title: "Missile hits camp", published: day(3, 9), body: body,
		events: []sitrep.Event{clash(atAfgooye, "2026-10-02", 1, fatal(4))}}
	trimmed := fixture{id: "copy-b", outlet: "Levant Courier", title: "Camp hit", published: day(3, 11), body: prose("the missile strike", 26),
		events: []sitrep.Event{clash(atAfgooye, "2026-10-02", 1, fatal(4))}}
	tests := []struct {
		name  string
		order [][]fixture // batches
	}{
		{"original first", [][]fixture{{orig}, {copyA}, {trimmed}}},
		{"copies first", [][]fixture{{trimmed}, {copyA}, {orig}}},
		{"one batch", [][]fixture{{copyA, trimmed, orig}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := NewIndex(Options{})
			for _, batch := range tt.order {
				x.Add(articles(batch))
			}
			for id, want := range map[string]string{"orig": "", "copy-a": "orig", "copy-b": "orig"} {
				if got := x.DuplicateOf(id); got != want {
					t.Errorf("DuplicateOf(%s) = %q, want %q", id, got, want)
				}
			}
			sid, _ := x.StoryOf("orig")
			s := x.Story(sid)
			if len(s.Events) != 1 || len(s.Events[0].Sources) != 1 || s.Events[0].Sources[0].ArticleID != "orig" {
				t.Errorf("events %+v, want one event sourced by the original only", s.Events)
			}
			if a, _ := x.Len(); a != 3 {
				t.Errorf("%d articles in memory, want 3", a)
			}
		})
	}
}

func TestUpdateReplacesVersion(t *testing.T) {
	f := baseReports()[0]
	x := NewIndex(Options{})
	x.Add(articles([]fixture{f}))
	f.body += " The toll rose to eleven."
	f.events = []sitrep.Event{clash(atAwdheegl, "2026-10-07", 1, fatal(11))}
	x.Add(articles([]fixture{f}))
	id, _ := x.StoryOf("hm")
	s := x.Story(id)
	if s.ArticleCount != 1 || len(s.Events) != 1 || *s.Events[0].Fatalities != 11 {
		t.Errorf("after update: %d articles, events %+v; want 1 article, one event of 11", s.ArticleCount, s.Events)
	}
	before := len(x.dirtyDocs)
	x.Add(articles([]fixture{f})) // unchanged
	if len(x.dirtyDocs) != before {
		t.Error("re-adding an unchanged article changed the index")
	}
}

// TestBridgeMerges: an article that matches two stories shows they are one.
func TestBridgeMerges(t *testing.T) {
	east := fixture{id: "east", outlet: "A", title: "Convoy ambushed near Afgooye", published: day(7, 8), body: prose("east", 30),
		lead:   "Al-Shabaab fighters ambushed a supply convoy near Afgooye, residents said.",
		places: []sitrep.PlaceMention{afgooye}, actors: []string{"al Shabaab"}}
	west := fixture{id: "west", outlet: "B", title: "Clan clashes in Awdheegle", published: day(7, 9), body: prose("west", 30),
		lead:   "Macawisley militiamen clashed with clan gunmen over farmland in Awdheegle, elders said.",
		places: []sitrep.PlaceMention{awdheegle}, actors: []string{"Macawisley"}}
	bridge := fixture{id: "bridge", outlet: "C", title: "Convoy ambush near Afgooye and Awdheegle clan clashes", published: day(8, 9), body: prose("both", 30),
		lead:   "Al-Shabaab ambushed a supply convoy near Afgooye while Macawisley militiamen clashed with clan gunmen in Awdheegle.",
		places: []sitrep.PlaceMention{afgooye, awdheegle}, actors: []string{"al Shabaab", "Macawisley"}}
	x := NewIndex(Options{})
	x.Add(articles(baseReports()[3:])) // background, for rarities
	x.Add(articles([]fixture{east, west}))
	se, _ := x.StoryOf("east")
	sw, _ := x.StoryOf("west")
	if se == sw {
		t.Fatal("east and west share a story before the bridge")
	}
	if _, err := x.Flush(); err != nil {
		t.Fatal(err)
	}
	x.Add(articles([]fixture{bridge}))
	u, err := x.Flush()
	if err != nil {
		t.Fatal(err)
	}
	se2, _ := x.StoryOf("east")
	sw2, _ := x.StoryOf("west")
	if se2 != sw2 || se2 != se {
		t.Errorf("after bridge: east in %s, west in %s; want both in %s, the first seen", se2, sw2, se)
	}
	if !slices.Equal(u.Deleted, []string{sw}) {
		t.Errorf("deleted %v, want [%s]", u.Deleted, sw)
	}
	var moved []string
	for _, l := range u.Links {
		moved = append(moved, l.ArticleID+"->"+l.StoryID)
	}
	slices.Sort(moved)
	if want := []string{"bridge->" + se, "west->" + se}; !slices.Equal(moved, want) {
		t.Errorf("links %v, want %v", moved, want)
	}
}

// TestRestore: a second index restored from the first one's links
// connects a new article to the stored story, as a later run would.
func TestRestore(t *testing.T) {
	reports := baseReports()
	x := NewIndex(Options{})
	x.Add(articles(reports[:3]))
	u, err := x.Flush()
	if err != nil {
		t.Fatal(err)
	}
	y := NewIndex(Options{})
	if err := y.Restore(u.Links); err != nil {
		t.Fatal(err)
	}
	later := reports[0]
	later.id, later.outlet, later.published, later.body = "hm2", "Horn Monitor", day(8, 9), prose("the denial", 30)
	y.Add(articles([]fixture{later}))
	want, _ := x.StoryOf("hm")
	if got, _ := y.StoryOf("hm2"); got != want {
		t.Errorf("later article in story %q, want the restored %q", got, want)
	}
	if got := y.DuplicateOf("sw"); got != "mpa" {
		t.Errorf("restored copy of %q, want mpa", got)
	}
	if err := y.Restore([]sitrep.ArticleLink{{ArticleID: "z", StoryID: "sz", State: []byte("{")}}); err == nil {
		t.Error("Restore accepted a broken state")
	}
}
