package telegram

import (
	"context"
	"errors"
	"fmt"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// edit replaces the text (EditText, editMessageText, link previews off) or
// the caption (EditCaption, editMessageCaption) of message
// m.EditMessageID in m.Target with m.Text (HTML), and its inline keyboard
// with m.Buttons (none when nil). It returns the edited message's id, also
// when Telegram answers that nothing changed ("message is not modified"):
// the message already shows what the row asks. A message that is gone or
// may not be edited is a rejection of the row, the 400 that classify turns
// into tip.SendRejected.
func (s *Sender) edit(ctx context.Context, m tip.OutboxMessage) ([]int64, error) {
	if m.EditMessageID == 0 {
		return nil, &tip.SendError{Kind: tip.SendRejected, Err: fmt.Errorf("outbox %d: %s without the message to edit (edit of row %d)", m.ID, m.Kind, m.EditOf)}
	}
	var err error
	if m.Kind == tip.EditText {
		_, err = s.bot.EditMessageText(ctx, &bot.EditMessageTextParams{
			ChatID: m.Target.ChatID, MessageID: int(m.EditMessageID),
			Text: m.Text, ParseMode: models.ParseModeHTML,
			LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: bot.True()},
			ReplyMarkup:        keyboard(m.Buttons),
		})
	} else {
		_, err = s.bot.EditMessageCaption(ctx, &bot.EditMessageCaptionParams{
			ChatID: m.Target.ChatID, MessageID: int(m.EditMessageID),
			Caption: m.Text, ParseMode: models.ParseModeHTML,
			ReplyMarkup: keyboard(m.Buttons),
		})
	}
	if err != nil && !notModified(err) {
		return nil, err
	}
	return []int64{m.EditMessageID}, nil
}

// notModified reports whether err is Telegram's answer to an edit that
// changes nothing.
func notModified(err error) bool {
	return errors.Is(err, bot.ErrorBadRequest) && containsFold(err.Error(), "message is not modified")
}

// answer answers the button press m.CallbackID with m.Text (plain text, at
// most 200 characters) as a short notice, or none when m.Text is empty. A
// press that is too old or already answered is a 400 that classify turns
// into tip.SendRejected: retrying cannot succeed. It creates no message and
// returns no id.
func (s *Sender) answer(ctx context.Context, m tip.OutboxMessage) ([]int64, error) {
	if m.CallbackID == "" {
		return nil, &tip.SendError{Kind: tip.SendRejected, Err: fmt.Errorf("outbox %d: %s without a callback id", m.ID, m.Kind)}
	}
	_, err := s.bot.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: m.CallbackID, Text: m.Text})
	return nil, err
}

// keyboard returns rows as an inline keyboard, or a nil interface (no
// reply_markup parameter) when there are none.
func keyboard(rows [][]tip.Button) models.ReplyMarkup {
	if len(rows) == 0 {
		return nil
	}
	kb := make([][]models.InlineKeyboardButton, 0, len(rows))
	for _, row := range rows {
		r := make([]models.InlineKeyboardButton, 0, len(row))
		for _, b := range row {
			r = append(r, models.InlineKeyboardButton{Text: b.Text, CallbackData: b.Data})
		}
		kb = append(kb, r)
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: kb}
}
