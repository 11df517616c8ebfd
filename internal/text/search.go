package text

import (
	"strconv"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// SearchHit is one tip found by /cari: the tip, the link of its message
// in the chat the results are for ("" when there is none: not sent yet,
// or a chat without message links), and, for a tip without text, the
// text read from its screenshots.
type SearchHit struct {
	Tip       tip.Tip
	Link      string
	ImageText string
}

// SearchPage is one page of /cari results.
type SearchPage struct {
	Typed string      // the words typed, echoed in the title
	Hits  []SearchHit // newest first
	// Total is how many tips match; Capped says more than Total do.
	Total  int
	Capped bool
	// Page is this page's number, from 1; Pages how many there are, 0
	// when not known (Capped).
	Page, Pages int
	// InChat says the search covered only the tips relayed to the chat
	// it was asked in.
	InChat bool
}

// Limits of a search answer: the characters of a tip's text shown, and of
// the typed words repeated in the title. Ten lines stay far below
// Telegram's 4,096 characters.
const (
	searchSnippet = 60
	searchEcho    = 40
)

// SearchCommand is /cari for Telegram's command menus.
func (c Catalog) SearchCommand() Command {
	return Command{"cari", pick(c.lang == English, "Cari laporan: /cari kata", "Search reports: /cari word")}
}

// SearchUsage answers /cari without words.
func (c Catalog) SearchUsage() string {
	if c.lang == English {
		return "Usage: <code>/cari &lt;words&gt;</code>, e.g. <code>/cari tps 17</code> or <code>/cari \"ballot box\"</code>. " +
			"Searches the text, captions, links and origins of reports and the text read from screenshots; newest first, 10 a page. " +
			"A word is also found inside longer words (<code>tutup</code> finds «DITUTUP» and «penutupan», <code>pilkada</code> «#hoakspilkada»); " +
			"a word of one or two characters begins a word (<code>17</code> finds «TPS 17»); a quoted phrase matches whole words as written."
	}
	return "Format: <code>/cari &lt;kata&gt;</code>, contoh <code>/cari tps 17</code> atau <code>/cari \"surat suara\"</code>. " +
		"Mencari di teks, keterangan, tautan, dan asal laporan serta teks yang terbaca dari tangkapan layar; laporan terbaru lebih dulu, 10 per halaman. " +
		"Kata juga ditemukan di dalam kata yang lebih panjang (<code>tutup</code> menemukan «DITUTUP» dan «penutupan», <code>pilkada</code> «#hoakspilkada»); " +
		"kata satu atau dua huruf cocok dengan awal kata (<code>17</code> menemukan «TPS 17»); frasa dalam tanda kutip dicari utuh, persis."
}

// SearchRefused answers /cari, or a press on its page buttons, from
// someone who may not search: in private anyone who is not staff or an
// admin, in a police chat anyone who is not a member of it.
func (c Catalog) SearchRefused() string {
	return pick(c.lang == English,
		"Maaf, pencarian laporan hanya untuk petugas patroli siber (di chat pribadi dengan bot) dan anggota grup kepolisian.",
		"Sorry, searching reports is only for cyber patrol staff (in a private chat with the bot) and members of the police groups.")
}

// SearchPrev is the label of the button showing the previous page.
func (c Catalog) SearchPrev() string {
	return pick(c.lang == English, "‹ Sebelumnya", "‹ Previous")
}

// SearchMore is the label of the button showing the next page.
func (c Catalog) SearchMore() string {
	return pick(c.lang == English, "Lebih banyak ›", "More ›")
}

// SearchPageShown answers a page button: the page now shown.
func (c Catalog) SearchPageShown(page, pages int) string {
	s := pick(c.lang == English, "Halaman ", "Page ") + strconv.Itoa(page)
	if pages > 0 {
		s += pick(c.lang == English, " dari ", " of ") + strconv.Itoa(pages)
	}
	return s
}

// SearchNoPage answers a press for a page that does not exist (any
// more): the search now has pages pages, none when nothing matches.
func (c Catalog) SearchNoPage(page, pages int) string {
	en := c.lang == English
	if pages == 0 {
		return pick(en, "Tidak ada lagi laporan yang cocok dengan pencarian ini.", "No report matches this search any more.")
	}
	return pick(en, "Halaman ", "There is no page ") + strconv.Itoa(page) +
		pick(en, " tidak ada: hasil pencarian ini ", ": this search has ") + strconv.Itoa(pages) + pick(en, " halaman.", " pages.")
}

// SearchResults is one page of the answer to /cari: a title with the
// words typed, how many tips match and which page this is; then one line
// per tip, newest first: its number, when it was sent, its category and
// police status (a repeat: the tip it repeats instead), a link to its
// message, and the start of its text.
func (c Catalog) SearchResults(p SearchPage, loc *time.Location) string {
	en := c.lang == English
	echo := Escape(truncate(strings.Join(strings.Fields(p.Typed), " "), searchEcho))
	if p.Total == 0 {
		if p.InChat {
			return pick(en, "🔎 Tidak ada laporan di grup ini yang cocok dengan «", "🔎 No report in this group matches «") + echo + "»."
		}
		return pick(en, "🔎 Tidak ada laporan yang cocok dengan «", "🔎 No report matches «") + echo + "»."
	}
	var b strings.Builder
	b.WriteString("🔎 <b>" + pick(en, "Pencarian", "Search") + " «" + echo + "»</b>: ")
	if p.Capped {
		b.WriteString(pick(en, "lebih dari ", "more than "))
	}
	b.WriteString(c.count(p.Total) + pick(en, " laporan", " report"))
	if en && (p.Total != 1 || p.Capped) {
		b.WriteString("s")
	}
	if p.InChat {
		b.WriteString(pick(en, " di grup ini", " in this group"))
	}
	b.WriteString(" · " + strings.ToLower(c.SearchPageShown(p.Page, p.Pages)))
	for _, h := range p.Hits {
		b.WriteString("\n" + c.searchLine(h, loc))
	}
	b.WriteString("\n\n" + pick(en, "Rincian: <code>/laporan &lt;nomor&gt;</code>", "Details: <code>/laporan &lt;number&gt;</code>"))
	return b.String()
}

// searchLine is the line of one found tip.
func (c Catalog) searchLine(h SearchHit, loc *time.Location) string {
	en := c.lang == English
	t := h.Tip
	parts := []string{"<b>#" + itoa(t.ID) + "</b>", c.searchTime(t, loc)}
	if t.DuplicateOf != 0 {
		parts = append(parts, pick(en, "🔁 ulang dari #", "🔁 repeat of #")+itoa(t.DuplicateOf))
	} else {
		category := pick(en, "tanpa kategori", "no category")
		if t.Triage.Category != "" {
			category = Escape(c.CategoryName(t.Triage.Category))
		}
		status := pick(en, "⏳ belum ada status", "⏳ no status yet")
		if t.Status.Status != tip.StatusNone {
			status = c.StatusName(t.Status.Status)
		}
		parts = append(parts, category, status)
	}
	if h.Link != "" {
		parts = append(parts, `<a href="`+Escape(h.Link)+`">`+pick(en, "🔗 pesan", "🔗 message")+"</a>")
	}
	return strings.Join(append(parts, Escape(snippet(t, h.ImageText))), " · ")
}

// searchTime is when the tip was sent, short: "03/02 12:05".
func (c Catalog) searchTime(t tip.Tip, loc *time.Location) string {
	at := t.SentAt
	if at.IsZero() {
		at = t.CreatedAt
	}
	if loc == nil {
		loc = time.UTC
	}
	return at.In(loc).Format("02/01 15:04")
}

// count writes n with the language's thousands separator: 10.000 in
// Indonesian, 10,000 in English.
func (c Catalog) count(n int) string {
	s := strconv.Itoa(n)
	sep := pick(c.lang == English, ".", ",")
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

// snippet is the start of a tip's text on one line, or, for a tip
// without text, of the text read from its screenshots, its first link or
// its origin.
func snippet(t tip.Tip, imageText string) string {
	s := strings.Join(strings.Fields(t.Text), " ")
	switch {
	case s != "":
	case strings.TrimSpace(imageText) != "":
		s = "📷 " + strings.Join(strings.Fields(imageText), " ")
	case len(t.Links) > 0:
		s = t.Links[0]
	case t.Origin != nil:
		s = strings.TrimSpace(t.Origin.ChatTitle + " " + t.Origin.SenderName)
	}
	if s == "" {
		return "—"
	}
	return truncate(s, searchSnippet)
}
