package sqlite

import (
	"testing"

	"github.com/sitrep-project/sitrep/internal/store/storetest"
)

func TestAlertConformance(t *testing.T) {
	storetest.RunAlerts(t, func(t *testing.T) storetest.AlertBackend {
		return openTemp(t)
	})
}
