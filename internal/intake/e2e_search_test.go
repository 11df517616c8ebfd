package intake_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// TestSearchEndToEnd: /cari through the emulator. Staff find every
// matching tip, newest first, by its text, link or origin; a Polres
// officer in the Polres chat finds only the tips relayed there; someone
// no longer a member of the chat and an outsider in private are refused.
func TestSearchEndToEnd(t *testing.T) {
	e, _, _ := policeWorld(t) // #1: "Hoaks surat suara tercoblos #badung"
	e.srv.UserSends(staff, telegramtest.Text("Hoaks surat suara di Ubud https://fb.com/hoaks.surat?x=1"))
	e.srv.UserSends(staff, telegramtest.ForwardedFromChannel(channel, 4821, telegramtest.Text("Ajakan kumpul di depan KPU")))
	e.waitMessages(t, group.ID, 3)
	e.srv.SetMember(polresBadung.ID, officer, telegramtest.StatusMember)
	e.srv.AddUser(outsider)

	tests := []struct {
		name    string
		send    func() telegramtest.Message
		chat    int64
		want    []string
		notWant []string
	}{
		{"staff by text", func() telegramtest.Message { return e.srv.UserSends(staff, telegramtest.Text("/cari surat suara")) }, staff.ID,
			[]string{"2 laporan", "#2 ·", "#1 ·"}, []string{"#3"}},
		{"staff by link", func() telegramtest.Message { return e.srv.UserSends(staff, telegramtest.Text("/cari fb.com/hoaks")) }, staff.ID,
			[]string{"1 laporan", "#2 ·"}, []string{"#1 ·"}},
		{"staff by origin", func() telegramtest.Message { return e.srv.UserSends(staff, telegramtest.Text("/cari infomakassar")) }, staff.ID,
			[]string{"1 laporan", "#3 ·"}, nil},
		{"member in the Polres chat", func() telegramtest.Message {
			return e.srv.ChatSends(polresBadung.ID, officer, telegramtest.Text("/cari surat"))
		}, polresBadung.ID, []string{"1 laporan di grup ini", "#1 ·"}, []string{"#2"}},
		{"no longer a member of the Polres chat", func() telegramtest.Message {
			// Left the chat after sending: getChatMember says "left".
			e.srv.SetMember(polresBadung.ID, officer2, telegramtest.StatusLeft)
			return e.srv.ChatSends(polresBadung.ID, officer2, telegramtest.Text("/cari surat"))
		}, polresBadung.ID, []string{"hanya untuk petugas"}, []string{"#1"}},
		{"outsider in private", func() telegramtest.Message { return e.srv.UserSends(outsider, telegramtest.Text("/cari surat")) }, outsider.ID,
			[]string{"hanya untuk petugas"}, []string{"#1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked := tt.send()
			var answer telegramtest.Message
			if err := e.srv.WaitTimeout(10*time.Second, func() bool {
				for _, m := range e.srv.BotMessages(tt.chat) {
					if m.ReplyToMessage != nil && m.ReplyToMessage.MessageID == asked.MessageID {
						answer = m
						return true
					}
				}
				return false
			}); err != nil {
				t.Fatalf("no answer to /cari in chat %d: %v", tt.chat, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(answer.Text, w) {
					t.Errorf("answer %q lacks %q", answer.Text, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(answer.Text, w) {
					t.Errorf("answer %q has %q", answer.Text, w)
				}
			}
		})
	}
	// Newest first.
	for _, m := range e.srv.BotMessages(staff.ID) {
		one, two := strings.Index(m.Text, "#1 ·"), strings.Index(m.Text, "#2 ·")
		if one >= 0 && two >= 0 && one < two {
			t.Errorf("answer %q lists #1 before #2", m.Text)
		}
	}
}
