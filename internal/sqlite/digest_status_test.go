package sqlite

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestFirstStatuses: the digests read the first entry of each tip's
// status history (the chat and unit it was set from, and when) for the
// tips of their period, of one region for a region digest; tips without
// a status have none. DigestTips reads the current status and the time of
// the first.
func TestFirstStatuses(t *testing.T) {
	ctx := context.Background()
	db := mustClockDB(t)
	add := func(at time.Time, msg int64, region tip.RegionKey) tip.Tip {
		db.now = at
		draft := sampleTip(111, msg)
		draft.Triage.Region = region
		stored, _, err := NewTipStore(db.DB).Create(ctx, draft, nil)
		if err != nil {
			t.Fatal(err)
		}
		return stored
	}
	officer := tip.Person{ID: 900, FirstName: "Wayan", LastName: "Sudarma", Username: "wayan_s"}
	statuses := NewStatusStore(db.DB)
	set := func(tipID int64, from, to tip.Status, chat int64, unit string, at time.Time) tip.StatusChange {
		c := tip.StatusChange{TipID: tipID, From: from, To: to, ChatID: chat, Unit: unit, Officer: officer, At: at}
		if err := statuses.SetStatus(ctx, c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	const polda, badung = -1001234567890, -1003000000001
	before := add(digestDay.Add(-time.Minute), 1, "badung")
	b1 := add(digestDay.Add(time.Hour), 2, "badung")
	g1 := add(digestDay.Add(2*time.Hour), 3, "gianyar")
	add(digestDay.Add(3*time.Hour), 4, "badung") // never answered
	n1 := add(digestDay.Add(4*time.Hour), 5, "")
	set(before.ID, tip.StatusNone, tip.StatusWatching, polda, "Polda Bali", digestDay.Add(time.Minute))
	// b1: first from Badung's chat, then changed from the Polda chat.
	b1First := set(b1.ID, tip.StatusNone, tip.StatusWatching, badung, "Polres Badung", digestDay.Add(time.Hour+20*time.Minute))
	set(b1.ID, tip.StatusWatching, tip.StatusDone, polda, "Polda Bali", digestDay.Add(5*time.Hour))
	g1First := set(g1.ID, tip.StatusNone, tip.StatusNoThreat, polda, "Polda Bali", digestDay.Add(2*time.Hour+time.Minute))
	n1First := set(n1.ID, tip.StatusNone, tip.StatusFollowUp, polda, "Polda Bali", digestDay.Add(30*time.Hour))

	s := NewDigestStore(db.DB)
	day := [2]time.Time{digestDay, digestDay.AddDate(0, 0, 1)}
	tests := []struct {
		name string
		read func() ([]tip.StatusChange, error)
		want []tip.StatusChange
	}{
		{"the day's tips, by number", func() ([]tip.StatusChange, error) { return s.FirstStatuses(ctx, day[0], day[1]) },
			[]tip.StatusChange{b1First, g1First, n1First}},
		{"badung's tips of the day", func() ([]tip.StatusChange, error) { return s.RegionFirstStatuses(ctx, "badung", day[0], day[1]) },
			[]tip.StatusChange{b1First}},
		{"tips without a region", func() ([]tip.StatusChange, error) { return s.RegionFirstStatuses(ctx, "", day[0], day[1]) },
			[]tip.StatusChange{n1First}},
		{"a region without answered tips", func() ([]tip.StatusChange, error) { return s.RegionFirstStatuses(ctx, "bangli", day[0], day[1]) },
			nil},
		{"a period without tips", func() ([]tip.StatusChange, error) { return s.FirstStatuses(ctx, day[1], day[1].AddDate(0, 0, 1)) },
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.read()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}

	items, err := s.DigestTips(ctx, day[0], day[1])
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]tip.StatusState{}
	for _, it := range items {
		got[it.Tip.ID] = it.Tip.Status
	}
	if st := got[b1.ID]; st.Status != tip.StatusDone || st.Unit != "Polda Bali" || !st.FirstAt.Equal(b1First.At) {
		t.Errorf("got tip %d status %+v, want selesai by Polda Bali, first at %s", b1.ID, st, b1First.At)
	}
	if st := got[4]; st.Status != tip.StatusNone || !st.FirstAt.IsZero() {
		t.Errorf("got tip 4 status %+v, want none", st)
	}
}
