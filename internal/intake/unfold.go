package intake

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// A folded repeat's acknowledgement carries one button, "u<tip>", that
// sends the repeat as a new tip after all: the rules that fold (same
// post, file, screenshot or link) can be wrong about what a report adds,
// and the reporter is the one who knows.

func unfoldData(tipID int64) string { return "u" + strconv.FormatInt(tipID, 10) }

// parseUnfold decodes an unfold button's data.
func parseUnfold(data string) (int64, bool) {
	rest, ok := strings.CutPrefix(data, "u")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil && id > 0
}

// onUnfoldPress makes repeat tipID a tip of its own, when its reporter or
// an admin pressed: the original's count goes down (its headers edited),
// the tip is relayed like a new one, and the pressed card becomes the
// tip's acknowledgement with its triage buttons. A second press finds an
// original and only answers.
func (s *txn) onUnfoldPress(ctx context.Context, cb *botapi.Callback, tipID int64) error {
	t, err := s.tx.Tips().Get(ctx, tipID)
	if errors.Is(err, tip.ErrNotFound) {
		return s.answer(ctx, cb, s.set.Texts.ButtonStale())
	}
	if err != nil {
		return fmt.Errorf("load tip %d: %w", tipID, err)
	}
	if cb.From.ID != t.Reporter.ID && !s.svc.admins[cb.From.ID] {
		s.log.Warn("unfold press refused", "tip", t.ID, "user_id", cb.From.ID)
		if err := s.audit(ctx, cb.From.ID, "unfold_refused", t.ID, cb.Data); err != nil {
			return err
		}
		return s.answer(ctx, cb, s.set.Texts.TriageRefused())
	}
	if t.DuplicateOf == 0 {
		return s.answer(ctx, cb, s.set.Texts.Unfolded(t.ID))
	}
	rows, err := s.tx.Outbox().ByTip(ctx, t.ID)
	if err != nil {
		return fmt.Errorf("rows of tip %d: %w", t.ID, err)
	}
	original, ok, err := s.tx.Repeats().Unfold(ctx, t.ID)
	if err != nil || !ok {
		return err
	}
	t.DuplicateOf, t.Reports, t.LastReportAt = 0, 1, time.Time{}
	if err := s.audit(ctx, cb.From.ID, "repeat_unfolded", t.ID, fmt.Sprintf("was a repeat of tip %d", original.ID)); err != nil {
		return err
	}
	s.log.Info("repeat sent as a new tip", "tip", t.ID, "original", original.ID, "by", cb.From.ID)
	if err := s.answer(ctx, cb, s.set.Texts.Unfolded(t.ID)); err != nil {
		return err
	}
	if err := s.refresh(ctx, t, rows, cb); err != nil {
		return err
	}
	for _, target := range s.relayTargets(t) {
		msgs := s.relayRows(t, target)
		for i := range msgs {
			msgs[i].DedupeKey = fmt.Sprintf("unfold:%d:%d:%d", t.ID, target.ChatID, i)
		}
		if err := s.tx.Outbox().Enqueue(ctx, msgs...); err != nil {
			return fmt.Errorf("relay unfolded tip %d: %w", t.ID, err)
		}
	}
	originalRows, err := s.tx.Outbox().ByTip(ctx, original.ID)
	if err != nil {
		return fmt.Errorf("rows of tip %d: %w", original.ID, err)
	}
	s.dirty = true
	return s.refresh(ctx, original, originalRows, nil)
}
