package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var _ tip.DigestStore = (*DigestStore)(nil)

// DigestStore reads what digests summarise (the tips of a period, the
// relay backlog) and records the digest runs.
type DigestStore struct {
	db *DB
}

// NewDigestStore returns a DigestStore backed by db.
func NewDigestStore(db *DB) *DigestStore { return &DigestStore{db: db} }

// The queries of CountTips, Backlog and LastRun.
const (
	// countTipsQuery counts the originals (a repeat is not a tip of its
	// own, see digest.Compute): the period's range of the created_at
	// index, and each row for its duplicate_of.
	countTipsQuery = `SELECT count(*) FROM tips WHERE created_at >= ? AND created_at < ? AND duplicate_of IS NULL`
	// backlogQuery walks the partial index outbox_pending, which holds
	// pending rows only.
	backlogQuery = `SELECT count(*) FROM outbox WHERE status = 'pending' AND purpose = ?`
	// lastRunQuery reads the last entry of the index digest_runs_latest.
	lastRunQuery = `SELECT slot, period_from, period_to, tips, created_at FROM digest_runs
		ORDER BY period_to DESC, created_at DESC, slot DESC LIMIT 1`
)

// CountTips counts the tips created in [from, to) that repeat no
// earlier tip (the originals).
func (s *DigestStore) CountTips(ctx context.Context, from, to time.Time) (int, error) {
	var n int
	err := s.db.conn().QueryRowContext(ctx, countTipsQuery, from.UnixMilli(), to.UnixMilli()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count tips: %w", err)
	}
	return n, nil
}

// Backlog returns how many relay messages are pending (whatever their
// NextAttemptAt, failing targets included) and the chats currently
// failing, by chat id.
func (s *DigestStore) Backlog(ctx context.Context) (pending int, failing []tip.FailingTarget, err error) {
	err = s.db.conn().QueryRowContext(ctx, backlogQuery, string(tip.PurposeRelay)).Scan(&pending)
	if err != nil {
		return 0, nil, fmt.Errorf("count relay backlog: %w", err)
	}
	if failing, err = NewOutboxStore(s.db).FailingTargets(ctx); err != nil {
		return 0, nil, err
	}
	return pending, failing, nil
}

// LastRun returns the run with the latest To (of equal ones, the latest
// recorded), and false if none was recorded.
func (s *DigestStore) LastRun(ctx context.Context) (tip.DigestRun, bool, error) {
	var (
		r                 tip.DigestRun
		from, to, created sql.NullInt64
	)
	err := s.db.conn().QueryRowContext(ctx, lastRunQuery).Scan(&r.Slot, &from, &to, &r.Tips, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return tip.DigestRun{}, false, nil
	}
	if err != nil {
		return tip.DigestRun{}, false, fmt.Errorf("read last digest run: %w", err)
	}
	r.From, r.To, r.CreatedAt = fromMillis(from), fromMillis(to), fromMillis(created)
	return r, true, nil
}

// RecordRun stores run, with CreatedAt set to the database clock's time,
// and enqueues msgs (as OutboxStore.Enqueue does) in one transaction. If a
// run with the same Slot exists, nothing is written and created is false.
// If enqueueing fails, the run is not recorded either, also inside a
// transaction of DB.Update. An empty Slot is an error.
func (s *DigestStore) RecordRun(ctx context.Context, run tip.DigestRun, msgs []tip.OutboxMessage) (created bool, err error) {
	if run.Slot == "" {
		return false, fmt.Errorf("record digest run: empty slot")
	}
	now := s.db.Now()
	err = s.db.Savepoint(ctx, func() error {
		return s.db.inTx(ctx, func(tx querier) error {
			res, err := tx.ExecContext(ctx, `INSERT INTO digest_runs
				(slot, period_from, period_to, tips, created_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (slot) DO NOTHING`,
				run.Slot, millis(run.From), millis(run.To), run.Tips, millis(now))
			if err != nil {
				return fmt.Errorf("insert run: %w", err)
			}
			if ok, err := rowsAffected(res); err != nil || !ok {
				return err
			}
			if err := enqueue(ctx, tx, now, msgs); err != nil {
				return err
			}
			created = true
			return nil
		})
	})
	if err != nil {
		return false, fmt.Errorf("record digest run %q: %w", run.Slot, err)
	}
	return created, nil
}
