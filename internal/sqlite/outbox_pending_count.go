package sqlite

import (
	"context"
	"fmt"
)

// pendingByChatQuery counts the pending rows per group, and every private
// chat (a positive id) together as chat 0. It reads only the partial index
// outbox_pending, which holds pending rows only.
const pendingByChatQuery = `SELECT CASE WHEN target_chat_id < 0 THEN target_chat_id ELSE 0 END AS chat, count(*) AS n
	FROM outbox WHERE status = 'pending' GROUP BY chat ORDER BY n DESC, chat LIMIT ?`

// PendingByChat returns how many outbox rows wait per chat, for the
// metrics: each group (a negative chat id) on its own, and every private
// chat together under chat id 0, so that no user id leaves the database.
// It returns the limit chats with the most rows waiting; a chat with
// nothing waiting is absent.
func (s *OutboxStore) PendingByChat(ctx context.Context, limit int) (map[int64]int, error) {
	rows, err := s.db.conn().QueryContext(ctx, pendingByChatQuery, limit)
	if err != nil {
		return nil, fmt.Errorf("count pending messages: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var chat int64
		var n int
		if err := rows.Scan(&chat, &n); err != nil {
			return nil, fmt.Errorf("count pending messages: %w", err)
		}
		out[chat] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count pending messages: %w", err)
	}
	return out, nil
}
