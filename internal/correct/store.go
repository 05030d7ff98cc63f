package correct

import (
	"context"
	"fmt"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Store is a sitrep.Store whose articles come back with their
// corrections applied, for readers (the site, the API, exports) that must
// show the newsroom's judgement rather than the extractor's.
type Store struct {
	sitrep.Store
	Corrections sitrep.CorrectionStore
}

// NewStore returns articles with the corrections of cs applied.
func NewStore(articles sitrep.Store, cs sitrep.CorrectionStore) *Store {
	return &Store{Store: articles, Corrections: cs}
}

// Article returns the article with id, corrected.
func (s *Store) Article(ctx context.Context, id string) (*sitrep.Article, error) {
	a, _, _, err := s.Corrected(ctx, id)
	return a, err
}

// Corrected returns the article with id, corrected, with the result of
// applying its corrections (keys, orphans) and its whole history of
// corrections, revoked ones included, oldest first.
func (s *Store) Corrected(ctx context.Context, id string) (*sitrep.Article, *Result, []sitrep.Correction, error) {
	a, err := s.Store.Article(ctx, id)
	if err != nil {
		return nil, nil, nil, err
	}
	history, err := s.Corrections.Corrections(ctx, sitrep.CorrectionFilter{ArticleID: id})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("correct: article %s: %w", id, err)
	}
	res := Apply(a.Analysis, history)
	a.Analysis = res.Analysis
	return a, res, history, nil
}

// Articles lists articles as the underlying store does, each corrected.
func (s *Store) Articles(ctx context.Context, f sitrep.ArticleFilter) ([]*sitrep.Article, error) {
	list, err := s.Store.Articles(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return list, nil
	}
	ids := make([]string, len(list))
	for i, a := range list {
		ids[i] = a.ID
	}
	all, err := s.Corrections.Corrections(ctx, sitrep.CorrectionFilter{ArticleIDs: ids, Active: true})
	if err != nil {
		return nil, fmt.Errorf("correct: list corrections: %w", err)
	}
	byArticle := map[string][]sitrep.Correction{}
	for _, c := range all {
		byArticle[c.ArticleID] = append(byArticle[c.ArticleID], c)
	}
	for _, a := range list {
		if cs := byArticle[a.ID]; len(cs) > 0 {
			a.Analysis = Apply(a.Analysis, cs).Analysis
		}
	}
	return list, nil
}
