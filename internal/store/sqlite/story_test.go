package sqlite

import (
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/sitrep-project/sitrep/internal/store/storetest"
)

func TestStoryConformance(t *testing.T) {
	storetest.RunStories(t, func(t *testing.T) storetest.StoryBackend {
		return openTemp(t)
	})
}

// TestMigrationGap checks that migrations apply by number, not by count:
// a database made while a lower number did not exist yet (0003 without
// 0002) takes that migration later, and a new database takes both.
func TestMigrationGap(t *testing.T) {
	m1 := &fstest.MapFile{Data: []byte("CREATE TABLE one (x INTEGER) STRICT;")}
	m2 := &fstest.MapFile{Data: []byte("CREATE TABLE two (x INTEGER) STRICT;")}
	m3 := &fstest.MapFile{Data: []byte("CREATE TABLE three (x INTEGER) STRICT;")}
	gap := fstest.MapFS{"migrations/0001_one.sql": m1, "migrations/0003_three.sql": m3}
	full := fstest.MapFS{"migrations/0001_one.sql": m1, "migrations/0002_two.sql": m2, "migrations/0003_three.sql": m3}

	tests := []struct {
		name  string
		steps []fstest.MapFS
		want  []int
	}{
		{"gap first, filled later", []fstest.MapFS{gap, full}, []int{1, 2, 3}},
		{"gap only", []fstest.MapFS{gap}, []int{1, 3}},
		{"all at once", []fstest.MapFS{full}, []int{1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openTemp(t)
			if _, err := db.db.ExecContext(t.Context(), "DELETE FROM schema_migrations"); err != nil {
				t.Fatal(err)
			}
			for _, fsys := range tt.steps {
				if err := db.migrateFrom(t.Context(), fsys); err != nil {
					t.Fatalf("migrate: %v", err)
				}
			}
			var got []int
			rows, err := db.db.QueryContext(t.Context(), "SELECT version FROM schema_migrations ORDER BY version")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var v int
				if err := rows.Scan(&v); err != nil {
					t.Fatal(err)
				}
				got = append(got, v)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("applied %v, want %v", got, tt.want)
			}
		})
	}
}

// TestConnectMigration checks the story tables exist in a new database,
// whatever other migrations are embedded beside 0003.
func TestConnectMigration(t *testing.T) {
	db := openTemp(t)
	for _, table := range []string{"story_links", "stories", "story_countries", "story_events", "event_sources", "story_contradictions"} {
		var n int
		if err := db.db.QueryRowContext(t.Context(), "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: count %d, err %v; want 1", table, n, err)
		}
	}
	var applied int
	if err := db.db.QueryRowContext(t.Context(), "SELECT count(*) FROM schema_migrations WHERE version = 3").Scan(&applied); err != nil || applied != 1 {
		t.Errorf("migration 3 recorded %d times (%v), want 1", applied, err)
	}
}

func TestChangeConformance(t *testing.T) {
	storetest.RunChanges(t, func(t *testing.T) storetest.ChangeBackend {
		return openTemp(t)
	})
}
