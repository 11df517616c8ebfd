package relay

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// memStore is an in-memory tip.OutboxStore with the same head-of-line
// semantics as the SQLite store, for testing the worker's decisions.
type memStore struct {
	mu   sync.Mutex
	rows []tip.OutboxMessage
}

func (s *memStore) Enqueue(_ context.Context, msgs ...tip.OutboxMessage) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range msgs {
		m.ID = int64(len(s.rows) + 1)
		m.Status = tip.OutboxPending
		s.rows = append(s.rows, m)
	}
	return nil
}

func (s *memStore) Due(_ context.Context, now time.Time, limit int) ([]tip.OutboxMessage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := map[tip.Target]bool{}
	var out []tip.OutboxMessage
	for _, m := range s.rows {
		if m.Status != tip.OutboxPending || seen[m.Target] {
			continue
		}
		seen[m.Target] = true
		if !m.NextAttemptAt.After(now) && len(out) < limit {
			out = append(out, m)
		}
	}
	return out, nil
}

func (s *memStore) NextAttempt(context.Context) (time.Time, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var next time.Time
	found := false
	for _, m := range s.rows {
		if m.Status == tip.OutboxPending && (!found || m.NextAttemptAt.Before(next)) {
			next, found = m.NextAttemptAt, true
		}
	}
	return next, found, nil
}

func (s *memStore) update(id int64, f func(*tip.OutboxMessage)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.rows[id-1])
	return nil
}

func (s *memStore) MarkSent(_ context.Context, id int64, ids []int64, at time.Time) error {
	return s.update(id, func(m *tip.OutboxMessage) { m.Status, m.SentMessageIDs, m.SentAt = tip.OutboxSent, ids, at })
}

func (s *memStore) MarkRetry(_ context.Context, id int64, next time.Time, e string) error {
	return s.update(id, func(m *tip.OutboxMessage) { m.Attempts++; m.NextAttemptAt, m.LastError = next, e })
}

func (s *memStore) MarkFailed(_ context.Context, id int64, e string) error {
	return s.update(id, func(m *tip.OutboxMessage) { m.Attempts++; m.Status, m.LastError = tip.OutboxFailed, e })
}

func (s *memStore) Get(_ context.Context, id int64) (tip.OutboxMessage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rows[id-1], nil
}

func (s *memStore) ByTip(context.Context, int64) ([]tip.OutboxMessage, error) { return nil, nil }

// scriptSender answers each send with the next scripted error (nil = ok).
type scriptSender struct {
	mu     sync.Mutex
	errs   []error
	sent   []tip.OutboxMessage
	nextID int64
}

func (s *scriptSender) Send(_ context.Context, m tip.OutboxMessage) ([]int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.errs) > 0 {
		err := s.errs[0]
		s.errs = s.errs[1:]
		if err != nil {
			return nil, err
		}
	}
	s.sent = append(s.sent, m)
	s.nextID++
	return []int64{s.nextID}, nil
}

func TestWorkerRoundOutcomes(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	fixedBackoff := func(int, tip.SendErrorKind) time.Duration { return 7 * time.Second }
	tests := []struct {
		name        string
		err         error
		wantStatus  tip.OutboxStatus
		wantNext    time.Time
		wantAttempt int
	}{
		{"sent", nil, tip.OutboxSent, time.Time{}, 0},
		{"rate limited honours retry_after", &tip.SendError{Kind: tip.SendRateLimited, RetryAfter: 42 * time.Second, Err: errors.New("429")},
			tip.OutboxPending, now.Add(42 * time.Second), 1},
		{"temporary backs off", &tip.SendError{Kind: tip.SendTemporary, Err: errors.New("502")}, tip.OutboxPending, now.Add(7 * time.Second), 1},
		{"plain error is temporary", errors.New("connection reset"), tip.OutboxPending, now.Add(7 * time.Second), 1},
		{"permanent keeps the row", &tip.SendError{Kind: tip.SendPermanent, Err: errors.New("403")}, tip.OutboxPending, now.Add(7 * time.Second), 1},
		{"rejected fails the row", &tip.SendError{Kind: tip.SendRejected, Err: errors.New("400 message to copy not found")}, tip.OutboxFailed, time.Time{}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &memStore{}
			send := &scriptSender{errs: []error{tt.err}}
			w := New(store, send, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Now: func() time.Time { return now }, Backoff: fixedBackoff})
			store.Enqueue(context.Background(), tip.OutboxMessage{Target: tip.Target{ChatID: -100}, Kind: tip.SendText, Text: "x"})
			if _, err := w.Round(context.Background()); err != nil {
				t.Fatalf("Round: %v", err)
			}
			got, _ := store.Get(context.Background(), 1)
			if got.Status != tt.wantStatus || !got.NextAttemptAt.Equal(tt.wantNext) || got.Attempts != tt.wantAttempt {
				t.Errorf("got status %s next %v attempts %d, want %s %v %d", got.Status, got.NextAttemptAt, got.Attempts, tt.wantStatus, tt.wantNext, tt.wantAttempt)
			}
			if tt.err == nil && len(got.SentMessageIDs) != 1 {
				t.Errorf("got sent ids %v, want one id", got.SentMessageIDs)
			}
		})
	}
}

func TestWorkerKeepsOrderPerTarget(t *testing.T) {
	store := &memStore{}
	send := &scriptSender{errs: []error{&tip.SendError{Kind: tip.SendTemporary, Err: errors.New("502")}}}
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	clock := now
	w := New(store, send, slog.New(slog.DiscardHandler), Options{Now: func() time.Time { return clock }, Parallel: 1,
		Backoff: func(int, tip.SendErrorKind) time.Duration { return time.Second }})
	group, private := tip.Target{ChatID: -100}, tip.Target{ChatID: 5}
	store.Enqueue(context.Background(),
		tip.OutboxMessage{Target: group, Text: "g1"}, tip.OutboxMessage{Target: group, Text: "g2"},
		tip.OutboxMessage{Target: private, Text: "p1"})
	// Round 1: g1 fails, p1 goes; g2 must wait behind g1.
	if _, err := w.Round(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n, _ := w.Round(context.Background()); n != 0 {
		t.Fatalf("got %d rows due before the retry time, want 0", n)
	}
	clock = now.Add(time.Second)
	for range 3 {
		if _, err := w.Round(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, m := range send.sent {
		got = append(got, m.Text)
	}
	want := []string{"p1", "g1", "g2"}
	if len(got) != len(want) {
		t.Fatalf("got sends %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got sends %v, want %v", got, want)
		}
	}
}

func TestDefaultBackoff(t *testing.T) {
	tests := []struct {
		name     string
		attempts int
		kind     tip.SendErrorKind
		lo, hi   time.Duration
	}{
		{"first", 1, tip.SendTemporary, 500 * time.Millisecond, time.Second},
		{"fourth", 4, tip.SendTemporary, 4 * time.Second, 8 * time.Second},
		{"capped", 40, tip.SendTemporary, 150 * time.Second, 5 * time.Minute},
		{"permanent", 1, tip.SendPermanent, 10 * time.Minute, 10 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 50 {
				if got := DefaultBackoff(tt.attempts, tt.kind); got < tt.lo || got > tt.hi {
					t.Fatalf("got %v, want within [%v, %v]", got, tt.lo, tt.hi)
				}
			}
		})
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	store := &memStore{}
	w := New(store, &scriptSender{}, slog.New(slog.DiscardHandler), Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.Run(ctx) }()
	store.Enqueue(ctx, tip.OutboxMessage{Target: tip.Target{ChatID: 1}, Text: "a"})
	w.Notify()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("got %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}
