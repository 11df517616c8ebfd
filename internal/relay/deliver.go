package relay

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// deliver sends d and records the outcome. Recording uses a context
// detached from cancellation so that a send Telegram accepted is always
// marked sent, even during shutdown.
func (w *Worker) deliver(ctx context.Context, d delivery) {
	head := d.rows[0]
	log := w.log.With("outbox_id", head.ID, "tip", head.TipID, "target", head.Target.String(),
		"kind", d.msg.Kind, "purpose", head.Purpose, "rows", len(d.rows))
	start := time.Now()
	ids, err := w.send.Send(ctx, d.msg)
	took := time.Since(start)
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	now := w.opt.Now()
	if err == nil {
		w.observe(SendOK, took)
		if d.merged() {
			err = w.store.MarkSentMany(rec, d.ids(), ids, now)
		} else {
			err = w.store.MarkSent(rec, head.ID, ids, now)
		}
		if err != nil {
			log.Error("record sent message; it may be sent again", "err", err, "message_ids", ids)
			return
		}
		log.Debug("delivered", "message_ids", ids)
		w.forgetNoMerge(head.ID)
		if head.Kind != tip.AnswerCallback {
			// An answer is not a message: it proves nothing about the chat.
			w.recovered(rec, head.Target.ChatID)
		}
		return
	}
	if ctx.Err() != nil {
		// Cancelled at shutdown: not a failure; the row is tried again at
		// the next start.
		return
	}
	w.observe(outcome(d, err), took)
	if err := w.failed(rec, d, err, now); err != nil {
		log.Error("record failed send", "err", err)
	}
}

// failed decides what a refusal means for the rows of d. Keep outcome
// (observe.go), which names its cases for the metrics, in step.
func (w *Worker) failed(ctx context.Context, d delivery, sendErr error, now time.Time) error {
	head := d.rows[0]
	chat := head.Target.ChatID
	log := w.log.With("outbox_id", head.ID, "target", head.Target.String(), "err", sendErr, "attempts", head.Attempts+1)
	se := &tip.SendError{Kind: tip.SendTemporary, Err: sendErr}
	errors.As(sendErr, &se)
	retry := func(after time.Duration) error {
		return w.store.MarkRetry(ctx, head.ID, now.Add(after), sendErr.Error())
	}
	switch {
	case se.Kind == tip.SendRejected && d.merged():
		// The merged text was refused: send the rows one by one instead.
		log.Warn("merged message rejected; sending the rows one by one")
		w.mu.Lock()
		w.noMerge[head.ID] = true
		w.mu.Unlock()
		return retry(0)
	case se.Kind == tip.SendRejected, se.Kind == tip.SendPermanent && (chat > 0 || head.Kind == tip.AnswerCallback):
		// The message itself cannot be delivered (e.g. its original was
		// deleted), or a user blocked the bot, or a button press cannot
		// be answered (an answer is not sent to the chat, so the chat is
		// not failing): keep the row as failed and let the rows behind it
		// go. Every row of a merged send (acks to
		// a user who blocked the bot) fails with it: each would be
		// refused alike.
		log.Error("message refused by Telegram; marked failed")
		w.forgetNoMerge(head.ID)
		for _, id := range d.ids() {
			if err := w.store.MarkFailed(ctx, id, sendErr.Error()); err != nil {
				return err
			}
		}
		return nil
	case se.Kind == tip.SendMigrated && se.MigrateTo != 0:
		moved, err := w.store.Retarget(ctx, chat, se.MigrateTo, now)
		if err != nil {
			return fmt.Errorf("follow migration: %w", err)
		}
		log.Warn("group became a supergroup; following it", "new_chat_id", se.MigrateTo, "moved", moved)
		w.Notify() // the moved rows wait for the new chat's dispatch
		w.alert(ctx, fmt.Sprintf("alert:migrated:%d:%d", chat, se.MigrateTo), w.opt.Texts.ChatMigrated(chat, se.MigrateTo))
		return nil
	case se.Kind == tip.SendPermanent:
		newly, err := w.store.SetTargetFailing(ctx, chat, now, sendErr.Error())
		if err != nil {
			return fmt.Errorf("mark target failing: %w", err)
		}
		// Record the retry before telling anyone, so that a /relay_retry
		// prompted by the alert cannot be overtaken by this write.
		if err := retry(w.opt.Backoff(head.Attempts+1, tip.SendPermanent)); err != nil {
			return err
		}
		// Whoever marked it first (this worker, an earlier run, or
		// digest --send), a later success here must clear it.
		w.mu.Lock()
		w.failing[chat] = true
		w.mu.Unlock()
		if newly {
			log.Error("chat refuses the bot; its messages are kept and retried")
			w.alert(ctx, fmt.Sprintf("alert:failing:%d:%d", chat, now.UnixMilli()), w.opt.Texts.TargetFailing(chat, sendErr.Error()))
		}
		return nil
	case se.Kind == tip.SendRateLimited && se.RetryAfter > 0:
		log.Warn("rate limited by Telegram", "retry_after", se.RetryAfter)
		return retry(se.RetryAfter)
	default:
		delay := w.opt.Backoff(head.Attempts+1, tip.SendTemporary)
		log.Warn("send failed; will retry", "retry_in", delay)
		return retry(delay)
	}
}

// recovered clears the failing state of a chat that accepted a message,
// and tells the admins. It costs nothing for a chat not marked failing.
func (w *Worker) recovered(ctx context.Context, chat int64) {
	w.mu.Lock()
	failing := w.failing[chat]
	w.mu.Unlock()
	if !failing {
		return
	}
	was, err := w.store.ClearTargetFailing(ctx, chat)
	if err != nil {
		w.log.Error("clear failing target", "chat", chat, "err", err)
		return
	}
	w.mu.Lock()
	delete(w.failing, chat)
	w.mu.Unlock()
	if was {
		w.log.Info("chat accepts messages again", "chat", chat)
		w.alert(ctx, fmt.Sprintf("alert:recovered:%d:%d", chat, w.opt.Now().UnixMilli()), w.opt.Texts.TargetRecovered(chat))
	}
}

// loadFailing reads the chats marked failing, by this worker's earlier
// runs, by intake or by another process.
func (w *Worker) loadFailing(ctx context.Context) {
	failing, err := w.store.FailingTargets(ctx)
	if err != nil {
		if ctx.Err() == nil {
			w.log.Warn("read failing targets", "err", err)
		}
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, f := range failing {
		w.failing[f.ChatID] = true
	}
}

// forgetNoMerge drops the mark that head's merged send was rejected, once
// head is dealt with.
func (w *Worker) forgetNoMerge(head int64) {
	w.mu.Lock()
	delete(w.noMerge, head)
	w.mu.Unlock()
}

// alert queues text to every admin's private chat; key makes it once only.
func (w *Worker) alert(ctx context.Context, key, text string) {
	var msgs []tip.OutboxMessage
	for _, id := range w.opt.Admins {
		msgs = append(msgs, tip.OutboxMessage{
			Purpose: tip.PurposeNotice, Target: tip.Target{ChatID: id}, Kind: tip.SendText,
			Text: text, DedupeKey: fmt.Sprintf("%s:%d", key, id),
		})
	}
	if len(msgs) == 0 {
		return
	}
	if err := w.store.Enqueue(ctx, msgs...); err != nil {
		w.log.Error("queue admin alert", "err", err)
		return
	}
	w.Notify()
}
