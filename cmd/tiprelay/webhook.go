package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
)

// The application core is the sink of both update modes, and the
// database remembers the webhook the bot set itself.
var (
	_ telegram.WebhookSink = (*intake.Service)(nil)
	_ telegram.Sink        = intake.PollingSink{}
	_ intake.WebhookMemory = (*sqlite.DB)(nil)
)

// receiveUpdates owns the update stream until ctx is done: webhook mode
// when TIPRELAY_WEBHOOK_URL is set (setWebhook, then Telegram's POSTs,
// never getUpdates), long polling otherwise. Polling starts by removing
// any webhook; the one this bot set in an earlier webhook-mode run is
// removed quietly, any other is reported to the admins (see
// intake.PollingSink).
func (b *bot) receiveUpdates(ctx context.Context, log *slog.Logger) error {
	if !b.cfg.Webhook() {
		return b.client.Poll(ctx, intake.PollingSink{Service: b.svc, Memory: b.db}, telegram.PollOptions{Log: log})
	}
	// Remembered before it is set: a crash in between must not make the
	// next polling start take the bot's own webhook for a stranger's.
	if err := b.db.SetOwnWebhook(ctx, b.cfg.WebhookURL); err != nil {
		return fmt.Errorf("remember the webhook: %w", err)
	}
	return b.client.Webhook(ctx, b.svc, telegram.WebhookOptions{
		URL:             b.cfg.WebhookURL,
		Listen:          b.cfg.WebhookListen,
		Secret:          b.cfg.WebhookSecret,
		ShutdownTimeout: b.cfg.ShutdownTimeout,
		Log:             b.log.With("component", "webhook"),
	})
}
