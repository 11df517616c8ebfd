package text

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// maxExcerpt bounds the text quoted in a notice about an edit, so that the
// message stays far below Telegram's 4096-character limit.
const maxExcerpt = 3000

// StaffEntry is one line of /staff_list.
type StaffEntry struct {
	UserID int64
	// Source is "config", "admin" or "command".
	Source  string
	AddedBy int64
	AddedAt time.Time
}

// StaffList renders the answer to /staff_list; times are shown in loc.
func (c Catalog) StaffList(entries []StaffEntry, loc *time.Location) string {
	if len(entries) == 0 {
		return c.m.staffListEmpty
	}
	var b strings.Builder
	b.WriteString(c.m.staffListTitle)
	for _, e := range entries {
		b.WriteString("\n• <code>")
		b.WriteString(strconv.FormatInt(e.UserID, 10))
		b.WriteString("</code> ")
		switch e.Source {
		case "config":
			b.WriteString(c.m.sourceConfig)
		case "admin":
			b.WriteString(c.m.sourceAdmin)
		default:
			fmt.Fprintf(&b, c.m.sourceCommand, e.AddedBy, c.Time(e.AddedAt, loc))
		}
	}
	return b.String()
}

// Time formats t in loc the way the bot shows times: "24-11-2026 09:15 WITA".
func (c Catalog) Time(t time.Time, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc).Format("02-01-2006 15:04 MST")
}

// Header renders the header of a relayed tip in a police chat: number,
// triage (regionName is the display name of its region, "" when unset),
// reporter, time, origin and links. All user text is escaped.
func (c Catalog) Header(t tip.Tip, loc *time.Location, regionName string) string {
	var b strings.Builder
	fmt.Fprintf(&b, c.m.headerTitle, t.ID)
	b.WriteString("\n")
	b.WriteString(c.Triage(t.Triage, regionName))
	b.WriteString("\n")
	b.WriteString(c.StatusLine(t.Status, loc))
	b.WriteString("\n")
	var repeatOf string
	if t.DuplicateOf != 0 {
		repeatOf = c.RepeatOf(t.DuplicateOf)
	}
	for _, line := range []string{repeatOf, c.RepeatLine(t, loc), c.SimilarLine(t.SimilarTo)} {
		if line != "" {
			b.WriteString(line + "\n")
		}
	}
	fmt.Fprintf(&b, c.m.headerReporter, reporter(t.Reporter))
	b.WriteString("\n")
	fmt.Fprintf(&b, c.m.headerTime, c.Time(t.SentAt, loc))
	if t.Origin != nil {
		b.WriteString("\n")
		fmt.Fprintf(&b, c.m.headerOrigin, c.origin(t.Origin, loc))
	}
	if kinds := c.attachmentSummary(t.Attachments); kinds != "" {
		b.WriteString("\n")
		fmt.Fprintf(&b, c.m.headerContent, kinds)
	}
	if len(t.Links) > 0 {
		b.WriteString("\n")
		b.WriteString(c.m.headerLinks)
		c.writeLinks(&b, t.Links)
	}
	return b.String()
}

// Links beyond maxLinks are counted, not listed, and each is cut to
// maxLinkLen runes, so that a tip's block stays readable and bounded.
const (
	maxLinks   = 20
	maxLinkLen = 300
)

// writeLinks lists links, one escaped "• link" line each.
func (c Catalog) writeLinks(b *strings.Builder, links []string) {
	for i, l := range links {
		if i == maxLinks {
			fmt.Fprintf(b, "\n"+c.m.moreLinks, len(links)-i)
			return
		}
		b.WriteString("\n• " + Escape(truncate(l, maxLinkLen)))
	}
}

// reporter renders a staff member's name and @username, escaped.
func reporter(p tip.Person) string {
	s := Escape(p.Name())
	if p.Username != "" {
		s += " (@" + Escape(p.Username) + ")"
	}
	return s
}

func (c Catalog) origin(o *tip.Origin, loc *time.Location) string {
	label := Escape(o.Label())
	kind, ok := c.m.originKinds[o.Kind]
	if !ok {
		kind = Escape(string(o.Kind))
	}
	s := kind
	if label != "" {
		s += ": " + label
	}
	if link := o.PublicLink(); link != "" {
		s += " — " + Escape(link)
	}
	if !o.Date.IsZero() {
		s += " (" + c.Time(o.Date, loc) + ")"
	}
	return s
}

func (c Catalog) attachmentSummary(atts []tip.Attachment) string {
	if len(atts) == 0 {
		return ""
	}
	counts := map[tip.AttachmentKind]int{}
	var order []tip.AttachmentKind
	for _, a := range atts {
		if counts[a.Kind] == 0 {
			order = append(order, a.Kind)
		}
		counts[a.Kind]++
	}
	parts := make([]string, 0, len(order))
	for _, k := range order {
		name, ok := c.m.attachKinds[k]
		if !ok {
			name = string(k)
		}
		parts = append(parts, fmt.Sprintf("%d %s", counts[k], name))
	}
	return strings.Join(parts, ", ")
}

// EditNotice tells the police group that the reporter edited tip t, and
// whether the edit replaced its media (the new version is relayed after
// the notice); the new text is quoted, escaped and shortened if very long.
func (c Catalog) EditNotice(t tip.Tip, mediaReplaced bool) string {
	body := t.Text
	if strings.TrimSpace(body) == "" {
		body = c.m.noText
	}
	title := c.m.editNotice
	if mediaReplaced {
		title = c.m.editMedia
	}
	return fmt.Sprintf(title, t.ID) + "\n<blockquote>" + Escape(truncate(body, maxExcerpt)) + "</blockquote>"
}

// truncate shortens s to at most n runes, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
