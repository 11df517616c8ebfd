package sqlite

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// ackAndRelay builds an ack to the reporter before the two relay rows of
// relayCompose, as the intake does.
func ackAndRelay(t tip.Tip) []tip.OutboxMessage {
	ack := tip.OutboxMessage{TipID: t.ID, Purpose: tip.PurposeAck, Target: tip.Target{ChatID: t.ChatID}, Kind: tip.SendText, Text: "diterima"}
	return append([]tip.OutboxMessage{ack}, relayCompose(relayTarget)(t)...)
}

func TestDigestTipsRelayed(t *testing.T) {
	ctx := context.Background()
	type outcome struct {
		status tip.OutboxStatus
		sent   []int64
	}
	sent := func(ids ...int64) outcome { return outcome{tip.OutboxSent, ids} }
	pending := outcome{status: tip.OutboxPending}
	failed := outcome{status: tip.OutboxFailed}
	ref := func(id int64) *tip.MessageRef {
		return &tip.MessageRef{ChatID: relayTarget.ChatID, ThreadID: relayTarget.ThreadID, MessageID: id}
	}
	tests := []struct {
		name string
		// rows are the outcomes of the ack, the relay header and the relay copy.
		rows [3]outcome
		want *tip.MessageRef
	}{
		{"nothing sent yet", [3]outcome{pending, pending, pending}, nil},
		{"only the ack sent", [3]outcome{sent(1), pending, pending}, nil},
		{"header and copy sent: the header", [3]outcome{sent(1), sent(701), sent(702, 703)}, ref(701)},
		{"header waiting, copy sent: the copy", [3]outcome{sent(1), pending, sent(802, 803)}, ref(802)},
		{"header failed, copy sent: the copy", [3]outcome{sent(1), failed, sent(902)}, ref(902)},
		{"header failed, copy waiting", [3]outcome{sent(1), failed, pending}, nil},
		{"sent without message ids", [3]outcome{sent(1), sent(), pending}, nil},
	}
	db := mustClockDB(t)
	s := NewOutboxStore(db.DB)
	want := make(map[int64]*tip.MessageRef)
	for i, tt := range tests {
		stored := db.mustTipAt(t, digestDay.Add(time.Duration(i)*time.Minute), int64(100+i), ackAndRelay)
		rows, err := s.ByTip(ctx, stored.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 {
			t.Fatalf("ByTip = %d rows, want 3", len(rows))
		}
		for j, o := range tt.rows {
			switch o.status {
			case tip.OutboxSent:
				err = s.MarkSent(ctx, rows[j].ID, o.sent, testNow)
			case tip.OutboxFailed:
				err = s.MarkFailed(ctx, rows[j].ID, "rejected")
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		want[stored.ID] = tt.want
	}
	items, err := NewDigestStore(db.DB).DigestTips(ctx, digestDay, digestDay.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != len(tests) {
		t.Fatalf("DigestTips = %d items, want %d", len(items), len(tests))
	}
	for i, it := range items {
		t.Run(tests[i].name, func(t *testing.T) {
			if got := it.Relayed; !reflect.DeepEqual(got, want[it.Tip.ID]) {
				t.Errorf("Relayed = %+v, want %+v", got, want[it.Tip.ID])
			}
		})
	}
}
