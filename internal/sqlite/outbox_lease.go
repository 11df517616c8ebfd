package sqlite

import (
	"context"
	"fmt"
	"time"
)

// endLease is the SET clause that releases a row's lease; every Mark
// method includes it, so a row that was dealt with is free again.
const endLease = `lease_owner = NULL, lease_until = NULL`

// leaseQuery claims a pending row unless another owner holds a lease that
// has not expired at now. It is one statement, so of two processes racing
// for the same row exactly one changes it.
const leaseQuery = `UPDATE outbox SET lease_owner = ?, lease_until = ?
	WHERE id = ? AND status = 'pending'
	AND (lease_until IS NULL OR lease_until <= ? OR lease_owner = ?)`

// Lease claims row id for owner until until, so that two processes on one
// database never send the same row, and reports whether it did. It fails
// (false, nil) while another owner's lease has not expired at now (a lease
// expires at its until), when the row is not pending, or when there is no
// such row. The owner that holds the lease may renew it, also with an
// earlier until. MarkSent, MarkSentMany, MarkRetry and MarkFailed end the
// lease; Due and NextAttempt ignore leases, so the caller leases each row
// Due returns before sending it.
func (s *OutboxStore) Lease(ctx context.Context, id int64, owner string, now, until time.Time) (bool, error) {
	if owner == "" {
		return false, fmt.Errorf("lease outbox %d: empty owner", id)
	}
	res, err := s.db.conn().ExecContext(ctx, leaseQuery, owner, until.UnixMilli(), id, now.UnixMilli(), owner)
	var ok bool
	if err == nil {
		ok, err = rowsAffected(res)
	}
	if err != nil {
		return false, fmt.Errorf("lease outbox %d for %s: %w", id, owner, err)
	}
	return ok, nil
}
