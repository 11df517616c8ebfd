package intake_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

var officer2 = telegramtest.User{ID: 7000000003, FirstName: "Ketut"}

// withUnits names the police units of the test chats.
func withUnits() botOption {
	return func(s *intake.Settings, _ *relay.Options) {
		s.Units = map[int64]string{group.ID: "Polda Bali", polresBadung.ID: "Polres Badung", polresGianyar.ID: "Polres Gianyar"}
	}
}

// policeWorld starts the bot with the Bali regions and a tip #1 routed to
// Badung, and returns its message in the Polda chat and in the Badung
// chat.
func policeWorld(t *testing.T) (*env, telegramtest.Message, telegramtest.Message) {
	t.Helper()
	e := startBot(t, withBali(), withUnits())
	e.srv.AddChat(polresBadung)
	e.srv.AddChat(polresGianyar)
	e.srv.UserSends(staff, telegramtest.Text("Hoaks surat suara tercoblos #badung"))
	return e, e.waitMessages(t, group.ID, 1)[0], e.waitMessages(t, polresBadung.ID, 1)[0]
}

// TestStatusPressEndToEnd: every relayed message carries the status
// buttons; a member's press is answered, edits the tip's messages in both
// chats and reaches the reporter within a second; whoever else presses is
// refused and nothing changes.
func TestStatusPressEndToEnd(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(e *env)
		accept bool
		answer string
	}{
		{"member", func(e *env) { e.srv.SetMember(polresBadung.ID, officer, telegramtest.StatusMember) }, true, "Ditindaklanjuti"},
		{"administrator", func(e *env) { e.srv.SetMember(polresBadung.ID, officer, telegramtest.StatusAdministrator) }, true, "Ditindaklanjuti"},
		{"creator", func(e *env) { e.srv.SetMember(polresBadung.ID, officer, telegramtest.StatusCreator) }, true, "Ditindaklanjuti"},
		{"restricted, still a member", func(e *env) { e.srv.SetRestricted(polresBadung.ID, officer, true) }, true, "Ditindaklanjuti"},
		{"restricted, not a member", func(e *env) { e.srv.SetRestricted(polresBadung.ID, officer, false) }, false, "Hanya anggota"},
		{"left the chat", func(e *env) { e.srv.SetMember(polresBadung.ID, officer, telegramtest.StatusLeft) }, false, "Hanya anggota"},
		{"member of another police chat only", func(e *env) { e.srv.SetMember(group.ID, officer, telegramtest.StatusMember) }, false, "Hanya anggota"},
		{"getChatMember fails", func(e *env) {
			e.srv.SetMember(polresBadung.ID, officer, telegramtest.StatusMember)
			e.srv.FailNext("getChatMember", 1, telegramtest.Fault{Code: 500, Description: "Internal Server Error"})
		}, false, "belum dapat diperiksa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, polda, badung := policeWorld(t)
			for _, m := range []telegramtest.Message{polda, badung} {
				for _, want := range []string{"Dipantau", "Ditindaklanjuti", "Selesai", "Bukan ancaman"} {
					if _, ok := m.Button(want); !ok {
						t.Fatalf("chat %d: keyboard %+v has no %q button", m.Chat.ID, m.InlineKeyboard(), want)
					}
				}
			}
			tt.setup(e)
			b, _ := badung.Button("Ditindaklanjuti")
			pressed := time.Now()
			cb := e.srv.ClickButton(officer, badung, b.CallbackData)
			if err := e.srv.WaitTimeout(10*time.Second, func() bool { _, ok := e.srv.Answer(cb.ID); return ok }); err != nil {
				t.Fatalf("press not answered: %v", err)
			}
			if a, _ := e.srv.Answer(cb.ID); !strings.Contains(a.Text, tt.answer) {
				t.Errorf("got answer %q, want %q", a.Text, tt.answer)
			}
			if !tt.accept {
				e.srv.UserSends(staff, telegramtest.Text("tip kedua, setelah tombol ditolak"))
				e.waitMessages(t, group.ID, 2) // the press was processed before it
				for _, m := range []telegramtest.Message{polda, badung} {
					if now, _ := e.srv.Message(m.Chat.ID, m.MessageID); strings.Contains(now.Text, "Polres Badung ·") {
						t.Errorf("chat %d: message edited after a refused press: %q", m.Chat.ID, now.Text)
					}
				}
				for _, m := range e.srv.BotMessages(staff.ID) {
					if strings.Contains(m.Text, "📣") {
						t.Errorf("the reporter was told %q after a refused press", m.Text)
					}
				}
				return
			}
			var notice telegramtest.Message
			if err := e.srv.WaitTimeout(10*time.Second, func() bool {
				for _, m := range e.srv.BotMessages(staff.ID) {
					if strings.Contains(m.Text, "📣") {
						notice = m
						return true
					}
				}
				return false
			}); err != nil {
				t.Fatalf("the reporter was not told the status: %v", err)
			}
			if d := time.Since(pressed); d > time.Second {
				t.Errorf("the reporter was told after %v, want within a second", d)
			}
			if !strings.Contains(notice.Text, "#1") || !strings.Contains(notice.Text, "Ditindaklanjuti") || !strings.Contains(notice.Text, "Polres Badung") {
				t.Errorf("got notice %q, want tip #1, the status and the unit", notice.Text)
			}
			if strings.Contains(notice.Text, "Andi") {
				t.Errorf("notice %q names the officer; TIPRELAY_SHOW_OFFICER is off", notice.Text)
			}
			for _, m := range []telegramtest.Message{polda, badung} {
				if err := e.srv.WaitTimeout(10*time.Second, func() bool {
					now, _ := e.srv.Message(m.Chat.ID, m.MessageID)
					b, _ := now.Button("● 🔎")
					return strings.Contains(now.Text, "🔎 Ditindaklanjuti · Polres Badung ·") && b.CallbackData != ""
				}); err != nil {
					now, _ := e.srv.Message(m.Chat.ID, m.MessageID)
					t.Errorf("chat %d: message %q not edited to show the status: %v", m.Chat.ID, now.Text, err)
				}
			}
		})
	}
}

// TestStatusPressStaleAndForged: a status button naming another tip than
// its message, or a status that does not exist, changes nothing.
func TestStatusPressStaleAndForged(t *testing.T) {
	e, _, badung := policeWorld(t)
	e.srv.SetMember(polresBadung.ID, officer, telegramtest.StatusMember)
	e.srv.UserSends(staff, telegramtest.Text("tip kedua #gianyar"))
	e.waitMessages(t, group.ID, 2)
	for _, data := range []string{"s2:selesai", "s1:ditangkap", "s1:SELESAI", "s:selesai", "s99999:selesai"} {
		cb := e.srv.ClickButton(officer, badung, data)
		if err := e.srv.WaitTimeout(10*time.Second, func() bool { _, ok := e.srv.Answer(cb.ID); return ok }); err != nil {
			t.Fatalf("%q: not answered: %v", data, err)
		}
		if a, _ := e.srv.Answer(cb.ID); !strings.Contains(a.Text, "tidak berlaku") {
			t.Errorf("%q: got answer %q, want the stale-button notice", data, a.Text)
		}
	}
	if now, _ := e.srv.Message(badung.Chat.ID, badung.MessageID); !strings.Contains(now.Text, "Belum ada status") {
		t.Errorf("message changed by forged presses: %q", now.Text)
	}
}

// TestQuestionsAndAnswersEndToEnd: a member's reply to a relayed tip
// reaches the reporter in private, naming the tip and the unit; the
// reporter's reply comes back as a reply to the tip's message. A reply to
// an unrelated message, or by someone not in the chat, goes nowhere.
func TestQuestionsAndAnswersEndToEnd(t *testing.T) {
	e, _, badung := policeWorld(t)
	e.srv.SetMember(polresBadung.ID, officer, telegramtest.StatusMember)
	acks := len(e.waitMessages(t, staff.ID, 1))

	// Unrelated chatter and a stranger's reply reach nobody, even for a
	// bot that sees every message (an administrator of the group).
	e.srv.SetPrivacy(false)
	chatter := e.srv.ChatSends(polresBadung.ID, officer2, telegramtest.Text("rapat jam 3"))
	e.srv.ChatSends(polresBadung.ID, officer, telegramtest.Message{Text: "siap", ReplyToMessage: &telegramtest.Message{MessageID: chatter.MessageID}})
	e.srv.SetMember(polresBadung.ID, outsider, telegramtest.StatusLeft)
	e.srv.ChatSends(polresBadung.ID, outsider, telegramtest.Message{Text: "saya bukan anggota", ReplyToMessage: &telegramtest.Message{MessageID: badung.MessageID}})
	e.srv.SetMember(polresBadung.ID, outsider, telegramtest.StatusLeft) // posting made them a member

	e.srv.ChatSends(polresBadung.ID, officer, telegramtest.Message{Text: "Lokasi tepatnya di TPS mana?", ReplyToMessage: &telegramtest.Message{MessageID: badung.MessageID}})
	got := e.waitMessages(t, staff.ID, acks+1)
	q := got[len(got)-1]
	for _, want := range []string{"Pertanyaan", "Polres Badung", "#1", "Lokasi tepatnya di TPS mana?"} {
		if !strings.Contains(q.Text, want) {
			t.Errorf("question %q lacks %q", q.Text, want)
		}
	}
	for _, m := range got {
		if strings.Contains(m.Text, "bukan anggota") || strings.Contains(m.Text, "siap") {
			t.Errorf("the reporter got %q, from a stranger or unrelated chatter", m.Text)
		}
	}

	// A photo question comes as one message: the copy, captioned.
	e.srv.ChatSends(polresBadung.ID, officer, telegramtest.Message{Photo: telegramtest.Photo("yang ini?").Photo, Caption: "yang ini?",
		ReplyToMessage: &telegramtest.Message{MessageID: badung.MessageID}})
	got = e.waitMessages(t, staff.ID, acks+2)
	if p := got[len(got)-1]; len(p.Photo) == 0 || !strings.Contains(p.Caption, "Pertanyaan") || !strings.Contains(p.Caption, "yang ini?") {
		t.Errorf("got %+v, want the photo with the question header as caption", p)
	}

	before := len(e.srv.BotMessages(polresBadung.ID))
	e.srv.UserSends(staff, telegramtest.Message{Text: "TPS 17 Kuta, dekat pasar", ReplyToMessage: &telegramtest.Message{MessageID: q.MessageID}})
	answers := e.waitMessages(t, polresBadung.ID, before+1)
	a := answers[len(answers)-1]
	if !strings.Contains(a.Text, "Jawaban pelapor") || !strings.Contains(a.Text, "TPS 17 Kuta") || !strings.Contains(a.Text, "#1") {
		t.Errorf("got answer %q in the Badung chat", a.Text)
	}
	if a.ReplyToMessage == nil || a.ReplyToMessage.MessageID != badung.MessageID {
		t.Errorf("answer replies to %+v, want the tip's message %d", a.ReplyToMessage, badung.MessageID)
	}

	// A photo answer comes back as one message too: the copy, captioned,
	// replying to the tip's message.
	e.srv.UserSends(staff, telegramtest.Message{Photo: telegramtest.Photo("foto TPS").Photo, Caption: "foto TPS",
		ReplyToMessage: &telegramtest.Message{MessageID: q.MessageID}})
	answers = e.waitMessages(t, polresBadung.ID, before+2)
	p := answers[len(answers)-1]
	if len(p.Photo) == 0 || !strings.Contains(p.Caption, "Jawaban pelapor") || !strings.Contains(p.Caption, "foto TPS") {
		t.Errorf("got %+v, want the reporter's photo captioned as the answer", p)
	}
	if p.ReplyToMessage == nil || p.ReplyToMessage.MessageID != badung.MessageID {
		t.Errorf("photo answer replies to %+v, want the tip's message %d", p.ReplyToMessage, badung.MessageID)
	}
	if n := len(e.srv.BotMessages(group.ID)); n != 1 {
		t.Errorf("an answer became a tip: %d Polda messages, want 1", n)
	}
}

// TestReportCardEndToEnd: /laporan N shows the tip's status history, its
// relays with links and its conversation to the reporter, to members of
// the chats it went to (with the status buttons in such a chat), and
// refuses anyone else.
func TestReportCardEndToEnd(t *testing.T) {
	e, _, badung := policeWorld(t)
	e.srv.SetMember(polresBadung.ID, officer, telegramtest.StatusMember)
	e.srv.SetMember(polresGianyar.ID, officer2, telegramtest.StatusMember)
	e.srv.AddUser(outsider)
	b, _ := badung.Button("Dipantau")
	cb := e.srv.ClickButton(officer, badung, b.CallbackData)
	e.srv.ChatSends(polresBadung.ID, officer, telegramtest.Message{Text: "Ada foto lain?", ReplyToMessage: &telegramtest.Message{MessageID: badung.MessageID}})
	if err := e.srv.WaitTimeout(10*time.Second, func() bool {
		_, answered := e.srv.Answer(cb.ID)
		return answered && len(e.srv.BotMessages(staff.ID)) >= 3 // ack, notice, question
	}); err != nil {
		t.Fatalf("press and question not through: %v", err)
	}
	link := "https://t.me/c/3000000001/" + itoa(badung.MessageID)
	command := telegramtest.Text("/laporan 1")
	tests := []struct {
		name    string
		send    func() telegramtest.Message
		chat    int64
		want    []string
		buttons string // a button the card must carry; "" for none
	}{
		{"reporter", func() telegramtest.Message { return e.srv.UserSends(staff, command) }, staff.ID,
			[]string{"Laporan #1", "Riwayat status", "👁 Dipantau (Bripka Andi)", "Polres Badung: pesan", "Ada foto lain?"}, "Badung"},
		{"member in the chat", func() telegramtest.Message { return e.srv.ChatSends(polresBadung.ID, officer, command) }, polresBadung.ID,
			[]string{"Laporan #1", "Riwayat status", "Ada foto lain?"}, "Selesai"},
		{"member in private", func() telegramtest.Message { return e.srv.UserSends(officer, command) }, officer.ID,
			[]string{"Laporan #1", "Dikirim ke"}, ""},
		{"member of a chat it did not go to", func() telegramtest.Message { return e.srv.ChatSends(polresGianyar.ID, officer2, command) }, polresGianyar.ID,
			[]string{"tidak berhak"}, ""},
		{"stranger", func() telegramtest.Message { return e.srv.UserSends(outsider, command) }, outsider.ID,
			[]string{"tidak berhak"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked := tt.send()
			var card telegramtest.Message
			if err := e.srv.WaitTimeout(10*time.Second, func() bool {
				for _, m := range e.srv.BotMessages(tt.chat) {
					if m.ReplyToMessage != nil && m.ReplyToMessage.MessageID == asked.MessageID {
						card = m
						return true
					}
				}
				return false
			}); err != nil {
				t.Fatalf("no answer to /laporan in chat %d: %v", tt.chat, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(card.Text, w) {
					t.Errorf("card %q lacks %q", card.Text, w)
				}
			}
			if strings.Contains(card.Text, "Dikirim ke") && !linksTo(card, link) {
				t.Errorf("card %q does not link the Badung message %s", card.Text, link)
			}
			_, has := card.Button(tt.buttons)
			switch {
			case tt.buttons == "" && len(card.InlineKeyboard()) > 0:
				t.Errorf("card has buttons %+v, want none", card.InlineKeyboard())
			case tt.buttons != "" && !has:
				t.Errorf("card buttons %+v, want a %q button", card.InlineKeyboard(), tt.buttons)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// linksTo reports whether m's text has a link to url.
func linksTo(m telegramtest.Message, url string) bool {
	for _, e := range m.Entities {
		if e.URL == url {
			return true
		}
	}
	return false
}

// TestShowOfficer: with TIPRELAY_SHOW_OFFICER on, the reporter reads the
// officer's name beside the unit, in status notices and questions.
func TestShowOfficer(t *testing.T) {
	e := startBot(t, withBali(), withUnits(), func(s *intake.Settings, _ *relay.Options) { s.ShowOfficer = true })
	e.srv.AddChat(polresBadung)
	e.srv.SetMember(polresBadung.ID, officer, telegramtest.StatusMember)
	e.srv.UserSends(staff, telegramtest.Text("Hoaks #badung"))
	badung := e.waitMessages(t, polresBadung.ID, 1)[0]
	b, _ := badung.Button("Selesai")
	e.srv.ClickButton(officer, badung, b.CallbackData)
	e.srv.ChatSends(polresBadung.ID, officer, telegramtest.Message{Text: "Sumbernya?", ReplyToMessage: &telegramtest.Message{MessageID: badung.MessageID}})
	got := e.waitMessages(t, staff.ID, 3) // ack, notice, question
	for _, m := range got[1:] {
		if !strings.Contains(m.Text, "Bripka Andi (Polres Badung)") {
			t.Errorf("got %q, want the officer named beside the unit", m.Text)
		}
	}
}
