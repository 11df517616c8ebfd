package sqlite

import (
	"context"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestRepeatStore: a lookup finds the original of the earliest tip
// holding a key within the window; counting and unfolding keep the
// report counts, and a repeat never points at a repeat.
func TestRepeatStore(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	tips, repeats := NewTipStore(db), NewRepeatStore(db)
	create := func(msg int64) tip.Tip {
		t.Helper()
		stored, _, err := tips.Create(ctx, sampleTip(111, msg), nil)
		if err != nil {
			t.Fatal(err)
		}
		return stored
	}
	a, b, c := create(1), create(2), create(3)
	if err := repeats.AddKeys(ctx, a.ID, []string{"o:-100:7", "l:youtube:x"}, testNow.Add(-2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := repeats.AddKeys(ctx, b.ID, []string{"l:youtube:x", "f:U1"}, testNow); err != nil {
		t.Fatal(err)
	}
	lookups := []struct {
		name      string
		keys      []string
		since     time.Time
		wantFound bool
		want      int64
	}{
		{"origin", []string{"o:-100:7"}, testNow.Add(-3 * time.Hour), true, a.ID},
		{"earliest holder wins", []string{"l:youtube:x"}, testNow.Add(-3 * time.Hour), true, a.ID},
		{"older than the window", []string{"o:-100:7"}, testNow.Add(-time.Hour), false, 0},
		{"window leaves the later holder", []string{"l:youtube:x"}, testNow.Add(-time.Hour), true, b.ID},
		{"any of several keys", []string{"nope", "f:U1"}, testNow.Add(-time.Hour), true, b.ID},
		{"unknown key", []string{"f:U2"}, time.Time{}, false, 0},
		{"no keys", nil, time.Time{}, false, 0},
	}
	for _, tt := range lookups {
		t.Run(tt.name, func(t *testing.T) {
			got, found, err := repeats.FindRepeat(ctx, tt.keys, tt.since)
			if err != nil {
				t.Fatal(err)
			}
			if found != tt.wantFound || got != tt.want {
				t.Errorf("got %d, %v; want %d, %v", got, found, tt.want, tt.wantFound)
			}
		})
	}

	// c repeats b: b counts 2 reports.
	orig, err := repeats.CountRepeat(ctx, c.ID, b.ID, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if orig.ID != b.ID || orig.Reports != 2 || !orig.LastReportAt.Equal(testNow) {
		t.Errorf("got original %d with %d reports at %v, want %d with 2 at %v", orig.ID, orig.Reports, orig.LastReportAt, b.ID, testNow)
	}
	// A lookup by c's key now finds its original.
	if err := repeats.AddKeys(ctx, c.ID, []string{"s:abc"}, testNow); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := repeats.FindRepeat(ctx, []string{"s:abc"}, time.Time{}); got != b.ID {
		t.Errorf("lookup by a repeat's key found %d, want its original %d", got, b.ID)
	}
	if _, err := repeats.CountRepeat(ctx, c.ID, a.ID, testNow); err == nil {
		t.Error("a repeat was counted twice")
	}
	// b (with its repeat c) turns out to repeat a: a counts all three,
	// and c now points at a.
	if orig, err = repeats.CountRepeat(ctx, b.ID, a.ID, testNow); err != nil {
		t.Fatal(err)
	}
	if orig.Reports != 3 {
		t.Errorf("got %d reports on #%d, want 3", orig.Reports, a.ID)
	}
	if got, _ := tips.Get(ctx, c.ID); got.DuplicateOf != a.ID {
		t.Errorf("tip %d repeats %d, want %d (never a repeat of a repeat)", c.ID, got.DuplicateOf, a.ID)
	}
	// Unfolding c takes its report off a.
	orig, ok, err := repeats.Unfold(ctx, c.ID)
	if err != nil || !ok || orig.ID != a.ID || orig.Reports != 2 {
		t.Errorf("Unfold = #%d with %d reports, %v, %v; want #%d with 2, true", orig.ID, orig.Reports, ok, err, a.ID)
	}
	if _, ok, err := repeats.Unfold(ctx, c.ID); ok || err != nil {
		t.Errorf("second Unfold = %v, %v; want false, nil", ok, err)
	}
	if err := repeats.SetSimilar(ctx, c.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := tips.Get(ctx, c.ID); got.SimilarTo != a.ID || got.DuplicateOf != 0 || got.Reports != 1 {
		t.Errorf("got similar %d, duplicate of %d, %d reports; want %d, 0, 1", got.SimilarTo, got.DuplicateOf, got.Reports, a.ID)
	}
}
