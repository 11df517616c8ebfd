package text

import (
	"fmt"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// CardRelay is one police chat a tip was relayed to, for its card: the
// unit and the link of the tip's message there ("" while it waits, or in
// a chat without message links).
type CardRelay struct {
	Unit string
	Link string
	Sent bool
}

// Limits that keep a card within one message: the tip's text, each
// exchange's text, how many of the latest exchanges are listed, the text
// read from its screenshots, and how many repeats are listed.
const (
	cardText      = 600
	cardExchange  = 200
	cardExchanges = 10
	cardImageText = 400
	cardRepeats   = 5
)

// CardMore is what a card shows beyond the tip's own record: the text
// read from its screenshots and the reports that repeat it (oldest
// first, at most cardRepeats of them; Reports on the tip counts all).
type CardMore struct {
	ImageText string
	Repeats   []tip.Tip
}

// ReportCard is the answer to /laporan N: tip t's header (triage, status,
// reporter, time, origin, links), its text, its status history, the
// chats it was relayed to with links, and its conversation.
func (c Catalog) ReportCard(t tip.Tip, regionName string, history []tip.StatusChange, relays []CardRelay, talk []tip.Exchange, more CardMore, loc *time.Location) string {
	en := c.lang == English
	var b strings.Builder
	b.WriteString(WithContent(c.Header(t, loc, regionName), truncate(t.Text, cardText)))
	if more.ImageText != "" {
		b.WriteString("\n\n<b>" + pick(en, "Teks di tangkapan layar", "Text in the screenshot") + "</b>\n<i>" +
			Escape(truncate(more.ImageText, cardImageText)) + "</i>")
	}
	if len(more.Repeats) > 0 {
		fmt.Fprintf(&b, "\n\n<b>"+pick(en, "Laporan ulang (%d)", "Repeat reports (%d)")+"</b>", max(t.Reports-1, len(more.Repeats)))
		for i, r := range more.Repeats {
			if i == cardRepeats {
				b.WriteString("\n…")
				break
			}
			b.WriteString("\n• #" + itoa(r.ID) + " · " + c.Clock(r.CreatedAt, loc) + " · " + Escape(r.Reporter.Name()))
		}
	}
	b.WriteString("\n\n<b>" + pick(en, "Riwayat status", "Status history") + "</b>")
	if len(history) == 0 {
		b.WriteString("\n" + pick(en, "belum ada", "none yet"))
	}
	for _, h := range history {
		b.WriteString("\n• " + c.Clock(h.At, loc) + " · " + Escape(h.Unit) + " · ")
		if h.From != tip.StatusNone {
			b.WriteString(c.StatusName(h.From) + " → ")
		}
		b.WriteString(c.StatusName(h.To) + " (" + Escape(h.Officer.Name()) + ")")
	}
	b.WriteString("\n\n<b>" + pick(en, "Dikirim ke", "Relayed to") + "</b>")
	for _, r := range relays {
		b.WriteString("\n• " + Escape(r.Unit) + ": ")
		switch {
		case r.Link != "":
			b.WriteString(`<a href="` + Escape(r.Link) + `">` + pick(en, "pesan", "message") + "</a>")
		case r.Sent:
			b.WriteString(pick(en, "terkirim", "sent"))
		default:
			b.WriteString(pick(en, "menunggu", "waiting"))
		}
	}
	if len(talk) > 0 {
		b.WriteString("\n\n<b>" + pick(en, "Percakapan", "Conversation") + "</b>")
		if len(talk) > cardExchanges {
			b.WriteString("\n… " + itoa(int64(len(talk)-cardExchanges)) + pick(en, " pesan sebelumnya", " earlier messages"))
			talk = talk[len(talk)-cardExchanges:]
		}
		for _, e := range talk {
			b.WriteString("\n• " + c.Clock(e.At, loc) + " ")
			if e.Direction == tip.Question {
				b.WriteString("❓ " + Escape(e.Unit) + " (" + Escape(e.From.Name()) + ")")
			} else {
				b.WriteString("💬 " + pick(en, "Pelapor", "Reporter"))
			}
			body := truncate(e.Text, cardExchange)
			if body == "" {
				body = "[" + e.Kind + "]"
			}
			b.WriteString(": " + Escape(body))
		}
	}
	return b.String()
}
