package poll

import (
	"testing"
	"time"
)

func TestUntil(t *testing.T) {
	tests := []struct {
		name      string
		trueAfter int // the call from which cond holds; 0 for never
		want      bool
		wantCalls func(n int) bool
	}{
		{"holds at once", 1, true, func(n int) bool { return n == 1 }},
		{"holds later", 3, true, func(n int) bool { return n == 3 }},
		{"never holds", 0, false, func(n int) bool { return n > 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			got := Until(50*time.Millisecond, func() bool {
				calls++
				return tt.trueAfter > 0 && calls >= tt.trueAfter
			})
			if got != tt.want || !tt.wantCalls(calls) {
				t.Errorf("Until = %v after %d calls, want %v", got, calls, tt.want)
			}
		})
	}
}
