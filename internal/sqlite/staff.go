package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Audit actions written by StaffStore.
const (
	ActionStaffAdd    = "staff_add"
	ActionStaffRemove = "staff_remove"
)

var _ tip.StaffStore = (*StaffStore)(nil)

// StaffStore keeps the staff added by admins at run time. Every change is
// written to the audit log in the same transaction.
type StaffStore struct {
	db *DB
}

// NewStaffStore returns a StaffStore backed by db.
func NewStaffStore(db *DB) *StaffStore { return &StaffStore{db: db} }

// IsStaff reports whether userID was added and not removed.
func (s *StaffStore) IsStaff(ctx context.Context, userID int64) (bool, error) {
	var n int
	if err := s.db.conn().QueryRowContext(ctx, "SELECT count(*) FROM staff WHERE user_id = ?", userID).Scan(&n); err != nil {
		return false, fmt.Errorf("check staff %d: %w", userID, err)
	}
	return n > 0, nil
}

// AddStaff adds userID on behalf of by and audits it as "staff_add"; added
// is false (and nothing is audited) if userID was already staff.
func (s *StaffStore) AddStaff(ctx context.Context, userID, by int64, at time.Time) (added bool, err error) {
	err = s.db.inTx(ctx, func(tx querier) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO staff (user_id, added_by, added_at) VALUES (?, ?, ?)
			ON CONFLICT (user_id) DO NOTHING`, userID, by, millis(at))
		if err != nil {
			return err
		}
		if added, err = rowsAffected(res); err != nil || !added {
			return err
		}
		return audit(ctx, tx, tip.AuditEntry{At: at, ActorID: by, Action: ActionStaffAdd, Subject: strconv.FormatInt(userID, 10)})
	})
	if err != nil {
		return false, fmt.Errorf("add staff %d: %w", userID, err)
	}
	return added, nil
}

// RemoveStaff removes userID on behalf of by and audits it as
// "staff_remove"; removed is false (and nothing is audited) if userID was
// not staff.
func (s *StaffStore) RemoveStaff(ctx context.Context, userID, by int64, at time.Time) (removed bool, err error) {
	err = s.db.inTx(ctx, func(tx querier) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM staff WHERE user_id = ?", userID)
		if err != nil {
			return err
		}
		if removed, err = rowsAffected(res); err != nil || !removed {
			return err
		}
		return audit(ctx, tx, tip.AuditEntry{At: at, ActorID: by, Action: ActionStaffRemove, Subject: strconv.FormatInt(userID, 10)})
	})
	if err != nil {
		return false, fmt.Errorf("remove staff %d: %w", userID, err)
	}
	return removed, nil
}

// ListStaff returns the staff added at run time, by user id.
func (s *StaffStore) ListStaff(ctx context.Context) ([]tip.StaffMember, error) {
	rows, err := s.db.conn().QueryContext(ctx, "SELECT user_id, added_by, added_at FROM staff ORDER BY user_id")
	if err != nil {
		return nil, fmt.Errorf("list staff: %w", err)
	}
	defer rows.Close()
	var out []tip.StaffMember
	for rows.Next() {
		var (
			m  tip.StaffMember
			at sql.NullInt64
		)
		if err := rows.Scan(&m.UserID, &m.AddedBy, &at); err != nil {
			return nil, fmt.Errorf("list staff: %w", err)
		}
		m.AddedAt = fromMillis(at)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list staff: %w", err)
	}
	return out, nil
}
