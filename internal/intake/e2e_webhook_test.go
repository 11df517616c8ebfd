package intake_test

import (
	"context"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/intake"
	"github.com/tiprelay/tiprelay/internal/relay"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

const webhookSecret = "rahasia_Webhook-0123456789"

// hookBot is the whole bot on one database and emulator; its update side
// runs in phases (webhook mode, then polling), as successive starts would.
type hookBot struct {
	srv    *telegramtest.Server
	db     *sqlite.DB
	client *telegram.Client
	svc    *intake.Service
	log    *slog.Logger
}

func newHookBot(t *testing.T, admin telegramtest.User) *hookBot {
	t.Helper()
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	srv.AddChat(group)
	srv.AddUser(admin)
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tiprelay.db"))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	client, err := telegram.NewClient(telegram.ClientConfig{Token: token, APIURL: srv.URL(), PollTimeout: time.Second, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	wita, _ := time.LoadLocation("Asia/Makassar")
	set := intake.Settings{
		Relay: tip.Target{ChatID: group.ID}, StaffIDs: []int64{staff.ID}, AdminIDs: []int64{admin.ID},
		Location: wita, Texts: text.For(text.Indonesian), Members: client,
	}
	var worker *relay.Worker
	svc := intake.NewService(db, set, log, func() { worker.Notify() })
	worker = relay.New(sqlite.NewOutboxStore(db), client.Sender(), log, relay.Options{Texts: set.Texts, Admins: set.AdminIDs, Busy: svc.Busy})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { worker.Run(ctx); close(done) }()
	t.Cleanup(func() {
		cancel()
		<-done
		db.Close()
	})
	return &hookBot{srv: srv, db: db, client: client, svc: svc, log: log}
}

// phase runs the update side with receive until stop is called.
func (b *hookBot) phase(t *testing.T, receive func(ctx context.Context) error) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 2)
	go func() { done <- b.svc.Run(ctx) }()
	go func() { done <- receive(ctx) }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		for range 2 {
			if err := <-done; err != nil {
				t.Errorf("update side: %v", err)
			}
		}
	}
	t.Cleanup(stop)
	return stop
}

// waitText waits until the bot has sent a message holding s to chat.
func (b *hookBot) waitText(t *testing.T, chat int64, s string) {
	t.Helper()
	err := b.srv.WaitTimeout(10*time.Second, func() bool {
		for _, m := range b.srv.BotMessages(chat) {
			if strings.Contains(m.Text, s) {
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("no message with %q in chat %d: %v", s, chat, err)
	}
}

// TestWebhookModeEndToEnd: in webhook mode a tip arrives by Telegram's
// POST and is relayed and acknowledged, and getUpdates is never called.
// Switched back to polling, the bot removes its own webhook without
// alerting the admins, and a tip sent meanwhile arrives by polling.
func TestWebhookModeEndToEnd(t *testing.T) {
	admin := telegramtest.User{ID: 7000000009, FirstName: "Admin"}
	b := newHookBot(t, admin)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hook := "http://" + ln.Addr().String() + "/telegram/webhook"

	// Webhook mode, wired as cmd/tiprelay does.
	stop := b.phase(t, func(ctx context.Context) error {
		if err := b.db.SetOwnWebhook(ctx, hook); err != nil {
			return err
		}
		return b.client.Webhook(ctx, b.svc, telegram.WebhookOptions{URL: hook, Listener: ln, Secret: webhookSecret, Log: b.log})
	})
	b.srv.UserSends(staff, telegramtest.Text("Hoaks banjir di Denpasar lewat webhook"))
	b.waitText(t, group.ID, "Hoaks banjir di Denpasar lewat webhook")
	b.waitText(t, staff.ID, "Laporan #1")
	deliveries := b.srv.WebhookDeliveries()
	if len(deliveries) == 0 || !deliveries[0].OK() || deliveries[0].Secret != webhookSecret {
		t.Errorf("deliveries = %+v, want the tip accepted with the secret", deliveries)
	}
	if n := len(b.srv.CallsTo("getUpdates")); n != 0 {
		t.Errorf("getUpdates was called %d times in webhook mode", n)
	}
	stop()

	// While the bot is down, a tip waits at Telegram.
	b.srv.UserSends(staff, telegramtest.Text("Tip kedua saat bot berhenti"))
	b.phase(t, func(ctx context.Context) error {
		return b.client.Poll(ctx, intake.PollingSink{Service: b.svc, Memory: b.db}, telegram.PollOptions{Log: b.log})
	})
	b.waitText(t, group.ID, "Tip kedua saat bot berhenti")
	if url := b.srv.Webhook().URL; url != "" {
		t.Errorf("the webhook %q is still set in polling mode", url)
	}
	// The removal is recorded before the first getUpdates, so before the
	// second tip: the audit says which kind it was, and whether an alert
	// was queued.
	entries, err := sqlite.NewAuditLog(b.db).AuditEntries(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, ","); got != "webhook_mode_ended" {
		t.Errorf("audit = %s, want webhook_mode_ended only (no leftover alert)", got)
	}
	for _, m := range b.srv.BotMessages(admin.ID) {
		if strings.Contains(m.Text, "Webhook") {
			t.Errorf("the admin was alerted about the bot's own webhook: %q", m.Text)
		}
	}
	if own, err := b.db.OwnWebhook(context.Background()); err != nil || own != "" {
		t.Errorf("own webhook = %q, %v; want it forgotten", own, err)
	}
}
