package telegram_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/poll"
	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// hookSink records the updates the webhook hands over. With gate set,
// IngestOne first signals entered and then waits until gate is closed.
type hookSink struct {
	mu      sync.Mutex
	ids     []int64
	entered chan struct{}
	gate    chan struct{}
}

func (s *hookSink) IngestOne(_ context.Context, raw json.RawMessage) error {
	if s.gate != nil {
		s.entered <- struct{}{}
		<-s.gate
	}
	var u struct {
		UpdateID int64 `json:"update_id"`
	}
	if err := json.Unmarshal(raw, &u); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ids = append(s.ids, u.UpdateID)
	return nil
}

func (s *hookSink) stored() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int64(nil), s.ids...)
}

// webhookRun is Client.Webhook running against the emulator.
type webhookRun struct {
	url    string // the webhook URL: plain HTTP on loopback
	addr   string // where the server listens
	cancel context.CancelFunc
	done   chan error
}

// startWebhook runs Client.Webhook with token against srv into sk,
// logging at debug level into log, until the test ends.
func startWebhook(t *testing.T, srv *telegramtest.Server, token string, sk telegram.WebhookSink, log *syncWriter) *webhookRun {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewJSONHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	client, err := telegram.NewClient(telegram.ClientConfig{Token: token, APIURL: srv.URL(), Log: logger})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &webhookRun{url: "http://" + ln.Addr().String() + hookPath, addr: ln.Addr().String(), cancel: cancel, done: make(chan error, 1)}
	go func() {
		r.done <- client.Webhook(ctx, sk, telegram.WebhookOptions{
			URL: r.url, Listener: ln, Secret: hookSecret, ShutdownTimeout: 5 * time.Second, Log: logger,
		})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(10 * time.Second):
			t.Error("Webhook did not return within 10s of cancellation")
		}
	})
	return r
}

// In webhook mode the bot sets its webhook with the secret and the
// poller's allowed_updates, replacing another deployment's, receives the
// updates in order, never calls getUpdates, and never logs the secret.
func TestWebhookModeSetsWebhookAndNeverPolls(t *testing.T) {
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	srv.SetWebhook("https://lain.example/hook")
	sk := &hookSink{}
	log := newLog()
	run := startWebhook(t, srv, token, sk, log)
	// The call is recorded once it is answered, after the webhook is set.
	if err := srv.WaitTimeout(10*time.Second, func() bool { return len(srv.CallsTo("setWebhook")) > 0 }); err != nil {
		t.Fatalf("the webhook was not set: %v", err)
	}
	calls := srv.CallsTo("setWebhook")
	if len(calls) != 1 {
		t.Fatalf("got %d setWebhook calls, want 1", len(calls))
	}
	p := calls[0].Params
	if p["url"] != run.url || p["secret_token"] != hookSecret || p["drop_pending_updates"] != "false" ||
		p["allowed_updates"] != `["message","edited_message","callback_query","my_chat_member"]` {
		t.Errorf("setWebhook params = %v", p)
	}
	srv.UserSends(staff, telegramtest.Text("satu"))
	first := srv.LastUpdateID()
	srv.UserSends(staff, telegramtest.Text("dua"))
	if err := srv.WaitTimeout(10*time.Second, func() bool { return len(sk.stored()) == 2 }); err != nil {
		t.Fatalf("got updates %v, want 2: %v", sk.stored(), err)
	}
	if got := sk.stored(); got[0] != first || got[1] != first+1 {
		t.Errorf("got updates %v, want [%d %d]", got, first, first+1)
	}
	if n := len(srv.CallsTo("getUpdates")); n != 0 {
		t.Errorf("getUpdates was called %d times in webhook mode", n)
	}
	// The emulator records setWebhook before its answer reaches the bot:
	// wait for the bot to have read it, or the cancellation below could
	// interrupt that read.
	// The log is not emulator state, whose changes WaitTimeout waits on:
	// look at it every few milliseconds.
	if !poll.Until(10*time.Second, func() bool { return strings.Contains(log.String(), "webhook set") }) {
		t.Fatalf("the bot never logged its webhook as set:\n%s", log.String())
	}
	run.cancel()
	if err := <-run.done; err != nil {
		t.Errorf("Webhook returned %v, want nil on cancellation", err)
	}
	run.done <- nil // for the cleanup
	logs := log.String()
	if !strings.Contains(logs, "replaced a webhook set for another URL") || !strings.Contains(logs, "https://lain.example/hook") {
		t.Errorf("the log does not name the replaced webhook:\n%s", logs)
	}
	if strings.Contains(logs, hookSecret) {
		t.Errorf("the log shows the webhook secret:\n%s", logs)
	}
	if srv.Webhook().URL != run.url {
		t.Error("the webhook was removed at shutdown; Telegram should keep updates for the next start")
	}
}

// On shutdown the server stops accepting connections at once, and a
// request in flight (its update being committed) still gets its 200.
func TestWebhookShutdownFinishesInFlight(t *testing.T) {
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	sk := &hookSink{entered: make(chan struct{}, 1), gate: make(chan struct{})}
	run := startWebhook(t, srv, token, sk, newLog())
	if err := srv.WaitTimeout(10*time.Second, func() bool { return srv.Webhook().URL == run.url }); err != nil {
		t.Fatalf("the webhook was not set: %v", err)
	}
	answered := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodPost, run.url, strings.NewReader(`{"update_id":77,"message":{}}`))
		req.Header.Set(telegram.SecretHeader, hookSecret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	select {
	case <-sk.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the request never reached the sink")
	}
	run.cancel()
	// New connections are refused while the request is still in flight.
	deadline := time.Now().Add(5 * time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		conn, err := net.DialTimeout("tcp", run.addr, time.Second)
		if err != nil {
			break
		}
		conn.Close()
		if time.Now().After(deadline) {
			t.Fatal("the server still accepts connections 5s after the shutdown began")
		}
		<-tick.C
	}
	select {
	case err := <-run.done:
		t.Fatalf("Webhook returned (%v) before the request in flight finished", err)
	default:
	}
	close(sk.gate)
	if got := <-answered; got != http.StatusOK {
		t.Errorf("the request in flight got %d, want 200", got)
	}
	if err := <-run.done; err != nil {
		t.Errorf("Webhook returned %v, want nil", err)
	}
	run.done <- nil // for the cleanup
	if got := sk.stored(); len(got) != 1 || got[0] != 77 {
		t.Errorf("stored %v, want [77]", got)
	}
}

// A token Telegram rejects ends webhook mode with ErrUnauthorized.
func TestWebhookRejectedToken(t *testing.T) {
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	run := startWebhook(t, srv, "987654321:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr", &hookSink{}, newLog())
	select {
	case err := <-run.done:
		if !errors.Is(err, telegram.ErrUnauthorized) {
			t.Errorf("got %v, want ErrUnauthorized", err)
		}
		run.done <- nil
	case <-time.After(10 * time.Second):
		t.Fatal("Webhook kept going with a rejected token")
	}
}
