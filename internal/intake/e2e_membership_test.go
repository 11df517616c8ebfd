package intake_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// The bot's own membership: Telegram sends a my_chat_member update the
// moment a group removes the bot or takes it back, and the bot acts on it
// at once instead of waiting for the relay's next retry. startBot retries
// a refusing chat after an hour, so anything delivered within the waits
// below was not the relay's retry.

// adminTexts returns how many of the admin's messages contain s.
func adminTexts(srv *telegramtest.Server, s string) int {
	n := 0
	for _, m := range srv.BotMessages(admin.ID) {
		if strings.Contains(m.Text, s) {
			n++
		}
	}
	return n
}

// waitAdmin waits until the admin has n messages containing s.
func (e *env) waitAdmin(t *testing.T, s string, n int) {
	t.Helper()
	if err := e.srv.WaitTimeout(10*time.Second, func() bool { return adminTexts(e.srv, s) >= n }); err != nil {
		t.Fatalf("admin got %d messages with %q, want %d: %v", adminTexts(e.srv, s), s, n, err)
	}
}

// waitRefused waits until the first relay row of tip n was refused and
// its retry recorded, which happens after the emulator answered.
func (e *env) waitRefused(t *testing.T, n int64) {
	t.Helper()
	err := eventually(10*time.Second, func() bool {
		rows, err := sqlite.NewOutboxStore(e.db).ByTip(context.Background(), n)
		return err == nil && len(rows) > 0 && rows[0].Attempts > 0
	})
	if err != nil {
		t.Fatalf("tip #%d was never refused: %v", n, err)
	}
}

// sendsTo returns how many requests tried to put a message into chat.
func sendsTo(srv *telegramtest.Server, chat int64) int {
	n := 0
	for _, c := range srv.Calls() {
		m := c.Method
		if (strings.HasPrefix(m, "send") || strings.HasPrefix(m, "copy") || strings.HasPrefix(m, "forward")) &&
			c.Params["chat_id"] == strconv.FormatInt(chat, 10) {
			n++
		}
	}
	return n
}

// audited returns the actions of the audit log, oldest first.
func (e *env) audited(t *testing.T) []string {
	t.Helper()
	entries, err := sqlite.NewAuditLog(e.db).AuditEntries(context.Background(), 50)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range slices.Backward(entries) {
		out = append(out, a.Action)
	}
	return out
}

func TestGroupTakingTheBotBackGetsItsBacklogAtOnce(t *testing.T) {
	e := startBot(t, withAdmin(admin))
	e.srv.AddUser(admin)
	e.srv.KickBot(group.ID)
	e.waitAdmin(t, "menolak pesan bot", 1)

	e.srv.UserSends(staff, telegramtest.Text("hoaks satu"))
	e.srv.UserSends(staff, telegramtest.Text("hoaks dua"))
	e.waitRefused(t, 1) // the tips pile up
	if n := len(e.srv.BotMessages(group.ID)); n != 0 {
		t.Fatalf("got %d group messages while kicked, want 0", n)
	}

	// The group takes the bot back: no /relay_retry, and the relay's
	// own retry is an hour away.
	e.srv.AddBotBack(group.ID, officer)
	got := e.waitMessages(t, group.ID, 2)
	if !strings.Contains(got[0].Text, "Laporan #1") || !strings.Contains(got[1].Text, "Laporan #2") {
		t.Errorf("got %q then %q, want tips #1 and #2 in order, one message each", got[0].Text, got[1].Text)
	}
	e.waitAdmin(t, "kembali menerima", 1)
	if n := adminTexts(e.srv, "menolak pesan bot"); n != 1 {
		t.Errorf("got %d failing alerts, want exactly one", n)
	}
	if failing, err := sqlite.NewOutboxStore(e.db).FailingTargets(context.Background()); err != nil || len(failing) != 0 {
		t.Errorf("got failing %+v (%v) after the backlog went, want none", failing, err)
	}
	if got, want := e.audited(t), []string{"bot_removed", "bot_added_back"}; !slices.Equal(got, want) {
		t.Errorf("got audit %v, want %v", got, want)
	}
}

func TestKickMarksTheGroupFailingAtOnce(t *testing.T) {
	e := startBot(t, withAdmin(admin))
	e.srv.AddUser(admin)
	e.srv.SetMember(group.ID, officer, telegramtest.StatusCreator)
	e.srv.KickBot(group.ID)
	e.waitAdmin(t, "menolak pesan bot", 1)
	alert := e.srv.BotMessages(admin.ID)[0].Text
	if !strings.Contains(alert, strconv.FormatInt(group.ID, 10)) || !strings.Contains(alert, "dikeluarkan dari chat oleh Bripka Andi") {
		t.Errorf("got alert %q, want the group and who removed the bot", alert)
	}
	failing, err := sqlite.NewOutboxStore(e.db).FailingTargets(context.Background())
	if err != nil || len(failing) != 1 || failing[0].ChatID != group.ID {
		t.Errorf("got failing %+v (%v), want the group", failing, err)
	}
	if n := sendsTo(e.srv, group.ID); n != 0 {
		t.Errorf("got %d sends to the group, want none: the update alone tells", n)
	}

	// Told once: not again when the bot's status changes while it is out,
	// nor when a tip is refused. Each admin answer below is queued after
	// the updates before it were handled, and the admin's messages go in
	// order.
	e.srv.SetBotStatus(group.ID, telegramtest.StatusLeft)
	e.srv.UserSends(staff, telegramtest.Text("hoaks saat bot keluar"))
	e.waitRefused(t, 1)
	e.srv.UserSends(admin, telegramtest.Text("/id"))
	e.waitAdmin(t, strconv.FormatInt(admin.ID, 10), 1)
	if n := adminTexts(e.srv, "menolak pesan bot"); n != 1 {
		t.Errorf("got %d failing alerts, want exactly one", n)
	}
}

func TestDigestInTheMigratedSupergroup(t *testing.T) {
	basic := telegramtest.Chat{ID: -4123456789, Type: "group", Title: "Polres Gowa"}
	e := startBot(t, withAdmin(admin), func(s *intake.Settings, _ *relay.Options) {
		s.Relay = tip.Target{ChatID: basic.ID}
		s.Digest = func(_ context.Context, _ time.Duration, to tip.Target) ([]tip.OutboxMessage, error) {
			return []tip.OutboxMessage{{Purpose: tip.PurposeDigest, Target: to, Kind: tip.SendText, Text: "Ringkasan 24 jam"}}, nil
		}
	})
	e.srv.AddChat(basic)
	e.srv.AddUser(admin)
	super := e.srv.MigrateChat(basic.ID)
	e.srv.ChatSends(super.ID, officer, telegramtest.Text("/digest"))
	got := e.waitMessages(t, super.ID, 1)
	if !strings.Contains(got[0].Text, "Ringkasan 24 jam") {
		t.Errorf("got %q in the supergroup, want the digest", got[0].Text)
	}
}
