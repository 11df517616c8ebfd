package main

import (
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// TestStatusPressThroughTheBinary: the built binary relays a tip to the
// Polda chat and to Badung's chat with the status buttons; an officer of
// Badung presses "Ditindaklanjuti": the press is answered, both messages
// are edited to show the status and the unit, and the reporter is told in
// private. A stranger's press changes nothing. SIGTERM still exits 0.
func TestStatusPressThroughTheBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built binary")
	}
	bin := faultBinary(t, "")
	w := newFaultWorld(t, 1)
	badungChat := w.srv.AddChat(telegramtest.Chat{ID: -1003000000001, Type: telegramtest.ChatSupergroup, Title: "Polres Badung"})
	officer := telegramtest.User{ID: 7_100_000_001, FirstName: "Bripka", LastName: "Made"}
	stranger := telegramtest.User{ID: 7_100_000_002, FirstName: "Orang", LastName: "Lain"}
	w.srv.SetMember(badungChat.ID, officer, telegramtest.StatusMember)
	w.srv.AddUser(stranger)
	p, dbPath := w.newBot(t, bin, "TIPRELAY_REGIONS=badung=-1003000000001", "TIPRELAY_GROUP_RATE=off", "TIPRELAY_CHAT_RATE=off")
	p.start()
	reporter := w.staff[0]
	w.srv.UserSends(reporter, telegramtest.Text("Video provokasi bentrok di Kuta #badung"))

	var polda, badung telegramtest.Message
	if err := w.srv.WaitTimeout(30*time.Second, func() bool {
		a, b := w.srv.BotMessages(w.group.ID), w.srv.BotMessages(badungChat.ID)
		if len(a) == 0 || len(b) == 0 {
			return false
		}
		polda, badung = a[0], b[0]
		return true
	}); err != nil {
		t.Fatalf("the tip was not relayed to both chats: %v", err)
	}
	b, ok := badung.Button("Ditindaklanjuti")
	if !ok {
		t.Fatalf("the Badung message has no status buttons: %+v", badung.InlineKeyboard())
	}
	refused := w.srv.ClickButton(stranger, badung, b.CallbackData)
	cb := w.srv.ClickButton(officer, badung, b.CallbackData)
	if err := w.srv.WaitTimeout(30*time.Second, func() bool {
		_, x := w.srv.Answer(refused.ID)
		_, y := w.srv.Answer(cb.ID)
		return x && y
	}); err != nil {
		t.Fatalf("presses not answered: %v", err)
	}
	if a, _ := w.srv.Answer(refused.ID); !strings.Contains(a.Text, "Hanya anggota") {
		t.Errorf("stranger's press answered %q, want a refusal", a.Text)
	}
	for _, m := range []telegramtest.Message{polda, badung} {
		if err := w.srv.WaitTimeout(30*time.Second, func() bool {
			now, _ := w.srv.Message(m.Chat.ID, m.MessageID)
			return strings.Contains(now.Text, "🔎 Ditindaklanjuti · Polres Badung ·")
		}); err != nil {
			now, _ := w.srv.Message(m.Chat.ID, m.MessageID)
			t.Errorf("chat %d: message %q not edited to show the status: %v", m.Chat.ID, now.Text, err)
		}
	}
	if err := w.srv.WaitTimeout(30*time.Second, func() bool {
		for _, m := range w.srv.BotMessages(reporter.ID) {
			if strings.Contains(m.Text, "#1") && strings.Contains(m.Text, "Ditindaklanjuti") && strings.Contains(m.Text, "Polres Badung") {
				return true
			}
		}
		return false
	}); err != nil {
		t.Errorf("the reporter was not told the status: %v", err)
	}
	db := openSQL(t, dbPath)
	defer db.Close()
	var changes int
	if err := db.QueryRow("SELECT count(*) FROM tip_status WHERE tip_id = 1 AND to_status = 'ditindaklanjuti' AND officer_id = ?", officer.ID).Scan(&changes); err != nil || changes != 1 {
		t.Errorf("status history: %d rows, %v; want one change by the officer", changes, err)
	}
	w.stopWhenQuiet(t, p, db)
}
