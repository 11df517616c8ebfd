package intake_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

var admin = telegramtest.User{ID: 7000000001, FirstName: "Admin", Username: "admin_kominfo"}

// lastText returns the text of the newest bot message in chat, or "".
func lastText(srv *telegramtest.Server, chat int64) string {
	msgs := srv.BotMessages(chat)
	if len(msgs) == 0 {
		return ""
	}
	return msgs[len(msgs)-1].Text
}

func TestKickedGroupKeepsTipsUntilRelayRetry(t *testing.T) {
	e := startBot(t, withAdmin(admin))
	e.srv.AddUser(admin)
	e.srv.UserSends(admin, telegramtest.Text("/start"))
	e.waitMessages(t, admin.ID, 1)
	e.srv.KickBot(group.ID)

	e.srv.UserSends(staff, telegramtest.Text("hoaks satu"))
	e.srv.UserSends(staff, telegramtest.Text("hoaks dua"))
	alerts := e.waitMessages(t, admin.ID, 2)
	if !strings.Contains(alerts[1].Text, "menolak pesan bot") || !strings.Contains(alerts[1].Text, "-1002233445566") {
		for _, m := range alerts {
			t.Logf("admin got: %q (%+v)", m.Text[:min(60, len(m.Text))], m.Source.Params)
		}
		t.Fatalf("got alert %q, want the failing group named", alerts[1].Text[:60])
	}
	e.waitMessages(t, staff.ID, 1) // the staff member is still acknowledged
	// The kick's my_chat_member update told the admins; wait for the
	// relay's refusal, so that it cannot land after the retry below.
	e.waitRefused(t, 1)
	if n := len(e.srv.BotMessages(group.ID)); n != 0 {
		t.Fatalf("got %d group messages while kicked, want 0", n)
	}

	// The bot is added back (its update retries the group by itself, see
	// e2e_membership_test.go); an admin asks to retry as well.
	e.srv.SetBotStatus(group.ID, telegramtest.StatusMember)
	e.srv.UserSends(admin, telegramtest.Text("/relay_retry"))
	got := e.waitMessages(t, group.ID, 2)
	if !strings.Contains(got[0].Text, "Laporan #1") || !strings.Contains(got[1].Text, "Laporan #2") {
		t.Errorf("got %q then %q, want tips #1 and #2 in order", got[0].Text, got[1].Text)
	}
	if err := e.srv.WaitTimeout(10*time.Second, func() bool {
		return adminTexts(e.srv, "kembali menerima") == 1
	}); err != nil {
		t.Errorf("no recovery alert: last admin message %q", lastText(e.srv, admin.ID))
	}
	alertsSeen := 0
	for _, m := range e.srv.BotMessages(admin.ID) {
		if strings.Contains(m.Text, "menolak pesan bot") {
			alertsSeen++
		}
	}
	if alertsSeen != 1 {
		for _, m := range e.srv.BotMessages(admin.ID) {
			t.Logf("admin got: %q", m.Text)
		}
		t.Errorf("got %d failing alerts, want exactly one", alertsSeen)
	}
}

func TestMigratedGroupIsFollowed(t *testing.T) {
	basic := telegramtest.Chat{ID: -4123456789, Type: "group", Title: "Polres Gowa"}
	e := startBot(t, withAdmin(admin), func(s *intake.Settings, _ *relay.Options) {
		s.Relay = tip.Target{ChatID: basic.ID}
	})
	e.srv.AddChat(basic)
	e.srv.AddUser(admin)
	e.srv.UserSends(staff, telegramtest.Text("sebelum migrasi"))
	if got := e.waitMessages(t, basic.ID, 1); !strings.Contains(got[0].Text, "Laporan #1") {
		t.Fatalf("got %q, want tip #1 in the basic group", got[0].Text)
	}
	super := e.srv.MigrateChat(basic.ID)
	e.srv.UserSends(staff, telegramtest.Text("sesudah migrasi"))
	got := e.waitMessages(t, super.ID, 1)
	if !strings.Contains(got[0].Text, "Laporan #2") {
		t.Errorf("got %q, want tip #2 in the new supergroup", got[0].Text)
	}
	alerts := e.waitMessages(t, admin.ID, 1)
	if !strings.Contains(alerts[0].Text, "menjadi supergrup") || !strings.Contains(alerts[0].Text, fmt.Sprint(super.ID)) {
		t.Errorf("got alert %q, want the new supergroup id", alerts[0].Text)
	}
}
