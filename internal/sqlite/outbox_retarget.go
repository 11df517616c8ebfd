package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Retarget moves every pending row of chat from to chat to (a basic group
// that became a supergroup), records the migration so that rows enqueued
// later for from are written for to, and moves from's failing state, if
// any, to to (unless to has its own); all in one transaction. It returns
// how many rows moved.
//
// A migrated basic group has no forum topics, so moved rows get thread 0.
// If to itself migrated already, the rows go to the end of that chain.
// Sent and failed rows keep the chat they were stored with. Retarget
// refuses a migration that would close a cycle (to leads back to from),
// which Telegram never produces, and one involving a private chat (a
// positive id): only groups migrate.
func (s *OutboxStore) Retarget(ctx context.Context, from, to int64, at time.Time) (int, error) {
	if from >= 0 || to >= 0 || from == to {
		return 0, fmt.Errorf("retarget chat %d to %d: need two different group chats", from, to)
	}
	var moved int64
	err := s.db.inTx(ctx, func(tx querier) error {
		path, err := migrationPath(ctx, tx, to)
		if err != nil {
			return err
		}
		if slices.Contains(path, from) {
			return fmt.Errorf("chat %d already leads to %d: would form a cycle", to, from)
		}
		dest := path[len(path)-1]
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET target_chat_id = ?, target_thread_id = 0
			WHERE status = 'pending' AND target_chat_id = ?`, dest, from)
		if err != nil {
			return fmt.Errorf("move pending rows: %w", err)
		}
		if moved, err = res.RowsAffected(); err != nil {
			return fmt.Errorf("move pending rows: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO chat_migrations
			(old_chat_id, new_chat_id, migrated_at) VALUES (?, ?, ?)`, from, to, millis(at)); err != nil {
			return fmt.Errorf("record migration: %w", err)
		}
		return moveFailing(ctx, tx, from, dest)
	})
	if err != nil {
		return 0, fmt.Errorf("retarget chat %d to %d: %w", from, to, err)
	}
	return int(moved), nil
}

// moveFailing moves the failing state of chat from to chat to, keeping
// to's own state if it has one.
func moveFailing(ctx context.Context, tx querier, from, to int64) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO relay_targets (chat_id, failing_since, last_error)
		SELECT ?, failing_since, last_error FROM relay_targets WHERE chat_id = ?
		ON CONFLICT (chat_id) DO NOTHING`, to, from); err != nil {
		return fmt.Errorf("move failing state: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM relay_targets WHERE chat_id = ?", from); err != nil {
		return fmt.Errorf("move failing state: %w", err)
	}
	return nil
}

// maxMigrationHops bounds how far migratedChat follows a chain of
// migrations; real chains have one hop.
const maxMigrationHops = 16

// migratedChat returns the chat that chat migrated to, following chains
// (a→b→c gives c), or chat itself if it never migrated. A private chat
// (positive id) never migrates and costs no query.
func migratedChat(ctx context.Context, q querier, chat int64) (int64, error) {
	if chat > 0 {
		return chat, nil
	}
	path, err := migrationPath(ctx, q, chat)
	if err != nil {
		return 0, err
	}
	return path[len(path)-1], nil
}

// migrationPath returns chat followed by the chats it migrated to, in
// order (a→b→c gives a, b, c). A cycle or an overlong chain, which
// Retarget does not write, stops at the last chat reached before it
// repeats, so enqueueing never fails because of one.
func migrationPath(ctx context.Context, q querier, chat int64) ([]int64, error) {
	path := []int64{chat}
	for range maxMigrationHops {
		var next int64
		err := q.QueryRowContext(ctx, "SELECT new_chat_id FROM chat_migrations WHERE old_chat_id = ?", chat).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read migration of chat %d: %w", chat, err)
		}
		if slices.Contains(path, next) {
			break
		}
		path = append(path, next)
		chat = next
	}
	return path, nil
}
