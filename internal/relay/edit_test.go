package relay

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func editOf(of int64, target tip.Target, s string) tip.OutboxMessage {
	return tip.OutboxMessage{Purpose: tip.PurposeRelay, Target: target, Kind: tip.EditText, EditOf: of, Text: s}
}

// sentEdits returns the edits the sender got, as "text@message".
func (s *fakeSender) sentEdits() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, m := range s.sent {
		if m.msg.IsEdit() {
			out = append(out, m.msg.Text+"@"+fmt.Sprint(m.msg.EditMessageID))
		}
	}
	return out
}

func TestEdits(t *testing.T) {
	g := tip.Target{ChatID: group}
	t.Run("superseded edits are dropped", func(t *testing.T) {
		store := mustStore(t)
		send := &fakeSender{nextID: 100}
		enqueue(t, store, textTo(group, "header"))
		for _, s := range []string{"edit 1", "edit 2", "edit 3"} {
			enqueue(t, store, editOf(1, g, s))
		}
		w := newWorker(store, send, Options{})
		runUntil(t, w, 5*time.Second, func() bool { return send.count() == 2 })
		if got, want := strings.Join(send.sentEdits(), " "), "edit 3@101"; got != want {
			t.Errorf("got edits %q, want %q", got, want)
		}
	})
	t.Run("an edit waits for its original", func(t *testing.T) {
		// The original is in another queue (a topic of the chat) and
		// waits for a retry: the edit, head of its queue, waits for it.
		store := mustStore(t)
		send := &fakeSender{nextID: 100}
		clock := &fakeClock{now: time.Now()}
		header := textTo(group, "header")
		header.Target.ThreadID, header.NextAttemptAt = 5, clock.Now().Add(time.Minute)
		enqueue(t, store, header, editOf(1, g, "edit"))
		w := newWorker(store, send, Options{Now: clock.Now})
		ctx := context.Background()
		w.dispatch(ctx, ctx)
		w.wg.Wait()
		if n := send.count(); n != 0 {
			t.Fatalf("got %d sends before the original is due, want none", n)
		}
		clock.Add(time.Minute)
		runUntil(t, w, 5*time.Second, func() bool { return send.count() == 2 })
		if got, want := strings.Join(send.texts(), " "), "header edit_text"; got != want {
			t.Errorf("got sends %q, want %q", got, want)
		}
		if got, want := strings.Join(send.sentEdits(), " "), "edit@101"; got != want {
			t.Errorf("got edits %q, want %q", got, want)
		}
	})
	t.Run("an urgent edit never overtakes its original", func(t *testing.T) {
		store := mustStore(t)
		send := &fakeSender{nextID: 100}
		header := textTo(group, "header")
		header.TipID = 1
		enqueue(t, store, textTo(group, "other"), header)
		e := editOf(2, g, "darurat")
		e.TipID, e.Urgent = 1, true
		enqueue(t, store, e)
		w := newWorker(store, send, Options{})
		runUntil(t, w, 5*time.Second, func() bool { return send.count() == 3 })
		if got, want := strings.Join(send.texts(), " "), "header edit_text other"; got != want {
			t.Errorf("got sends %q, want %q", got, want)
		}
		if got, want := strings.Join(send.sentEdits(), " "), "darurat@101"; got != want {
			t.Errorf("got edits %q, want %q", got, want)
		}
	})
	t.Run("an edit of a failed row fails", func(t *testing.T) {
		store := mustStore(t)
		send := &fakeSender{}
		enqueue(t, store, textTo(group, "header"))
		if err := store.MarkFailed(context.Background(), 1, "message to copy not found"); err != nil {
			t.Fatal(err)
		}
		enqueue(t, store, editOf(1, g, "edit"), textTo(group, "next"))
		w := newWorker(store, send, Options{})
		runUntil(t, w, 5*time.Second, func() bool { return send.count() == 1 })
		if got := strings.Join(send.texts(), " "); got != "next" {
			t.Errorf("got sends %q, want only the row after the edit", got)
		}
		if m := get(t, store, 2); m.Status != tip.OutboxFailed || !strings.Contains(m.LastError, "nothing to edit") {
			t.Errorf("got edit %s (%q), want failed with nothing to edit", m.Status, m.LastError)
		}
	})
}
