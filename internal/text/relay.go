package text

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// MaxCompactText is the longest tip text, in characters, that a compact
// rendering quotes whole. Longer tips are never coalesced, so that a
// summary never cuts a report short.
const MaxCompactText = 1000

// AckMany confirms several tips at once, as "#31-#45, #47", so that acks
// to one chat stay within its rate during a flood.
func (c Catalog) AckMany(ids []int64) string {
	return fmt.Sprintf(c.m.ackMany, Ranges(ids))
}

// Ranges formats tip numbers as "#31-#45, #47": sorted, consecutive
// numbers joined.
func Ranges(ids []int64) string {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	var parts []string
	for i := 0; i < len(sorted); {
		j := i
		for j+1 < len(sorted) && sorted[j+1] == sorted[j]+1 {
			j++
		}
		s := "#" + strconv.FormatInt(sorted[i], 10)
		if j > i {
			s += "-#" + strconv.FormatInt(sorted[j], 10)
		}
		parts = append(parts, s)
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// Summary is the first line of a coalesced message carrying n tips.
func (c Catalog) Summary(n int) string { return fmt.Sprintf(c.m.summary, n) }

// Compact renders a text-only tip as one block of a coalesced message:
// number, time, reporter, origin, the whole text and every link. It
// returns "" when the tip cannot be coalesced without losing information
// (it has media, or its text is longer than MaxCompactText).
func (c Catalog) Compact(t tip.Tip, loc *time.Location) string {
	if t.HasMedia() || len([]rune(t.Text)) > MaxCompactText {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<b>%s #%d</b> · %s · %s", c.m.reportWord, t.ID, c.Time(t.SentAt, loc), reporter(t.Reporter))
	if t.Origin != nil {
		b.WriteString("\n")
		fmt.Fprintf(&b, c.m.headerOrigin, c.origin(t.Origin, loc))
	}
	if strings.TrimSpace(t.Text) != "" {
		b.WriteString("\n<blockquote>" + Escape(t.Text) + "</blockquote>")
	}
	c.writeLinks(&b, t.Links)
	return b.String()
}

// TargetFailing tells admins that a chat refuses the bot and that its
// messages are kept until it works again.
func (c Catalog) TargetFailing(chatID int64, reason string) string {
	return fmt.Sprintf(c.m.targetFailing, chatID, Escape(truncate(reason, 300)))
}

// TargetRecovered tells admins that a failing chat accepts messages again.
func (c Catalog) TargetRecovered(chatID int64) string {
	return fmt.Sprintf(c.m.targetRecovered, chatID)
}

// ChatMigrated tells admins that a group became a supergroup and that the
// bot follows it.
func (c Catalog) ChatMigrated(from, to int64) string {
	return fmt.Sprintf(c.m.chatMigrated, from, to, to)
}

// RelayRetry answers /relay_retry with the number of messages made due and
// the chats still marked failing.
func (c Catalog) RelayRetry(due int, failing []tip.FailingTarget, loc *time.Location) string {
	var b strings.Builder
	fmt.Fprintf(&b, c.m.relayRetry, due)
	for _, f := range failing {
		b.WriteString("\n• ")
		fmt.Fprintf(&b, c.m.relayFailingLine, f.ChatID, c.Time(f.Since, loc), Escape(truncate(f.LastError, 200)))
	}
	return b.String()
}
