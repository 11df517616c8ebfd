package sqlite

import (
	"context"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestOutboxMerged(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	for range 3 {
		mustEnqueueOne(t, s, -100)
	}
	if err := s.MarkSentMany(ctx, []int64{1, 2}, []int64{70}, testNow); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSent(ctx, 3, []int64{71}, testNow); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		id   int64
		want bool
	}{{1, true}, {2, true}, {3, false}, {99, false}} {
		if got, err := s.Merged(ctx, tt.id); err != nil || got != tt.want {
			t.Errorf("Merged(%d) = %v, %v; want %v", tt.id, got, err, tt.want)
		}
	}
}

func TestOutboxRewriteOnlyWhileWaiting(t *testing.T) {
	ctx := context.Background()
	s := NewOutboxStore(mustOpen(t))
	waiting, leased, sent := mustEnqueueOne(t, s, -100), mustEnqueueOne(t, s, -101), mustEnqueueOne(t, s, -102)
	if _, err := s.LeaseMany(ctx, []int64{leased}, "bot", testNow, testNow.Add(60e9)); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSent(ctx, sent, []int64{5}, testNow); err != nil {
		t.Fatal(err)
	}
	kb := [][]tip.Button{{{Text: "x", Data: "t1:p:darurat"}}}
	for _, tt := range []struct {
		name string
		id   int64
		want bool
	}{{"waiting", waiting, true}, {"being sent", leased, false}, {"sent", sent, false}} {
		got, err := s.Rewrite(ctx, tt.id, "baru", kb, testNow)
		if err != nil || got != tt.want {
			t.Errorf("%s: got %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	m, err := s.Get(ctx, waiting)
	if err != nil || m.Text != "baru" || len(m.Buttons) != 1 || m.Buttons[0][0].Data != "t1:p:darurat" {
		t.Errorf("got %+v (%v), want the new text and buttons", m, err)
	}
}
