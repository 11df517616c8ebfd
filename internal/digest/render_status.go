package digest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tiprelay/tiprelay/internal/text"
	"github.com/tiprelay/tiprelay/internal/tip"
)

// statusLines returns the police response to the digest's tips: the
// count per status (those without one included), the time to the first
// status overall and per police chat, and the oldest tips without a
// status, each linked to its message. The lines of the list carry no
// user text, so that twenty of them stay short whatever the tips say.
func statusLines(d Digest, c text.Catalog) []string {
	out := []string{"", c.DigestStatusTitle()}
	for _, s := range d.Statuses() {
		out = append(out, fmt.Sprintf("• %s: %d", c.DigestStatus(s.Status), s.Count))
	}
	out = append(out, "", c.DigestResponseTitle())
	if r := d.Response; r.Overall.Count == 0 {
		out = append(out, c.DigestResponseNone())
	} else {
		out = append(out, c.DigestResponseAll(r.Overall.Count, r.Overall.Median, r.Overall.P90))
		for _, ch := range r.ByChat {
			out = append(out, c.DigestResponseChat(short(ch.Unit, 40), ch.ChatID, ch.Count, ch.Median, ch.P90))
		}
	}
	waiting := d.ByStatus[tip.StatusNone]
	if len(d.Unanswered) == 0 {
		return out
	}
	out = append(out, "", c.DigestUnansweredTitle(len(d.Unanswered), waiting))
	clock := d.clock()
	for _, it := range d.Unanswered {
		out = append(out, unansweredLine(d, it, c, clock))
	}
	if more := waiting - len(d.Unanswered); more > 0 {
		out = append(out, c.DigestUnansweredMore(more))
	}
	return out
}

// unansweredLine renders one tip without a status: a bullet, its number
// (linking to its relayed message), time and triage, as itemLine does,
// without its text or origin.
func unansweredLine(d Digest, it tip.DigestItem, c text.Catalog, clock string) string {
	t := it.Tip
	var b strings.Builder
	b.WriteString("• " + linked("#"+strconv.FormatInt(t.ID, 10), relayedLink(it)))
	b.WriteString(" " + t.CreatedAt.In(d.loc()).Format(clock))
	if p := t.Triage.EffectivePriority(); p != tip.PriorityNormal {
		b.WriteString(" · " + c.PriorityName(p))
	}
	if k := t.Triage.Category; k != "" {
		b.WriteString(" · " + text.Escape(c.CategoryName(k)))
	}
	if r := t.Triage.Region; r != "" && d.Region.Key == "" {
		b.WriteString(" · 📍" + text.Escape(short(d.Layout.Region(r).Name, 40)))
	}
	if it.Relayed == nil {
		b.WriteString(" " + c.DigestNotRelayed())
	}
	return b.String()
}
