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
