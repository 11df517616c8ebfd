package relay

import (
	"context"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// rewriteBeforeLease is an outbox on which intake rewrites a row after the
// worker read it and before it leases it: the race the worker's reread
// closes.
type rewriteBeforeLease struct {
	Outbox
	rewrite func(ids []int64)
}

func (s rewriteBeforeLease) LeaseMany(ctx context.Context, ids []int64, owner string, now, until time.Time) (map[int64]bool, error) {
	s.rewrite(ids)
	return s.Outbox.LeaseMany(ctx, ids, owner, now, until)
}

// TestRewriteBetweenReadAndLease: a row rewritten after the worker read it
// but before it leased it goes out as rewritten, not as read.
func TestRewriteBetweenReadAndLease(t *testing.T) {
	store := mustStore(t)
	ctx := context.Background()
	err := store.Enqueue(ctx, tip.OutboxMessage{TipID: 1, Purpose: tip.PurposeRelay, Target: tip.Target{ChatID: -100},
		Kind: tip.SendText, Text: "Laporan #1 · Dilaporkan 2×"})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := store.ByTip(ctx, 1)
	if err != nil || len(rows) != 1 {
		t.Fatalf("rows = %+v, %v", rows, err)
	}
	done := false
	racy := rewriteBeforeLease{Outbox: store, rewrite: func(ids []int64) {
		if done || len(ids) == 0 || ids[0] != rows[0].ID {
			return
		}
		done = true
		ok, err := store.Rewrite(ctx, rows[0].ID, "Laporan #1 · Dilaporkan 3×", nil, time.Now())
		if err != nil || !ok {
			t.Errorf("Rewrite = %v, %v; want the unleased row rewritten", ok, err)
		}
	}}
	send := &fakeSender{}
	w := newWorker(racy, send, Options{})
	runUntil(t, w, 5*time.Second, func() bool { return send.count() == 1 })
	if got := send.texts(); len(got) != 1 || got[0] != "Laporan #1 · Dilaporkan 3×" {
		t.Errorf("sent %q, want the rewritten text", got)
	}
}
