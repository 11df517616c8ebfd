package relay

import (
	"testing"
	"time"
)

func TestPacerRollingWindow(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	group := int64(-100)
	tests := []struct {
		name   string
		limits Limits
		books  []int // n per reservation, all at t0 + i*10ms
		next   int   // n of the probe reservation at t0 + len(books)*10ms
		want   time.Duration
	}{
		{"under the limit", Limits{Group: Limit{3, time.Second}}, []int{1, 1}, 1, 0},
		{"at the limit waits for the oldest to leave", Limits{Group: Limit{3, time.Second}}, []int{1, 1, 1}, 1, 970 * time.Millisecond},
		{"album counts per message", Limits{Group: Limit{20, time.Minute}}, []int{10, 9}, 2, time.Minute - 20*time.Millisecond},
		{"oversized send waits for an empty window", Limits{Private: Limit{1, time.Second}}, nil, 5, 0},
		{"global limit applies across chats", Limits{Global: Limit{2, time.Second}}, []int{1, 1}, 1, 980 * time.Millisecond},
		{"off", Limits{}, []int{100, 100}, 100, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPacer(tt.limits)
			chat := group
			if tt.limits.Private.N > 0 {
				chat = 7
			}
			for i, n := range tt.books {
				c := chat
				if tt.limits.Global.N > 0 {
					c = int64(-i - 1) // different chats
				}
				if w := p.reserve(c, n, t0.Add(time.Duration(i)*10*time.Millisecond)); w != 0 {
					t.Fatalf("booking %d: got wait %v, want 0", i, w)
				}
			}
			got := p.reserve(chat, tt.next, t0.Add(time.Duration(len(tt.books))*10*time.Millisecond))
			if got != tt.want {
				t.Errorf("got wait %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPacerSettleMovesBookingToCompletion(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	p := newPacer(Limits{Group: Limit{1, time.Second}})
	if w := p.reserve(-1, 1, t0); w != 0 {
		t.Fatal(w)
	}
	p.settle(-1, 1, t0, t0.Add(300*time.Millisecond))
	// Measured from the completion, the slot frees at t0+1.3s, not t0+1s.
	if got, want := p.reserve(-1, 1, t0.Add(time.Second)), 300*time.Millisecond; got != want {
		t.Errorf("got wait %v, want %v", got, want)
	}
	if got := p.reserve(-1, 1, t0.Add(1300*time.Millisecond)); got != 0 {
		t.Errorf("got wait %v at the settled window's end, want 0", got)
	}
}

// TestPacerSettleOfALongSend: a send that outlasts the window had its
// booking pruned before it completed; it still counts from its completion.
func TestPacerSettleOfALongSend(t *testing.T) {
	t0 := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	p := newPacer(Limits{Group: Limit{1, time.Second}})
	if w := p.reserve(-1, 1, t0); w != 0 {
		t.Fatal(w)
	}
	// A look at the group at t0+1.2s prunes the booking, still in flight.
	p.peek(-1, 1, t0.Add(1200*time.Millisecond))
	p.settle(-1, 1, t0, t0.Add(1600*time.Millisecond))
	if got, want := p.reserve(-1, 1, t0.Add(2*time.Second)), 600*time.Millisecond; got != want {
		t.Errorf("got wait %v, want %v: the send counts from its completion at t0+1.6s", got, want)
	}
}
