package sqlite

import (
	"context"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Two rules keep a target's queue coherent when urgent rows jump it (the
// queue is drained urgent rows first, then the others, by id within each
// class):
//
//   - A tip's queued rows in one target share their urgency, upwards: a
//     row is stored urgent when its tip already has an urgent queued row
//     in that target, and an urgent row makes the earlier queued rows of
//     its tip in its target urgent. So a header and the album after it
//     never part, and a tip set to darurat after it was queued takes its
//     waiting rows along. A row made urgent keeps its id, so it goes
//     before the urgent rows queued after it: among urgent rows the order
//     is the order of queueing.
//   - An urgent edit makes the row it edits urgent too, if that row is
//     still queued: an edit never overtakes its original.
//
// And a pending edit that nobody has leased is superseded by a later edit
// of the same message: it is marked failed ("superseded by outbox row N")
// and never sent. It is kept rather than deleted so that its dedupe key
// still refuses a replay of the change that queued it. An edit already
// leased (in flight) is left alone; the new one is sent after it.

// supersededPrefix starts the last_error of a superseded edit.
const supersededPrefix = "superseded by outbox row "

// inheritUrgent reports whether m, about to be queued, must be stored
// urgent: it is, or its tip has an urgent queued row in its target.
func inheritUrgent(ctx context.Context, tx querier, m tip.OutboxMessage) (bool, error) {
	if m.Urgent || m.TipID == 0 || m.Kind == tip.AnswerCallback {
		return m.Urgent, nil
	}
	var urgent bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM outbox
		WHERE tip_id = ? AND status = 'pending' AND urgent = 1
		AND target_chat_id = ? AND target_thread_id = ? AND kind <> 'answer_callback')`,
		m.TipID, m.Target.ChatID, m.Target.ThreadID).Scan(&urgent)
	if err != nil {
		return false, fmt.Errorf("read urgency of tip %d: %w", m.TipID, err)
	}
	return urgent, nil
}

// queued applies the rules above once m is stored as row id.
func queued(ctx context.Context, tx querier, id int64, m tip.OutboxMessage) error {
	if m.Kind == tip.AnswerCallback {
		return nil
	}
	if m.Urgent && m.TipID != 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET urgent = 1
			WHERE tip_id = ? AND status = 'pending' AND urgent = 0 AND id < ?
			AND target_chat_id = ? AND target_thread_id = ?`,
			m.TipID, id, m.Target.ChatID, m.Target.ThreadID); err != nil {
			return fmt.Errorf("make tip %d urgent: %w", m.TipID, err)
		}
	}
	if !m.IsEdit() {
		return nil
	}
	if m.Urgent {
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET urgent = 1
			WHERE id = ? AND status = 'pending' AND urgent = 0`, m.EditOf); err != nil {
			return fmt.Errorf("make edited row %d urgent: %w", m.EditOf, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE outbox SET status = 'failed', last_error = ?
		WHERE edit_of = ? AND status = 'pending' AND edit_of IS NOT NULL AND id < ?
		AND kind IN ('edit_text', 'edit_caption') AND lease_owner IS NULL`,
		fmt.Sprint(supersededPrefix, id), m.EditOf, id); err != nil {
		return fmt.Errorf("supersede edits of row %d: %w", m.EditOf, err)
	}
	return nil
}
