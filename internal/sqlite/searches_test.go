package sqlite

import (
	"context"
	"errors"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestSavedSearches: a saved search is read back by its ID; an unknown
// ID is not found; only the latest keptSearches are kept, and IDs only
// grow.
func TestSavedSearches(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewSearchStore(db)
	id, err := s.SaveSearch(ctx, tip.SavedSearch{ChatID: -100123, UserID: 42, Query: `tps 17 "surat suara"`})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.SavedSearch(ctx, id)
	want := tip.SavedSearch{ID: id, ChatID: -100123, UserID: 42, Query: `tps 17 "surat suara"`, CreatedAt: testNow.Truncate(1e6)}
	if err != nil || got != want {
		t.Errorf("got %+v, %v; want %+v", got, err, want)
	}
	if _, err := s.SavedSearch(ctx, id+1); !errors.Is(err, tip.ErrNotFound) {
		t.Errorf("unknown search: got %v, want ErrNotFound", err)
	}
	// The table just below its limit: the oldest goes when one more comes.
	if _, err := db.sql.Exec(`INSERT INTO searches (id, chat_id, user_id, query, created_at) VALUES (?, 1, 1, 'x', 0)`, id+keptSearches-1); err != nil {
		t.Fatal(err)
	}
	next, err := s.SaveSearch(ctx, tip.SavedSearch{ChatID: 1, UserID: 1, Query: "y"})
	if err != nil || next != id+keptSearches {
		t.Fatalf("got id %d, %v; want %d", next, err, id+keptSearches)
	}
	if _, err := s.SavedSearch(ctx, id); !errors.Is(err, tip.ErrNotFound) {
		t.Errorf("search %d older than the latest %d: got %v, want it forgotten", id, keptSearches, err)
	}
	if _, err := s.SavedSearch(ctx, next-1); err != nil {
		t.Errorf("search %d: %v, want it kept", next-1, err)
	}
}
