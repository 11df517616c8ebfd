package intake_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

var staff2 = telegramtest.User{ID: 5123456790, FirstName: "Made", LastName: "Sukerta", Username: "made_kominfo"}

// withDuplicates folds repeats within window and makes staff2 staff too.
func withDuplicates(window time.Duration) botOption {
	return func(s *intake.Settings, _ *relay.Options) {
		s.DuplicateWindow = window
		s.StaffIDs = append(s.StaffIDs, staff2.ID)
	}
}

// waitText waits until a message the bot sent to chat contains want, and
// returns it.
func (e *env) waitText(t *testing.T, chatID int64, want string) telegramtest.Message {
	t.Helper()
	var found telegramtest.Message
	err := e.srv.WaitTimeout(10*time.Second, func() bool {
		for _, m := range e.srv.BotMessages(chatID) {
			if strings.Contains(m.Text+m.Caption, want) {
				found = m
				return true
			}
		}
		return false
	})
	if err != nil {
		var got []string
		for _, m := range e.srv.BotMessages(chatID) {
			got = append(got, m.Text+m.Caption)
		}
		t.Fatalf("chat %d: no bot message contains %q (got %q): %v", chatID, want, got, err)
	}
	return found
}

// waitSent waits until every outbox row of tip n is marked sent.
func (e *env) waitSent(t *testing.T, n int64) {
	t.Helper()
	err := eventually(10*time.Second, func() bool {
		rows, err := sqlite.NewOutboxStore(e.db).ByTip(context.Background(), n)
		for _, r := range rows {
			if r.Status == tip.OutboxPending {
				return false
			}
		}
		return err == nil && len(rows) > 0
	})
	if err != nil {
		t.Fatalf("rows of tip %d not all sent: %v", n, err)
	}
}

// TestRepeatsFoldEndToEnd: the same forwarded post, file or link sent by
// a second staff member is folded: its reporter is told the first tip's
// number and status, the police chat gets no second copy, only an edit
// of the first one's header counting the reports.
func TestRepeatsFoldEndToEnd(t *testing.T) {
	tests := []struct {
		name          string
		first, second telegramtest.Message
		fold          bool
	}{
		{"same forwarded post",
			telegramtest.ForwardedFromChannel(channel, 4821, telegramtest.Text("Provokasi: kumpul di depan KPU!")),
			telegramtest.ForwardedFromChannel(channel, 4821, telegramtest.Text("Provokasi: kumpul di depan KPU!")), true},
		// second is filled in below: the first's photo, forwarded on by
		// the second staff member, keeps its file ids.
		{"same screenshot file", telegramtest.Photo("tangkapan layar"), telegramtest.Message{}, true},
		{"same link without tracking",
			telegramtest.Text("Hoaks: https://www.facebook.com/permalink.php?story_fbid=123456&id=789&fbclid=IwAR0abc"),
			telegramtest.Text("cek https://m.facebook.com/permalink.php?id=789&story_fbid=123456&mibextid=Nif5oz"), true},
		{"same YouTube video, other form",
			telegramtest.Text("https://youtu.be/dQw4w9WgXcQ?si=abcdef"),
			telegramtest.Text("https://www.youtube.com/watch?v=dQw4w9WgXcQ&utm_source=wa"), true},
		{"another post of the channel",
			telegramtest.ForwardedFromChannel(channel, 4821, telegramtest.Text("Provokasi: kumpul di depan KPU!")),
			telegramtest.ForwardedFromChannel(channel, 4822, telegramtest.Text("Provokasi: kumpul di depan KPU!")), false},
		{"another link", telegramtest.Text("https://x.com/akun/status/1"), telegramtest.Text("https://x.com/akun/status/2"), false},
		{"same link, now with a screenshot",
			telegramtest.Text("https://x.com/akun/status/1"), telegramtest.Photo("https://x.com/akun/status/1"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := startBot(t, withDuplicates(168*time.Hour))
			sent := e.srv.UserSends(staff, tt.first)
			first := e.waitMessages(t, group.ID, 1)[0]
			e.waitMessages(t, staff.ID, 1)
			if len(tt.second.Photo) == 0 && tt.second.Text == "" {
				tt.second = telegramtest.Message{Photo: sent.Photo, Caption: "ini juga beredar"}
			}
			e.srv.UserSends(staff2, tt.second)
			if !tt.fold {
				second := e.waitMessages(t, group.ID, 2)[1]
				if !strings.Contains(second.Text+second.Caption, "Laporan #2") {
					t.Errorf("got %q, want tip #2 relayed", second.Text+second.Caption)
				}
				return
			}
			ack := e.waitText(t, staff2.ID, "sama dengan laporan #1")
			for _, want := range []string{"#2", "Belum ada status", "Dilaporkan 2×"} {
				if !strings.Contains(ack.Text, want) {
					t.Errorf("got ack %q, want %q in it", ack.Text, want)
				}
			}
			if _, ok := ack.Button("laporan baru"); !ok {
				t.Errorf("ack %+v has no button to send it as a new report", ack.InlineKeyboard())
			}
			if err := e.srv.WaitTimeout(10*time.Second, func() bool {
				now, _ := e.srv.Message(group.ID, first.MessageID)
				return strings.Contains(now.Text+now.Caption, "Dilaporkan 2×")
			}); err != nil {
				now, _ := e.srv.Message(group.ID, first.MessageID)
				t.Fatalf("header %q not edited to count the reports: %v", now.Text+now.Caption, err)
			}
			// A third tip goes through: the repeat sent nothing else.
			e.srv.UserSends(staff, telegramtest.Text("laporan lain"))
			msgs := e.waitMessages(t, group.ID, 2)
			if len(msgs) != 2 || !strings.Contains(msgs[1].Text, "Laporan #3") {
				t.Errorf("got %d group messages, the second %q; want tip #1 and tip #3 only", len(msgs), msgs[len(msgs)-1].Text)
			}
		})
	}
}

// TestRepeatRepliesAndUnfold: an urgent repeat, and a repeat of a tip the
// police closed, get one short reply to the original's message; the
// repeat's button sends it as a new tip after all.
func TestRepeatRepliesAndUnfold(t *testing.T) {
	post := func() telegramtest.Message {
		return telegramtest.ForwardedFromChannel(channel, 77, telegramtest.Text("Ajakan golput massal"))
	}
	t.Run("urgent repeat", func(t *testing.T) {
		e := startBot(t, withDuplicates(time.Hour))
		e.srv.UserSends(staff, post())
		first := e.waitMessages(t, group.ID, 1)[0]
		e.waitSent(t, 1)
		urgent := post()
		urgent.Caption, urgent.Text = "", "Ajakan golput massal #darurat"
		e.srv.UserSends(staff2, urgent)
		reply := e.waitText(t, group.ID, "DARURAT")
		if reply.ReplyToMessage == nil || reply.ReplyToMessage.MessageID != first.MessageID {
			t.Errorf("got reply %+v, want a reply to the original's message %d", reply.ReplyToMessage, first.MessageID)
		}
		if !strings.Contains(reply.Text, "#1") || !strings.Contains(reply.Text, "#2") {
			t.Errorf("got %q, want both numbers", reply.Text)
		}
	})
	t.Run("repeat after closed", func(t *testing.T) {
		e := startBot(t, withDuplicates(time.Hour), withUnits())
		e.srv.UserSends(staff, post())
		first := e.waitMessages(t, group.ID, 1)[0]
		e.srv.SetMember(group.ID, officer, telegramtest.StatusMember)
		b, _ := first.Button("Selesai")
		cb := e.srv.ClickButton(officer, first, b.CallbackData)
		if err := e.srv.WaitTimeout(10*time.Second, func() bool { _, ok := e.srv.Answer(cb.ID); return ok }); err != nil {
			t.Fatal(err)
		}
		e.srv.UserSends(staff2, post())
		ack := e.waitText(t, staff2.ID, "sama dengan laporan #1")
		if !strings.Contains(ack.Text, "Selesai") {
			t.Errorf("got ack %q, want the original's status", ack.Text)
		}
		// The next status reaches the repeat's reporter too.
		now, _ := e.srv.Message(group.ID, first.MessageID)
		b, _ = now.Button("Ditindaklanjuti")
		e.srv.ClickButton(officer, now, b.CallbackData)
		e.waitText(t, staff2.ID, "📣 Laporan #1")
		reply := e.waitText(t, group.ID, "dilaporkan lagi setelah")
		if reply.ReplyToMessage == nil || reply.ReplyToMessage.MessageID != first.MessageID {
			t.Errorf("got reply %+v, want a reply to message %d", reply.ReplyToMessage, first.MessageID)
		}
	})
	t.Run("plain repeat gets no reply", func(t *testing.T) {
		e := startBot(t, withDuplicates(time.Hour))
		e.srv.UserSends(staff, post())
		e.waitMessages(t, group.ID, 1)
		e.srv.UserSends(staff2, post())
		e.waitText(t, staff2.ID, "sama dengan laporan #1")
		e.srv.UserSends(staff, telegramtest.Text("penanda"))
		msgs := e.waitMessages(t, group.ID, 2)
		if len(msgs) != 2 {
			t.Errorf("got %d group messages, want the tip and the marker only", len(msgs))
		}
	})
	t.Run("unfold", func(t *testing.T) {
		e := startBot(t, withDuplicates(time.Hour), withAdmin(officer2))
		e.srv.UserSends(staff, post())
		first := e.waitMessages(t, group.ID, 1)[0]
		e.srv.UserSends(staff2, post())
		ack := e.waitText(t, staff2.ID, "sama dengan laporan #1")
		b, _ := ack.Button("laporan baru")
		// Somebody else's press is refused.
		cb := e.srv.ClickButton(staff, ack, b.CallbackData)
		if err := e.srv.WaitTimeout(10*time.Second, func() bool { _, ok := e.srv.Answer(cb.ID); return ok }); err != nil {
			t.Fatal(err)
		}
		if a, _ := e.srv.Answer(cb.ID); !strings.Contains(a.Text, "Hanya pelapor") {
			t.Errorf("got answer %q to another staff member's press, want a refusal", a.Text)
		}
		cb = e.srv.ClickButton(staff2, ack, b.CallbackData)
		second := e.waitText(t, group.ID, "Laporan #2")
		if second.MessageID == first.MessageID {
			t.Fatal("tip #2 not relayed on its own")
		}
		if err := e.srv.WaitTimeout(10*time.Second, func() bool { _, ok := e.srv.Answer(cb.ID); return ok }); err != nil {
			t.Fatal(err)
		}
		if a, _ := e.srv.Answer(cb.ID); !strings.Contains(a.Text, "laporan baru") {
			t.Errorf("got answer %q, want it sent as a new report", a.Text)
		}
		if err := e.srv.WaitTimeout(10*time.Second, func() bool {
			now, _ := e.srv.Message(group.ID, first.MessageID)
			card, _ := e.srv.Message(staff2.ID, ack.MessageID)
			_, triage := card.Button("Hoaks")
			return !strings.Contains(now.Text, "Dilaporkan") && strings.HasPrefix(card.Text, "✅ Laporan #2") && triage
		}); err != nil {
			now, _ := e.srv.Message(group.ID, first.MessageID)
			card, _ := e.srv.Message(staff2.ID, ack.MessageID)
			t.Errorf("after the unfold: original %q, card %q: %v", now.Text, card.Text, err)
		}
	})
}

// TestRepeatCards: /laporan of an original lists its repeats; a repeat's
// card names its original and is open to the police who have the
// original, in their chat.
func TestRepeatCards(t *testing.T) {
	e := startBot(t, withDuplicates(time.Hour), withUnits())
	post := telegramtest.ForwardedFromChannel(channel, 9, telegramtest.Text("Video hoaks kotak suara dibakar"))
	e.srv.UserSends(staff, post)
	e.waitMessages(t, group.ID, 1)
	e.srv.UserSends(staff2, post)
	e.waitText(t, staff2.ID, "sama dengan laporan #1")

	e.srv.UserSends(staff, telegramtest.Text("/laporan 1"))
	card := e.waitText(t, staff.ID, "Riwayat status")
	for _, want := range []string{"Dilaporkan 2×", "Laporan ulang (1)", "#2", "Made Sukerta"} {
		if !strings.Contains(card.Text, want) {
			t.Errorf("card of #1 %q lacks %q", card.Text, want)
		}
	}
	e.srv.SetMember(group.ID, officer, telegramtest.StatusMember)
	e.srv.ChatSends(group.ID, officer, telegramtest.Text("/laporan 2"))
	card = e.waitText(t, group.ID, "Ulang dari laporan #1")
	if _, ok := card.Button("Selesai"); ok {
		t.Errorf("a repeat's card carries status buttons %+v; its status is its original's", card.InlineKeyboard())
	}
	e.srv.UserSends(outsider, telegramtest.Text("/laporan 2"))
	e.waitText(t, outsider.ID, "tidak berhak melihat laporan #2")
}

// TestUrgentRepeatOfATipNotYetSent: when the original still waits for its
// send, an urgent repeat makes it urgent and queues the notice after it,
// with nothing to reply to yet.
func TestUrgentRepeatOfATipNotYetSent(t *testing.T) {
	e := startBot(t, withDuplicates(time.Hour))
	// The group refuses every send for now; the test's backoff is an
	// hour, so the original's row stays waiting.
	e.srv.Outage(time.Hour, 502, "sendMessage")
	post := telegramtest.ForwardedFromChannel(channel, 31, telegramtest.Text("Seruan blokade jalan ke KPU"))
	e.srv.UserSends(staff, post)
	if err := eventually(10*time.Second, func() bool {
		_, err := sqlite.NewTipStore(e.db).Get(context.Background(), 1)
		return err == nil
	}); err != nil {
		t.Fatalf("tip 1 not stored: %v", err)
	}
	urgent := post
	urgent.Text = "Seruan blokade jalan ke KPU #darurat"
	e.srv.UserSends(staff2, urgent)
	var notice tip.OutboxMessage
	if err := eventually(10*time.Second, func() bool {
		rows, err := sqlite.NewOutboxStore(e.db).ByTip(context.Background(), 1)
		if err != nil {
			return false
		}
		relayUrgent := false
		for _, r := range rows {
			switch {
			case r.Purpose == tip.PurposeRelay && r.EditOf == 0:
				relayUrgent = r.Urgent && r.Status == tip.OutboxPending
			case r.Purpose == tip.PurposeNotice && strings.Contains(r.Text, "DARURAT"):
				notice = r
			}
		}
		return relayUrgent && notice.ID != 0
	}); err != nil {
		t.Fatalf("the waiting original was not made urgent with the notice queued: %v", err)
	}
	if notice.ReplyTo != 0 || !notice.Urgent || notice.Target.ChatID != group.ID {
		t.Errorf("notice = %+v, want an urgent message to the group replying to nothing", notice)
	}
}

// TestEditOfARepeatStaysPrivate: the reporter's edit of a folded repeat
// sends the police nothing: they never got it.
func TestEditOfARepeatStaysPrivate(t *testing.T) {
	e := startBot(t, withDuplicates(time.Hour))
	post := telegramtest.ForwardedFromChannel(channel, 41, telegramtest.Text("Ajakan golput"))
	e.srv.UserSends(staff, post)
	e.waitMessages(t, group.ID, 1)
	repeat := e.srv.UserSends(staff2, post)
	e.waitText(t, staff2.ID, "sama dengan laporan #1")
	e.srv.EditMessage(staff2.ID, repeat.MessageID, "Ajakan golput, sudah menyebar di tiga grup")
	e.srv.UserSends(staff, telegramtest.Text("penanda"))
	msgs := e.waitMessages(t, group.ID, 2)
	for _, m := range msgs {
		if strings.Contains(m.Text, "#2") {
			t.Errorf("the police chat got %q about the repeat #2", m.Text)
		}
	}
	if len(msgs) != 2 || !strings.Contains(msgs[1].Text, "Laporan #3") {
		t.Errorf("got %d group messages; want #1 and the marker #3 only", len(msgs))
	}
}
