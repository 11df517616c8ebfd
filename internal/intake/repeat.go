package intake

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tiprelay/tiprelay/internal/linknorm"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Duplicates (DESIGN.md "Duplicates", TIPRELAY_DUPLICATE_WINDOW): a tip
// that repeats an earlier one within the window is stored as a report of
// that original and is not relayed. Its reporter is told the original's
// number and status; the original's relayed header is edited to count
// the reports («Dilaporkan 4× · terakhir 10:42»), and only an urgent
// repeat, or a repeat of a tip the police closed, earns one short reply
// to the original's message in each police chat. Everything happens in
// the tip's transaction, with its outbox rows.
//
// Keys found at intake: the forwarded post (origin chat and message id),
// the file (file_unique_id of a single file; the set of an album's
// files), and a link after normalisation (internal/linknorm) for a tip
// that carries no file and exactly one distinct link: a screenshot or a
// second link brings evidence the original may not have. Downloads add
// the file's SHA-256 later (see Service.Analysed).

// repeatKeys returns the keys tip t is recognised by (stored with it)
// and the subset a new tip is looked up by.
func repeatKeys(t tip.Tip) (stored, lookup []string) {
	if o := t.Origin; o != nil && o.ChatID != 0 && o.MessageID != 0 {
		k := tip.KeyOrigin + strconv.FormatInt(o.ChatID, 10) + ":" + strconv.FormatInt(o.MessageID, 10)
		stored, lookup = append(stored, k), append(lookup, k)
	}
	var files []string
	for _, a := range t.Attachments {
		if a.FileUniqueID != "" {
			files = append(files, a.FileUniqueID)
		}
	}
	switch {
	case len(t.Attachments) == 1 && len(files) == 1:
		k := tip.KeyFile + files[0]
		stored, lookup = append(stored, k), append(lookup, k)
	case len(t.Attachments) > 1 && len(files) == len(t.Attachments):
		slices.Sort(files)
		k := tip.KeyAlbum + strings.Join(slices.Compact(files), ",")
		stored, lookup = append(stored, k), append(lookup, k)
	}
	var links []string
	for _, l := range t.Links {
		if k, ok := linknorm.Key(l); ok && !slices.Contains(links, tip.KeyLink+k) {
			links = append(links, tip.KeyLink+k)
		}
	}
	stored = append(stored, links...)
	if len(t.Attachments) == 0 && len(links) == 1 {
		lookup = append(lookup, links[0])
	}
	return stored, lookup
}

// findOriginal returns the original that a tip with lookup keys repeats,
// within the window; found is false when folding is off.
func (s *txn) findOriginal(ctx context.Context, lookup []string) (tip.Tip, bool, error) {
	window := s.set.DuplicateWindow
	if window <= 0 || len(lookup) == 0 {
		return tip.Tip{}, false, nil
	}
	id, found, err := s.tx.Repeats().FindRepeat(ctx, lookup, s.set.Now().Add(-window))
	if err != nil || !found {
		return tip.Tip{}, false, err
	}
	t, err := s.tx.Tips().Get(ctx, id)
	if err != nil {
		return tip.Tip{}, false, fmt.Errorf("load original %d: %w", id, err)
	}
	return t, true, nil
}

// createRepeat stores draft as a report of original, in the transaction:
// the repeat with its acknowledgement (the original's number and status,
// and the button that sends it as a new tip after all), its keys, the
// count on the original and what the police chats are owed (see fold).
func (s *txn) createRepeat(ctx context.Context, draft tip.Tip, original tip.Tip, keys []string) (tip.Tip, error) {
	t, created, err := s.tx.Tips().Create(ctx, draft, func(t tip.Tip) []tip.OutboxMessage {
		counted := original
		counted.Reports++ // as it is once counted below
		return []tip.OutboxMessage{s.repeatAck(t, counted)}
	})
	if err != nil {
		return tip.Tip{}, fmt.Errorf("create repeat: %w", err)
	}
	if !created {
		return t, nil // delivered again: done the first time
	}
	if err := s.tx.Repeats().AddKeys(ctx, t.ID, keys, t.CreatedAt); err != nil {
		return tip.Tip{}, err
	}
	if original, err = s.tx.Repeats().CountRepeat(ctx, t.ID, original.ID, s.set.Now()); err != nil {
		return tip.Tip{}, err
	}
	t.DuplicateOf = original.ID
	if err := s.audit(ctx, t.Reporter.ID, "repeat_folded", t.ID, fmt.Sprintf("repeats tip %d, %d reports", original.ID, original.Reports)); err != nil {
		return tip.Tip{}, err
	}
	s.log.Info("repeat folded", "tip", t.ID, "original", original.ID, "reports", original.Reports, "reporter", t.Reporter.ID)
	s.dirty = true
	s.created = append(s.created, t)
	return t, s.fold(ctx, t, original)
}

// repeatAck is the acknowledgement of repeat t of original: the
// original's number and status, and a button to send t as a new tip when
// it is not the same after all.
func (s *txn) repeatAck(t, original tip.Tip) tip.OutboxMessage {
	return tip.OutboxMessage{
		// A notice, not an ack: acks waiting under a flood are merged
		// into one «#31-#45» line, which would lose what this one says.
		TipID: t.ID, Purpose: tip.PurposeNotice, Target: tip.Target{ChatID: t.ChatID}, Kind: tip.SendText,
		Text:    s.set.Texts.RepeatAck(t.ID, original, s.set.Location),
		Buttons: [][]tip.Button{{{Text: s.set.Texts.UnfoldButton(), Data: unfoldData(t.ID)}}},
		ReplyTo: firstMessage(t),
	}
}

// fold tells the police chats of original about repeat t: the header of
// each relayed copy is brought up to date (a waiting one rewritten, a
// sent one edited; a later edit replaces an earlier one still waiting),
// and an urgent repeat, or one of a tip the police closed, gets one short
// reply to the original's message in each chat it was sent to.
func (s *txn) fold(ctx context.Context, t, original tip.Tip) error {
	rows, err := s.tx.Outbox().ByTip(ctx, original.ID)
	if err != nil {
		return fmt.Errorf("rows of tip %d: %w", original.ID, err)
	}
	if err := s.refresh(ctx, original, rows, nil); err != nil {
		return err
	}
	urgent := t.Triage.EffectivePriority() == tip.PriorityUrgent
	if !urgent && !original.Status.Status.Closed() {
		return nil
	}
	text := s.set.Texts.RepeatReply(original, t.ID, urgent)
	for _, m := range firstRelays(rows) {
		reply := tip.OutboxMessage{
			TipID: original.ID, Purpose: tip.PurposeNotice, Target: m.Target, Kind: tip.SendText,
			Text: text, Urgent: urgent,
			DedupeKey: fmt.Sprintf("repeat:%d:%d:%d", t.ID, m.Target.ChatID, m.Target.ThreadID),
		}
		switch {
		case m.Status == tip.OutboxSent && len(m.SentMessageIDs) > 0:
			reply.ReplyTo = m.SentMessageIDs[0]
		case m.Status == tip.OutboxPending && urgent:
			// Not sent yet: the original goes first, urgent too, and the
			// notice follows it without a reply (no message to reply to).
			if _, err := s.tx.Outbox().MakeUrgent(ctx, original.ID); err != nil {
				return err
			}
		default:
			continue
		}
		if err := s.tx.Outbox().Enqueue(ctx, reply); err != nil {
			return fmt.Errorf("queue repeat reply of tip %d: %w", t.ID, err)
		}
	}
	return nil
}

// firstRelays returns, per police chat, the first relay row of a tip:
// the message a reply about the tip answers once it is sent.
func firstRelays(rows []tip.OutboxMessage) []tip.OutboxMessage {
	var out []tip.OutboxMessage
	seen := map[tip.Target]bool{}
	for _, m := range rows {
		if m.Purpose != tip.PurposeRelay || m.EditOf != 0 || seen[m.Target] {
			continue
		}
		seen[m.Target] = true
		out = append(out, m)
	}
	return out
}
