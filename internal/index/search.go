package index

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-project/sitrep/internal/extract/text"
	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Search limits, as the store's (internal/store/sqlite) for the same index.
const (
	DefaultSearchLimit = 20
	MaxSearchLimit     = 100
	MaxSearchWords     = 16
	MaxSearchBytes     = 256
	// MaxSearchOffset bounds how deep a search pages: bm25 ranks every
	// match, so page 500 costs as much as sorting them all.
	MaxSearchOffset = 10000
	maxFacetValues  = 12
)

// Snippet highlight markers: private-use code points that no article text
// carries, so the site can escape the snippet and then mark the matches.
const (
	MarkStart = "\ue000"
	MarkEnd   = "\ue001"
)

// SearchQuery is a full-text query narrowed by a Filter. An empty Text
// lists the filtered articles newest first.
type SearchQuery struct {
	Text   string
	Filter Filter
	Limit  int
	Offset int
	// Newest orders matches by date instead of relevance (feeds).
	Newest bool
	// NoFacets skips counting the facets and the total.
	NoFacets bool
}

// SearchResult is one page of hits, the number of all matches and the
// facets of all matches: how many of them each country, topic, event type
// and source has.
type SearchResult struct {
	Hits   []SearchHit `json:"hits"`
	Total  int         `json:"total"`
	Facets Facets      `json:"facets"`
	// FacetsOf is how many matches the facets count: Total, or
	// MaxFacetMatches when there are more.
	FacetsOf int `json:"facets_of"`
}

// SearchHit is one matching article. Snippet marks the matched words with
// MarkStart and MarkEnd.
type SearchHit struct {
	ArticleSummary
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"` // higher is better; 0 when listing without text
}

// Facets count the matches by value, most first.
type Facets struct {
	Countries []FacetValue `json:"countries"`
	Topics    []FacetValue `json:"topics"`
	Types     []FacetValue `json:"types"`
	Sources   []FacetValue `json:"sources"`
}

// FacetValue is one value of a facet: the parameter value that selects
// it, what to show and how many matches have it.
type FacetValue struct {
	Value string `json:"value"`
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Search runs q. Results are cached until the index changes; callers must
// not modify them.
func (x *Index) Search(ctx context.Context, q SearchQuery) (*SearchResult, error) {
	key := fmt.Sprintf("%q %s %d %d %t %t", q.Text, q.Filter.key(), q.Limit, q.Offset, q.Newest, q.NoFacets)
	gen := x.gen.Load()
	if res, ok := x.searches.get(key, gen); ok {
		return res.(*SearchResult), nil
	}
	// The search runs to the end even if this reader leaves, bounded by
	// searchTimeout, so that the readers waiting for it, and the next
	// ones from the cache, get it.
	fl, _ := x.flights.do(key, func() (*SearchResult, error) {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), searchTimeout)
		defer cancel()
		res, err := x.search(sctx, q)
		if err == nil {
			x.searches.put(key, gen, res)
		}
		return res, err
	})
	select {
	case <-fl.done:
		return fl.res, fl.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// searchTimeout bounds one search.
const searchTimeout = 30 * time.Second

func (x *Index) search(ctx context.Context, q SearchQuery) (*SearchResult, error) {
	limit := clampLimit(q.Limit, DefaultSearchLimit, MaxSearchLimit)
	if q.Offset < 0 || q.Offset > MaxSearchOffset {
		return nil, sitrep.Errorf(sitrep.EINVALID, "offset %d is outside 0 to %d", q.Offset, MaxSearchOffset)
	}
	if strings.TrimSpace(q.Text) == "" {
		return x.browse(ctx, q.Filter, limit, q.Offset, q.NoFacets)
	}
	match, err := MatchQuery(q.Text)
	if err != nil {
		return nil, err
	}
	// Every match is read once, in a materialized CTE, and only then
	// narrowed by the filter: a filter inside the full-text query
	// ("rowid IN (...)") makes FTS5 run the query once per listed rowid,
	// which took half a minute on 100,000 articles.
	conds, cargs := q.Filter.seqConds("m.seq")
	if len(conds) == 0 && !q.Newest && q.Offset+limit <= rankWindow {
		return x.searchRecent(ctx, q, match, limit)
	}
	where := "1"
	for _, c := range conds {
		where += " AND " + c
	}
	ranked := `WITH m AS MATERIALIZED (SELECT rowid AS seq, bm25(articles_fts, 10.0, 1.0) AS score
		FROM articles_fts WHERE articles_fts MATCH ?) `
	plain := `WITH m AS MATERIALIZED (SELECT rowid AS seq FROM articles_fts WHERE articles_fts MATCH ?) `
	args := append([]any{match}, cargs...)

	res := &SearchResult{Hits: []SearchHit{}}
	// The page: ranked ids first, then summaries and snippets of those
	// alone, since SQLite would otherwise cut a snippet of every match
	// before sorting them.
	pageQ := ranked + "SELECT m.seq, m.score FROM m WHERE " + where + " ORDER BY m.score, m.seq LIMIT ? OFFSET ?"
	if q.Newest {
		pageQ = plain + "SELECT m.seq, 0 FROM m JOIN index_articles AS a ON a.seq = m.seq WHERE " + where +
			" ORDER BY a.seen DESC, a.seq DESC LIMIT ? OFFSET ?"
	}
	var seqs []int64
	scores := map[int64]float64{}
	err = x.query(ctx, pageQ, append(append([]any{}, args...), limit, q.Offset), func(rows *sql.Rows) error {
		var seq int64
		var score float64
		if err := rows.Scan(&seq, &score); err != nil {
			return err
		}
		seqs = append(seqs, seq)
		scores[seq] = -score
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: search %q: %w", q.Text, err)
	}
	if len(seqs) > 0 {
		hits, err := x.hits(ctx, match, seqs, scores)
		if err != nil {
			return nil, fmt.Errorf("index: search %q: %w", q.Text, err)
		}
		res.Hits = hits
	}
	if q.NoFacets {
		return res, nil
	}
	matched := plain + "SELECT m.seq FROM m WHERE " + where
	if err := x.facets(ctx, res, matched, "m.seq", args); err != nil {
		return nil, fmt.Errorf("index: search %q: %w", q.Text, err)
	}
	return res, nil
}

// RankWindow is how many matches an unfiltered search ranks: the most
// recently stored ones. bm25 costs a few microseconds per match, and a
// common word matches half of a large corpus, so ranking every match of
// "killed" in 100,000 articles took half a second; the newest 2,000 take
// a few milliseconds. The window is also what the facets count
// (MaxFacetMatches). Pages beyond it, and filtered searches, rank every
// match.
const RankWindow = MaxFacetMatches

// rankWindow is RankWindow, smaller in tests.
var rankWindow = RankWindow

// searchRecent answers an unfiltered search from the newest RankWindow
// matches, read once in the full-text index's own (rowid) order.
func (x *Index) searchRecent(ctx context.Context, q SearchQuery, match string, limit int) (*SearchResult, error) {
	type scored struct {
		seq   int64
		score float64 // bm25: lower is better
	}
	var window []scored
	err := x.query(ctx, `SELECT rowid, bm25(articles_fts, 10.0, 1.0) FROM articles_fts
		WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?`, []any{match, rankWindow}, func(rows *sql.Rows) error {
		var m scored
		if err := rows.Scan(&m.seq, &m.score); err != nil {
			return err
		}
		window = append(window, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: search %q: %w", q.Text, err)
	}
	ranked := slices.Clone(window)
	slices.SortFunc(ranked, func(a, b scored) int {
		if c := cmp.Compare(a.score, b.score); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	res := &SearchResult{Hits: []SearchHit{}}
	if q.Offset < len(ranked) {
		page := ranked[q.Offset:min(len(ranked), q.Offset+limit)]
		seqs := make([]int64, len(page))
		scores := make(map[int64]float64, len(page))
		for i, m := range page {
			seqs[i] = m.seq
			scores[m.seq] = -m.score
		}
		if res.Hits, err = x.hits(ctx, match, seqs, scores); err != nil {
			return nil, fmt.Errorf("index: search %q: %w", q.Text, err)
		}
	}
	if q.NoFacets {
		return res, nil
	}
	res.Total = len(window)
	if len(window) == rankWindow {
		if err := x.db.QueryRowContext(ctx, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", match).Scan(&res.Total); err != nil {
			return nil, fmt.Errorf("index: search %q: count: %w", q.Text, err)
		}
	}
	seqs := make([]byte, 0, 8*len(window))
	seqs = append(seqs, '[')
	for i, m := range window {
		if i > 0 {
			seqs = append(seqs, ',')
		}
		seqs = strconv.AppendInt(seqs, m.seq, 10)
	}
	seqs = append(seqs, ']')
	rows := `SELECT a.countries, a.topics, a.event_types, a.source_slug, a.source FROM index_articles AS a
		WHERE a.seq IN (SELECT value FROM json_each(?))`
	if err := x.countFacets(ctx, res, rows, []any{string(seqs)}); err != nil {
		return nil, fmt.Errorf("index: search %q: facets: %w", q.Text, err)
	}
	return res, nil
}

// hits reads the summaries and snippets of the articles seqs, in that
// order.
func (x *Index) hits(ctx context.Context, match string, seqs []int64, scores map[int64]float64) ([]SearchHit, error) {
	in := make([]string, len(seqs))
	args := []any{match}
	for i, s := range seqs {
		in[i] = "?"
		args = append(args, s)
	}
	q := "SELECT " + articleColumns + `, snippet(articles_fts, 1, '` + MarkStart + `', '` + MarkEnd + `', '…', 28)
		FROM articles_fts AS f JOIN index_articles AS a ON a.seq = f.rowid
		WHERE articles_fts MATCH ? AND f.rowid IN (` + strings.Join(in, ",") + `)`
	bySeq := map[int64]SearchHit{}
	err := x.query(ctx, q, args, func(rows *sql.Rows) error {
		var h SearchHit
		var published sql.NullString
		var retrieved, countries string
		a := &h.ArticleSummary
		if err := rows.Scan(&a.seq, &a.ID, &a.Title, &a.Source, &a.Byline, &a.URL, &a.Summary, &published, &retrieved, &a.seen,
			&countries, &a.EventCount, &h.Snippet); err != nil {
			return err
		}
		if err := a.finish(published, retrieved, countries); err != nil {
			return err
		}
		h.Score = scores[a.seq]
		h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
		bySeq[a.seq] = h
		return nil
	})
	if err != nil {
		return nil, err
	}
	hits := make([]SearchHit, 0, len(seqs))
	for _, s := range seqs {
		// An article indexed for search but not yet by Sync has no
		// summary row; it shows up once Sync has run.
		if h, ok := bySeq[s]; ok {
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// browse lists the articles f selects, newest first, with their facets.
func (x *Index) browse(ctx context.Context, f Filter, limit, offset int, noFacets bool) (*SearchResult, error) {
	res := &SearchResult{Hits: []SearchHit{}}
	from, where, args := f.articleQuery()
	q := "SELECT " + articleColumns + " FROM " + from + " JOIN index_articles AS a ON a.seq = d.seq"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	err := x.query(ctx, q+" ORDER BY d.seen DESC, d.seq DESC LIMIT ? OFFSET ?", append(append([]any{}, args...), limit, offset),
		func(rows *sql.Rows) error {
			a, err := scanSummary(rows)
			if err == nil {
				res.Hits = append(res.Hits, SearchHit{ArticleSummary: a, Snippet: a.Summary})
			}
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("index: browse: %w", err)
	}
	if noFacets {
		return res, nil
	}
	matched := "SELECT d.seq FROM " + from
	if len(where) > 0 {
		// Conditions may name a (the driving table's join): join it too.
		matched += " JOIN index_articles AS a ON a.seq = d.seq WHERE " + strings.Join(where, " AND ")
	}
	type counted struct {
		total, of int
		facets    Facets
	}
	c, err := cached(x, "browse "+f.key(), func() (counted, error) {
		var r SearchResult
		err := x.facets(ctx, &r, matched, "d.seq", args)
		return counted{r.Total, r.FacetsOf, r.Facets}, err
	})
	if err != nil {
		return nil, fmt.Errorf("index: browse: %w", err)
	}
	res.Total, res.FacetsOf, res.Facets = c.total, c.of, c.facets
	return res, nil
}

// Facets are counted over at most MaxFacetMatches matches, the most
// recently stored: a search for a common word matches half of a large
// corpus, and counting them all would cost seconds. SearchResult.FacetsOf
// says how many matches the counts cover.
const MaxFacetMatches = 2000

// facets fills res.Total, res.Facets and res.FacetsOf from the articles
// that matched selects (one column, the article seq, named by seqCol),
// with its arguments.
func (x *Index) facets(ctx context.Context, res *SearchResult, matched, seqCol string, args []any) error {
	if err := x.db.QueryRowContext(ctx, "SELECT count(*) FROM ("+matched+")", args...).Scan(&res.Total); err != nil {
		return err
	}
	q := `SELECT a.countries, a.topics, a.event_types, a.source_slug, a.source FROM index_articles AS a
		WHERE a.seq IN (` + matched + ` ORDER BY ` + seqCol + ` DESC LIMIT ?)`
	return x.countFacets(ctx, res, q, append(append([]any{}, args...), MaxFacetMatches))
}

// countFacets fills res.Facets and res.FacetsOf from the rows of q: the
// countries, topics, event types, source slug and source of articles.
func (x *Index) countFacets(ctx context.Context, res *SearchResult, q string, args []any) error {
	counts := [4]map[string]int{{}, {}, {}, {}}
	sourceNames := map[string]string{}
	err := x.query(ctx, q, args, func(rows *sql.Rows) error {
		var countries, topics, slug, source string
		var types int
		if err := rows.Scan(&countries, &topics, &types, &slug, &source); err != nil {
			return err
		}
		res.FacetsOf++
		for _, c := range strings.Fields(countries) {
			counts[0][c]++
		}
		for _, t := range strings.Fields(topics) {
			counts[1][t]++
		}
		for i, t := range EventTypes {
			if types&(1<<i) != 0 {
				counts[2][t]++
			}
		}
		if slug != "" {
			counts[3][slug]++
			sourceNames[slug] = source
		}
		return nil
	})
	if err != nil {
		return err
	}
	labels, err := x.topicLabels(ctx, counts[1])
	if err != nil {
		return err
	}
	f := &res.Facets
	label := []func(string) string{CountryName, func(c string) string { return labels[c] }, func(t string) string { return t },
		func(s string) string { return sourceNames[s] }}
	value := []func(string) string{func(c string) string { return c }, TopicSlug, func(t string) string { return t },
		func(s string) string { return s }}
	for i, dst := range []*[]FacetValue{&f.Countries, &f.Topics, &f.Types, &f.Sources} {
		vs := []FacetValue{}
		for k, n := range counts[i] {
			vs = append(vs, FacetValue{Value: value[i](k), Label: label[i](k), Count: n})
		}
		sort.Slice(vs, func(a, b int) bool {
			if vs[a].Count != vs[b].Count {
				return vs[a].Count > vs[b].Count
			}
			return vs[a].Label < vs[b].Label
		})
		if len(vs) > maxFacetValues {
			vs = vs[:maxFacetValues]
		}
		*dst = vs
	}
	return nil
}

// seqConds returns f's conditions on an article seq column, for queries
// whose driving table is not one of the index's (the full-text index).
func (f Filter) seqConds(col string) ([]string, []any) {
	var conds []string
	var args []any
	add := func(sub string, a ...any) {
		conds = append(conds, col+" IN ("+sub+")")
		args = append(args, a...)
	}
	if f.Country != "" {
		add("SELECT seq FROM index_article_countries WHERE code = ?", f.Country)
	}
	if f.Topic != "" {
		add("SELECT seq FROM index_article_topics WHERE code = ?", f.Topic)
	}
	if f.Actor != "" {
		add("SELECT seq FROM index_article_actors WHERE slug = ?", f.Actor)
	}
	if f.Place != "" {
		add("SELECT seq FROM index_article_places WHERE key = ?", f.Place)
	}
	if f.Source != "" {
		add("SELECT seq FROM index_articles WHERE source_slug = ?", f.Source)
	}
	if f.Since != "" {
		add("SELECT seq FROM index_articles WHERE seen >= ?", f.Since)
	}
	if f.Until != "" {
		add("SELECT seq FROM index_articles WHERE seen < ?", nextDay(f.Until))
	}
	switch {
	case f.SubType != "" || f.BBox != nil || (f.Type != "" && f.All):
		ef := Filter{Type: f.Type, SubType: f.SubType, BBox: f.BBox, All: f.All}
		ew, eargs := ef.eventWhere()
		add("SELECT e.seq FROM index_events AS e WHERE "+ew, eargs...)
	case f.Type != "":
		// The article's bit set of asserted event types: one row per
		// article rather than one per event.
		add("SELECT seq FROM index_articles WHERE event_types & ? != 0", typeBit(f.Type))
	}
	return conds, args
}

// typeBit is the bit of an event type in index_articles.event_types; an
// unknown type has none, and so matches nothing.
func typeBit(eventType string) int {
	for i, t := range EventTypes {
		if t == eventType {
			return 1 << i
		}
	}
	return 0
}

// MatchQuery turns user text into an FTS5 query that cannot be a syntax
// error: each word quoted, so operators and stray quotes are searched as
// text, words implicitly ANDed, repeats and a possessive "s" dropped. It
// follows the store's own search (internal/store/sqlite) so that both find
// the same articles.
func MatchQuery(s string) (string, error) {
	if len(s) > MaxSearchBytes {
		return "", sitrep.Errorf(sitrep.EINVALID, "search query is %d bytes long, more than %d", len(s), MaxSearchBytes)
	}
	var b strings.Builder
	seen := map[string]bool{}
	for _, t := range text.Tokens(s) {
		key := strings.ToLower(t.Text)
		if possessiveS(s, t) || seen[key] {
			continue
		}
		seen[key] = true
		if len(seen) > MaxSearchWords {
			return "", sitrep.Errorf(sitrep.EINVALID, "search query has more than %d words", MaxSearchWords)
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(t.Text, `"`, `""`))
		b.WriteByte('"')
	}
	if b.Len() == 0 {
		return "", sitrep.Errorf(sitrep.EINVALID, "search query %q has no words", s)
	}
	return b.String(), nil
}

func possessiveS(s string, t text.Token) bool {
	if t.Text != "s" && t.Text != "S" || t.ByteStart == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:t.ByteStart])
	return r == '\'' || r == '\u2019'
}

// topicLabels returns the label of each topic code counted, read from one
// article tagged with it each: the first search after start-up would
// otherwise wait for the count of every topic (Topics) just for labels.
func (x *Index) topicLabels(ctx context.Context, counted map[string]int) (map[string]string, error) {
	labels := make(map[string]string, len(counted))
	for code := range counted {
		if v, ok := x.labels.Load(code); ok {
			labels[code] = v.(string)
			continue
		}
		var label string
		err := x.db.QueryRowContext(ctx, "SELECT label FROM index_article_topics WHERE code = ? LIMIT 1", code).Scan(&label)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("topic %s: label: %w", code, err)
		}
		x.labels.Store(code, label)
		labels[code] = label
	}
	return labels, nil
}
