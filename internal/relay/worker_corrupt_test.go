package relay

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// dueFailing is an outbox store whose Due fails with err, recording when.
type dueFailing struct {
	Outbox
	err   error
	mu    sync.Mutex
	calls []time.Time
}

func (s *dueFailing) Due(context.Context, time.Time, int) ([]tip.OutboxMessage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, time.Now())
	return nil, s.err
}

func (s *dueFailing) attempts() []time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Time(nil), s.calls...)
}

// A storage error of the dispatch (a full disk) used to be retried every
// second for ever, a log line each time; the delay now doubles.
func TestWorkerBacksOffOnStorageErrors(t *testing.T) {
	store := &dueFailing{Outbox: mustStore(t), err: errors.New("database or disk is full")}
	w := newWorker(store, &fakeSender{}, Options{})
	runUntil(t, w, 10*time.Second, func() bool { return len(store.attempts()) >= 3 })
	at := store.attempts()
	if gap := at[2].Sub(at[1]); gap < 1500*time.Millisecond {
		t.Errorf("got %v between the 2nd and 3rd attempt, want about 2s (backing off)", gap.Round(time.Millisecond))
	}
}

// A damaged database ends Run with an error matching tip.ErrCorrupt.
func TestWorkerStopsOnCorruptDatabase(t *testing.T) {
	store := &dueFailing{Outbox: mustStore(t), err: fmt.Errorf("due: %w", tip.ErrCorrupt)}
	w := newWorker(store, &fakeSender{}, Options{})
	done := make(chan error, 1)
	go func() { done <- w.Run(context.Background()) }()
	select {
	case err := <-done:
		if !errors.Is(err, tip.ErrCorrupt) {
			t.Fatalf("Run returned %v, want tip.ErrCorrupt", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return within 10s of a damaged database")
	}
	if n := len(store.attempts()); n != 1 {
		t.Errorf("got %d Due calls, want 1 (not retried)", n)
	}
}
