package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ownWebhookKey is the state row holding the webhook URL this bot set
// itself in webhook mode.
const ownWebhookKey = "own_webhook_url"

// OwnWebhook returns the webhook URL the bot set itself in webhook mode
// (see SetOwnWebhook), or "" when it set none or it was forgotten since.
func (db *DB) OwnWebhook(ctx context.Context) (string, error) {
	var url string
	err := db.conn().QueryRowContext(ctx, "SELECT value FROM state WHERE key = ?", ownWebhookKey).Scan(&url)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read own webhook: %w", err)
	}
	return url, nil
}

// SetOwnWebhook records url as the webhook the bot set itself; "" forgets
// it.
func (db *DB) SetOwnWebhook(ctx context.Context, url string) error {
	var err error
	if url == "" {
		_, err = db.conn().ExecContext(ctx, "DELETE FROM state WHERE key = ?", ownWebhookKey)
	} else {
		_, err = db.conn().ExecContext(ctx, `INSERT INTO state (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, ownWebhookKey, url)
	}
	if err != nil {
		return fmt.Errorf("record own webhook: %w", err)
	}
	return nil
}
