package sqlite

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// digestDay is the period most digest tests query.
var digestDay = time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)

// clockDB is a database whose clock a test sets before each write.
type clockDB struct {
	*DB
	now time.Time
}

// mustClockDB opens a fresh database whose clock returns c.now.
func mustClockDB(tb testing.TB) *clockDB {
	tb.Helper()
	c := &clockDB{now: testNow}
	c.DB = mustOpen(tb, WithClock(func() time.Time { return c.now }))
	return c
}

// mustTipAt stores sampleTip(111, msg) created at at with the rows compose
// builds, and returns it.
func (c *clockDB) mustTipAt(tb testing.TB, at time.Time, msg int64, compose tip.Compose) tip.Tip {
	tb.Helper()
	c.now = at
	stored, _, err := NewTipStore(c.DB).Create(context.Background(), sampleTip(111, msg), compose)
	if err != nil {
		tb.Fatal(err)
	}
	return stored
}

// digestIDs returns the tip numbers DigestTips returns for [from, to).
func digestIDs(t *testing.T, s *DigestStore, from, to time.Time) []int64 {
	t.Helper()
	items, err := s.DigestTips(context.Background(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, it := range items {
		ids = append(ids, it.Tip.ID)
	}
	return ids
}

func TestDigestTipsPeriod(t *testing.T) {
	db := mustClockDB(t)
	s := NewDigestStore(db.DB)
	to := digestDay.AddDate(0, 0, 1)
	before := db.mustTipAt(t, digestDay.Add(-time.Millisecond), 1, nil)
	first := db.mustTipAt(t, digestDay, 2, nil)
	last := db.mustTipAt(t, to.Add(-time.Millisecond), 3, nil)
	atTo := db.mustTipAt(t, to, 4, nil)
	// The clock stepped back: a later number inside an earlier period.
	stepped := db.mustTipAt(t, digestDay.Add(time.Hour), 5, nil)
	tests := []struct {
		name     string
		from, to time.Time
		want     []int64
	}{
		{"from included, to excluded, by number", digestDay, to, []int64{first.ID, last.ID, stepped.ID}},
		{"previous day ends just before from", digestDay.AddDate(0, 0, -1), digestDay, []int64{before.ID}},
		{"next day starts at to", to, to.AddDate(0, 0, 1), []int64{atTo.ID}},
		{"hour without the stepped tip", digestDay.Add(2 * time.Hour), to, []int64{last.ID}},
		{"empty period", digestDay.AddDate(0, 0, 5), digestDay.AddDate(0, 0, 6), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := digestIDs(t, s, tt.from, tt.to); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("DigestTips = %v, want %v", got, tt.want)
			}
			if got, err := s.CountTips(context.Background(), tt.from, tt.to); err != nil || got != len(tt.want) {
				t.Errorf("CountTips = %d, %v; want %d, nil", got, err, len(tt.want))
			}
		})
	}
}

// TestDigestTipsLoadsTips checks that each item holds the whole tip, as
// TipStore.Get returns it: messages, attachments, links and origin.
func TestDigestTipsLoadsTips(t *testing.T) {
	ctx := context.Background()
	db := mustClockDB(t)
	album := sampleTip(111, 20)
	album.MessageIDs = []int64{20, 21}
	album.MediaGroupID = "1391"
	album.Attachments = append(album.Attachments, tip.Attachment{
		Kind: tip.AttachDocument, MessageID: 21, FileID: "BQAC", FileUniqueID: "AgADy",
		FileSize: 52_000, FileName: "bukti.pdf", MimeType: "application/pdf",
	})
	db.now = digestDay.Add(time.Hour)
	if _, _, err := NewTipStore(db.DB).Create(ctx, album, nil); err != nil {
		t.Fatal(err)
	}
	plain := tip.Tip{Reporter: tip.Person{ID: 5}, ChatID: 5, MessageIDs: []int64{9}, Text: "teks saja"}
	if _, _, err := NewTipStore(db.DB).Create(ctx, plain, nil); err != nil {
		t.Fatal(err)
	}
	items, err := NewDigestStore(db.DB).DigestTips(ctx, digestDay, digestDay.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 {
		t.Fatalf("DigestTips = %d items, want 2", len(items))
	}
	for _, it := range items {
		want, err := NewTipStore(db.DB).Get(ctx, it.Tip.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(it.Tip, want) {
			t.Errorf("DigestTips tip %d =\n%+v\nwant\n%+v", it.Tip.ID, it.Tip, want)
		}
	}
}
