package tip

import (
	"errors"
	"fmt"
	"time"
)

// ErrNotFound is returned by stores when a requested row does not exist.
var ErrNotFound = errors.New("not found")

// ErrSchemaTooNew is returned when the database was written by a newer
// tiprelay than this binary.
var ErrSchemaTooNew = errors.New("database schema is newer than this binary")

// SendErrorKind classifies a failed send so the relay knows what to do.
type SendErrorKind int

// Send error kinds.
const (
	// SendTemporary covers 5xx answers and network errors: retry with backoff.
	SendTemporary SendErrorKind = iota
	// SendRateLimited is a 429: retry after RetryAfter.
	SendRateLimited
	// SendPermanent is an answer that will not change by retrying the same
	// request (403 bot removed, 400 chat not found): mark the target failing.
	SendPermanent
	// SendMigrated means the group became a supergroup with MigrateTo as its id.
	SendMigrated
	// SendRejected is a refusal of this one message (e.g. the message to
	// copy was deleted by its sender, or the text cannot be parsed) while the
	// target itself works: retrying the same request cannot succeed.
	SendRejected
)

// SendError is what a Sender returns when Telegram refused or could not be
// reached. Match it with errors.As.
type SendError struct {
	Kind       SendErrorKind
	RetryAfter time.Duration
	MigrateTo  int64
	Err        error
}

func (e *SendError) Error() string {
	switch e.Kind {
	case SendRateLimited:
		return fmt.Sprintf("rate limited, retry after %s: %v", e.RetryAfter, e.Err)
	case SendPermanent:
		return fmt.Sprintf("permanent: %v", e.Err)
	case SendRejected:
		return fmt.Sprintf("rejected: %v", e.Err)
	case SendMigrated:
		return fmt.Sprintf("chat migrated to %d: %v", e.MigrateTo, e.Err)
	default:
		return fmt.Sprintf("temporary: %v", e.Err)
	}
}

func (e *SendError) Unwrap() error { return e.Err }
