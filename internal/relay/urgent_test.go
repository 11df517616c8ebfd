package relay

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func urgentTo(chat int64, s string) tip.OutboxMessage {
	m := textTo(chat, s)
	m.Urgent = true
	return m
}

// TestUrgentFirstUnderGroupLimit: 30 normal rows wait behind a full
// window; 2 urgent rows queued then are the next two sent.
func TestUrgentFirstUnderGroupLimit(t *testing.T) {
	store := mustStore(t)
	send := &fakeSender{}
	clock := &fakeClock{now: time.Now()}
	w := newWorker(store, send, Options{Now: clock.Now, Limits: Limits{Group: Limit{N: 3, Per: time.Hour}}})
	for i := range 30 {
		enqueue(t, store, textTo(group, fmt.Sprint("n", i)))
	}
	startWorker(t, w)
	// Wait until the three sends are settled (counted in the window at
	// the fake time they finished), not only made: a send settled after
	// the clock moves would fill the next window too.
	if err := eventually(func() bool {
		w.mu.Lock()
		idle := len(w.inflight) == 0
		w.mu.Unlock()
		return send.count() == 3 && idle
	}); err != nil {
		t.Fatal(err)
	}
	enqueue(t, store, urgentTo(group, "u0"), urgentTo(group, "u1"))
	clock.Add(time.Hour)
	w.Notify()
	if err := eventually(func() bool { return send.count() == 6 }); err != nil {
		t.Fatal(err)
	}
	got, want := strings.Join(send.texts(), " "), "n0 n1 n2 u0 u1 n3"
	if got != want {
		t.Errorf("got sends %q, want %q", got, want)
	}
}

// TestUrgentNeverCoalesced: under a backlog that is coalesced, urgent tips
// go first and each as its own message; the normal ones are summarised.
func TestUrgentNeverCoalesced(t *testing.T) {
	store := mustStore(t)
	send := &fakeSender{}
	tipRows := func(n int64, urgent bool) []tip.OutboxMessage {
		target := tip.Target{ChatID: group}
		return []tip.OutboxMessage{
			{TipID: n, Purpose: tip.PurposeRelay, Target: target, Kind: tip.SendText, Text: fmt.Sprintf("header %d", n),
				Coalesce: true, Compact: fmt.Sprintf("<b>Laporan #%d</b> teks", n), Urgent: urgent},
			{TipID: n, Purpose: tip.PurposeRelay, Target: target, Kind: tip.CopyMessages, FromChatID: private,
				MessageIDs: []int64{n}, Coalesce: true, Urgent: urgent},
		}
	}
	for n := int64(1); n <= 3; n++ {
		enqueue(t, store, tipRows(n, false)...)
	}
	enqueue(t, store, tipRows(4, true)...)
	enqueue(t, store, tipRows(5, true)...)
	w := newWorker(store, send, Options{Coalesce: true, Limits: Limits{Group: Limit{N: 4, Per: 50 * time.Millisecond}}})
	runUntil(t, w, 10*time.Second, func() bool {
		rows, _ := store.Pending(context.Background(), tip.Target{ChatID: group}, 100)
		return len(rows) == 0
	})
	got := send.texts()
	want := []string{"header 4", "copy", "header 5", "copy",
		"📥 <b>Ringkasan 3 laporan</b> (antrean padat; media tetap dikirim terpisah)\n\n<b>Laporan #1</b> teks\n\n<b>Laporan #2</b> teks\n\n<b>Laporan #3</b> teks"}
	if strings.Join(got, "\n--\n") != strings.Join(want, "\n--\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n--\n"), strings.Join(want, "\n--\n"))
	}
}

// TestAnswerNotDelayedByFullWindow: an answer to a button press pressed in
// a group whose window is full, and whose send is in flight, goes at once.
func TestAnswerNotDelayedByFullWindow(t *testing.T) {
	store := mustStore(t)
	send := &fakeSender{}
	w := newWorker(store, send, Options{Limits: Limits{Group: Limit{N: 2, Per: time.Hour}, Global: Limit{N: 2, Per: time.Hour}}})
	enqueue(t, store, textTo(group, "a"), textTo(group, "b"), textTo(group, "c"))
	startWorker(t, w)
	if err := eventually(func() bool { return send.count() == 2 }); err != nil {
		t.Fatal(err)
	}
	enqueue(t, store, tip.OutboxMessage{Purpose: tip.PurposeNotice, Target: tip.Target{ChatID: group},
		Kind: tip.AnswerCallback, CallbackID: "cb", Text: "Status diubah"})
	w.Notify()
	if err := eventually(func() bool { return send.count() == 3 }); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(send.texts(), " "), "a b answer_callback"; got != want {
		t.Errorf("got sends %q, want %q", got, want)
	}
	if m := get(t, store, 3); m.Status != tip.OutboxPending {
		t.Errorf("got c %s, want it still held by the full window", m.Status)
	}
}
