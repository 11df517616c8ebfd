package telegram

import (
	"context"
	"fmt"

	"github.com/go-telegram/bot"
)

// LeftoverWebhook describes a webhook that was set for the bot's token and
// removed by RemoveWebhook.
type LeftoverWebhook struct {
	URL              string
	PendingUpdates   int
	LastErrorMessage string
}

// RemoveWebhook makes long polling possible: while a webhook is set,
// Telegram answers getUpdates with 409 and delivers updates to the
// webhook's URL. It reads the webhook (getWebhookInfo) and, if one is set,
// deletes it without dropping pending updates, which getUpdates then
// returns. It returns nil, nil when no webhook was set.
func (c *Client) RemoveWebhook(ctx context.Context) (*LeftoverWebhook, error) {
	info, err := c.bot.GetWebhookInfo(ctx)
	if err != nil {
		return nil, fmt.Errorf("get webhook info: %w", err)
	}
	if info.URL == "" {
		return nil, nil
	}
	if _, err := c.bot.DeleteWebhook(ctx, &bot.DeleteWebhookParams{DropPendingUpdates: false}); err != nil {
		return nil, fmt.Errorf("delete webhook: %w", err)
	}
	return &LeftoverWebhook{URL: info.URL, PendingUpdates: info.PendingUpdateCount, LastErrorMessage: info.LastErrorMessage}, nil
}
