package intake

import "github.com/tiprelay/tiprelay/internal/tip"

// composeTip builds the messages a new tip owes: a header and the staff's
// own message(s) to the police group, and the acknowledgement to the staff
// member. It runs inside the tip's transaction.
func (s *txn) composeTip(t tip.Tip) []tip.OutboxMessage {
	content := tip.OutboxMessage{
		TipID: t.ID, Purpose: tip.PurposeRelay, Target: s.set.Relay,
		Kind: tip.CopyMessages, FromChatID: t.ChatID, MessageIDs: t.MessageIDs,
	}
	if forwardable(t.Origin) {
		// Forwarding keeps Telegram's own "Forwarded from" line, which
		// links the original post for the police.
		content.Kind = tip.ForwardMessages
	}
	header := tip.OutboxMessage{
		TipID: t.ID, Purpose: tip.PurposeRelay, Target: s.set.Relay,
		Kind: tip.SendText, Text: s.set.Texts.Header(t, s.set.Location),
	}
	if compact := s.set.Texts.Compact(t, s.set.Location); compact != "" {
		// A text-only tip may be merged into a summary when the group's
		// queue is long: the compact block carries all of it, so the copy
		// is covered by the block.
		header.Coalesce, header.Compact = true, compact
		content.Coalesce = true
	}
	return []tip.OutboxMessage{
		header,
		content,
		{
			TipID: t.ID, Purpose: tip.PurposeAck, Target: tip.Target{ChatID: t.ChatID},
			Kind: tip.SendText, Text: s.set.Texts.Ack(t.ID), ReplyTo: firstMessage(t),
		},
	}
}

// composeEdit tells the police group that the reporter changed a tip. When
// the edit replaced the media of message messageID, a copy of that message
// follows the notice: copying takes the message as it is now, so the
// police see the new photo or video, not only a note that it changed.
func (s *txn) composeEdit(messageID int64) tip.EditCompose {
	return func(t tip.Tip, mediaReplaced bool) []tip.OutboxMessage {
		out := []tip.OutboxMessage{{
			TipID: t.ID, Purpose: tip.PurposeRelay, Target: s.set.Relay,
			Kind: tip.SendText, Text: s.set.Texts.EditNotice(t, mediaReplaced),
		}}
		if mediaReplaced {
			out = append(out, tip.OutboxMessage{
				TipID: t.ID, Purpose: tip.PurposeRelay, Target: s.set.Relay,
				Kind: tip.CopyMessages, FromChatID: t.ChatID, MessageIDs: []int64{messageID},
			})
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
