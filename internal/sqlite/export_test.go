package sqlite

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestEachTip: tips by number from the given time on, with their triage
// and status; an error of fn stops the walk and is returned.
func TestEachTip(t *testing.T) {
	ctx := context.Background()
	now := testNow
	db := mustOpen(t, WithClock(func() time.Time { return now }))
	tips := NewTipStore(db)
	for i := range int64(4) {
		now = testNow.Add(time.Duration(i) * time.Hour)
		if _, _, err := tips.Create(ctx, sampleTip(5, i+1), nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := tips.SetTriage(ctx, 3, tip.Triage{Region: "badung", Category: tip.CategoryHoax, Priority: tip.PriorityUrgent}); err != nil {
		t.Fatal(err)
	}
	change := tip.StatusChange{TipID: 3, To: tip.StatusFollowUp, ChatID: -100, Unit: "Polres Badung", Officer: tip.Person{ID: 9, FirstName: "Komang"}, At: now}
	if err := NewStatusStore(db).SetStatus(ctx, change); err != nil {
		t.Fatal(err)
	}
	s := NewExportStore(db)
	tests := []struct {
		name  string
		since time.Time
		want  []int64
	}{
		{"every tip", time.Time{}, []int64{1, 2, 3, 4}},
		{"since the second", testNow.Add(time.Hour), []int64{2, 3, 4}},
		{"just after the second", testNow.Add(time.Hour + time.Millisecond), []int64{3, 4}},
		{"after the last", testNow.Add(4 * time.Hour), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int64
			err := s.EachTip(ctx, tt.since, func(tp tip.Tip) error {
				got = append(got, tp.ID)
				if tp.ID == 3 && (tp.Triage.Region != "badung" || tp.Triage.Category != tip.CategoryHoax ||
					tp.Triage.Priority != tip.PriorityUrgent || tp.Status.Status != tip.StatusFollowUp || tp.Status.Unit != "Polres Badung") {
					t.Errorf("tip 3 = triage %+v, status %+v; want badung, hoaks, darurat, ditindaklanjuti by Polres Badung", tp.Triage, tp.Status)
				}
				if tp.Reporter.FirstName != "Made" || len(tp.Links) != 2 || tp.Origin == nil {
					t.Errorf("tip %d = %+v, want the reporter, links and origin", tp.ID, tp)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got tips %v, want %v", got, tt.want)
			}
		})
	}

	stop := errors.New("stop")
	n := 0
	err := s.EachTip(ctx, time.Time{}, func(tip.Tip) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("got %v after %d tips, want fn's error after 1", err, n)
	}
}
