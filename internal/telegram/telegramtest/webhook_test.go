package telegramtest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/go-telegram/bot"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

// hookServer is a webhook receiver that answers with the codes of script
// in turn (200 once the script is used up) and records what it got.
type hookServer struct {
	*httptest.Server
	mu     sync.Mutex
	script []int
	got    []hookRequest
}

type hookRequest struct {
	path, secret string
	updateID     int64
	status       int
}

func newHookServer(t *testing.T, script ...int) *hookServer {
	t.Helper()
	h := &hookServer{script: script}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var u struct {
			UpdateID int64 `json:"update_id"`
		}
		_ = json.Unmarshal(body, &u)
		h.mu.Lock()
		code := http.StatusOK
		if len(h.script) > 0 {
			code, h.script = h.script[0], h.script[1:]
		}
		h.got = append(h.got, hookRequest{r.URL.Path, r.Header.Get("X-Telegram-Bot-Api-Secret-Token"), u.UpdateID, code})
		h.mu.Unlock()
		w.WriteHeader(code)
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hookServer) requests() []hookRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]hookRequest(nil), h.got...)
}

func TestSetWebhookRules(t *testing.T) {
	tests := []struct {
		name    string
		params  bot.SetWebhookParams
		wantErr string // "" for accepted
	}{
		{"https", bot.SetWebhookParams{URL: "https://bot.example.go.id/hook"}, ""},
		{"https on 8443 with a secret", bot.SetWebhookParams{URL: "https://bot.example.go.id:8443/hook", SecretToken: "Ab_9-" + strings.Repeat("x", 251)}, ""},
		{"http on loopback (emulator only)", bot.SetWebhookParams{URL: "http://127.0.0.1:34567/hook"}, ""},
		{"http on localhost (emulator only)", bot.SetWebhookParams{URL: "http://localhost:34567/hook"}, ""},
		{"http elsewhere", bot.SetWebhookParams{URL: "http://bot.example.go.id/hook"}, "An HTTPS URL must be provided for webhook"},
		{"https on another port", bot.SetWebhookParams{URL: "https://bot.example.go.id:8080/hook"}, "Webhook can be set up only on ports 80, 88, 443 or 8443"},
		{"secret with a colon", bot.SetWebhookParams{URL: "https://bot.example.go.id/hook", SecretToken: "123:abc"}, "secret token contains unallowed characters"},
		{"secret too long", bot.SetWebhookParams{URL: "https://bot.example.go.id/hook", SecretToken: strings.Repeat("x", 257)}, "secret token contains unallowed characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := MustServer(t)
			p := tt.params
			_, err := MustBot(t, srv).SetWebhook(ctxT(t), &p)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("got %v, want accepted", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("got %v, want %q", err, tt.wantErr)
			}
			wantURL := tt.params.URL
			if tt.wantErr != "" {
				wantURL = ""
			}
			if got := srv.Webhook().URL; got != wantURL {
				t.Errorf("webhook URL = %q, want %q", got, wantURL)
			}
		})
	}
}

// Queued updates are posted one per request, in order, with the secret;
// a refused one is posted again and the failure shows in
// getWebhookInfo; getUpdates is refused meanwhile.
func TestWebhookDelivery(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	ctx := ctxT(t)
	hooks := newHookServer(t, http.StatusInternalServerError)
	_, err := b.SetWebhook(ctx, &bot.SetWebhookParams{URL: hooks.URL + "/tg/hook", SecretToken: "rahasia_Webhook-1", AllowedUpdates: []string{"message"}})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var pendingAfter []int // pending count seen by the observer after each 2xx
	srv.OnWebhookDelivery(func(d telegramtest.WebhookDelivery) {
		if d.OK() {
			mu.Lock()
			pendingAfter = append(pendingAfter, srv.PendingUpdates())
			mu.Unlock()
		}
	})
	var ids []int64
	for _, text := range []string{"satu", "dua", "tiga"} {
		srv.UserSends(alice, telegramtest.Text(text))
		ids = append(ids, srv.LastUpdateID())
	}
	MustWait(t, srv, "three updates accepted", func() bool { return srv.PendingUpdates() == 0 })

	reqs := hooks.requests()
	want := []hookRequest{
		{"/tg/hook", "rahasia_Webhook-1", ids[0], 500},
		{"/tg/hook", "rahasia_Webhook-1", ids[0], 200},
		{"/tg/hook", "rahasia_Webhook-1", ids[1], 200},
		{"/tg/hook", "rahasia_Webhook-1", ids[2], 200},
	}
	if len(reqs) != len(want) {
		t.Fatalf("got requests %+v, want %+v", reqs, want)
	}
	for i := range want {
		if reqs[i] != want[i] {
			t.Errorf("request %d = %+v, want %+v", i, reqs[i], want[i])
		}
	}
	if got := len(srv.WebhookDeliveries()); got != 4 {
		t.Errorf("got %d recorded deliveries, want 4", got)
	}
	mu.Lock()
	if len(pendingAfter) != 3 || pendingAfter[0] != 2 || pendingAfter[2] != 0 {
		t.Errorf("pending updates seen after each 2xx = %v, want [2 1 0]: an accepted update is forgotten first", pendingAfter)
	}
	mu.Unlock()
	info, err := b.GetWebhookInfo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.LastErrorMessage != "Wrong response from the webhook: 500 Internal Server Error" || info.LastErrorDate == 0 || info.PendingUpdateCount != 0 {
		t.Errorf("getWebhookInfo = %+v, want the 500 as last error and nothing pending", info)
	}
	if status, _, env := poll(t, srv, ""); status != http.StatusConflict {
		t.Errorf("getUpdates: got %d %q, want 409 while the webhook is set", status, env.Description)
	}
}

// deleteWebhook keeps or drops the updates the webhook did not accept,
// as asked; kept ones come by getUpdates then.
func TestDeleteWebhookPendingUpdates(t *testing.T) {
	tests := []struct {
		name string
		drop bool
		want int
	}{
		{"kept", false, 2},
		{"dropped", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := MustServer(t)
			b := MustBot(t, srv)
			ctx := ctxT(t)
			hooks := newHookServer(t, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503, 503)
			if _, err := b.SetWebhook(ctx, &bot.SetWebhookParams{URL: hooks.URL + "/hook"}); err != nil {
				t.Fatal(err)
			}
			srv.UserSends(alice, telegramtest.Text("satu"))
			srv.UserSends(alice, telegramtest.Text("dua"))
			MustWait(t, srv, "a refused delivery", func() bool { return srv.Webhook().LastErrorMessage != "" })
			if got := srv.Webhook().LastErrorMessage; got != "Wrong response from the webhook: 503 Service Unavailable" {
				t.Errorf("last error = %q", got)
			}
			if _, err := b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{DropPendingUpdates: tt.drop}); err != nil {
				t.Fatal(err)
			}
			status, ids, _ := poll(t, srv, "")
			if status != http.StatusOK || len(ids) != tt.want {
				t.Errorf("getUpdates after deleteWebhook: got %d %v, want 200 and %d updates", status, ids, tt.want)
			}
		})
	}
}

// An https webhook is reached through ProxyWebhook, the stand-in for the
// TLS-terminating proxy; without a route it is unreachable and its
// updates wait.
func TestProxyWebhook(t *testing.T) {
	srv := MustServer(t)
	hooks := newHookServer(t)
	srv.SetWebhook("https://bot.example.go.id/telegram/hook?x=1")
	srv.UserSends(alice, telegramtest.Text("lewat proxy"))
	id := srv.LastUpdateID()
	MustWait(t, srv, "a failed delivery", func() bool { return srv.Webhook().LastErrorMessage != "" })
	if got, want := srv.Webhook().LastErrorMessage, "Failed to resolve host: Name or service not known"; got != want {
		t.Errorf("last error = %q, want %q", got, want)
	}
	if got := srv.PendingUpdates(); got != 1 {
		t.Errorf("got %d pending, want the update kept", got)
	}
	srv.ProxyWebhook("https://bot.example.go.id:443", hooks.URL)
	MustWait(t, srv, "the update accepted", func() bool { return srv.PendingUpdates() == 0 })
	if got := hooks.requests(); len(got) != 1 || got[0].path != "/telegram/hook" || got[0].updateID != id || got[0].secret != "" {
		t.Errorf("got %+v, want update %d posted to /telegram/hook without a secret", got, id)
	}
}
