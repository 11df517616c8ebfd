package intake

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

func TestUpdateID(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		wantID int64
	}{
		{"message", string(fixture(t, "text.json")), 850123401},
		{"unknown kind", `{"update_id": 7, "business_message": {"x": 1}}`, 7},
		{"message that is not an object", `{"update_id": 8, "message": 5}`, 8},
		{"no update_id", `{"message": {}}`, 0},
		{"not JSON", `{"update_id": 9,`, 0},
		{"update_id of the wrong type", `{"update_id": "9"}`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := updateID(json.RawMessage(tt.raw)); got != tt.wantID {
				t.Fatalf("got id %d, want %d", got, tt.wantID)
			}
		})
	}
}

// TestBusyUntilProcessed: intake is busy from the moment a batch is stored
// until it is processed, and then wakes the relay worker once.
func TestBusyUntilProcessed(t *testing.T) {
	h := newHarness(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Group chatter: processing it queues nothing, so the only wake-up is
	// the one for catching up.
	batch, next := h.svc.rawBatch([]json.RawMessage{fixture(t, "group_text.json")}, 0)
	if err := h.st.Updates.SaveBatch(ctx, batch, next); err != nil {
		t.Fatal(err)
	}
	h.svc.batches.Add(1)
	if !h.svc.Busy() {
		t.Fatal("got not busy with a stored batch unprocessed, want busy")
	}
	done := make(chan struct{})
	go func() { h.svc.processLoop(ctx); close(done) }()
	deadline := time.Now().Add(5 * time.Second)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for h.svc.Busy() || h.notices.Load() == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("got busy %v and %d wake-ups after 5s, want idle and one", h.svc.Busy(), h.notices.Load())
		}
		<-tick.C
	}
	cancel()
	<-done
	if got := h.notices.Load(); got != 1 {
		t.Errorf("got %d wake-ups, want 1", got)
	}
	if pending, err := h.st.Updates.Unprocessed(context.Background(), 10); err != nil || len(pending) != 0 {
		t.Errorf("got %d unprocessed updates (%v), want 0", len(pending), err)
	}
}
