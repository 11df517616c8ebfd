package relay

import (
	"context"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Outbox is the queue of messages the bot owes to chats, as the worker
// drains it (sqlite.OutboxStore implements it).
type Outbox interface {
	// Enqueue stores msgs in one transaction; a message whose DedupeKey is
	// already stored is skipped.
	Enqueue(ctx context.Context, msgs ...tip.OutboxMessage) error
	// Due returns the pending answers and the head of each target's queue
	// when it is due at now, at most limit; a target whose head is not due
	// yields nothing, so per-target order is kept. Rows come without
	// Buttons and File.Data: what is sent is read with Get.
	Due(ctx context.Context, now time.Time, limit int) ([]tip.OutboxMessage, error)
	// NextAttempt returns the earliest time after after at which Due would
	// first return a message it cannot return now.
	NextAttempt(ctx context.Context, after time.Time) (time.Time, bool, error)
	// MarkSent records a delivered message and the ids Telegram returned.
	MarkSent(ctx context.Context, id int64, sentIDs []int64, at time.Time) error
	// MarkRetry records a failed attempt: attempts+1, the error, and when to try again.
	MarkRetry(ctx context.Context, id int64, next time.Time, errText string) error
	// MarkFailed records a message that can never be delivered; it no
	// longer holds back the messages queued after it for the same target.
	MarkFailed(ctx context.Context, id int64, errText string) error
	// MarkSentMany records one delivery covering the rows ids, in one
	// transaction.
	MarkSentMany(ctx context.Context, ids []int64, sentIDs []int64, at time.Time) error
	// Pending returns up to limit rows of target's queue in drain order,
	// whatever their NextAttemptAt, without Buttons and File.Data.
	Pending(ctx context.Context, target tip.Target, limit int) ([]tip.OutboxMessage, error)
	// PendingAcks returns the acks at the head of target's queue (see
	// tip.OutboxMessage.IsAck), at most limit.
	PendingAcks(ctx context.Context, target tip.Target, limit int) ([]tip.QueuedAck, error)
	// SentSince returns the rows sent at or after since, oldest first,
	// without Buttons and File.Data.
	SentSince(ctx context.Context, since time.Time) ([]tip.OutboxMessage, error)
	// Retarget moves the pending rows of chat from (a migrated group) to to
	// and returns how many rows moved.
	Retarget(ctx context.Context, from, to int64, at time.Time) (int, error)
	// SetTargetFailing records that chat chatID refuses the bot since at with
	// errText; newly is false if it was already failing.
	SetTargetFailing(ctx context.Context, chatID int64, at time.Time, errText string) (newly bool, err error)
	// ClearTargetFailing records that chat chatID works again; was is true if
	// it had been failing.
	ClearTargetFailing(ctx context.Context, chatID int64) (was bool, err error)
	// FailingTargets returns the chats currently failing.
	FailingTargets(ctx context.Context) ([]tip.FailingTarget, error)
	// LeaseMany claims the rows ids for owner until until, so that two
	// workers never send the same row, and returns the ids it claimed.
	// MarkSent, MarkSentMany, MarkRetry and MarkFailed end the lease.
	LeaseMany(ctx context.Context, ids []int64, owner string, now, until time.Time) (map[int64]bool, error)
	// Get returns outbox row id, or ErrNotFound.
	Get(ctx context.Context, id int64) (tip.OutboxMessage, error)
}
