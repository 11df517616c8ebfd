package intake

import (
	"fmt"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Telegram's limits on what one message carries, in UTF-16 code units.
const (
	maxMessageText = 4096
	maxCaption     = 1024
)

// composeTip builds the messages a new tip owes: its relay to the Polda
// chat and to its region's chat, and the acknowledgement, with the triage
// buttons, to the reporter. It runs inside the tip's transaction.
func (s *txn) composeTip(t tip.Tip) []tip.OutboxMessage {
	var out []tip.OutboxMessage
	for _, target := range s.relayTargets(t) {
		out = append(out, s.relayRows(t, target)...)
	}
	out = append(out, tip.OutboxMessage{
		TipID: t.ID, Purpose: tip.PurposeAck, Target: tip.Target{ChatID: t.ChatID},
		Kind: tip.SendText, Text: s.set.Texts.AckCard(t, s.svc.regionName(t.Triage.Region)),
		Buttons: s.svc.keyboard(t), ReplyTo: firstMessage(t),
	})
	s.holdForAnalysis(t, out)
	return out
}

// relayTargets returns the police chats tip t goes to: the Polda chat and,
// when its region has a chat of its own, that chat.
func (s *txn) relayTargets(t tip.Tip) []tip.Target {
	targets := []tip.Target{s.set.Relay}
	if r, ok := s.set.Regions[t.Triage.Region]; ok && t.Triage.Region != "" && r != s.set.Relay {
		targets = append(targets, r)
	}
	return targets
}

// relayRows builds the relay of tip t to one police chat: one message
// whenever Telegram allows it. The header is the text of a text tip (the
// staff's text quoted under it) or the caption of a single copied photo,
// video, document, audio, animation or voice note; it goes as a message of
// its own before an album, a video note (which has no caption), a
// forward kept as Telegram's own (TIPRELAY_RELAY_FORWARDS=native), and a
// tip whose text does not fit one message or caption, which is never cut.
// The first row carries the header (see headerRow) and the police status
// buttons. Rows of an urgent tip are urgent, and never merged into a
// summary.
func (s *txn) relayRows(t tip.Tip, target tip.Target) []tip.OutboxMessage {
	header := s.set.Texts.Header(t, s.set.Location, s.svc.regionName(t.Triage.Region))
	urgent := t.Triage.EffectivePriority() == tip.PriorityUrgent
	row := func(kind tip.OutboxKind) tip.OutboxMessage {
		return tip.OutboxMessage{TipID: t.ID, Purpose: tip.PurposeRelay, Target: target, Kind: kind, Urgent: urgent}
	}
	content := row(tip.CopyMessages)
	content.FromChatID, content.MessageIDs = t.ChatID, t.MessageIDs
	if s.set.NativeForwards && forwardable(t.Origin) {
		// Telegram's own "Forwarded from" line links the original post.
		content.Kind = tip.ForwardMessages
		return []tip.OutboxMessage{s.headerOnly(t, header, row(tip.SendText), urgent), content}
	}
	combined := text.WithContent(header, t.Text)
	switch {
	case !t.HasMedia() && botapi.UTF16Len(combined) <= maxMessageText:
		one := row(tip.SendText)
		one.Text, one.Buttons = combined, s.svc.statusKeyboard(t)
		if !urgent {
			one.Coalesce, one.Compact = s.compact(t)
		}
		return []tip.OutboxMessage{one}
	case len(t.MessageIDs) == 1 && captionable(t) && botapi.UTF16Len(combined) <= maxCaption:
		content.Text, content.Buttons = combined, s.svc.statusKeyboard(t)
		return []tip.OutboxMessage{content}
	}
	return []tip.OutboxMessage{s.headerOnly(t, header, row(tip.SendText), urgent), content}
}

// headerOnly makes h the header message sent before a tip's content; it
// carries the police buttons.
func (s *txn) headerOnly(t tip.Tip, header string, h tip.OutboxMessage, urgent bool) tip.OutboxMessage {
	h.Text, h.Buttons = header, s.svc.statusKeyboard(t)
	if !urgent {
		h.Coalesce, h.Compact = s.compact(t)
	}
	return h
}

// compact returns whether a text-only tip may be merged into a summary
// when the group's queue is long, and its block there, which carries all
// of it.
func (s *txn) compact(t tip.Tip) (bool, string) {
	c := s.set.Texts.Compact(t, s.set.Location)
	return c != "", c
}

// captionable reports whether the single message of t can take the header
// as its caption: every kind but the video note, which has none.
func captionable(t tip.Tip) bool {
	return len(t.Attachments) == 1 && t.Attachments[0].Kind != tip.AttachVideoNote
}

// headerRow reports whether relay row m shows tip's header: a text
// message, or a copy whose caption the header replaced. Its edit kind is
// EditText or EditCaption.
func headerRow(m tip.OutboxMessage) (tip.OutboxKind, bool) {
	switch {
	case m.Purpose != tip.PurposeRelay:
		return "", false
	case m.Kind == tip.SendText:
		return tip.EditText, true
	case m.Kind == tip.CopyMessages && len(m.MessageIDs) == 1 && m.Text != "":
		return tip.EditCaption, true
	}
	return "", false
}

// composeEdit tells the police chats the tip went to that the reporter
// changed it. When the edit replaced the media of message messageID, a
// copy of that message follows the notice: copying takes the message as
// it is now, so the police see the new photo or video, not only a note
// that it changed.
func (s *txn) composeEdit(messageID int64) tip.EditCompose {
	return func(t tip.Tip, mediaReplaced bool) []tip.OutboxMessage {
		if t.DuplicateOf != 0 {
			return nil // a repeat was never relayed
		}
		var out []tip.OutboxMessage
		for _, target := range s.relayTargets(t) {
			out = append(out, tip.OutboxMessage{
				TipID: t.ID, Purpose: tip.PurposeRelay, Target: target,
				Kind: tip.SendText, Text: s.set.Texts.EditNotice(t, mediaReplaced),
			})
			if mediaReplaced {
				out = append(out, tip.OutboxMessage{
					TipID: t.ID, Purpose: tip.PurposeRelay, Target: target,
					Kind: tip.CopyMessages, FromChatID: t.ChatID, MessageIDs: []int64{messageID},
				})
			}
		}
		return out
	}
}

// forwardable reports whether forwarding shows something useful: a known
// origin. The staff's own content and hidden users are copied instead, so
// the group does not see "Forwarded from <staff member>".
func forwardable(o *tip.Origin) bool {
	if o == nil {
		return false
	}
	switch o.Kind {
	case tip.OriginUser, tip.OriginChat, tip.OriginChannel:
		return true
	}
	return false
}

func firstMessage(t tip.Tip) int64 {
	if len(t.MessageIDs) == 0 {
		return 0
	}
	return t.MessageIDs[0]
}

// routeKey is the dedupe key of row i of the relay of tip to chat made
// after the tip was first relayed, so that a region set twice relays once.
func routeKey(tipID, chat int64, i int) string {
	return fmt.Sprintf("route:%d:%d:%d", tipID, chat, i)
}
