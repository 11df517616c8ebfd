package telegram_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestAPIStatusRecordsEveryExchange: each kind of outcome of a call
// leaves its mark on the client's APIStatus, and nothing there holds the
// token.
func TestAPIStatusRecordsEveryExchange(t *testing.T) {
	getMe := func(ctx context.Context, c *telegram.Client) { c.Me(ctx) }                 //nolint:errcheck
	send := func(ctx context.Context, c *telegram.Client) { c.Sender().Send(ctx, text) } //nolint:errcheck
	tests := []struct {
		name        string
		fault       *telegramtest.Fault
		outage      bool
		call        func(ctx context.Context, c *telegram.Client)
		cancel      bool
		wantOK      bool // LastOK set, no failure
		wantFailure string
		wantLimited uint64
	}{
		{name: "an answer", call: getMe, wantOK: true},
		{name: "a refusal is an answer", call: func(ctx context.Context, c *telegram.Client) {
			c.Sender().Send(ctx, tip.OutboxMessage{Kind: tip.SendText, Target: tip.Target{ChatID: -100999}, Text: "x"}) //nolint:errcheck
		}, wantOK: true},
		{name: "429 is an answer, counted", fault: &telegramtest.Fault{Code: 429, RetryAfter: 3}, call: send, wantOK: true, wantLimited: 1},
		{name: "an outage", outage: true, call: getMe, wantFailure: "502"},
		{name: "a proxy page", fault: &telegramtest.Fault{Code: 403, Page: true}, call: getMe, wantFailure: "not a Bot API answer"},
		{name: "a dropped connection", fault: &telegramtest.Fault{Drop: true}, call: getMe, wantFailure: "EOF"},
		{name: "another poller (409)", fault: &telegramtest.Fault{Code: 409, Description: "Conflict: terminated by other getUpdates request"}, call: getMe, wantFailure: "409 Conflict: terminated"},
		{name: "cancelled by the caller", fault: &telegramtest.Fault{Delay: time.Minute}, call: getMe, cancel: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := telegramtest.NewServer(token)
			defer srv.Close()
			srv.AddUser(staff)
			switch {
			case tt.outage:
				srv.Outage(time.Minute, 502)
			case tt.fault != nil:
				srv.FailNext("", 1, *tt.fault)
			}
			c := mustAPIClient(t, srv.URL())
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if tt.cancel {
				ctx, cancel = context.WithTimeout(ctx, 50*time.Millisecond)
				defer cancel()
			}
			before := time.Now()
			tt.call(ctx, c)
			got := c.APIStatus()
			if got.RateLimited != tt.wantLimited {
				t.Errorf("got RateLimited %d, want %d", got.RateLimited, tt.wantLimited)
			}
			if gotOK := !got.LastOK.Before(before); gotOK != tt.wantOK {
				t.Errorf("got LastOK %v (after the call: %v), want after the call %v", got.LastOK, gotOK, tt.wantOK)
			}
			switch {
			case tt.wantFailure == "" && (!got.LastFailure.IsZero() || !got.FailingSince.IsZero()):
				t.Errorf("got a failure %q at %v, want none", got.LastError, got.LastFailure)
			case tt.wantFailure != "" && (got.FailingSince.IsZero() || !strings.Contains(got.LastError, tt.wantFailure)):
				t.Errorf("got failure %q since %v, want one naming %q", got.LastError, got.FailingSince, tt.wantFailure)
			}
			if strings.Contains(got.LastError, token) {
				t.Errorf("got the token in LastError: %q", got.LastError)
			}
		})
	}
}

// TestAPIStatusFailingSinceIsTheFirstFailure: a run of failures keeps the
// time of its first one; an answer ends it.
func TestAPIStatusFailingSinceIsTheFirstFailure(t *testing.T) {
	srv := telegramtest.NewServer(token)
	defer srv.Close()
	c := mustAPIClient(t, srv.URL())
	ctx := ctxTest(t)
	srv.FailNext("", 2, telegramtest.BadGateway())
	c.Me(ctx) //nolint:errcheck
	first := c.APIStatus()
	c.Me(ctx) //nolint:errcheck
	second := c.APIStatus()
	if first.FailingSince.IsZero() || !second.FailingSince.Equal(first.FailingSince) {
		t.Errorf("got FailingSince %v then %v, want the first failure's time twice", first.FailingSince, second.FailingSince)
	}
	if second.LastFailure.Before(first.LastFailure) {
		t.Errorf("got LastFailure %v after %v, want it to move on", second.LastFailure, first.LastFailure)
	}
	if _, err := c.Me(ctx); err != nil {
		t.Fatal(err)
	}
	if got := c.APIStatus(); !got.FailingSince.IsZero() || got.LastOK.Before(second.LastFailure) {
		t.Errorf("got %+v after an answer, want FailingSince cleared and LastOK after the failures", got)
	}
}

// TestAPIStatusSeesThePoller: getUpdates, which the poller sends through
// its own HTTP client, is recorded too.
func TestAPIStatusSeesThePoller(t *testing.T) {
	srv := telegramtest.NewServer(token)
	defer srv.Close()
	srv.Outage(time.Minute, 502, "getUpdates")
	c := mustAPIClient(t, srv.URL())
	ctx, cancel := context.WithCancel(ctxTest(t))
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- c.Poll(ctx, offsetSink{}, telegram.PollOptions{}) }()
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(c.APIStatus().LastError, "getUpdates") {
		if time.Now().After(deadline) {
			t.Fatalf("got %+v, want the failed getUpdates recorded", c.APIStatus())
		}
		<-time.After(5 * time.Millisecond) // poll interval of the condition
	}
	cancel()
	<-done
}

// TestAPIStatusOfAnUnreachableServer: a Bot API nobody listens at is a
// failure.
func TestAPIStatusOfAnUnreachableServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c := mustAPIClient(t, "http://"+addr)
	if _, err := c.Me(ctxTest(t)); err == nil {
		t.Fatal("got an answer from a closed port")
	}
	if got := c.APIStatus(); got.FailingSince.IsZero() || !strings.Contains(got.LastError, "refused") {
		t.Errorf("got %+v, want the refused connection recorded", got)
	}
}

// offsetSink is a Sink that stores nothing.
type offsetSink struct{}

func (offsetSink) Offset(context.Context) (int64, error)                  { return 0, nil }
func (offsetSink) Ingest(context.Context, []json.RawMessage, int64) error { return nil }
func (offsetSink) WebhookRemoved(context.Context, string, int) error      { return nil }

var text = tip.OutboxMessage{Kind: tip.SendText, Target: tip.Target{ChatID: staff.ID}, Text: "x"}

func mustAPIClient(tb testing.TB, url string) *telegram.Client {
	tb.Helper()
	c, err := telegram.NewClient(telegram.ClientConfig{Token: token, APIURL: url, PollTimeout: time.Second,
		RequestTimeout: 5 * time.Second, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
