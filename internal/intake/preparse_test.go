package intake

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/botapi"
)

func TestUpdateID(t *testing.T) {
	tests := []struct {
		name        string
		raw         string
		wantID      int64
		wantDecoded bool
	}{
		{"message", string(fixture(t, "text.json")), 850123401, true},
		{"unknown kind", `{"update_id": 7, "business_message": {"x": 1}}`, 7, true},
		{"message that is not an object", `{"update_id": 8, "message": 5}`, 8, true},
		{"no update_id", `{"message": {}}`, 0, false},
		{"not JSON", `{"update_id": 9,`, 0, false},
		{"update_id of the wrong type", `{"update_id": "9"}`, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, upd, decoded := updateID(json.RawMessage(tt.raw))
			if id != tt.wantID || decoded != tt.wantDecoded {
				t.Fatalf("got id %d decoded %v, want %d %v", id, decoded, tt.wantID, tt.wantDecoded)
			}
			if !decoded {
				return
			}
			want, err := botapi.Parse([]byte(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			if upd.ID != want.ID || upd.Kind != want.Kind || upd.Field != want.Field || (upd.Message == nil) != (want.Message == nil) {
				t.Errorf("got %+v, want what Parse gives: %+v", upd, want)
			}
		})
	}
}

func TestPreparsedDropsTheOldest(t *testing.T) {
	p := newPreparsed()
	for id := int64(1); id <= maxPreparsed+1; id++ {
		p.put(botapi.Update{ID: id})
	}
	if _, ok := p.take(1); ok {
		t.Error("got the oldest update kept past the bound, want it dropped")
	}
	for _, id := range []int64{2, maxPreparsed + 1} {
		if _, ok := p.take(id); !ok {
			t.Errorf("got update %d dropped, want it kept", id)
		}
	}
	if _, ok := p.take(2); ok {
		t.Error("got update 2 twice, want take to forget it")
	}
}

// TestProcessingTakesPreparsedUpdates: the updates a batch decoded on its
// way in are used (and forgotten) by the processor.
func TestProcessingTakesPreparsedUpdates(t *testing.T) {
	h := newHarness(t, nil)
	h.feed(t, fixture(t, "text.json"), fixture(t, "photo.json"))
	if n := len(h.svc.preparsed.m); n != 0 {
		t.Errorf("got %d decoded updates left after processing, want 0", n)
	}
	if got := len(h.outbox(t)); got == 0 {
		t.Error("got no outbox rows, want the tips relayed")
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
