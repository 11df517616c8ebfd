package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// SetTriage replaces the triage of tip id; it returns tip.ErrNotFound if
// there is no such tip.
func (s *TipStore) SetTriage(ctx context.Context, id int64, tr tip.Triage) error {
	choices, err := jsonList(tr.RegionChoices)
	if err != nil {
		return err
	}
	res, err := s.db.conn().ExecContext(ctx, `UPDATE tips SET region = ?, region_source = ?, region_choices = ?,
		category = ?, priority = ? WHERE id = ?`,
		string(tr.Region), string(tr.RegionSource), choices, string(tr.Category), string(tr.EffectivePriority()), id)
	if err != nil {
		return fmt.Errorf("set triage of tip %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err != nil {
			return fmt.Errorf("set triage of tip %d: %w", id, err)
		}
		return fmt.Errorf("set triage of tip %d: %w", id, tip.ErrNotFound)
	}
	return nil
}

// Rewrite replaces the text and buttons of row id while it waits: pending
// and not leased by a sender at now. It reports whether it did; a row
// already sent, failed or being sent is left alone (the caller edits the
// sent message instead).
func (s *OutboxStore) Rewrite(ctx context.Context, id int64, text string, buttons [][]tip.Button, now time.Time) (bool, error) {
	b, err := buttonsColumn(buttons)
	if err != nil {
		return false, err
	}
	res, err := s.db.conn().ExecContext(ctx, `UPDATE outbox SET text = ?, buttons = ?
		WHERE id = ? AND status = 'pending' AND (lease_until IS NULL OR lease_until <= ?)`,
		text, b, id, millis(now))
	if err != nil {
		return false, fmt.Errorf("rewrite outbox %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("rewrite outbox %d: %w", id, err)
	}
	return n == 1, nil
}

// Merged reports whether sent row id was delivered in one message with
// other rows: a backlog summary, whose message no single tip's edit may
// replace. Merged rows are marked sent together (MarkSentMany), with the
// same time and message ids.
func (s *OutboxStore) Merged(ctx context.Context, id int64) (bool, error) {
	var merged bool
	err := s.db.conn().QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM outbox o2
		WHERE o2.status = 'sent' AND o2.sent_at = o.sent_at AND o2.id <> o.id
		AND o2.target_chat_id = o.target_chat_id AND o2.sent_message_ids = o.sent_message_ids)
		FROM outbox o WHERE o.id = ? AND o.status = 'sent'`, id).Scan(&merged)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("merged outbox %d: %w", id, err)
	}
	return merged, nil
}

// MakeUrgent marks every waiting relay row of tip tipID urgent, in every
// chat, so that a tip made darurat after it was queued jumps the queues
// with all its messages (a header and its album stay together). It
// returns how many rows it changed.
func (s *OutboxStore) MakeUrgent(ctx context.Context, tipID int64) (int, error) {
	res, err := s.db.conn().ExecContext(ctx, `UPDATE outbox SET urgent = 1
		WHERE tip_id = ? AND status = 'pending' AND purpose = 'relay' AND urgent = 0`, tipID)
	if err != nil {
		return 0, fmt.Errorf("make tip %d urgent: %w", tipID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("make tip %d urgent: %w", tipID, err)
	}
	return int(n), nil
}
