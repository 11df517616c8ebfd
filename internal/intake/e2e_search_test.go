package intake_test

import (
	"fmt"
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

// TestSearchPagesEndToEnd: through the emulator, /cari of 12 matching
// tips answers with the 10 newest, each linked to its message in the
// Polda chat, and «Lebih banyak ›»; a press edits that same message to
// page 2 (no new message in the chat) and is answered; in a Polres chat
// a member pages through the tips relayed there, and someone not a
// member of it is refused and changes nothing.
func TestSearchPagesEndToEnd(t *testing.T) {
	e, _, _ := policeWorld(t) // #1: "Hoaks surat suara tercoblos #badung"
	for i := 2; i <= 12; i++ {
		e.srv.UserSends(staff, telegramtest.Text(fmt.Sprintf("Surat suara rusak di TPS %d #badung", i)))
	}
	polda := e.waitMessages(t, group.ID, 12)
	e.waitMessages(t, polresBadung.ID, 12)
	e.srv.SetMember(polresBadung.ID, officer, telegramtest.StatusMember)
	e.srv.AddUser(outsider)

	asked := e.srv.UserSends(staff, telegramtest.Text("/cari surat suara"))
	results := e.waitReply(t, staff.ID, asked.MessageID)
	if !strings.Contains(results.Text, "12 laporan · halaman 1 dari 2") || !strings.Contains(results.Text, "#12 ·") || strings.Contains(results.Text, "#2 ·") {
		t.Errorf("page 1: got %q, want the 10 newest of 12", results.Text)
	}
	for _, m := range polda {
		if strings.Contains(m.Text, "#12") && !linksTo(results, "https://t.me/c/"+itoa(-1_000_000_000_000-group.ID)+"/"+itoa(e.thread)+"/"+itoa(m.MessageID)) {
			t.Errorf("page 1 %+v does not link #12 to its message %d in the Polda chat", results.Entities, m.MessageID)
		}
	}
	more, ok := results.Button("Lebih banyak")
	if !ok {
		t.Fatalf("page 1 has no «Lebih banyak» button: %+v", results.InlineKeyboard())
	}
	sent := len(e.srv.BotMessages(staff.ID))
	cb := e.srv.ClickButton(staff, results, more.CallbackData)
	page2 := e.waitEdit(t, results, "halaman 2 dari 2")
	if !strings.Contains(page2.Text, "#2 ·") || !strings.Contains(page2.Text, "#1 ·") || strings.Contains(page2.Text, "#3 ·") {
		t.Errorf("page 2: got %q, want #2 and #1 only", page2.Text)
	}
	if _, ok := page2.Button("Lebih banyak"); ok {
		t.Errorf("the last page has «Lebih banyak»: %+v", page2.InlineKeyboard())
	}
	if _, ok := page2.Button("Sebelumnya"); !ok {
		t.Errorf("page 2 has no «Sebelumnya»: %+v", page2.InlineKeyboard())
	}
	// The answer is a row of its own: it may come after the edit.
	if err := e.srv.WaitTimeout(10*time.Second, func() bool { _, ok := e.srv.Answer(cb.ID); return ok }); err != nil {
		t.Fatalf("press not answered: %v", err)
	}
	if a, ok := e.srv.Answer(cb.ID); !ok || !strings.Contains(a.Text, "Halaman 2 dari 2") {
		t.Errorf("press answered %+v (%v), want «Halaman 2 dari 2»", a, ok)
	}
	if n := len(e.srv.BotMessages(staff.ID)); n != sent {
		t.Errorf("the staff chat holds %d bot messages after the press, want %d: a page edits the results", n, sent)
	}

	// In the Polres chat: a member pages, a non-member is refused.
	asked = e.srv.ChatSends(polresBadung.ID, officer, telegramtest.Text("/cari surat"))
	results = e.waitReply(t, polresBadung.ID, asked.MessageID)
	if !strings.Contains(results.Text, "12 laporan di grup ini · halaman 1 dari 2") {
		t.Fatalf("Polres page 1: got %q", results.Text)
	}
	more, _ = results.Button("Lebih banyak")
	e.srv.SetMember(polresBadung.ID, officer2, telegramtest.StatusLeft)
	cb = e.srv.ClickButton(officer2, results, more.CallbackData)
	if err := e.srv.WaitTimeout(10*time.Second, func() bool { _, ok := e.srv.Answer(cb.ID); return ok }); err != nil {
		t.Fatalf("refused press not answered: %v", err)
	}
	if a, _ := e.srv.Answer(cb.ID); !strings.Contains(a.Text, "hanya untuk") {
		t.Errorf("non-member's press answered %q, want a refusal", a.Text)
	}
	cb = e.srv.ClickButton(officer, results, more.CallbackData)
	page2 = e.waitEdit(t, results, "halaman 2 dari 2")
	if !strings.Contains(page2.Text, "#1 ·") {
		t.Errorf("Polres page 2: got %q, want #1", page2.Text)
	}
	if m, _ := e.srv.Message(polresBadung.ID, results.MessageID); m.EditDate == 0 {
		t.Errorf("the Polres results were not edited")
	}
}

// waitReply waits for the bot's reply to message asked in chat.
func (e *env) waitReply(t *testing.T, chat, asked int64) telegramtest.Message {
	t.Helper()
	var answer telegramtest.Message
	if err := e.srv.WaitTimeout(10*time.Second, func() bool {
		for _, m := range e.srv.BotMessages(chat) {
			if m.ReplyToMessage != nil && m.ReplyToMessage.MessageID == asked {
				answer = m
				return true
			}
		}
		return false
	}); err != nil {
		t.Fatalf("no answer to message %d in chat %d: %v", asked, chat, err)
	}
	return answer
}

// waitEdit waits until message m reads want, and returns it as it is.
func (e *env) waitEdit(t *testing.T, m telegramtest.Message, want string) telegramtest.Message {
	t.Helper()
	var now telegramtest.Message
	if err := e.srv.WaitTimeout(10*time.Second, func() bool {
		now, _ = e.srv.Message(m.Chat.ID, m.MessageID)
		return strings.Contains(now.Text, want)
	}); err != nil {
		t.Fatalf("message %d in chat %d still reads %q, want %q: %v", m.MessageID, m.Chat.ID, now.Text, want, err)
	}
	return now
}
