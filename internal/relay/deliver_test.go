package relay

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestBlockedUserFailsEveryMergedAck: the acks merged into one message to
// a user who blocked the bot all fail with it, instead of each being tried
// (and refused) on its own afterwards.
func TestBlockedUserFailsEveryMergedAck(t *testing.T) {
	store := mustStore(t)
	send := &fakeSender{errs: map[int64][]error{
		private: {&tip.SendError{Kind: tip.SendPermanent, Err: errors.New("Forbidden: bot was blocked by the user")}},
	}}
	enqueue(t, store, ackFor(31), ackFor(32), ackFor(33))
	w := newWorker(store, send, Options{})
	runUntil(t, w, 5*time.Second, func() bool {
		for id := int64(1); id <= 3; id++ {
			if get(t, store, id).Status != tip.OutboxFailed {
				return false
			}
		}
		return true
	})
	if got := send.count(); got != 0 {
		t.Errorf("got %d messages sent to the user who blocked the bot, want 0", got)
	}
}

// TestRecoveryClearsAMarkMadeElsewhere: a group that another process
// marked failing is cleared by this worker's next success there.
func TestRecoveryClearsAMarkMadeElsewhere(t *testing.T) {
	store := mustStore(t)
	ctx := context.Background()
	kicked := &tip.SendError{Kind: tip.SendPermanent, Err: errors.New("Forbidden: bot was kicked")}
	send := &fakeSender{errs: map[int64][]error{group: {kicked}}}
	w := newWorker(store, send, Options{Backoff: func(int, tip.SendErrorKind) time.Duration { return 10 * time.Millisecond }})
	ctxRun, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { w.Run(ctxRun); close(done) }()
	defer func() { cancel(); <-done }()
	// Marked by another process (digest --send, say) after this worker
	// started: this worker's own refusal is then not the first.
	if _, err := store.SetTargetFailing(ctx, group, time.Now(), "kicked"); err != nil {
		t.Fatal(err)
	}
	enqueue(t, store, textTo(group, "relay"))
	w.Notify()
	if err := eventually(func() bool {
		failing, err := store.FailingTargets(ctx)
		return err == nil && len(failing) == 0 && send.count() == 1
	}); err != nil {
		t.Fatalf("group still marked failing after a success there: %v", err)
	}
}

// TestMigrationWakesTheWorker: rows moved to a migrated group's new id are
// sent at once, also without admins to alert (whose alert would wake the
// worker as a side effect).
func TestMigrationWakesTheWorker(t *testing.T) {
	store := mustStore(t)
	send := &fakeSender{errs: map[int64][]error{
		group: {&tip.SendError{Kind: tip.SendMigrated, MigrateTo: -1009, Err: errors.New("group migrated")}},
	}}
	enqueue(t, store, textTo(group, "relay"))
	w := newWorker(store, send, Options{Idle: time.Hour})
	runUntil(t, w, 5*time.Second, func() bool { return send.count() == 1 })
}

// TestRestartCountsAMergedSendOnce: the rows of one merged message, all
// marked sent with it, count as that one message in the pace rebuilt after
// a restart.
func TestRestartCountsAMergedSendOnce(t *testing.T) {
	store := mustStore(t)
	ctx := context.Background()
	var ids []int64
	for i := range 30 {
		m := textTo(group, "tip")
		m.Coalesce, m.Compact = true, "tip"
		enqueue(t, store, m)
		ids = append(ids, int64(i+1))
	}
	now := time.Now()
	if err := store.MarkSentMany(ctx, ids, []int64{500}, now); err != nil {
		t.Fatal(err)
	}
	w := newWorker(store, &fakeSender{}, Options{Limits: Limits{Group: Limit{20, time.Minute}}})
	w.seedPace(ctx)
	if wait := w.pace.peek(group, 19, now); wait != 0 {
		t.Errorf("got a wait of %v for 19 more messages, want none: one message of 20 was sent", wait)
	}
}
