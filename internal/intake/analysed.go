package intake

import (
	"context"
	"fmt"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Screenshots are analysed after their download (internal/analysis): a
// perceptual hash and the text OCR reads. Analysed turns a result into
// what it means for the tip, in one transaction:
//
//   - the same file by SHA-256, or a near-identical picture whose text
//     agrees (or, with no readable text on either, whose hash is very
//     close), folds the tip into the earlier one, as at intake (see
//     repeat.go), even after its relay: waiting rows are cancelled and a
//     copy already sent is edited to say whose repeat it is;
//   - a close picture that is not confirmed the same marks the tip
//     "mirip #N" in its header;
//   - place names and hashtags the text holds fill the region and the
//     category when the reporter set none (the headers are edited, and a
//     region routes the tip);
//   - the relay rows held back for the analysis (ImageHold) are released.

// holdForAnalysis makes new tip t's relay rows and acknowledgement wait
// up to ImageHold for the analysis of its photo, so that a repeat
// screenshot is folded before the police chat gets a copy, and its
// reporter is not first told that it was passed on. An urgent tip never
// waits; a tip without a photo has nothing to wait for.
func (s *txn) holdForAnalysis(t tip.Tip, rows []tip.OutboxMessage) {
	hold := s.set.ImageHold
	if hold <= 0 || t.Triage.EffectivePriority() == tip.PriorityUrgent || !hasPhoto(t) {
		return
	}
	until := s.set.Now().Add(hold)
	for i := range rows {
		if rows[i].Purpose == tip.PurposeRelay || rows[i].Purpose == tip.PurposeAck {
			rows[i].NextAttemptAt = until
		}
	}
}

func hasPhoto(t tip.Tip) bool {
	for _, a := range t.Attachments {
		if a.Kind == tip.AttachPhoto {
			return true
		}
	}
	return false
}

// Analysed records the analysis of one photo and acts on it (see above);
// folded says the tip turned out to repeat an earlier one.
func (s *Service) Analysed(ctx context.Context, a tip.ImageAnalysis) (folded bool, err error) {
	err = s.inTx(ctx, func(t *txn) error {
		var err error
		folded, err = t.analysed(ctx, a)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("record analysis of attachment %d: %w", a.AttachmentID, err)
	}
	return folded, nil
}

func (s *txn) analysed(ctx context.Context, a tip.ImageAnalysis) (bool, error) {
	now := s.set.Now()
	if err := s.tx.Images().SaveAnalysis(ctx, a, now); err != nil {
		return false, err
	}
	t, err := s.tx.Tips().Get(ctx, a.TipID)
	if err != nil {
		return false, fmt.Errorf("load tip %d: %w", a.TipID, err)
	}
	s.dirty = true
	single := len(t.Attachments) == 1
	if a.SHA256 != "" && single {
		if err := s.tx.Repeats().AddKeys(ctx, t.ID, []string{tip.KeySHA256 + a.SHA256}, t.CreatedAt); err != nil {
			return false, err
		}
	}
	if t.DuplicateOf != 0 {
		return false, nil // folded already: its original is what the police see
	}
	if s.set.DuplicateWindow > 0 && t.SimilarTo == 0 && single {
		folded, err := s.judgeRepeat(ctx, t, a)
		if err != nil || folded {
			return folded, err
		}
		if t, err = s.tx.Tips().Get(ctx, t.ID); err != nil {
			return false, fmt.Errorf("load tip %d: %w", a.TipID, err)
		}
	}
	if err := s.triageFromImage(ctx, t, a.Text); err != nil {
		return false, err
	}
	_, err = s.tx.Outbox().Release(ctx, t.ID)
	return false, err
}

// judgeRepeat folds tip t into an earlier tip when a says its photo is
// the same file or the same picture, or marks it "mirip #N" when a
// picture is only close; it reports whether t was folded.
func (s *txn) judgeRepeat(ctx context.Context, t tip.Tip, a tip.ImageAnalysis) (bool, error) {
	since := s.set.Now().Add(-s.set.DuplicateWindow)
	if a.SHA256 != "" {
		id, found, err := s.tx.Repeats().FindRepeat(ctx, []string{tip.KeySHA256 + a.SHA256}, since)
		if err != nil {
			return false, err
		}
		if found && id != t.ID && id < t.ID {
			return true, s.foldLate(ctx, t, id, "same file")
		}
	}
	similar := int64(0)
	for _, n := range a.Near {
		if n.TipID >= t.ID || n.Distance > tip.NearDistance {
			continue
		}
		other, err := s.tx.Tips().Get(ctx, n.TipID)
		if err != nil {
			return false, fmt.Errorf("load tip %d: %w", n.TipID, err)
		}
		if other.CreatedAt.Before(since) {
			continue
		}
		original := other.ID
		if other.DuplicateOf != 0 {
			original = other.DuplicateOf
		}
		theirs, _, err := s.tx.Images().ImageText(ctx, other.ID)
		if err != nil {
			return false, err
		}
		same := tip.SameImage(n.Distance, a.Text, theirs)
		if same {
			return true, s.foldLate(ctx, t, original, fmt.Sprintf("picture %d bits from tip %d's", n.Distance, other.ID))
		}
		if similar == 0 {
			similar = original
		}
	}
	if similar == 0 {
		return false, nil
	}
	if err := s.tx.Repeats().SetSimilar(ctx, t.ID, similar); err != nil {
		return false, err
	}
	t.SimilarTo = similar
	s.log.Info("tip looks like an earlier one", "tip", t.ID, "similar_to", similar)
	rows, err := s.tx.Outbox().ByTip(ctx, t.ID)
	if err != nil {
		return false, fmt.Errorf("rows of tip %d: %w", t.ID, err)
	}
	return false, s.refresh(ctx, t, rows, nil)
}

// foldLate makes tip t, stored and maybe relayed already, a report of
// original: its waiting relay rows are cancelled, a copy already sent is
// edited to name its original (without status buttons), its reporter is
// told, and original's chats learn of the report as at intake.
func (s *txn) foldLate(ctx context.Context, t tip.Tip, original int64, why string) error {
	o, err := s.tx.Repeats().CountRepeat(ctx, t.ID, original, s.set.Now())
	if err != nil {
		return err
	}
	// The acknowledgement, still held, would say the police have it.
	for _, p := range []tip.Purpose{tip.PurposeRelay, tip.PurposeReminder, tip.PurposeAck} {
		if _, err := s.tx.Outbox().Cancel(ctx, t.ID, p, fmt.Sprintf("repeat of tip %d", original)); err != nil {
			return err
		}
	}
	t.DuplicateOf = original
	// Its original is the one the police are reminded of.
	if err := s.tx.Statuses().EndEscalation(ctx, t.ID); err != nil {
		return err
	}
	rows, err := s.tx.Outbox().ByTip(ctx, t.ID)
	if err != nil {
		return fmt.Errorf("rows of tip %d: %w", t.ID, err)
	}
	if err := s.refresh(ctx, t, rows, nil); err != nil {
		return err
	}
	notice := s.repeatAck(t, o)
	notice.ReplyTo, notice.DedupeKey = 0, fmt.Sprintf("latefold:%d", t.ID)
	if err := s.tx.Outbox().Enqueue(ctx, notice); err != nil {
		return fmt.Errorf("queue repeat notice of tip %d: %w", t.ID, err)
	}
	if err := s.audit(ctx, 0, "repeat_folded", t.ID, fmt.Sprintf("repeats tip %d (%s), %d reports", original, why, o.Reports)); err != nil {
		return err
	}
	s.log.Info("repeat folded after analysis", "tip", t.ID, "original", original, "why", why, "reports", o.Reports)
	return s.fold(ctx, t, o)
}

// triageFromImage fills tip t's region and category from the text read
// in its photo, when the reporter's text and buttons left them unset; the
// headers are edited and a region routes the tip.
func (s *txn) triageFromImage(ctx context.Context, t tip.Tip, text string) error {
	if text == "" || (t.Triage.Region != "" && t.Triage.Category != "") {
		return nil
	}
	found := s.svc.triageFromText(text)
	tr := t.Triage
	if tr.Region == "" && found.Region != "" {
		tr.Region, tr.RegionSource, tr.RegionChoices = found.Region, tip.SetByPlace, nil
	}
	if tr.Region == "" && len(tr.RegionChoices) == 0 && len(found.RegionChoices) > 0 {
		tr.RegionChoices = found.RegionChoices
	}
	if tr.Category == "" {
		tr.Category = found.Category
	}
	if tr.Region == t.Triage.Region && tr.Category == t.Triage.Category && len(tr.RegionChoices) == len(t.Triage.RegionChoices) {
		return nil
	}
	if err := s.tx.Tips().SetTriage(ctx, t.ID, tr); err != nil {
		return fmt.Errorf("set triage: %w", err)
	}
	old := t.Triage
	t.Triage = tr
	if err := s.audit(ctx, 0, "triage_from_image", t.ID, fmt.Sprintf("region %q, category %q", tr.Region, tr.Category)); err != nil {
		return err
	}
	s.log.Info("tip triaged from its screenshot's text", "tip", t.ID, "region", string(tr.Region), "category", string(tr.Category))
	rows, err := s.tx.Outbox().ByTip(ctx, t.ID)
	if err != nil {
		return fmt.Errorf("rows of tip %d: %w", t.ID, err)
	}
	if err := s.refreshAck(ctx, t, rows); err != nil {
		return err
	}
	if err := s.refresh(ctx, t, rows, nil); err != nil {
		return err
	}
	if tr.Region != old.Region {
		return s.route(ctx, t, rows)
	}
	return nil
}

// refreshAck brings tip t's acknowledgement (with its triage buttons) up
// to date after a change no button caused.
func (s *txn) refreshAck(ctx context.Context, t tip.Tip, rows []tip.OutboxMessage) error {
	for _, m := range rows {
		if m.Purpose == tip.PurposeAck && isCard(m) {
			return s.update(ctx, m, tip.EditText, s.set.Texts.AckCard(t, s.svc.regionName(t.Triage.Region)), s.svc.keyboard(t), s.set.Now())
		}
	}
	return nil
}
