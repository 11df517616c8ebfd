package tip

import (
	"context"
	"time"
)

// UpdateStatus is the processing state of a received Bot API update.
type UpdateStatus string

// Update states. Received updates are processed after a crash; the others
// are final.
const (
	UpdateReceived    UpdateStatus = "received"
	UpdateDone        UpdateStatus = "done"
	UpdateFailed      UpdateStatus = "failed"
	UpdateUndecodable UpdateStatus = "undecodable"
)

// RawUpdate is a Bot API update exactly as Telegram sent it.
type RawUpdate struct {
	ID         int64
	Raw        []byte
	ReceivedAt time.Time
	Status     UpdateStatus
	Error      string
}

// UpdateStore keeps the raw update stream and the polling offset, so that
// an update is confirmed to Telegram only once it is stored.
type UpdateStore interface {
	// Offset returns the offset to pass to the next getUpdates call: the
	// highest stored update id plus one, or 0 when none was stored.
	Offset(ctx context.Context) (int64, error)
	// SaveBatch stores the updates (skipping ids already stored) and the
	// new offset in one transaction.
	SaveBatch(ctx context.Context, updates []RawUpdate, nextOffset int64) error
	// Unprocessed returns up to limit updates still in status received,
	// oldest first.
	Unprocessed(ctx context.Context, limit int) ([]RawUpdate, error)
	// MarkProcessed records the final status of an update.
	MarkProcessed(ctx context.Context, id int64, status UpdateStatus, errText string) error
}

// Compose builds the outbox messages a tip owes, once the tip has its
// number. It runs inside the store's transaction and must not block.
type Compose func(t Tip) []OutboxMessage

// Revision is an edit of one message of a tip, as its author made it.
type Revision struct {
	ChatID, MessageID int64
	// Text and Links replace the tip's.
	Text  string
	Links []string
	// Attachments are the message's attachments after the edit; they
	// replace the ones stored for the message when their files differ
	// (the author replaced a photo, say).
	Attachments []Attachment
	EditedAt    time.Time
}

// EditCompose builds the outbox messages an edit owes; mediaReplaced
// reports whether the edit replaced the message's attachments. It runs
// inside the store's transaction and must not block.
type EditCompose func(t Tip, mediaReplaced bool) []OutboxMessage

// TipStore keeps tips and their evidence.
type TipStore interface {
	// Create stores t with its attachments and the outbox rows compose
	// builds, in one transaction, and returns the stored tip with its
	// number. If a tip already holds one of t's (ChatID, MessageIDs),
	// nothing is written and the existing tip is returned with created false.
	// The waiting album parts of t's messages are deleted in the same
	// transaction, also when created is false, so a part re-stored after a
	// crash cannot linger; parts of other messages of the album stay.
	Create(ctx context.Context, t Tip, compose Compose) (stored Tip, created bool, err error)
	// Get returns tip number id, or ErrNotFound.
	Get(ctx context.Context, id int64) (Tip, error)
	// SetTriage replaces the triage of tip id, or returns ErrNotFound.
	SetTriage(ctx context.Context, id int64, tr Triage) error
	// Edit applies r to the tip holding its message (text, links, and that
	// message's attachments when they were replaced) and enqueues the rows
	// compose builds, in one transaction. An edit not newer than the
	// stored EditedAt changes nothing and returns changed false. Returns
	// ErrNotFound if no tip holds the message.
	Edit(ctx context.Context, r Revision, compose EditCompose) (t Tip, changed bool, err error)
}

// AlbumPart is one message of an album, kept until the album is quiet and
// becomes one tip.
type AlbumPart struct {
	// Draft is the single-message tip parsed from this part.
	Draft      Tip
	ReceivedAt time.Time
}

// AlbumKey identifies an album waiting to become a tip.
type AlbumKey struct {
	ChatID       int64
	MediaGroupID string
	// LastPartAt is when its newest part was received.
	LastPartAt time.Time
}

// AlbumStore keeps album parts until the album becomes one tip (via
// TipStore.Create, which deletes the parts).
type AlbumStore interface {
	// PutAlbumPart stores or replaces the part for (Draft.ChatID, Draft.MessageIDs[0]).
	PutAlbumPart(ctx context.Context, p AlbumPart) error
	// PendingAlbums lists albums with waiting parts, oldest last part first.
	PendingAlbums(ctx context.Context) ([]AlbumKey, error)
	// AlbumParts returns the waiting parts of one album, by message id.
	AlbumParts(ctx context.Context, chatID int64, mediaGroupID string) ([]AlbumPart, error)
}

// Queue is the outbox as a use case writes it: the messages a change
// owes, in the change's transaction. The relay worker, which drains it,
// declares its own interface (relay.Outbox).
type Queue interface {
	// Enqueue stores messages as pending; a message whose DedupeKey is
	// already stored is skipped.
	Enqueue(ctx context.Context, msgs ...OutboxMessage) error
	// RetryNow makes every pending row due at now and returns how many.
	RetryNow(ctx context.Context, now time.Time) (int, error)
	// RetryChat makes every pending row of chat due at now and returns
	// how many rows chat has pending.
	RetryChat(ctx context.Context, chat int64, now time.Time) (pending int, err error)
	// HoldChat postpones the pending rows of chat due before until to
	// until and returns how many it changed.
	HoldChat(ctx context.Context, chat int64, until time.Time) (int, error)
	// ByTip returns the rows of a tip, oldest first.
	ByTip(ctx context.Context, tipID int64) ([]OutboxMessage, error)
	// Rewrite replaces the text and buttons of row id while it waits
	// (pending and not being sent at now) and reports whether it did.
	Rewrite(ctx context.Context, id int64, text string, buttons [][]Button, now time.Time) (bool, error)
	// Merged reports whether sent row id was delivered in one message
	// with other rows (a backlog summary).
	Merged(ctx context.Context, id int64) (bool, error)
	// MakeUrgent marks the waiting relay rows of a tip urgent and returns
	// how many it changed.
	MakeUrgent(ctx context.Context, tipID int64) (int, error)
	// SentAs returns the row whose send produced message messageID in
	// chat (the first such row: an edit names the message it edits), and
	// false when the bot sent no such message or one nothing can be
	// about: only relays, reminders, questions, answers and cards about a
	// tip are found (not acknowledgements, status notices or digests).
	SentAs(ctx context.Context, chat, messageID int64) (OutboxMessage, bool, error)
	// ByDedupeKey returns the row enqueued with key, or an error wrapping
	// ErrNotFound.
	ByDedupeKey(ctx context.Context, key string) (OutboxMessage, error)
	// Cancel marks the waiting rows of a tip with purpose p failed with
	// reason, unless a sender holds them, and returns how many it
	// changed: they are never sent.
	Cancel(ctx context.Context, tipID int64, p Purpose, reason string) (int, error)
	// Release makes the pending relay rows and acknowledgement of tip
	// tipID that were held back (NextAttemptAt in the future, never
	// tried) due now, and returns how many it changed.
	Release(ctx context.Context, tipID int64) (int, error)
}

// ChatStates knows each chat the bot sends to as it is now: the
// supergroup a group became, and whether it refuses the bot.
type ChatStates interface {
	// CurrentChatID returns the chat that chat is now: the supergroup it
	// migrated to, or chat itself.
	CurrentChatID(ctx context.Context, chat int64) (int64, error)
	// ChatServed reports whether the outbox holds any row for chat.
	ChatServed(ctx context.Context, chat int64) (bool, error)
	// Retarget moves every pending row of chat from to chat to (a group
	// that became a supergroup) and records the migration, so that rows
	// enqueued later for from go to to as well. It returns how many rows
	// moved.
	Retarget(ctx context.Context, from, to int64, at time.Time) (int, error)
	// SetTargetFailing records that chat refuses the bot since at with
	// errText; newly is false if it was already failing.
	SetTargetFailing(ctx context.Context, chatID int64, at time.Time, errText string) (newly bool, err error)
	// ClearTargetFailing records that chat works again; was is true if it
	// had been failing.
	ClearTargetFailing(ctx context.Context, chatID int64) (was bool, err error)
	// FailingTargets returns the chats currently failing.
	FailingTargets(ctx context.Context) ([]FailingTarget, error)
}

// FailingTarget is a chat that refused the bot permanently (removed from
// the group, chat not found) and whose messages wait until it works again.
type FailingTarget struct {
	ChatID    int64
	Since     time.Time
	LastError string
}

// StaffMember is a user allowed to submit tips.
type StaffMember struct {
	UserID  int64
	AddedBy int64
	AddedAt time.Time
}

// StaffStore keeps the staff added by admins at run time. Every change is
// written to the audit log in the same transaction.
type StaffStore interface {
	// IsStaff reports whether userID was added and not removed.
	IsStaff(ctx context.Context, userID int64) (bool, error)
	// AddStaff adds userID; added is false if it was already staff.
	AddStaff(ctx context.Context, userID, by int64, at time.Time) (added bool, err error)
	// RemoveStaff removes userID; removed is false if it was not staff.
	RemoveStaff(ctx context.Context, userID, by int64, at time.Time) (removed bool, err error)
	// ListStaff returns the staff added at run time, by user id.
	ListStaff(ctx context.Context) ([]StaffMember, error)
}

// AuditEntry is one security-relevant event.
type AuditEntry struct {
	ID      int64
	At      time.Time
	ActorID int64
	Action  string
	Subject string
	Detail  string
}

// AuditLog records security-relevant events.
type AuditLog interface {
	// Audit appends an entry.
	Audit(ctx context.Context, e AuditEntry) error
}
