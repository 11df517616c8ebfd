package sqlite

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// BenchmarkOutboxDue measures Due on an outbox with 100k sent rows and 10k
// pending rows spread over 20 targets.
func BenchmarkOutboxDue(b *testing.B) {
	ctx := context.Background()
	db := mustOpen(b)
	s := NewOutboxStore(db)
	const sent, pending, targets = 100_000, 10_000, 20
	batch := make([]tip.OutboxMessage, 0, 10_000)
	for i := 0; i < sent+pending; i++ {
		batch = append(batch, text(int64(-100-i%targets), 0, "<b>Laporan</b> header text of a realistic length"))
		if len(batch) == cap(batch) {
			if err := s.Enqueue(ctx, batch...); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE outbox SET status = 'sent', sent_message_ids = '[1]', sent_at = ? WHERE id <= ?",
			testNow.UnixMilli(), sent)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	now := testNow.Add(time.Minute)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		msgs, err := s.Due(ctx, now, 50)
		if err != nil {
			b.Fatal(err)
		}
		if len(msgs) != targets {
			b.Fatalf("Due = %d rows, want %d", len(msgs), targets)
		}
	}
}

// BenchmarkTipCreate measures TipStore.Create of a forwarded tip with two
// attachments and two outbox rows, each in its own durable transaction.
func BenchmarkTipCreate(b *testing.B) {
	ctx := context.Background()
	s := NewTipStore(mustOpen(b))
	compose := relayCompose(relayTarget)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := sampleTip(111, int64(i+1))
		t.Attachments = append(t.Attachments, tip.Attachment{
			Kind: tip.AttachDocument, MessageID: int64(i + 1), FileID: "BQACAgUAAxkBAAIC", FileUniqueID: "AgADy",
			FileSize: 52_000, FileName: "bukti.pdf", MimeType: "application/pdf",
		})
		if _, _, err := s.Create(ctx, t, compose); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tips/s")
}
