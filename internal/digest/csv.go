package digest

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// csvHeader names the CSV columns. The names are fixed, not translated,
// so that scripts reading the export work whatever the bot's language;
// new columns go at the end, so that scripts reading columns by position
// work too.
var csvHeader = []string{
	"number", "created", "reporter_name", "reporter_id", "kinds", "text", "links",
	"origin_kind", "origin_label", "origin_link", "attachments", "relayed_link",
	"region", "category", "priority",
	"status", "first_status_at", "status_unit",
	"duplicate_of", "reports",
}

// csvTime is the layout of the created column, in the digest's location;
// Excel reads it as a date and time.
const csvTime = "2006-01-02 15:04:05"

// CSV returns the tips of the digest as a CSV file that Excel opens
// correctly: UTF-8 with a byte order mark, RFC 4180 quoting, CRLF line
// ends, one row per report by number after a header row (see csvHeader):
// the tips and the repeats of the period.
// Kinds and links are separated by spaces; region, category and priority
// are keys ("badung", "hoaks", "darurat"), empty when not set (priority:
// "biasa"). The police status is its key ("dipantau"), empty without one;
// first_status_at is when the tip got its first status, in RFC 3339 in
// the digest's location ("2026-11-23T09:12:00+08:00"), empty without one;
// status_unit is the police unit that set the current status.
// duplicate_of is the number of the tip a repeat repeats, empty for a tip;
// reports is a tip's reports in the period, itself included (Reports:
// "1" until repeated), empty for a repeat, whose report is counted on its
// original's row when that original is of the period. To prevent
// formula injection, a text cell that begins with =, +, -, @, a tab or a
// carriage return gets a leading apostrophe, which makes Excel treat it as
// text (the apostrophe stays in the cell's value when read by other
// programs). Numeric columns are written by tiprelay and left as they are.
func CSV(d Digest) []byte {
	var buf bytes.Buffer
	rows := d.rows()
	size := 256 * (len(rows) + 1)
	for _, it := range rows {
		size += len(it.Tip.Text) + 8*len(it.Tip.Text)/100 // quotes and CRLF
	}
	buf.Grow(size)
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write(csvHeader) //nolint:errcheck // bytes.Buffer does not fail
	row := make([]string, len(csvHeader))
	for _, it := range rows {
		t := it.Tip
		kinds := KindsOf(t)
		names := make([]string, len(kinds))
		for i, k := range kinds {
			names[i] = string(k)
		}
		row[0] = strconv.FormatInt(t.ID, 10)
		row[1] = t.CreatedAt.In(d.loc()).Format(csvTime)
		row[2] = cell(t.Reporter.Name())
		row[3] = strconv.FormatInt(t.Reporter.ID, 10)
		row[4] = strings.Join(names, " ")
		row[5] = cell(t.Text)
		row[6] = cell(strings.Join(t.Links, " "))
		row[7], row[8], row[9] = "", "", ""
		if o := t.Origin; o != nil {
			row[7] = cell(string(o.Kind))
			row[8] = cell(o.Label())
			row[9] = cell(originLink(o))
		}
		row[10] = strconv.Itoa(len(t.Attachments))
		row[11] = relayedLink(it)
		row[12] = string(t.Triage.Region)
		row[13] = string(t.Triage.Category)
		row[14] = string(t.Triage.EffectivePriority())
		row[15] = string(t.Status.Status)
		row[16] = ""
		if !t.Status.FirstAt.IsZero() {
			row[16] = t.Status.FirstAt.In(d.loc()).Format(time.RFC3339)
		}
		row[17] = cell(t.Status.Unit)
		row[18], row[19] = "", ""
		if t.DuplicateOf != 0 {
			row[18] = strconv.FormatInt(t.DuplicateOf, 10)
		} else {
			row[19] = strconv.Itoa(d.Reports(t.ID))
		}
		w.Write(row) //nolint:errcheck
	}
	w.Flush()
	return buf.Bytes()
}

// rows returns the tips and the repeats of d merged by number.
func (d Digest) rows() []tip.DigestItem {
	if len(d.Repeats) == 0 {
		return d.Items
	}
	out := make([]tip.DigestItem, 0, len(d.Items)+len(d.Repeats))
	out = append(append(out, d.Items...), d.Repeats...)
	slices.SortFunc(out, func(a, b tip.DigestItem) int { return cmp.Compare(a.Tip.ID, b.Tip.ID) })
	return out
}

// cell guards a text cell against formula injection in spreadsheets.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// originLink returns the public link of the forwarded post, else the
// t.me link of the public chat or user it came from, else "".
func originLink(o *tip.Origin) string {
	if l := o.PublicLink(); l != "" {
		return l
	}
	_, src := originSource(o)
	return src.Link
}
