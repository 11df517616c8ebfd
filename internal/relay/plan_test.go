package relay

import (
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/botapi"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestSummaryStaysWithinTelegramsLimit: coalescing stops adding tips
// before a summary passes 4096 characters (counted in UTF-16, as Telegram
// does); the tips left out go in the next summary.
func TestSummaryStaysWithinTelegramsLimit(t *testing.T) {
	w := newWorker(nil, &fakeSender{}, Options{Coalesce: true, Limits: Limits{Group: Limit{2, time.Minute}}})
	var pending []tip.OutboxMessage
	for id := int64(1); id <= 10; id++ {
		pending = append(pending, tip.OutboxMessage{
			ID: id, TipID: id, Purpose: tip.PurposeRelay, Target: tip.Target{ChatID: group}, Kind: tip.SendText,
			Coalesce: true, Compact: strings.Repeat("😱", 500), // 1,000 UTF-16 units
		})
	}
	d := w.coalesce(delivery{rows: pending[:1], msg: pending[0]}, pending)
	if n := botapi.UTF16Len(d.msg.Text); n > maxText {
		t.Errorf("got a summary of %d UTF-16 units, want at most %d", n, maxText)
	}
	if len(d.rows) < 2 || len(d.rows) >= len(pending) {
		t.Errorf("got %d rows merged, want several but not all %d", len(d.rows), len(pending))
	}
}

// TestStatusNoticesMerge: the status notices waiting for one reporter go
// as one message, one line each, up to the first row that is not one;
// a lone notice goes as it is.
func TestStatusNoticesMerge(t *testing.T) {
	notice := func(id int64, text string) tip.OutboxMessage {
		return tip.OutboxMessage{ID: id, TipID: id, Purpose: tip.PurposeStatus, Target: tip.Target{ChatID: 5}, Kind: tip.SendText, Text: text, Coalesce: true, Compact: text}
	}
	other := tip.OutboxMessage{ID: 9, Purpose: tip.PurposeNotice, Target: tip.Target{ChatID: 5}, Kind: tip.SendText, Text: "x"}
	tests := []struct {
		name     string
		pending  []tip.OutboxMessage
		wantRows int
		wantText string
	}{
		{"alone", []tip.OutboxMessage{notice(1, "a")}, 1, "a"},
		{"three", []tip.OutboxMessage{notice(1, "a"), notice(2, "b"), notice(3, "c")}, 3, "a\nb\nc"},
		{"up to another row", []tip.OutboxMessage{notice(1, "a"), notice(2, "b"), other, notice(4, "d")}, 2, "a\nb"},
		{"within the limit", []tip.OutboxMessage{notice(1, strings.Repeat("x", 3000)), notice(2, strings.Repeat("y", 3000))}, 1, strings.Repeat("x", 3000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mergeNotices(delivery{rows: tt.pending[:1], msg: tt.pending[0]}, tt.pending)
			if got := len(d.rows); got != tt.wantRows {
				t.Errorf("got %d rows, want %d", got, tt.wantRows)
			}
			if d.msg.Text != tt.wantText {
				t.Errorf("got text %q, want %q", d.msg.Text, tt.wantText)
			}
		})
	}
}
