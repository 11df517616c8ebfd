package telegram_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// sendFixture is an emulator with a police group, a staff member's
// private chat holding a text, a photo and an album, and a Sender.
type sendFixture struct {
	srv    *telegramtest.Server
	sender *telegram.Sender
	group  telegramtest.Chat
	text   telegramtest.Message   // staff's text, in the private chat
	photo  telegramtest.Message   // staff's photo with a caption
	album  []telegramtest.Message // staff's album of two
}

// MustSendFixture starts the emulator and a client for one test.
func MustSendFixture(tb testing.TB) *sendFixture {
	tb.Helper()
	srv := telegramtest.NewServer(token)
	tb.Cleanup(srv.Close)
	client, err := telegram.NewClient(telegram.ClientConfig{Token: token, APIURL: srv.URL(), Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		tb.Fatal(err)
	}
	f := &sendFixture{srv: srv, sender: client.Sender()}
	f.group = srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "Polda Bali"})
	f.text = srv.UserSends(staff, telegramtest.Text("hoaks di https://contoh.id"))
	f.photo = srv.UserSends(staff, telegramtest.Photo("tangkapan layar dari grup"))
	f.album = srv.SendAlbum(staff, []telegramtest.Message{telegramtest.Photo("satu"), telegramtest.Photo("dua")})
	return f
}

// MustSend sends m and fails the test on error.
func (f *sendFixture) MustSend(tb testing.TB, m tip.OutboxMessage) []int64 {
	tb.Helper()
	ids, err := f.sender.Send(ctxTest(tb), m)
	if err != nil {
		tb.Fatalf("send %s: %v", m.Kind, err)
	}
	return ids
}

// message returns the message id of chat, failing when it is gone.
func (f *sendFixture) message(tb testing.TB, chatID, id int64) telegramtest.Message {
	tb.Helper()
	m, ok := f.srv.Message(chatID, id)
	if !ok {
		tb.Fatalf("no message %d in chat %d", id, chatID)
	}
	return m
}

func ctxTest(tb testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	tb.Cleanup(cancel)
	return ctx
}

var statusButtons = [][]tip.Button{
	{{Text: "👁 Dipantau", Data: "s:7:dipantau"}, {Text: "✅ Selesai", Data: "s:7:selesai"}},
	{{Text: "Bukan ancaman", Data: "s:7:bukan_ancaman"}},
}

// keyboardData flattens the callback data of m's inline keyboard.
func keyboardData(m telegramtest.Message) string {
	var out []string
	for _, row := range m.InlineKeyboard() {
		var r []string
		for _, b := range row {
			r = append(r, b.CallbackData)
		}
		out = append(out, strings.Join(r, ","))
	}
	return strings.Join(out, "|")
}

// pngPixel is a 2x2 PNG image.
var pngPixel = func() []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 2, 2)))
	return b.Bytes()
}()

const statusData = "s:7:dipantau,s:7:selesai|s:7:bukan_ancaman"

func TestSenderSends(t *testing.T) {
	f := MustSendFixture(t)
	to := tip.Target{ChatID: f.group.ID}
	tests := []struct {
		name  string
		m     tip.OutboxMessage
		check func(t *testing.T, sent []telegramtest.Message)
	}{
		{"text with buttons, silent", tip.OutboxMessage{Kind: tip.SendText, Target: to, Text: "<b>#7</b> Hoaks", Buttons: statusButtons, Silent: true},
			func(t *testing.T, sent []telegramtest.Message) {
				m := sent[0]
				if m.Text != "#7 Hoaks" || keyboardData(m) != statusData || !m.DisableNotification {
					t.Errorf("got %q keyboard %q silent %v, want the header, the status buttons, silent", m.Text, keyboardData(m), m.DisableNotification)
				}
			}},
		{"text without buttons notifies", tip.OutboxMessage{Kind: tip.SendText, Target: to, Text: "ringkasan"},
			func(t *testing.T, sent []telegramtest.Message) {
				if m := sent[0]; m.ReplyMarkup != nil || m.DisableNotification {
					t.Errorf("got markup %s silent %v, want neither", m.ReplyMarkup, m.DisableNotification)
				}
			}},
		{"one photo copied with the header as its caption", tip.OutboxMessage{Kind: tip.CopyMessages, Target: to,
			FromChatID: staff.ID, MessageIDs: []int64{f.photo.MessageID},
			Text: "<b>#7</b> Hoaks · Badung\n\ntangkapan layar dari grup", Buttons: statusButtons},
			func(t *testing.T, sent []telegramtest.Message) {
				m := sent[0]
				if len(m.Photo) == 0 || m.Caption != "#7 Hoaks · Badung\n\ntangkapan layar dari grup" ||
					len(m.CaptionEntities) != 1 || m.CaptionEntities[0].Type != "bold" || keyboardData(m) != statusData {
					t.Errorf("got photo %v caption %q %+v keyboard %q, want the photo with the header and the buttons",
						len(m.Photo) > 0, m.Caption, m.CaptionEntities, keyboardData(m))
				}
				if m.DisableNotification {
					t.Error("got a silent copy, want a notifying one")
				}
			}},
		{"one photo copied without a text keeps its caption", tip.OutboxMessage{Kind: tip.CopyMessages, Target: to,
			FromChatID: staff.ID, MessageIDs: []int64{f.photo.MessageID}, Silent: true},
			func(t *testing.T, sent []telegramtest.Message) {
				if m := sent[0]; m.Caption != "tangkapan layar dari grup" || m.ReplyMarkup != nil || !m.DisableNotification {
					t.Errorf("got caption %q markup %s silent %v, want the original caption, silent", m.Caption, m.ReplyMarkup, m.DisableNotification)
				}
			}},
		{"an album keeps its captions", tip.OutboxMessage{Kind: tip.CopyMessages, Target: to, FromChatID: staff.ID,
			MessageIDs: []int64{f.album[0].MessageID, f.album[1].MessageID}, Text: "ignored", Buttons: statusButtons, Silent: true},
			func(t *testing.T, sent []telegramtest.Message) {
				if len(sent) != 2 || sent[0].Caption != "satu" || sent[1].Caption != "dua" || sent[0].MediaGroupID == "" {
					t.Fatalf("got %+v, want the album as it was", sent)
				}
				for _, m := range sent {
					if !m.DisableNotification || m.ReplyMarkup != nil {
						t.Errorf("got silent %v markup %s, want silent without keyboard", m.DisableNotification, m.ReplyMarkup)
					}
				}
			}},
		{"forward, silent", tip.OutboxMessage{Kind: tip.ForwardMessages, Target: to, FromChatID: staff.ID,
			MessageIDs: []int64{f.text.MessageID}, Silent: true},
			func(t *testing.T, sent []telegramtest.Message) {
				if m := sent[0]; m.ForwardOrigin == nil || !m.DisableNotification {
					t.Errorf("got origin %v silent %v, want a silent forward", m.ForwardOrigin, m.DisableNotification)
				}
			}},
		{"forwards, silent", tip.OutboxMessage{Kind: tip.ForwardMessages, Target: to, FromChatID: staff.ID,
			MessageIDs: []int64{f.album[0].MessageID, f.album[1].MessageID}, Silent: true},
			func(t *testing.T, sent []telegramtest.Message) {
				if len(sent) != 2 || !sent[0].DisableNotification || !sent[1].DisableNotification {
					t.Errorf("got %d messages, want two silent forwards", len(sent))
				}
			}},
		{"document upload, silent", tip.OutboxMessage{Kind: tip.SendDocument, Target: to, Text: "<b>rekap</b>",
			File: &tip.File{Name: "rekap.csv", Data: []byte("a,b\n")}, Silent: true},
			func(t *testing.T, sent []telegramtest.Message) {
				if m := sent[0]; m.Document == nil || m.Caption != "rekap" || !m.DisableNotification {
					t.Errorf("got %+v, want a silent document", m)
				}
			}},
		{"photo upload, silent", tip.OutboxMessage{Kind: tip.SendPhoto, Target: to,
			File: &tip.File{Name: "grafik.png", Data: pngPixel}, Silent: true},
			func(t *testing.T, sent []telegramtest.Message) {
				if m := sent[0]; len(m.Photo) == 0 || !m.DisableNotification {
					t.Errorf("got %+v, want a silent photo", m)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids := f.MustSend(t, tt.m)
			var sent []telegramtest.Message
			for _, id := range ids {
				sent = append(sent, f.message(t, f.group.ID, id))
			}
			if len(sent) == 0 {
				t.Fatal("got no message ids")
			}
			tt.check(t, sent)
		})
	}
}
