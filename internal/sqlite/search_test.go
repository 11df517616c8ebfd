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

// searchTip stores a tip with text, links and origin from chat 100,
// message msgID, relayed to the chats in to, and returns its number.
func searchTip(tb testing.TB, db *DB, msgID int64, text string, links []string, origin *tip.Origin, to ...int64) int64 {
	tb.Helper()
	t := tip.Tip{UpdateID: msgID, Reporter: tip.Person{ID: 100}, ChatID: 100, MessageIDs: []int64{msgID},
		Text: text, Links: links, Origin: origin, SentAt: testNow}
	compose := func(t tip.Tip) []tip.OutboxMessage {
		var rows []tip.OutboxMessage
		for _, c := range to {
			rows = append(rows, tip.OutboxMessage{TipID: t.ID, Purpose: tip.PurposeRelay, Target: tip.Target{ChatID: c}, Kind: tip.SendText, Text: "x"})
		}
		return rows
	}
	stored, _, err := NewTipStore(db).Create(context.Background(), t, compose)
	if err != nil {
		tb.Fatal(err)
	}
	return stored.ID
}

// mustSearch searches db for what a person typed and returns the tip
// numbers found and the total.
func mustSearch(tb testing.TB, db *DB, typed string, relayedTo int64, limit int) ([]int64, int) {
	tb.Helper()
	res, err := NewSearchStore(db).Search(context.Background(), tip.SearchQuery{Terms: tip.ParseSearch(typed), RelayedTo: relayedTo, Limit: limit})
	if err != nil {
		tb.Fatalf("search %q: %v", typed, err)
	}
	var ids []int64
	for _, t := range res.Tips {
		ids = append(ids, t.ID)
	}
	return ids, res.Total
}

// TestSearchIndexFollowsTips: a stored tip is found by its text, links
// and origin; an edit replaces what its text and links are found by and
// keeps the text read from its screenshots.
func TestSearchIndexFollowsTips(t *testing.T) {
	db := mustOpen(t)
	origin := &tip.Origin{Kind: tip.OriginChannel, ChatTitle: "Info Denpasar Terkini", ChatUsername: "infodps", SenderName: "Admin Satu"}
	n := searchTip(t, db, 1, "Hoaks TPS 17 DITUTUP di Kuta", []string{"https://fb.com/hoaks.banjir?x=1"}, origin)
	searchTip(t, db, 2, "laporan lain tanpa kata itu", nil, nil)
	// The text read from a screenshot goes into the tip's indexed row, so
	// the tip is indexed first (the bot indexes when intake is idle).
	if _, err := db.IndexSearch(context.Background(), 100); err != nil {
		t.Fatal(err)
	}
	if _, err := db.sql.Exec("UPDATE tips_fts SET ocr = 'spanduk kampanye hitam' WHERE docid = ?", n); err != nil {
		t.Fatal(err)
	}
	found := func(typed string) bool {
		ids, _ := mustSearch(t, db, typed, 0, 20)
		return slices.Equal(ids, []int64{n})
	}
	for _, typed := range []string{"ditutup", "tps 17", "DITUT", "fb.com/hoaks", "banjir", "infodps", "denpasar", "Admin", "spanduk"} {
		if !found(typed) {
			t.Errorf("%q: tip #%d not found after create", typed, n)
		}
	}
	_, _, err := NewTipStore(db).Edit(context.Background(), tip.Revision{ChatID: 100, MessageID: 1,
		Text: "Kerumunan di Renon", Links: []string{"https://x.com/akun/status/9"}, EditedAt: testNow.Add(time.Minute)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, typed := range []string{"renon", "x.com/akun", "spanduk", "infodps"} {
		if !found(typed) {
			t.Errorf("%q: tip #%d not found after edit", typed, n)
		}
	}
	for _, typed := range []string{"ditutup", "banjir"} {
		if ids, _ := mustSearch(t, db, typed, 0, 20); len(ids) != 0 {
			t.Errorf("%q: got %v after the edit removed it, want none", typed, ids)
		}
	}
}

// TestSearchMigrationIndexesStoredTips: the tips stored before the search
// migration are found once it ran.
func TestSearchMigrationIndexesStoredTips(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiprelay.db")
	db := mustOpenPath(t, path)
	n := searchTip(t, db, 1, "Spanduk provokasi di Gianyar", []string{"https://t.me/kanal/5"}, nil)
	// Back to a database from before 0009: no index, migration not applied.
	for _, q := range []string{"DROP TRIGGER tips_fts_update", "DROP TRIGGER tips_fts_delete",
		"DROP TABLE tips_fts", "DELETE FROM state WHERE key = 'search_indexed_through'",
		"DELETE FROM schema_migrations WHERE name IN ('0009_search.sql', '0012_search_async.sql')"} {
		if _, err := db.sql.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	db = mustOpenPath(t, path)
	for _, typed := range []string{"provokasi", "kanal"} {
		if ids, total := mustSearch(t, db, typed, 0, 20); !slices.Equal(ids, []int64{n}) || total != 1 {
			t.Errorf("%q: got %v (total %d), want the tip stored before the migration, #%d", typed, ids, total, n)
		}
	}
}

// TestSearchQuery: what a person types becomes a query of quoted words,
// never FTS syntax, and runs without error.
func TestSearchQuery(t *testing.T) {
	db := mustOpen(t)
	searchTip(t, db, 1, `Café "OR" dan NOT hoaks (x) tps-17 * déjà`, nil, nil)
	tests := []struct {
		name, typed, want string
	}{
		{"empty", "", ""},
		{"only spaces", "   \t\n", ""},
		{"only punctuation", `* " - ( ) : ^ ""`, ""},
		{"one word", "hoaks", `"hoaks*"`},
		{"words are ANDed", "hoaks tps", `"hoaks*" "tps*"`},
		{"phrase kept", `"tps 17" ditutup`, `"tps 17" "ditutup*"`},
		{"unclosed quote runs to the end", `hoaks "tps 17`, `"hoaks*" "tps 17"`},
		{"operators are words", "hoaks OR NOT AND NEAR", `"hoaks*" "OR*" "NOT*" "AND*" "NEAR*"`},
		{"minus and star", "-hoaks tps* *", `"hoaks*" "tps*"`},
		{"column filter and parentheses", "body:hoaks (tps)", `"body hoaks*" "tps*"`},
		{"quote inside a word", `ab"cd ef"gh`, `"ab*" "cd ef" "gh*"`},
		{"link", "https://fb.com/hoaks.banjir?x=1", `"https fb com hoaks banjir x 1*"`},
		{"hashtag", "#badung", `"badung*"`},
		{"unicode", "déjà Café ÜBER 😱 ناس", `"déjà*" "Café*" "ÜBER*" "ناس*"`},
		{"emoji only", "😱🔥", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ftsMatch(tip.ParseSearch(tt.typed))
			if got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
			if _, err := NewSearchStore(db).Search(context.Background(), tip.SearchQuery{Terms: tip.ParseSearch(tt.typed), Limit: 20}); err != nil {
				t.Errorf("search failed: %v", err)
			}
		})
	}
	// The words match what the tokenizer made of the tip, accents folded.
	for _, typed := range []string{"cafe", "DEJA", `"or dan not"`, "tps-17", "x"} {
		if ids, _ := mustSearch(t, db, typed, 0, 20); !slices.Equal(ids, []int64{1}) {
			t.Errorf("%q: got %v, want #1", typed, ids)
		}
	}
	if ids, _ := mustSearch(t, db, `"dan or"`, 0, 20); len(ids) != 0 {
		t.Errorf(`"dan or": got %v, want none: a phrase is kept in order`, ids)
	}
}

// TestSearchTermLimits: a search of very many words is cut, not refused.
func TestSearchTermLimits(t *testing.T) {
	long := ""
	for range 40 {
		long += "kata "
	}
	terms := tip.ParseSearch(long + `"` + long + `"`)
	if len(terms) != tip.MaxSearchTerms {
		t.Errorf("got %d terms, want %d", len(terms), tip.MaxSearchTerms)
	}
	if terms := tip.ParseSearch(`"` + long + `"`); len(terms) != 1 || len(terms[0].Words) != tip.MaxSearchWords {
		t.Errorf("got %+v, want one phrase of %d words", terms, tip.MaxSearchWords)
	}
}

// TestSearchNewestFirstAndLimit: the newest matches come first, at most
// Limit of them, with the total of all matches.
func TestSearchNewestFirstAndLimit(t *testing.T) {
	db := mustOpen(t)
	var want []int64
	for i := int64(1); i <= 30; i++ {
		text := "kabar biasa"
		if i%6 != 0 { // 25 of 30 match
			text = fmt.Sprintf("hoaks banjir nomor %d", i)
			want = append([]int64{i}, want...)
		}
		searchTip(t, db, i, text, nil, nil)
	}
	ids, total := mustSearch(t, db, "banjir", 0, 20)
	if total != 25 {
		t.Errorf("got total %d, want 25", total)
	}
	if !slices.Equal(ids, want[:20]) {
		t.Errorf("got %v, want the 20 newest matches %v", ids, want[:20])
	}
	if ids, total := mustSearch(t, db, "tidakada", 0, 20); len(ids) != 0 || total != 0 {
		t.Errorf("got %v (total %d), want nothing", ids, total)
	}
}

// TestSearchRelayedTo: with RelayedTo, only the tips relayed to that chat
// are found.
func TestSearchRelayedTo(t *testing.T) {
	db := mustOpen(t)
	const polda, badung, gianyar = -100, -201, -202
	a := searchTip(t, db, 1, "hoaks di Kuta", nil, nil, polda, badung)
	b := searchTip(t, db, 2, "hoaks di Ubud", nil, nil, polda, gianyar)
	c := searchTip(t, db, 3, "hoaks tanpa wilayah", nil, nil, polda)
	tests := []struct {
		name string
		chat int64
		want []int64
	}{
		{"all", 0, []int64{c, b, a}},
		{"polda", polda, []int64{c, b, a}},
		{"badung", badung, []int64{a}},
		{"gianyar", gianyar, []int64{b}},
		{"another chat", -999, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ids, total := mustSearch(t, db, "hoaks", tt.chat, 20)
			if !slices.Equal(ids, tt.want) || total != len(tt.want) {
				t.Errorf("got %v (total %d), want %v", ids, total, tt.want)
			}
		})
	}
}

// TestSearchIndexLater: a new tip enters the index when IndexSearch runs
// (the bot runs it when intake is idle), in batches of its limit, and a
// search indexes what is missing first, so it never misses a stored tip;
// an edit before the tip was indexed is indexed as it is now.
func TestSearchIndexLater(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	var indexed int
	if err := db.sql.QueryRow("SELECT count(*) FROM tips_fts").Scan(&indexed); err != nil || indexed != 0 {
		t.Fatalf("index holds %d rows (%v) before any tip", indexed, err)
	}
	for i := int64(1); i <= 5; i++ {
		searchTip(t, db, i, "kerumunan di Kuta", nil, nil)
	}
	if err := db.sql.QueryRow("SELECT count(*) FROM tips_fts").Scan(&indexed); err != nil || indexed != 0 {
		t.Fatalf("storing tips indexed %d (%v): indexing belongs after the transaction", indexed, err)
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
	searchTip(t, db, 6, "kerumunan di Renon lagi", nil, nil)
	if ids, _ := mustSearch(t, db, "renon", 0, 20); !slices.Equal(ids, []int64{6, 5}) {
		t.Errorf("renon: got %v, want the new tip #6 (indexed by the search) and the edited #5", ids)
	}
}
