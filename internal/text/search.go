package text

import (
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// SearchHit is one tip found by /cari and the display name of its region
// ("" when it has none).
type SearchHit struct {
	Tip        tip.Tip
	RegionName string
}

// Limits of a search answer: the characters of a tip's text shown, and of
// the typed words repeated in the title.
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
			"Searches the text, captions, links and origins of reports and the text read from screenshots; newest first. " +
			"A word also finds the words it begins (<code>tutup</code> finds «tutupnya»); a quoted phrase matches as written."
	}
	return "Format: <code>/cari &lt;kata&gt;</code>, contoh <code>/cari tps 17</code> atau <code>/cari \"surat suara\"</code>. " +
		"Mencari di teks, keterangan, tautan, dan asal laporan serta teks yang terbaca dari tangkapan layar; laporan terbaru lebih dulu. " +
		"Kata cocok dengan awal kata (<code>tutup</code> menemukan «tutupnya»); frasa dalam tanda kutip dicari persis."
}

// SearchRefused answers /cari from someone who may not search: in
// private anyone who is not staff or an admin, in a police chat anyone
// who is not a member of it.
func (c Catalog) SearchRefused() string {
	return pick(c.lang == English,
		"Maaf, pencarian laporan hanya untuk petugas patroli siber (di chat pribadi dengan bot) dan anggota grup kepolisian.",
		"Sorry, searching reports is only for cyber patrol staff (in a private chat with the bot) and members of the police groups.")
}

// SearchResults answers /cari typed: the found tips, newest first, one
// line each (number, time, region, the start of the text), and how many
// more matched beyond them. inChat says the search covered only the tips
// relayed to the chat it was asked in.
func (c Catalog) SearchResults(typed string, hits []SearchHit, total int, inChat bool, loc *time.Location) string {
	en := c.lang == English
	echo := Escape(truncate(strings.Join(strings.Fields(typed), " "), searchEcho))
	if total == 0 {
		if inChat {
			return pick(en, "🔎 Tidak ada laporan di grup ini yang cocok dengan «", "🔎 No report in this group matches «") + echo + "»."
		}
		return pick(en, "🔎 Tidak ada laporan yang cocok dengan «", "🔎 No report matches «") + echo + "»."
	}
	var b strings.Builder
	b.WriteString("🔎 <b>" + pick(en, "Pencarian", "Search") + " «" + echo + "»</b>: " + itoa(int64(total)) + pick(en, " laporan", " report"))
	if en && total != 1 {
		b.WriteString("s")
	}
	if inChat {
		b.WriteString(pick(en, " di grup ini", " in this group"))
	}
	for _, h := range hits {
		b.WriteString("\n<b>#" + itoa(h.Tip.ID) + "</b> · " + c.searchTime(h.Tip, loc))
		if h.RegionName != "" {
			b.WriteString(" · " + Escape(h.RegionName))
		}
		b.WriteString(" · " + Escape(snippet(h.Tip)))
	}
	if more := total - len(hits); more > 0 {
		b.WriteString("\n… " + pick(en, "dan ", "and ") + itoa(int64(more)) + pick(en, " lainnya", " more"))
	}
	b.WriteString("\n\n" + pick(en, "Rincian: <code>/laporan &lt;nomor&gt;</code>", "Details: <code>/laporan &lt;number&gt;</code>"))
	return b.String()
}

// searchTime is when the tip was sent, short: "03-02-26 12:05".
func (c Catalog) searchTime(t tip.Tip, loc *time.Location) string {
	at := t.SentAt
	if at.IsZero() {
		at = t.CreatedAt
	}
	if loc == nil {
		loc = time.UTC
	}
	return at.In(loc).Format("02-01-06 15:04")
}

// snippet is the start of a tip's text on one line, or, for a tip without
// text, its first link or its origin.
func snippet(t tip.Tip) string {
	s := strings.Join(strings.Fields(t.Text), " ")
	switch {
	case s != "":
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
