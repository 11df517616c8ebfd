package sqlite

import (
	"context"
	"errors"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestOutboxByDedupeKey(t *testing.T) {
	s := NewOutboxStore(mustOpen(t))
	ctx := context.Background()
	m := text(-100, 0, "digest")
	m.DedupeKey = "digest:cli:ab:0"
	if err := s.Enqueue(ctx, m); err != nil {
		t.Fatal(err)
	}
	got, err := s.ByDedupeKey(ctx, "digest:cli:ab:0")
	if err != nil || got.Text != "digest" || got.DedupeKey != m.DedupeKey {
		t.Errorf("got %+v, %v; want the row", got, err)
	}
	if _, err := s.ByDedupeKey(ctx, "nope"); !errors.Is(err, tip.ErrNotFound) {
		t.Errorf("got %v, want ErrNotFound", err)
	}
}
