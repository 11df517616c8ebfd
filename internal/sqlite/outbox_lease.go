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
	got, err := s.LeaseMany(ctx, []int64{id}, owner, now, until)
	return got[id], err
}

// LeaseMany leases each of ids as Lease does, in one shared write (see
// writeShared), and returns the ids it leased: a row another owner holds,
// or that is not pending, is left out.
func (s *OutboxStore) LeaseMany(ctx context.Context, ids []int64, owner string, now, until time.Time) (map[int64]bool, error) {
	if owner == "" {
		return nil, fmt.Errorf("lease outbox %v: empty owner", ids)
	}
	got := make(map[int64]bool, len(ids))
	err := s.db.writeShared(ctx, func(ctx context.Context, tx querier) error {
		for _, id := range ids {
			res, err := tx.ExecContext(ctx, leaseQuery, owner, until.UnixMilli(), id, now.UnixMilli(), owner)
			if err != nil {
				return err
			}
			ok, err := rowsAffected(res)
			if err != nil {
				return err
			}
			if ok {
				got[id] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("lease outbox %v for %s: %w", ids, owner, err)
	}
	return got, nil
}
