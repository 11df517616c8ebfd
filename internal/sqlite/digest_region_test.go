package sqlite

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// TestRegionDigestTips: a region's digest reads only that region's tips
// of the period, by number, and links each to its message in the
// region's chat, not in the Polda chat.
func TestRegionDigestTips(t *testing.T) {
	ctx := context.Background()
	db := mustClockDB(t)
	badungChat := tip.Target{ChatID: -1003000000001, ThreadID: 4}
	// Every tip is relayed to the Polda chat; Badung's also to Badung's chat.
	relayTo := func(region tip.RegionKey) tip.Compose {
		return func(t tip.Tip) []tip.OutboxMessage {
			msgs := []tip.OutboxMessage{{TipID: t.ID, Purpose: tip.PurposeRelay, Target: relayTarget, Kind: tip.SendText, Text: "polda"}}
			if region == "badung" {
				msgs = append(msgs, tip.OutboxMessage{TipID: t.ID, Purpose: tip.PurposeRelay, Target: badungChat, Kind: tip.SendText, Text: "badung"})
			}
			return msgs
		}
	}
	add := func(at time.Time, msg int64, region tip.RegionKey) tip.Tip {
		db.now = at
		draft := sampleTip(111, msg)
		draft.Triage.Region = region
		stored, _, err := NewTipStore(db.DB).Create(ctx, draft, relayTo(region))
		if err != nil {
			t.Fatal(err)
		}
		return stored
	}
	before := add(digestDay.Add(-time.Minute), 1, "badung")
	b1 := add(digestDay.Add(time.Hour), 2, "badung")
	add(digestDay.Add(2*time.Hour), 3, "gianyar")
	add(digestDay.Add(3*time.Hour), 4, "")
	b2 := add(digestDay.Add(4*time.Hour), 5, "badung")
	// Only b1's relay rows are sent: Polda's message 701, Badung's 801.
	outbox := NewOutboxStore(db.DB)
	rows, err := outbox.ByTip(ctx, b1.ID)
	if err != nil || len(rows) != 2 {
		t.Fatalf("ByTip = %d rows, %v; want 2", len(rows), err)
	}
	for i, id := range []int64{701, 801} {
		if err := outbox.MarkSent(ctx, rows[i].ID, []int64{id}, testNow); err != nil {
			t.Fatal(err)
		}
	}
	s := NewDigestStore(db.DB)
	day := [2]time.Time{digestDay, digestDay.AddDate(0, 0, 1)}
	tests := []struct {
		name     string
		region   tip.RegionKey
		from, to time.Time
		want     []int64
	}{
		{"badung's day", "badung", day[0], day[1], []int64{b1.ID, b2.ID}},
		{"the day before", "badung", day[0].AddDate(0, 0, -1), day[0], []int64{before.ID}},
		{"a region without tips", "bangli", day[0], day[1], nil},
		{"tips without a region", "", day[0], day[1], []int64{4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := s.RegionDigestTips(ctx, tt.region, badungChat, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, it := range items {
				ids = append(ids, it.Tip.ID)
				if it.Tip.Triage.Region != tt.region || len(it.Tip.Attachments) != 1 || len(it.Tip.MessageIDs) != 1 {
					t.Errorf("tip %d: region %q, %d attachments, %d messages; want %q, 1, 1",
						it.Tip.ID, it.Tip.Triage.Region, len(it.Tip.Attachments), len(it.Tip.MessageIDs), tt.region)
				}
			}
			if !reflect.DeepEqual(ids, tt.want) {
				t.Errorf("RegionDigestTips = %v, want %v", ids, tt.want)
			}
			if n, err := s.CountRegionTips(ctx, tt.region, tt.from, tt.to); err != nil || n != len(tt.want) {
				t.Errorf("CountRegionTips = %d, %v; want %d", n, err, len(tt.want))
			}
		})
	}
	items, err := s.RegionDigestTips(ctx, "badung", badungChat, day[0], day[1])
	if err != nil {
		t.Fatal(err)
	}
	want := &tip.MessageRef{ChatID: badungChat.ChatID, ThreadID: badungChat.ThreadID, MessageID: 801}
	if got := items[0].Relayed; !reflect.DeepEqual(got, want) {
		t.Errorf("Relayed = %+v, want the message in Badung's chat %+v", got, want)
	}
	if items[1].Relayed != nil {
		t.Errorf("Relayed = %+v for a tip not sent to Badung's chat yet, want nil", items[1].Relayed)
	}
}
