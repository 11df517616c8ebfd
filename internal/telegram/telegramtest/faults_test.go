package telegramtest_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"

	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
)

func TestFaults(t *testing.T) {
	tests := []struct {
		name   string
		fault  telegramtest.Fault
		method string
		check  func(t *testing.T, err error)
	}{
		{"too many requests", telegramtest.TooManyRequests(7), "sendMessage", func(t *testing.T, err error) {
			var tm *bot.TooManyRequestsError
			if !errors.As(err, &tm) || tm.RetryAfter != 7 || !strings.Contains(tm.Message, "Too Many Requests: retry after 7") {
				t.Errorf("got %v, want TooManyRequestsError with RetryAfter 7", err)
			}
		}},
		{"migrate", telegramtest.Fault{Code: 400, Description: "Bad Request: group chat was upgraded to a supergroup chat", MigrateTo: -1009876}, "", func(t *testing.T, err error) {
			var me *bot.MigrateError
			if !errors.As(err, &me) || me.MigrateToChatID != -1009876 {
				t.Errorf("got %v, want MigrateError", err)
			}
		}},
		{"bad gateway", telegramtest.BadGateway(), "SENDMESSAGE", func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "502 Bad Gateway") {
				t.Errorf("got %v, want 502 Bad Gateway", err)
			}
		}},
		{"internal error", telegramtest.InternalError(), "", func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "500 Internal Server Error") {
				t.Errorf("got %v, want 500", err)
			}
		}},
		{"dropped connection", telegramtest.Dropped(), "", func(t *testing.T, err error) {
			if err == nil || !strings.Contains(err.Error(), "error do request") {
				t.Errorf("got %v, want a transport error", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := MustServer(t)
			b := MustBot(t, srv)
			srv.AddUser(alice)
			srv.FailNext(tt.method, 1, tt.fault)
			_, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "x"})
			tt.check(t, err)
			if n := len(srv.Messages(alice.ID)); n != 0 {
				t.Errorf("got %d messages stored, want none for a failed call", n)
			}
			if _, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "x"}); err != nil {
				t.Errorf("second call: got %v, want success once the fault is used up", err)
			}
		})
	}
}

func TestFaultAfterEffectAndDelay(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	srv.AddUser(alice)
	srv.FailNext("sendMessage", 1, telegramtest.Fault{Drop: true, AfterEffect: true})
	if _, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "lost answer"}); err == nil {
		t.Fatal("got nil error, want the dropped answer")
	}
	if got := srv.BotMessages(alice.ID); len(got) != 1 || got[0].Text != "lost answer" {
		t.Errorf("got %+v, want the message delivered despite the lost answer", got)
	}

	srv.FailNext("", 1, telegramtest.Fault{Delay: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "slow"}); err == nil {
		t.Error("got nil error, want the context deadline")
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("slow answer took %v, want the request canceled promptly", time.Since(start))
	}
	MustWait(t, srv, "the canceled call to be recorded", func() bool {
		calls := srv.CallsTo("sendMessage")
		return len(calls) == 2 && calls[1].Status == 0
	})
}

func TestFaultFuncAndOutage(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	srv.AddUser(alice)
	srv.SetFaultFunc(func(method string, params map[string]string) *telegramtest.Fault {
		if method == "sendMessage" && strings.Contains(params["text"], "forbidden") {
			return &telegramtest.Fault{Code: 403, Description: "Forbidden: bot was blocked by the user"}
		}
		return nil
	})
	if _, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "forbidden word"}); !errors.Is(err, bot.ErrorForbidden) {
		t.Errorf("got %v, want ErrorForbidden", err)
	}
	if _, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "fine"}); err != nil {
		t.Errorf("got %v, want success", err)
	}
	srv.Outage(time.Hour, http.StatusBadGateway, "sendMessage")
	if _, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "fine"}); err == nil || !strings.Contains(err.Error(), "502") {
		t.Errorf("got %v during the outage, want 502", err)
	}
	if _, err := b.GetMe(ctxT(t)); err != nil {
		t.Errorf("got %v for getMe, want it outside the outage", err)
	}
	srv.ClearFaults()
	if _, err := b.SendMessage(ctxT(t), &bot.SendMessageParams{ChatID: alice.ID, Text: "fine"}); err != nil {
		t.Errorf("got %v after the outage, want success", err)
	}
	srv.Outage(50*time.Millisecond, http.StatusBadGateway)
	MustWait(t, srv, "a call after the outage to succeed", func() bool {
		_, err := b.GetMe(ctxT(t))
		return err == nil
	})
}

func TestRateLimits(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	group := srv.AddChat(telegramtest.Chat{Type: telegramtest.ChatSupergroup, Title: "G"})
	for i := range 5 {
		srv.UserSends(alice, telegramtest.Text(string(rune('a'+i))))
	}
	srv.SetRateLimits(telegramtest.RateLimits{GroupPerWindow: 6, GroupWindow: time.Hour})
	ctx := ctxT(t)
	if _, err := b.CopyMessages(ctx, &bot.CopyMessagesParams{ChatID: group.ID, FromChatID: alice.ID, MessageIDs: []int{1, 2, 3, 4, 5}}); err != nil {
		t.Fatalf("first batch: %v", err)
	}
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: group.ID, Text: "sixth"}); err != nil {
		t.Fatalf("sixth message: %v", err)
	}
	_, err := b.CopyMessage(ctx, &bot.CopyMessageParams{ChatID: group.ID, FromChatID: alice.ID, MessageID: 1})
	var tm *bot.TooManyRequestsError
	if !errors.As(err, &tm) || tm.RetryAfter < 3590 || tm.RetryAfter > 3600 {
		t.Errorf("got %v, want 429 with retry_after about an hour", err)
	}
	if got := srv.RateLimitViolations(); got != 1 {
		t.Errorf("got %d violations, want 1", got)
	}
	if _, err := b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "private is separate"}); err != nil {
		t.Errorf("got %v for a private chat, want success", err)
	}

	srv.SetRateLimits(telegramtest.RateLimits{PrivatePerWindow: 1, PrivateWindow: 100 * time.Millisecond})
	_, _ = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "1"})
	_, err = b.SendMessage(ctx, &bot.SendMessageParams{ChatID: alice.ID, Text: "2"})
	if !errors.As(err, &tm) || tm.RetryAfter != 1 {
		t.Errorf("got %v, want retry_after rounded up to 1 s for a scaled window", err)
	}
}

// TestOutageChangesDuringCalls: faults may change while calls are being
// answered (run with -race).
func TestOutageChangesDuringCalls(t *testing.T) {
	srv := MustServer(t)
	b := MustBot(t, srv)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 50 {
			b.GetMe(ctxT(t)) //nolint:errcheck // some calls fail on purpose
		}
	}()
	for {
		select {
		case <-done:
			return
		default:
		}
		srv.Outage(time.Hour, http.StatusBadGateway)
		srv.ClearFaults()
	}
}
