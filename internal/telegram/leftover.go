package telegram

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// removeLeftoverWebhook removes a webhook left on the bot's token (see
// Client.RemoveWebhook) so that polling works, logs what was removed, and
// tells the admins, once per webhook URL, in the same transaction as the
// audit row. A failure is logged and left to the poll loop, which meets
// the webhook as a 409 and tries again. It reports whether a webhook was
// removed.
func (s *Service) removeLeftoverWebhook(ctx context.Context) bool {
	hook, err := s.client.RemoveWebhook(ctx)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Warn("could not check for a leftover webhook", "err", err)
		}
		return false
	}
	if hook == nil {
		return false
	}
	s.log.Warn("removed a webhook left on the bot token; updates now come by polling",
		"webhook_url", hook.URL, "pending_updates", hook.PendingUpdates, "webhook_last_error", hook.LastErrorMessage)
	if err := s.recordWebhookRemoved(ctx, hook); err != nil {
		s.log.Error("record the removed webhook", "err", err)
	}
	return true
}

// recordWebhookRemoved audits the removal and queues the admins' alert.
func (s *Service) recordWebhookRemoved(ctx context.Context, hook *LeftoverWebhook) error {
	sum := sha256.Sum256([]byte(hook.URL))
	key := hex.EncodeToString(sum[:8])
	return s.inTx(ctx, func(t *txn) error {
		now := s.set.Now()
		err := t.st.Audit.Audit(ctx, tip.AuditEntry{
			At: now, Action: "webhook_removed", Subject: hook.URL,
			Detail: fmt.Sprintf("%d pending updates kept", hook.PendingUpdates),
		})
		if err != nil {
			return fmt.Errorf("audit webhook removal: %w", err)
		}
		var alerts []tip.OutboxMessage
		for _, id := range s.set.AdminIDs {
			alerts = append(alerts, tip.OutboxMessage{
				Purpose: tip.PurposeNotice, Target: tip.Target{ChatID: id}, Kind: tip.SendText,
				Text:      s.set.Texts.WebhookRemoved(hook.URL, hook.PendingUpdates),
				DedupeKey: fmt.Sprintf("alert:webhook:%s:%d", key, id),
			})
		}
		if err := t.st.Outbox.Enqueue(ctx, alerts...); err != nil {
			return fmt.Errorf("queue webhook alert: %w", err)
		}
		t.dirty = len(alerts) > 0
		return nil
	})
}
