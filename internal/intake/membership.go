package intake

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// removedRetry is how long the rows of a chat that removed the bot wait
// before they are tried again, unless it takes the bot back first: the
// relay's own interval for a chat that refuses the bot (see
// relay.DefaultBackoff).
const removedRetry = 10 * time.Minute

// currentRelayChat returns the id the relay chat has now: the configured
// one, or the supergroup it became.
func (s *txn) currentRelayChat(ctx context.Context) (int64, error) {
	return s.tx.Chats().CurrentChatID(ctx, s.set.Relay.ChatID)
}

// onMyChatMember acts on a change of the bot's own status in a chat. A
// group or channel the bot relays to that takes it back is retried at
// once; one that removes it is marked failing at once, so the relay holds
// its messages and the admins are told once, as when a send is refused.
//
// A private chat is left alone: the user blocked or unblocked the bot. The
// relay never marks a private chat failing (a refusal there fails the
// message itself, see relay's Worker), so there is no state to set or
// clear, and the messages refused while the user blocked the bot are not
// sent after the fact.
func (s *txn) onMyChatMember(ctx context.Context, upd botapi.Update) error {
	mu := upd.Member
	switch {
	case mu.Chat.ID == 0:
		return nil
	case mu.Chat.IsPrivate():
		s.log.Info("user changed the bot's status in their private chat", "user_id", mu.Chat.ID, "status", mu.New.Status)
		return nil
	case mu.New.InChat():
		return s.botBack(ctx, upd)
	case mu.New.Out():
		return s.botRemoved(ctx, upd)
	}
	return nil
}

// botBack retries at once a failing chat that took the bot back: its
// waiting rows are made due and the worker is woken. The worker clears
// the failing state, and tells the admins, when the first one is
// accepted; a chat with nothing waiting is cleared here.
func (s *txn) botBack(ctx context.Context, upd botapi.Update) error {
	mu := upd.Member
	chat := mu.Chat.ID
	failing, err := s.tx.Chats().FailingTargets(ctx)
	if err != nil {
		return fmt.Errorf("list failing targets: %w", err)
	}
	if !slices.ContainsFunc(failing, func(f tip.FailingTarget) bool { return f.ChatID == chat }) {
		s.log.Info("bot's status changed in a chat that works", "chat", chat, "status", mu.New.Status, "by", mu.By.ID)
		return nil
	}
	now := s.set.Now()
	pending, err := s.tx.Outbox().RetryChat(ctx, chat, now)
	if err != nil {
		return err
	}
	err = s.tx.Audit().Audit(ctx, tip.AuditEntry{
		At: now, ActorID: mu.By.ID, Action: "bot_added_back", Subject: fmt.Sprint(chat),
		Detail: fmt.Sprintf("status %s, %d waiting messages retried now (update %d)", mu.New.Status, pending, upd.ID),
	})
	if err != nil {
		return fmt.Errorf("audit bot added back: %w", err)
	}
	s.log.Info("failing chat took the bot back; retrying it now", "chat", chat, "status", mu.New.Status, "by", mu.By.ID, "pending", pending)
	s.dirty = true // wake the worker: the rows are due
	if pending > 0 {
		return nil
	}
	was, err := s.tx.Chats().ClearTargetFailing(ctx, chat)
	if err != nil || !was {
		return err
	}
	return s.queueAdminAlert(ctx, fmt.Sprintf("alert:recovered:%d:%d", chat, now.UnixMilli()), s.set.Texts.TargetRecovered(chat))
}

// botRemoved marks failing, at once, a chat the bot relays to that
// removed it: the relay chat, or any chat the outbox holds rows for
// (digest chats, chats of earlier tips). Its waiting rows are held for
// the relay's retry interval and the admins are told, once, as when a send
// is refused. A chat that migrated to a supergroup is left alone: the bot
// follows the supergroup.
func (s *txn) botRemoved(ctx context.Context, upd botapi.Update) error {
	mu := upd.Member
	chat := mu.Chat.ID
	current, err := s.tx.Chats().CurrentChatID(ctx, chat)
	if err != nil {
		return err
	}
	relay, err := s.currentRelayChat(ctx)
	if err != nil {
		return err
	}
	served := chat == relay
	if !served && current == chat {
		if served, err = s.tx.Chats().ChatServed(ctx, chat); err != nil {
			return err
		}
	}
	if !served {
		s.log.Info("bot removed from a chat it does not relay to", "chat", chat, "status", mu.New.Status, "by", mu.By.ID)
		return nil
	}
	now := s.set.Now()
	reason := s.set.Texts.BotRemoved(mu.By, mu.New.Status == botapi.StatusRestricted)
	newly, err := s.tx.Chats().SetTargetFailing(ctx, chat, now, reason)
	if err != nil {
		return fmt.Errorf("mark target failing: %w", err)
	}
	held, err := s.tx.Outbox().HoldChat(ctx, chat, now.Add(removedRetry))
	if err != nil {
		return err
	}
	err = s.tx.Audit().Audit(ctx, tip.AuditEntry{
		At: now, ActorID: mu.By.ID, Action: "bot_removed", Subject: fmt.Sprint(chat),
		Detail: fmt.Sprintf("status %s, %d waiting messages held (update %d)", mu.New.Status, held, upd.ID),
	})
	if err != nil {
		return fmt.Errorf("audit bot removed: %w", err)
	}
	s.log.Warn("bot removed from a chat it relays to; its messages are kept", "chat", chat, "status", mu.New.Status, "by", mu.By.ID, "held", held)
	s.dirty = true // the worker learns of the failing state when woken
	if !newly {
		return nil // the admins were told when it started failing
	}
	return s.queueAdminAlert(ctx, fmt.Sprintf("alert:failing:%d:%d", chat, now.UnixMilli()), s.set.Texts.TargetFailing(chat, reason))
}

// queueAdminAlert queues text to every admin's private chat, as the relay
// worker's alerts; key makes it once only per admin.
func (s *txn) queueAdminAlert(ctx context.Context, key, text string) error {
	var alerts []tip.OutboxMessage
	for _, id := range s.set.AdminIDs {
		alerts = append(alerts, tip.OutboxMessage{
			Purpose: tip.PurposeNotice, Target: tip.Target{ChatID: id}, Kind: tip.SendText,
			Text: text, DedupeKey: fmt.Sprintf("%s:%d", key, id),
		})
	}
	if err := s.tx.Outbox().Enqueue(ctx, alerts...); err != nil {
		return fmt.Errorf("queue admin alert: %w", err)
	}
	s.dirty = true
	return nil
}
