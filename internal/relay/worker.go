// Package relay drains the outbox: it delivers every message the bot owes
// to a chat, in order per target (urgent rows first), within Telegram's
// rate limits, retrying until Telegram has accepted it. Edits wait for the
// message they change; answers to button presses wait for nothing. Retry state lives in the outbox rows and
// the pace is rebuilt from them, so both survive restarts.
package relay

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"sync"
	"time"

	"github.com/tiprelay/tiprelay/internal/text"
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
	// Limits are the rates kept per group, per private chat and overall
	// (default: none; cmd wires the configured ones).
	Limits Limits
	// Coalesce merges waiting text-only tips into combined messages when a
	// group's backlog is longer than its limit allows in one window.
	Coalesce bool
	// Texts renders merged acknowledgements, summaries and admin alerts.
	Texts text.Catalog
	// Admins are told in private when a chat fails, recovers or migrates.
	Admins []int64
	// Batch is the most due rows fetched per round (default 64).
	Batch int
	// Parallel is the most sends in flight at once, each to a different
	// target (default 32).
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
	// Owner names this worker in row leases, so that two processes on one
	// database (the bot and `tiprelay digest --send`) never send the same
	// row. Keep it stable across restarts of the same program ("bot"): a
	// restarted bot then takes over the leases its killed predecessor left,
	// instead of waiting LeaseTTL (default: a name unique to this process).
	Owner string
	// LeaseTTL is how long a lease holds a row before another worker may
	// take it over, e.g. after a crash (default 2m; longer than any send).
	LeaseTTL time.Duration
	// Busy, when set, reports whether intake has received updates it has
	// not processed yet. Acknowledgements to staff then wait, at most
	// AckHold after they were queued: under a flood the processor and the
	// database serve the tips first, and the acks that waited go out
	// merged, in far fewer messages. Whoever sets Busy calls Notify when
	// intake has caught up.
	Busy func() bool
	// AckHold bounds how long an acknowledgement waits while Busy
	// (default 1s).
	AckHold time.Duration
	// Location is the local time zone of the quiet hours (default
	// time.Local; cmd passes TIPRELAY_TIMEZONE).
	Location *time.Location
	// Quiet is when relayed messages to police chats that are not urgent
	// go without a notification sound (default 22:00 to 06:00 local time).
	Quiet QuietHours
	// Observer, when set, hears of every send (see observe.go).
	Observer Observer
}

// Worker delivers outbox messages. Create it with New and run it with Run.
type Worker struct {
	store Outbox
	send  Sender
	log   *slog.Logger
	opt   Options
	pace  *pacer
	wake  chan struct{}

	mu       sync.Mutex
	inflight map[lane]bool
	noMerge  map[int64]bool // head rows whose merged send was rejected
	failing  map[int64]bool // chats marked failing
	capped   bool           // a due row waited for a parallel slot
	finished chan lane

	// Used by the Run goroutine only: the delay after storage errors of
	// the dispatch, whether this round had one, and a damaged database.
	storeBackoff time.Duration
	storeFailed  bool
	damaged      error
	wg           sync.WaitGroup
}

// New returns a worker that drains store through send.
func New(store Outbox, send Sender, log *slog.Logger, opt Options) *Worker {
	if opt.Batch <= 0 {
		opt.Batch = 64
	}
	if opt.Parallel <= 0 {
		opt.Parallel = 32
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
	if opt.Texts == (text.Catalog{}) {
		opt.Texts = text.For(text.Indonesian)
	}
	if opt.Owner == "" {
		opt.Owner = fmt.Sprintf("worker-%d-%x", os.Getpid(), rand.Uint32())
	}
	if opt.LeaseTTL <= 0 {
		opt.LeaseTTL = 2 * time.Minute
	}
	if opt.AckHold <= 0 {
		opt.AckHold = time.Second
	}
	if opt.Location == nil {
		opt.Location = time.Local
	}
	if opt.Quiet == (QuietHours{}) {
		opt.Quiet = DefaultQuietHours
	}
	return &Worker{
		store: store, send: send, log: log, opt: opt,
		pace: newPacer(opt.Limits), wake: make(chan struct{}, 1),
		inflight: map[lane]bool{}, noMerge: map[int64]bool{}, failing: map[int64]bool{},
		finished: make(chan lane, 256),
	}
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
// they have. Run returns nil on cancellation, and an error matching
// tip.ErrCorrupt, after the same grace, when the store reports the
// database damaged: retrying cannot help.
func (w *Worker) Run(ctx context.Context) error {
	sendCtx, cancelSends := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelSends()
	w.seedPace(ctx)
	w.loadFailing(ctx)
	// A full dispatch reads the head of every target. When only sends
	// finished, just the targets they freed are looked at again: under a
	// long backlog the full read is the costly part.
	full := true
	var finished []lane
	var wakeAt time.Time
	for ctx.Err() == nil && w.damaged == nil {
		if !w.storeFailed {
			w.storeBackoff = 0 // the last round went through
		}
		w.storeFailed = false
		now := w.opt.Now()
		if capped := w.takeCapped(); full || capped {
			wakeAt = now.Add(w.dispatch(ctx, sendCtx))
		} else if wait := w.dispatchTargets(ctx, sendCtx, finished); wait < wakeAt.Sub(now) {
			wakeAt = now.Add(wait)
		}
		full, finished = false, finished[:0]
		wait := wakeAt.Sub(w.opt.Now())
		if wait <= 0 {
			full = true
			continue
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
		case <-w.wake:
			full = true
		case tg := <-w.finished:
			finished = append(finished, tg)
			for more := true; more; {
				select {
				case tg := <-w.finished:
					finished = append(finished, tg)
				default:
					more = false
				}
			}
		case <-t.C:
			full = true
		}
		t.Stop()
	}
	done := make(chan struct{})
	go func() { w.wg.Wait(); close(done) }()
	t := time.NewTimer(w.opt.Grace)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		w.log.Warn("sends still in flight at the end of the grace period; cancelling them", "grace", w.opt.Grace)
		cancelSends()
		<-done
	}
	if w.damaged != nil {
		return fmt.Errorf("relay: %w", w.damaged)
	}
	return nil
}

// storeError handles a storage error of the dispatch and returns how long
// to wait before looking again: 1 s, doubling up to a minute until a round
// passes without one, so that a full disk is not a log line a second. A
// damaged database (tip.ErrCorrupt) ends Run without a log line: the
// caller reports it.
func (w *Worker) storeError(ctx context.Context, msg string, err error, args ...any) time.Duration {
	if ctx.Err() != nil {
		return w.opt.Idle
	}
	if errors.Is(err, tip.ErrCorrupt) {
		if w.damaged == nil {
			w.damaged = err
		}
		return 0
	}
	if !w.storeFailed {
		w.storeBackoff = min(max(2*w.storeBackoff, time.Second), time.Minute)
		w.storeFailed = true
	}
	w.log.Error(msg, append(args, "err", err, "retry_in", w.storeBackoff)...)
	return w.storeBackoff
}

// seedPace books the sends of the last window, read from the outbox, so
// that a restart does not burst past a chat's limit.
func (w *Worker) seedPace(ctx context.Context) {
	longest := max(w.opt.Limits.Group.Per, w.opt.Limits.Private.Per, w.opt.Limits.Global.Per)
	if longest <= 0 {
		return
	}
	sent, err := w.store.SentSince(ctx, w.opt.Now().Add(-longest))
	if err != nil {
		w.log.Warn("could not read recent sends; pacing starts empty", "err", err)
		return
	}
	// A send counts as the messages Telegram created (its sent ids). The
	// rows of one merged message all carry the same ids: they count once.
	seen := map[string]bool{}
	for _, m := range sent {
		n := m.Parts()
		if len(m.SentMessageIDs) > 0 {
			key := fmt.Sprint(m.Target.ChatID, m.SentMessageIDs)
			if seen[key] {
				continue
			}
			seen[key], n = true, len(m.SentMessageIDs)
		}
		w.pace.record(m.Target.ChatID, n, m.SentAt)
	}
}
