package telegram_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/telegram"
	"github.com/tiprelay/tiprelay/internal/telegram/telegramtest"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// failingUpdates is an update store whose SaveBatch fails with err, and
// records when it was called.
type failingUpdates struct {
	tip.UpdateStore
	err   error
	mu    sync.Mutex
	calls []time.Time
}

func (f *failingUpdates) SaveBatch(context.Context, []tip.RawUpdate, int64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, time.Now())
	return f.err
}

func (f *failingUpdates) attempts() []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Time(nil), f.calls...)
}

// runLoop runs only the update loop of a service (no worker) on a fresh
// database against srv, with st's update store replaced by updates when
// it is set (SaveBatch fails, the rest works), and logging into log. It returns a channel that receives what
// Run returned.
func runLoop(t *testing.T, srv *telegramtest.Server, updates *failingUpdates, log *syncWriter, now func() time.Time) <-chan error {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "tiprelay.db"))
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewJSONHandler(log, nil))
	client, err := telegram.NewClient(telegram.ClientConfig{Token: token, APIURL: srv.URL(), PollTimeout: time.Second, Log: logger})
	if err != nil {
		t.Fatal(err)
	}
	st := stores(db)
	if updates != nil {
		updates.UpdateStore, st.Updates = st.Updates, updates
	}
	svc := telegram.NewService(client, st, telegram.Settings{
		Relay: tip.Target{ChatID: group.ID}, StaffIDs: []int64{staff.ID},
		Texts: text.For(text.Indonesian), Now: now,
	}, logger, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	finished := make(chan struct{})
	go func() {
		done <- svc.Run(ctx)
		close(finished)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-finished:
		case <-time.After(10 * time.Second):
			t.Error("Run did not return within 10s of cancellation")
		}
		db.Close()
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
	srv.AddChat(group)
	srv.UserSends(staff, telegramtest.Text("hoaks"))
	updates := &failingUpdates{err: errors.New("database or disk is full")}
	runLoop(t, srv, updates, newLog(), nil)

	// Attempts 1..5 wait 100, 200, 400 and 800 ms after each other;
	// without the backoff each waits 100 ms.
	if err := srv.WaitTimeout(10*time.Second, func() bool { return len(updates.attempts()) >= 5 }); err != nil {
		t.Fatalf("got %d store attempts, want 5: %v", len(updates.attempts()), err)
	}
	at := updates.attempts()
	if gap := at[4].Sub(at[3]); gap < 700*time.Millisecond {
		t.Errorf("got %v between the 4th and 5th attempt, want at least 700ms (backing off)", gap.Round(time.Millisecond))
	}
	if srv.PendingUpdates() != 1 {
		t.Errorf("got %d updates pending in Telegram, want 1 (never confirmed)", srv.PendingUpdates())
	}
}

// A damaged database is not retried: Run returns an error matching
// tip.ErrCorrupt and getUpdates is never called with a higher offset, so
// Telegram keeps the update.
func TestPollStopsOnCorruptDatabase(t *testing.T) {
	srv := telegramtest.NewServer(token)
	t.Cleanup(srv.Close)
	srv.AddChat(group)
	srv.UserSends(staff, telegramtest.Text("hoaks"))
	updates := &failingUpdates{err: fmt.Errorf("save batch: %w", &sqlite.CorruptError{Err: errors.New("database disk image is malformed")})}
	done := runLoop(t, srv, updates, newLog(), nil)

	select {
	case err := <-done:
		if !errors.Is(err, tip.ErrCorrupt) {
			t.Fatalf("Run returned %v, want an error matching tip.ErrCorrupt", err)
		}
		if !strings.Contains(err.Error(), "database disk image is malformed") {
			t.Errorf("Run returned %q, want SQLite's message in it", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return within 10s of a corrupt store")
	}
	if n := len(updates.attempts()); n != 1 {
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
	runLoop(t, srv, nil, log, now)
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
