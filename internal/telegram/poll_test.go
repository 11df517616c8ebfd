package telegram_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/tip"
)

const token = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQr"

var (
	staff = telegramtest.User{ID: 5123456789, FirstName: "Rina", Username: "rina_kominfo"}
	admin = telegramtest.User{ID: 7000000001, FirstName: "Admin"}
)

// sink stores polled updates in memory, as the application core would;
// with err set, Ingest fails with it. It records when Ingest was called
// and the webhooks reported removed.
type sink struct {
	mu       sync.Mutex
	offset   int64
	err      error
	calls    []time.Time
	ids      []int64
	webhooks []string
}

func (s *sink) Offset(context.Context) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.offset, nil
}

func (s *sink) Ingest(_ context.Context, raws []json.RawMessage, _ int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, time.Now())
	if s.err != nil {
		return s.err
	}
	for _, raw := range raws {
		var u struct {
			UpdateID int64 `json:"update_id"`
		}
		if err := json.Unmarshal(raw, &u); err != nil {
			return err
		}
		s.ids = append(s.ids, u.UpdateID)
		s.offset = max(s.offset, u.UpdateID+1)
	}
	return nil
}

func (s *sink) WebhookRemoved(_ context.Context, url string, _ int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhooks = append(s.webhooks, url)
	return nil
}

func (s *sink) attempts() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.calls...)
}

func (s *sink) stored() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.ids)
}

// runPoll runs Poll against srv into sk, logging into log, until the test
// ends. It returns a channel that receives what Poll returned.
func runPoll(t *testing.T, srv *telegramtest.Server, sk *sink, log *syncWriter, now func() time.Time) <-chan error {
	t.Helper()
	logger := slog.New(slog.NewJSONHandler(log, nil))
	client, err := telegram.NewClient(telegram.ClientConfig{Token: token, APIURL: srv.URL(), PollTimeout: time.Second, Log: logger})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	finished := make(chan struct{})
	go func() {
		done <- client.Poll(ctx, sk, telegram.PollOptions{Log: logger, Now: now})
		close(finished)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-finished:
		case <-time.After(10 * time.Second):
			t.Error("Poll did not return within 10s of cancellation")
		}
	})
	return done
}

// newLog returns a log sink the test reads while the loop writes.
func newLog() *syncWriter { return &syncWriter{w: &bytes.Buffer{}} }

// syncWriter serialises writes to a buffer shared with the test.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.String()
}

// A storage error after a good fetch (a full disk) used to reset the
// backoff with the fetch: the loop retried every 100 ms forever. The delay
// now doubles until a whole round succeeds.
func TestPollBacksOffOnStorageErrorsAfterGoodFetches(t *testing.T) {
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	srv.UserSends(staff, telegramtest.Text("hoaks"))
	sk := &sink{err: errors.New("database or disk is full")}
	runPoll(t, srv, sk, newLog(), nil)

	// Attempts 1..5 wait 100, 200, 400 and 800 ms after each other;
	// without the backoff each waits 100 ms.
	if err := srv.WaitTimeout(10*time.Second, func() bool { return len(sk.attempts()) >= 5 }); err != nil {
		t.Fatalf("got %d store attempts, want 5: %v", len(sk.attempts()), err)
	}
	at := sk.attempts()
	if gap := at[4].Sub(at[3]); gap < 700*time.Millisecond {
		t.Errorf("got %v between the 4th and 5th attempt, want at least 700ms (backing off)", gap.Round(time.Millisecond))
	}
	if srv.PendingUpdates() != 1 {
		t.Errorf("got %d updates pending in Telegram, want 1 (never confirmed)", srv.PendingUpdates())
	}
}

// A damaged database is not retried: Poll returns an error matching
// tip.ErrCorrupt and getUpdates is never called with a higher offset, so
// Telegram keeps the update.
func TestPollStopsOnCorruptDatabase(t *testing.T) {
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	srv.UserSends(staff, telegramtest.Text("hoaks"))
	sk := &sink{err: fmt.Errorf("store updates: database disk image is malformed: %w", tip.ErrCorrupt)}
	done := runPoll(t, srv, sk, newLog(), nil)

	select {
	case err := <-done:
		if !errors.Is(err, tip.ErrCorrupt) {
			t.Fatalf("Poll returned %v, want an error matching tip.ErrCorrupt", err)
		}
		if !strings.Contains(err.Error(), "database disk image is malformed") {
			t.Errorf("Poll returned %q, want the store's message in it", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Poll did not return within 10s of a corrupt store")
	}
	if n := len(sk.attempts()); n != 1 {
		t.Errorf("got %d store attempts, want 1 (not retried)", n)
	}
	calls := srv.CallsTo("getUpdates")
	for _, c := range calls {
		if off, _ := strconv.ParseInt(c.Params["offset"], 10, 64); off > 0 {
			t.Errorf("getUpdates called with offset %d after the damage, want only the stored offset 0", off)
		}
	}
	if len(calls) != 1 {
		t.Errorf("got %d getUpdates calls, want 1", len(calls))
	}
	if srv.PendingUpdates() != 1 {
		t.Errorf("got %d updates pending in Telegram, want 1 (kept for the repaired database)", srv.PendingUpdates())
	}
}

// otherPoller is Telegram's answer to getUpdates while another process
// polls with the same token.
var otherPoller = telegramtest.Fault{Code: 409, Description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}

// getUpdates answering 409 because another process polls is logged the
// first time and then at most once a minute, with the count since the last
// line.
func TestConflictLogIsRateLimited(t *testing.T) {
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	var clock atomic.Int64
	clock.Store(time.Date(2026, 2, 3, 4, 5, 0, 0, time.UTC).UnixNano())
	now := func() time.Time { return time.Unix(0, clock.Load()) }
	srv.FailNext("getUpdates", 4, otherPoller)
	log := newLog()
	runPoll(t, srv, &sink{}, log, now)
	lines := func() []string {
		var out []string
		for _, l := range strings.Split(log.String(), "\n") {
			if strings.Contains(l, "another process is polling") {
				out = append(out, l)
			}
		}
		return out
	}
	// Four conflicts, then a good (long) poll.
	if err := srv.WaitTimeout(10*time.Second, func() bool { return len(srv.CallsTo("getUpdates")) >= 5 }); err != nil {
		t.Fatal(err)
	}
	if got := lines(); len(got) != 1 || !strings.Contains(got[0], `"conflicts":1`) {
		t.Fatalf("after 4 conflicts in a minute got log lines %q, want one with conflicts 1", got)
	}
	clock.Add(int64(2 * time.Minute))
	srv.FailNext("getUpdates", 1, otherPoller)
	if err := srv.WaitTimeout(10*time.Second, func() bool { return len(lines()) >= 2 }); err != nil {
		t.Fatalf("no second line a minute later: %q", lines())
	}
	if got := lines(); len(got) != 2 || !strings.Contains(got[1], `"conflicts":4`) {
		t.Errorf("got log lines %q, want a second one counting 4 conflicts", got)
	}
}

// A webhook set while the bot polls (another tool, a second deployment)
// makes getUpdates answer 409: the poller removes it, keeps the updates
// waiting for it, reports it, and polls on.
func TestWebhookSetWhilePollingIsRemoved(t *testing.T) {
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	sk := &sink{}
	runPoll(t, srv, sk, newLog(), nil)
	srv.UserSends(staff, telegramtest.Text("sebelum"))
	if err := srv.WaitTimeout(10*time.Second, func() bool { return sk.stored() == 1 }); err != nil {
		t.Fatal(err)
	}
	srv.SetWebhook("https://lain.example/hook")
	refused := func() bool {
		for _, c := range srv.CallsTo("getUpdates") {
			if c.Status == 409 {
				return true
			}
		}
		return false
	}
	// The long poll under way ends; the next one meets the webhook.
	if err := srv.WaitTimeout(10*time.Second, refused); err != nil {
		t.Fatalf("getUpdates never met the webhook: %v", err)
	}
	srv.UserSends(staff, telegramtest.Text("saat webhook aktif"))
	if err := srv.WaitTimeout(10*time.Second, func() bool { return sk.stored() == 2 }); err != nil {
		t.Fatalf("the update sent while the webhook was set was not polled: %v", err)
	}
	sk.mu.Lock()
	defer sk.mu.Unlock()
	if len(sk.webhooks) != 1 || sk.webhooks[0] != "https://lain.example/hook" {
		t.Errorf("got webhooks reported %q, want the one removed", sk.webhooks)
	}
	if srv.Webhook().URL != "" {
		t.Error("the webhook is still set")
	}
}
