package digest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// Render returns the digest as Telegram HTML messages, each at most
// MaxMessage UTF-16 code units (raw, hence also after parsing) and at most
// 100 tags, split only between lines; every line is balanced HTML, so no
// entity spans two messages. All user text is escaped. A period without
// tips renders as one short "Tidak ada laporan" message with the period
// (and the relay backlog, if any); one with only repeats of earlier tips
// as a short "Tidak ada laporan baru" message with the repeats line.
//
// Under the total, a line counts the repeats of the period and the tips
// they repeat («🔁 12 laporan ulang dari 5 laporan»; see Compute for what
// counts), when there are any.
//
// After the counts per category comes the police response: the tips per
// status, the time to the first status overall and per police chat, and
// the MaxUnanswered oldest tips without a status, each linked.
//
// The list of tips holds at most MaxListed, the most important first (see
// Digest.Important), followed by a line counting the tips only the CSV
// lists. It is shortened further when its lines would make the digest
// longer than MaxTexts messages, so a digest of thousands of tips is a few
// messages whatever their texts.
func Render(d Digest, c text.Catalog) []string {
	head := lines(d, c)
	if d.Total == 0 {
		return pack(head, MaxMessage)
	}
	top := d.Important(MaxListed)
	render := func(n int) []string {
		return pack(append(slices.Clip(head), listLines(d, c, top[:n])...), MaxMessage)
	}
	msgs := render(len(top))
	if len(msgs) <= MaxTexts {
		return msgs
	}
	// The largest n whose digest fits in MaxTexts messages: more lines
	// never make fewer messages.
	lo, hi := 0, len(top) // render(lo) fits, unless nothing does; render(hi) does not
	if len(render(0)) > MaxTexts {
		return render(0)
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if len(render(mid)) <= MaxTexts {
			lo = mid
		} else {
			hi = mid
		}
	}
	return render(lo)
}

// lines returns the digest without its list of tips as balanced HTML
// lines, "" for a blank line.
func lines(d Digest, c text.Catalog) []string {
	loc := d.loc()
	out := []string{c.DigestTitle()}
	if d.Region.Key != "" {
		out = append(out, c.DigestRegion(d.Region.Name, d.Region.Unit))
	}
	out = append(out, c.DigestPeriod(d.Period.From, d.Period.To, loc), "")
	if d.Total == 0 {
		if len(d.Repeats) == 0 {
			out = append(out, c.DigestEmpty())
		} else {
			out = append(out, c.DigestNoNew(), c.DigestRepeats(len(d.Repeats), d.Repeated, d.RepeatedOlder))
		}
		if d.Region.Key == "" && (d.Pending > 0 || len(d.Failing) > 0) {
			out = append(out, "")
			out = append(out, backlogLines(d, c)...)
		}
		return out
	}
	out = append(out, c.DigestTotal(d.Total, d.PrevTotal),
		c.DigestPriorities(d.ByPriority[tip.PriorityUrgent], d.ByPriority[tip.PriorityImportant]))
	if len(d.Repeats) > 0 {
		out = append(out, c.DigestRepeats(len(d.Repeats), d.Repeated, d.RepeatedOlder))
	}
	if d.Region.Key == "" {
		out = append(out, "", c.DigestRegionsTitle())
		for _, r := range d.Regions() {
			name := r.Name
			if r.Key == "" {
				name = c.DigestNoRegion()
			}
			out = append(out, fmt.Sprintf("• %s: %d", text.Escape(name), r.Count))
		}
	}
	out = append(out, "", c.DigestCategoriesTitle())
	for _, k := range d.Categories() {
		name := c.DigestNoCategory()
		if k.Category != "" {
			name = c.CategoryName(k.Category)
		}
		out = append(out, fmt.Sprintf("• %s: %d", text.Escape(name), k.Count))
	}
	out = append(out, statusLines(d, c)...)
	out = append(out, "", c.DigestKindsTitle())
	for _, k := range Kinds {
		out = append(out, fmt.Sprintf("• %s: %d", c.DigestKind(string(k)), d.ByKind[k]))
	}
	if len(d.Origins) > 0 {
		out = append(out, "", c.DigestSourcesTitle())
		for _, s := range d.Origins {
			out = append(out, fmt.Sprintf("• %s (%s): %d", linked(s.Label, s.Link), c.DigestOriginKind(s.Kind), s.Count))
		}
	}
	if len(d.Domains) > 0 {
		out = append(out, "", c.DigestDomainsTitle())
		for _, s := range d.Domains {
			out = append(out, fmt.Sprintf("• %s: %d", text.Escape(s.Label), s.Count))
		}
	}
	out = append(out, "", c.DigestStaffTitle())
	for _, s := range d.Staff {
		who := text.Escape(short(s.Name, 60))
		if s.Username != "" {
			who += " (@" + text.Escape(s.Username) + ")"
		}
		out = append(out, fmt.Sprintf("• %s <code>%d</code>: %d", who, s.ID, s.Count))
	}
	out = append(out, "", c.DigestHoursTitle(d.Period.From.Format("MST")))
	out = append(out, hourLines(d)...)
	if d.Region.Key == "" {
		out = append(out, "")
		out = append(out, backlogLines(d, c)...)
	}
	return out
}

// listLines returns the list of the tips top, which are the most
// important of the digest: a title, a line per tip and, when the digest
// has more tips, a line sending the reader to the CSV.
func listLines(d Digest, c text.Catalog, top []tip.DigestItem) []string {
	loc := d.loc()
	title := c.DigestItemsTitle()
	if len(top) < d.Total {
		title = c.DigestItemsTop(len(top), d.Total)
	}
	out := make([]string, 0, len(top)+3)
	out = append(out, "", title)
	clock := d.clock()
	for _, it := range top {
		out = append(out, itemLine(d, it, c, loc, clock))
	}
	if more := d.Total - len(top); more > 0 {
		out = append(out, c.DigestItemsMore(more))
	}
	return out
}

// clock is the layout of a tip's time in the digest's lists: the time of
// day when the period is within one date, else with the date.
func (d Digest) clock() string {
	if d.Period.sameDate(d.loc()) {
		return "15:04"
	}
	return "02-01 15:04"
}

// hourLines draws the tips per hour as monospace bars, one line per hour;
// periods longer than two days list only the hours with tips.
func hourLines(d Digest) []string {
	const width = 16
	most := 0
	for _, h := range d.Hours {
		most = max(most, h.Count)
	}
	label := "15:04"
	if len(d.Hours) > 24 {
		label = "02-01 15:04"
	}
	var out []string
	for _, h := range d.Hours {
		if h.Count == 0 && len(d.Hours) > 48 {
			continue
		}
		bar := 0
		if most > 0 {
			bar = (h.Count*width + most - 1) / most
		}
		out = append(out, fmt.Sprintf("<code>%s %-*s %5d</code>", h.Start.Format(label), width, strings.Repeat("█", bar), h.Count))
	}
	return out
}

func backlogLines(d Digest, c text.Catalog) []string {
	out := []string{c.DigestBacklogTitle()}
	if d.Pending == 0 && len(d.Failing) == 0 {
		return append(out, c.DigestBacklogClear())
	}
	out = append(out, c.DigestPending(d.Pending))
	for _, f := range d.Failing {
		out = append(out, c.DigestFailing(f, d.loc()))
	}
	return out
}

// itemLine renders one tip: number (linking to its relayed message),
// time, its reports in the period when more than one («🔁 4×»), its triage (priority when not normal, category, and region
// outside a region digest, each when set), a one-line summary and its
// origin.
func itemLine(d Digest, it tip.DigestItem, c text.Catalog, loc *time.Location, clock string) string {
	t := it.Tip
	var b strings.Builder
	num := "#" + strconv.FormatInt(t.ID, 10)
	b.WriteString(linked(num, relayedLink(it)))
	b.WriteString(" " + t.CreatedAt.In(loc).Format(clock) + " · ")
	if n := d.Reports(t.ID); n > 1 {
		b.WriteString(c.DigestReports(n) + " · ")
	}
	if p := t.Triage.EffectivePriority(); p != tip.PriorityNormal {
		b.WriteString(c.PriorityName(p) + " · ")
	}
	if k := t.Triage.Category; k != "" {
		b.WriteString(text.Escape(c.CategoryName(k)) + " · ")
	}
	if r := t.Triage.Region; r != "" && d.Region.Key == "" {
		b.WriteString("📍" + text.Escape(d.Layout.Region(r).Name) + " · ")
	}
	b.WriteString(text.Escape(summary(t, c)))
	if o := t.Origin; o != nil {
		b.WriteString(" · ↪ " + c.DigestOriginKind(o.Kind))
		if l := o.Label(); l != "" {
			b.WriteString(": " + text.Escape(short(l, 40)))
		}
	}
	if it.Relayed == nil {
		b.WriteString(" " + c.DigestNotRelayed())
	}
	return b.String()
}

// summary returns the tip's text on one line, shortened, preceded by its
// attachments; or only the attachments (or "(tanpa teks)") without text.
func summary(t tip.Tip, c text.Catalog) string {
	const n = 60
	head := t.Text
	if len(head) > 8*n { // only the start can show; cut on a rune boundary
		cut := 8 * n
		for cut > 0 && !utf8.RuneStart(head[cut]) {
			cut--
		}
		head = head[:cut] + " …"
	}
	s := short(strings.Join(strings.Fields(head), " "), n)
	switch {
	case s == "":
		return c.DigestNoText(t.Attachments)
	case t.HasMedia():
		return "[" + c.DigestNoText(t.Attachments) + "] " + s
	}
	return s
}

// linked returns the escaped label as a link to href, or just escaped
// when href is "".
func linked(label, href string) string {
	if href == "" {
		return text.Escape(label)
	}
	return `<a href="` + text.Escape(href) + `">` + text.Escape(label) + "</a>"
}

// short shortens s to at most n characters, marking the cut with "…".
func short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
