package relay

import (
	"context"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// dispatch starts a send for every due target that is not busy and whose
// rate allows it, and returns how long to wait before looking again. It
// first reads the chats marked failing: others mark them too (intake when
// a chat removes the bot, a migration moving a chat's state, `tiprelay
// digest --send`), and a later success here must clear them.
func (w *Worker) dispatch(ctx, sendCtx context.Context) time.Duration {
	w.loadFailing(ctx)
	now := w.opt.Now()
	wait := w.opt.Idle
	due, err := w.store.Due(ctx, now, w.opt.Batch)
	if err != nil {
		return w.storeError(ctx, "fetch due messages", err)
	}
	var batch []ready
	for _, m := range due {
		r, pw, ok := w.prepare(ctx, m, now)
		if ok {
			batch = append(batch, r)
		}
		wait = min(wait, pw)
	}
	wait = min(wait, w.launch(ctx, sendCtx, batch, now))
	if next, ok, err := w.store.NextAttempt(ctx, now); err == nil && ok {
		wait = min(wait, next.Sub(now))
	}
	return wait
}

// dispatchTargets looks again at the lanes whose send just finished: the
// next head of a target's queue may be due (an answer's lane has nothing
// after it). It returns how long until one of them may send.
func (w *Worker) dispatchTargets(ctx, sendCtx context.Context, lanes []lane) time.Duration {
	now := w.opt.Now()
	wait := w.opt.Idle
	var batch []ready
	for _, l := range lanes {
		if l.answer != 0 {
			continue
		}
		heads, err := w.store.Pending(ctx, l.target, 1)
		if err != nil {
			wait = w.storeError(ctx, "read next message", err, "target", l.target.String())
			break
		}
		if len(heads) == 0 {
			continue
		}
		if next := heads[0].NextAttemptAt; next.After(now) {
			wait = min(wait, next.Sub(now))
			continue
		}
		r, pw, ok := w.prepare(ctx, heads[0], now)
		if ok {
			batch = append(batch, r)
		}
		wait = min(wait, pw)
	}
	return min(wait, w.launch(ctx, sendCtx, batch, now))
}

// lane is what a send holds while it is in flight: the queue of a target,
// whose rows go one at a time and in order, or one answer to a button
// press (answer is its row), which is not a message and waits for no
// queue.
type lane struct {
	target tip.Target
	answer int64
}

// laneOf returns the lane that sending m holds.
func laneOf(m tip.OutboxMessage) lane {
	if m.Kind == tip.AnswerCallback {
		return lane{target: m.Target, answer: m.ID}
	}
	return lane{target: m.Target}
}

// ready is a delivery that is planned, booked in the pacer and holds its
// lane; launch leases it and sends it.
type ready struct {
	d      delivery
	lane   lane // the lane claimed and released
	booked time.Time
}

// prepare plans the delivery of m, the head of its target's queue or an
// answer to a button press, when its lane is free and its rate allows.
// Otherwise it reports false and how long to wait (Idle when only another
// send's end can change things).
//
// An answer counts against no rate, not even the global one: Telegram's
// limits are on messages, and an answer is not one; it is never held for
// a busy intake nor merged. An edit counts like a message, and goes only
// once the row it edits is sent (see resolveEdit). A relayed message is
// sent silently in the quiet hours unless it is urgent.
func (w *Worker) prepare(ctx context.Context, m tip.OutboxMessage, now time.Time) (ready, time.Duration, bool) {
	answer := m.Kind == tip.AnswerCallback
	// Every send is at least one message: a target whose window is full
	// is skipped before anything is read for it.
	if pw := w.pace.peek(m.Target.ChatID, 1, now); pw > 0 && !answer {
		return ready{}, pw, false
	}
	if hold := w.ackHold(m, now); hold > 0 {
		return ready{}, hold, false
	}
	l := laneOf(m)
	if !w.claim(l) {
		return ready{}, w.opt.Idle, false // in flight, or the parallel cap is reached; its end wakes us
	}
	// m may have been read before the claim: a send to this target may
	// have finished in between, so make sure it is still waiting. Get
	// also loads the whole row, file included.
	cur, err := w.store.Get(ctx, m.ID)
	if err != nil || cur.Status != tip.OutboxPending || cur.NextAttemptAt.After(now) {
		w.release(l)
		return ready{}, w.opt.Idle, false
	}
	if cur.IsEdit() {
		if wait, ok := w.resolveEdit(ctx, &cur, now); !ok {
			w.release(l)
			return ready{}, wait, false
		}
	}
	d, err := w.plan(ctx, cur)
	if err != nil {
		w.release(l)
		return ready{}, w.storeError(ctx, "plan delivery", err, "outbox_id", m.ID), false
	}
	booked := w.opt.Now()
	if pw := w.pace.reserve(m.Target.ChatID, d.parts(), booked); pw > 0 {
		w.release(l)
		return ready{}, pw, false
	}
	d.msg.Silent = w.silent(d.msg, booked)
	return ready{d: d, lane: l, booked: booked}, w.opt.Idle, true
}

// ackHold returns how much longer ack m waits because intake is busy, or
// 0 if it may go now.
func (w *Worker) ackHold(m tip.OutboxMessage, now time.Time) time.Duration {
	if w.opt.Busy == nil || !m.IsAck() {
		return 0
	}
	left := m.CreatedAt.Add(w.opt.AckHold).Sub(now)
	if left <= 0 || !w.opt.Busy() {
		return 0
	}
	return left
}

// launch leases the head rows of batch, all in one write, and starts the
// send of each one leased. The lease comes last, right before sending, so
// that no path leaves a lease behind without a send: it keeps another
// process on the same database from sending the row too. It returns how
// long to wait before looking again.
func (w *Worker) launch(ctx, sendCtx context.Context, batch []ready, now time.Time) time.Duration {
	if len(batch) == 0 {
		return w.opt.Idle
	}
	ids := make([]int64, len(batch))
	for i, r := range batch {
		ids[i] = r.d.rows[0].ID
	}
	leased, err := w.store.LeaseMany(ctx, ids, w.opt.Owner, now, now.Add(w.opt.LeaseTTL))
	wait := w.opt.Idle
	if err != nil {
		// Nothing was leased: every row below is let go.
		wait = w.storeError(ctx, "lease outbox rows", err, "outbox_ids", ids)
	}
	for _, r := range batch {
		l, chat := r.lane, r.lane.target.ChatID
		if !leased[r.d.rows[0].ID] {
			w.pace.unbook(chat, r.d.parts(), r.booked)
			w.release(l)
			if err == nil {
				wait = time.Second // held by another process: look again soon
			}
			continue
		}
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			w.reread(ctx, &r.d)
			w.deliver(sendCtx, r.d)
			w.pace.settle(chat, r.d.parts(), r.booked, w.opt.Now())
			w.release(l)
			select {
			case w.finished <- l:
			default:
				w.Notify() // the queue of finished targets is full: read them all
			}
		}()
	}
	return wait
}

// reread brings a single row's text and buttons up to date once it is
// leased. Intake rewrites a waiting row in place (a triage press, a
// repeat's count) unless it is leased: a rewrite between prepare's read
// and the lease would otherwise be sent stale, with no edit queued after
// it (found by the repeats benchmark: a header counting 12 of 15
// reports). From the lease on, intake queues an edit instead. A merged
// delivery keeps the texts it was planned with.
func (w *Worker) reread(ctx context.Context, d *delivery) {
	if d.merged() || d.msg.IsEdit() || d.msg.Kind == tip.AnswerCallback {
		return
	}
	cur, err := w.store.Get(ctx, d.rows[0].ID)
	if err != nil || cur.Status != tip.OutboxPending {
		return // the send goes as planned; its outcome is recorded as ever
	}
	d.msg.Text, d.msg.Buttons = cur.Text, cur.Buttons
	d.rows[0].Text, d.rows[0].Buttons = cur.Text, cur.Buttons
}

// takeCapped reports, and clears, whether a dispatch left due rows for
// lack of a free parallel slot; the next dispatch must then be full.
func (w *Worker) takeCapped() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := w.capped
	w.capped = false
	return c
}

// claim marks lane t busy; false if it already is or too many sends are
// in flight.
func (w *Worker) claim(t lane) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.inflight[t] {
		return false
	}
	if len(w.inflight) >= w.opt.Parallel {
		w.capped = true
		return false
	}
	w.inflight[t] = true
	return true
}

func (w *Worker) release(t lane) {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.inflight, t)
}
