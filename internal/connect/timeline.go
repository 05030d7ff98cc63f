package connect

import (
	"cmp"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Flush returns what changed since the last Flush and forgets it: the
// links of the articles whose story, role or original changed, every
// changed story rebuilt whole, and the stories merged away.
func (x *Index) Flush() (sitrep.StoryUpdate, error) {
	var u sitrep.StoryUpdate
	for d := range x.dirtyDocs {
		if d.story == nil || d.story.dead {
			continue
		}
		state, err := d.dg.encode()
		if err != nil {
			return u, fmt.Errorf("connect: encode %s: %w", d.dg.ID, err)
		}
		l := sitrep.ArticleLink{ArticleID: d.dg.ID, StoryID: d.story.id, Role: sitrep.RoleOriginal, Seen: d.dg.Time, State: state}
		if d.orig != nil {
			l.Role, l.DuplicateOf = sitrep.RoleSyndicated, d.orig.dg.ID
		}
		u.Links = append(u.Links, l)
	}
	slices.SortFunc(u.Links, func(a, b sitrep.ArticleLink) int { return strings.Compare(a.ArticleID, b.ArticleID) })
	for s := range x.dirtyStories {
		if !s.dead && len(s.members) > 0 {
			u.Stories = append(u.Stories, x.build(s))
		}
	}
	slices.SortFunc(u.Stories, func(a, b *sitrep.Story) int { return strings.Compare(a.ID, b.ID) })
	for id := range x.deleted {
		if x.stories[id] == nil {
			u.Deleted = append(u.Deleted, id)
		}
	}
	slices.Sort(u.Deleted)
	clear(x.dirtyDocs)
	clear(x.dirtyStories)
	clear(x.deleted)
	return u, nil
}

// Story builds the story with id from memory, or returns nil.
func (x *Index) Story(id string) *sitrep.Story {
	s := x.stories[id]
	if s == nil {
		return nil
	}
	return x.build(s)
}

// StoryIDs returns the ids of the stories in memory, sorted.
func (x *Index) StoryIDs() []string {
	ids := make([]string, 0, len(x.stories))
	for id := range x.stories {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// build makes the story's public form: title and summary from its most
// central article, the timeline of its merged events, and where its
// sources disagree.
func (x *Index) build(s *story) *sitrep.Story {
	members := slices.Clone(s.members)
	slices.SortFunc(members, func(a, b *doc) int {
		if c := a.dg.Time.Compare(b.dg.Time); c != 0 {
			return c
		}
		return strings.Compare(a.dg.ID, b.dg.ID)
	})
	var originals []*doc
	for _, m := range members {
		if m.orig == nil {
			originals = append(originals, m)
		}
	}
	central := originals[0]
	best := -1.0
	for _, m := range originals {
		if m.vec == nil {
			x.weigh(m)
		}
		if sim := s.similarity(m.vec, m.norm); sim > best+1e-9 {
			central, best = m, sim
		}
	}
	out := &sitrep.Story{
		ID:             s.id,
		Title:          central.dg.Title,
		Summary:        clip(central.dg.Lead, 240),
		CentralArticle: central.dg.ID,
		FirstSeen:      s.first,
		LastSeen:       s.last,
		ArticleCount:   len(members),
	}
	out.Countries, out.Topics = ranked(originals)
	outlets := map[string]bool{}
	for _, m := range originals {
		if m.dg.Outlet != "" {
			outlets[strings.ToLower(m.dg.Outlet)] = true
		}
	}
	out.SourceCount = len(outlets)
	for _, m := range members {
		a := sitrep.StoryArticle{ID: m.dg.ID, Title: m.dg.Title, Source: m.dg.Outlet, Published: m.dg.Published, Role: sitrep.RoleOriginal}
		if m.orig != nil {
			a.Role, a.DuplicateOf = sitrep.RoleSyndicated, m.orig.dg.ID
		}
		out.Articles = append(out.Articles, a)
	}

	var refs []*evRef
	for _, m := range originals {
		for i := range m.dg.Events {
			refs = append(refs, newRef(m, &m.dg.Events[i]))
		}
	}
	clusters := clusterEvents(refs)
	owner := map[*eventRec]string{}
	for _, c := range clusters {
		e := mergeEvent(c)
		for _, r := range c {
			owner[r.e] = e.ID
		}
		out.Events = append(out.Events, e)
	}
	// The timeline runs by when events happened; an undated event sits at
	// the day it was first reported.
	slices.SortStableFunc(out.Events, func(a, b sitrep.StoryEvent) int {
		if c := strings.Compare(timelineDay(&a), timelineDay(&b)); c != 0 {
			return c
		}
		if c := comparePublished(a.Sources[0].Published, b.Sources[0].Published); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	for i := range out.Events {
		if x := tollDispute(&out.Events[i]); x != nil {
			out.Contradictions = append(out.Contradictions, *x)
		}
	}
	out.EventCount = len(out.Events)
	denials, loose := disputes(originals, owner)
	out.Contradictions = append(out.Contradictions, denials...)
	out.Claims = loose
	return out
}

// ranked sums the country and topic scores of the originals and keeps the
// leading ones.
func ranked(originals []*doc) (countries, topics []string) {
	top := func(get func(*digest) []scored, label bool, n int) []string {
		sum := map[string]float64{}
		name := map[string]string{}
		for _, m := range originals {
			for _, c := range get(m.dg) {
				sum[c.Code] += c.Score
				name[c.Code] = c.Label
			}
		}
		keys := make([]string, 0, len(sum))
		for k := range sum {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int {
			if c := cmp.Compare(sum[b], sum[a]); c != 0 {
				return c
			}
			return strings.Compare(a, b)
		})
		out := []string{}
		for _, k := range keys {
			if len(out) == n || sum[k] < 0.35*sum[keys[0]] {
				break
			}
			if label && name[k] != "" {
				out = append(out, name[k])
			} else {
				out = append(out, k)
			}
		}
		return out
	}
	countries = top(func(d *digest) []scored { return d.Countries }, false, 4)
	topics = top(func(d *digest) []scored { return d.Topics }, true, 3)
	return countries, topics
}

// timelineDay is the day an event sits at on the timeline.
func timelineDay(e *sitrep.StoryEvent) string {
	if e.Date != "" {
		return e.Date
	}
	for _, s := range e.Sources {
		if s.Published != nil {
			return s.Published.UTC().Format(time.DateOnly)
		}
	}
	return "9999-12-31"
}

// eventID names an event after its first report, so the id outlives
// merges and splits that keep that report.
func eventID(c []*evRef) string {
	first := c[0]
	for _, r := range c[1:] {
		if r.d.dg.Time.Before(first.d.dg.Time) || (r.d.dg.Time.Equal(first.d.dg.Time) &&
			(r.d.dg.ID < first.d.dg.ID || r.d.dg.ID == first.d.dg.ID && r.e.Index < first.e.Index)) {
			first = r
		}
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "event:%s#%d", first.d.dg.ID, first.e.Index))
	return "e" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:])[:12])
}

// mergeEvent makes one event of a group of reports: the most reported
// sub-type, the actors and place of the most precise report, the most
// reported date among the most precise, and the lowest toll.
func mergeEvent(c []*evRef) sitrep.StoryEvent {
	lead := c[0] // clusterEvents put the most specific first
	votes := map[string]int{}
	for _, r := range c {
		votes[r.e.SubType]++
	}
	e := sitrep.StoryEvent{ID: eventID(c), Type: lead.e.Type, SubType: lead.e.SubType}
	for _, r := range c {
		if votes[r.e.SubType] > votes[e.SubType] {
			e.Type, e.SubType = r.e.Type, r.e.SubType
		}
	}
	for _, r := range c {
		if r.e.SubType != e.SubType {
			continue
		}
		if e.Actor1 == "" {
			e.Actor1 = r.e.Actor1
		}
		if e.Actor2 == "" {
			e.Actor2 = r.e.Actor2
		}
	}
	for _, r := range c {
		if r.e.Place != nil {
			p := *r.e.Place
			e.Place = &p
			break
		}
	}
	bestRank, dates := 10, map[string]int{}
	for _, r := range c {
		if r.e.Date == "" {
			continue
		}
		switch rank := timeRank(r); {
		case rank < bestRank:
			bestRank, dates = rank, map[string]int{r.e.Date: 1}
			e.TimePrecision = r.e.TimePrecision
		case rank == bestRank:
			dates[r.e.Date]++
		}
	}
	for d, n := range dates {
		if e.Date == "" || n > dates[e.Date] || n == dates[e.Date] && d < e.Date {
			e.Date = d
		}
	}
	seenClaim := map[string]bool{}
	for _, r := range c {
		src := sitrep.EventSource{
			ArticleID: r.d.dg.ID, Index: r.e.Index, Source: r.d.dg.Outlet, Attribution: r.e.Attribution,
			Published: r.d.dg.Published, SubType: r.e.SubType, Date: r.e.Date, Fatalities: r.e.Fatalities,
		}
		if r.e.Place != nil {
			src.Place = r.e.Place.Name
		}
		if f := r.e.Fatalities; f != nil && (e.Fatalities == nil || *f < *e.Fatalities) {
			v := *f
			e.Fatalities = &v
		}
		e.Sources = append(e.Sources, src)
		for _, i := range r.e.Claims {
			if i < len(r.d.dg.Claims) {
				cl := storyClaim(r.d, r.d.dg.Claims[i])
				if k := cl.ArticleID + "\x00" + cl.Text; !seenClaim[k] {
					seenClaim[k] = true
					e.Claims = append(e.Claims, cl)
				}
			}
		}
	}
	slices.SortStableFunc(e.Sources, func(a, b sitrep.EventSource) int {
		if c := comparePublished(a.Published, b.Published); c != 0 {
			return c
		}
		if c := strings.Compare(a.ArticleID, b.ArticleID); c != 0 {
			return c
		}
		return a.Index - b.Index
	})
	return e
}

func comparePublished(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return a.Compare(*b)
}

func storyClaim(d *doc, c claimRec) sitrep.StoryClaim {
	return sitrep.StoryClaim{ArticleID: d.dg.ID, Source: d.dg.Outlet, Speaker: c.Speaker, Stance: c.Stance, Cue: c.Cue, Text: c.Text}
}

// tollDispute flags an event whose sources give different tolls. A figure
// revised by the same voice (SOHR's 9, later 11) is no dispute on its own;
// two voices with different figures are.
func tollDispute(e *sitrep.StoryEvent) *sitrep.StoryContradiction {
	type voiced struct {
		value int
		voice string
	}
	var figures []voiced
	for _, s := range e.Sources {
		if s.Fatalities == nil {
			continue
		}
		voice := s.Attribution
		if voice == "" {
			voice = s.Source
		}
		figures = append(figures, voiced{*s.Fatalities, text.Fold(voice)})
	}
	disputed := false
	for i := range figures {
		for j := range i {
			if figures[i].value != figures[j].value && figures[i].voice != figures[j].voice {
				disputed = true
			}
		}
	}
	if !disputed {
		return nil
	}
	x := &sitrep.StoryContradiction{Kind: sitrep.ContradictFatalities, EventID: e.ID}
	seen := map[int]bool{}
	var values []string
	for _, s := range e.Sources {
		if s.Fatalities == nil || seen[*s.Fatalities] {
			continue
		}
		seen[*s.Fatalities] = true
		v := *s.Fatalities
		x.Sides = append(x.Sides, sitrep.ContradictionSide{ArticleID: s.ArticleID, Source: s.Source, Speaker: s.Attribution, Fatalities: &v})
		values = append(values, fmt.Sprintf("%d (%s)", v, voiceOf(s)))
	}
	slices.SortStableFunc(x.Sides, func(a, b sitrep.ContradictionSide) int { return *a.Fatalities - *b.Fatalities })
	x.Reason = "sources give different tolls: " + strings.Join(values, ", ")
	return x
}

func voiceOf(s sitrep.EventSource) string {
	if s.Attribution != "" && s.Source != "" {
		return s.Source + ", per " + s.Attribution
	}
	return cmp.Or(s.Attribution, s.Source, s.ArticleID)
}

// disputes finds the denials of the story's articles and what they deny:
// the claim of another source that shares most words with the denial,
// preferring another article, or a claim the extractor paired with it. It
// also carries over the extractor's other disagreements within articles.
// Denials that match nothing are returned as loose claims.
func disputes(originals []*doc, owner map[*eventRec]string) ([]sitrep.StoryContradiction, []sitrep.StoryClaim) {
	type claimAt struct {
		d *doc
		i int
		w map[string]bool
	}
	var all []claimAt
	for _, m := range originals {
		for i, c := range m.dg.Claims {
			all = append(all, claimAt{m, i, contentWords(c.Text)})
		}
	}
	var out []sitrep.StoryContradiction
	var loose []sitrep.StoryClaim
	seen := map[string]bool{}
	paired := map[[2]string]bool{}
	key := func(d *doc, i int) string { return fmt.Sprintf("%s#%d", d.dg.ID, i) }
	for _, a := range all {
		c := a.d.dg.Claims[a.i]
		if c.Stance != "deny" {
			continue
		}
		event := eventOf(a.d, c, owner)
		var best *claimAt
		bestScore := 0.0
		for j := range all {
			b := &all[j]
			bc := b.d.dg.Claims[b.i]
			if bc.Stance == "deny" || text.Fold(bc.Speaker) == text.Fold(c.Speaker) {
				continue
			}
			score := float64(shared(a.w, b.w))
			if b.d == a.d && extractorPaired(a.d, a.i, b.i) {
				score += 2
			}
			if score < 2 {
				continue
			}
			if b.d != a.d {
				score += 0.5
			}
			if score > bestScore {
				best, bestScore = b, score
			}
		}
		if best == nil {
			loose = append(loose, storyClaim(a.d, c))
			continue
		}
		bc := best.d.dg.Claims[best.i]
		k := strings.Join([]string{event, text.Fold(c.Speaker), text.Fold(c.Text), text.Fold(bc.Speaker)}, "\x00")
		if seen[k] {
			continue
		}
		seen[k] = true
		paired[[2]string{key(a.d, a.i), key(best.d, best.i)}] = true
		paired[[2]string{key(best.d, best.i), key(a.d, a.i)}] = true
		out = append(out, sitrep.StoryContradiction{
			Kind:    sitrep.ContradictDenial,
			EventID: event,
			Reason:  fmt.Sprintf("%s denies what %s said", cmp.Or(c.Speaker, "a source"), cmp.Or(bc.Speaker, "another source")),
			Sides:   []sitrep.ContradictionSide{side(a.d, c), side(best.d, bc)},
		})
	}
	for _, m := range originals {
		for _, p := range m.dg.Contradict {
			if paired[[2]string{key(m, p[0]), key(m, p[1])}] {
				continue
			}
			ca, cb := m.dg.Claims[p[0]], m.dg.Claims[p[1]]
			k := strings.Join([]string{"claims", text.Fold(ca.Speaker), text.Fold(ca.Text), text.Fold(cb.Speaker), text.Fold(cb.Text)}, "\x00")
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, sitrep.StoryContradiction{
				Kind:    sitrep.ContradictClaims,
				EventID: eventOf(m, ca, owner),
				Reason:  fmt.Sprintf("%s and %s disagree", cmp.Or(ca.Speaker, "a source"), cmp.Or(cb.Speaker, "another source")),
				Sides:   []sitrep.ContradictionSide{side(m, ca), side(m, cb)},
			})
		}
	}
	return out, loose
}

func extractorPaired(d *doc, i, j int) bool {
	for _, p := range d.dg.Contradict {
		if p == [2]int{i, j} || p == [2]int{j, i} {
			return true
		}
	}
	return false
}

func side(d *doc, c claimRec) sitrep.ContradictionSide {
	return sitrep.ContradictionSide{ArticleID: d.dg.ID, Source: d.dg.Outlet, Speaker: c.Speaker, Text: c.Text}
}

// eventOf returns the event a claim of d speaks of: the one whose report
// in d overlaps the claim, else the last one d reported before it.
func eventOf(d *doc, c claimRec, owner map[*eventRec]string) string {
	var before *eventRec
	for i := range d.dg.Events {
		e := &d.dg.Events[i]
		id, ok := owner[e]
		if !ok {
			continue
		}
		if e.Start < c.End && e.End > c.Start {
			return id
		}
		if e.Start <= c.Start && (before == nil || e.Start > before.Start) {
			before = e
		}
	}
	if before != nil {
		return owner[before]
	}
	return ""
}

func contentWords(s string) map[string]bool {
	out := map[string]bool{}
	for _, t := range text.Tokens(s) {
		if contentWord(t) {
			out[stem(t.Key)] = true
		}
	}
	return out
}

// stem cuts common English endings so "attacked" meets "attack".
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

func shared(a, b map[string]bool) int {
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return n
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
