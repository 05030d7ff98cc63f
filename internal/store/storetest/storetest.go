// Package storetest is the conformance suite every sitrep.Store backend must
// pass. A backend's own test calls Run with a function that opens a fresh,
// empty store.
//
// Beyond the interface's comments the suite fixes these behaviours:
//   - PutArticles rejects the whole call with EINVALID, storing nothing, when
//     an article is nil or lacks an id, body or content hash; the message
//     names the article's Input.
//   - Times come back in UTC; nil and empty lists and a nil Analysis come
//     back as they went in.
//   - Search ANDs the words of the query, ignores case and diacritics,
//     treats any user text as words (never as query syntax), rejects a query
//     with no words with EINVALID, and marks hits in the snippet with [ and ].
package storetest

import (
	"context"
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// Run runs the conformance suite. open must return a new, empty store and
// arrange for it to be closed when t ends.
func Run(t *testing.T, open func(t *testing.T) sitrep.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s sitrep.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"NilAndEmptyLists", testNilAndEmptyLists},
		{"PutStatus", testPutStatus},
		{"UpdateReindexes", testUpdateReindexes},
		{"DuplicateByContentHash", testDuplicateByContentHash},
		{"DuplicatesWithinBatch", testDuplicatesWithinBatch},
		{"EmptyBatch", testEmptyBatch},
		{"NotFound", testNotFound},
		{"ListingOrder", testListingOrder},
		{"ListingPages", testListingPages},
		{"Count", testCount},
		{"SearchTitleAboveBody", testSearchTitleAboveBody},
		{"SearchMoreOccurrencesRankHigher", testSearchMoreOccurrences},
		{"SearchAllWords", testSearchAllWords},
		{"SearchFoldsCaseAndDiacritics", testSearchFolds},
		{"SearchHostileSyntax", testSearchHostileSyntax},
		{"SearchNoWords", testSearchNoWords},
		{"SearchPages", testSearchPages},
		{"SearchHitFields", testSearchHitFields},
		{"Snippet", testSnippet},
		{"Validation", testValidation},
		{"CancelledContext", testCancelledContext},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.fn(t, open(t))
		})
	}
}

func ctx(t *testing.T) context.Context {
	t.Helper()
	return t.Context()
}
