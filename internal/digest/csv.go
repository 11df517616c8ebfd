package digest

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// csvHeader names the CSV columns. The names are fixed, not translated,
// so that scripts reading the export work whatever the bot's language.
var csvHeader = []string{
	"number", "created", "reporter_name", "reporter_id", "kinds", "text", "links",
	"origin_kind", "origin_label", "origin_link", "attachments", "relayed_link",
	"region", "category", "priority",
}

// csvTime is the layout of the created column, in the digest's location;
// Excel reads it as a date and time.
const csvTime = "2006-01-02 15:04:05"

// CSV returns the tips of the digest as a CSV file that Excel opens
// correctly: UTF-8 with a byte order mark, RFC 4180 quoting, CRLF line
// ends, one row per tip by number after a header row (see csvHeader).
// Kinds and links are separated by spaces; region, category and priority
// are keys ("badung", "hoaks", "darurat"), empty when not set (priority:
// "biasa"). To prevent formula injection, a text cell
// that begins with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe, which makes Excel treat it as text (the apostrophe stays in
// the cell's value when read by other programs). Numeric columns are
// written by tiprelay and left as they are.
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
