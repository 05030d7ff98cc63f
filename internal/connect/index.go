package connect

import (
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Options tune connecting. The zero value means the defaults.
type Options struct {
	// Window is how far from a story's first or last article a new article
	// may be and still join it. Default 7 days.
	Window time.Duration
	// Join is the least similarity (cosine, 0..1) of an article to a
	// story's centroid for it to join. Default 0.2.
	Join float64
	// Merge is the similarity above which an article that matches two
	// stories shows they are one, and they are merged. Default 0.3.
	Merge float64
	// Duplicate is the least estimated Jaccard similarity of two bodies'
	// shingles for one to be a copy of the other. Default 0.7.
	Duplicate float64
	// Horizon is how long a story stays in memory after its last article,
	// behind the newest article seen. Default 3 windows.
	Horizon time.Duration
	// MaxKeys bounds the keys an article looks stories up by (its rarest);
	// MaxPostings bounds the stories read per key (the latest). Defaults 24
	// and 64: together they bound the candidates of one article.
	MaxKeys, MaxPostings int
}

func (o Options) withDefaults() Options {
	if o.Window <= 0 {
		o.Window = 7 * 24 * time.Hour
	}
	if o.Join <= 0 {
		o.Join = 0.2
	}
	if o.Merge <= 0 {
		o.Merge = 0.3
	}
	if o.Duplicate <= 0 {
		o.Duplicate = 0.7
	}
	if o.Horizon <= 0 {
		o.Horizon = 3 * o.Window
	}
	if o.MaxKeys <= 0 {
		o.MaxKeys = 24
	}
	if o.MaxPostings <= 0 {
		o.MaxPostings = 64
	}
	return o
}

// doc is one article in the index.
type doc struct {
	dg    *digest
	sig   Signature
	hasSg bool
	story *story
	// orig is the original this article copies; nil for an original, which
	// lists its copies.
	orig   *doc
	copies []*doc
	// vec is the article's weighted features as they were when it joined
	// its story (what it added to the centroid); nil for a copy.
	vec  map[string]float64
	norm float64
}

func (d *doc) root() *doc {
	if d.orig != nil {
		return d.orig
	}
	return d
}

// earlier orders a group of copies: the earliest published is the
// original. A page that gives only its date is compared by day, as its
// midnight is no time; on the same day the page that gives its time is
// taken as the original (wire stories carry full metadata, reprints often
// a date), then the longer text (a copy often trims), then the lower id.
func earlier(a, b *doc) bool {
	fa, fb := timeKnown(a.dg), timeKnown(b.dg)
	if fa && fb {
		if !a.dg.Time.Equal(b.dg.Time) {
			return a.dg.Time.Before(b.dg.Time)
		}
	} else {
		da, db := a.dg.Time.Format(time.DateOnly), b.dg.Time.Format(time.DateOnly)
		if da != db {
			return da < db
		}
		if fa != fb {
			return fa
		}
	}
	if a.dg.Words != b.dg.Words {
		return a.dg.Words > b.dg.Words
	}
	return a.dg.ID < b.dg.ID
}

// timeKnown reports whether a digest's time is known to the minute.
func timeKnown(d *digest) bool {
	switch d.Precision {
	case sitrep.PrecisionMinute:
		return true
	case sitrep.PrecisionNone:
		return d.Published != nil && !d.Published.Equal(d.Published.Truncate(24*time.Hour))
	}
	return false
}

// story is a group of articles following one situation.
type story struct {
	id          string
	members     []*doc
	centroid    map[string]float64
	norm2       float64
	first, last time.Time
	dead        bool
}

func (s *story) add(d *doc) {
	s.members = append(s.members, d)
	d.story = s
	if s.first.IsZero() || d.dg.Time.Before(s.first) {
		s.first = d.dg.Time
	}
	if d.dg.Time.After(s.last) {
		s.last = d.dg.Time
	}
}

func (s *story) remove(d *doc) {
	if i := slices.Index(s.members, d); i >= 0 {
		s.members = slices.Delete(s.members, i, i+1)
	}
	s.first, s.last = time.Time{}, time.Time{}
	for _, m := range s.members {
		if s.first.IsZero() || m.dg.Time.Before(s.first) {
			s.first = m.dg.Time
		}
		if m.dg.Time.After(s.last) {
			s.last = m.dg.Time
		}
	}
}

// addVec adds w times vec to the centroid, keeping its squared norm.
func (s *story) addVec(vec map[string]float64, sign float64) {
	for k, w := range vec {
		old := s.centroid[k]
		nw := old + sign*w
		s.norm2 += nw*nw - old*old
		if math.Abs(nw) < 1e-9 {
			delete(s.centroid, k)
		} else {
			s.centroid[k] = nw
		}
	}
	if s.norm2 < 0 {
		s.norm2 = 0
	}
}

// similarity is the cosine of d's vector and the story's centroid.
func (s *story) similarity(vec map[string]float64, norm float64) float64 {
	if norm == 0 || s.norm2 == 0 {
		return 0
	}
	dot := 0.0
	for k, w := range vec {
		dot += w * s.centroid[k]
	}
	return dot / (norm * math.Sqrt(s.norm2))
}

// Index connects articles in memory: near-duplicates, stories and their
// merged events. It is not safe for concurrent use.
type Index struct {
	opt      Options
	docs     map[string]*doc
	lsh      *lsh
	df       map[string]int
	n        int
	stories  map[string]*story
	postings map[string][]*story
	newest   time.Time

	dirtyDocs    map[*doc]bool
	dirtyStories map[*story]bool
	deleted      map[string]bool
}

// NewIndex returns an empty index.
func NewIndex(opt Options) *Index {
	return &Index{
		opt:          opt.withDefaults(),
		docs:         map[string]*doc{},
		lsh:          newLSH(),
		df:           map[string]int{},
		stories:      map[string]*story{},
		postings:     map[string][]*story{},
		dirtyDocs:    map[*doc]bool{},
		dirtyStories: map[*story]bool{},
		deleted:      map[string]bool{},
	}
}

// Len returns the number of articles and of stories in memory.
func (x *Index) Len() (articles, stories int) { return len(x.docs), len(x.stories) }

// StoryOf returns the id of the story of an article in memory.
func (x *Index) StoryOf(articleID string) (string, bool) {
	d, ok := x.docs[articleID]
	if !ok || d.story == nil {
		return "", false
	}
	return d.story.id, true
}

// DuplicateOf returns the original of an article in memory, "" for an
// original.
func (x *Index) DuplicateOf(articleID string) string {
	if d, ok := x.docs[articleID]; ok && d.orig != nil {
		return d.orig.dg.ID
	}
	return ""
}

// Add connects articles: each is compared with everything in memory and
// with the articles before it in the batch, in order of publication. An
// article already in memory with the same content is skipped; with new
// content (an updated page) it replaces the old version.
func (x *Index) Add(articles []*sitrep.Article) {
	var fresh []*doc
	for _, a := range articles {
		if a == nil || a.ID == "" {
			continue
		}
		if old, ok := x.docs[a.ID]; ok {
			if old.dg.Hash == a.ContentHash {
				continue
			}
			x.remove(old)
		}
		d := x.newDoc(newDigest(a))
		x.count(d, 1)
		fresh = append(fresh, d)
	}
	// A page updated within the batch is placed once, in its last version.
	fresh = slices.DeleteFunc(fresh, func(d *doc) bool { return x.docs[d.dg.ID] != d })
	// Rarity is counted over the whole batch before any article is placed,
	// so the order within a batch matters less.
	slices.SortStableFunc(fresh, func(a, b *doc) int {
		if c := a.dg.Time.Compare(b.dg.Time); c != 0 {
			return c
		}
		return strings.Compare(a.dg.ID, b.dg.ID)
	})
	for _, d := range fresh {
		x.place(d)
	}
}

func (x *Index) newDoc(dg *digest) *doc {
	d := &doc{dg: dg}
	d.sig, d.hasSg = dg.signature()
	x.docs[dg.ID] = d
	if dg.Time.After(x.newest) {
		x.newest = dg.Time
	}
	return d
}

// count adds (sign 1) or removes (-1) a document's features from the
// document frequencies.
func (x *Index) count(d *doc, sign int) {
	x.n += sign
	for _, f := range d.dg.Feats {
		x.df[f.Key] += sign
		if x.df[f.Key] <= 0 {
			delete(x.df, f.Key)
		}
	}
}

// weigh computes d's vector with the current rarities.
func (x *Index) weigh(d *doc) {
	d.vec = make(map[string]float64, len(d.dg.Feats))
	sum := 0.0
	for _, f := range d.dg.Feats {
		w := baseWeight[f.Key[:2]] * f.TF * x.idf(f.Key)
		d.vec[f.Key] = w
		sum += w * w
	}
	d.norm = math.Sqrt(sum)
}

func (x *Index) idf(key string) float64 {
	df := max(x.df[key], 1)
	return math.Log(1 + float64(max(x.n, 1))/float64(df))
}

// place finds d's original, if it is a copy, and its story.
func (x *Index) place(d *doc) {
	x.dirtyDocs[d] = true
	if d.hasSg {
		if e := x.nearest(d); e != nil {
			x.lsh.add(d)
			x.joinCopies(d, e.root())
			return
		}
		x.lsh.add(d)
	}
	x.weigh(d)
	x.assign(d)
}

// nearest returns the most similar earlier text that d copies, or nil.
func (x *Index) nearest(d *doc) *doc {
	var best *doc
	bestSim := x.opt.Duplicate
	for _, e := range x.lsh.candidates(&d.sig) {
		if e == d || e.story == nil {
			continue
		}
		if sim := d.sig.Similarity(&e.sig); sim >= bestSim {
			best, bestSim = e, sim
		}
	}
	return best
}

// joinCopies makes d a member of o's group of copies. If d was published
// first it becomes the original: the group's story then counts d's
// features instead of o's, and o's events stop counting.
func (x *Index) joinCopies(d, o *doc) {
	s := o.story
	s.add(d)
	x.dirtyStories[s] = true
	if !earlier(d, o) {
		d.orig = o
		o.copies = append(o.copies, d)
		return
	}
	x.weigh(d)
	s.addVec(o.vec, -1)
	s.addVec(d.vec, 1)
	x.post(s, d)
	o.vec, o.norm = nil, 0
	d.copies = append(o.copies, o)
	o.copies = nil
	for _, c := range d.copies {
		c.orig = d
		x.dirtyDocs[c] = true
	}
	d.orig = nil
}

// assign puts an original into the story most like it, or a new one, and
// merges the stories it shows to be one.
func (x *Index) assign(d *doc) {
	type cand struct {
		s   *story
		sim float64
	}
	var cands []cand
	for _, s := range x.candidates(d) {
		if sim := s.similarity(d.vec, d.norm); sim >= x.opt.Join {
			cands = append(cands, cand{s, sim})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.sim != b.sim {
			if a.sim > b.sim {
				return -1
			}
			return 1
		}
		return strings.Compare(a.s.id, b.s.id)
	})
	var s *story
	var others []cand
	if len(cands) == 0 {
		s = &story{id: storyID(d.dg.ID), centroid: map[string]float64{}}
		for x.stories[s.id] != nil {
			s.id = storyID(s.id)
		}
		x.stories[s.id] = s
		delete(x.deleted, s.id)
	} else {
		s, others = cands[0].s, cands[1:]
	}
	s.add(d)
	s.addVec(d.vec, 1)
	x.post(s, d)
	x.dirtyStories[s] = true
	for _, c := range others {
		if c.sim >= x.opt.Merge && !c.s.dead && c.s != s {
			s = x.merge(s, c.s)
		}
	}
}

// candidates returns the live stories within the window that share one of
// d's rarest keys.
func (x *Index) candidates(d *doc) []*story {
	type kw struct {
		key string
		w   float64
	}
	var keys []kw
	for k, w := range d.vec {
		if blocking(k) {
			keys = append(keys, kw{k, w})
		}
	}
	slices.SortFunc(keys, func(a, b kw) int {
		if a.w != b.w {
			if a.w > b.w {
				return -1
			}
			return 1
		}
		return strings.Compare(a.key, b.key)
	})
	if len(keys) > x.opt.MaxKeys {
		keys = keys[:x.opt.MaxKeys]
	}
	t := d.dg.Time
	var out []*story
	seen := map[*story]bool{}
	for _, k := range keys {
		list := x.postings[k.key]
		read := 0
		for i := len(list) - 1; i >= 0 && read < x.opt.MaxPostings; i-- {
			s := list[i]
			if s.dead || seen[s] {
				continue
			}
			read++
			seen[s] = true
			if t.Before(s.first.Add(-x.opt.Window)) || t.After(s.last.Add(x.opt.Window)) {
				continue
			}
			out = append(out, s)
		}
	}
	return out
}

// post appends s to the posting lists of d's keys, latest last, and
// compacts a list that has grown to twice what is read of it.
func (x *Index) post(s *story, d *doc) {
	for k := range d.vec {
		if !blocking(k) {
			continue
		}
		list := x.postings[k]
		if n := len(list); n > 0 && list[n-1] == s {
			continue
		}
		list = append(list, s)
		if len(list) > 2*x.opt.MaxPostings {
			list = compact(list, x.opt.MaxPostings)
		}
		x.postings[k] = list
	}
}

// unpost takes a story that ends (merged, emptied or evicted) out of the
// posting lists of its keys, so that nothing keeps it in memory.
func (x *Index) unpost(s *story) {
	for k := range s.centroid {
		if !blocking(k) {
			continue
		}
		list := slices.DeleteFunc(x.postings[k], func(o *story) bool { return o == s })
		if len(list) == 0 {
			delete(x.postings, k)
		} else {
			x.postings[k] = list
		}
	}
}

// compact keeps the latest n live stories of a posting list, each once.
func compact(list []*story, n int) []*story {
	seen := map[*story]bool{}
	var keep []*story
	for i := len(list) - 1; i >= 0 && len(keep) < n; i-- {
		if s := list[i]; !s.dead && !seen[s] {
			seen[s] = true
			keep = append(keep, s)
		}
	}
	slices.Reverse(keep)
	return keep
}

// merge joins two stories into the one seen first and returns it.
func (x *Index) merge(a, b *story) *story {
	if b.first.Before(a.first) || (b.first.Equal(a.first) && b.id < a.id) {
		a, b = b, a
	}
	for _, m := range b.members {
		a.add(m)
		x.dirtyDocs[m] = true
		if m.vec != nil {
			x.post(a, m)
		}
	}
	a.addVec(b.centroid, 1)
	x.unpost(b)
	b.members, b.centroid = nil, nil
	b.dead = true
	delete(x.stories, b.id)
	delete(x.dirtyStories, b)
	x.deleted[b.id] = true
	x.dirtyStories[a] = true
	return a
}

// remove takes an article out of the index, as before an update. Its
// copies are placed again, as they may not copy the new version.
func (x *Index) remove(d *doc) {
	copies := d.copies
	d.copies = nil
	if d.orig != nil {
		o := d.orig
		o.copies = slices.DeleteFunc(o.copies, func(c *doc) bool { return c == d })
	}
	s := d.story
	if s != nil {
		if d.vec != nil {
			s.addVec(d.vec, -1)
		}
		s.remove(d)
		for _, c := range copies {
			c.orig = nil
			if c.story == s {
				s.remove(c)
			}
			c.story = nil
		}
		x.dirtyStories[s] = true
		if len(s.members) == 0 {
			x.dropStory(s)
		}
	}
	if d.hasSg {
		x.lsh.remove(d)
	}
	x.count(d, -1)
	delete(x.docs, d.dg.ID)
	delete(x.dirtyDocs, d)
	for _, c := range copies {
		if c.hasSg {
			x.lsh.remove(c)
		}
		x.place(c)
	}
}

func (x *Index) dropStory(s *story) {
	x.unpost(s)
	s.dead = true
	delete(x.stories, s.id)
	delete(x.dirtyStories, s)
	x.deleted[s.id] = true
}

// Evict drops from memory the stories whose last article is older than
// the horizon behind the newest article seen. They stay in the store; a
// Connector loads them again when an article of their time arrives.
// Changes not yet flushed are kept.
func (x *Index) Evict() int {
	cutoff := x.newest.Add(-x.opt.Horizon)
	n := 0
	for id, s := range x.stories {
		if !s.last.Before(cutoff) || x.dirtyStories[s] {
			continue
		}
		if slices.ContainsFunc(s.members, func(m *doc) bool { return x.dirtyDocs[m] }) {
			continue
		}
		for _, m := range s.members {
			if m.hasSg {
				x.lsh.remove(m)
			}
			x.count(m, -1)
			delete(x.docs, m.dg.ID)
		}
		x.unpost(s)
		s.dead = true
		delete(x.stories, id)
		n++
	}
	return n
}

// storyID derives a story's id from its first article's id.
func storyID(seed string) string {
	sum := sha256.Sum256([]byte("story:" + seed))
	return "s" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:])[:12])
}

// Restore loads stored links into memory: every story whose articles are
// not in memory yet, whole. Links of a story already in memory are
// skipped, so restoring an overlapping window twice is harmless.
func (x *Index) Restore(links []sitrep.ArticleLink) error {
	byStory := map[string][]sitrep.ArticleLink{}
	var order []string
	for _, l := range links {
		if _, ok := byStory[l.StoryID]; !ok {
			order = append(order, l.StoryID)
		}
		byStory[l.StoryID] = append(byStory[l.StoryID], l)
	}
	var restored []*story
	for _, id := range order {
		if x.stories[id] != nil || x.deleted[id] {
			continue
		}
		group := byStory[id]
		known := false
		for _, l := range group {
			if x.docs[l.ArticleID] != nil {
				known = true
			}
		}
		if known {
			continue
		}
		s := &story{id: id, centroid: map[string]float64{}}
		for _, l := range group {
			dg, err := decodeDigest(l.State)
			if err != nil {
				return fmt.Errorf("connect: restore story %s: %w", id, err)
			}
			d := x.newDoc(dg)
			x.count(d, 1)
			s.add(d)
		}
		for _, l := range group {
			if l.DuplicateOf == "" {
				continue
			}
			d, o := x.docs[l.ArticleID], x.docs[l.DuplicateOf]
			if o != nil && o.story == s && o != d {
				d.orig = o
				o.copies = append(o.copies, d)
			}
		}
		x.stories[id] = s
		restored = append(restored, s)
	}
	for _, s := range restored {
		for _, m := range s.members {
			if m.hasSg {
				x.lsh.add(m)
			}
			if m.orig != nil {
				continue
			}
			x.weigh(m)
			s.addVec(m.vec, 1)
			x.post(s, m)
		}
	}
	return nil
}
