package gazimport

import (
	"context"
	"database/sql"
	"fmt"
)

// Stats summarises what the store holds.
type Stats struct {
	Sources   []SourceStats `json:"sources"`
	Countries []Count       `json:"countries"` // places per country, most first
	Features  []Count       `json:"features"`  // places per feature
	Codes     []Count       `json:"codes"`     // code list rows per level
	Places    int           `json:"places"`
}

// SourceStats is one imported file.
type SourceStats struct {
	Name       string `json:"name"`
	Format     Format `json:"format"`
	Path       string `json:"path"`
	Rows       int    `json:"rows"`
	ImportedAt string `json:"imported_at"`
	// Complete is false when the last import of the source stopped before
	// its end; importing the file again completes it.
	Complete bool `json:"complete"`
}

// Count is a number of rows with one value of a column.
type Count struct {
	Value string `json:"value"`
	N     int    `json:"n"`
}

// ReadStats reads the summary of the imported gazetteers.
func ReadStats(ctx context.Context, db *sql.DB) (*Stats, error) {
	st := &Stats{}
	rows, err := db.QueryContext(ctx, `SELECT s.name, s.format, s.path, s.imported_at, s.complete_run = s.run,
		(SELECT count(*) FROM gazetteer_places p WHERE p.source = s.name) + (SELECT count(*) FROM gazetteer_codes c WHERE c.source = s.name)
		FROM gazetteer_sources s ORDER BY s.name`)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: stats: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s SourceStats
		if err := rows.Scan(&s.Name, &s.Format, &s.Path, &s.ImportedAt, &s.Complete, &s.Rows); err != nil {
			return nil, fmt.Errorf("gazetteer: stats: %w", err)
		}
		st.Sources = append(st.Sources, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer: stats: %w", err)
	}
	for _, q := range []struct {
		dst *[]Count
		sql string
	}{
		{&st.Countries, "SELECT country, count(*) FROM gazetteer_places GROUP BY country ORDER BY 2 DESC, 1"},
		{&st.Features, "SELECT feature, count(*) FROM gazetteer_places GROUP BY feature ORDER BY 2 DESC, 1"},
		{&st.Codes, "SELECT level, count(*) FROM gazetteer_codes GROUP BY level ORDER BY 1"},
	} {
		if *q.dst, err = counts(ctx, db, q.sql); err != nil {
			return nil, err
		}
	}
	for _, c := range st.Countries {
		st.Places += c.N
	}
	return st, nil
}

func counts(ctx context.Context, db *sql.DB, q string) ([]Count, error) {
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: stats: %w", err)
	}
	defer rows.Close()
	out := []Count{}
	for rows.Next() {
		var c Count
		if err := rows.Scan(&c.Value, &c.N); err != nil {
			return nil, fmt.Errorf("gazetteer: stats: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
