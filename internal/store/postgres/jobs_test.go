package postgres

import (
	"testing"
	"time"

	"github.com/sitrep-project/sitrep/internal/store/storetest"
)

func TestJobConformance(t *testing.T) {
	testDatabase(t)
	storetest.RunJobs(t, func(t *testing.T, now func() time.Time) storetest.JobBackend {
		db := openTemp(t)
		db.now = now
		return db
	})
}
