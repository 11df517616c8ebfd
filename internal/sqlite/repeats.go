package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var _ tip.RepeatStore = (*RepeatStore)(nil)

// RepeatStore records which tips repeat which, and the keys a repeat is
// recognised by (table tip_keys, migration 0013).
type RepeatStore struct {
	db *DB
}

// NewRepeatStore returns a RepeatStore backed by db.
func NewRepeatStore(db *DB) *RepeatStore { return &RepeatStore{db: db} }

// maxRepeatKeys bounds the keys one lookup binds (SQLite's default limit
// on bound parameters is far above it).
const maxRepeatKeys = 200

// FindRepeat returns the original of the earliest tip that holds one of
// keys and was stored at or after since.
func (s *RepeatStore) FindRepeat(ctx context.Context, keys []string, since time.Time) (int64, bool, error) {
	if len(keys) == 0 {
		return 0, false, nil
	}
	keys = keys[:min(len(keys), maxRepeatKeys)]
	args := make([]any, 0, len(keys)+1)
	for _, k := range keys {
		args = append(args, k)
	}
	args = append(args, millis(since))
	var original int64
	err := s.db.conn().QueryRowContext(ctx, `SELECT coalesce(t.duplicate_of, t.id)
		FROM tip_keys k JOIN tips t ON t.id = k.tip_id
		WHERE k.key IN (?`+strings.Repeat(", ?", len(keys)-1)+`) AND k.created_at >= ?
		ORDER BY k.created_at, k.tip_id LIMIT 1`, args...).Scan(&original)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("find repeat: %w", err)
	}
	return original, true, nil
}

// AddKeys records keys as tip tipID's, in one statement (it runs in the
// intake transaction of every tip that has keys); a key it holds already
// is kept.
func (s *RepeatStore) AddKeys(ctx context.Context, tipID int64, keys []string, at time.Time) error {
	if len(keys) == 0 {
		return nil
	}
	keys = keys[:min(len(keys), maxRepeatKeys)]
	args := make([]any, 0, 3*len(keys))
	for _, k := range keys {
		args = append(args, k, tipID, millis(at))
	}
	if _, err := s.db.conn().ExecContext(ctx, "INSERT OR IGNORE INTO tip_keys (key, tip_id, created_at) VALUES (?, ?, ?)"+
		strings.Repeat(", (?, ?, ?)", len(keys)-1), args...); err != nil {
		return fmt.Errorf("add repeat keys of tip %d: %w", tipID, err)
	}
	return nil
}

// CountRepeat makes repeat a report of original, in one transaction.
func (s *RepeatStore) CountRepeat(ctx context.Context, repeat, original int64, at time.Time) (tip.Tip, error) {
	if repeat == original {
		return tip.Tip{}, fmt.Errorf("count repeat: tip %d cannot repeat itself", repeat)
	}
	var t tip.Tip
	err := s.db.inTx(ctx, func(tx querier) error {
		res, err := tx.ExecContext(ctx, "UPDATE tips SET duplicate_of = ? WHERE id = ? AND duplicate_of IS NULL", original, repeat)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return fmt.Errorf("tip %d is not an original: %w", repeat, tip.ErrNotFound)
		}
		// A tip that was an original until now hands its reports on.
		if _, err := tx.ExecContext(ctx, `UPDATE tips SET reports = reports +
			(SELECT reports FROM tips WHERE id = ?), last_reported_at = ?
			WHERE id = ? AND duplicate_of IS NULL`, repeat, millis(at), original); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE tips SET reports = 1 WHERE id = ?", repeat); err != nil {
			return err
		}
		// Its own repeats now repeat original: a repeat never points at
		// a repeat.
		if _, err := tx.ExecContext(ctx, "UPDATE tips SET duplicate_of = ? WHERE duplicate_of = ?", original, repeat); err != nil {
			return err
		}
		t, err = getTip(ctx, tx, original)
		return err
	})
	if err != nil {
		return tip.Tip{}, fmt.Errorf("count tip %d as a repeat of %d: %w", repeat, original, err)
	}
	return t, nil
}

// Unfold makes repeat an original again.
func (s *RepeatStore) Unfold(ctx context.Context, repeat int64) (tip.Tip, bool, error) {
	var (
		t  tip.Tip
		ok bool
	)
	err := s.db.inTx(ctx, func(tx querier) error {
		var original sql.NullInt64
		err := tx.QueryRowContext(ctx, "SELECT duplicate_of FROM tips WHERE id = ?", repeat).Scan(&original)
		if errors.Is(err, sql.ErrNoRows) {
			return tip.ErrNotFound
		}
		if err != nil || !original.Valid {
			return err
		}
		// It stays marked as looking like its original, which also keeps
		// the image analysis from folding it again.
		if _, err := tx.ExecContext(ctx, "UPDATE tips SET duplicate_of = NULL, similar_to = ? WHERE id = ?", original.Int64, repeat); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE tips SET reports = max(reports - 1, 1) WHERE id = ?", original.Int64); err != nil {
			return err
		}
		t, err = getTip(ctx, tx, original.Int64)
		ok = err == nil
		return err
	})
	if err != nil {
		return tip.Tip{}, false, fmt.Errorf("unfold tip %d: %w", repeat, err)
	}
	return t, ok, nil
}

// SetSimilar marks tip tipID as looking like tip similar.
func (s *RepeatStore) SetSimilar(ctx context.Context, tipID, similar int64) error {
	if _, err := s.db.conn().ExecContext(ctx, "UPDATE tips SET similar_to = ? WHERE id = ?", nullInt(similar), tipID); err != nil {
		return fmt.Errorf("mark tip %d similar to %d: %w", tipID, similar, err)
	}
	return nil
}

// RepeatsOf returns up to limit repeats of original, oldest first.
func (s *RepeatStore) RepeatsOf(ctx context.Context, original int64, limit int) ([]tip.Tip, error) {
	rows, err := s.db.conn().QueryContext(ctx, "SELECT "+tipColumns+" FROM tips WHERE duplicate_of = ? ORDER BY id LIMIT ?", original, limit)
	if err != nil {
		return nil, fmt.Errorf("repeats of tip %d: %w", original, err)
	}
	defer rows.Close()
	var out []tip.Tip
	r := new(tipRow)
	for rows.Next() {
		t, err := r.scan(rows)
		if err != nil {
			return nil, fmt.Errorf("repeats of tip %d: %w", original, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
