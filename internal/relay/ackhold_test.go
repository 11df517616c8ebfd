package relay

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func ackFor(n int64) tip.OutboxMessage {
	return tip.OutboxMessage{TipID: n, Purpose: tip.PurposeAck, Target: tip.Target{ChatID: private}, Kind: tip.SendText, Text: "single"}
}

// runInBackground runs w until the test ends.
func runInBackground(t *testing.T, w *Worker) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
}

// TestAcksWaitWhileIntakeBusy: acks wait while intake is busy, and go out
// merged as soon as it has caught up; other messages do not wait.
func TestAcksWaitWhileIntakeBusy(t *testing.T) {
	store := mustStore(t)
	send := &fakeSender{}
	var busy atomic.Bool
	busy.Store(true)
	w := newWorker(store, send, Options{Busy: busy.Load, AckHold: time.Hour})
	enqueue(t, store, ackFor(31), ackFor(32), textTo(group, "relay"))
	runInBackground(t, w)
	// The relay row was dispatched in the same round as the held acks.
	if err := eventually(func() bool { return send.count() == 1 }); err != nil {
		t.Fatal(err)
	}
	if got := send.texts(); got[0] != "relay" {
		t.Fatalf("got %q sent while intake is busy, want only the relay message", got)
	}
	busy.Store(false)
	w.Notify()
	if err := eventually(func() bool { return send.count() == 2 }); err != nil {
		t.Fatal(err)
	}
	if got, want := send.texts()[1], "✅ Laporan #31-#32 diterima"; !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want it to start with %q", got, want)
	}
}

// TestAckHoldIsBounded: while intake stays busy, an ack waits AckHold
// after it was queued, and no longer.
func TestAckHoldIsBounded(t *testing.T) {
	store := mustStore(t)
	send := &fakeSender{}
	const hold = 150 * time.Millisecond
	w := newWorker(store, send, Options{Busy: func() bool { return true }, AckHold: hold})
	enqueue(t, store, ackFor(31))
	queued := get(t, store, 1).CreatedAt
	runUntil(t, w, 5*time.Second, func() bool { return send.count() == 1 })
	send.mu.Lock()
	waited := send.sent[0].at.Sub(queued)
	send.mu.Unlock()
	// CreatedAt is stored in milliseconds, so allow for its truncation.
	if waited < hold-time.Millisecond {
		t.Errorf("ack sent %v after it was queued, want at least %v", waited, hold)
	}
}

// TestBusyHoldsOnlyAcks: a reply to a staff member (not an ack) is sent
// at once while intake is busy.
func TestBusyHoldsOnlyAcks(t *testing.T) {
	store := mustStore(t)
	send := &fakeSender{}
	w := newWorker(store, send, Options{Busy: func() bool { return true }, AckHold: time.Hour})
	enqueue(t, store, textTo(private, "a reply"))
	runUntil(t, w, 5*time.Second, func() bool { return send.count() == 1 })
}
