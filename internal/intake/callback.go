package intake

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// onCallback handles a button press. Every press is answered, through the
// outbox, so the reporter's phone stops its spinner; a triage press by the
// tip's reporter or an admin sets the field at once and brings every
// message that shows the tip up to date.
func (s *txn) onCallback(ctx context.Context, upd botapi.Update) error {
	cb := upd.Callback
	if id, st, ok := parseStatusPress(cb.Data); ok {
		return s.onStatusPress(ctx, cb, id, st)
	}
	if id, ok := parseUnfold(cb.Data); ok {
		return s.onUnfoldPress(ctx, cb, id)
	}
	if id, page, ok := parseSearchPress(cb.Data); ok {
		return s.onSearchPress(ctx, cb, id, page)
	}
	press, ok := parsePress(cb.Data)
	if !ok {
		return s.answer(ctx, cb, s.set.Texts.ButtonStale())
	}
	t, err := s.tx.Tips().Get(ctx, press.tipID)
	if errors.Is(err, tip.ErrNotFound) {
		return s.answer(ctx, cb, s.set.Texts.ButtonStale())
	}
	if err != nil {
		return fmt.Errorf("load tip %d: %w", press.tipID, err)
	}
	if cb.From.ID != t.Reporter.ID && !s.svc.admins[cb.From.ID] {
		s.log.Warn("triage press refused", "tip", t.ID, "user_id", cb.From.ID)
		err := s.tx.Audit().Audit(ctx, tip.AuditEntry{
			At: s.set.Now(), ActorID: cb.From.ID, Action: "triage_refused",
			Subject: fmt.Sprintf("tip %d", t.ID), Detail: cb.Data,
		})
		if err != nil {
			return fmt.Errorf("audit refused press: %w", err)
		}
		return s.answer(ctx, cb, s.set.Texts.TriageRefused())
	}
	tr, name, ok := s.apply(t.Triage, press)
	if !ok {
		return s.answer(ctx, cb, s.set.Texts.ButtonStale())
	}
	if err := s.answer(ctx, cb, s.set.Texts.TriageSet(t.ID, name)); err != nil {
		return err
	}
	if tr.Region == t.Triage.Region && tr.Category == t.Triage.Category &&
		tr.EffectivePriority() == t.Triage.EffectivePriority() && tr.RegionSource == t.Triage.RegionSource {
		return nil // pressed again: nothing changes
	}
	return s.retriage(ctx, t, tr, cb, press.field)
}

// apply returns triage tr with press applied and the name people read of
// the value; ok is false for a value no longer offered.
func (s *txn) apply(tr tip.Triage, press triagePress) (tip.Triage, string, bool) {
	switch press.field {
	case tip.FieldRegion:
		k := tip.RegionKey(press.key)
		if s.set.Places == nil || !slices.Contains(s.set.Places.Keys(), k) {
			return tr, "", false
		}
		tr.Region, tr.RegionSource, tr.RegionChoices = k, tip.SetByButton, nil
		return tr, s.svc.regionName(k), true
	case tip.FieldCategory:
		c := tip.Category(press.key)
		if !s.svc.offersCategory(c) {
			return tr, "", false
		}
		tr.Category = c
		return tr, s.set.Texts.CategoryName(c), true
	case tip.FieldPriority:
		p, err := tip.ParsePriority(press.key)
		if err != nil {
			return tr, "", false
		}
		tr.Priority = p
		return tr, s.set.Texts.PriorityName(p), true
	}
	return tr, "", false
}

// retriage stores tip t's new triage, audits it, brings the reporter's
// card and every relayed header up to date, and relays the tip to its new
// region's chat if it has not been there.
func (s *txn) retriage(ctx context.Context, t tip.Tip, tr tip.Triage, cb *botapi.Callback, field tip.TriageField) error {
	old, by := t.Triage, cb.From.ID
	if err := s.tx.Tips().SetTriage(ctx, t.ID, tr); err != nil {
		return fmt.Errorf("set triage: %w", err)
	}
	t.Triage = tr
	err := s.tx.Audit().Audit(ctx, tip.AuditEntry{
		At: s.set.Now(), ActorID: by, Action: "triage_set", Subject: fmt.Sprintf("tip %d", t.ID),
		Detail: fmt.Sprintf("%s: %q -> %q", field, triageValue(old, field), triageValue(tr, field)),
	})
	if err != nil {
		return fmt.Errorf("audit triage: %w", err)
	}
	s.log.Info("tip triaged", "tip", t.ID, "by", by, "field", field.String(), "value", triageValue(tr, field))
	if tr.EffectivePriority() == tip.PriorityUrgent && old.EffectivePriority() != tip.PriorityUrgent {
		// Made darurat while its messages wait: they jump the queues.
		if _, err := s.tx.Outbox().MakeUrgent(ctx, t.ID); err != nil {
			return err
		}
	}
	rows, err := s.tx.Outbox().ByTip(ctx, t.ID)
	if err != nil {
		return fmt.Errorf("rows of tip %d: %w", t.ID, err)
	}
	if err := s.refresh(ctx, t, rows, cb); err != nil {
		return err
	}
	if tr.Region != old.Region {
		if err := s.route(ctx, t, rows); err != nil {
			return err
		}
	}
	s.dirty = true
	return nil
}

// refresh brings the messages showing tip t up to date: the card whose
// button was pressed (the acknowledgement or a /laporan card, with its
// buttons) and the header of each relayed copy. A row still waiting is
// rewritten; a sent one gets an edit, which a later edit of the same
// message replaces while both wait. Only the pressed card is edited: an
// acknowledgement merged with others under a flood has no buttons and
// shares its message with other tips. A nil cb edits no card (a change
// no button caused, such as a repeat's count).
func (s *txn) refresh(ctx context.Context, t tip.Tip, rows []tip.OutboxMessage, cb *botapi.Callback) error {
	now := s.set.Now()
	card := s.set.Texts.AckCard(t, s.svc.regionName(t.Triage.Region))
	keyboard := s.svc.keyboard(t)
	relayed := map[tip.Target][]tip.OutboxMessage{}
	for _, m := range rows {
		if m.Purpose == tip.PurposeRelay && m.EditOf == 0 {
			relayed[m.Target] = append(relayed[m.Target], m)
		}
	}
	pressed := pressedCards(rows, cb)
	for _, m := range rows {
		var kind tip.OutboxKind
		var newText string
		var buttons [][]tip.Button
		switch {
		case isCard(m):
			if !pressed[m.ID] {
				continue
			}
			kind, newText, buttons = tip.EditText, card, keyboard
		default:
			k, ok := headerRow(m)
			if !ok || m.EditOf != 0 {
				continue
			}
			fresh := s.relayRows(t, m.Target)
			if len(relayed[m.Target]) == 0 || relayed[m.Target][0].ID != m.ID || len(fresh) == 0 {
				continue // not the row that carries the header in its chat
			}
			if fresh[0].Kind != m.Kind {
				// The longer header no longer fits the message it rides
				// on: editing it would drop the staff's own text.
				s.log.Info("header not edited: it no longer fits its message", "tip", t.ID, "outbox_id", m.ID)
				continue
			}
			kind, newText, buttons = k, fresh[0].Text, fresh[0].Buttons
		}
		if err := s.update(ctx, m, kind, newText, buttons, now); err != nil {
			return err
		}
	}
	return nil
}

// isCard reports whether row m is a card with triage buttons in a private
// chat: an acknowledgement or a /laporan card.
func isCard(m tip.OutboxMessage) bool {
	return (m.Purpose == tip.PurposeAck || m.Purpose == tip.PurposeNotice) && m.Target.ChatID > 0 &&
		m.Kind == tip.SendText && len(m.Buttons) > 0 && m.EditOf == 0
}

// pressedCards returns the card rows the press came from: the one whose
// sent message was pressed or, while that row's send is still being
// recorded (the press can come first), the cards in that chat not yet
// marked sent; their edit waits for the send (see the relay's edits).
func pressedCards(rows []tip.OutboxMessage, cb *botapi.Callback) map[int64]bool {
	exact, waiting := map[int64]bool{}, map[int64]bool{}
	if cb == nil {
		return exact
	}
	for _, m := range rows {
		if !isCard(m) || m.Target.ChatID != cb.ChatID {
			continue
		}
		switch {
		case slices.Contains(m.SentMessageIDs, cb.MessageID):
			exact[m.ID] = true
		case m.Status == tip.OutboxPending:
			waiting[m.ID] = true
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return waiting
}

// update makes row m show text and buttons: rewritten while it waits,
// edited once sent. A failed row has nothing to edit.
func (s *txn) update(ctx context.Context, m tip.OutboxMessage, kind tip.OutboxKind, text string, buttons [][]tip.Button, now time.Time) error {
	switch m.Status {
	case tip.OutboxPending:
		done, err := s.tx.Outbox().Rewrite(ctx, m.ID, text, buttons, now)
		if err != nil || done {
			return err
		}
		// Being sent right now: edit it once it is.
	case tip.OutboxFailed:
		return nil
	case tip.OutboxSent:
		// A tip merged into a backlog summary shares its message with
		// other tips: an edit would replace them all.
		if merged, err := s.tx.Outbox().Merged(ctx, m.ID); err != nil || merged {
			return err
		}
	}
	err := s.tx.Outbox().Enqueue(ctx, tip.OutboxMessage{
		TipID: m.TipID, Purpose: m.Purpose, Target: m.Target, Kind: kind,
		Text: text, Buttons: buttons, EditOf: m.ID,
	})
	if err != nil {
		return fmt.Errorf("queue edit of outbox %d: %w", m.ID, err)
	}
	return nil
}

// route relays tip t to its region's chat, once: not when a relay to that
// chat exists already (a region set back and forth), and with dedupe keys
// so that a press handled twice relays once.
func (s *txn) route(ctx context.Context, t tip.Tip, rows []tip.OutboxMessage) error {
	target, ok := s.set.Regions[t.Triage.Region]
	if !ok || target == s.set.Relay || t.DuplicateOf != 0 {
		return nil // a repeat is not relayed
	}
	for _, m := range rows {
		if m.Purpose == tip.PurposeRelay && m.Target.ChatID == target.ChatID {
			return nil
		}
	}
	msgs := s.relayRows(t, target)
	for i := range msgs {
		msgs[i].DedupeKey = routeKey(t.ID, target.ChatID, i)
	}
	if err := s.tx.Outbox().Enqueue(ctx, msgs...); err != nil {
		return fmt.Errorf("route tip %d: %w", t.ID, err)
	}
	s.log.Info("tip routed to its region", "tip", t.ID, "region", t.Triage.Region, "chat", target.ChatID)
	return nil
}

// answer queues the answer to a button press.
func (s *txn) answer(ctx context.Context, cb *botapi.Callback, notice string) error {
	err := s.tx.Outbox().Enqueue(ctx, tip.OutboxMessage{
		Purpose: tip.PurposeNotice, Target: tip.Target{ChatID: cb.From.ID}, Kind: tip.AnswerCallback,
		CallbackID: cb.ID, Text: notice, DedupeKey: "answer:" + cb.ID,
	})
	if err != nil {
		return fmt.Errorf("queue answer: %w", err)
	}
	s.dirty = true
	return nil
}

// triageValue returns the key field has in tr, for logs and audit rows.
func triageValue(tr tip.Triage, field tip.TriageField) string {
	switch field {
	case tip.FieldRegion:
		return string(tr.Region)
	case tip.FieldCategory:
		return string(tr.Category)
	}
	return string(tr.EffectivePriority())
}
