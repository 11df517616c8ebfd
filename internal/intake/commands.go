package intake

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// privateOnly are commands that only make sense in a private chat.
var privateOnly = []string{"staff_add", "staff_remove", "staff_list", "relay_retry", "digest"}

// forMe reports whether a command is addressed to this bot: no @suffix, or
// ours. In groups several bots may share command names.
func (s *txn) forMe(c *botapi.Command) bool {
	return c.BotUsername == "" || strings.EqualFold(c.BotUsername, s.svc.botUsername())
}

func (s *txn) onGroupCommand(ctx context.Context, upd botapi.Update) error {
	m := upd.Message
	if !s.forMe(m.Command) {
		return nil
	}
	// The relay chat is compared by the id it has now: a group that
	// became a supergroup keeps its rights under its new id.
	relay := s.set.Relay.ChatID
	if m.Command.Name == "digest" {
		var err error
		if relay, err = s.currentRelayChat(ctx); err != nil {
			return err
		}
	}
	switch name := m.Command.Name; {
	case name == "id":
		return s.reply(ctx, upd, s.set.Texts.ChatID(m.Chat.ID, m.ThreadID, 0))
	case name == "digest" && m.Chat.ID == relay:
		// Anyone in the relay group is a member of it: they may ask.
		return s.sendDigest(ctx, upd)
	case name == "help" || name == "start":
		return s.reply(ctx, upd, s.set.Texts.GroupHelp())
	case name == "laporan" && s.svc.isPoliceChat(m.Chat.ID):
		return s.reportCard(ctx, upd)
	case name == "cari" && (s.svc.isPoliceChat(m.Chat.ID) || m.Command.BotUsername != ""):
		return s.search(ctx, upd)
	case slices.Contains(privateOnly, name) && m.Command.BotUsername != "":
		return s.reply(ctx, upd, s.set.Texts.PrivateOnly())
	}
	return nil // someone else's command
}

func (s *txn) onPrivateCommand(ctx context.Context, upd botapi.Update) error {
	m := upd.Message
	t := s.set.Texts
	if m.Command.Name == "id" {
		return s.reply(ctx, upd, t.ChatID(m.Chat.ID, 0, m.From.ID))
	}
	if m.Command.Name == "laporan" {
		// Officers who are not staff may see the tips of their chats.
		return s.reportCard(ctx, upd)
	}
	if m.Command.Name == "cari" {
		// Refused with its own text, not the outsider's.
		return s.search(ctx, upd)
	}
	staff, err := s.isStaff(ctx, m.From.ID)
	if err != nil {
		return err
	}
	admin := s.svc.admins[m.From.ID]
	switch name := m.Command.Name; {
	case !staff:
		return s.refuseOutsider(ctx, upd)
	case name == "start" || name == "help":
		return s.reply(ctx, upd, t.Help())
	case slices.Contains(privateOnly, name) && !admin:
		return s.reply(ctx, upd, t.AdminOnly())
	case name == "staff_add" || name == "staff_remove":
		return s.staffChange(ctx, upd)
	case name == "staff_list":
		return s.staffList(ctx, upd)
	case name == "relay_retry":
		return s.relayRetry(ctx, upd)
	case name == "digest":
		return s.sendDigest(ctx, upd)
	default:
		return s.reply(ctx, upd, t.UnknownCommand(name))
	}
}

func (s *txn) staffChange(ctx context.Context, upd botapi.Update) error {
	m := upd.Message
	name := m.Command.Name
	id, err := strconv.ParseInt(strings.TrimSpace(m.Command.Args), 10, 64)
	if err != nil || id <= 0 {
		return s.reply(ctx, upd, s.set.Texts.StaffUsage(name))
	}
	now := s.set.Now()
	if name == "staff_add" {
		added, err := s.tx.Staff().AddStaff(ctx, id, m.From.ID, now)
		if err != nil {
			return fmt.Errorf("add staff: %w", err)
		}
		already := !added || s.svc.staff[id] || s.svc.admins[id]
		s.log.Info("staff added", "user_id", id, "by", m.From.ID, "already", already)
		return s.reply(ctx, upd, s.set.Texts.StaffAdded(id, already))
	}
	if s.svc.staff[id] || s.svc.admins[id] {
		return s.reply(ctx, upd, s.set.Texts.StaffRemoved(id, false, true))
	}
	removed, err := s.tx.Staff().RemoveStaff(ctx, id, m.From.ID, now)
	if err != nil {
		return fmt.Errorf("remove staff: %w", err)
	}
	s.log.Info("staff removed", "user_id", id, "by", m.From.ID, "found", removed)
	return s.reply(ctx, upd, s.set.Texts.StaffRemoved(id, removed, false))
}

func (s *txn) staffList(ctx context.Context, upd botapi.Update) error {
	var entries []text.StaffEntry
	seen := map[int64]bool{}
	for _, id := range s.set.AdminIDs {
		if !seen[id] {
			seen[id] = true
			entries = append(entries, text.StaffEntry{UserID: id, Source: "admin"})
		}
	}
	for _, id := range s.set.StaffIDs {
		if !seen[id] {
			seen[id] = true
			entries = append(entries, text.StaffEntry{UserID: id, Source: "config"})
		}
	}
	added, err := s.tx.Staff().ListStaff(ctx)
	if err != nil {
		return fmt.Errorf("list staff: %w", err)
	}
	for _, a := range added {
		if !seen[a.UserID] {
			seen[a.UserID] = true
			entries = append(entries, text.StaffEntry{UserID: a.UserID, Source: "command", AddedBy: a.AddedBy, AddedAt: a.AddedAt})
		}
	}
	return s.reply(ctx, upd, s.set.Texts.StaffList(entries, s.set.Location))
}

// relayRetry makes every waiting message due now, so a chat that was
// failing is tried at once, and lists the chats still marked failing.
func (s *txn) relayRetry(ctx context.Context, upd botapi.Update) error {
	m := upd.Message
	now := s.set.Now()
	n, err := s.tx.Outbox().RetryNow(ctx, now)
	if err != nil {
		return fmt.Errorf("retry now: %w", err)
	}
	failing, err := s.tx.Chats().FailingTargets(ctx)
	if err != nil {
		return fmt.Errorf("list failing targets: %w", err)
	}
	err = s.tx.Audit().Audit(ctx, tip.AuditEntry{At: now, ActorID: m.From.ID, Action: "relay_retry", Detail: fmt.Sprintf("%d messages made due", n)})
	if err != nil {
		return fmt.Errorf("audit relay retry: %w", err)
	}
	s.log.Info("relay retry requested", "by", m.From.ID, "due", n, "failing", len(failing))
	return s.reply(ctx, upd, s.set.Texts.RelayRetry(n, failing, s.set.Location))
}

// sendDigest queues the digest of the last 24 hours to the chat (and topic)
// the command came from.
func (s *txn) sendDigest(ctx context.Context, upd botapi.Update) error {
	if s.set.Digest == nil {
		return s.reply(ctx, upd, s.set.Texts.UnknownCommand("digest"))
	}
	m := upd.Message
	msgs, err := s.set.Digest(ctx, 24*time.Hour, tip.Target{ChatID: m.Chat.ID, ThreadID: m.ThreadID})
	if err != nil {
		return fmt.Errorf("build digest: %w", err)
	}
	for i := range msgs {
		msgs[i].DedupeKey = fmt.Sprintf("digest:cmd:%d:%d", upd.ID, i)
	}
	if err := s.tx.Outbox().Enqueue(ctx, msgs...); err != nil {
		return fmt.Errorf("queue digest: %w", err)
	}
	s.log.Info("digest requested", "by", m.From.ID, "chat", m.Chat.ID, "messages", len(msgs))
	s.dirty = true
	return nil
}

// reportCard answers /laporan N with tip N's card: its header, status
// history, the chats it went to with links, and its conversation. The
// tip's reporter and the admins may see it, with the triage buttons in
// private; so may the members of the police chats it was relayed to (the
// memberships were checked before the transaction), with the status
// buttons when asked in such a chat. Anyone else is refused.
func (s *txn) reportCard(ctx context.Context, upd botapi.Update) error {
	m := upd.Message
	n, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(m.Command.Args), "#"), 10, 64)
	if err != nil || n <= 0 {
		return s.reply(ctx, upd, s.set.Texts.ReportUsage())
	}
	t, err := s.tx.Tips().Get(ctx, n)
	if errors.Is(err, tip.ErrNotFound) {
		return s.reply(ctx, upd, s.set.Texts.TipNotFound(n))
	}
	if err != nil {
		return fmt.Errorf("load tip %d: %w", n, err)
	}
	rows, err := s.tx.Outbox().ByTip(ctx, t.ID)
	if err != nil {
		return fmt.Errorf("rows of tip %d: %w", t.ID, err)
	}
	relayed, access := relayChats(rows), relayChats(rows)
	if t.DuplicateOf != 0 {
		// A repeat was not relayed: the police who have its original
		// may see it.
		originalRows, err := s.tx.Outbox().ByTip(ctx, t.DuplicateOf)
		if err != nil {
			return fmt.Errorf("rows of tip %d: %w", t.DuplicateOf, err)
		}
		access = relayChats(originalRows)
	}
	owner := m.Chat.IsPrivate() && (m.From.ID == t.Reporter.ID || s.svc.admins[m.From.ID])
	member := false
	for _, c := range access {
		if (m.Chat.IsPrivate() || c.ChatID == m.Chat.ID) && s.member(c.ChatID, m.From.ID).ok {
			member = true
		}
	}
	if !owner && !member {
		s.log.Warn("report card refused", "tip", t.ID, "user_id", m.From.ID, "chat", m.Chat.ID)
		if err := s.audit(ctx, m.From.ID, "report_refused", t.ID, fmt.Sprintf("chat %d", m.Chat.ID)); err != nil {
			return err
		}
		return s.reply(ctx, upd, s.set.Texts.ReportRefused(t.ID))
	}
	history, err := s.tx.Statuses().History(ctx, t.ID)
	if err != nil {
		return err
	}
	talk, err := s.tx.Conversations().Exchanges(ctx, t.ID)
	if err != nil {
		return err
	}
	var more text.CardMore
	if more.ImageText, _, err = s.tx.Images().ImageText(ctx, t.ID); err != nil {
		return err
	}
	if t.Reports > 1 {
		if more.Repeats, err = s.tx.Repeats().RepeatsOf(ctx, t.ID, 6); err != nil {
			return err
		}
	}
	var cards []text.CardRelay
	for _, c := range relayed {
		cards = append(cards, text.CardRelay{Unit: s.svc.unitOf(c.ChatID), Link: digest.MessageLink(c.MessageRef), Sent: c.MessageID != 0})
	}
	card := tip.OutboxMessage{
		TipID: t.ID, Purpose: tip.PurposeNotice, Target: tip.Target{ChatID: m.Chat.ID, ThreadID: m.ThreadID}, Kind: tip.SendText,
		Text:    s.set.Texts.ReportCard(t, s.svc.regionName(t.Triage.Region), history, cards, talk, more, s.set.Location),
		ReplyTo: m.ID, DedupeKey: fmt.Sprintf("card:%d", upd.ID),
	}
	switch {
	case owner:
		card.Buttons = s.svc.keyboard(t)
	case !m.Chat.IsPrivate():
		card.Buttons = s.svc.statusKeyboard(t)
	}
	if err := s.tx.Outbox().Enqueue(ctx, card); err != nil {
		return fmt.Errorf("queue card of tip %d: %w", t.ID, err)
	}
	s.dirty = true
	return nil
}

// relayChat is a police chat a tip was relayed to and its first message
// there (MessageID 0 while none was sent).
type relayChat struct {
	tip.MessageRef
}

// relayChats returns the police chats rows relayed their tip to, in the
// order of the first row to each.
func relayChats(rows []tip.OutboxMessage) []relayChat {
	var out []relayChat
	index := map[int64]int{}
	for _, r := range rows {
		if r.Purpose != tip.PurposeRelay || r.EditOf != 0 {
			continue
		}
		i, seen := index[r.Target.ChatID]
		if !seen {
			i = len(out)
			index[r.Target.ChatID] = i
			out = append(out, relayChat{tip.MessageRef{ChatID: r.Target.ChatID, ThreadID: r.Target.ThreadID}})
		}
		if out[i].MessageID == 0 && r.Status == tip.OutboxSent && len(r.SentMessageIDs) > 0 {
			out[i].MessageID = r.SentMessageIDs[0]
		}
	}
	return out
}
