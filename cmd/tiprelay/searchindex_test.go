package main

import (
	"context"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestSearchIndexerWaitsForIdleIntake: the indexer adds new tips to the
// search index only while intake is idle, and does when woken.
func TestSearchIndexerWaitsForIdleIntake(t *testing.T) {
	path := seedTips(t, t.TempDir(), 1201, time.Now())
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var busy atomic.Bool
	busy.Store(true)
	x := newSearchIndexer(db, busy.Load, slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); x.Run(ctx) }()
	defer func() { cancel(); <-done }()

	raw := openSQL(t, path)
	defer raw.Close()
	indexed := func() int {
		var n int
		if err := raw.QueryRow("SELECT count(*) FROM tips_fts").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	x.Notify()
	x.catchUp(ctx) // intake busy: nothing
	if n := indexed(); n != 0 {
		t.Fatalf("%d tips indexed while intake was busy", n)
	}
	busy.Store(false)
	x.Notify()
	deadline := time.Now().Add(10 * time.Second)
	for indexed() != 1201 {
		if time.Now().After(deadline) {
			t.Fatalf("%d of 1201 tips indexed 10 s after intake went idle", indexed())
		}
		time.Sleep(10 * time.Millisecond) //nolint:forbidigo // polling a condition with a deadline
	}
	res, err := sqlite.NewSearchStore(db).Search(ctx, tip.SearchQuery{Terms: tip.ParseSearch("hoaks"), Limit: 1})
	if want := min(1201, tip.MaxSearchCount); err != nil || res.Total != want || res.Capped != (1201 > want) {
		t.Errorf("search finds %d tips, capped %v (%v), want 1201 counted up to %d", res.Total, res.Capped, err, want)
	}
}
