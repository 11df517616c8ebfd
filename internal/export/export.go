// Package export writes tips for people and programs outside the bot, as
// a JSON array or as CSV, with one record per tip and the same fields in
// both: number, time, reporter, text, links, origin, category, region,
// priority, status and duplicate_of (DESIGN.md, "Export and backup").
// Records are written one at a time as they come, so memory does not grow
// with the number of tips.
package export

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// Format is the format of an export.
type Format string

// The formats.
const (
	JSON Format = "json"
	CSV  Format = "csv"
)

// ParseFormat returns the format named s (case-insensitive).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case JSON, CSV:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want json or csv)", s)
}

// Fields are the names of a record's fields, in order: the JSON object's
// keys and the CSV header.
var Fields = []string{
	"number", "time", "reporter", "text", "links", "origin",
	"category", "region", "priority", "status", "duplicate_of",
}

// Writer writes tips one at a time. Close ends the output (the JSON
// array's closing bracket) and flushes it; it does not close the
// underlying writer.
type Writer interface {
	Write(t tip.Tip) error
	Close() error
}

// NewWriter returns a Writer of format f to w, showing times in loc.
func NewWriter(w io.Writer, f Format, loc *time.Location) Writer {
	if loc == nil {
		loc = time.UTC
	}
	if f == CSV {
		return newCSVWriter(w, loc)
	}
	return newJSONWriter(w, loc)
}

// Record is one tip as exported. Unset values are JSON null: a category,
// region or status not set yet, an origin for the staff's own content, and
// duplicate_of, which is null for every tip until duplicates are detected
// (issue 13).
type Record struct {
	Number   int64    `json:"number"`
	Time     string   `json:"time"`
	Reporter Reporter `json:"reporter"`
	Text     string   `json:"text"`
	// Links is never null: [] when the tip has none.
	Links       []string `json:"links"`
	Origin      *Origin  `json:"origin"`
	Category    *string  `json:"category"`
	Region      *string  `json:"region"`
	Priority    string   `json:"priority"`
	Status      *string  `json:"status"`
	DuplicateOf *int64   `json:"duplicate_of"`
}

// Reporter is the staff member who sent a tip.
type Reporter struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Username is without the @, "" when the user has none.
	Username string `json:"username"`
}

// Origin is where a forwarded tip came from.
type Origin struct {
	// Kind is the Bot API's origin type: user, hidden_user, chat, channel.
	Kind string `json:"kind"`
	// Label names the channel or chat (title and @username) or the sender.
	Label string `json:"label"`
	// Link is the t.me link of the original post, else of the public chat
	// or user it came from, else "".
	Link string `json:"link"`
	// Date is when the original was posted, RFC 3339; null when unknown.
	Date *string `json:"date"`
}

// NewRecord returns the record of t, with times in RFC 3339 in loc.
func NewRecord(t tip.Tip, loc *time.Location) Record {
	r := Record{
		Number: t.ID,
		Time:   t.CreatedAt.In(loc).Format(time.RFC3339),
		Reporter: Reporter{
			ID: t.Reporter.ID, Name: t.Reporter.Name(), Username: t.Reporter.Username,
		},
		Text:     t.Text,
		Links:    t.Links,
		Category: optional(string(t.Triage.Category)),
		Region:   optional(string(t.Triage.Region)),
		Priority: string(t.Triage.EffectivePriority()),
		Status:   optional(string(t.Status.Status)),
	}
	if r.Links == nil {
		r.Links = []string{}
	}
	if o := t.Origin; o != nil {
		r.Origin = &Origin{Kind: string(o.Kind), Label: o.Label(), Link: originLink(o)}
		if !o.Date.IsZero() {
			d := o.Date.In(loc).Format(time.RFC3339)
			r.Origin.Date = &d
		}
	}
	return r
}

// optional returns nil for "", else a pointer to s.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// originLink returns the public link of the forwarded post, else the
// t.me link of the public chat or user it came from, else "" (as the
// digest's CSV does).
func originLink(o *tip.Origin) string {
	if l := o.PublicLink(); l != "" {
		return l
	}
	switch {
	case o.ChatID != 0 && o.ChatUsername != "":
		return "https://t.me/" + o.ChatUsername
	case o.ChatID == 0 && o.SenderID != 0 && o.SenderUsername != "":
		return "https://t.me/" + o.SenderUsername
	}
	return ""
}
