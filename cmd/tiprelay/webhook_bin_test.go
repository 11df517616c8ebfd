package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// TestLeftoverWebhookIsRemoved: the token still has the webhook of an
// earlier deployment, and a staff member sends a tip while it is set. At
// start the bot removes the webhook without dropping the waiting update,
// logs what it removed, relays the tip and tells the admin, once: a second
// start that meets the same webhook again removes it again but does not
// repeat the alert.
func TestLeftoverWebhookIsRemoved(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built binary")
	}
	const hook = "https://bot.kominfo.example/telegram/webhook"
	bin := faultBinary(t, "")
	w := newFaultWorld(t, 1)
	admin := telegramtest.User{ID: 5_200_000_001, FirstName: "Admin", Username: "admin_kominfo"}
	w.srv.AddUser(admin)
	w.srv.SetWebhook(hook)
	w.srv.UserSends(w.staff[0], telegramtest.Text("Tip dikirim saat webhook lama masih aktif"))
	p, dbPath := w.newBot(t, bin, "TIPRELAY_ADMIN_IDS="+fmt.Sprint(admin.ID))

	alerts := func() int {
		n := 0
		for _, m := range w.srv.BotMessages(admin.ID) {
			if strings.Contains(m.Text, "Webhook dihapus") && strings.Contains(m.Text, hook) {
				n++
			}
		}
		return n
	}
	relayed := func(n int) func() bool {
		return func() bool {
			c := 0
			for _, m := range w.srv.BotMessages(w.group.ID) {
				if strings.Contains(m.Text, "webhook lama masih aktif") {
					c++
				}
			}
			return c >= n
		}
	}
	for start := 1; start <= 2; start++ {
		p.start()
		if err := w.srv.WaitTimeout(30*time.Second, relayed(start)); err != nil {
			t.Fatalf("start %d: the tip sent while the webhook was set was not relayed: %v", start, err)
		}
		if err := waitLog(p, "removed a webhook left on the bot token", 10*time.Second); err != nil {
			t.Fatal(err)
		}
		db := openSQL(t, dbPath)
		w.stopWhenQuiet(t, p, db)
		db.Close()
		if got := alerts(); got != 1 {
			t.Errorf("start %d: the admin got %d webhook alerts, want 1", start, got)
		}
		if w.srv.Webhook().URL != "" {
			t.Errorf("start %d: the webhook is still set", start)
		}
		// The earlier deployment comes back with another tip waiting.
		w.srv.SetWebhook(hook)
		w.srv.UserSends(w.staff[0], telegramtest.Text("Tip kedua saat webhook lama masih aktif"))
	}
	for _, c := range w.srv.CallsTo("deleteWebhook") {
		if v := c.Params["drop_pending_updates"]; v == "true" || v == "True" || v == "1" {
			t.Errorf("deleteWebhook dropped the pending updates: %v", c.Params)
		}
	}
}
