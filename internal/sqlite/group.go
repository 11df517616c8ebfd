package sqlite

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

// writeGroup lets small writes that arrive together share one transaction
// and one commit (group commit). The relay records every send with a
// write of its own (lease, then sent or retry); under a burst, dozens of
// those wait for the write turn while a batch of updates is processed,
// and committing each of them on its own costs an fsync apiece.
type writeGroup struct {
	mu      sync.Mutex
	queue   []*sharedWrite
	leading bool // a goroutine is draining queue
}

// sharedWrite is one caller's part of a shared transaction.
type sharedWrite struct {
	ctx  context.Context
	fn   func(ctx context.Context, tx querier) error
	done chan error // receives fn's outcome once its transaction ended
}

// writeShared runs fn in a write transaction that it may share with other
// writeShared calls waiting at the same time. fn runs in a savepoint of
// its own: an error (or panic) in fn undoes only fn's writes, and the
// others still commit. writeShared returns fn's error, or the commit's.
//
// If ctx ends while fn is still queued, fn never runs and ctx's error is
// returned; once fn was picked up, it runs to the end with ctx's values but
// not its cancellation (an interrupted statement would otherwise abort
// whatever runs on the shared connection at that moment), and writeShared
// waits for its outcome, so a nil error always means fn's writes are
// committed. fn must run its statements with the ctx it is given.
//
// On a DB bound to a transaction, fn joins it, in a savepoint all the
// same, so that its error undoes only its own writes there too.
func (db *DB) writeShared(ctx context.Context, fn func(ctx context.Context, tx querier) error) error {
	if db.tx != nil {
		return db.Savepoint(ctx, func() error { return fn(ctx, db.conn()) })
	}
	w := &sharedWrite{ctx: ctx, fn: fn, done: make(chan error, 1)}
	g := db.group
	g.mu.Lock()
	g.queue = append(g.queue, w)
	if !g.leading {
		g.leading = true
		go db.leadWrites()
	}
	g.mu.Unlock()
	select {
	case err := <-w.done:
		return err
	case <-ctx.Done():
	}
	g.mu.Lock()
	if i := slices.Index(g.queue, w); i >= 0 {
		g.queue = slices.Delete(g.queue, i, i+1)
		g.mu.Unlock()
		return ctx.Err()
	}
	g.mu.Unlock()
	return <-w.done
}

// leadWrites runs the queued writes, as many as are waiting each time the
// write turn comes, until the queue is empty.
func (db *DB) leadWrites() {
	g := db.group
	for {
		// Writes queue up while the turn is taken: that is the batching.
		db.writes.Lock()
		g.mu.Lock()
		batch := g.queue
		g.queue = nil
		if len(batch) == 0 {
			g.leading = false
			g.mu.Unlock()
			db.writes.Unlock()
			return
		}
		g.mu.Unlock()
		errs := db.runShared(batch)
		db.writes.Unlock()
		for i, w := range batch {
			w.done <- errs[i]
		}
	}
}

// runShared runs batch in one transaction, each write in its own
// savepoint, and returns each write's outcome. The caller holds the write
// turn.
func (db *DB) runShared(batch []*sharedWrite) []error {
	errs := make([]error, len(batch))
	fail := func(err error) []error {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = err
			}
		}
		return errs
	}
	// Each write brings its own context; the transaction itself must not
	// end with any one caller's.
	ctx := context.Background()
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fail(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	q := cached{c: db.stmts, tx: tx}
	for i, w := range batch {
		if _, err := q.ExecContext(ctx, "SAVEPOINT shared"); err != nil {
			return fail(fmt.Errorf("savepoint: %w", err))
		}
		errs[i] = callShared(context.WithoutCancel(w.ctx), w.fn, q)
		if errs[i] != nil {
			if _, err := q.ExecContext(ctx, "ROLLBACK TO shared"); err != nil {
				return fail(fmt.Errorf("roll back savepoint: %w", err))
			}
		}
		if _, err := q.ExecContext(ctx, "RELEASE shared"); err != nil {
			return fail(fmt.Errorf("release savepoint: %w", err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fail(fmt.Errorf("commit: %w", err))
	}
	return errs
}

// callShared runs fn and turns a panic into an error, so that one bad
// write cannot take down the goroutine serving the others.
func callShared(ctx context.Context, fn func(ctx context.Context, tx querier) error, q querier) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic in shared write: %v", r)
		}
	}()
	return fn(ctx, q)
}
