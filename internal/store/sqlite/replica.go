package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/sitrep-project/sitrep/internal/sitrep"
)

// ReplicaMark returns how far this file has copied source's changes, the
// zero mark before the first copy.
func (db *DB) ReplicaMark(ctx context.Context, source string) (sitrep.ChangeMark, error) {
	var m sitrep.ChangeMark
	err := db.db.QueryRowContext(ctx, "SELECT time, seq FROM replica_marks WHERE source = ?", source).Scan(&m.Time, &m.Seq)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("store: replica mark of %s: %w", source, err)
	}
	return m, nil
}

// SetReplicaMark records how far this file has copied source's changes.
func (db *DB) SetReplicaMark(ctx context.Context, source string, m sitrep.ChangeMark) error {
	_, err := db.db.ExecContext(ctx, `INSERT INTO replica_marks (source, time, seq) VALUES (?, ?, ?)
		ON CONFLICT (source) DO UPDATE SET time = excluded.time, seq = excluded.seq`, source, m.Time, m.Seq)
	if err != nil {
		return fmt.Errorf("store: set replica mark of %s: %w", source, err)
	}
	return nil
}
