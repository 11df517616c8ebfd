package intake

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// undecodableSample is how much of an undecodable webhook body the audit
// log keeps, to show what it was.
const undecodableSample = 200

// IngestOne is the entry point of an update received by webhook. Telegram
// posts one update per request and forgets it once the answer is 2xx, so
// the caller answers only after IngestOne returned nil: IngestOne returns
// once raw is committed, and wakes the processor (Run). It is idempotent
// on update_id: an update delivered again is stored once and processed
// once. The polling offset stays as it was (Offset returns the same value
// before and after): webhook updates carry none, and after a switch back
// to polling Telegram still answers from the first update it holds.
//
// A body that is not a JSON object with a positive integer update_id
// cannot become one by being sent again, and Telegram would retry it for a
// day: IngestOne records it in the audit log (its size and first bytes),
// logs it and returns nil, so that the caller acknowledges it. An error
// matching tip.ErrCorrupt means the database is damaged.
func (s *Service) IngestOne(ctx context.Context, raw json.RawMessage) error {
	id := updateID(raw)
	if id <= 0 {
		return s.undecodable(ctx, raw)
	}
	u := tip.RawUpdate{ID: id, Raw: raw, ReceivedAt: s.set.Now(), Status: tip.UpdateReceived}
	err := s.db.InTx(ctx, func(tx tip.Tx) error {
		// SaveBatch also stores an offset; the one read in the same
		// transaction leaves it as it was.
		offset, err := tx.Updates().Offset(ctx)
		if err != nil {
			return err
		}
		return tx.Updates().SaveBatch(ctx, []tip.RawUpdate{u}, offset)
	})
	if err != nil {
		return fmt.Errorf("store update %d: %w", id, err)
	}
	s.batches.Add(1)
	s.observeUpdates(1)
	s.kick()
	return nil
}

// undecodable records a webhook body without a readable update_id.
func (s *Service) undecodable(ctx context.Context, raw json.RawMessage) error {
	s.log.Error("webhook update without a readable update_id recorded and skipped", "bytes", len(raw))
	sample := string(raw[:min(len(raw), undecodableSample)])
	sample = strings.ToValidUTF8(sample, string(utf8.RuneError))
	return s.inTx(ctx, func(t *txn) error {
		err := t.tx.Audit().Audit(ctx, tip.AuditEntry{
			At: s.set.Now(), Action: "update_undecodable", Subject: "webhook",
			Detail: fmt.Sprintf("%d bytes without a readable update_id: %q", len(raw), sample),
		})
		if err != nil {
			return fmt.Errorf("audit undecodable update: %w", err)
		}
		return nil
	})
}

// WebhookMemory remembers the webhook URL the bot set itself in webhook
// mode (sqlite.DB implements it).
type WebhookMemory interface {
	// OwnWebhook returns the URL the bot set, or "" if none.
	OwnWebhook(ctx context.Context) (string, error)
	// SetOwnWebhook records url; "" forgets it.
	SetOwnWebhook(ctx context.Context, url string) error
}

// PollingSink is the update sink of polling mode: the Service, except for
// the webhook the bot set itself in webhook mode (the one Memory holds).
// Finding that one at start is the operator switching back to polling,
// not a leftover of another deployment: its removal is audited and
// logged, the admins are not alerted, and Memory forgets it. Any other
// webhook is reported with Service.WebhookRemoved, which alerts them.
type PollingSink struct {
	*Service
	Memory WebhookMemory
}

// WebhookRemoved records the removal of the webhook at url, with pending
// updates waiting, so that polling works.
func (p PollingSink) WebhookRemoved(ctx context.Context, url string, pending int) error {
	own, err := p.Memory.OwnWebhook(ctx)
	if err != nil {
		// Better a needless alert than none.
		p.log.Warn("could not read the webhook this bot set; treating the removed one as a leftover", "err", err)
	}
	if err != nil || own == "" || own != url {
		return p.Service.WebhookRemoved(ctx, url, pending)
	}
	p.log.Info("switched from webhook mode to long polling: removed the webhook this bot had set",
		"webhook_url", url, "pending_updates", pending)
	err = p.inTx(ctx, func(t *txn) error {
		return t.tx.Audit().Audit(ctx, tip.AuditEntry{
			At: p.set.Now(), Action: "webhook_mode_ended", Subject: url,
			Detail: fmt.Sprintf("%d pending updates kept", pending),
		})
	})
	if err != nil {
		return fmt.Errorf("audit the end of webhook mode: %w", err)
	}
	return p.Memory.SetOwnWebhook(ctx, "")
}
