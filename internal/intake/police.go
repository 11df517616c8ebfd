package intake

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// A police status button's callback_data is "s<tip>:<status>", for
// example "s1234:ditindaklanjuti" (at most 36 bytes): like the triage
// buttons, everything a press needs is in it.
const statusPrefix = "s"

// statusData is the callback data of the button setting tip's status.
func statusData(tipID int64, st tip.Status) string {
	return statusPrefix + strconv.FormatInt(tipID, 10) + ":" + string(st)
}

// parseStatusPress decodes callback data; ok is false for data that is not
// a status button.
func parseStatusPress(data string) (tipID int64, st tip.Status, ok bool) {
	rest, ok := strings.CutPrefix(data, statusPrefix)
	if !ok {
		return 0, "", false
	}
	num, key, ok := strings.Cut(rest, ":")
	if !ok {
		return 0, "", false
	}
	id, err := strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 {
		return 0, "", false
	}
	st, err = tip.ParseStatus(key)
	if err != nil || string(st) != key {
		return 0, "", false
	}
	return id, st, true
}

// statusKeyboard returns the police buttons of tip t's relayed message:
// every status, two a row, the current one marked. A repeat has none:
// its status is its original's.
func (s *Service) statusKeyboard(t tip.Tip) [][]tip.Button {
	if t.DuplicateOf != 0 {
		return nil
	}
	all := tip.Statuses()
	rows := make([][]tip.Button, 0, (len(all)+1)/2)
	for i := 0; i < len(all); i += 2 {
		var row []tip.Button
		for _, st := range all[i:min(i+2, len(all))] {
			row = append(row, tip.Button{Text: s.set.Texts.StatusButton(st, st == t.Status.Status), Data: statusData(t.ID, st)})
		}
		rows = append(rows, row)
	}
	return rows
}

// onStatusPress handles a press on a police status button. It is
// accepted only from a member of the chat the button is in (checked
// before the transaction, see Service.memberships), on a message the bot
// sent about that very tip; every press is answered.
func (s *txn) onStatusPress(ctx context.Context, cb *botapi.Callback, tipID int64, st tip.Status) error {
	texts := s.set.Texts
	if cb.ChatID >= 0 || !s.svc.isPoliceChat(cb.ChatID) {
		return s.answer(ctx, cb, texts.ButtonStale())
	}
	row, found, err := s.tx.Outbox().SentAs(ctx, cb.ChatID, cb.MessageID)
	if err != nil {
		return err
	}
	if !found {
		// The press can come before its message's send is recorded:
		// then the tip must at least be on its way to this chat.
		if found, err = s.relayingTo(ctx, tipID, cb.ChatID); err != nil {
			return err
		}
		row.TipID = tipID
	}
	if !found || row.TipID != tipID {
		// Not a message about this tip: a forged or foreign button.
		s.log.Warn("status press on a message not about its tip", "tip", tipID, "chat", cb.ChatID, "message", cb.MessageID, "user_id", cb.From.ID)
		return s.answer(ctx, cb, texts.ButtonStale())
	}
	v := s.member(cb.ChatID, cb.From.ID)
	if v.err != nil {
		s.log.Warn("status press refused: membership unknown", "tip", tipID, "chat", cb.ChatID, "user_id", cb.From.ID, "err", v.err)
		return s.answer(ctx, cb, texts.MembershipUnknown())
	}
	if !v.ok {
		s.log.Warn("status press refused: not a member", "tip", tipID, "chat", cb.ChatID, "user_id", cb.From.ID)
		if err := s.audit(ctx, cb.From.ID, "status_refused", tipID, cb.Data); err != nil {
			return err
		}
		return s.answer(ctx, cb, texts.StatusRefused())
	}
	t, err := s.tx.Tips().Get(ctx, tipID)
	if errors.Is(err, tip.ErrNotFound) {
		return s.answer(ctx, cb, texts.ButtonStale())
	}
	if err != nil {
		return fmt.Errorf("load tip %d: %w", tipID, err)
	}
	if t.Status.Status == st {
		return s.answer(ctx, cb, texts.StatusUnchanged(t.ID, st))
	}
	return s.setStatus(ctx, t, st, cb)
}

// setStatus records officer cb.From's status st for tip t from chat
// cb.ChatID, with its history and audit rows, cancels the reminders still
// waiting, edits every relayed message of the tip (and the pressed card),
// tells the reporter, and answers the press.
func (s *txn) setStatus(ctx context.Context, t tip.Tip, st tip.Status, cb *botapi.Callback) error {
	now := s.set.Now()
	unit := s.svc.unitOf(cb.ChatID)
	change := tip.StatusChange{TipID: t.ID, From: t.Status.Status, To: st, ChatID: cb.ChatID, Unit: unit, Officer: cb.From, At: now}
	if err := s.tx.Statuses().SetStatus(ctx, change); err != nil {
		return err
	}
	detail := fmt.Sprintf("%q -> %q in chat %d", t.Status.Status, st, cb.ChatID)
	if err := s.audit(ctx, cb.From.ID, "status_set", t.ID, detail); err != nil {
		return err
	}
	for _, p := range []tip.Purpose{tip.PurposeReminder, tip.PurposeEscalation} {
		if _, err := s.tx.Outbox().Cancel(ctx, t.ID, p, "status set"); err != nil {
			return err
		}
	}
	first := t.Status.FirstAt
	if first.IsZero() {
		first = now
	}
	t.Status = tip.StatusState{Status: st, Unit: unit, Officer: cb.From, At: now, FirstAt: first}
	s.log.Info("tip status set", "tip", t.ID, "status", string(st), "chat", cb.ChatID, "by", cb.From.ID)
	if err := s.answer(ctx, cb, s.set.Texts.StatusSet(t.ID, st)); err != nil {
		return err
	}
	rows, err := s.tx.Outbox().ByTip(ctx, t.ID)
	if err != nil {
		return fmt.Errorf("rows of tip %d: %w", t.ID, err)
	}
	if err := s.refresh(ctx, t, rows, cb); err != nil {
		return err
	}
	officer := ""
	if s.set.ShowOfficer {
		officer = cb.From.Name()
	}
	notice := s.set.Texts.StatusNotice(t.ID, st, unit, officer, now, s.set.Location)
	err = s.tx.Outbox().Enqueue(ctx, tip.OutboxMessage{
		TipID: t.ID, Purpose: tip.PurposeStatus, Target: tip.Target{ChatID: t.ChatID}, Kind: tip.SendText,
		Text: notice, Coalesce: true, Compact: notice, DedupeKey: "status:" + cb.ID,
	})
	if err != nil {
		return fmt.Errorf("queue status notice of tip %d: %w", t.ID, err)
	}
	s.dirty = true
	return s.tellRepeaters(ctx, t, notice, "status:"+cb.ID)
}

// maxRepeatersTold bounds the reporters of repeats told of one change.
const maxRepeatersTold = 50

// tellRepeaters gives notice, about original t, to the reporters of its
// repeats too (each once, not its own reporter again): they reported the
// same thing and are owed the same news.
func (s *txn) tellRepeaters(ctx context.Context, t tip.Tip, notice, key string) error {
	if t.Reports <= 1 {
		return nil
	}
	repeats, err := s.tx.Repeats().RepeatsOf(ctx, t.ID, maxRepeatersTold)
	if err != nil {
		return err
	}
	told := map[int64]bool{t.ChatID: true}
	for _, r := range repeats {
		if told[r.ChatID] {
			continue
		}
		told[r.ChatID] = true
		err := s.tx.Outbox().Enqueue(ctx, tip.OutboxMessage{
			TipID: t.ID, Purpose: tip.PurposeStatus, Target: tip.Target{ChatID: r.ChatID}, Kind: tip.SendText,
			Text: notice, Coalesce: true, Compact: notice, DedupeKey: fmt.Sprintf("%s:%d", key, r.ChatID),
		})
		if err != nil {
			return fmt.Errorf("queue status notice of tip %d to %d: %w", t.ID, r.ChatID, err)
		}
	}
	return nil
}

// relayingTo reports whether tip tipID has a relay row to chat still
// waiting or being sent.
func (s *txn) relayingTo(ctx context.Context, tipID, chat int64) (bool, error) {
	rows, err := s.tx.Outbox().ByTip(ctx, tipID)
	if err != nil {
		return false, fmt.Errorf("rows of tip %d: %w", tipID, err)
	}
	for _, r := range rows {
		if r.Purpose == tip.PurposeRelay && r.Target.ChatID == chat && r.Status == tip.OutboxPending {
			return true, nil
		}
	}
	return false, nil
}

// audit appends an audit row about tip tipID.
func (s *txn) audit(ctx context.Context, actor int64, action string, tipID int64, detail string) error {
	err := s.tx.Audit().Audit(ctx, tip.AuditEntry{
		At: s.set.Now(), ActorID: actor, Action: action, Subject: fmt.Sprintf("tip %d", tipID), Detail: detail,
	})
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}
