package relay

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// recordingObserver keeps the results it hears of.
type recordingObserver struct {
	mu      sync.Mutex
	results []SendResult
}

func (o *recordingObserver) Sent(r SendResult, took time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.results = append(o.results, r)
}

func (o *recordingObserver) heard() []SendResult {
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.Clone(o.results)
}

// TestObserverHearsEverySend: each answer of Telegram reaches the
// Observer as the outcome the worker acts on.
func TestObserverHearsEverySend(t *testing.T) {
	tests := []struct {
		name string
		chat int64
		errs []error
		want []SendResult
	}{
		{"accepted", group, nil, []SendResult{SendOK}},
		{"429, then accepted", group, []error{&tip.SendError{Kind: tip.SendRateLimited, RetryAfter: time.Millisecond, Err: errBoom}},
			[]SendResult{SendRateLimited, SendOK}},
		{"an outage, then accepted", group, []error{&tip.SendError{Kind: tip.SendTemporary, Err: errBoom}},
			[]SendResult{SendRetry, SendOK}},
		{"a group refusing the bot", group, []error{&tip.SendError{Kind: tip.SendPermanent, Err: errBoom}},
			[]SendResult{SendRetry}},
		{"a user who blocked the bot", private, []error{&tip.SendError{Kind: tip.SendPermanent, Err: errBoom}},
			[]SendResult{SendFailed}},
		{"a message Telegram rejects", group, []error{&tip.SendError{Kind: tip.SendRejected, Err: errBoom}},
			[]SendResult{SendFailed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := mustStore(t)
			send := &fakeSender{errs: map[int64][]error{tt.chat: tt.errs}}
			obs := &recordingObserver{}
			// An outage is retried at once, a chat refusing the bot not
			// within the test, so that the results heard are exactly these.
			backoff := func(_ int, kind tip.SendErrorKind) time.Duration {
				if kind == tip.SendTemporary {
					return time.Millisecond
				}
				return time.Hour
			}
			w := newWorker(store, send, Options{Observer: obs, Backoff: backoff})
			enqueue(t, store, tip.OutboxMessage{Purpose: tip.PurposeNotice, Target: tip.Target{ChatID: tt.chat}, Kind: tip.SendText, Text: "x"})
			runUntil(t, w, 5*time.Second, func() bool { return len(obs.heard()) >= len(tt.want) })
			if got := obs.heard(); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}
