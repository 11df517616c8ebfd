package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The digest benchmark's data: benchTips tips, benchPerDay a day, so the
// queried day holds benchPerDay tips out of benchTips.
const (
	benchTips   = 1_000_000
	benchPerDay = 5_000
	benchDay    = 120 // the day queried, counted from benchEpoch
	// benchDataVersion changes whenever mustBenchDigestDB writes
	// different data, so that a stale cached file is not reused.
	benchDataVersion = 2
)

var benchEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// benchPopulate fills an empty database: every tip is forwarded from a
// channel, has two links, one message, one photo, and two sent relay rows
// (a header and a copy) after a sent ack.
var benchPopulate = []string{
	`INSERT INTO tips (id, update_id, reporter_id, reporter_first, reporter_last, reporter_username,
		chat_id, text, links, origin_kind, origin_date, origin_sender_name,
		origin_chat_id, origin_chat_title, origin_chat_username, origin_message_id, sent_at, created_at)
	WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < :n)
	SELECT i + 1, 5000000 + i, 100 + i % 50, 'Made', 'Wirawan', 'made_w',
		100 + i % 50, 'Akun ini menjual data pribadi, lihat https://example.com/jual/' || i || ' dan t.me/contoh/' || i,
		'["https://example.com/jual/' || i || '","https://t.me/contoh/' || i || '"]',
		'channel', :epoch + i * :step - 3600000, 'admin',
		-1001234567890, 'Info Contoh', 'contoh', i, :epoch + i * :step - 3000, :epoch + i * :step
	FROM seq`,
	`INSERT INTO tip_messages (chat_id, message_id, tip_id) SELECT chat_id, id, id FROM tips`,
	`INSERT INTO attachments (tip_id, position, kind, message_id, file_id, file_unique_id, file_size, width, height)
	SELECT id, 0, 'photo', id, 'AgACAgUAAxkBAAIB' || id, 'AQADx' || id, 123456, 1280, 960 FROM tips`,
	`INSERT INTO outbox (tip_id, purpose, target_chat_id, target_thread_id, kind, text, from_chat_id,
		message_ids, status, sent_message_ids, created_at, sent_at)
	SELECT id, 'ack', chat_id, 0, 'send_text', 'Laporan #' || id || ' diterima', 0,
		NULL, 'sent', '[' || (id * 3) || ']', created_at, created_at + 500 FROM tips
	UNION ALL
	SELECT id, 'relay', -1009876543210, 7, 'send_text', '<b>Laporan #' || id || '</b> ' || text, 0,
		NULL, 'sent', '[' || (id * 3 + 1) || ']', created_at, created_at + 1000 FROM tips
	UNION ALL
	SELECT id, 'relay', -1009876543210, 7, 'copy', '', chat_id,
		'[' || id || ']', 'sent', '[' || (id * 3 + 2) || ']', created_at, created_at + 2000 FROM tips
	ORDER BY 1, 2, 5 DESC`,
}

// mustBenchDigestDB returns the digest benchmark's database (building it
// takes tens of seconds).
func mustBenchDigestDB(b *testing.B) *DB {
	return mustCachedBenchDB(b, "digest", benchDataVersion, buildBenchDigestDB)
}

// mustCachedBenchDB returns a benchmark's database, built by build once
// under os.TempDir() and reused while the schema (the last migration) and
// the data's version stay the same.
func mustCachedBenchDB(b *testing.B, name string, version int, build func(path string) error) *DB {
	b.Helper()
	names, err := migrationNames()
	if err != nil {
		b.Fatal(err)
	}
	schema := strings.TrimSuffix(names[len(names)-1], ".sql")
	path := filepath.Join(os.TempDir(), fmt.Sprintf("tiprelay-bench-%s-%s-v%d.db", name, schema, version))
	if _, err := os.Stat(path); err != nil {
		tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
		start := time.Now()
		if err := build(tmp); err != nil {
			os.Remove(tmp)
			b.Fatalf("build %s: %v", tmp, err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		b.Logf("built %s in %v", path, time.Since(start).Round(time.Second))
	}
	return mustOpenPath(b, path)
}

func buildBenchDigestDB(path string) error {
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		return err
	}
	err = db.rawTx(ctx, func(tx *sql.Tx) error {
		for _, q := range benchPopulate {
			if _, err := tx.ExecContext(ctx, q, sql.Named("n", benchTips),
				sql.Named("epoch", benchEpoch.UnixMilli()),
				sql.Named("step", (24*time.Hour).Milliseconds()/benchPerDay)); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// BenchmarkDigestTips measures DigestTips of one day holding 5,000 of
// 1,000,000 tips, each forwarded with a photo, two links and sent relay
// rows.
func BenchmarkDigestTips(b *testing.B) {
	ctx := context.Background()
	s := NewDigestStore(mustBenchDigestDB(b))
	from := benchEpoch.AddDate(0, 0, benchDay)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		items, err := s.DigestTips(ctx, from, from.AddDate(0, 0, 1))
		if err != nil {
			b.Fatal(err)
		}
		if len(items) != benchPerDay {
			b.Fatalf("DigestTips = %d tips, want %d", len(items), benchPerDay)
		}
		if last := items[len(items)-1]; last.Relayed == nil || len(last.Tip.Attachments) != 1 || len(last.Tip.MessageIDs) != 1 {
			b.Fatalf("last item = %+v, want a relayed tip with one message and one attachment", last)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/benchPerDay, "ns/tip")
}
