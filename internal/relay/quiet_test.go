package relay

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestQuietHours(t *testing.T) {
	makassar, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	ack := tip.OutboxMessage{TipID: 1, Purpose: tip.PurposeAck, Target: tip.Target{ChatID: private}, Kind: tip.SendText, Text: "ack"}
	reminder := tip.OutboxMessage{TipID: 1, Purpose: tip.PurposeReminder, Target: tip.Target{ChatID: group - 2}, Kind: tip.SendText, Text: "reminder"}
	tests := []struct {
		name  string
		clock time.Time
		quiet QuietHours
		want  string // "text:silent" of each send
	}{
		{"23:00 relays quietly, urgent ones notify", time.Date(2025, 3, 14, 23, 0, 0, 0, makassar), QuietHours{}, "normal:true urgent:false ack:false reminder:true"},
		{"05:59 is still quiet", time.Date(2025, 3, 14, 5, 59, 0, 0, makassar), QuietHours{}, "normal:true urgent:false ack:false reminder:true"},
		{"10:00 notifies", time.Date(2025, 3, 14, 10, 0, 0, 0, makassar), QuietHours{}, "normal:false urgent:false ack:false reminder:false"},
		{"the local zone counts, not UTC", time.Date(2025, 3, 14, 15, 0, 0, 0, time.UTC), QuietHours{}, "normal:true urgent:false ack:false reminder:true"},
		{"off", time.Date(2025, 3, 14, 23, 0, 0, 0, makassar), QuietHours{Off: true}, "normal:false urgent:false ack:false reminder:false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := mustStore(t)
			send := &fakeSender{}
			// The urgent row in a group of its own, so that every row is
			// a head and all go in one dispatch.
			enqueue(t, store, textTo(group, "normal"), ack, urgentTo(group-1, "urgent"), reminder)
			clock := &fakeClock{now: tt.clock}
			w := newWorker(store, send, Options{Now: clock.Now, Location: makassar, Quiet: tt.quiet})
			ctx := context.Background()
			w.dispatch(ctx, ctx)
			w.wg.Wait()
			got := map[string]bool{}
			send.mu.Lock()
			for _, s := range send.sent {
				got[s.msg.Text] = s.msg.Silent
			}
			send.mu.Unlock()
			if len(got) != 4 {
				t.Fatalf("got sends %v, want 4", got)
			}
			var parts []string
			for _, k := range []string{"normal", "urgent", "ack", "reminder"} {
				parts = append(parts, fmt.Sprintf("%s:%v", k, got[k]))
			}
			if s := strings.Join(parts, " "); s != tt.want {
				t.Errorf("got %s, want %s", s, tt.want)
			}
		})
	}
}
