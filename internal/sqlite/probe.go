package sqlite

import (
	"context"
	"fmt"
)

// probeKey is the row of the state table that ProbeWrite rewrites.
const probeKey = "health_probe"

// ProbeWrite proves that the database takes writes, for the health check:
// it commits a one-row upsert into the state table (key "health_probe",
// the current time in milliseconds). A write that is rolled back would
// not do: in WAL mode it never reaches the disk, so a full disk or a file
// system remounted read-only would pass. It returns SQLite's error for a
// database opened read-only, a damaged one (matching tip.ErrCorrupt), a
// full disk or an I/O error. It waits for the write lock as every write
// does, up to the busy timeout (5 s) when another process holds it; the
// caller bounds the wait it can afford.
func (db *DB) ProbeWrite(ctx context.Context) error {
	err := db.inTx(ctx, func(tx querier) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO state (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, probeKey, millis(db.Now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("write probe: %w", err)
	}
	return nil
}
