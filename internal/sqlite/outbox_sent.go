package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// SentAs returns the row whose send produced message messageID in chat:
// the first such row (an edit names the message it edits; a merged
// delivery names the head's message for all its rows), as sent_messages
// records it (filled by a trigger when a row is marked sent, 0008, 0011).
// Only the messages a reply or a press can be about are recorded: a
// tip's relay, reminder, question, answer and card (a notice about a
// tip). It returns false for any other message.
func (s *OutboxStore) SentAs(ctx context.Context, chat, messageID int64) (tip.OutboxMessage, bool, error) {
	var id int64
	err := s.db.conn().QueryRowContext(ctx, `SELECT outbox_id FROM sent_messages
		WHERE chat_id = ? AND message_id = ?`, chat, messageID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return tip.OutboxMessage{}, false, nil
	}
	if err != nil {
		return tip.OutboxMessage{}, false, fmt.Errorf("find sent message %d in chat %d: %w", messageID, chat, err)
	}
	m, err := s.Get(ctx, id)
	if err != nil {
		return tip.OutboxMessage{}, false, err
	}
	return m, true, nil
}

// Cancel marks the pending rows of tip tipID with purpose p failed with
// reason, except those a sender holds (leased until after now), and
// returns how many it changed. Such rows are never sent.
func (s *OutboxStore) Cancel(ctx context.Context, tipID int64, p tip.Purpose, reason string) (int, error) {
	res, err := s.db.conn().ExecContext(ctx, `UPDATE outbox SET status = 'failed', last_error = ?
		WHERE tip_id = ? AND purpose = ? AND status = 'pending'
			AND (lease_until IS NULL OR lease_until <= ?)`,
		reason, tipID, string(p), millis(s.db.Now()))
	if err != nil {
		return 0, fmt.Errorf("cancel %s rows of tip %d: %w", p, tipID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("cancel %s rows of tip %d: %w", p, tipID, err)
	}
	return int(n), nil
}

// Release makes the held relay rows and acknowledgement of tip tipID due
// now.
func (s *OutboxStore) Release(ctx context.Context, tipID int64) (int, error) {
	res, err := s.db.conn().ExecContext(ctx, `UPDATE outbox SET next_attempt_at = 0
		WHERE tip_id = ? AND purpose IN ('relay', 'ack') AND status = 'pending' AND attempts = 0
			AND next_attempt_at > 0`, tipID)
	if err != nil {
		return 0, fmt.Errorf("release relay rows of tip %d: %w", tipID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("release relay rows of tip %d: %w", tipID, err)
	}
	return int(n), nil
}
