package relay

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// resolveEdit fills the message edit e changes (EditMessageID) from the
// row it edits (EditOf), and reports whether e may be sent now:
//
//   - EditOf is sent: EditMessageID is the first message it created.
//   - EditOf still waits: e waits too. The store keeps an edit behind its
//     original in their target's queue (an urgent edit takes its original
//     along), so this happens only when the two are in different queues;
//     e is looked at again when EditOf is due, at least a second later.
//   - EditOf failed, or is unknown, or sent nothing: there is nothing to
//     edit, and e is marked failed so the rows behind it may go.
func (w *Worker) resolveEdit(ctx context.Context, e *tip.OutboxMessage, now time.Time) (time.Duration, bool) {
	orig, err := w.store.Get(ctx, e.EditOf)
	var why string
	switch {
	case errors.Is(err, tip.ErrNotFound):
		why = fmt.Sprintf("nothing to edit: outbox row %d is unknown", e.EditOf)
	case err != nil:
		return w.storeError(ctx, "read the row an edit changes", err, "outbox_id", e.ID, "edit_of", e.EditOf), false
	case orig.Status == tip.OutboxPending:
		return min(w.opt.Idle, max(orig.NextAttemptAt.Sub(now), time.Second)), false
	case orig.Status == tip.OutboxSent && len(orig.SentMessageIDs) > 0:
		e.EditMessageID = orig.SentMessageIDs[0]
		return 0, true
	case orig.Status == tip.OutboxSent:
		why = fmt.Sprintf("nothing to edit: outbox row %d sent no message", e.EditOf)
	default:
		why = fmt.Sprintf("nothing to edit: outbox row %d %s", e.EditOf, orig.Status)
	}
	w.log.Warn("edit of a message never sent; marked failed", "outbox_id", e.ID, "edit_of", e.EditOf, "reason", why)
	if err := w.store.MarkFailed(ctx, e.ID, why); err != nil {
		return w.storeError(ctx, "mark edit failed", err, "outbox_id", e.ID), false
	}
	w.Notify() // the rows behind it may go
	return w.opt.Idle, false
}
