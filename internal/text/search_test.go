package text

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// searchTags matches the HTML tags of a search answer.
var searchTags = regexp.MustCompile(`<[^>]*>`)

// shownLength is the length Telegram counts of an HTML text: UTF-16
// units of the text once tags are parsed away and entities decoded.
func shownLength(s string) int {
	return len(utf16.Encode([]rune(html.UnescapeString(searchTags.ReplaceAllString(s, "")))))
}

func searchHits(n int, text string) []SearchHit {
	at := time.Date(2026, 2, 3, 23, 30, 0, 0, time.UTC)
	hits := make([]SearchHit, n)
	for i := range hits {
		hits[i] = SearchHit{Tip: tip.Tip{ID: int64(100 - i), Text: text, SentAt: at,
			Triage: tip.Triage{Category: tip.CategoryHateSpeech}, Status: tip.StatusState{Status: tip.StatusFollowUp}},
			Link: "https://t.me/c/9876543210/12/" + itoa(int64(500+i))}
	}
	return hits
}

func TestSearchResults(t *testing.T) {
	wita, _ := time.LoadLocation("Asia/Makassar")
	hits := searchHits(2, "Hoaks <b>TPS</b> & kotak suara")
	hits[1].Tip.DuplicateOf = 7
	hits[1].Link = ""
	hits = append(hits, SearchHit{Tip: tip.Tip{ID: 5, SentAt: hits[0].Tip.SentAt}, ImageText: "TPS 17\nDITUTUP"})
	tests := []struct {
		name string
		lang Lang
		page SearchPage
		want []string
	}{
		{"first of several", Indonesian, SearchPage{Typed: "tps <17>", Hits: hits, Total: 23, Page: 1, Pages: 3}, []string{
			"🔎 <b>Pencarian «tps &lt;17&gt;»</b>: 23 laporan · halaman 1 dari 3\n",
			"\n<b>#100</b> · 04/02 07:30 · Ujaran kebencian · 🔎 Ditindaklanjuti · " +
				`<a href="https://t.me/c/9876543210/12/500">🔗 pesan</a> · Hoaks &lt;b&gt;TPS&lt;/b&gt; &amp; kotak suara` + "\n",
			"\n<b>#99</b> · 04/02 07:30 · 🔁 ulang dari #7 · Hoaks &lt;b&gt;TPS&lt;/b&gt;",
			"\n<b>#5</b> · 04/02 07:30 · tanpa kategori · ⏳ belum ada status · 📷 TPS 17 DITUTUP\n",
			"Rincian: <code>/laporan &lt;nomor&gt;</code>",
		}},
		{"in a group", Indonesian, SearchPage{Typed: "x", Hits: hits[:1], Total: 1, Page: 1, Pages: 1, InChat: true}, []string{
			"1 laporan di grup ini · halaman 1 dari 1\n",
		}},
		{"capped", Indonesian, SearchPage{Typed: "x", Hits: hits[:1], Total: tip.MaxSearchCount, Capped: true, Page: 2}, []string{
			"lebih dari 1.000 laporan · halaman 2\n",
		}},
		{"english", English, SearchPage{Typed: "x", Hits: hits, Total: 12345, Page: 2, Pages: 1235}, []string{
			"🔎 <b>Search «x»</b>: 12,345 reports · page 2 of 1235\n",
			"· Hate speech · 🔎 Followed up · <a href=\"https://t.me/c/9876543210/12/500\">🔗 message</a> ·", "🔁 repeat of #7", "no category · ⏳ no status yet", "Details:",
		}},
		{"english capped", English, SearchPage{Typed: "x", Hits: hits[:1], Total: tip.MaxSearchCount, Capped: true, Page: 1}, []string{
			"more than 1,000 reports · page 1\n",
		}},
		{"nothing", Indonesian, SearchPage{Typed: "gempa"}, []string{"🔎 Tidak ada laporan yang cocok dengan «gempa»."}},
		{"nothing in a group", Indonesian, SearchPage{Typed: "gempa", InChat: true}, []string{"Tidak ada laporan di grup ini"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := For(tt.lang).SearchResults(tt.page, wita)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("got\n%s\nwant it to contain\n%s", got, w)
				}
			}
		})
	}
}

// TestSearchResultsFitOneMessage: ten lines of the longest content stay
// within Telegram's 4,096 characters.
func TestSearchResultsFitOneMessage(t *testing.T) {
	worst := strings.Repeat("😱&<", 200)
	for _, lang := range []Lang{Indonesian, English} {
		hits := searchHits(10, worst)
		for i := range hits {
			hits[i].Tip.ID = 1 << 62
		}
		got := For(lang).SearchResults(SearchPage{Typed: worst, Hits: hits, Total: tip.MaxSearchCount, Capped: true, Page: 999}, nil)
		if n := shownLength(got); n > 4096 {
			t.Errorf("%s: %d characters, over 4,096", lang, n)
		}
	}
}

func TestSearchButtonsAndAnswers(t *testing.T) {
	id, en := For(Indonesian), For(English)
	tests := []struct{ got, want string }{
		{id.SearchMore(), "Lebih banyak ›"},
		{id.SearchPrev(), "‹ Sebelumnya"},
		{en.SearchMore(), "More ›"},
		{en.SearchPrev(), "‹ Previous"},
		{id.SearchPageShown(2, 3), "Halaman 2 dari 3"},
		{id.SearchPageShown(2, 0), "Halaman 2"},
		{en.SearchPageShown(2, 3), "Page 2 of 3"},
		{id.SearchNoPage(4, 3), "Halaman 4 tidak ada: hasil pencarian ini 3 halaman."},
		{en.SearchNoPage(4, 3), "There is no page 4: this search has 3 pages."},
		{id.SearchNoPage(2, 0), "Tidak ada lagi laporan yang cocok dengan pencarian ini."},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if !strings.Contains(strings.ToLower(id.SearchMore()), "lebih banyak") {
		t.Errorf("%q lacks «lebih banyak»", id.SearchMore())
	}
	// Button answers are notices: Telegram shows at most 200 characters.
	for _, s := range []string{id.SearchRefused(), en.SearchRefused(), id.SearchNoPage(10000, 9999), en.SearchNoPage(10000, 9999)} {
		if n := len([]rune(s)); n > 200 {
			t.Errorf("%q is %d characters, over 200", s, n)
		}
	}
}
