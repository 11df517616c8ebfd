package relay

import (
	"context"
	"fmt"
	"strings"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Telegram refuses texts longer than 4096 characters (UTF-16 units, after
// HTML is parsed); the raw HTML is measured, which is never shorter.
const maxText = 4096

// maxAckMerge bounds how many waiting acks one message confirms.
const maxAckMerge = 200

// maxCoalesce bounds how many waiting rows are read to plan a summary.
const maxCoalesce = 400

// delivery is one send: the rows it covers (rows[0] is the target's head)
// and the message actually sent, which is the head itself or a merged text.
type delivery struct {
	rows []tip.OutboxMessage
	msg  tip.OutboxMessage
}

func (d delivery) parts() int   { return d.msg.Parts() }
func (d delivery) merged() bool { return len(d.rows) > 1 }

func (d delivery) ids() []int64 {
	ids := make([]int64, len(d.rows))
	for i, r := range d.rows {
		ids[i] = r.ID
	}
	return ids
}

// plan decides what to send for the head of a target's queue: the head
// alone; several waiting acks to one chat as one message ("Laporan
// #31-#45 diterima"); or, when a group's backlog is longer than its limit
// allows in one window and coalescing is on, the waiting text-only tips as
// one summary. Media, any row not marked Coalesce, urgent rows, edits and
// answers to button presses are sent as they are.
func (w *Worker) plan(ctx context.Context, head tip.OutboxMessage) (delivery, error) {
	d := delivery{rows: []tip.OutboxMessage{head}, msg: head}
	w.mu.Lock()
	single := w.noMerge[head.ID]
	w.mu.Unlock()
	switch {
	case single, head.Urgent, head.IsEdit(), head.Kind == tip.AnswerCallback:
		// Urgent rows, edits and answers are never merged.
		return d, nil
	case head.IsAck():
		acks, err := w.store.PendingAcks(ctx, head.Target, maxAckMerge)
		if err != nil {
			return d, fmt.Errorf("read waiting acks: %w", err)
		}
		return w.mergeAcks(d, acks), nil
	case head.Purpose == tip.PurposeStatus && head.Coalesce && head.Compact != "":
		pending, err := w.store.Pending(ctx, head.Target, maxAckMerge)
		if err != nil {
			return d, fmt.Errorf("read waiting notices: %w", err)
		}
		return mergeNotices(d, pending), nil
	case w.opt.Coalesce && head.Coalesce && head.Compact != "" && head.Target.ChatID < 0 && !w.opt.Limits.Group.off():
		pending, err := w.store.Pending(ctx, head.Target, maxCoalesce)
		if err != nil {
			return d, fmt.Errorf("read group backlog: %w", err)
		}
		return w.coalesce(d, pending), nil
	}
	return d, nil
}

// mergeAcks confirms the waiting acks at the head of a private chat's
// queue in one message. The merged rows other than the head carry only
// their id and tip: they are marked sent with the head, never sent alone.
func (w *Worker) mergeAcks(d delivery, acks []tip.QueuedAck) delivery {
	head := d.rows[0]
	if len(acks) < 2 || acks[0].ID != head.ID {
		return d
	}
	rows := []tip.OutboxMessage{head}
	tips := []int64{head.TipID}
	for _, a := range acks[1:] {
		rows = append(rows, tip.OutboxMessage{ID: a.ID, TipID: a.TipID, Purpose: tip.PurposeAck, Target: head.Target, Kind: tip.SendText})
		tips = append(tips, a.TipID)
	}
	return delivery{rows: rows, msg: tip.OutboxMessage{
		ID: head.ID, Purpose: tip.PurposeAck, Target: head.Target, Kind: tip.SendText,
		Text: w.opt.Texts.AckMany(tips),
	}}
}

// mergeNotices tells a reporter, in one message, the status changes of
// their tips waiting at the head of their chat's queue (one line each),
// so that a flood of presses does not wait out the chat's rate one notice
// at a time.
func mergeNotices(d delivery, pending []tip.OutboxMessage) delivery {
	head := d.rows[0]
	if len(pending) < 2 || pending[0].ID != head.ID {
		return d
	}
	var rows []tip.OutboxMessage
	var lines []string
	size := 0
	for _, m := range pending {
		if m.Purpose != tip.PurposeStatus || !m.Coalesce || m.Compact == "" || m.Urgent {
			break
		}
		n := botapi.UTF16Len(m.Compact) + 1
		if size+n > maxText {
			break
		}
		rows, lines, size = append(rows, m), append(lines, m.Compact), size+n
	}
	if len(rows) < 2 {
		return d
	}
	return delivery{rows: rows, msg: tip.OutboxMessage{
		ID: head.ID, TipID: head.TipID, Purpose: tip.PurposeStatus, Target: head.Target, Kind: tip.SendText,
		Text: strings.Join(lines, "\n"),
	}}
}

// coalesce merges the consecutive coalescable rows at the head of a
// group's queue into one summary of at most maxText characters, when the
// queue holds more messages than the group's limit allows in one window.
// A row with an empty Compact is covered by the block of its tip's header
// row before it.
func (w *Worker) coalesce(d delivery, pending []tip.OutboxMessage) delivery {
	if len(pending) == 0 || pending[0].ID != d.rows[0].ID {
		return d
	}
	waiting := 0
	for _, m := range pending {
		waiting += m.Parts()
	}
	if waiting <= w.opt.Limits.Group.N {
		return d
	}
	budget := maxText - botapi.UTF16Len(w.opt.Texts.Summary(maxCoalesce)) - 2
	var rows []tip.OutboxMessage
	var blocks []string
	size := 0
	for _, m := range pending {
		if !m.Coalesce || m.Urgent {
			break
		}
		if m.Compact == "" {
			rows = append(rows, m)
			continue
		}
		n := botapi.UTF16Len(m.Compact) + 2
		if size+n > budget {
			break
		}
		rows = append(rows, m)
		blocks = append(blocks, m.Compact)
		size += n
	}
	if len(blocks) < 2 {
		return d
	}
	head := d.rows[0]
	return delivery{rows: rows, msg: tip.OutboxMessage{
		ID: head.ID, Purpose: tip.PurposeRelay, Target: head.Target, Kind: tip.SendText,
		Text: w.opt.Texts.Summary(len(blocks)) + "\n\n" + strings.Join(blocks, "\n\n"),
	}}
}
