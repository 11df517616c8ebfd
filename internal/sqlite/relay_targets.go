package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// SetTargetFailing records that chat chatID refuses the bot since at with
// errText. If the chat was failing already, only the error is replaced
// (Since stays the time of the first failure) and newly is false.
func (s *OutboxStore) SetTargetFailing(ctx context.Context, chatID int64, at time.Time, errText string) (newly bool, err error) {
	err = s.db.inTx(ctx, func(tx querier) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO relay_targets (chat_id, failing_since, last_error)
			VALUES (?, ?, ?) ON CONFLICT (chat_id) DO NOTHING`, chatID, millis(at), errText)
		if err != nil {
			return err
		}
		if newly, err = rowsAffected(res); err != nil || newly {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE relay_targets SET last_error = ? WHERE chat_id = ?", errText, chatID)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("set chat %d failing: %w", chatID, err)
	}
	return newly, nil
}

// ClearTargetFailing records that chat chatID works again; was is true if
// it had been failing.
func (s *OutboxStore) ClearTargetFailing(ctx context.Context, chatID int64) (was bool, err error) {
	res, err := s.db.conn().ExecContext(ctx, "DELETE FROM relay_targets WHERE chat_id = ?", chatID)
	if err == nil {
		was, err = rowsAffected(res)
	}
	if err != nil {
		return false, fmt.Errorf("clear chat %d failing: %w", chatID, err)
	}
	return was, nil
}

// FailingTargets returns the chats currently failing, by chat id.
func (s *OutboxStore) FailingTargets(ctx context.Context) ([]tip.FailingTarget, error) {
	rows, err := s.db.conn().QueryContext(ctx, `SELECT chat_id, failing_since, last_error
		FROM relay_targets ORDER BY chat_id`)
	if err != nil {
		return nil, fmt.Errorf("list failing chats: %w", err)
	}
	defer rows.Close()
	var out []tip.FailingTarget
	for rows.Next() {
		var (
			f     tip.FailingTarget
			since sql.NullInt64
		)
		if err := rows.Scan(&f.ChatID, &since, &f.LastError); err != nil {
			return nil, fmt.Errorf("list failing chats: %w", err)
		}
		f.Since = fromMillis(since)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list failing chats: %w", err)
	}
	return out, nil
}
