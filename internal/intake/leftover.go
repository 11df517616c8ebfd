package intake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// WebhookRemoved records that a webhook left on the bot's token (an
// earlier deployment, another tool) was removed so that polling works: it
// audits the removal and tells the admins, once per webhook URL, in one
// transaction.
func (s *Service) WebhookRemoved(ctx context.Context, url string, pending int) error {
	sum := sha256.Sum256([]byte(url))
	key := hex.EncodeToString(sum[:8])
	return s.inTx(ctx, func(t *txn) error {
		now := s.set.Now()
		err := t.tx.Audit().Audit(ctx, tip.AuditEntry{
			At: now, Action: "webhook_removed", Subject: url,
			Detail: fmt.Sprintf("%d pending updates kept", pending),
		})
		if err != nil {
			return fmt.Errorf("audit webhook removal: %w", err)
		}
		return t.queueAdminAlert(ctx, "alert:webhook:"+key, s.set.Texts.WebhookRemoved(url, pending))
	})
}
