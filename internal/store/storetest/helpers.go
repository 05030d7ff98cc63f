package storetest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// retrieved is the retrieval time of articles whose test does not care.
var retrieved = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// article returns a normalized text article with id, title and body.
func article(id, title, body string) *sitrep.Article {
	a := &sitrep.Article{
		ID:        id,
		Input:     "test/" + id + ".txt",
		Format:    "text",
		Title:     title,
		Body:      body,
		Retrieved: retrieved,
	}
	a.Normalize()
	return a
}

// filler is neutral reporting prose that none of the suite's search terms
// occur in. body builds texts of equal length from it so that bm25's length
// normalisation does not decide a ranking test.
var filler = strings.Fields(`officials said on monday that the situation in the
	district remained tense after several days of heavy fighting between rival
	groups while residents described long queues for bread and fuel and aid
	agencies warned that access to the area was still limited by damaged roads`)

// body returns n words of filler with term at the first k of the positions
// 3, 7, 11, ..., so that documents with different k have the same length.
func body(n, k int, term string) string {
	words := make([]string, n)
	for i := range words {
		words[i] = filler[i%len(filler)]
	}
	for i, pos := 0, 3; i < k && pos < n; i, pos = i+1, pos+4 {
		words[pos] = term
	}
	return strings.Join(words, " ")
}

func put(t *testing.T, s sitrep.Store, articles ...*sitrep.Article) []sitrep.PutResult {
	t.Helper()
	res, err := s.PutArticles(ctx(t), articles)
	if err != nil {
		t.Fatalf("PutArticles: %v", err)
	}
	if len(res) != len(articles) {
		t.Fatalf("PutArticles returned %d results for %d articles", len(res), len(articles))
	}
	return res
}

func get(t *testing.T, s sitrep.Store, id string) *sitrep.Article {
	t.Helper()
	a, err := s.Article(ctx(t), id)
	if err != nil {
		t.Fatalf("Article(%q): %v", id, err)
	}
	return a
}

func count(t *testing.T, s sitrep.Store) int {
	t.Helper()
	n, err := s.CountArticles(ctx(t))
	if err != nil {
		t.Fatalf("CountArticles: %v", err)
	}
	return n
}

func search(t *testing.T, s sitrep.Store, q sitrep.SearchQuery) []sitrep.SearchHit {
	t.Helper()
	hits, err := s.Search(ctx(t), q)
	if err != nil {
		t.Fatalf("Search(%q): %v", q.Text, err)
	}
	return hits
}

func hitIDs(hits []sitrep.SearchHit) []string {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	return ids
}

func articleIDs(list []*sitrep.Article) []string {
	ids := make([]string, len(list))
	for i, a := range list {
		ids[i] = a.ID
	}
	return ids
}

// inUTC returns a copy of a with its times in UTC, as a store returns them.
func inUTC(a *sitrep.Article) *sitrep.Article {
	c := *a
	if a.Published != nil {
		p := a.Published.UTC()
		c.Published = &p
	}
	c.Retrieved = a.Retrieved.UTC()
	return &c
}

// sameArticle fails t unless got equals want field for field, nil and empty
// told apart.
func sameArticle(t *testing.T, got, want *sitrep.Article) {
	t.Helper()
	want = inUTC(want)
	if reflect.DeepEqual(got, want) {
		return
	}
	t.Errorf("article %s differs after the round trip:\n got %s\nwant %s", want.ID, dump(got), dump(want))
}

// dump shows every field, including which lists are nil, for a failure message.
func dump(a *sitrep.Article) string {
	b, _ := json.Marshal(a)
	return fmt.Sprintf("%s\n     nil lists: countries=%v topics=%v analysis=%v published=%v",
		b, a.PageCountries == nil, a.PageTopics == nil, a.Analysis == nil, a.Published == nil)
}

func wantCode(t *testing.T, err error, code, what string) {
	t.Helper()
	if got := sitrep.ErrorCode(err); got != code {
		t.Fatalf("%s: error code %q (err %v), want %q", what, got, err, code)
	}
}
