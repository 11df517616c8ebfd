package intake

import (
	"context"
	"errors"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// handle decides what one update means. It returns the update's final
// status, or an error for a storage failure worth retrying.
func (s *txn) handle(ctx context.Context, u tip.RawUpdate) (tip.UpdateStatus, string, error) {
	upd, err := botapi.Parse(u.Raw)
	if err != nil {
		s.log.Warn("undecodable update recorded and skipped", "update_id", u.ID, "err", err)
		return tip.UpdateUndecodable, err.Error(), nil
	}
	switch upd.Kind {
	case botapi.KindMessage:
		err = s.onMessage(ctx, upd)
	case botapi.KindEditedMessage:
		err = s.onEdit(ctx, upd)
	case botapi.KindCallbackQuery:
		err = s.onCallback(ctx, upd)
	case botapi.KindMyChatMember:
		err = s.onMyChatMember(ctx, upd)
	default:
		s.log.Info("update ignored", "update_id", upd.ID, "field", upd.Field)
	}
	if err != nil {
		return "", "", err
	}
	return tip.UpdateDone, "", nil
}

func (s *txn) onMessage(ctx context.Context, upd botapi.Update) error {
	m := upd.Message
	if m.MigrateToChatID != 0 && !m.Chat.IsPrivate() {
		// Whoever upgraded the group, an anonymous administrator
		// (GroupAnonymousBot, a bot) included: the bot follows it.
		return s.onMigrated(ctx, m.Chat.ID, m.MigrateToChatID)
	}
	if m.FromBot {
		return nil
	}
	if !m.Chat.IsPrivate() {
		switch {
		case m.Command != nil:
			return s.onGroupCommand(ctx, upd)
		case m.ReplyTo != nil && !m.Service:
			return s.onPoliceReply(ctx, upd)
		}
		return nil // group chatter is not for the bot
	}
	if m.Command != nil {
		return s.onPrivateCommand(ctx, upd)
	}
	if m.Service {
		return nil
	}
	ok, err := s.isStaff(ctx, m.From.ID)
	if err != nil {
		return err
	}
	if !ok {
		return s.refuseOutsider(ctx, upd)
	}
	if handled, err := s.onReporterReply(ctx, upd); handled || err != nil {
		return err
	}
	switch {
	case m.Unsupported != "":
		return s.reply(ctx, upd, s.set.Texts.Unsupported(m.Unsupported))
	case !m.HasEvidence:
		return s.reply(ctx, upd, s.set.Texts.Empty())
	case m.MediaGroupID != "":
		return s.addAlbumPart(ctx, m)
	}
	_, err = s.createTip(ctx, m.Draft)
	return err
}

// createTip stores a tip, triaged by its text (see triageFromText), with
// its relay and acknowledgement messages, or as a report of the earlier
// tip it repeats (see repeat.go). A tip that already exists (the update was delivered again after a crash) is
// left alone: its messages were queued with it.
func (s *txn) createTip(ctx context.Context, draft tip.Tip) (tip.Tip, error) {
	draft.Triage = s.svc.triageFromText(draft.Text)
	keys, lookup := repeatKeys(draft)
	original, found, err := s.findOriginal(ctx, lookup)
	if err != nil {
		return tip.Tip{}, err
	}
	if found {
		// A redelivered update finds its own tip here; Create then
		// returns it untouched either way.
		return s.createRepeat(ctx, draft, original, keys)
	}
	t, created, err := s.tx.Tips().Create(ctx, draft, s.composeTip)
	if err != nil {
		return tip.Tip{}, fmt.Errorf("create tip: %w", err)
	}
	if created && len(keys) > 0 {
		if err := s.tx.Repeats().AddKeys(ctx, t.ID, keys, t.CreatedAt); err != nil {
			return tip.Tip{}, err
		}
	}
	if created {
		s.log.Info("tip received", "tip", t.ID, "reporter", t.Reporter.ID, "messages", len(t.MessageIDs),
			"attachments", len(t.Attachments), "links", len(t.Links), "forwarded", t.Origin != nil)
		s.dirty = true
		s.created = append(s.created, t)
	}
	return t, nil
}

func (s *txn) onEdit(ctx context.Context, upd botapi.Update) error {
	m := upd.Message
	if !m.Chat.IsPrivate() || m.FromBot || m.Command != nil {
		return nil
	}
	ok, err := s.isStaff(ctx, m.From.ID)
	if err != nil || !ok {
		return err
	}
	if m.MediaGroupID != "" {
		parts, err := s.tx.Albums().AlbumParts(ctx, m.Chat.ID, m.MediaGroupID)
		if err != nil {
			return fmt.Errorf("load album parts: %w", err)
		}
		for _, p := range parts {
			if len(p.Draft.MessageIDs) > 0 && p.Draft.MessageIDs[0] == m.ID {
				// Not a tip yet: the edit replaces the waiting part.
				return s.addAlbumPart(ctx, m)
			}
		}
	}
	t, changed, err := s.tx.Tips().Edit(ctx, tip.Revision{
		ChatID: m.Chat.ID, MessageID: m.ID, Text: m.Draft.Text, Links: m.Draft.Links,
		Attachments: m.Draft.Attachments, EditedAt: m.EditDate,
	}, s.composeEdit(m.ID))
	if errors.Is(err, tip.ErrNotFound) {
		return nil // an edit of something that never became a tip
	}
	if err != nil {
		return fmt.Errorf("edit tip: %w", err)
	}
	if changed {
		s.log.Info("tip edited", "tip", t.ID, "reporter", m.From.ID)
		s.dirty = true
	}
	return nil
}

func (s *txn) refuseOutsider(ctx context.Context, upd botapi.Update) error {
	m := upd.Message
	s.log.Warn("message from outsider refused", "user_id", m.From.ID, "username", m.From.Username)
	err := s.tx.Audit().Audit(ctx, tip.AuditEntry{
		At: s.set.Now(), ActorID: m.From.ID, Action: "outsider_refused",
		Subject: fmt.Sprint(m.Chat.ID), Detail: fmt.Sprintf("update %d", upd.ID),
	})
	if err != nil {
		return fmt.Errorf("audit outsider: %w", err)
	}
	return s.reply(ctx, upd, s.set.Texts.Outsider(m.From.ID))
}

// reply queues an answer to the message of upd, in its chat and topic. The
// dedupe key makes a re-processed update answer once.
func (s *txn) reply(ctx context.Context, upd botapi.Update, html string) error {
	m := upd.Message
	err := s.tx.Outbox().Enqueue(ctx, tip.OutboxMessage{
		Purpose:   tip.PurposeNotice,
		Target:    tip.Target{ChatID: m.Chat.ID, ThreadID: m.ThreadID},
		Kind:      tip.SendText,
		Text:      html,
		ReplyTo:   m.ID,
		DedupeKey: fmt.Sprintf("reply:%d", upd.ID),
	})
	if err != nil {
		return fmt.Errorf("queue reply: %w", err)
	}
	s.dirty = true
	return nil
}

func (s *txn) isStaff(ctx context.Context, userID int64) (bool, error) {
	if s.svc.staff[userID] || s.svc.admins[userID] {
		return true, nil
	}
	ok, err := s.tx.Staff().IsStaff(ctx, userID)
	if err != nil {
		return false, fmt.Errorf("check staff: %w", err)
	}
	return ok, nil
}

// onMigrated follows a group that became a supergroup: its waiting
// messages and every later one go to the new chat id, and the admins are
// told to update the configuration. The relay worker does the same when a
// send answers with migrate_to_chat_id; the alert's key makes it once only.
func (s *txn) onMigrated(ctx context.Context, from, to int64) error {
	now := s.set.Now()
	moved, err := s.tx.Chats().Retarget(ctx, from, to, now)
	if err != nil {
		return fmt.Errorf("follow migration: %w", err)
	}
	s.log.Warn("group became a supergroup; following it (update TIPRELAY_RELAY_CHAT_ID)",
		"chat_id", from, "new_chat_id", to, "moved", moved)
	err = s.tx.Audit().Audit(ctx, tip.AuditEntry{At: now, Action: "chat_migrated", Subject: fmt.Sprint(from), Detail: fmt.Sprintf("to %d, %d messages moved", to, moved)})
	if err != nil {
		return fmt.Errorf("audit migration: %w", err)
	}
	// Rows were moved even when there is no admin to tell: wake the worker.
	s.dirty = true
	return s.queueAdminAlert(ctx, fmt.Sprintf("alert:migrated:%d:%d", from, to), s.set.Texts.ChatMigrated(from, to))
}
