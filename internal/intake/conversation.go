package intake

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// onPoliceReply handles a message in a police chat that replies to a
// message the bot sent about a tip (its relay, a reminder, an answer): a
// question, which goes to the tip's reporter in private, naming the tip
// and the unit. Telegram's group privacy mode delivers such replies to the
// bot. Replies to anything else, and replies by people who are not members
// of the chat, are ignored.
func (s *txn) onPoliceReply(ctx context.Context, upd botapi.Update) error {
	m := upd.Message
	if !s.svc.isPoliceChat(m.Chat.ID) || m.ReplyTo == nil {
		return nil
	}
	row, found, err := s.tx.Outbox().SentAs(ctx, m.Chat.ID, m.ReplyTo.MessageID)
	if err != nil || !found || row.TipID == 0 {
		return err // not about a tip: chatter
	}
	if merged, err := s.tx.Outbox().Merged(ctx, row.ID); err != nil || merged {
		if merged {
			s.log.Info("reply to a backlog summary ignored: it names no single tip", "chat", m.Chat.ID, "message", m.ID)
		}
		return err
	}
	if v := s.member(m.Chat.ID, m.From.ID); v.err != nil || !v.ok {
		s.log.Warn("question ignored: not from a member of the chat", "tip", row.TipID, "chat", m.Chat.ID, "user_id", m.From.ID, "err", v.err)
		return nil
	}
	t, err := s.tx.Tips().Get(ctx, row.TipID)
	if err != nil {
		return fmt.Errorf("load tip %d: %w", row.TipID, err)
	}
	unit := s.svc.unitOf(m.Chat.ID)
	added, err := s.tx.Conversations().AddExchange(ctx, exchange(t.ID, tip.Question, m.Chat.ID, unit, m, s.set.Now()))
	if err != nil || !added {
		return err
	}
	if err := s.audit(ctx, m.From.ID, "question", t.ID, fmt.Sprintf("from chat %d message %d", m.Chat.ID, m.ID)); err != nil {
		return err
	}
	officer := ""
	if s.set.ShowOfficer {
		officer = m.From.Name()
	}
	texts := s.set.Texts
	rows := carry(m, texts.QuestionHeader(t.ID, unit, officer), texts.QuestionHint(), tip.Target{ChatID: t.ChatID}, 0)
	for i := range rows {
		rows[i].TipID, rows[i].Purpose = t.ID, tip.PurposeQuestion
		rows[i].DedupeKey = questionKey(m.Chat.ID, m.ID, i)
	}
	if err := s.tx.Outbox().Enqueue(ctx, rows...); err != nil {
		return fmt.Errorf("queue question about tip %d: %w", t.ID, err)
	}
	s.log.Info("question relayed to the reporter", "tip", t.ID, "chat", m.Chat.ID, "by", m.From.ID)
	s.dirty = true
	return nil
}

// onReporterReply handles a private message that replies to a police
// question: the reporter's answer, which goes back to the police chat the
// question came from, as a reply to the tip's message there. It reports
// false for any other message, which is then a tip as usual.
func (s *txn) onReporterReply(ctx context.Context, upd botapi.Update) (bool, error) {
	m := upd.Message
	if m.ReplyTo == nil || !m.ReplyTo.FromBot {
		return false, nil
	}
	row, found, err := s.tx.Outbox().SentAs(ctx, m.Chat.ID, m.ReplyTo.MessageID)
	if err != nil || !found || row.Purpose != tip.PurposeQuestion || row.TipID == 0 {
		return false, err
	}
	police, ok := questionChat(row.DedupeKey)
	if !ok {
		return false, nil
	}
	t, err := s.tx.Tips().Get(ctx, row.TipID)
	if errors.Is(err, tip.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load tip %d: %w", row.TipID, err)
	}
	if t.Reporter.ID != m.From.ID {
		return false, nil
	}
	target, replyTo, err := s.tipMessage(ctx, t.ID, police)
	if err != nil {
		return false, err
	}
	unit := s.svc.unitOf(police)
	added, err := s.tx.Conversations().AddExchange(ctx, exchange(t.ID, tip.Answer, police, unit, m, s.set.Now()))
	if err != nil || !added {
		return true, err
	}
	if err := s.audit(ctx, m.From.ID, "answer", t.ID, fmt.Sprintf("to chat %d", police)); err != nil {
		return true, err
	}
	rows := carry(m, s.set.Texts.AnswerHeader(t.ID, t.Reporter), "", target, replyTo)
	for i := range rows {
		rows[i].TipID, rows[i].Purpose = t.ID, tip.PurposeAnswer
		rows[i].DedupeKey = fmt.Sprintf("answer:%d:%d:%d", m.Chat.ID, m.ID, i)
	}
	if err := s.tx.Outbox().Enqueue(ctx, rows...); err != nil {
		return true, fmt.Errorf("queue answer about tip %d: %w", t.ID, err)
	}
	s.log.Info("answer relayed to the police", "tip", t.ID, "chat", police)
	s.dirty = true
	return true, s.reply(ctx, upd, s.set.Texts.AnswerSent(t.ID, unit))
}

// tipMessage returns where tip tipID's first message in police chat is:
// the chat and topic it went to and the message id, 0 when none was sent
// there (the answer then goes to the chat without a reply).
func (s *txn) tipMessage(ctx context.Context, tipID, chat int64) (tip.Target, int64, error) {
	rows, err := s.tx.Outbox().ByTip(ctx, tipID)
	if err != nil {
		return tip.Target{}, 0, fmt.Errorf("rows of tip %d: %w", tipID, err)
	}
	for _, c := range relayChats(rows) {
		if c.ChatID == chat {
			return tip.Target{ChatID: chat, ThreadID: c.ThreadID}, c.MessageID, nil
		}
	}
	return tip.Target{ChatID: chat}, 0, nil
}

// carry builds the rows that show message m in target under header, as one
// message where Telegram allows: a text quoted under the header (then
// hint), or a single captioned media copied with the header (and its own
// caption) as caption; else the header, then the copy. The first row
// replies to replyTo when it is set.
func carry(m *botapi.Message, header, hint string, target tip.Target, replyTo int64) []tip.OutboxMessage {
	d := m.Draft
	body := text.WithContent(header, d.Text)
	if hint != "" {
		body += "\n" + hint
	}
	copyRow := tip.OutboxMessage{Target: target, Kind: tip.CopyMessages, FromChatID: m.Chat.ID, MessageIDs: []int64{m.ID}}
	switch {
	case !d.HasMedia() && botapi.UTF16Len(body) <= maxMessageText:
		return []tip.OutboxMessage{{Target: target, Kind: tip.SendText, Text: body, ReplyTo: replyTo}}
	case captionable(d) && botapi.UTF16Len(body) <= maxCaption:
		copyRow.Text, copyRow.ReplyTo = body, replyTo
		return []tip.OutboxMessage{copyRow}
	}
	head := header
	if hint != "" {
		head += "\n" + hint
	}
	return []tip.OutboxMessage{{Target: target, Kind: tip.SendText, Text: head, ReplyTo: replyTo}, copyRow}
}

// exchange records message m of the conversation about a tip.
func exchange(tipID int64, dir tip.Direction, police int64, unit string, m *botapi.Message, at time.Time) tip.Exchange {
	kind := "text"
	if len(m.Draft.Attachments) > 0 {
		kind = string(m.Draft.Attachments[0].Kind)
	}
	return tip.Exchange{
		TipID: tipID, Direction: dir, PoliceChatID: police, Unit: unit, From: m.From,
		ChatID: m.Chat.ID, MessageID: m.ID, Kind: kind, Text: m.Draft.Text, At: at,
	}
}

// questionKey is the dedupe key of row i of a question asked in chat by
// message msg; the reporter's answer finds the chat in it.
func questionKey(chat, msg int64, i int) string {
	return fmt.Sprintf("question:%d:%d:%d", chat, msg, i)
}

// questionChat returns the police chat a question row's dedupe key names.
func questionChat(key string) (int64, bool) {
	rest, ok := strings.CutPrefix(key, "question:")
	if !ok {
		return 0, false
	}
	num, _, _ := strings.Cut(rest, ":")
	chat, err := strconv.ParseInt(num, 10, 64)
	return chat, err == nil && chat < 0
}
