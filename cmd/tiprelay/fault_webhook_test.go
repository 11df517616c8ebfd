package main

import (
	"bytes"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// TestWebhookCrashAfterAcknowledgement runs the binary in webhook mode
// behind the emulator's stand-in for the TLS proxy. The bot is SIGKILLed
// the moment Telegram gets the 200 for a tip, so Telegram has forgotten
// the update. Restarted, the bot finds it in its database: the tip is
// relayed and acknowledged exactly once. The same update posted again
// (as Telegram does when a 200 is lost) changes nothing, and getUpdates
// is never called.
func TestWebhookCrashAfterAcknowledgement(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the built binary")
	}
	const (
		public  = "https://tiprelay.test"
		hook    = public + "/telegram/webhook"
		secret  = "rahasia_Webhook-0123456789abcdef"
		tipText = "Tip lewat webhook sebelum SIGKILL"
	)
	bin := faultBinary(t, "")
	w := newFaultWorld(t, 1)
	listen := freeAddr(t)
	w.srv.ProxyWebhook(public, "http://"+listen)
	p, dbPath := w.newBot(t, bin, "TIPRELAY_WEBHOOK_URL="+hook, "TIPRELAY_WEBHOOK_LISTEN="+listen,
		"TIPRELAY_WEBHOOK_SECRET="+secret)
	// No send can reach Telegram before the kill, so whatever the group
	// gets comes after the restart.
	sends := []string{"sendMessage", "copyMessage", "copyMessages", "forwardMessage", "forwardMessages"}
	w.srv.Outage(time.Hour, http.StatusBadGateway, sends...)

	p.start()
	if err := w.srv.WaitTimeout(30*time.Second, func() bool { return w.srv.Webhook().URL == hook }); err != nil {
		t.Fatalf("the bot did not set its webhook: %v", err)
	}
	pid := p.cmd.Process.Pid
	var once sync.Once
	var accepted telegramtest.WebhookDelivery
	w.srv.OnWebhookDelivery(func(d telegramtest.WebhookDelivery) {
		if d.OK() {
			once.Do(func() {
				_ = syscall.Kill(pid, syscall.SIGKILL)
				accepted = d
			})
		}
	})
	w.srv.UserSends(w.staff[0], telegramtest.Text(tipText))
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		t.Fatal("the bot was not killed: the tip was never acknowledged with a 2xx")
	}
	p.kills++
	w.srv.OnWebhookDelivery(nil)
	if got := w.srv.PendingUpdates(); got != 0 {
		t.Fatalf("Telegram still holds %d updates; the kill came after the 200, so it should hold none", got)
	}
	db := openSQL(t, dbPath)
	var stored int
	var raw []byte
	if err := db.QueryRow(`SELECT count(*), max(raw) FROM updates WHERE update_id = ?`, accepted.UpdateID).Scan(&stored, &raw); err != nil {
		t.Fatal(err)
	}
	if stored != 1 {
		t.Fatalf("update %d acknowledged with a 200 but not in the database: it was lost", accepted.UpdateID)
	}

	w.srv.ClearFaults()
	p.start()
	relayed := func() int {
		n := 0
		for _, m := range w.srv.BotMessages(w.group.ID) {
			if strings.Contains(m.Text, tipText) {
				n++
			}
		}
		return n
	}
	if err := w.srv.WaitTimeout(30*time.Second, func() bool { return relayed() > 0 }); err != nil {
		t.Fatalf("the tip acknowledged before the crash was never relayed: %v", err)
	}
	// Telegram delivers the same update again, as when a 200 is lost.
	req, err := http.NewRequest(http.MethodPost, "http://"+listen+"/telegram/webhook", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("the redelivered update got %d, want 200", resp.StatusCode)
	}
	w.stopWhenQuiet(t, p, db)

	if got := relayed(); got != 1 {
		t.Errorf("the tip reached the group %d times, want once", got)
	}
	acks := 0
	for _, m := range w.srv.BotMessages(w.staff[0].ID) {
		if strings.Contains(m.Text, "#1") {
			acks++
		}
		if strings.Contains(m.Text, "#2") {
			t.Errorf("a second tip was acknowledged: %q", m.Text)
		}
	}
	if acks != 1 {
		t.Errorf("the reporter got %d acknowledgements of #1, want 1", acks)
	}
	if n := len(w.srv.CallsTo("getUpdates")); n != 0 {
		t.Errorf("getUpdates was called %d times in webhook mode", n)
	}
	for i, c := range w.srv.CallsTo("setWebhook") {
		if c.Params["url"] != hook || c.Params["secret_token"] != secret || !strings.Contains(c.Params["allowed_updates"], `"callback_query"`) {
			t.Errorf("setWebhook %d: %v", i+1, c.Params)
		}
	}
	if strings.Contains(p.log.String(), secret) {
		t.Error("the bot's log shows the webhook secret")
	}
}

// freeAddr returns a loopback address nothing listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
