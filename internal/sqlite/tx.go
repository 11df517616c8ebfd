package sqlite

import (
	"context"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var _ tip.Tx = (*Tx)(nil)

// Tx is the set of stores bound to one write transaction (see InTx); it
// implements tip.Tx.
type Tx struct {
	db      *DB // bound to the transaction
	updates *UpdateStore
	tips    *TipStore
	albums  *AlbumStore
	outbox  *OutboxStore
	staff   *StaffStore
	audit   *AuditLog
	status  *StatusStore
	talk    *ConversationStore
	repeats *RepeatStore
	images  *ImageStore
}

// InTx runs fn in one write transaction with the stores bound to it, and
// commits when fn returns nil; an error or a panic rolls it back. Inside a
// transaction (a DB given to Update's function) fn joins it.
func (db *DB) InTx(ctx context.Context, fn func(tx tip.Tx) error) error {
	return db.Update(ctx, func(bound *DB) error {
		return fn(&Tx{
			db: bound, updates: NewUpdateStore(bound), tips: NewTipStore(bound), albums: NewAlbumStore(bound),
			outbox: NewOutboxStore(bound), staff: NewStaffStore(bound), audit: NewAuditLog(bound),
			status: NewStatusStore(bound), talk: NewConversationStore(bound), repeats: NewRepeatStore(bound),
			images: NewImageStore(bound),
		})
	})
}

// Updates returns the update store of the transaction.
func (tx *Tx) Updates() tip.UpdateStore { return tx.updates }

// Tips returns the tip store of the transaction.
func (tx *Tx) Tips() tip.TipStore { return tx.tips }

// Albums returns the album store of the transaction.
func (tx *Tx) Albums() tip.AlbumStore { return tx.albums }

// Outbox returns the outbox of the transaction.
func (tx *Tx) Outbox() tip.Queue { return tx.outbox }

// Chats returns the chat states of the transaction.
func (tx *Tx) Chats() tip.ChatStates { return tx.outbox }

// Staff returns the staff store of the transaction.
func (tx *Tx) Staff() tip.StaffStore { return tx.staff }

// Audit returns the audit log of the transaction.
func (tx *Tx) Audit() tip.AuditLog { return tx.audit }

// Statuses returns the status store of the transaction.
func (tx *Tx) Statuses() tip.StatusStore { return tx.status }

// Conversations returns the conversation store of the transaction.
func (tx *Tx) Conversations() tip.Conversations { return tx.talk }

// Search returns the tip search of the transaction.
func (tx *Tx) Search() tip.Searcher { return NewSearchStore(tx.db) }

// Repeats returns the repeat store of the transaction.
func (tx *Tx) Repeats() tip.RepeatStore { return tx.repeats }

// Images returns the image analysis store of the transaction.
func (tx *Tx) Images() tip.ImageStore { return tx.images }

// Savepoint runs fn in a savepoint of the transaction (see DB.Savepoint).
func (tx *Tx) Savepoint(ctx context.Context, fn func() error) error { return tx.db.Savepoint(ctx, fn) }

// Updates returns the update store outside any transaction: each call
// commits on its own (SaveBatch is a transaction of its own).
func (db *DB) Updates() tip.UpdateStore { return NewUpdateStore(db) }

// Albums returns the album store outside any transaction.
func (db *DB) Albums() tip.AlbumStore { return NewAlbumStore(db) }
