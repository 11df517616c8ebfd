package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var (
	_ tip.Queue      = (*OutboxStore)(nil)
	_ tip.ChatStates = (*OutboxStore)(nil)
)

// OutboxStore is the queue of messages the bot owes to chats, drained per
// target (chat and thread): urgent rows first, then the others, each class
// in id order. Answers to button presses are not queued behind anything.
type OutboxStore struct {
	db *DB
}

// NewOutboxStore returns an OutboxStore backed by db.
func NewOutboxStore(db *DB) *OutboxStore { return &OutboxStore{db: db} }

// Enqueue stores msgs as pending, in order, in one transaction. A message
// whose DedupeKey is already stored (or repeated within msgs) is skipped.
// ID, Status, Attempts, LastError, SentMessageIDs and SentAt are ignored;
// CreatedAt is the database clock's time; a zero NextAttemptAt means due now.
// A File is stored with its bytes.
// A message for a chat that Retarget recorded as migrated is written for
// the chat it migrated to (end of the chain), with thread 0.
//
// Urgent rows jump their target's queue. A row is stored urgent also when
// its tip has an urgent row waiting in the same target, and an urgent row
// makes the waiting rows of its tip in its target urgent, and the row it
// edits if that one still waits: a tip's rows and an edit's original keep
// their order. An edit (EditText or EditCaption with EditOf) supersedes
// the pending edits of the same message that no worker has leased: they
// are marked failed, with an error starting "superseded by outbox row",
// and never sent. All in the same transaction.
func (s *OutboxStore) Enqueue(ctx context.Context, msgs ...tip.OutboxMessage) error {
	err := s.db.inTx(ctx, func(tx querier) error { return enqueue(ctx, tx, s.db.Now(), msgs) })
	if err != nil {
		return fmt.Errorf("enqueue: %w", err)
	}
	return nil
}

// headsQuery lists the head of every target's queue: its first pending
// row in drain order (queueOrder), answers to button presses left out
// (they are heads of their own, see answersDueQuery). It skips through the
// partial index outbox_pending (target_chat_id, target_thread_id, id),
// which holds pending rows only, with one seek per chat and per thread,
// and finds each head with one seek of outbox_queue (target, urgent DESC,
// id), so that its cost grows with the number of targets and not with the
// length of their queues: a group's backlog of thousands of rows costs no
// more than one waiting row.
const headsQuery = `WITH RECURSIVE
	chats(chat) AS (
		SELECT min(target_chat_id) FROM outbox WHERE status = 'pending'
		UNION ALL
		SELECT (SELECT min(target_chat_id) FROM outbox WHERE status = 'pending' AND target_chat_id > chat)
		FROM chats WHERE chat IS NOT NULL),
	targets(chat, thread) AS (
		SELECT chat, (SELECT min(target_thread_id) FROM outbox WHERE status = 'pending' AND target_chat_id = chat)
		FROM chats WHERE chat IS NOT NULL
		UNION ALL
		SELECT chat, (SELECT min(target_thread_id) FROM outbox
			WHERE status = 'pending' AND target_chat_id = chat AND target_thread_id > thread)
		FROM targets WHERE thread IS NOT NULL),
	heads(id) AS (
		SELECT (SELECT id FROM outbox
			WHERE ` + inQueue + ` AND target_chat_id = chat AND target_thread_id = thread
			ORDER BY ` + queueOrder + ` LIMIT 1)
		FROM targets WHERE thread IS NOT NULL)`

// inQueue selects the pending rows that wait in their target's queue:
// every pending row but the answers to button presses. The partial index
// outbox_queue (0006) has this very condition, which SQLite needs
// verbatim to use it.
const inQueue = `status = 'pending' AND kind <> 'answer_callback'`

// queueOrder is the order a target's queue is drained in: urgent rows
// first, then the others; by id within each class.
const queueOrder = `urgent DESC, id`

// dueQuery keeps the heads that are due, oldest first.
const dueQuery = headsQuery + `
	SELECT ` + outboxColumnsBrief + ` FROM outbox
	WHERE id IN (SELECT id FROM heads) AND next_attempt_at <= ?
	ORDER BY id LIMIT ?`

// answersDueQuery lists the pending answers to button presses that are
// due, in the order they became due, through the partial index
// outbox_pending_answer (next_attempt_at, id).
const answersDueQuery = `SELECT ` + outboxColumnsBrief + ` FROM outbox
	WHERE status = 'pending' AND kind = 'answer_callback' AND next_attempt_at <= ?
	ORDER BY next_attempt_at, id LIMIT ?`

// nextAttemptQuery finds the earliest attempt among the heads and the
// answers after a time.
const nextAttemptQuery = headsQuery + `
	SELECT min(next) FROM (
		SELECT min(next_attempt_at) AS next FROM outbox
		WHERE id IN (SELECT id FROM heads) AND next_attempt_at > ?
		UNION ALL
		SELECT min(next_attempt_at) FROM outbox
		WHERE status = 'pending' AND kind = 'answer_callback' AND next_attempt_at > ?)`

// Due returns the rows that may be sent at now: first the pending
// AnswerCallback rows that are due, in the order they became due (each is
// its own head: an answer is not a message and waits for no queue), then, for each target, the head of
// its queue when that head's NextAttemptAt is not after now, oldest first;
// at most limit rows in all. A target's queue is drained urgent rows
// first, then the others, in id order within each class (see Enqueue for
// how a tip's rows and an edit's original keep their order). A target
// whose head is not due yields nothing, so per-target order is kept. The
// rows are brief (no Buttons, no File.Data, see outboxColumnsBrief): the
// caller reads the row it sends with Get. Leases do not matter here: a
// leased head is still returned, and the caller's Lease decides.
func (s *OutboxStore) Due(ctx context.Context, now time.Time, limit int) ([]tip.OutboxMessage, error) {
	msgs, err := queryOutbox(ctx, s.db.conn(), answersDueQuery, now.UnixMilli(), limit)
	if err == nil && len(msgs) < limit {
		var heads []tip.OutboxMessage
		heads, err = queryOutbox(ctx, s.db.conn(), dueQuery, now.UnixMilli(), limit-len(msgs))
		msgs = append(msgs, heads...)
	}
	if err != nil {
		return nil, fmt.Errorf("list due outbox: %w", err)
	}
	return msgs, nil
}

// NextAttempt returns the earliest NextAttemptAt later than after among
// the messages Due could return (the pending answers and the head of each
// target's queue), and false when there is none. A message waiting behind
// its target's head does not count: it cannot be sent before the head.
// Nor does a head that is due already: the caller deals with those, and
// one of them must not hide a target that waits for a later time (a
// retry_after, say). Leases do not matter here either.
func (s *OutboxStore) NextAttempt(ctx context.Context, after time.Time) (time.Time, bool, error) {
	var next sql.NullInt64
	err := s.db.conn().QueryRowContext(ctx, nextAttemptQuery, after.UnixMilli(), after.UnixMilli()).Scan(&next)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("next outbox attempt: %w", err)
	}
	if !next.Valid {
		return time.Time{}, false, nil
	}
	return fromMillis(next), true, nil
}

// MarkSent records that message id was delivered at at and the message ids
// Telegram returned, and ends its lease. It returns an error wrapping tip.ErrNotFound if there
// is no such message.
func (s *OutboxStore) MarkSent(ctx context.Context, id int64, sentIDs []int64, at time.Time) error {
	ids, err := jsonList(sentIDs)
	if err != nil {
		return fmt.Errorf("mark outbox %d sent: %w", id, err)
	}
	return s.update(ctx, id, "sent", `UPDATE outbox SET status = 'sent', sent_message_ids = ?, sent_at = ?,
		`+endLease+` WHERE id = ?`, ids, nullMillis(at), id)
}

// MarkRetry records a failed attempt of message id: attempts+1, the error,
// and when to try again; the message stays pending and its lease ends, so
// any process may send it when it is due. It returns an error
// wrapping tip.ErrNotFound if there is no such message.
func (s *OutboxStore) MarkRetry(ctx context.Context, id int64, next time.Time, errText string) error {
	return s.update(ctx, id, "retry", `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
		`+endLease+` WHERE id = ?`, errText, millis(next), id)
}

// MarkFailed records that message id can never be delivered as it is:
// status failed, attempts+1 and the error; its lease ends. It no longer holds back the
// messages queued after it for the same target. It returns an error
// wrapping tip.ErrNotFound if there is no such message.
func (s *OutboxStore) MarkFailed(ctx context.Context, id int64, errText string) error {
	return s.update(ctx, id, "failed", `UPDATE outbox SET status = 'failed', attempts = attempts + 1,
		last_error = ?, `+endLease+` WHERE id = ?`, errText, id)
}

// update runs query, an UPDATE of row id, as a shared write (see
// writeShared); what names it in errors.
func (s *OutboxStore) update(ctx context.Context, id int64, what, query string, args ...any) error {
	err := s.db.writeShared(ctx, func(ctx context.Context, tx querier) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		if ok, err := rowsAffected(res); err != nil || !ok {
			return cmp.Or(err, tip.ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark outbox %d %s: %w", id, what, err)
	}
	return nil
}

// Get returns outbox message id with its whole File, or an error wrapping
// tip.ErrNotFound.
func (s *OutboxStore) Get(ctx context.Context, id int64) (tip.OutboxMessage, error) {
	msgs, err := queryOutbox(ctx, s.db.conn(), "SELECT "+outboxColumns+" FROM outbox WHERE id = ?", id)
	if err == nil && len(msgs) == 0 {
		err = tip.ErrNotFound
	}
	if err != nil {
		return tip.OutboxMessage{}, fmt.Errorf("get outbox %d: %w", id, err)
	}
	return msgs[0], nil
}

// ByTip returns the outbox messages of tip tipID, oldest first, with their
// whole Files.
func (s *OutboxStore) ByTip(ctx context.Context, tipID int64) ([]tip.OutboxMessage, error) {
	msgs, err := queryOutbox(ctx, s.db.conn(), "SELECT "+outboxColumns+" FROM outbox WHERE tip_id = ? ORDER BY id", tipID)
	if err != nil {
		return nil, fmt.Errorf("list outbox of tip %d: %w", tipID, err)
	}
	return msgs, nil
}
