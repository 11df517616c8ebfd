package telegram

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/tip"
)

var _ relay.Sender = (*Sender)(nil)

// Sender delivers outbox messages with the Bot API.
type Sender struct {
	bot *bot.Bot
}

// Send performs the call that delivers m and returns the ids of the
// messages created in m.Target. Failures are *tip.SendError.
func (s *Sender) Send(ctx context.Context, m tip.OutboxMessage) ([]int64, error) {
	ids, err := s.send(ctx, m)
	if err != nil {
		return nil, classify(err)
	}
	return ids, nil
}

func (s *Sender) send(ctx context.Context, m tip.OutboxMessage) ([]int64, error) {
	switch m.Kind {
	case tip.SendText:
		return s.sendText(ctx, m)
	case tip.CopyMessages:
		return s.copy(ctx, m)
	case tip.ForwardMessages:
		return s.forward(ctx, m)
	case tip.SendDocument, tip.SendPhoto:
		return s.upload(ctx, m)
	case tip.EditText, tip.EditCaption:
		return s.edit(ctx, m)
	case tip.AnswerCallback:
		return s.answer(ctx, m)
	default:
		return nil, &tip.SendError{Kind: tip.SendRejected, Err: fmt.Errorf("unknown outbox kind %q", m.Kind)}
	}
}

// sendText sends m.Text (HTML) with sendMessage and m.Buttons as its
// inline keyboard, as a reply to m.ReplyTo when it is set (and still when
// that message is gone).
func (s *Sender) sendText(ctx context.Context, m tip.OutboxMessage) ([]int64, error) {
	p := &bot.SendMessageParams{
		ChatID:              m.Target.ChatID,
		MessageThreadID:     int(m.Target.ThreadID),
		Text:                m.Text,
		ParseMode:           models.ParseModeHTML,
		LinkPreviewOptions:  &models.LinkPreviewOptions{IsDisabled: bot.True()},
		DisableNotification: m.Silent,
		ReplyMarkup:         keyboard(m.Buttons),
	}
	if m.ReplyTo != 0 {
		p.ReplyParameters = &models.ReplyParameters{MessageID: int(m.ReplyTo), AllowSendingWithoutReply: true}
	}
	msg, err := s.bot.SendMessage(ctx, p)
	if err != nil {
		return nil, err
	}
	return []int64{int64(msg.ID)}, nil
}

// copy copies m.MessageIDs: copyMessage for one, copyMessages for several,
// which keeps an album grouped. A single copy gets m.Buttons as its inline
// keyboard, is a reply to m.ReplyTo when it is set (and still when that
// message is gone) and, when m.Text is not empty, gets m.Text (HTML) as its
// caption in place of the original one; Telegram ignores a caption for
// content that has none (text, sticker, video note, ...). Several copies
// keep their own captions and get no keyboard and no reply: copyMessages
// takes neither.
func (s *Sender) copy(ctx context.Context, m tip.OutboxMessage) ([]int64, error) {
	thread := int(m.Target.ThreadID)
	if len(m.MessageIDs) == 1 {
		p := &bot.CopyMessageParams{
			ChatID: m.Target.ChatID, MessageThreadID: thread,
			FromChatID: m.FromChatID, MessageID: int(m.MessageIDs[0]),
			DisableNotification: m.Silent,
			ReplyMarkup:         keyboard(m.Buttons),
		}
		if m.Text != "" {
			p.Caption, p.ParseMode = m.Text, models.ParseModeHTML
		}
		if m.ReplyTo != 0 {
			p.ReplyParameters = &models.ReplyParameters{MessageID: int(m.ReplyTo), AllowSendingWithoutReply: true}
		}
		id, err := s.bot.CopyMessage(ctx, p)
		if err != nil {
			return nil, err
		}
		return []int64{int64(id.ID)}, nil
	}
	ids, err := s.bot.CopyMessages(ctx, &bot.CopyMessagesParams{
		ChatID: m.Target.ChatID, MessageThreadID: thread,
		FromChatID: m.FromChatID, MessageIDs: ints(m.MessageIDs),
		DisableNotification: m.Silent,
	})
	return messageIDs(ids), err
}

// forward forwards m.MessageIDs: forwardMessage for one, forwardMessages
// for several.
func (s *Sender) forward(ctx context.Context, m tip.OutboxMessage) ([]int64, error) {
	thread := int(m.Target.ThreadID)
	if len(m.MessageIDs) == 1 {
		msg, err := s.bot.ForwardMessage(ctx, &bot.ForwardMessageParams{
			ChatID: m.Target.ChatID, MessageThreadID: thread,
			FromChatID: m.FromChatID, MessageID: int(m.MessageIDs[0]),
			DisableNotification: m.Silent,
		})
		if err != nil {
			return nil, err
		}
		return []int64{int64(msg.ID)}, nil
	}
	ids, err := s.bot.ForwardMessages(ctx, &bot.ForwardMessagesParams{
		ChatID: m.Target.ChatID, MessageThreadID: thread,
		FromChatID: m.FromChatID, MessageIDs: ints(m.MessageIDs),
		DisableNotification: m.Silent,
	})
	return messageIDs(ids), err
}

// upload sends m.File as a photo or a document, with m.Text (HTML) as its
// caption.
func (s *Sender) upload(ctx context.Context, m tip.OutboxMessage) ([]int64, error) {
	if m.File == nil {
		return nil, &tip.SendError{Kind: tip.SendRejected, Err: fmt.Errorf("outbox %d: %s without a file", m.ID, m.Kind)}
	}
	thread := int(m.Target.ThreadID)
	upload := &models.InputFileUpload{Filename: m.File.Name, Data: bytes.NewReader(m.File.Data)}
	var msg *models.Message
	var err error
	if m.Kind == tip.SendPhoto {
		msg, err = s.bot.SendPhoto(ctx, &bot.SendPhotoParams{
			ChatID: m.Target.ChatID, MessageThreadID: thread, Photo: upload,
			Caption: m.Text, ParseMode: models.ParseModeHTML, DisableNotification: m.Silent,
		})
	} else {
		msg, err = s.bot.SendDocument(ctx, &bot.SendDocumentParams{
			ChatID: m.Target.ChatID, MessageThreadID: thread, Document: upload,
			Caption: m.Text, ParseMode: models.ParseModeHTML, DisableNotification: m.Silent,
		})
	}
	if err != nil {
		return nil, err
	}
	return []int64{int64(msg.ID)}, nil
}

// classify turns a bot library error into a *tip.SendError, matching the
// library's error types with errors.As and errors.Is.
func classify(err error) error {
	var se *tip.SendError
	if errors.As(err, &se) {
		return err
	}
	var tooMany *bot.TooManyRequestsError
	if errors.As(err, &tooMany) {
		return &tip.SendError{Kind: tip.SendRateLimited, RetryAfter: time.Duration(tooMany.RetryAfter) * time.Second, Err: err}
	}
	var migrate *bot.MigrateError
	if errors.As(err, &migrate) {
		return &tip.SendError{Kind: tip.SendMigrated, MigrateTo: int64(migrate.MigrateToChatID), Err: err}
	}
	switch {
	case errors.Is(err, bot.ErrorForbidden), errors.Is(err, bot.ErrorUnauthorized), errors.Is(err, bot.ErrorNotFound):
		return &tip.SendError{Kind: tip.SendPermanent, Err: err}
	case errors.Is(err, bot.ErrorBadRequest):
		if targetGone(err.Error()) {
			return &tip.SendError{Kind: tip.SendPermanent, Err: err}
		}
		return &tip.SendError{Kind: tip.SendRejected, Err: err}
	}
	// 5xx answers, network errors and undecodable answers may pass.
	return &tip.SendError{Kind: tip.SendTemporary, Err: err}
}

// targetGone reports whether a 400 answer is about the target chat rather
// than the message, in which case every message to it would fail alike.
func targetGone(desc string) bool {
	for _, s := range []string{"chat not found", "message thread not found", "TOPIC_CLOSED", "TOPIC_DELETED", "not enough rights", "need administrator rights", "have no rights"} {
		if containsFold(desc, s) {
			return true
		}
	}
	return false
}

func ints(ids []int64) []int {
	out := make([]int, len(ids))
	for i, id := range ids {
		out[i] = int(id)
	}
	return out
}

func messageIDs(ids []models.MessageID) []int64 {
	out := make([]int64, len(ids))
	for i, id := range ids {
		out[i] = int64(id.ID)
	}
	return out
}
