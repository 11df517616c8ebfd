package relay

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestFailingMarkedElsewhereIsCleared checks that a chat marked failing
// by someone else while the worker runs (intake, when the chat removed the
// bot) is cleared, and the admins told, once a send to it succeeds.
func TestFailingMarkedElsewhereIsCleared(t *testing.T) {
	ctx := context.Background()
	store := mustStore(t)
	send := &fakeSender{}
	w := newWorker(store, send, Options{Admins: []int64{admin}})
	enqueue(t, store, textTo(group, "t1"))
	marked := false
	runUntil(t, w, 5*time.Second, func() bool {
		if send.count() < 1 {
			return false
		}
		if !marked {
			// The worker has looked at the failing chats by now: mark
			// the group behind its back, then give it a message.
			marked = true
			if _, err := store.SetTargetFailing(ctx, group, time.Now(), "bot removed"); err != nil {
				t.Fatal(err)
			}
			enqueue(t, store, textTo(group, "t2"))
			w.Notify()
		}
		return strings.Contains(strings.Join(send.texts(), "|"), "kembali menerima")
	})
	if failing, _ := store.FailingTargets(ctx); len(failing) != 0 {
		t.Errorf("got failing %v after a success, want none", failing)
	}
}
