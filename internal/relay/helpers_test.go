package relay

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// fakeSender records what it was asked to send and answers with scripted
// errors, by target chat, in order; nil means success.
type fakeSender struct {
	mu     sync.Mutex
	errs   map[int64][]error
	sent   []sentMsg
	nextID int64
	block  chan struct{} // when set, Send waits for it or ctx
}

type sentMsg struct {
	msg tip.OutboxMessage
	at  time.Time
}

func (s *fakeSender) Send(ctx context.Context, m tip.OutboxMessage) ([]int64, error) {
	if s.block != nil {
		select {
		case <-s.block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if errs := s.errs[m.Target.ChatID]; len(errs) > 0 {
		s.errs[m.Target.ChatID] = errs[1:]
		if errs[0] != nil {
			return nil, errs[0]
		}
	}
	s.sent = append(s.sent, sentMsg{m, time.Now()})
	var ids []int64
	for range m.Parts() {
		s.nextID++
		ids = append(ids, s.nextID)
	}
	return ids, nil
}

func (s *fakeSender) texts() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, m := range s.sent {
		if m.msg.Kind == tip.SendText {
			out = append(out, m.msg.Text)
		} else {
			out = append(out, string(m.msg.Kind))
		}
	}
	return out
}

func (s *fakeSender) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sent)
}

// mustStore opens an outbox on a temp file, with tips #1 to #60 existing
// so that rows may refer to them.
func mustStore(t *testing.T) *sqlite.OutboxStore {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "relay.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	tips := sqlite.NewTipStore(db)
	for n := range int64(60) {
		draft := tip.Tip{Reporter: tip.Person{ID: private}, ChatID: private, MessageIDs: []int64{1000 + n}, SentAt: time.Now()}
		if _, _, err := tips.Create(ctx, draft, func(tip.Tip) []tip.OutboxMessage { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	return sqlite.NewOutboxStore(db)
}

func newWorker(store Outbox, send Sender, opt Options) *Worker {
	if opt.Texts == (text.Catalog{}) {
		opt.Texts = text.For(text.Indonesian)
	}
	return New(store, send, slog.New(slog.DiscardHandler), opt)
}

// runUntil runs w until cond holds or the deadline passes, then stops it.
func runUntil(t *testing.T, w *Worker, d time.Duration, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	deadline := time.Now().Add(d)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			cancel()
			<-done
			t.Fatalf("condition not met within %v", d)
		}
		<-tick.C
	}
	cancel()
	<-done
}

func enqueue(t *testing.T, s Outbox, msgs ...tip.OutboxMessage) {
	t.Helper()
	if err := s.Enqueue(context.Background(), msgs...); err != nil {
		t.Fatal(err)
	}
}

func get(t *testing.T, s Outbox, id int64) tip.OutboxMessage {
	t.Helper()
	m, err := s.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

var errBoom = errors.New("boom")
