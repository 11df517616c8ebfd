package relay

import (
	"context"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Outbox is the queue of messages the bot owes to chats, as the worker
// drains it (sqlite.OutboxStore implements it).
type Outbox interface {
	// already stored is skipped.
	Enqueue(ctx context.Context, msgs ...tip.OutboxMessage) error
	// per-target order is kept.
	Due(ctx context.Context, now time.Time, limit int) ([]tip.OutboxMessage, error)
	// first return a message it cannot return now.
	NextAttempt(ctx context.Context, after time.Time) (time.Time, bool, error)
	// MarkSent records a delivered message and the ids Telegram returned.
	MarkSent(ctx context.Context, id int64, sentIDs []int64, at time.Time) error
	// MarkRetry records a failed attempt: attempts+1, the error, and when to try again.
	MarkRetry(ctx context.Context, id int64, next time.Time, errText string) error
	// messages queued after it for the same target.
	MarkFailed(ctx context.Context, id int64, errText string) error
	// transaction.
	MarkSentMany(ctx context.Context, ids []int64, sentIDs []int64, at time.Time) error
	// (File.Data is nil); Due, Get and ByTip return it.
	Pending(ctx context.Context, target tip.Target, limit int) ([]tip.OutboxMessage, error)
	// tip.OutboxMessage.IsAck), at most limit.
	PendingAcks(ctx context.Context, target tip.Target, limit int) ([]tip.QueuedAck, error)
	// loaded.
	SentSince(ctx context.Context, since time.Time) ([]tip.OutboxMessage, error)
	// returns how many rows moved.
	Retarget(ctx context.Context, from, to int64, at time.Time) (int, error)
	// errText; newly is false if it was already failing.
	SetTargetFailing(ctx context.Context, chatID int64, at time.Time, errText string) (newly bool, err error)
	// had been failing.
	ClearTargetFailing(ctx context.Context, chatID int64) (was bool, err error)
	// FailingTargets returns the chats currently failing.
	FailingTargets(ctx context.Context) ([]tip.FailingTarget, error)
	// MarkSent, MarkSentMany, MarkRetry and MarkFailed end the lease.
	LeaseMany(ctx context.Context, ids []int64, owner string, now, until time.Time) (map[int64]bool, error)
	// Get returns outbox row id, or ErrNotFound.
	Get(ctx context.Context, id int64) (tip.OutboxMessage, error)
}
