package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// photoTip stores a tip with one photo and caption, and returns its
// number.
func photoTip(tb testing.TB, db *DB, msgID int64, caption string) int64 {
	tb.Helper()
	return storeSearchTip(tb, db, tip.Tip{UpdateID: msgID, MessageIDs: []int64{msgID}, Text: caption,
		Attachments: []tip.Attachment{{Kind: tip.AttachPhoto, MessageID: msgID, FileID: "f", FileUniqueID: fmt.Sprintf("u%d", msgID)}}})
}

// readOCR records text as read from tip n's screenshot, as the image
// analysis does.
func readOCR(tb testing.TB, db *DB, n int64, text string) {
	tb.Helper()
	if _, err := db.sql.Exec(`UPDATE attachments SET ocr_text = ? WHERE tip_id = ?`, text, n); err != nil {
		tb.Fatal(err)
	}
}

// TestSearchIndexFollowsTips: a stored tip is found by its text, links,
// origin and the text read from its screenshot as soon as that is
// stored; an edit replaces what its text and links are found by and
// keeps the rest.
func TestSearchIndexFollowsTips(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	origin := &tip.Origin{Kind: tip.OriginChannel, ChatTitle: "Info Denpasar Terkini", ChatUsername: "infodps", SenderName: "Admin Satu"}
	n := storeSearchTip(t, db, tip.Tip{UpdateID: 1, MessageIDs: []int64{1}, Text: "Hoaks banjir di Kuta",
		Links: []string{"https://fb.com/hoaks.banjir?x=1"}, Origin: origin,
		Attachments: []tip.Attachment{{Kind: tip.AttachPhoto, MessageID: 1, FileID: "f", FileUniqueID: "u1"}}})
	other := photoTip(t, db, 2, "laporan lain tanpa kata itu")
	if _, err := db.IndexSearch(ctx, 100); err != nil {
		t.Fatal(err)
	}
	found := func(typed string) bool {
		ids, _ := mustSearch(t, db, typed, 0, 20)
		return slices.Equal(ids, []int64{n})
	}
	readOCR(t, db, n, "TPS 17 DITUTUP")
	for _, typed := range []string{"ditutup", "tps 17", "banjir", "fb.com/hoaks", "infodps", "denpasar", "Admin"} {
		if !found(typed) {
			t.Errorf("%q: tip #%d not found after create and OCR", typed, n)
		}
	}
	_, _, err := NewTipStore(db).Edit(ctx, tip.Revision{ChatID: 100, MessageID: 1,
		Text: "Kerumunan di Renon", Links: []string{"https://x.com/akun/status/9"}, EditedAt: testNow.Add(time.Minute)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, typed := range []string{"renon", "x.com/akun", "ditutup", "infodps"} {
		if !found(typed) {
			t.Errorf("%q: tip #%d not found after edit", typed, n)
		}
	}
	for _, typed := range []string{"kuta", "banjir"} {
		if ids, _ := mustSearch(t, db, typed, 0, 20); len(ids) != 0 {
			t.Errorf("%q: got %v after the edit removed it, want none", typed, ids)
		}
	}
	readOCR(t, db, n, "")
	if ids, _ := mustSearch(t, db, "ditutup", 0, 20); len(ids) != 0 {
		t.Errorf("ditutup: got %v after the text read was cleared, want none", ids)
	}
	if ids, _ := mustSearch(t, db, "laporan", 0, 20); !slices.Equal(ids, []int64{other}) {
		t.Errorf("laporan: got %v, want #%d untouched", ids, other)
	}
}

// TestSearchOCRBeforeIndexing: the text read from the screenshot of a
// tip not indexed yet is indexed with it; a deleted tip leaves the index.
func TestSearchOCRBeforeIndexing(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	n := photoTip(t, db, 1, "")
	readOCR(t, db, n, "Surat suara sudah dicoblos")
	if ids, _ := mustSearch(t, db, `"surat suara" coblos`, 0, 20); !slices.Equal(ids, []int64{n}) {
		t.Errorf("got %v, want #%d by the text read from its screenshot", ids, n)
	}
	var stale int
	if err := db.sql.QueryRow(`SELECT count(*) FROM search_stale`).Scan(&stale); err != nil || stale != 0 {
		t.Errorf("search_stale holds %d rows (%v) after a search, want 0", stale, err)
	}
	if _, err := db.sql.ExecContext(ctx, `DELETE FROM tips WHERE id = ?`, n); err != nil {
		t.Fatal(err)
	}
	if ids, total := mustSearch(t, db, "coblos", 0, 20); len(ids) != 0 || total != 0 {
		t.Errorf("got %v (total %d) after the tip was deleted, want none", ids, total)
	}
}

// TestSearchIndexLater: a new tip enters the index when IndexSearch runs
// (the bot runs it when intake is idle), in batches of its limit, and a
// search indexes what is missing first, so it never misses a stored tip;
// an edit before the tip was indexed is indexed as it is now.
func TestSearchIndexLater(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	indexed := func() int {
		t.Helper()
		var n int
		if err := db.sql.QueryRow("SELECT count(*) FROM tips_fts").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for i := int64(1); i <= 5; i++ {
		searchTip(t, db, i, "kerumunan di Kuta", nil, nil)
	}
	if n := indexed(); n != 0 {
		t.Fatalf("storing tips indexed %d: indexing belongs after the transaction", n)
	}
	_, _, err := NewTipStore(db).Edit(ctx, tip.Revision{ChatID: 100, MessageID: 5, Text: "kerumunan di Renon", EditedAt: testNow.Add(time.Minute)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []int{2, 2, 1, 0} {
		if n, err := db.IndexSearch(ctx, 2); err != nil || n != want {
			t.Fatalf("IndexSearch = %d, %v; want %d", n, err, want)
		}
	}
	if n := indexed(); n != 5 {
		t.Errorf("index holds %d tips, want 5", n)
	}
	// An edit of an indexed tip is re-indexed, once.
	_, _, err = NewTipStore(db).Edit(ctx, tip.Revision{ChatID: 100, MessageID: 4, Text: "kerumunan di Renon juga", EditedAt: testNow.Add(time.Minute)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []int{1, 0} {
		if n, err := db.IndexSearch(ctx, 2); err != nil || n != want {
			t.Fatalf("IndexSearch after an edit = %d, %v; want %d", n, err, want)
		}
	}
	searchTip(t, db, 6, "kerumunan di Renon lagi", nil, nil)
	if ids, _ := mustSearch(t, db, "renon", 0, 20); !slices.Equal(ids, []int64{6, 5, 4}) {
		t.Errorf("renon: got %v, want the new tip #6 (indexed by the search) and the edited #5 and #4", ids)
	}
	if n := indexed(); n != 6 {
		t.Errorf("index holds %d tips, want 6: an edit replaces a tip's row", n)
	}
}

// TestSearchMigrationFromFTS4: a database whose tips were indexed by the
// FTS4 index of 0009 and 0012 (and whose screenshots were read) has every
// tip found after 0014, word parts and screenshot text included.
func TestSearchMigrationFromFTS4(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiprelay.db")
	db := mustOpenPath(t, path)
	a := searchTip(t, db, 1, "Spanduk provokasi di Gianyar DITUTUP", []string{"https://t.me/kanal/5"}, nil)
	b := photoTip(t, db, 2, "tangkapan layar")
	readOCR(t, db, b, "TPS 17 ditutup paksa")
	// Back to a database from before 0014: the FTS4 index of 0009 with
	// these tips in it, as 0012 left it.
	for _, q := range []string{"DROP TRIGGER tips_search_edit", "DROP TRIGGER tips_search_delete",
		"DROP TRIGGER attachments_search_ocr", "DROP TRIGGER attachments_search_delete",
		"DROP TABLE tips_fts", "DROP TABLE search_stale", "DROP TABLE searches", "DROP INDEX outbox_relay_chat",
		"DELETE FROM schema_migrations WHERE name = '0014_search_fts5.sql'"} {
		if _, err := db.sql.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, name := range []string{"0009_search.sql", "0012_search_async.sql"} {
		body, err := migrationFS.ReadFile("migration/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.sql.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var fts4 int
	if err := db.sql.QueryRow(`SELECT count(*) FROM tips_fts WHERE tips_fts MATCH 'provokasi'`).Scan(&fts4); err != nil || fts4 != 1 {
		t.Fatalf("the FTS4 index finds %d tips (%v), want 1", fts4, err)
	}
	db.Close()
	db = mustOpenPath(t, path)
	var through int64
	if err := db.sql.QueryRow(`SELECT value FROM state WHERE key = 'search_indexed_through'`).Scan(&through); err != nil || through != b {
		t.Errorf("search_indexed_through = %d (%v), want %d: the migration indexed every tip", through, err, b)
	}
	tests := []struct {
		typed string
		want  []int64
	}{
		{"provokasi", []int64{a}},
		{"kanal", []int64{a}},
		{"tutup", []int64{b, a}},
		{"tps 17", []int64{b}},
		{"layar", []int64{b}},
	}
	for _, tt := range tests {
		if ids, total := mustSearch(t, db, tt.typed, 0, 20); !slices.Equal(ids, tt.want) || total != len(tt.want) {
			t.Errorf("%q: got %v (total %d), want %v", tt.typed, ids, total, tt.want)
		}
	}
}
