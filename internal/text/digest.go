package text

import (
	"fmt"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Digest texts are kept in their own struct, chosen by the catalog's
// language, so that the digest feature adds no field to messages. Format
// verbs are documented by the Catalog method that uses each field.
type digestTexts struct {
	title, period, empty                       string
	total, totalSame, totalUp, totalDown       string
	totalFromZero                              string
	kindsTitle, sourcesTitle, domainsTitle     string
	staffTitle, hoursTitle, backlogTitle       string
	pending, failing, backlogClear, itemsTitle string
	notRelayed, noText                         string
	csvCaption, chartCaption                   string
	csvBase, chartBase                         string
	chartHours, chartKinds                     string
	regionsTitle, categoriesTitle              string
	noRegion, noCategory, priorities           string
	itemsTop, itemsMore, region                string
	// Repeats (issue 13): the repeats line with its three plural forms
	// and three endings, a tip's «N×», the heading of a period with only
	// repeats and the CSV caption when it holds repeats.
	repeats, repeatsOne, repeatsOfOne string
	olderSome, olderAll, olderOne     string
	reports, noNew, csvCaptionRepeats string
	kinds                             map[string]string
	originKinds                       map[tip.OriginKind]string
	// The police response (digest_status.go).
	statusTitle, unknownStatus               string
	responseTitle, responseNone, responseAll string
	responseLine, responseLineOne            string
	responseChat, noUnit                     string
	unansweredTitle, unansweredTop           string
	unansweredMore                           string
	seconds, minutes, hours, hoursMinutes    string
	days, daysHours                          string
}

func (c Catalog) digest() *digestTexts {
	if c.lang == English {
		return &englishDigest
	}
	return &indonesianDigest
}

// DigestTitle is the first line of a digest.
func (c Catalog) DigestTitle() string { return c.digest().title }

// DigestPeriod names the period [from, to) in loc, e.g.
// "Periode: 23-11-2026 00:00 WITA – 24-11-2026 00:00 WITA".
func (c Catalog) DigestPeriod(from, to time.Time, loc *time.Location) string {
	return fmt.Sprintf(c.digest().period, c.Time(from, loc), c.Time(to, loc))
}

// DigestEmpty is the whole digest of a period without tips.
func (c Catalog) DigestEmpty() string { return c.digest().empty }

// DigestTotal states the number of tips and the change from the previous
// period of the same length; no percentage is given when prev is 0.
func (c Catalog) DigestTotal(total, prev int) string {
	d := c.digest()
	s := fmt.Sprintf(d.total, total)
	switch diff := total - prev; {
	case prev == 0 && total > 0:
		return s + " " + fmt.Sprintf(d.totalFromZero, diff)
	case diff == 0:
		return s + " " + fmt.Sprintf(d.totalSame, prev)
	case diff > 0:
		return s + " " + fmt.Sprintf(d.totalUp, diff, percent(diff, prev), prev)
	default:
		return s + " " + fmt.Sprintf(d.totalDown, -diff, percent(-diff, prev), prev)
	}
}

// percent returns 100*n/of rounded to the nearest integer.
func percent(n, of int) int { return (200*n + of) / (2 * of) }

// DigestKindsTitle heads the counts by content kind.
func (c Catalog) DigestKindsTitle() string { return c.digest().kindsTitle }

// DigestKind names a digest content kind ("text", "link", "screenshot",
// "video", "document", "forward"); an unknown kind is returned as is.
func (c Catalog) DigestKind(kind string) string {
	if name, ok := c.digest().kinds[kind]; ok {
		return name
	}
	return kind
}

// DigestSourcesTitle heads the most reported forward origins.
func (c Catalog) DigestSourcesTitle() string { return c.digest().sourcesTitle }

// DigestDomainsTitle heads the most reported link domains.
func (c Catalog) DigestDomainsTitle() string { return c.digest().domainsTitle }

// DigestStaffTitle heads the counts per staff member.
func (c Catalog) DigestStaffTitle() string { return c.digest().staffTitle }

// DigestHoursTitle heads the counts per hour; zone is the time zone's
// abbreviation, such as WITA.
func (c Catalog) DigestHoursTitle(zone string) string {
	return fmt.Sprintf(c.digest().hoursTitle, Escape(zone))
}

// DigestBacklogTitle heads the relay backlog.
func (c Catalog) DigestBacklogTitle() string { return c.digest().backlogTitle }

// DigestPending states how many relay messages wait to be sent.
func (c Catalog) DigestPending(n int) string { return fmt.Sprintf(c.digest().pending, n) }

// DigestBacklogClear says that nothing waits and no chat is failing.
func (c Catalog) DigestBacklogClear() string { return c.digest().backlogClear }

// DigestFailing describes one failing chat; the error text is escaped
// and shortened.
func (c Catalog) DigestFailing(f tip.FailingTarget, loc *time.Location) string {
	return fmt.Sprintf(c.digest().failing, f.ChatID, c.Time(f.Since, loc), Escape(truncate(f.LastError, 200)))
}

// DigestItemsTitle heads the list of every tip of the period.
func (c Catalog) DigestItemsTitle() string { return c.digest().itemsTitle }

// DigestNotRelayed marks a tip that has no relayed message yet.
func (c Catalog) DigestNotRelayed() string { return c.digest().notRelayed }

// DigestNoText summarises a tip without text: its attachments ("2 foto,
// 1 video"), or a "(tanpa teks)" placeholder.
func (c Catalog) DigestNoText(atts []tip.Attachment) string {
	if s := c.attachmentSummary(atts); s != "" {
		return s
	}
	return c.digest().noText
}

// DigestOriginKind is the short name of an origin kind ("kanal", "grup");
// an unknown kind is returned escaped.
func (c Catalog) DigestOriginKind(k tip.OriginKind) string {
	if name, ok := c.digest().originKinds[k]; ok {
		return name
	}
	return Escape(string(k))
}

// DigestCSVCaption is the caption of the CSV export of n tips and
// repeats repeat reports.
func (c Catalog) DigestCSVCaption(n, repeats int) string {
	if repeats > 0 {
		return fmt.Sprintf(c.digest().csvCaptionRepeats, n, repeats)
	}
	return fmt.Sprintf(c.digest().csvCaption, n)
}

// DigestRepeats counts the repeat reports of a period: n repeats of of
// tips, older of which came before the period, e.g. «🔁 12 laporan ulang
// dari 5 laporan (2 di antaranya dari sebelum periode ini)».
func (c Catalog) DigestRepeats(n, of, older int) string {
	d := c.digest()
	format := d.repeats
	switch {
	case n == 1:
		format = d.repeatsOne
	case of == 1:
		format = d.repeatsOfOne
	}
	s := fmt.Sprintf(format, n, of)
	switch {
	case older <= 0:
		return s
	case of == 1:
		return s + d.olderOne
	case older >= of:
		return s + d.olderAll
	}
	return s + fmt.Sprintf(d.olderSome, older)
}

// DigestReports is the mark of a tip reported n times in a period: «🔁 4×».
func (c Catalog) DigestReports(n int) string { return fmt.Sprintf(c.digest().reports, n) }

// DigestNoNew replaces the total of a period that had repeats of earlier
// tips but no new tip.
func (c Catalog) DigestNoNew() string { return c.digest().noNew }

// DigestChartCaption is the caption of the chart.
func (c Catalog) DigestChartCaption() string { return c.digest().chartCaption }

// DigestFileBase is the start of the CSV file name, such as "laporan".
func (c Catalog) DigestFileBase() string { return c.digest().csvBase }

// DigestChartBase is the start of the chart file name, such as "grafik".
func (c Catalog) DigestChartBase() string { return c.digest().chartBase }

// DigestChartHours is the title of the tips-per-hour chart (plain text);
// zone is the time zone's abbreviation.
func (c Catalog) DigestChartHours(zone string) string {
	return fmt.Sprintf(c.digest().chartHours, zone)
}

// DigestChartKinds is the title of the tips-per-kind chart (plain text).
func (c Catalog) DigestChartKinds() string { return c.digest().chartKinds }

// DigestRegion names the region of a region digest, its police unit in
// brackets when unit is not empty; both are escaped.
func (c Catalog) DigestRegion(name, unit string) string {
	s := "<b>" + Escape(name) + "</b>"
	if unit != "" {
		s += " (" + Escape(unit) + ")"
	}
	return fmt.Sprintf(c.digest().region, s)
}

// DigestRegionsTitle heads the counts per region.
func (c Catalog) DigestRegionsTitle() string { return c.digest().regionsTitle }

// DigestCategoriesTitle heads the counts per category.
func (c Catalog) DigestCategoriesTitle() string { return c.digest().categoriesTitle }

// DigestNoRegion labels the tips without a region ("tanpa wilayah").
func (c Catalog) DigestNoRegion() string { return c.digest().noRegion }

// DigestNoCategory labels the tips without a category ("tanpa kategori").
func (c Catalog) DigestNoCategory() string { return c.digest().noCategory }

// DigestPriorities counts the urgent and the important tips, e.g.
// "Prioritas: 🚨 Darurat 2 · ❗ Penting 5".
func (c Catalog) DigestPriorities(urgent, important int) string {
	return fmt.Sprintf(c.digest().priorities, fmt.Sprintf("%s %d · %s %d",
		c.PriorityName(tip.PriorityUrgent), urgent, c.PriorityName(tip.PriorityImportant), important))
}

// DigestItemsTop heads a list cut to the shown most important of total
// tips.
func (c Catalog) DigestItemsTop(shown, total int) string {
	return fmt.Sprintf(c.digest().itemsTop, shown, total)
}

// DigestItemsMore closes a cut list: n more tips are in the CSV file.
func (c Catalog) DigestItemsMore(n int) string { return fmt.Sprintf(c.digest().itemsMore, n) }
