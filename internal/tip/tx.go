package tip

import "context"

// Tx is one write transaction and the stores bound to it. A use case that
// spans stores (a tip with its outbox rows and the update's status, a
// status change with its audit row) does all its work through one Tx, so
// that it is committed whole or not at all. A store obtained from a Tx
// must not be used after the transaction ends.
type Tx interface {
	Updates() UpdateStore
	Tips() TipStore
	Albums() AlbumStore
	Outbox() Queue
	Chats() ChatStates
	Staff() StaffStore
	Audit() AuditLog
	Statuses() StatusStore
	Conversations() Conversations
	Search() Searcher
	Repeats() RepeatStore
	Images() ImageStore
	// Savepoint runs fn so that its writes are undone if it returns an
	// error or panics, while the transaction goes on.
	Savepoint(ctx context.Context, fn func() error) error
}
