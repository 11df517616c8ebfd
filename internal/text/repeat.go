package text

import (
	"fmt"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// RepeatLine is the line of a relayed header that counts the reports of
// a tip reported more than once: «🔁 Dilaporkan 4× · terakhir 10:42 WITA».
// It is "" for a tip reported once.
func (c Catalog) RepeatLine(t tip.Tip, loc *time.Location) string {
	if t.Reports <= 1 {
		return ""
	}
	s := fmt.Sprintf(pick(c.lang == English, "🔁 Dilaporkan %d×", "🔁 Reported %d×"), t.Reports)
	if !t.LastReportAt.IsZero() {
		s += pick(c.lang == English, " · terakhir ", " · last ") + c.Clock(t.LastReportAt, loc)
	}
	return s
}

// SimilarLine is the line of a header that names an earlier tip whose
// screenshot looks close without being confirmed the same: «≈ Mirip #12».
func (c Catalog) SimilarLine(similar int64) string {
	if similar == 0 {
		return ""
	}
	return pick(c.lang == English, "≈ Mirip laporan #", "≈ Looks like report #") + itoa(similar)
}

// RepeatAck tells the reporter of repeat n that it was folded into
// original (shown with its current status and report count): the police
// got no second copy.
func (c Catalog) RepeatAck(n int64, original tip.Tip, loc *time.Location) string {
	en := c.lang == English
	var b strings.Builder
	fmt.Fprintf(&b, pick(en, "🔁 <b>Laporan #%d sama dengan laporan #%d</b>, yang sudah diteruskan ke polisi.",
		"🔁 <b>Report #%d is the same as report #%d</b>, which the police already have."), n, original.ID)
	b.WriteString("\n")
	fmt.Fprintf(&b, pick(en, "Status #%d: %s", "Status of #%d: %s"), original.ID, c.StatusLine(original.Status, loc))
	b.WriteString("\n")
	fmt.Fprintf(&b, pick(en, "Dilaporkan %d×. Laporan Anda dicatat dan dihitung; polisi tidak menerima salinan kedua.",
		"Reported %d×. Your report is stored and counted; the police get no second copy."), max(original.Reports, 2))
	b.WriteString("\n")
	b.WriteString(pick(en, "<i>Bukan hal yang sama? Ketuk tombol di bawah untuk mengirimnya sebagai laporan baru.</i>",
		"<i>Not the same thing? Tap the button below to send it as a new report.</i>"))
	return b.String()
}

// UnfoldButton is the label of the button that sends a folded repeat as a
// new tip after all.
func (c Catalog) UnfoldButton() string {
	return pick(c.lang == English, "➕ Bukan sama: kirim sebagai laporan baru", "➕ Not the same: send as a new report")
}

// Unfolded answers the press that sent repeat n as a new tip.
func (c Catalog) Unfolded(n int64) string {
	return fmt.Sprintf(pick(c.lang == English, "Laporan #%d dikirim sebagai laporan baru.", "Report #%d sent as a new report."), n)
}

// RepeatReply is the short reply to original's message in a police chat
// when repeat n matters: it is urgent, or the police had closed original.
func (c Catalog) RepeatReply(original tip.Tip, n int64, urgent bool) string {
	en := c.lang == English
	if urgent {
		return fmt.Sprintf(pick(en, "🔁🚨 Laporan #%d dilaporkan lagi sebagai <b>DARURAT</b> (#%d, laporan ke-%d).",
			"🔁🚨 Report #%d reported again as <b>URGENT</b> (#%d, report %d)."), original.ID, n, original.Reports)
	}
	return fmt.Sprintf(pick(en, "🔁 Laporan #%d dilaporkan lagi setelah berstatus %s (#%d, laporan ke-%d).",
		"🔁 Report #%d reported again after it was marked %s (#%d, report %d)."), original.ID, c.StatusName(original.Status.Status), n, original.Reports)
}

// RepeatOf is the line of a /laporan card of a repeat: «🔁 Ulang dari #12».
func (c Catalog) RepeatOf(original int64) string {
	return pick(c.lang == English, "🔁 Ulang dari laporan #", "🔁 Repeat of report #") + itoa(original)
}
