package relay

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestWorkerKeepsGroupRate(t *testing.T) {
	store := mustStore(t)
	send := &fakeSender{}
	window := 150 * time.Millisecond
	w := newWorker(store, send, Options{Limits: Limits{Group: Limit{N: 3, Per: window}}})
	for i := range 10 {
		enqueue(t, store, textTo(group, fmt.Sprint(i)))
	}
	start := time.Now()
	runUntil(t, w, 10*time.Second, func() bool { return send.count() == 10 })
	send.mu.Lock()
	defer send.mu.Unlock()
	for i := 3; i < len(send.sent); i++ {
		if gap := send.sent[i].at.Sub(send.sent[i-3].at); gap < window {
			t.Errorf("sends %d and %d are %v apart, want at least %v (3 per window)", i-3, i, gap, window)
		}
	}
	if got, min := time.Since(start), 3*window; got < min {
		t.Errorf("got makespan %v, want at least %v", got, min)
	}
	for i, s := range send.sent {
		if s.msg.Text != fmt.Sprint(i) {
			t.Fatalf("got %q at position %d, want order kept", s.msg.Text, i)
		}
	}
}

func TestRestartKeepsPace(t *testing.T) {
	store := mustStore(t)
	ctx := context.Background()
	enqueue(t, store, textTo(group, "before restart"), textTo(group, "after restart"))
	if err := store.MarkSent(ctx, 1, []int64{1}, time.Now()); err != nil {
		t.Fatal(err)
	}
	w := newWorker(store, &fakeSender{}, Options{Limits: Limits{Group: Limit{N: 1, Per: time.Hour}}})
	w.seedPace(ctx)
	w.dispatch(ctx, ctx)
	if w.wg.Wait(); get(t, store, 2).Status != tip.OutboxPending {
		t.Error("got the second message sent, want it held by the restored pace")
	}
	if wait := w.pace.reserve(group, 1, time.Now()); wait < 50*time.Minute {
		t.Errorf("got wait %v, want close to the hour the previous send blocks", wait)
	}
}

func TestBacklogIsCoalesced(t *testing.T) {
	store := mustStore(t)
	send := &fakeSender{}
	textTip := func(n int64) []tip.OutboxMessage {
		target := tip.Target{ChatID: group}
		return []tip.OutboxMessage{
			{TipID: n, Purpose: tip.PurposeRelay, Target: target, Kind: tip.SendText, Text: fmt.Sprintf("header %d", n),
				Coalesce: true, Compact: fmt.Sprintf("<b>Laporan #%d</b> teks", n)},
			{TipID: n, Purpose: tip.PurposeRelay, Target: target, Kind: tip.CopyMessages, FromChatID: private, MessageIDs: []int64{n}, Coalesce: true},
		}
	}
	mediaTip := []tip.OutboxMessage{
		{TipID: 5, Purpose: tip.PurposeRelay, Target: tip.Target{ChatID: group}, Kind: tip.SendText, Text: "header 5"},
		{TipID: 5, Purpose: tip.PurposeRelay, Target: tip.Target{ChatID: group}, Kind: tip.CopyMessages, FromChatID: private, MessageIDs: []int64{5, 6, 7}},
	}
	for n := int64(1); n <= 4; n++ {
		enqueue(t, store, textTip(n)...)
	}
	enqueue(t, store, mediaTip...)
	enqueue(t, store, textTip(8)...)
	enqueue(t, store, textTip(9)...)
	w := newWorker(store, send, Options{Coalesce: true, Limits: Limits{Group: Limit{N: 4, Per: 100 * time.Millisecond}}})
	runUntil(t, w, 10*time.Second, func() bool {
		rows, _ := store.Pending(context.Background(), tip.Target{ChatID: group}, 100)
		return len(rows) == 0
	})
	got := send.texts()
	want := []string{
		"📥 <b>Ringkasan 4 laporan</b> (antrean padat; media tetap dikirim terpisah)\n\n<b>Laporan #1</b> teks\n\n<b>Laporan #2</b> teks\n\n<b>Laporan #3</b> teks\n\n<b>Laporan #4</b> teks",
		"header 5", "copy",
		// 5 messages wait (3 parts of the album were already sent), then
		// only 4: below the limit, so sent as they are.
		"header 8", "copy", "header 9", "copy",
	}
	if strings.Join(got, "\n--\n") != strings.Join(want, "\n--\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n--\n"), strings.Join(want, "\n--\n"))
	}
}
