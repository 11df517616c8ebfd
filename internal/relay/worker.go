// Package relay drains the outbox: it delivers every message the bot owes
// to a chat, in order per target, retrying until Telegram has accepted it.
// The retry state lives in the outbox rows, so it survives restarts.
package relay

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Sender delivers one outbox message and returns the ids of the messages
// Telegram created in the target chat. A refusal is reported as a
// *tip.SendError so the worker can tell a rate limit from an outage from a
// permanent refusal.
type Sender interface {
	Send(ctx context.Context, m tip.OutboxMessage) (sentIDs []int64, err error)
}

// Options tune a Worker. Zero values take the documented defaults.
type Options struct {
	// Batch is the most rows fetched per round (default 64).
	Batch int
	// Parallel is the most sends in flight at once, each to a different
	// target (default 8).
	Parallel int
	// Backoff computes the delay before retrying after a temporary or
	// permanent error (default DefaultBackoff).
	Backoff func(attempts int, kind tip.SendErrorKind) time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Idle is the longest the worker sleeps when nothing is pending, as a
	// safety net for rows written by another process (default 5s).
	Idle time.Duration
	// Grace is how long sends already in flight may still run after the
	// context of Run is done (default 10s).
	Grace time.Duration
}

// Worker delivers outbox messages. Create it with New and run it with Run.
type Worker struct {
	store tip.OutboxStore
	send  Sender
	log   *slog.Logger
	opt   Options
	wake  chan struct{}
}

// New returns a worker that drains store through send.
func New(store tip.OutboxStore, send Sender, log *slog.Logger, opt Options) *Worker {
	if opt.Batch <= 0 {
		opt.Batch = 64
	}
	if opt.Parallel <= 0 {
		opt.Parallel = 8
	}
	if opt.Backoff == nil {
		opt.Backoff = DefaultBackoff
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Idle <= 0 {
		opt.Idle = 5 * time.Second
	}
	if opt.Grace <= 0 {
		opt.Grace = 10 * time.Second
	}
	return &Worker{store: store, send: send, log: log, opt: opt, wake: make(chan struct{}, 1)}
}

// Notify tells the worker that new rows were enqueued. It never blocks.
func (w *Worker) Notify() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run delivers messages until ctx is done. No send starts after that;
// sends already in flight get Options.Grace to finish, and Run returns once
// they have. Run returns nil on cancellation.
func (w *Worker) Run(ctx context.Context) error {
	for {
		n, err := w.Round(ctx)
		if err != nil && ctx.Err() == nil {
			w.log.Error("relay round failed", "err", err)
		}
		if ctx.Err() != nil {
			return nil
		}
		if n > 0 {
			continue
		}
		wait := w.opt.Idle
		if next, ok, err := w.store.NextAttempt(ctx); err == nil && ok {
			if d := next.Sub(w.opt.Now()); d < wait {
				wait = d
			}
		}
		if wait <= 0 {
			continue
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-w.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// Round sends the messages that are due now, at most one per target, and
// returns how many it attempted. When ctx ends during the round, the sends
// in flight get Options.Grace to finish.
func (w *Worker) Round(ctx context.Context) (int, error) {
	due, err := w.store.Due(ctx, w.opt.Now(), w.opt.Batch)
	if err != nil {
		return 0, fmt.Errorf("fetch due messages: %w", err)
	}
	sendCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	finished := make(chan struct{})
	defer close(finished)
	go func() {
		select {
		case <-finished:
		case <-ctx.Done():
			t := time.NewTimer(w.opt.Grace)
			defer t.Stop()
			select {
			case <-finished:
			case <-t.C:
				cancel()
			}
		}
	}()
	sem := make(chan struct{}, w.opt.Parallel)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var errs []error
	for _, m := range due {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if err := w.deliver(sendCtx, m); err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return len(due), errors.Join(errs...)
}

// deliver sends one row and records the outcome. Recording uses a context
// detached from cancellation so that a send Telegram accepted is always
// marked sent, even during shutdown.
func (w *Worker) deliver(ctx context.Context, m tip.OutboxMessage) error {
	ids, err := w.send.Send(ctx, m)
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	log := w.log.With("outbox_id", m.ID, "tip", m.TipID, "target", m.Target.String(), "kind", m.Kind, "purpose", m.Purpose)
	if err == nil {
		if err := w.store.MarkSent(rec, m.ID, ids, w.opt.Now()); err != nil {
			return fmt.Errorf("mark outbox %d sent: %w", m.ID, err)
		}
		log.Debug("relayed", "message_ids", ids)
		return nil
	}
	if ctx.Err() != nil {
		// Shutting down: the attempt did not complete; try again next start
		// without counting it as a failure.
		return nil
	}
	var se *tip.SendError
	if errors.As(err, &se) && se.Kind == tip.SendRejected {
		log.Error("message rejected by Telegram; giving up on it", "err", err)
		if err := w.store.MarkFailed(rec, m.ID, err.Error()); err != nil {
			return fmt.Errorf("mark outbox %d failed: %w", m.ID, err)
		}
		return nil
	}
	delay, kind := w.retryDelay(m, err)
	if kind == tip.SendPermanent {
		log.Error("send refused permanently; will retry", "err", err, "retry_in", delay, "attempts", m.Attempts+1)
	} else {
		log.Warn("send failed; will retry", "err", err, "retry_in", delay, "attempts", m.Attempts+1)
	}
	if err := w.store.MarkRetry(rec, m.ID, w.opt.Now().Add(delay), err.Error()); err != nil {
		return fmt.Errorf("mark outbox %d for retry: %w", m.ID, err)
	}
	return nil
}

func (w *Worker) retryDelay(m tip.OutboxMessage, err error) (time.Duration, tip.SendErrorKind) {
	var se *tip.SendError
	if !errors.As(err, &se) {
		return w.opt.Backoff(m.Attempts+1, tip.SendTemporary), tip.SendTemporary
	}
	if se.Kind == tip.SendRateLimited && se.RetryAfter > 0 {
		return se.RetryAfter, se.Kind
	}
	return w.opt.Backoff(m.Attempts+1, se.Kind), se.Kind
}
