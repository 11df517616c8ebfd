package telegram

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// alertTimeout bounds AlertAdmins as a whole: it runs on the way out of a
// failing process, which a dead network must not hold.
const alertTimeout = 10 * time.Second

// AlertAdmins sends text (HTML) to each admin in private, directly with
// sendMessage, bypassing the outbox: it is for the failures the outbox
// cannot carry, such as a damaged database. It tries every admin once,
// within 10 seconds in all (less if ctx ends sooner), and returns the
// joined errors of the sends that failed. It retries nothing: an alert
// that cannot be sent now is left to the process's own exit line.
func (c *Client) AlertAdmins(ctx context.Context, admins []int64, text string) error {
	ctx, cancel := context.WithTimeout(ctx, alertTimeout)
	defer cancel()
	var errs []error
	for _, id := range admins {
		_, err := c.bot.SendMessage(ctx, &bot.SendMessageParams{
			ChatID:             id,
			Text:               text,
			ParseMode:          models.ParseModeHTML,
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: bot.True()},
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("alert admin %d: %w", id, err))
		}
	}
	return errors.Join(errs...)
}
