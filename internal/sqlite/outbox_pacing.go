package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// MarkSentMany records that one delivery (a merged message) covered the
// rows ids: each becomes sent at at with the message ids Telegram returned,
// in one transaction, and their leases end. If any id is unknown it
// returns an error wrapping tip.ErrNotFound and changes nothing, also
// inside a transaction of DB.Update. No ids is a no-op.
func (s *OutboxStore) MarkSentMany(ctx context.Context, ids []int64, sentIDs []int64, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	sent, err := jsonList(sentIDs)
	if err != nil {
		return fmt.Errorf("mark outbox rows sent: %w", err)
	}
	want := slices.Clone(ids)
	slices.Sort(want)
	want = slices.Compact(want)
	list, err := jsonList(want)
	if err != nil {
		return fmt.Errorf("mark outbox rows sent: %w", err)
	}
	err = s.db.writeShared(ctx, func(ctx context.Context, tx querier) error {
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET status = 'sent', sent_message_ids = ?, sent_at = ?,
			`+endLease+` WHERE id IN (SELECT value FROM json_each(?))`, sent, nullMillis(at), list)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == int64(len(want)) {
			return err
		}
		// Some row is missing: name it. writeShared's savepoint undoes
		// the update of the others.
		return checkOutboxIDs(ctx, tx, want, list)
	})
	if err != nil {
		return fmt.Errorf("mark outbox rows %v sent: %w", ids, err)
	}
	return nil
}

// checkOutboxIDs returns an error wrapping tip.ErrNotFound naming the first
// of want (sorted, distinct; list is its JSON) that is not stored.
func checkOutboxIDs(ctx context.Context, tx querier, want []int64, list sql.NullString) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM outbox
		WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`, list)
	if err != nil {
		return err
	}
	defer rows.Close()
	var found []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		found = append(found, id)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for i, id := range want {
		if i >= len(found) || found[i] != id {
			return fmt.Errorf("row %d: %w", id, tip.ErrNotFound)
		}
	}
	return nil
}

// pendingQuery walks the partial index outbox_queue (target, urgent DESC,
// id), which holds queued rows only, so it reads just the rows it returns.
const pendingQuery = `SELECT ` + outboxColumnsBrief + ` FROM outbox
	WHERE ` + inQueue + ` AND target_chat_id = ? AND target_thread_id = ?
	ORDER BY ` + queueOrder + ` LIMIT ?`

// Pending returns up to limit rows of target's queue (chat and thread), in
// the order they are drained (urgent rows first, then by id), whatever
// their NextAttemptAt: its first row is the target's head. AnswerCallback
// rows are not in a queue and never returned.
//
// The rows are brief (no Buttons, no File.Data, see outboxColumnsBrief):
// they are read to plan merges, and what is sent comes from Get.
func (s *OutboxStore) Pending(ctx context.Context, target tip.Target, limit int) ([]tip.OutboxMessage, error) {
	msgs, err := queryOutbox(ctx, s.db.conn(), pendingQuery, target.ChatID, target.ThreadID, limit)
	if err != nil {
		return nil, fmt.Errorf("list pending outbox of %s: %w", target, err)
	}
	return msgs, nil
}

// pendingAcksQuery reads the head of a target's queue as pendingQuery
// does, with only what ack merging needs; its third column mirrors
// tip.OutboxMessage.IsAck, given the ack purpose and the text kind.
const pendingAcksQuery = `SELECT id, tip_id, purpose = ? AND tip_id IS NOT NULL AND kind = ? FROM outbox
	WHERE ` + inQueue + ` AND target_chat_id = ? AND target_thread_id = ?
	ORDER BY ` + queueOrder + ` LIMIT ?`

// PendingAcks returns the acks at the head of target's queue, in drain
// order: its queued rows up to the first that is not an ack, at most
// limit. It reads three columns a row where Pending reads them all, since
// a staff member who forwards a hundred items has a hundred acks waiting.
func (s *OutboxStore) PendingAcks(ctx context.Context, target tip.Target, limit int) ([]tip.QueuedAck, error) {
	rows, err := s.db.conn().QueryContext(ctx, pendingAcksQuery,
		string(tip.PurposeAck), string(tip.SendText), target.ChatID, target.ThreadID, limit)
	if err != nil {
		return nil, fmt.Errorf("list pending acks of %s: %w", target, err)
	}
	defer rows.Close()
	var acks []tip.QueuedAck
	for rows.Next() {
		var id int64
		var tipID sql.NullInt64
		var isAck bool
		if err := rows.Scan(&id, &tipID, &isAck); err != nil {
			return nil, fmt.Errorf("list pending acks of %s: %w", target, err)
		}
		if !isAck {
			break
		}
		acks = append(acks, tip.QueuedAck{ID: id, TipID: tipID.Int64})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list pending acks of %s: %w", target, err)
	}
	return acks, nil
}

// sentSinceQuery walks the partial index outbox_sent (sent_at, id), which
// holds sent rows only, from since on.
const sentSinceQuery = `SELECT ` + outboxColumnsBrief + ` FROM outbox
	WHERE status = 'sent' AND sent_at >= ?
	ORDER BY sent_at, id`

// SentSince returns the rows sent at or after since, oldest first (by
// SentAt, then id), so that rate limits can be enforced across a restart.
// The rows are brief (no Buttons, no File.Data, see outboxColumnsBrief).
func (s *OutboxStore) SentSince(ctx context.Context, since time.Time) ([]tip.OutboxMessage, error) {
	msgs, err := queryOutbox(ctx, s.db.conn(), sentSinceQuery, since.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("list outbox sent since %s: %w", since.Format(time.RFC3339), err)
	}
	return msgs, nil
}

// RetryNow makes every pending row whose NextAttemptAt is after now due at
// now, and returns how many rows it changed. Attempts and errors are kept.
func (s *OutboxStore) RetryNow(ctx context.Context, now time.Time) (int, error) {
	res, err := s.db.conn().ExecContext(ctx, `UPDATE outbox SET next_attempt_at = ?
		WHERE status = 'pending' AND next_attempt_at > ?`, millis(now), millis(now))
	var n int64
	if err == nil {
		n, err = res.RowsAffected()
	}
	if err != nil {
		return 0, fmt.Errorf("retry outbox now: %w", err)
	}
	return int(n), nil
}
