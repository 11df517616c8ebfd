package text

import (
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// StatusName is the name people read for police status st.
func (c Catalog) StatusName(st tip.Status) string {
	en := c.lang == English
	switch st {
	case tip.StatusWatching:
		return pick(en, "👁 Dipantau", "👁 Monitored")
	case tip.StatusFollowUp:
		return pick(en, "🔎 Ditindaklanjuti", "🔎 Followed up")
	case tip.StatusDone:
		return pick(en, "✅ Selesai", "✅ Closed")
	case tip.StatusNoThreat:
		return pick(en, "⛔ Bukan ancaman", "⛔ Not a threat")
	}
	return pick(en, "⏳ Belum ada status", "⏳ No status yet")
}

// StatusButton is the label of the police button setting st; the
// current status is marked.
func (c Catalog) StatusButton(st tip.Status, current bool) string {
	if current {
		return "● " + c.StatusName(st)
	}
	return c.StatusName(st)
}

// StatusLine is the line of a relayed header that shows a tip's police
// status: «🔎 Ditindaklanjuti · Polres Badung · 10:42 WITA», or that it has
// none yet.
func (c Catalog) StatusLine(st tip.StatusState, loc *time.Location) string {
	if st.Status == tip.StatusNone {
		return c.StatusName(st.Status)
	}
	return c.StatusName(st.Status) + " · " + Escape(st.Unit) + " · " + c.Clock(st.At, loc)
}

// Clock is a time of day with its zone's abbreviation ("10:42 WITA").
func (c Catalog) Clock(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("15:04 MST")
}

// PoliceUnit names a police chat whose unit is not configured.
func (c Catalog) PoliceUnit() string { return pick(c.lang == English, "Polisi", "Police") }

// StatusSet answers an officer's press that set tip n's status.
func (c Catalog) StatusSet(n int64, st tip.Status) string {
	return c.TriageSet(n, c.StatusName(st))
}

// StatusUnchanged answers a press of the status tip n has already.
func (c Catalog) StatusUnchanged(n int64, st tip.Status) string {
	if c.lang == English {
		return "Report #" + itoa(n) + " is already " + c.StatusName(st) + "."
	}
	return "Laporan #" + itoa(n) + " sudah berstatus " + c.StatusName(st) + "."
}

// StatusRefused answers a press on a police button by someone who is not a
// member of the chat.
func (c Catalog) StatusRefused() string {
	return pick(c.lang == English, "Hanya anggota grup ini yang dapat mengubah status laporan.",
		"Only members of this group may change a report's status.")
}

// MembershipUnknown answers a press when membership could not be checked.
func (c Catalog) MembershipUnknown() string {
	return pick(c.lang == English, "Keanggotaan Anda belum dapat diperiksa. Coba lagi sebentar lagi.",
		"Your membership could not be checked. Please try again shortly.")
}

// by names who acted: the unit, with the officer's name when shown.
func (c Catalog) by(unit, officer string) string {
	if officer == "" {
		return Escape(unit)
	}
	return Escape(officer) + " (" + Escape(unit) + ")"
}

// StatusNotice tells a reporter that tip n got status st from unit (and
// officer, when shown; "" otherwise) at at. It is one line, so that
// notices to one reporter can be merged under a flood.
func (c Catalog) StatusNotice(n int64, st tip.Status, unit, officer string, at time.Time, loc *time.Location) string {
	if c.lang == English {
		return "📣 Report #" + itoa(n) + ": " + c.StatusName(st) + " by " + c.by(unit, officer) + ", " + c.Clock(at, loc)
	}
	return "📣 Laporan #" + itoa(n) + ": " + c.StatusName(st) + " oleh " + c.by(unit, officer) + ", " + c.Clock(at, loc)
}

// QuestionHeader introduces a police question about tip n to its
// reporter, above the question itself (quoted text, or the copied media
// whose caption it is).
func (c Catalog) QuestionHeader(n int64, unit, officer string) string {
	if c.lang == English {
		return "❓ Question from " + c.by(unit, officer) + " about report #" + itoa(n) + ":"
	}
	return "❓ Pertanyaan dari " + c.by(unit, officer) + " tentang laporan #" + itoa(n) + ":"
}

// QuestionHint closes a question: how to answer it.
func (c Catalog) QuestionHint() string {
	return pick(c.lang == English, "<i>Balas (reply) pesan ini untuk menjawab.</i>", "<i>Reply to this message to answer.</i>")
}

// Question is a police text question about tip n, to its reporter.
func (c Catalog) Question(n int64, unit, officer, question string) string {
	return WithContent(c.QuestionHeader(n, unit, officer), question) + "\n" + c.QuestionHint()
}

// AnswerHeader introduces the reporter's answer about tip n in a police
// chat.
func (c Catalog) AnswerHeader(n int64, reporter tip.Person) string {
	if c.lang == English {
		return "💬 Answer from the reporter (" + Escape(reporter.Name()) + ") about report #" + itoa(n) + ":"
	}
	return "💬 Jawaban pelapor (" + Escape(reporter.Name()) + ") tentang laporan #" + itoa(n) + ":"
}

// Reminder reminds a police chat that tip n has had no status for age.
func (c Catalog) Reminder(n int64, age time.Duration, urgent bool) string {
	var b strings.Builder
	b.WriteString("⏰ ")
	if urgent {
		b.WriteString("🚨 ")
	}
	if c.lang == English {
		b.WriteString("Report #" + itoa(n) + " has had no status for " + c.Duration(age) + ". Press one of its status buttons.")
	} else {
		b.WriteString("Laporan #" + itoa(n) + " belum ada status sejak " + c.Duration(age) + ". Tekan salah satu tombol statusnya.")
	}
	return b.String()
}

// Escalation tells an admin that tip n has had no status for age in any of
// the chats it went to (units).
func (c Catalog) Escalation(n int64, age time.Duration, units []string, reporter tip.Person) string {
	list := Escape(strings.Join(units, ", "))
	if c.lang == English {
		return "⚠️ Report #" + itoa(n) + " from " + Escape(reporter.Name()) + " has had no police status for " +
			c.Duration(age) + " (sent to " + list + "). Reminders were sent. <code>/laporan " + itoa(n) + "</code>"
	}
	return "⚠️ Laporan #" + itoa(n) + " dari " + Escape(reporter.Name()) + " belum ada status polisi sejak " +
		c.Duration(age) + " (dikirim ke " + list + "). Pengingat sudah dikirim. <code>/laporan " + itoa(n) + "</code>"
}

// Duration is a rounded duration people read: "30 menit", "2 jam 5 menit".
func (c Catalog) Duration(d time.Duration) string {
	en := c.lang == English
	d = d.Round(time.Minute)
	h, m := int64(d/time.Hour), int64(d%time.Hour/time.Minute)
	var parts []string
	if h > 0 {
		parts = append(parts, itoa(h)+pick(en, " jam", " h"))
	}
	if m > 0 || h == 0 {
		parts = append(parts, itoa(m)+pick(en, " menit", " min"))
	}
	return strings.Join(parts, " ")
}

// ReportRefused answers /laporan from someone who may not see that tip:
// not its reporter, not an admin, not a member of a chat it went to.
func (c Catalog) ReportRefused(n int64) string {
	if c.lang == English {
		return "You may not see report #" + itoa(n) + "."
	}
	return "Anda tidak berhak melihat laporan #" + itoa(n) + "."
}

// AnswerSent confirms to a reporter that their answer about tip n went to
// unit.
func (c Catalog) AnswerSent(n int64, unit string) string {
	if c.lang == English {
		return "💬 Your answer about report #" + itoa(n) + " was passed to " + Escape(unit) + "."
	}
	return "💬 Jawaban Anda tentang laporan #" + itoa(n) + " diteruskan ke " + Escape(unit) + "."
}
