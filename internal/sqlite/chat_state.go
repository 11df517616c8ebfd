package sqlite

import (
	"context"
	"fmt"
	"time"
)

// The chat-state methods answer for a chat as it is now rather than as it
// was configured: a group that became a supergroup is known by its new
// id, and a chat that removed the bot is held until it takes it back.

// CurrentChatID returns the chat that chat is now: the supergroup it
// migrated to (following chains of migrations, see Retarget), or chat
// itself if it never migrated. A private chat (positive id) is returned as
// it is, without a query.
func (s *OutboxStore) CurrentChatID(ctx context.Context, chat int64) (int64, error) {
	to, err := migratedChat(ctx, s.db.conn(), chat)
	if err != nil {
		return 0, fmt.Errorf("current id of chat %d: %w", chat, err)
	}
	return to, nil
}

// ChatServed reports whether the outbox holds a row for chat, whatever its
// status: whether the bot ever relayed something there or still means to.
// Pending rows are looked up by index; a chat without any reads the sent
// and failed rows too, which takes a scan of the outbox, so call it for
// rare events only (the bot's own membership changing).
func (s *OutboxStore) ChatServed(ctx context.Context, chat int64) (bool, error) {
	var served bool
	err := s.db.conn().QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM outbox
		WHERE status = 'pending' AND target_chat_id = ?)`, chat).Scan(&served)
	if err == nil && !served {
		err = s.db.conn().QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM outbox
			WHERE target_chat_id = ?)`, chat).Scan(&served)
	}
	if err != nil {
		return false, fmt.Errorf("look up rows of chat %d: %w", chat, err)
	}
	return served, nil
}

// HoldChat postpones every pending row of chat, in any of its threads,
// that would be tried before until, to until, and returns how many rows it
// changed. Attempts and errors are kept. Rows enqueued later for chat wait
// behind the held ones, since each target is drained in order.
func (s *OutboxStore) HoldChat(ctx context.Context, chat int64, until time.Time) (int, error) {
	res, err := s.db.conn().ExecContext(ctx, `UPDATE outbox SET next_attempt_at = ?
		WHERE status = 'pending' AND target_chat_id = ? AND next_attempt_at < ?`, millis(until), chat, millis(until))
	var n int64
	if err == nil {
		n, err = res.RowsAffected()
	}
	if err != nil {
		return 0, fmt.Errorf("hold rows of chat %d: %w", chat, err)
	}
	return int(n), nil
}

// RetryChat makes every pending row of chat, in any of its threads, due at
// now (as RetryNow does for every chat) and returns how many pending rows
// chat has, all of them due now. Attempts and errors are kept.
func (s *OutboxStore) RetryChat(ctx context.Context, chat int64, now time.Time) (pending int, err error) {
	err = s.db.inTx(ctx, func(tx querier) error {
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET next_attempt_at = ?
			WHERE status = 'pending' AND target_chat_id = ? AND next_attempt_at > ?`, millis(now), chat, millis(now)); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM outbox
			WHERE status = 'pending' AND target_chat_id = ?`, chat).Scan(&pending)
	})
	if err != nil {
		return 0, fmt.Errorf("retry rows of chat %d: %w", chat, err)
	}
	return pending, nil
}
