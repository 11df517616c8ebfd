package text

import (
	"fmt"
	"slices"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// DigestStatusTitle heads the counts per police status.
func (c Catalog) DigestStatusTitle() string { return c.digest().statusTitle }

// DigestStatus names a police status in a digest as the buttons do
// (StatusName: "👁 Dipantau"; tip.StatusNone is "⏳ Belum ada status"). A
// status this version does not know (from a newer version's database) is
// named by its key, escaped.
func (c Catalog) DigestStatus(s tip.Status) string {
	if s == tip.StatusNone || slices.Contains(tip.Statuses(), s) {
		return c.StatusName(s)
	}
	return fmt.Sprintf(c.digest().unknownStatus, Escape(string(s)))
}

// DigestResponseTitle heads the times from the tips' arrival to their
// first status.
func (c Catalog) DigestResponseTitle() string { return c.digest().responseTitle }

// DigestResponseNone says that no tip of the period has a status, in
// place of the response times.
func (c Catalog) DigestResponseNone() string { return c.digest().responseNone }

// DigestResponseAll states the response time over all n tips that got a
// status: the median and the 90th percentile (90% of them got their first
// status within p90).
func (c Catalog) DigestResponseAll(n int, median, p90 time.Duration) string {
	return c.responseLine(c.digest().responseAll, n, median, p90)
}

// DigestResponseChat states the response time of one police chat, over
// the n tips whose first status was set from it, as DigestResponseAll
// does. The chat is named by its unit (escaped), else by chatID, else as
// an unnamed unit.
func (c Catalog) DigestResponseChat(unit string, chatID int64, n int, median, p90 time.Duration) string {
	d := c.digest()
	name := Escape(unit)
	switch {
	case unit != "":
	case chatID != 0:
		name = fmt.Sprintf(d.responseChat, chatID)
	default:
		name = d.noUnit
	}
	return c.responseLine(name, n, median, p90)
}

// responseLine states the response time over n tips of who (HTML).
func (c Catalog) responseLine(who string, n int, median, p90 time.Duration) string {
	format := c.digest().responseLine
	if n == 1 {
		format = c.digest().responseLineOne
	}
	return fmt.Sprintf(format, who, n, c.DigestDuration(median), c.DigestDuration(p90))
}

// DigestUnansweredTitle heads the list of the shown oldest of the total
// tips without a status.
func (c Catalog) DigestUnansweredTitle(shown, total int) string {
	if shown >= total {
		return c.digest().unansweredTitle
	}
	return fmt.Sprintf(c.digest().unansweredTop, shown, total)
}

// DigestUnansweredMore closes a cut list of tips without a status: n more
// are in the CSV file.
func (c Catalog) DigestUnansweredMore(n int) string {
	return fmt.Sprintf(c.digest().unansweredMore, n)
}

// DigestDuration writes a response time for people: whole seconds under a
// minute ("40 detik"), then minutes ("12 menit"), hours and minutes ("1
// jam 5 menit") under a day, days and hours beyond ("2 hari 3 jam"), each
// rounded to its smallest unit. A negative d is zero.
func (c Catalog) DigestDuration(d time.Duration) string {
	t := c.digest()
	d = max(d, 0)
	if d < time.Minute {
		return fmt.Sprintf(t.seconds, int(d/time.Second))
	}
	mins := int((d + 30*time.Second) / time.Minute)
	if mins < 60 {
		return fmt.Sprintf(t.minutes, mins)
	}
	if mins < 24*60 {
		if mins%60 == 0 {
			return fmt.Sprintf(t.hours, mins/60)
		}
		return fmt.Sprintf(t.hoursMinutes, mins/60, mins%60)
	}
	hours := (mins + 30) / 60
	if hours%24 == 0 {
		return fmt.Sprintf(t.days, hours/24)
	}
	return fmt.Sprintf(t.daysHours, hours/24, hours%24)
}
