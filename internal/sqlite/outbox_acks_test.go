package sqlite

import (
	"context"
	"fmt"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

func TestOutboxPendingAcks(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	s := NewOutboxStore(db)
	var tipIDs []int64
	for n := range int64(4) {
		created, _, err := NewTipStore(db).Create(ctx, sampleTip(42, 100+n), func(tip.Tip) []tip.OutboxMessage { return nil })
		if err != nil {
			t.Fatal(err)
		}
		tipIDs = append(tipIDs, created.ID)
	}
	chat := tip.Target{ChatID: 42}
	ack := func(tipID int64) tip.OutboxMessage {
		return tip.OutboxMessage{TipID: tipID, Purpose: tip.PurposeAck, Target: chat, Kind: tip.SendText, Text: "ok"}
	}
	notAcks := map[string]tip.OutboxMessage{
		"an ack of no tip":  {Purpose: tip.PurposeAck, Target: chat, Kind: tip.SendText, Text: "ok"},
		"a reply":           {TipID: 3, Purpose: tip.PurposeNotice, Target: chat, Kind: tip.SendText, Text: "reply"},
		"an ack as a photo": {TipID: 3, Purpose: tip.PurposeAck, Target: chat, Kind: tip.SendPhoto, File: &tip.File{Name: "a.png"}},
	}
	for name, stop := range notAcks {
		t.Run(name, func(t *testing.T) {
			if stop.IsAck() {
				t.Fatalf("got %+v counted as an ack, want not", stop)
			}
			db := mustOpen(t)
			s := NewOutboxStore(db)
			for _, d := range []tip.Tip{sampleTip(42, 100), sampleTip(42, 101), sampleTip(42, 102)} {
				if _, _, err := NewTipStore(db).Create(ctx, d, func(tip.Tip) []tip.OutboxMessage { return nil }); err != nil {
					t.Fatal(err)
				}
			}
			enqueue := []tip.OutboxMessage{ack(1), ack(2), stop, ack(3), text(-1, 0, "other chat")}
			if err := s.Enqueue(ctx, enqueue...); err != nil {
				t.Fatal(err)
			}
			got, err := s.PendingAcks(ctx, chat, 10)
			if err != nil {
				t.Fatal(err)
			}
			if want := "[{1 1} {2 2}]"; fmt.Sprint(got) != want {
				t.Errorf("got %v, want %s", got, want)
			}
		})
	}
	if err := s.Enqueue(ctx, ack(tipIDs[0]), ack(tipIDs[1]), ack(tipIDs[2])); err != nil {
		t.Fatal(err)
	}
	if got, err := s.PendingAcks(ctx, chat, 2); err != nil || len(got) != 2 {
		t.Errorf("got %v, %v with limit 2, want two acks", got, err)
	}
	if got, err := s.PendingAcks(ctx, tip.Target{ChatID: 43}, 10); err != nil || len(got) != 0 {
		t.Errorf("got %v, %v for a chat with nothing waiting, want none", got, err)
	}
}
