package relay

import (
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestDefaultBackoff(t *testing.T) {
	tests := []struct {
		name     string
		attempts int
		kind     tip.SendErrorKind
		lo, hi   time.Duration
	}{
		{"first failure", 1, tip.SendTemporary, 500 * time.Millisecond, time.Second},
		{"fourth failure doubles three times", 4, tip.SendTemporary, 4 * time.Second, 8 * time.Second},
		{"capped at 5 minutes", 30, tip.SendTemporary, 150 * time.Second, 5 * time.Minute},
		{"a refusing chat is tried every 10 minutes", 3, tip.SendPermanent, 10 * time.Minute, 10 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 200 {
				if got := DefaultBackoff(tt.attempts, tt.kind); got < tt.lo || got > tt.hi {
					t.Fatalf("got %v, want between %v and %v", got, tt.lo, tt.hi)
				}
			}
		})
	}
}
