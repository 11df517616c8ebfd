package digest

import (
	"bytes"
	"encoding/csv"
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
}

// csvTime is the layout of the created column, in the digest's location;
// Excel reads it as a date and time.
const csvTime = "2006-01-02 15:04:05"

// CSV returns the tips of the digest as a CSV file that Excel opens
// correctly: UTF-8 with a byte order mark, RFC 4180 quoting, CRLF line
// ends, one row per tip by number after a header row (see csvHeader).
// Kinds and links are separated by spaces; region, category and priority
// are keys ("badung", "hoaks", "darurat"), empty when not set (priority:
// "biasa"). The police status is its key ("dipantau"), empty without one;
// first_status_at is when the tip got its first status, in RFC 3339 in
// the digest's location ("2026-11-23T09:12:00+08:00"), empty without one;
// status_unit is the police unit that set the current status. To prevent
// formula injection, a text cell that begins with =, +, -, @, a tab or a
// carriage return gets a leading apostrophe, which makes Excel treat it as
// text (the apostrophe stays in the cell's value when read by other
// programs). Numeric columns are written by tiprelay and left as they are.
func CSV(d Digest) []byte {
	var buf bytes.Buffer
	size := 256 * (len(d.Items) + 1)
	for _, it := range d.Items {
		size += len(it.Tip.Text) + 8*len(it.Tip.Text)/100 // quotes and CRLF
	}
	buf.Grow(size)
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	w.Write(csvHeader) //nolint:errcheck // bytes.Buffer does not fail
	row := make([]string, len(csvHeader))
	for _, it := range d.Items {
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
		w.Write(row) //nolint:errcheck
	}
	w.Flush()
	return buf.Bytes()
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
