package telegram_test

import (
	"testing"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestSenderReplies: a text and a single copy with ReplyTo are replies to
// that message of the target chat, still sent when it is gone; an album's
// copies are not (copyMessages takes no reply).
func TestSenderReplies(t *testing.T) {
	f := MustSendFixture(t)
	group := tip.Target{ChatID: f.group.ID}
	private := tip.Target{ChatID: staff.ID}
	tipMsg := f.MustSend(t, tip.OutboxMessage{Kind: tip.SendText, Target: group, Text: "<b>#7</b> Hoaks", Buttons: statusButtons})[0]
	officer := telegramtest.User{ID: 6456789012, FirstName: "Aipda", LastName: "Rahmat"}
	question := f.srv.ChatSends(f.group.ID, officer, replyTo(telegramtest.Text("akun aslinya?"), tipMsg))
	// The bot's question in the staff member's private chat.
	asked := f.MustSend(t, tip.OutboxMessage{Kind: tip.SendText, Target: private, Text: "❓ #7: akun aslinya?"})[0]
	answer := f.srv.UserSends(staff, replyTo(telegramtest.Photo("ini akunnya"), asked))

	tests := []struct {
		name      string
		m         tip.OutboxMessage
		chat      int64
		wantReply int64 // 0 for none
	}{
		{"text reply", tip.OutboxMessage{Kind: tip.SendText, Target: group, Text: "⏰ #7 belum ada status", ReplyTo: tipMsg},
			f.group.ID, tipMsg},
		{"text reply to a message that is gone", tip.OutboxMessage{Kind: tip.SendText, Target: group, Text: "⏰ #7", ReplyTo: 9999},
			f.group.ID, 0},
		{"copy of a question to the reporter, no reply", tip.OutboxMessage{Kind: tip.CopyMessages, Target: private,
			FromChatID: f.group.ID, MessageIDs: []int64{question.MessageID}}, staff.ID, 0},
		{"copy of the reporter's answer as a reply to the tip", tip.OutboxMessage{Kind: tip.CopyMessages, Target: group,
			FromChatID: staff.ID, MessageIDs: []int64{answer.MessageID}, ReplyTo: tipMsg}, f.group.ID, tipMsg},
		{"copy with a caption and a reply", tip.OutboxMessage{Kind: tip.CopyMessages, Target: group,
			FromChatID: staff.ID, MessageIDs: []int64{answer.MessageID}, Text: "💬 <b>#7</b> jawaban pelapor", ReplyTo: tipMsg}, f.group.ID, tipMsg},
		{"copy as a reply to a message that is gone", tip.OutboxMessage{Kind: tip.CopyMessages, Target: group,
			FromChatID: staff.ID, MessageIDs: []int64{answer.MessageID}, ReplyTo: 9999}, f.group.ID, 0},
		{"album copies are no replies", tip.OutboxMessage{Kind: tip.CopyMessages, Target: group, FromChatID: staff.ID,
			MessageIDs: []int64{f.album[0].MessageID, f.album[1].MessageID}, ReplyTo: tipMsg}, f.group.ID, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids := f.MustSend(t, tt.m)
			if len(ids) == 0 {
				t.Fatal("got no message ids")
			}
			for _, id := range ids {
				m := f.message(t, tt.chat, id)
				var got int64
				if m.ReplyToMessage != nil {
					got = m.ReplyToMessage.MessageID
				}
				if got != tt.wantReply {
					t.Errorf("message %d: got a reply to %d, want %d (0: none)", id, got, tt.wantReply)
				}
			}
		})
	}
	// The copy with a caption kept the header and the photo.
	last := f.srv.BotMessages(f.group.ID)
	var captioned telegramtest.Message
	for _, m := range last {
		if m.Caption == "💬 #7 jawaban pelapor" {
			captioned = m
		}
	}
	if len(captioned.Photo) == 0 || captioned.ReplyToMessage == nil {
		t.Errorf("got %+v, want the photo with the header as a reply", captioned)
	}
}

// replyTo returns m as a reply to message id of the chat it is sent in.
func replyTo(m telegramtest.Message, id int64) telegramtest.Message {
	m.ReplyToMessage = &telegramtest.Message{MessageID: id}
	return m
}
