package digest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// runsHeard keeps the outcomes a scheduler reports.
type runsHeard []RunResult

func (r *runsHeard) DigestRun(result RunResult) { *r = append(*r, result) }

// failingStore refuses to record a run.
type failingStore struct{ *runStore }

func (failingStore) RecordRun(context.Context, tip.DigestRun, []tip.OutboxMessage) (bool, error) {
	return false, errors.New("disk full")
}

// TestObserverHearsEveryRun: a run queued, the same slot again, a failed
// run, and one cut short by shutdown.
func TestObserverHearsEveryRun(t *testing.T) {
	tests := []struct {
		name   string
		store  func() tip.DigestStore
		fires  int
		cancel bool
		want   []RunResult
	}{
		{"queued", func() tip.DigestStore { return &runStore{} }, 1, false, []RunResult{RunQueued}},
		{"the same slot twice", func() tip.DigestStore { return &runStore{} }, 2, false, []RunResult{RunQueued, RunSkipped}},
		{"failed", func() tip.DigestStore { return failingStore{&runStore{}} }, 1, false, []RunResult{RunFailed}},
		{"cut short by shutdown", func() tip.DigestStore { return failingStore{&runStore{}} }, 1, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestScheduler(t, &runStore{}, "0 7 * * *")
			s.store = tt.store()
			var heard runsHeard
			s.Observe(&heard)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancel {
				cancel()
			}
			for range tt.fires {
				s.Fire(ctx, s.specs[0], at(29, 7, 30)) //nolint:errcheck // the outcome is what is checked
			}
			if !slices.Equal(heard, tt.want) {
				t.Errorf("got %v, want %v", heard, tt.want)
			}
		})
	}
}
