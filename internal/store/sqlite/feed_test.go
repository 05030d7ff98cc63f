package sqlite

import (
	"testing"

	"github.com/sitrep-project/sitrep/internal/sitrep"
	"github.com/sitrep-project/sitrep/internal/store/storetest"
)

func TestFeedConformance(t *testing.T) {
	storetest.RunFeeds(t, func(t *testing.T) sitrep.FeedStore {
		return openTemp(t)
	})
}
