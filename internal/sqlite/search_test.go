package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// searchTip stores a tip with text, links and origin from chat 100,
// message msgID, relayed to the chats in to, and returns its number.
func searchTip(tb testing.TB, db *DB, msgID int64, text string, links []string, origin *tip.Origin, to ...int64) int64 {
	tb.Helper()
	return storeSearchTip(tb, db, tip.Tip{UpdateID: msgID, MessageIDs: []int64{msgID}, Text: text, Links: links, Origin: origin}, to...)
}

// storeSearchTip stores t from chat 100 (its reporter, chat and time
// filled in), relayed to the chats in to, and returns its number.
func storeSearchTip(tb testing.TB, db *DB, t tip.Tip, to ...int64) int64 {
	tb.Helper()
	t.Reporter, t.ChatID, t.SentAt = tip.Person{ID: 100}, 100, testNow
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
	res := mustSearchPage(tb, db, typed, relayedTo, 0, limit)
	return numbersOf(res.Tips), res.Total
}

// mustSearchPage is one page of a search: limit tips after offset.
func mustSearchPage(tb testing.TB, db *DB, typed string, relayedTo int64, offset, limit int) tip.SearchResult {
	tb.Helper()
	res, err := NewSearchStore(db).Search(context.Background(),
		tip.SearchQuery{Terms: tip.ParseSearch(typed), RelayedTo: relayedTo, Offset: offset, Limit: limit})
	if err != nil {
		tb.Fatalf("search %q: %v", typed, err)
	}
	return res
}

func numbersOf(tips []tip.Tip) []int64 {
	var ids []int64
	for _, t := range tips {
		ids = append(ids, t.ID)
	}
	return ids
}

// TestSearchWordParts: a typed word of three or more characters is found
// inside longer words (Indonesian prefixes and suffixes, hashtags, links),
// one of one or two characters at the start of words, a quoted phrase as
// whole words; case and accents do not matter.
func TestSearchWordParts(t *testing.T) {
	db := mustOpen(t)
	closed := searchTip(t, db, 1, "Hoaks: TPS 17 DITUTUP oleh panitia", nil, nil)
	closing := searchTip(t, db, 2, "Ada penutupan jalan menuju TPS 170", nil, nil)
	tag := searchTip(t, db, 3, "Beredar lagi #hoakspilkada di grup WA", nil, nil)
	year := searchTip(t, db, 4, "Kejadian tahun 2017, bukan tps", nil, nil)
	link := searchTip(t, db, 5, "lihat tautan", []string{"https://www.fb.com/hoaks.banjir?x=1"}, nil)
	cafe := searchTip(t, db, 6, `Kumpul di Café "Déjà Vu", Kuta`, nil,
		&tip.Origin{Kind: tip.OriginChannel, ChatTitle: "Info Denpasar Terkini", ChatUsername: "infodps", SenderName: "Admin Satu"})
	vote := searchTip(t, db, 7, "Warga dipaksa memilih; penyebaran amplop dan pengiriman sembako", nil, nil)
	tests := []struct {
		typed string
		want  []int64 // newest first
	}{
		{"tutup", []int64{closing, closed}}, // DITUTUP, and penutupan (peN- + tutup)
		{"pilih", []int64{vote}},            // memilih
		{"sebar", []int64{vote}},            // penyebaran
		{"kirim", []int64{vote}},            // pengiriman
		{"paksa", []int64{vote}},            // dipaksa
		{"DITUTUP", []int64{closed}},
		{"ditut", []int64{closed}},
		{"pilkada", []int64{tag}},
		{"hoaks", []int64{link, tag, closed}},
		{"17", []int64{closing, closed}}, // "170" begins with 17; "2017" does not
		{"tps 17", []int64{closing, closed}},
		{`"tps 17"`, []int64{closed}},
		{"tps-17", []int64{closing, closed}}, // the words in a row, whatever stood between
		{"7", nil},
		{"20", []int64{year}},
		{"fb.com/hoaks", []int64{link}},
		{"hoaks.banjir", []int64{link}},
		{"www", []int64{link}},
		{"cafe", []int64{cafe}},
		{"DEJA vu", []int64{cafe}},
		{`"deja vu"`, []int64{cafe}},
		{`"vu deja"`, nil},
		{"infodps", []int64{cafe}},
		{"denpasar terkini", []int64{cafe}},
		{`"denpasar terk"`, nil}, // a phrase is whole words
		{"tutup gempa", nil},     // every term must match
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			got, total := mustSearch(t, db, tt.typed, 0, 20)
			if !slices.Equal(got, tt.want) || total != len(tt.want) {
				t.Errorf("got %v (total %d), want %v", got, total, tt.want)
			}
		})
	}
}

// TestSearchQuery: what a person types becomes a query of quoted
// strings, never FTS syntax, and runs without error.
func TestSearchQuery(t *testing.T) {
	db := mustOpen(t)
	searchTip(t, db, 1, `Café "OR" dan NOT hoaks (x) tps-17 * déjà`, nil, nil)
	tests := []struct {
		name, typed, want string
	}{
		{"empty", "", ""},
		{"only spaces", "   \t\n", ""},
		{"only punctuation", `* " - ( ) : ^ ""`, ""},
		{"one word", "hoaks", `"hoaks"`},
		{"words are ANDed", "hoaks tps", `"hoaks" AND "tps"`},
		{"short words begin a word", "c1 17 a", `"  c1" AND "  17" AND "  a"`},
		{"phrase is whole words", `"tps 17" ditutup`, `"  tps  17  " AND "ditutup"`},
		{"unclosed quote runs to the end", `hoaks "tps 17`, `"hoaks" AND "  tps  17  "`},
		{"operators are words", "hoaks OR NOT AND NEAR", `"hoaks" AND "  OR" AND "NOT" AND "AND" AND "NEAR"`},
		{"minus and star", "-hoaks tps* *", `"hoaks" AND "tps"`},
		{"column filter and parentheses", "body:hoaks (tps)", `"body  hoaks" AND "tps"`},
		{"quote inside a word", `ab"cd ef"gh`, `"  ab" AND "  cd  ef  " AND "  gh"`},
		{"link", "https://fb.com/hoaks.banjir?x=1", `"https  fb  com  hoaks  banjir  x  1"`},
		{"hashtag", "#badung", `"badung"`},
		{"unicode", "déjà Café ÜBER 😱 ناس", `"déjà" AND "Café" AND "ÜBER" AND "ناس"`},
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
	for _, typed := range []string{"cafe", "DEJA", `"or dan not"`, "tps-17", "x", "(x)"} {
		if ids, _ := mustSearch(t, db, typed, 0, 20); !slices.Equal(ids, []int64{1}) {
			t.Errorf("%q: got %v, want #1", typed, ids)
		}
	}
	if ids, _ := mustSearch(t, db, `"dan or"`, 0, 20); len(ids) != 0 {
		t.Errorf(`"dan or": got %v, want none: a phrase is kept in order`, ids)
	}
}

// TestSearchText: the indexed form of a column.
func TestSearchText(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{nil, ""},
		{"", ""},
		{" ,.!? 😱 ", ""},
		{"Hoaks: TPS 17 DITUTUP!", "  Hoaks  TPS  17  DITUTUP  "},
		{"https://fb.com/a?b=1", "  https  fb  com  a  b  1  "},
		{[]byte("déjà vu"), "  déjà  vu  "},
		{int64(42), "  42  "},
	}
	for _, tt := range tests {
		if got := searchText(tt.in); got != tt.want {
			t.Errorf("searchText(%#v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got, want := searchRoots("Warga menutup jalan; penutupan TPS, menutup lagi, membakar"), "  tutup  tutupan  "; got != want {
		t.Errorf("searchRoots = %q, want %q", got, want)
	}
	if got := searchRoots(nil); got != "" {
		t.Errorf("searchRoots(nil) = %q, want \"\"", got)
	}
}

// TestSearchTermLimits: a search of very many words is cut, not refused.
func TestSearchTermLimits(t *testing.T) {
	long := strings.Repeat("kata ", 40)
	terms := tip.ParseSearch(long + `"` + long + `"`)
	if len(terms) != tip.MaxSearchTerms {
		t.Errorf("got %d terms, want %d", len(terms), tip.MaxSearchTerms)
	}
	if terms := tip.ParseSearch(`"` + long + `"`); len(terms) != 1 || len(terms[0].Words) != tip.MaxSearchWords {
		t.Errorf("got %+v, want one phrase of %d words", terms, tip.MaxSearchWords)
	}
}

// TestSearchPages: the newest matches come first, Limit at a time after
// Offset, each page with the total of all matches; a page past the last
// is empty.
func TestSearchPages(t *testing.T) {
	db := mustOpen(t)
	var want []int64 // newest first
	for i := int64(1); i <= 30; i++ {
		text := "kabar biasa"
		if i%6 != 0 { // 25 of 30 match
			text = fmt.Sprintf("hoaks banjir nomor %d", i)
			want = append([]int64{i}, want...)
		}
		searchTip(t, db, i, text, nil, nil)
	}
	tests := []struct {
		offset int
		want   []int64
	}{
		{0, want[:10]},
		{10, want[10:20]},
		{20, want[20:]},
		{25, nil},
		{1000, nil},
	}
	for _, tt := range tests {
		res := mustSearchPage(t, db, "banjir", 0, tt.offset, 10)
		if got := numbersOf(res.Tips); !slices.Equal(got, tt.want) || res.Total != 25 || res.Capped {
			t.Errorf("offset %d: got %v (total %d, capped %v), want %v (total 25)", tt.offset, got, res.Total, res.Capped, tt.want)
		}
	}
	if ids, total := mustSearch(t, db, "tidakada", 0, 10); len(ids) != 0 || total != 0 {
		t.Errorf("got %v (total %d), want nothing", ids, total)
	}
}

// TestSearchCountCapped: counting stops at tip.MaxSearchCount, and the
// pages beyond it are still found.
func TestSearchCountCapped(t *testing.T) {
	db := mustOpen(t)
	n := tip.MaxSearchCount + 5
	_, err := db.sql.Exec(`INSERT INTO tips (id, update_id, reporter_id, chat_id, text, created_at)
		WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
		SELECT i, i, 100, 100, 'hoaks nomor ' || i, 1 FROM seq`, n)
	if err != nil {
		t.Fatal(err)
	}
	res := mustSearchPage(t, db, "hoaks", 0, 0, 10)
	if res.Total != tip.MaxSearchCount || !res.Capped || len(res.Tips) != 10 || res.Tips[0].ID != int64(n) {
		t.Errorf("got total %d, capped %v, %d tips from #%d; want %d, capped, 10 from #%d",
			res.Total, res.Capped, len(res.Tips), res.Tips[0].ID, tip.MaxSearchCount, n)
	}
	res = mustSearchPage(t, db, "hoaks", 0, n-3, 10)
	if got := numbersOf(res.Tips); !slices.Equal(got, []int64{3, 2, 1}) || !res.Capped {
		t.Errorf("last page: got %v (capped %v), want [3 2 1], capped", got, res.Capped)
	}
	res = mustSearchPage(t, db, `"nomor 17"`, 0, 0, 10)
	if got := numbersOf(res.Tips); !slices.Equal(got, []int64{17}) || res.Total != 1 || res.Capped {
		t.Errorf("got %v (total %d, capped %v), want [17], exactly 1", got, res.Total, res.Capped)
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
