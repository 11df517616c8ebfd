package sqlite

import (
	"context"
	"errors"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

var txTarget = tip.Target{ChatID: -100777}

func TestUpdateAndSavepoints(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name     string
		run      func(ctx context.Context, tx *DB) error
		wantErr  bool
		wantTips int
		wantRows int // outbox rows
	}{
		{"commits every store's writes", func(ctx context.Context, tx *DB) error {
			if _, _, err := NewTipStore(tx).Create(ctx, sampleTip(1, 1), relayCompose(txTarget)); err != nil {
				return err
			}
			// A read inside the transaction sees its own write.
			if _, err := NewTipStore(tx).ByMessage(ctx, 1, 1); err != nil {
				return err
			}
			return NewOutboxStore(tx).Enqueue(ctx, text(5, 0, "reply"))
		}, false, 1, 3},
		{"error rolls everything back", func(ctx context.Context, tx *DB) error {
			NewTipStore(tx).Create(ctx, sampleTip(1, 1), relayCompose(txTarget))
			return boom
		}, true, 0, 0},
		{"failed savepoint undoes only its writes", func(ctx context.Context, tx *DB) error {
			if _, _, err := NewTipStore(tx).Create(ctx, sampleTip(1, 1), relayCompose(txTarget)); err != nil {
				return err
			}
			err := tx.Savepoint(ctx, func() error {
				NewTipStore(tx).Create(ctx, sampleTip(1, 2), relayCompose(txTarget))
				return boom
			})
			if !errors.Is(err, boom) {
				return errors.New("savepoint lost the error")
			}
			return nil
		}, false, 1, 2},
		{"panicking savepoint undoes its writes", func(ctx context.Context, tx *DB) error {
			if _, _, err := NewTipStore(tx).Create(ctx, sampleTip(1, 1), relayCompose(txTarget)); err != nil {
				return err
			}
			func() {
				defer func() { recover() }()
				tx.Savepoint(ctx, func() error {
					NewTipStore(tx).Create(ctx, sampleTip(1, 2), relayCompose(txTarget))
					panic("bug")
				})
			}()
			return nil
		}, false, 1, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t)
			ctx := context.Background()
			err := db.Update(ctx, func(tx *DB) error { return tt.run(ctx, tx) })
			if (err != nil) != tt.wantErr {
				t.Fatalf("got error %v, want error %v", err, tt.wantErr)
			}
			if got := countRows(t, db, "tips"); got != tt.wantTips {
				t.Errorf("got %d tips, want %d", got, tt.wantTips)
			}
			if got := countRows(t, db, "outbox"); got != tt.wantRows {
				t.Errorf("got %d outbox rows, want %d", got, tt.wantRows)
			}
		})
	}
}
