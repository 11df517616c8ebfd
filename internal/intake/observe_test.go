package intake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// recordingObserver keeps what intake reports.
type recordingObserver struct {
	mu      sync.Mutex
	updates int
	tips    []tip.Tip
}

func (o *recordingObserver) UpdatesReceived(n int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.updates += n
}

func (o *recordingObserver) TipCreated(t tip.Tip) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.tips = append(o.tips, t)
}

// triagedText is the text fixture with hashtags, as update id.
func triagedText(t *testing.T, id string) []byte {
	t.Helper()
	raw := fixture(t, "text.json")
	raw = bytes.Replace(raw, []byte("Akun ini menyebarkan hoaks"), []byte("#hoaks #darurat Akun ini"), 1)
	raw = bytes.Replace(raw, []byte(`"message_id": 301`), []byte(`"message_id": `+id), 1)
	return bytes.Replace(raw, []byte("850123401"), []byte(id), 1)
}

// TestObserverHearsUpdatesAndTips: every stored update counts; every tip
// created counts once with its triage, and a tip whose update failed and
// was undone does not.
func TestObserverHearsUpdatesAndTips(t *testing.T) {
	tests := []struct {
		name        string
		wrap        func(tip.TipStore) tip.TipStore
		batches     func(t *testing.T) [][][]byte
		wantUpdates int
		wantTips    []string // category/priority of each tip
	}{
		{"one tip", nil, func(t *testing.T) [][][]byte {
			return [][][]byte{{triagedText(t, "11")}}
		}, 1, []string{"hoaks/darurat"}},
		{"two tips and a command in one batch", nil, func(t *testing.T) [][][]byte {
			return [][][]byte{{triagedText(t, "11"), fixture(t, "photo.json"), fixture(t, "command_start.json")}}
		}, 3, []string{"hoaks/darurat", "/biasa"}},
		{"an update delivered twice", nil, func(t *testing.T) [][][]byte {
			return [][][]byte{{triagedText(t, "11")}, {triagedText(t, "11")}}
		}, 2, []string{"hoaks/darurat"}},
		{"a tip undone by a panic", func(s tip.TipStore) tip.TipStore { return panicky{s} }, func(t *testing.T) [][][]byte {
			return [][][]byte{{triagedText(t, "11"), fixture(t, "command_start.json")}}
		}, 2, nil},
		// The batch's transaction is rolled back when its second tip
		// fails, then each update is processed in its own: the first tip
		// is created twice and committed once.
		{"a batch redone update by update", failingNth(2), func(t *testing.T) [][][]byte {
			return [][][]byte{{triagedText(t, "11"), fixture(t, "photo.json")}}
		}, 2, []string{"hoaks/darurat", "/biasa"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, tt.wrap)
			obs := &recordingObserver{}
			h.svc.set.Observer = obs
			ctx := context.Background()
			for _, batch := range tt.batches(t) {
				raws := make([]json.RawMessage, len(batch))
				for i, b := range batch {
					raws[i] = b
				}
				offset, err := h.svc.Offset(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if err := h.svc.Ingest(ctx, raws, offset); err != nil {
					t.Fatal(err)
				}
				if err := h.svc.processStored(ctx); err != nil {
					t.Fatal(err)
				}
			}
			if obs.updates != tt.wantUpdates {
				t.Errorf("got %d updates, want %d", obs.updates, tt.wantUpdates)
			}
			var got []string
			for _, tp := range obs.tips {
				got = append(got, string(tp.Triage.Category)+"/"+string(tp.Triage.Priority))
			}
			if !slices.Equal(got, tt.wantTips) {
				t.Errorf("got tips %q, want %q", got, tt.wantTips)
			}
		})
	}
}

// failingNth wraps the tip store of every transaction so that the nth
// call of Create, counted over all of them, fails with a storage error.
func failingNth(n int) func(tip.TipStore) tip.TipStore {
	f := &failNth{n: n}
	return func(s tip.TipStore) tip.TipStore { f.TipStore = s; return f }
}

// failNth fails the nth call of Create with a storage error.
type failNth struct {
	tip.TipStore
	n, calls int
}

func (f *failNth) Create(ctx context.Context, t tip.Tip, c tip.Compose) (tip.Tip, bool, error) {
	if f.calls++; f.calls == f.n {
		return tip.Tip{}, false, errors.New("disk I/O error")
	}
	return f.TipStore.Create(ctx, t, c)
}

// TestObserverHearsWebhookUpdates: an update posted by webhook counts as
// one received, also when Telegram posts it again; a body without an
// update id is no update.
func TestObserverHearsWebhookUpdates(t *testing.T) {
	h := newHarness(t, nil)
	obs := &recordingObserver{}
	h.svc.set.Observer = obs
	ctx := context.Background()
	for _, raw := range [][]byte{triagedText(t, "11"), triagedText(t, "11"), []byte(`{"message":{}}`)} {
		if err := h.svc.IngestOne(ctx, raw); err != nil {
			t.Fatal(err)
		}
	}
	if err := h.svc.processStored(ctx); err != nil {
		t.Fatal(err)
	}
	if obs.updates != 2 || len(obs.tips) != 1 {
		t.Errorf("got %d updates and %d tips, want 2 and 1", obs.updates, len(obs.tips))
	}
}
