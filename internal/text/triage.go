package text

import (
	"strconv"
	"strings"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// CategoryName is the name people read for category k.
func (c Catalog) CategoryName(k tip.Category) string {
	id, en := categoryNames(k)
	if c.lang == English {
		return en
	}
	return id
}

func categoryNames(k tip.Category) (id, en string) {
	switch k {
	case tip.CategoryHoax:
		return "Hoaks", "Hoax"
	case tip.CategoryProvocation:
		return "Provokasi", "Provocation"
	case tip.CategorySARA:
		return "SARA", "SARA (ethnic/religious)"
	case tip.CategoryHateSpeech:
		return "Ujaran kebencian", "Hate speech"
	case tip.CategoryBlackCampaign:
		return "Kampanye hitam", "Black campaign"
	case tip.CategoryMoneyPolitics:
		return "Politik uang", "Vote buying"
	case tip.CategoryNeutrality:
		return "Netralitas", "Neutrality"
	case tip.CategoryThreat:
		return "Ancaman", "Threat"
	case tip.CategoryOther:
		return "Lainnya", "Other"
	}
	return string(k), string(k)
}

// PriorityName is the name people read for priority p.
func (c Catalog) PriorityName(p tip.Priority) string {
	en := c.lang == English
	switch p {
	case tip.PriorityUrgent:
		return pick(en, "🚨 Darurat", "🚨 Urgent")
	case tip.PriorityImportant:
		return pick(en, "❗ Penting", "❗ Important")
	}
	return pick(en, "Biasa", "Normal")
}

func pick(en bool, id, eng string) string {
	if en {
		return eng
	}
	return id
}

// Triage is the one line of a header or a reporter's card that shows a
// tip's region (by regionName, its display name; "" when the region is not
// set), category and priority, the region marked automatic when a place
// name set it.
func (c Catalog) Triage(tr tip.Triage, regionName string) string {
	en := c.lang == English
	unset := pick(en, "belum dipilih", "not set")
	var b strings.Builder
	b.WriteString("📍 ")
	switch {
	case tr.Region == "":
		b.WriteString(unset)
	case regionName == "":
		b.WriteString(Escape(string(tr.Region)))
	default:
		b.WriteString(Escape(regionName))
	}
	if tr.RegionAuto() {
		b.WriteString(pick(en, " (otomatis)", " (automatic)"))
	}
	b.WriteString(" · 🏷 ")
	if tr.Category == "" {
		b.WriteString(unset)
	} else {
		b.WriteString(Escape(c.CategoryName(tr.Category)))
	}
	b.WriteString(" · ")
	b.WriteString(c.PriorityName(tr.EffectivePriority()))
	return b.String()
}

// AckCard is the acknowledgement of tip t to its reporter, with its
// triage line and the hint above the buttons that set it.
func (c Catalog) AckCard(t tip.Tip, regionName string) string {
	en := c.lang == English
	var b strings.Builder
	b.WriteString(c.Ack(t.ID))
	b.WriteString("\n")
	b.WriteString(c.Triage(t.Triage, regionName))
	if len(t.Triage.RegionChoices) > 1 && t.Triage.Region == "" {
		b.WriteString("\n")
		b.WriteString(pick(en, "Teks menyebut beberapa wilayah: pilih satu.", "The text names several regions: choose one."))
	}
	b.WriteString("\n")
	b.WriteString(pick(en, "<i>Ketuk untuk memilih wilayah, kategori dan prioritas.</i>",
		"<i>Tap to choose the region, category and priority.</i>"))
	return b.String()
}

// TriageSet answers a button press that set field to the value people
// read as name.
func (c Catalog) TriageSet(n int64, name string) string {
	if c.lang == English {
		return "Report #" + itoa(n) + ": " + name
	}
	return "Laporan #" + itoa(n) + ": " + name
}

// TriageRefused answers a press on a tip's buttons by someone who is
// neither its reporter nor an admin.
func (c Catalog) TriageRefused() string {
	return pick(c.lang == English, "Hanya pelapor atau admin yang dapat mengubah laporan ini.",
		"Only the reporter or an admin may change this report.")
}

// ButtonStale answers a press on a button that no longer applies (a tip
// that does not exist, a region or category no longer offered).
func (c Catalog) ButtonStale() string {
	return pick(c.lang == English, "Tombol ini sudah tidak berlaku.", "This button no longer applies.")
}

// TipNotFound answers /laporan with a number no tip has.
func (c Catalog) TipNotFound(n int64) string {
	if c.lang == English {
		return "There is no report #" + itoa(n) + "."
	}
	return "Tidak ada laporan #" + itoa(n) + "."
}

// ReportUsage explains /laporan.
func (c Catalog) ReportUsage() string {
	return pick(c.lang == English, "Tulis <code>/laporan N</code>, misalnya <code>/laporan 17</code>.",
		"Write <code>/laporan N</code>, for example <code>/laporan 17</code>.")
}

// WithContent puts the staff member's own text (escaped, in a quote)
// under a header, for a tip relayed as one message.
func WithContent(header, content string) string {
	if strings.TrimSpace(content) == "" {
		return header
	}
	return header + "\n<blockquote>" + Escape(content) + "</blockquote>"
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
