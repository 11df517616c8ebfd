package digest_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/digest"
	"github.com/tiprelay/tiprelay/internal/gazetteer"
	"github.com/tiprelay/tiprelay/internal/sqlite"
	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// The benchmark's data: benchTips tips, benchPerDay per WITA day from
// benchEpoch; the digest covers day benchDay.
const (
	benchTips   = 1_000_000
	benchPerDay = 5_000
	benchDay    = 150
	// benchVersion changes whenever benchPopulate writes different data,
	// so that a stale cached file is not reused.
	benchVersion = 3
)

// benchEpoch is midnight WITA, 1 January 2026, in Unix milliseconds.
var benchEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("WITA", 8*3600)).UnixMilli()

// benchPopulate fills a migrated, empty database in one transaction with
// plain SQL. Tips vary like real ones: 40 staff; texts of 40 to 1,000
// characters with HTML characters and emoji; a third with two links over
// five domains; half forwarded from 200 channels, a seventh from users;
// nine in ten in one of Bali's regions, nine in eleven with a category, one
// in 97 urgent and one in 31 important;
// photos (one to three), videos or documents on most; a sent relay header
// and copy per tip (the newest 20 still pending); seven in ten with a
// police status, set 1 to 240 minutes after the tip from the Polda chat
// (a third, and the tips without a region) or the region's chat, one in
// ten changed once more from the Polda chat a day later.
var benchPopulate = []string{
	`INSERT INTO tips (id, update_id, reporter_id, reporter_first, reporter_last, reporter_username,
		chat_id, text, links, origin_kind, origin_date, origin_sender_name, origin_sender_username, origin_sender_id,
		origin_chat_id, origin_chat_title, origin_chat_username, origin_message_id, sent_at, created_at,
		region, region_source, category, priority)
	WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < :n),
	v(i, dom) AS (SELECT i, CASE i % 5 WHEN 0 THEN 'www.facebook.com' WHEN 1 THEN 'tiktok.com' WHEN 2 THEN 'x.com'
		WHEN 3 THEN 'instagram.com' ELSE 'berita-' || (i % 13) || '.example' END FROM seq)
	SELECT i + 1, 9000000 + i, 100 + i % 40,
		CASE i % 8 WHEN 0 THEN 'Made' WHEN 1 THEN 'Ketut' WHEN 2 THEN 'Nyoman' WHEN 3 THEN 'Wayan'
			WHEN 4 THEN 'Andi' WHEN 5 THEN 'Siti <Dinas>' WHEN 6 THEN 'Rina' ELSE 'Budi & Co' END,
		'Staf ' || (i % 40), 'staf' || (i % 40), 100 + i % 40,
		substr('Unggahan ' || i || ' menyebarkan hoaks bansos & provokasi <SARA> 😡 di grup warga; mohon ditindaklanjuti. '
			|| 'Akun tersebut juga membagikan tautan penipuan undian berhadiah dan data pribadi warga. ' || printf('%.900c', 'x'),
			1, 40 + (i * 37) % 960),
		CASE WHEN i % 3 = 0 THEN json_array('https://' || dom || '/post/' || i, 'https://' || dom || '/share?id=' || i || '&ref=wa') END,
		CASE WHEN i % 2 = 0 THEN 'channel' WHEN i % 7 = 1 THEN 'user' END,
		CASE WHEN i % 2 = 0 OR i % 7 = 1 THEN :epoch + i * :step - 3600000 END,
		CASE WHEN i % 7 = 1 AND i % 2 = 1 THEN 'Akun Provokator ' || (i % 50) END,
		CASE WHEN i % 7 = 1 AND i % 2 = 1 AND i % 3 = 0 THEN 'provokator' || (i % 50) END,
		CASE WHEN i % 7 = 1 AND i % 2 = 1 THEN 700000 + i % 50 END,
		CASE WHEN i % 2 = 0 THEN -1001000000000 - i % 200 END,
		CASE WHEN i % 2 = 0 THEN 'Kanal Berita "' || (i % 200) || '" <Sulsel>' END,
		CASE WHEN i % 2 = 0 AND i % 4 = 0 THEN 'kanalberita' || (i % 200) END,
		CASE WHEN i % 2 = 0 THEN i END,
		:epoch + i * :step - 2000, :epoch + i * :step,
		coalesce(json_extract('["denpasar","badung","gianyar","tabanan","klungkung","bangli","karangasem","buleleng","jembrana"]',
			'$[' || (i % 10) || ']'), ''),
		CASE WHEN i % 10 < 9 THEN 'hashtag' ELSE '' END,
		coalesce(json_extract('["hoaks","provokasi","sara","ujaran_kebencian","kampanye_hitam","politik_uang","netralitas","ancaman","lainnya"]',
			'$[' || (i % 11) || ']'), ''),
		CASE WHEN i % 97 = 5 THEN 'darurat' WHEN i % 31 = 7 THEN 'penting' ELSE 'biasa' END
	FROM v`,
	`INSERT INTO tip_messages (chat_id, message_id, tip_id) SELECT chat_id, id, id FROM tips`,
	`INSERT INTO attachments (tip_id, position, kind, message_id, file_id, file_unique_id, file_size, width, height)
	WITH pos(p) AS (VALUES (0), (1), (2))
	SELECT id, p, CASE id % 5 WHEN 0 THEN 'photo' WHEN 1 THEN 'photo' WHEN 2 THEN 'video' WHEN 3 THEN 'document' END,
		id, 'AgACAgUAAxkBAAIB' || id || '_' || p, 'AQADx' || id || '_' || p, 123456, 1280, 960
	FROM tips, pos WHERE id % 5 < 4 AND (p = 0 OR (id % 5 < 2 AND p <= id % 3))`,
	`INSERT INTO outbox (tip_id, purpose, target_chat_id, target_thread_id, kind, text, from_chat_id,
		message_ids, status, sent_message_ids, created_at, sent_at)
	SELECT id, 'relay', -1001234567890, 0, 'send_text', '<b>Laporan #' || id || '</b>', 0, NULL,
		CASE WHEN id > :n - 20 THEN 'pending' ELSE 'sent' END,
		CASE WHEN id <= :n - 20 THEN '[' || (id * 2) || ']' END, created_at, created_at + 1000 FROM tips
	UNION ALL
	SELECT id, 'relay', -1001234567890, 0, 'copy', '', chat_id, '[' || id || ']',
		CASE WHEN id > :n - 20 THEN 'pending' ELSE 'sent' END,
		CASE WHEN id <= :n - 20 THEN '[' || (id * 2 + 1) || ']' END, created_at, created_at + 2000 FROM tips
	ORDER BY 1, 5 DESC`,
	`INSERT INTO tip_status (tip_id, from_status, to_status, chat_id, unit, officer_id, officer_first, at)
	SELECT id, '', CASE id % 4 WHEN 0 THEN 'dipantau' WHEN 1 THEN 'ditindaklanjuti' WHEN 2 THEN 'selesai' ELSE 'bukan_ancaman' END,
		CASE WHEN id % 3 = 0 OR region = '' THEN -1001234567890
			ELSE -1003000000000 - instr('denpasar,badung,gianyar,tabanan,klungkung,bangli,karangasem,buleleng,jembrana', region) END,
		CASE WHEN id % 3 = 0 OR region = '' THEN 'Polda Bali' ELSE 'Polres ' || upper(substr(region, 1, 1)) || substr(region, 2) END,
		700 + id % 25, 'Bripka ' || (id % 25), created_at + 60000 * (1 + (id * 7919) % 240)
	FROM tips WHERE (id + id / 10) % 10 < 7
	UNION ALL
	SELECT id, CASE id % 4 WHEN 0 THEN 'dipantau' ELSE 'ditindaklanjuti' END, 'selesai', -1001234567890, 'Polda Bali',
		799, 'Kompol Made', created_at + 86400000
	FROM tips WHERE (id + id / 10) % 10 < 2 AND id % 4 < 2
	ORDER BY 1, 8`,
	`UPDATE tips SET first_status_at = (SELECT min(at) FROM tip_status s WHERE s.tip_id = tips.id),
		(status, status_unit, status_officer_id, status_officer_name, status_at) =
			(SELECT to_status, unit, officer_id, officer_first, at FROM tip_status s WHERE s.tip_id = tips.id ORDER BY s.id DESC LIMIT 1)
	WHERE (id + id / 10) % 10 < 7`,
	`ANALYZE`,
}

// mustBenchDB returns the benchmark's database, built once under
// os.TempDir() and reused while the schema (the newest migration) and
// benchVersion stay the same.
func mustBenchDB(b *testing.B) *sqlite.DB {
	b.Helper()
	migrations, err := filepath.Glob("../sqlite/migration/*.sql")
	if err != nil || len(migrations) == 0 {
		b.Fatalf("find migrations: %v", err)
	}
	schema := strings.TrimSuffix(filepath.Base(migrations[len(migrations)-1]), ".sql")
	path := filepath.Join(os.TempDir(), fmt.Sprintf("tiprelay-bench-digestday-%s-v%d.db", schema, benchVersion))
	if _, err := os.Stat(path); err != nil {
		tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
		if err := buildBenchDB(tmp); err != nil {
			os.Remove(tmp)
			b.Fatalf("build %s: %v", tmp, err)
		}
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

func buildBenchDB(path string) error {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path) // creates the schema
	if err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		return err
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_txlock=immediate")
	if err != nil {
		return err
	}
	defer raw.Close()
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	for _, q := range benchPopulate {
		if _, err := tx.ExecContext(ctx, q, sql.Named("n", benchTips), sql.Named("epoch", benchEpoch),
			sql.Named("step", (24*time.Hour).Milliseconds()/benchPerDay)); err != nil {
			return fmt.Errorf("%.60s: %w", strings.TrimSpace(q), err)
		}
	}
	return tx.Commit()
}

// BenchmarkBuildRenderDay measures a whole daily digest of a WITA day
// holding 5,000 of 1,000,000 tips: Build on the real SQLite store, then
// Messages for one target (Render, CSV and Chart). It reports the peak
// resident memory of the test process (VmHWM) as peak-RSS-MB.
func BenchmarkBuildRenderDay(b *testing.B) {
	ctx := context.Background()
	store := sqlite.NewDigestStore(mustBenchDB(b))
	loc := MustWITA(b)
	day := Yesterday(time.UnixMilli(benchEpoch).AddDate(0, 0, benchDay+1), loc)
	c := text.For(text.Indonesian)
	targets := []tip.Target{{ChatID: -1009876543210}}
	var layout digest.Layout
	for _, k := range gazetteer.Bali().Keys() {
		r, _ := gazetteer.Bali().Region(k)
		layout.Regions = append(layout.Regions, digest.Region{Key: k, Name: r.Short, Unit: r.Unit})
	}
	var texts, bytes, listed int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, err := layout.Build(ctx, store, day, loc)
		if err != nil {
			b.Fatal(err)
		}
		if d.Total != benchPerDay || d.PrevTotal != benchPerDay {
			b.Fatalf("got %d tips and %d before, want %d each", d.Total, d.PrevTotal, benchPerDay)
		}
		if got, want := d.Response.Overall.Count, benchPerDay*7/10; got != want || len(d.Response.ByChat) != 10 {
			b.Fatalf("got %d tips with a status from %d chats, want %d from 10", got, len(d.Response.ByChat), want)
		}
		msgs := digest.Messages(d, c, targets, true)
		texts, bytes, listed = len(msgs)-2, 0, 0
		for _, m := range msgs {
			if m.Kind == tip.SendText {
				listed += len(tipLine.FindAllString(m.Text, -1))
			}
			bytes += len(m.Text)
			if m.File != nil {
				bytes += len(m.File.Data)
			}
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(texts), "messages")
	b.ReportMetric(float64(listed), "listed")
	b.ReportMetric(float64(bytes)/1e6, "output-MB")
	if mb, ok := peakRSS(); ok {
		b.ReportMetric(mb, "peak-RSS-MB")
	}
}

// peakRSS returns the process's peak resident set size in megabytes, from
// VmHWM in /proc/self/status (Linux only).
func peakRSS() (float64, bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024, err == nil
		}
	}
	return 0, false
}
