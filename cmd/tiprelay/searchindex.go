package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
)

// searchIndexBatch is how many tips one transaction adds to the search
// index.
const searchIndexBatch = 500

// searchIndexer adds new tips to the search index after their
// transaction, when intake is idle: indexing in the intake transaction
// cost the ingest benchmark about a tenth of its pace. A search indexes
// what is still missing before it looks (sqlite.SearchStore), so the lag
// is never visible.
type searchIndexer struct {
	db   *sqlite.DB
	busy func() bool
	log  *slog.Logger
	wake chan struct{}
}

func newSearchIndexer(db *sqlite.DB, busy func() bool, log *slog.Logger) *searchIndexer {
	return &searchIndexer{db: db, busy: busy, log: log, wake: make(chan struct{}, 1)}
}

// Notify wakes the indexer: intake calls it after a commit and when it
// has caught up. It never blocks.
func (x *searchIndexer) Notify() {
	select {
	case x.wake <- struct{}{}:
	default:
	}
}

// Run indexes whenever woken, and every few seconds in case a wake-up came
// while intake was busy, until ctx is done.
func (x *searchIndexer) Run(ctx context.Context) {
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	for {
		x.catchUp(ctx)
		select {
		case <-ctx.Done():
			return
		case <-x.wake:
		case <-tick.C:
		}
	}
}

// catchUp indexes the new tips, a batch per transaction, while intake
// stays idle.
func (x *searchIndexer) catchUp(ctx context.Context) {
	for ctx.Err() == nil && !x.busy() {
		n, err := x.db.IndexSearch(ctx, searchIndexBatch)
		if err != nil {
			if ctx.Err() == nil {
				x.log.Warn("search index: could not add new tips; will retry", "err", err)
			}
			return
		}
		if n == 0 {
			return
		}
	}
}
