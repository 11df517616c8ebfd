package telegram_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestSenderEdits: edits change the text or caption and the keyboard of
// the message the relay worker names; "not modified" is a success.
func TestSenderEdits(t *testing.T) {
	f := MustSendFixture(t)
	to := tip.Target{ChatID: f.group.ID}
	header := f.MustSend(t, tip.OutboxMessage{Kind: tip.SendText, Target: to, Text: "<b>#7</b> status: baru", Buttons: statusButtons})[0]
	photo := f.MustSend(t, tip.OutboxMessage{Kind: tip.CopyMessages, Target: to, FromChatID: staff.ID,
		MessageIDs: []int64{f.photo.MessageID}, Text: "<b>#8</b> status: baru", Buttons: statusButtons})[0]
	newButtons := [][]tip.Button{{{Text: "✅ Selesai", Data: "s:7:selesai"}}}

	tests := []struct {
		name   string
		m      tip.OutboxMessage
		wantID int64
		check  func(t *testing.T, m telegramtest.Message)
	}{
		{"text and buttons", tip.OutboxMessage{Kind: tip.EditText, Target: to, EditOf: 1, EditMessageID: header,
			Text: "<b>#7</b> status: dipantau https://contoh.id", Buttons: newButtons}, header,
			func(t *testing.T, m telegramtest.Message) {
				if m.Text != "#7 status: dipantau https://contoh.id" || keyboardData(m) != "s:7:selesai" || m.EditDate == 0 {
					t.Errorf("got %q keyboard %q, want the new text and buttons", m.Text, keyboardData(m))
				}
				if c := f.srv.CallsTo("editMessageText"); len(c) == 0 || !strings.Contains(c[len(c)-1].Params["link_preview_options"], `"is_disabled":true`) {
					t.Errorf("got calls %+v, want link previews off", c)
				}
			}},
		{"the same again is not modified, a success", tip.OutboxMessage{Kind: tip.EditText, Target: to, EditOf: 1, EditMessageID: header,
			Text: "<b>#7</b> status: dipantau https://contoh.id", Buttons: newButtons}, header, nil},
		{"no buttons removes the keyboard", tip.OutboxMessage{Kind: tip.EditText, Target: to, EditOf: 1, EditMessageID: header,
			Text: "<b>#7</b> status: dipantau https://contoh.id"}, header,
			func(t *testing.T, m telegramtest.Message) {
				if m.ReplyMarkup != nil {
					t.Errorf("got keyboard %s, want none", m.ReplyMarkup)
				}
			}},
		{"caption and buttons of a copied photo", tip.OutboxMessage{Kind: tip.EditCaption, Target: to, EditOf: 2, EditMessageID: photo,
			Text: "<b>#8</b> status: <i>selesai</i>", Buttons: newButtons}, photo,
			func(t *testing.T, m telegramtest.Message) {
				if len(m.Photo) == 0 || m.Caption != "#8 status: selesai" || len(m.CaptionEntities) != 2 || keyboardData(m) != "s:7:selesai" {
					t.Errorf("got caption %q %+v keyboard %q, want the new caption and buttons on the photo", m.Caption, m.CaptionEntities, keyboardData(m))
				}
			}},
		{"the same caption again is not modified, a success", tip.OutboxMessage{Kind: tip.EditCaption, Target: to, EditOf: 2, EditMessageID: photo,
			Text: "<b>#8</b> status: <i>selesai</i>", Buttons: newButtons}, photo, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids := f.MustSend(t, tt.m)
			if len(ids) != 1 || ids[0] != tt.wantID {
				t.Fatalf("got ids %v, want [%d]", ids, tt.wantID)
			}
			if tt.check != nil {
				tt.check(t, f.message(t, f.group.ID, tt.wantID))
			}
		})
	}
}

// TestSenderRejects: a row Telegram refuses for itself is SendRejected,
// never a failing chat, so the worker drops it and the chat keeps working.
func TestSenderRejects(t *testing.T) {
	f := MustSendFixture(t)
	to := tip.Target{ChatID: f.group.ID}
	text := f.MustSend(t, tip.OutboxMessage{Kind: tip.SendText, Target: to, Text: "#7"})[0]
	forward := f.MustSend(t, tip.OutboxMessage{Kind: tip.ForwardMessages, Target: to, FromChatID: staff.ID, MessageIDs: []int64{f.photo.MessageID}})[0]
	staffMsg := f.srv.ChatSends(f.group.ID, staff, telegramtest.Text("balasan"))

	tests := []struct {
		name string
		m    tip.OutboxMessage
		want string // part of the error
	}{
		{"edit of a message that is gone", tip.OutboxMessage{Kind: tip.EditText, Target: to, EditMessageID: 999, Text: "x"}, "message to edit not found"},
		{"edit of someone else's message", tip.OutboxMessage{Kind: tip.EditText, Target: to, EditMessageID: staffMsg.MessageID, Text: "x"}, "message can't be edited"},
		{"edit of a forward", tip.OutboxMessage{Kind: tip.EditCaption, Target: to, EditMessageID: forward, Text: "x"}, "message can't be edited"},
		{"caption edit of a text", tip.OutboxMessage{Kind: tip.EditCaption, Target: to, EditMessageID: text, Text: "x"}, "there is no caption in the message to edit"},
		{"edit without the message id", tip.OutboxMessage{Kind: tip.EditText, Target: to, EditOf: 3, Text: "x"}, "without the message to edit"},
		{"answer to an unknown press", tip.OutboxMessage{Kind: tip.AnswerCallback, CallbackID: "123", Text: "x"}, "query is too old"},
		{"answer without a press", tip.OutboxMessage{Kind: tip.AnswerCallback, Text: "x"}, "without a callback id"},
		{"caption over 1024", tip.OutboxMessage{Kind: tip.CopyMessages, Target: to, FromChatID: staff.ID,
			MessageIDs: []int64{f.photo.MessageID}, Text: strings.Repeat("a", 1025)}, "message caption is too long"},
		{"callback data over 64 bytes", tip.OutboxMessage{Kind: tip.SendText, Target: to, Text: "x",
			Buttons: [][]tip.Button{{{Text: "Badung", Data: strings.Repeat("b", 65)}}}}, "BUTTON_DATA_INVALID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.sender.Send(ctxTest(t), tt.m)
			var se *tip.SendError
			if !errors.As(err, &se) || se.Kind != tip.SendRejected || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want a rejection containing %q", err, tt.want)
			}
		})
	}
	if n := len(f.srv.BotMessages(f.group.ID)); n != 2 {
		t.Errorf("got %d bot messages in the group, want the 2 sent before", n)
	}
}

// TestSenderAnswersPresses: the press is answered once with the notice; a
// second answer is rejected.
func TestSenderAnswersPresses(t *testing.T) {
	f := MustSendFixture(t)
	ack := f.MustSend(t, tip.OutboxMessage{Kind: tip.SendText, Target: tip.Target{ChatID: staff.ID}, Text: "Laporan #7 diterima",
		Buttons: [][]tip.Button{{{Text: "Badung", Data: "t:7:r:badung"}}}})[0]
	q := f.srv.ClickButton(staff, f.message(t, staff.ID, ack), "t:7:r:badung")
	m := tip.OutboxMessage{Kind: tip.AnswerCallback, CallbackID: q.ID, Text: "Wilayah: Badung"}
	if ids := f.MustSend(t, m); len(ids) != 0 {
		t.Errorf("got ids %v, want none: an answer is no message", ids)
	}
	if a, ok := f.srv.Answer(q.ID); !ok || a.Text != "Wilayah: Badung" {
		t.Errorf("got answer %+v %v, want the notice", a, ok)
	}
	_, err := f.sender.Send(ctxTest(t), m)
	var se *tip.SendError
	if !errors.As(err, &se) || se.Kind != tip.SendRejected {
		t.Errorf("got %v answering twice, want a rejection", err)
	}
}
