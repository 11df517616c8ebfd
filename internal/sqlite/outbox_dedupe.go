package sqlite

import (
	"context"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// ByDedupeKey returns the outbox row enqueued with key, or an error
// wrapping tip.ErrNotFound. A process that queued rows (tiprelay digest
// --send) uses it to follow their delivery by whichever worker sends them.
func (s *OutboxStore) ByDedupeKey(ctx context.Context, key string) (tip.OutboxMessage, error) {
	msgs, err := queryOutbox(ctx, s.db.conn(), "SELECT "+outboxColumns+" FROM outbox WHERE dedupe_key = ?", key)
	if err != nil {
		return tip.OutboxMessage{}, fmt.Errorf("get outbox by key %q: %w", key, err)
	}
	if len(msgs) == 0 {
		return tip.OutboxMessage{}, fmt.Errorf("get outbox by key %q: %w", key, tip.ErrNotFound)
	}
	return msgs[0], nil
}
