package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// offsetKey is the state row holding the getUpdates offset.
const offsetKey = "offset"

var _ tip.UpdateStore = (*UpdateStore)(nil)

// UpdateStore keeps the raw Bot API update stream and the polling offset.
type UpdateStore struct {
	db *DB
}

// NewUpdateStore returns an UpdateStore backed by db.
func NewUpdateStore(db *DB) *UpdateStore { return &UpdateStore{db: db} }

// Offset returns the offset stored by the last SaveBatch; before any, the
// highest stored update id plus one, or 0 when no update was stored.
func (s *UpdateStore) Offset(ctx context.Context) (int64, error) {
	var off sql.NullInt64
	err := s.db.conn().QueryRowContext(ctx, "SELECT value FROM state WHERE key = ?", offsetKey).Scan(&off)
	if err == nil && off.Valid {
		return off.Int64, nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("read offset: %w", err)
	}
	if err := s.db.conn().QueryRowContext(ctx, "SELECT coalesce(max(update_id) + 1, 0) FROM updates").Scan(&off); err != nil {
		return 0, fmt.Errorf("read offset: %w", err)
	}
	return off.Int64, nil
}

// SaveBatch stores the updates, skipping ids already stored, and the new
// offset in one transaction. The stored offset never moves backwards. An
// update with an empty Status is stored as received, and one with a zero
// ReceivedAt gets the database clock's time.
func (s *UpdateStore) SaveBatch(ctx context.Context, updates []tip.RawUpdate, nextOffset int64) error {
	err := s.db.inTx(ctx, func(tx querier) error {
		if err := s.insertUpdates(ctx, tx, updates); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO state (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)`, offsetKey, nextOffset)
		if err != nil {
			return fmt.Errorf("store offset: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save updates: %w", err)
	}
	return nil
}

func (s *UpdateStore) insertUpdates(ctx context.Context, tx querier, updates []tip.RawUpdate) error {
	if len(updates) == 0 {
		return nil
	}
	now := s.db.Now()
	for _, u := range updates {
		status := u.Status
		if status == "" {
			status = tip.UpdateReceived
		}
		at := u.ReceivedAt
		if at.IsZero() {
			at = now
		}
		raw := u.Raw
		if raw == nil {
			raw = []byte{}
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO updates
			(update_id, raw, received_at, status, error) VALUES (?, ?, ?, ?, ?)`,
			u.ID, raw, millis(at), string(status), u.Error); err != nil {
			return fmt.Errorf("insert update %d: %w", u.ID, err)
		}
	}
	return nil
}

// Unprocessed returns up to limit updates still in status received, lowest
// update id first.
func (s *UpdateStore) Unprocessed(ctx context.Context, limit int) ([]tip.RawUpdate, error) {
	rows, err := s.db.conn().QueryContext(ctx, `SELECT update_id, raw, received_at, status, error
		FROM updates WHERE status = ? ORDER BY update_id LIMIT ?`, string(tip.UpdateReceived), limit)
	if err != nil {
		return nil, fmt.Errorf("list unprocessed updates: %w", err)
	}
	defer rows.Close()
	var out []tip.RawUpdate
	for rows.Next() {
		var (
			u      tip.RawUpdate
			at     sql.NullInt64
			status string
		)
		if err := rows.Scan(&u.ID, &u.Raw, &at, &status, &u.Error); err != nil {
			return nil, fmt.Errorf("list unprocessed updates: %w", err)
		}
		u.ReceivedAt = fromMillis(at)
		u.Status = tip.UpdateStatus(status)
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list unprocessed updates: %w", err)
	}
	return out, nil
}

// MarkProcessed records the final status of update id and when it was
// processed. It returns tip.ErrNotFound if the update is not stored.
func (s *UpdateStore) MarkProcessed(ctx context.Context, id int64, status tip.UpdateStatus, errText string) error {
	res, err := s.db.conn().ExecContext(ctx, `UPDATE updates SET status = ?, error = ?, processed_at = ?
		WHERE update_id = ?`, string(status), errText, millis(s.db.Now()), id)
	if err != nil {
		return fmt.Errorf("mark update %d: %w", id, err)
	}
	ok, err := rowsAffected(res)
	if err != nil {
		return fmt.Errorf("mark update %d: %w", id, err)
	}
	if !ok {
		return fmt.Errorf("mark update %d: %w", id, tip.ErrNotFound)
	}
	return nil
}
