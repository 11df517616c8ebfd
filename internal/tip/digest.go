package tip

import (
	"context"
	"time"
)

// File is a document or photo uploaded with a message, such as a digest's
// CSV export or chart.
type File struct {
	Name string
	MIME string
	Data []byte
}

// MessageRef points at a message the bot sent, so digests can link to it.
type MessageRef struct {
	ChatID    int64
	ThreadID  int64
	MessageID int64
}

// DigestItem is one tip of a digest period and where it was relayed.
type DigestItem struct {
	Tip Tip
	// Relayed is the first message of the tip in the relay group: that of
	// its lowest sent relay row (normally the header), or nil while none
	// was sent.
	Relayed *MessageRef
}

// DigestRun records one digest, so that a restart neither skips nor
// repeats it.
type DigestRun struct {
	// Slot names the run: the schedule's spec and the scheduled time, or
	// an on-demand request.
	Slot string
	// From and To bound the period covered, [From, To).
	From, To  time.Time
	Tips      int
	CreatedAt time.Time
}

// DigestStore reads what digests summarise and records the runs.
type DigestStore interface {
	// DigestTips returns the tips created in [from, to), originals and
	// repeats alike, by number, each with its attachments and where it
	// was relayed.
	DigestTips(ctx context.Context, from, to time.Time) ([]DigestItem, error)
	// CountTips counts the originals created in [from, to): the tips
	// that repeat no earlier one.
	CountTips(ctx context.Context, from, to time.Time) (int, error)
	// Backlog returns how many relay messages are waiting and which chats
	// are failing.
	Backlog(ctx context.Context) (pending int, failing []FailingTarget, err error)
	// LastRun returns the run with the latest To, and false if there is none.
	LastRun(ctx context.Context) (DigestRun, bool, error)
	// RecordRun stores run and enqueues msgs in one transaction. If a run
	// with the same Slot exists, nothing is written and created is false.
	// The stored CreatedAt is the store's clock; an empty Slot is an error.
	RecordRun(ctx context.Context, run DigestRun, msgs []OutboxMessage) (created bool, err error)
}
