package sqlite

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// benchTargets is how many targets the outbox benchmarks spread rows over.
const benchTargets = 20

// mustBenchOutbox returns an OutboxStore holding 100k sent rows and 10k
// pending rows spread over benchTargets targets (chats -100 to -119).
func mustBenchOutbox(b *testing.B) *OutboxStore {
	b.Helper()
	ctx := context.Background()
	db := mustOpen(b)
	s := NewOutboxStore(db)
	const sent, pending = 100_000, 10_000
	batch := make([]tip.OutboxMessage, 0, 10_000)
	for i := 0; i < sent+pending; i++ {
		batch = append(batch, text(int64(-100-i%benchTargets), 0, "<b>Laporan</b> header text of a realistic length"))
		if len(batch) == cap(batch) {
			if err := s.Enqueue(ctx, batch...); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	err := db.rawTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE outbox SET status = 'sent', sent_message_ids = '[1]', sent_at = ? WHERE id <= ?",
			testNow.UnixMilli(), sent)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkOutboxDue measures Due on an outbox with 100k sent rows and 10k
// pending rows spread over 20 targets.
func BenchmarkOutboxDue(b *testing.B) {
	ctx := context.Background()
	s := mustBenchOutbox(b)
	now := testNow.Add(time.Minute)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		msgs, err := s.Due(ctx, now, 50)
		if err != nil {
			b.Fatal(err)
		}
		if len(msgs) != benchTargets {
			b.Fatalf("Due = %d rows, want %d", len(msgs), benchTargets)
		}
	}
}

// BenchmarkOutboxPending measures Pending of one target (500 pending rows,
// reading the first 50) on the same outbox as BenchmarkOutboxDue.
func BenchmarkOutboxPending(b *testing.B) {
	ctx := context.Background()
	s := mustBenchOutbox(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		target := tip.Target{ChatID: int64(-100 - i%benchTargets)}
		msgs, err := s.Pending(ctx, target, 50)
		if err != nil {
			b.Fatal(err)
		}
		if len(msgs) != 50 {
			b.Fatalf("Pending(%s) = %d rows, want 50", target, len(msgs))
		}
	}
}

// BenchmarkOutboxSentSince measures SentSince reading the newest 1k of
// 100k sent rows, as a restart does to restore rate limits.
func BenchmarkOutboxSentSince(b *testing.B) {
	ctx := context.Background()
	s := mustBenchOutbox(b)
	err := s.db.rawTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE outbox SET sent_at = ? WHERE status = 'sent' AND id > 99000",
			testNow.Add(time.Minute).UnixMilli())
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		msgs, err := s.SentSince(ctx, testNow.Add(time.Minute))
		if err != nil {
			b.Fatal(err)
		}
		if len(msgs) != 1000 {
			b.Fatalf("SentSince = %d rows, want 1000", len(msgs))
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
