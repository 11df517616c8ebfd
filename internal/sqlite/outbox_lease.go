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

// LeaseMany claims each of rows ids for owner until until, so that two
// processes on one database never send the same row, in one shared write
// (see writeShared), and returns the ids it claimed. A row is left out
// while another owner's lease has not expired at now (a lease expires at
// its until), when it is not pending, or when there is no such row. The
// owner that holds a lease may renew it, also with an earlier until.
// MarkSent, MarkSentMany, MarkRetry and MarkFailed end the lease; Due and
// NextAttempt ignore leases, so the caller leases each row Due returns
// before sending it.
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
