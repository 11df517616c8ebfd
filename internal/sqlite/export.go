package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// ExportStore reads every tip, one at a time, for `tiprelay export`.
type ExportStore struct {
	db *DB
}

// NewExportStore returns an ExportStore on db.
func NewExportStore(db *DB) *ExportStore { return &ExportStore{db: db} }

// exportQuery reads the tips created at or after ?1 by number. The lowest
// such number is one seek in the created_at index (none: past the last
// tip); the rest is one range of the tips table in id order, so nothing
// is sorted and nothing is held (the unary + keeps the planner off the
// created_at index, whose order is not the number's when the clock
// stepped back).
const exportQuery = `SELECT ` + tipColumns + ` FROM tips
	WHERE id >= (SELECT coalesce(min(id), 9223372036854775807) FROM tips WHERE created_at >= ?1)
		AND +created_at >= ?1
	ORDER BY id`

// EachTip calls fn for every tip created at or after since (every tip
// for the zero time), by number, with its triage and police status but
// without message ids and attachments. It reads one statement, so the
// tips come from one snapshot of the database, and one row at a time, so
// memory does not grow with the number of tips. It stops at fn's first
// error and returns it.
func (s *ExportStore) EachTip(ctx context.Context, since time.Time, fn func(tip.Tip) error) error {
	var from int64
	if !since.IsZero() {
		from = since.UnixMilli()
	}
	var r tipRow
	var fnErr error
	err := eachRow(ctx, s.db.conn(), exportQuery, []any{from}, func(rows *sql.Rows) error {
		t, err := r.scan(rows)
		if err != nil {
			return err
		}
		if err := fn(t); err != nil {
			fnErr = err
			return err
		}
		return nil
	})
	if fnErr != nil {
		return fnErr
	}
	if err != nil {
		return fmt.Errorf("export tips: %w", s.db.damage.check(err))
	}
	return nil
}
