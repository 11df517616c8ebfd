package sqlite

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// QuickCheck runs SQLite's PRAGMA quick_check over the whole file: every
// page of every table and index is read and its structure verified (it
// skips only the cross-check of indexes against their tables, which is
// what makes integrity_check slow). It returns nil for a sound file and a
// *CorruptError, matching tip.ErrCorrupt, when SQLite reports problems or
// cannot read the file as a database; Damaged then fires, as it does when
// a statement meets the damage. Other errors (ctx done, I/O) are returned
// as they are. It reads, so it may run beside the bot's work.
func (db *DB) QuickCheck(ctx context.Context) error {
	rows, err := db.sql.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		return fmt.Errorf("quick_check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("quick_check: %w", err)
		}
		problems = append(problems, strings.Join(strings.Fields(line), " "))
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("quick_check: %w", err)
	}
	if len(problems) == 1 && problems[0] == "ok" {
		return nil
	}
	report := strings.Join(problems, "; ")
	if len(report) > 300 {
		report = report[:300] + "…"
	}
	ce := &CorruptError{Err: errors.New("quick_check: " + report)}
	db.damage.trip(ce)
	return ce
}

// Size returns the size of the database in bytes (its pages, without the
// WAL file).
func (db *DB) Size(ctx context.Context) (int64, error) {
	var n int64
	err := db.sql.QueryRowContext(ctx, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("database size: %w", db.damage.check(err))
	}
	return n, nil
}
