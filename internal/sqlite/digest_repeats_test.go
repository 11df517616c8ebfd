package sqlite

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestDigestRepeats: the whole digest reads the period's originals and
// repeats and counts the originals; a region digest reads the region's
// originals and the repeats of them, whatever the repeats' own region
// and however old the original.
func TestDigestRepeats(t *testing.T) {
	ctx := context.Background()
	db := mustClockDB(t)
	tips, repeats := NewTipStore(db.DB), NewRepeatStore(db.DB)
	add := func(at time.Time, msg int64, region tip.RegionKey, repeatOf int64) int64 {
		t.Helper()
		db.now = at
		draft := sampleTip(111, msg)
		draft.Triage.Region = region
		stored, _, err := tips.Create(ctx, draft, nil)
		if err != nil {
			t.Fatal(err)
		}
		if repeatOf != 0 {
			if _, err := repeats.CountRepeat(ctx, stored.ID, repeatOf, at); err != nil {
				t.Fatal(err)
			}
		}
		return stored.ID
	}
	hour := func(h int) time.Time { return digestDay.Add(time.Duration(h) * time.Hour) }
	yesterdayBadung := add(hour(-3), 1, "badung", 0) // #1
	yesterdayGianyar := add(hour(-2), 2, "gianyar", 0)
	add(hour(-1), 3, "", yesterdayBadung) // #3: yesterday's repeat
	badung := add(hour(1), 4, "badung", 0)
	add(hour(2), 5, "gianyar", badung)          // #5: its own region says nothing
	add(hour(3), 6, "", badung)                 // #6
	add(hour(4), 7, "", yesterdayBadung)        // #7: a repeat today of yesterday's tip
	add(hour(5), 8, "badung", yesterdayGianyar) // #8: Gianyar's, not Badung's
	add(hour(6), 9, "", 0)                      // #9

	s := NewDigestStore(db.DB)
	from, to := digestDay, digestDay.AddDate(0, 0, 1)
	tests := []struct {
		name           string
		read           func() ([]tip.DigestItem, error)
		count          func() (int, error)
		want           []int64 // tip numbers read
		wantDup        []int64 // their duplicate_of
		wantCount      int     // originals of the period
		wantCountPrev  int     // originals of the day before
		countPrevious  func() (int, error)
		wantReportsOf4 int
	}{
		{
			name: "every tip", read: func() ([]tip.DigestItem, error) { return s.DigestTips(ctx, from, to) },
			count:         func() (int, error) { return s.CountTips(ctx, from, to) },
			countPrevious: func() (int, error) { return s.CountTips(ctx, from.AddDate(0, 0, -1), from) },
			want:          []int64{4, 5, 6, 7, 8, 9}, wantDup: []int64{0, 4, 4, 1, 2, 0},
			wantCount: 2, wantCountPrev: 2, wantReportsOf4: 3,
		},
		{
			name: "badung", read: func() ([]tip.DigestItem, error) {
				return s.RegionDigestTips(ctx, "badung", relayTarget, from, to)
			},
			count:         func() (int, error) { return s.CountRegionTips(ctx, "badung", from, to) },
			countPrevious: func() (int, error) { return s.CountRegionTips(ctx, "badung", from.AddDate(0, 0, -1), from) },
			want:          []int64{4, 5, 6, 7}, wantDup: []int64{0, 4, 4, 1},
			wantCount: 1, wantCountPrev: 1, wantReportsOf4: 3,
		},
		{
			name: "gianyar", read: func() ([]tip.DigestItem, error) {
				return s.RegionDigestTips(ctx, "gianyar", relayTarget, from, to)
			},
			count:         func() (int, error) { return s.CountRegionTips(ctx, "gianyar", from, to) },
			countPrevious: func() (int, error) { return s.CountRegionTips(ctx, "gianyar", from.AddDate(0, 0, -1), from) },
			want:          []int64{8}, wantDup: []int64{2},
			wantCount: 0, wantCountPrev: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := tt.read()
			if err != nil {
				t.Fatal(err)
			}
			var got, dup []int64
			for _, it := range items {
				got, dup = append(got, it.Tip.ID), append(dup, it.Tip.DuplicateOf)
				if it.Tip.ID == 4 && it.Tip.Reports != tt.wantReportsOf4 {
					t.Errorf("got %d reports of #4, want %d", it.Tip.Reports, tt.wantReportsOf4)
				}
				if len(it.Tip.Attachments) != 1 || len(it.Tip.MessageIDs) != 1 {
					t.Errorf("got #%d with %d attachments and %d messages, want 1 each", it.Tip.ID, len(it.Tip.Attachments), len(it.Tip.MessageIDs))
				}
			}
			if !slices.Equal(got, tt.want) || !slices.Equal(dup, tt.wantDup) {
				t.Errorf("got tips %v repeating %v, want %v repeating %v", got, dup, tt.want, tt.wantDup)
			}
			for _, c := range []struct {
				what  string
				count func() (int, error)
				want  int
			}{{"the period", tt.count, tt.wantCount}, {"the day before", tt.countPrevious, tt.wantCountPrev}} {
				if n, err := c.count(); err != nil || n != c.want {
					t.Errorf("got %d originals in %s (%v), want %d", n, c.what, err, c.want)
				}
			}
		})
	}
}
