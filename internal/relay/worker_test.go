package relay

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/poll"
	"github.com/tiprelay/tiprelay/internal/tip"
)

const (
	group   = int64(-1001)
	private = int64(42)
	admin   = int64(7)
)

func textTo(chat int64, s string) tip.OutboxMessage {
	return tip.OutboxMessage{Purpose: tip.PurposeRelay, Target: tip.Target{ChatID: chat}, Kind: tip.SendText, Text: s}
}

func TestDeliveryOutcomes(t *testing.T) {
	fixed := func(int, tip.SendErrorKind) time.Duration { return time.Hour }
	tests := []struct {
		name       string
		chat       int64
		err        error
		wantStatus tip.OutboxStatus
		wantAlert  string // text of an admin alert, "" for none
		wantMoved  int64  // chat the row ends up in
	}{
		{"sent", group, nil, tip.OutboxSent, "", group},
		{"rate limited retries later", group, &tip.SendError{Kind: tip.SendRateLimited, RetryAfter: time.Hour, Err: errBoom}, tip.OutboxPending, "", group},
		{"temporary retries later", group, &tip.SendError{Kind: tip.SendTemporary, Err: errBoom}, tip.OutboxPending, "", group},
		{"plain error is temporary", group, errBoom, tip.OutboxPending, "", group},
		{"group refusing marks it failing and alerts once", group, &tip.SendError{Kind: tip.SendPermanent, Err: errors.New("Forbidden: bot was kicked")}, tip.OutboxPending, "menolak pesan bot", group},
		{"user who blocked the bot fails the row", private, &tip.SendError{Kind: tip.SendPermanent, Err: errors.New("Forbidden: bot was blocked by the user")}, tip.OutboxFailed, "", private},
		{"rejected message fails the row", group, &tip.SendError{Kind: tip.SendRejected, Err: errors.New("message to copy not found")}, tip.OutboxFailed, "", group},
		{"migration follows the new chat", group, &tip.SendError{Kind: tip.SendMigrated, MigrateTo: -1009, Err: errBoom}, tip.OutboxSent, "menjadi supergrup", -1009},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := mustStore(t)
			send := &fakeSender{errs: map[int64][]error{tt.chat: {tt.err}}}
			w := newWorker(store, send, Options{Admins: []int64{admin}, Backoff: fixed})
			enqueue(t, store, textTo(tt.chat, "a"))
			runUntil(t, w, 5*time.Second, func() bool {
				m := get(t, store, 1)
				return m.Status != tip.OutboxPending || m.Attempts > 0
			})
			got := get(t, store, 1)
			if got.Status != tt.wantStatus || got.Target.ChatID != tt.wantMoved {
				t.Errorf("got status %s in chat %d, want %s in %d", got.Status, got.Target.ChatID, tt.wantStatus, tt.wantMoved)
			}
			alerts, _ := store.Pending(context.Background(), tip.Target{ChatID: admin}, 10)
			sentAlerts := 0
			for _, s := range send.sent {
				if s.msg.Target.ChatID == admin {
					sentAlerts++
					alerts = append(alerts, s.msg)
				}
			}
			if tt.wantAlert == "" && len(alerts) > 0 {
				t.Errorf("got %d admin alerts, want none", len(alerts))
			}
			if tt.wantAlert != "" && (len(alerts) != 1 || !strings.Contains(alerts[0].Text, tt.wantAlert)) {
				t.Errorf("got alerts %+v, want one containing %q", alerts, tt.wantAlert)
			}
		})
	}
}

func TestFailingGroupRecoversAndKeepsOrder(t *testing.T) {
	store := mustStore(t)
	kicked := &tip.SendError{Kind: tip.SendPermanent, Err: errors.New("Forbidden: bot was kicked")}
	send := &fakeSender{errs: map[int64][]error{group: {kicked}}}
	w := newWorker(store, send, Options{Admins: []int64{admin}, Backoff: func(int, tip.SendErrorKind) time.Duration { return 0 }})
	enqueue(t, store, textTo(group, "t1"), textTo(group, "t2"), textTo(private, "p1"))
	runUntil(t, w, 5*time.Second, func() bool { return send.count() == 5 })
	got := strings.Join(send.texts(), "|")
	for _, want := range []string{"t1", "t2", "p1", "menolak", "kembali menerima"} {
		if !strings.Contains(got, want) {
			t.Errorf("got sends %q, want %q among them", got, want)
		}
	}
	if strings.Index(got, "t1") > strings.Index(got, "t2") {
		t.Errorf("got %q, want t1 before t2", got)
	}
	if failing, _ := store.FailingTargets(context.Background()); len(failing) != 0 {
		t.Errorf("got failing %v after recovery, want none", failing)
	}
}

func TestAcksToOneChatAreBatched(t *testing.T) {
	store := mustStore(t)
	send := &fakeSender{}
	ack := func(n int64) tip.OutboxMessage {
		return tip.OutboxMessage{TipID: n, Purpose: tip.PurposeAck, Target: tip.Target{ChatID: private}, Kind: tip.SendText, Text: "single"}
	}
	for n := int64(31); n <= 45; n++ {
		enqueue(t, store, ack(n))
	}
	enqueue(t, store, textTo(private, "a reply"), ack(47), ack(48))
	w := newWorker(store, send, Options{})
	runUntil(t, w, 5*time.Second, func() bool { return send.count() == 3 })
	want := []string{
		"✅ Laporan #31-#45 diterima dan diteruskan ke Ditintelkam.",
		"a reply",
		"✅ Laporan #47-#48 diterima dan diteruskan ke Ditintelkam.",
	}
	if got := send.texts(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if m := get(t, store, 45-31+1); m.Status != tip.OutboxSent || len(m.SentMessageIDs) != 1 {
		t.Errorf("got %+v, want the last merged ack marked sent with the merged message id", m)
	}
}

func TestShutdownLeavesUnfinishedSendPending(t *testing.T) {
	store := mustStore(t)
	send := &fakeSender{block: make(chan struct{})}
	w := newWorker(store, send, Options{Grace: 50 * time.Millisecond})
	enqueue(t, store, textTo(group, "slow"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	if err := eventually(func() bool { w.mu.Lock(); defer w.mu.Unlock(); return len(w.inflight) == 1 }); err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after the grace period")
	}
	if m := get(t, store, 1); m.Status != tip.OutboxPending || m.Attempts != 0 {
		t.Errorf("got %s after %d attempts, want pending with no attempt counted", m.Status, m.Attempts)
	}
}

// eventually re-checks cond every few milliseconds for up to 5 seconds.
func eventually(cond func() bool) error {
	if !poll.Until(5*time.Second, cond) {
		return errors.New("condition not met in 5s")
	}
	return nil
}

func TestLeases(t *testing.T) {
	tests := []struct {
		name     string
		holder   string // who leased the row before the worker starts
		wantSent bool
	}{
		{"a restarted bot takes over its own lease", "bot", true},
		{"another process's live lease is respected", "digest-cli-1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := mustStore(t)
			enqueue(t, store, textTo(group, "leased"))
			now := time.Now()
			if got, err := store.LeaseMany(context.Background(), []int64{1}, tt.holder, now, now.Add(time.Hour)); err != nil || !got[1] {
				t.Fatalf("lease: %v %v", got, err)
			}
			send := &fakeSender{}
			w := newWorker(store, send, Options{Owner: "bot"})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			w.dispatch(ctx, ctx)
			w.wg.Wait()
			if got := send.count() == 1; got != tt.wantSent {
				t.Errorf("got sent %v, want %v", got, tt.wantSent)
			}
		})
	}
}

// TestParallelCapFreesSlots: with one send at a time, targets left waiting
// for a slot are sent as soon as a slot frees, not at the next idle tick.
func TestParallelCapFreesSlots(t *testing.T) {
	store := mustStore(t)
	for chat := int64(1); chat <= 5; chat++ {
		enqueue(t, store, textTo(chat, "x"))
	}
	send := &fakeSender{}
	w := newWorker(store, send, Options{Parallel: 1, Idle: time.Hour})
	start := time.Now()
	runUntil(t, w, 5*time.Second, func() bool { return send.count() == 5 })
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("got %v for 5 sends, want them back to back", d)
	}
}

// TestDispatchWaitsForTheNextRetry: a target waiting out a retry_after is
// looked at again when it is due, even while another target's head is due
// but cannot go (here an ack held for a busy intake). The fault test saw
// the group wait the whole idle period after a 429 because of this.
func TestDispatchWaitsForTheNextRetry(t *testing.T) {
	store := mustStore(t)
	retry := textTo(group, "after retry_after")
	retry.NextAttemptAt = time.Now().Add(300 * time.Millisecond)
	enqueue(t, store, retry, ackFor(31))
	w := newWorker(store, &fakeSender{}, Options{Busy: func() bool { return true }, AckHold: time.Hour, Idle: time.Hour})
	ctx := context.Background()
	if wait := w.dispatch(ctx, ctx); wait > 300*time.Millisecond {
		t.Errorf("got a wait of %v, want at most 300ms, when the group's retry is due", wait)
	}
}
