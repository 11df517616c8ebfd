package intake

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Escalation (TIPRELAY_ESCALATE_AFTER, DESIGN.md "Escalation"): a relayed
// tip that no officer gave a status gets one reminder in each chat it was
// relayed to, as a reply to its message there, once the relay to that
// chat is EscalateAfter old (a third of it for an urgent tip). When the
// tip's first relay is twice that old, each admin is told in private,
// once. Everything owed is an outbox row with a dedupe key, so a pass
// repeated, or run again by a new process after a restart, queues
// nothing twice; a status set meanwhile cancels the rows still waiting
// (see setStatus) and takes the tip out of Unanswered.

// maxUnanswered bounds the relays one escalation pass reads. They come
// oldest first, and the oldest tips leave the list as they are
// escalated, so a longer list is worked through over the next passes.
const maxUnanswered = 1000

// Escalate runs one escalation pass at the service's clock's now, in one
// transaction: it queues the reminders and the admins' alerts that are
// due and were not queued before, and returns how many it queued. It
// does nothing when escalation is off (EscalateAfter <= 0).
func (s *Service) Escalate(ctx context.Context) (reminders, alerts int, err error) {
	after := s.set.EscalateAfter
	if after <= 0 {
		return 0, 0, nil
	}
	now := s.set.Now()
	err = s.inTx(ctx, func(t *txn) error {
		var err error
		reminders, alerts, err = t.escalate(ctx, now, after, maxUnanswered)
		return err
	})
	if err != nil {
		return 0, 0, fmt.Errorf("escalate: %w", err)
	}
	return reminders, alerts, nil
}

// escalationTick is how often runEscalation looks for tips to escalate:
// a sixth of after, so that a reminder comes at most that late, between
// 5 seconds and a minute.
func escalationTick(after time.Duration) time.Duration {
	return min(max(after/6, 5*time.Second), time.Minute)
}

// runEscalation runs an escalation pass now, and then every
// escalationTick, until ctx is done; a failed pass is logged and the
// next one tries again. It returns at once when escalation is off.
func (s *Service) runEscalation(ctx context.Context) {
	after := s.set.EscalateAfter
	if after <= 0 {
		return
	}
	tick := time.NewTicker(escalationTick(after))
	defer tick.Stop()
	for {
		if _, _, err := s.Escalate(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("escalation pass failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// escalate is an escalation pass at now over at most limit relays.
//
// A tip leaves Unanswered (EndEscalation) once its admins' alert is due
// and every chat it went to is owed its reminder: a chat the tip reached
// late (a region set long after the relay) still gets its reminder when
// its own relay is old enough, after the admins were told.
func (t *txn) escalate(ctx context.Context, now time.Time, after time.Duration, limit int) (reminders, alerts int, err error) {
	// Every relay sent so far, not only those old enough for a reminder:
	// whether a tip may end depends on all the chats it went to.
	list, err := t.tx.Statuses().Unanswered(ctx, now, limit)
	if err != nil {
		return 0, 0, err
	}
	tips := byTip(list)
	for i, relays := range tips {
		need := after
		if relays[0].Urgent {
			need = after / 3
		}
		first := relays[0].SentAt // oldest first
		allDue := true
		for _, r := range relays {
			if now.Before(r.SentAt.Add(need)) {
				allDue = false
				continue
			}
			n, err := t.remind(ctx, r, now)
			if err != nil {
				return 0, 0, err
			}
			reminders += n
		}
		if now.Before(first.Add(2 * need)) {
			continue
		}
		n, err := t.alertAdmins(ctx, relays, now.Sub(first))
		if err != nil {
			return 0, 0, err
		}
		alerts += n
		// The last tip of a full list may have relays past the limit,
		// which would never be reminded once it ended.
		complete := len(list) < limit || i < len(tips)-1
		if !allDue || !complete {
			continue
		}
		if err := t.tx.Statuses().EndEscalation(ctx, relays[0].TipID); err != nil {
			return 0, 0, err
		}
		if len(t.set.AdminIDs) == 0 {
			if err := t.audit(ctx, 0, "tip_escalated", relays[0].TipID, "no admins to tell"); err != nil {
				return 0, 0, err
			}
		}
	}
	return reminders, alerts, nil
}

// byTip groups relays by tip, keeping their order.
func byTip(relays []tip.Reminder) [][]tip.Reminder {
	var out [][]tip.Reminder
	at := map[int64]int{}
	for _, r := range relays {
		i, ok := at[r.TipID]
		if !ok {
			i = len(out)
			at[r.TipID] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], r)
	}
	return out
}

// remind queues the reminder relay r is owed, as a reply to the tip's
// message in r's chat, unless it was queued before, and returns how many
// rows it queued (0 or 1). The reminder of a tip that is not urgent may
// be folded into a backlog summary; an urgent one jumps the queue.
func (t *txn) remind(ctx context.Context, r tip.Reminder, now time.Time) (int, error) {
	key := "remind:" + strconv.FormatInt(r.TipID, 10) + ":" + strconv.FormatInt(r.Target.ChatID, 10) +
		":" + strconv.FormatInt(r.Target.ThreadID, 10)
	if done, err := queued(ctx, t.tx.Outbox(), key); err != nil || done {
		return 0, err
	}
	text := t.set.Texts.Reminder(r.TipID, now.Sub(r.SentAt), r.Urgent)
	m := tip.OutboxMessage{
		TipID: r.TipID, Purpose: tip.PurposeReminder, Target: r.Target, Kind: tip.SendText,
		Text: text, ReplyTo: r.MessageID, DedupeKey: key, Urgent: r.Urgent,
	}
	if !r.Urgent {
		m.Coalesce, m.Compact = true, text
	}
	if err := t.tx.Outbox().Enqueue(ctx, m); err != nil {
		return 0, fmt.Errorf("queue reminder of tip %d to %s: %w", r.TipID, r.Target, err)
	}
	t.dirty = true
	t.log.Info("tip reminder queued", "tip", r.TipID, "target", r.Target.String(), "urgent", r.Urgent)
	return 1, nil
}

// alertAdmins tells every admin in private that the tip of relays has had
// no status for age, naming the units of the chats it went to, unless
// they were told before; it returns how many alerts it queued. The first
// time, the escalation is audited.
func (t *txn) alertAdmins(ctx context.Context, relays []tip.Reminder, age time.Duration) (int, error) {
	r := relays[0]
	var units []string
	for _, x := range relays {
		if u := t.svc.unitOf(x.Target.ChatID); !slices.Contains(units, u) {
			units = append(units, u)
		}
	}
	text := t.set.Texts.Escalation(r.TipID, age, units, r.Reporter)
	n := 0
	for _, admin := range t.set.AdminIDs {
		key := "escalate:" + strconv.FormatInt(r.TipID, 10) + ":" + strconv.FormatInt(admin, 10)
		done, err := queued(ctx, t.tx.Outbox(), key)
		if err != nil {
			return 0, err
		}
		if done {
			continue
		}
		err = t.tx.Outbox().Enqueue(ctx, tip.OutboxMessage{
			TipID: r.TipID, Purpose: tip.PurposeEscalation, Target: tip.Target{ChatID: admin}, Kind: tip.SendText,
			Text: text, DedupeKey: key, Urgent: r.Urgent,
		})
		if err != nil {
			return 0, fmt.Errorf("queue escalation of tip %d to admin %d: %w", r.TipID, admin, err)
		}
		n++
	}
	if n == 0 {
		return 0, nil
	}
	t.dirty = true
	t.log.Info("tip escalated to the admins", "tip", r.TipID, "age", age.Round(time.Second).String(), "admins", n)
	detail := fmt.Sprintf("no status after %s; sent to %v; %d admins told", age.Round(time.Second), units, n)
	if err := t.audit(ctx, 0, "tip_escalated", r.TipID, detail); err != nil {
		return 0, err
	}
	return n, nil
}

// queued reports whether q already holds a row enqueued with key, so that
// Escalate counts only the rows it really writes.
func queued(ctx context.Context, q tip.Queue, key string) (bool, error) {
	_, err := q.ByDedupeKey(ctx, key)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, tip.ErrNotFound):
		return false, nil
	default:
		return false, fmt.Errorf("look up outbox row %q: %w", key, err)
	}
}
