// Package export writes tips for people and programs outside the bot, as
// a JSON array or as CSV, with one record per tip and the same fields in
// both: number, time, reporter, text, links, origin, category, region,
// priority, status and duplicate_of (DESIGN.md, "Export and backup"), then
// reports, ocr_text and files (issue 13). Records are written one at a
// time as they come, so memory does not grow with the number of tips.
package export

import (
	"cmp"
	"fmt"
	"io"
	"slices"
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
// keys and the CSV header. New fields go at the end, so that scripts
// reading CSV columns by position keep working.
var Fields = []string{
	"number", "time", "reporter", "text", "links", "origin",
	"category", "region", "priority", "status", "duplicate_of",
	"reports", "ocr_text", "files",
}

// Writer writes tips one at a time. Close ends the output (the JSON
// array's closing bracket) and flushes it; it does not close the
// underlying writer.
type Writer interface {
	Write(it tip.ExportItem) error
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
// region or status not set yet, an origin for the staff's own content,
// duplicate_of for an original (a tip that repeats no earlier one).
type Record struct {
	Number   int64    `json:"number"`
	Time     string   `json:"time"`
	Reporter Reporter `json:"reporter"`
	Text     string   `json:"text"`
	// Links is never null: [] when the tip has none.
	Links    []string `json:"links"`
	Origin   *Origin  `json:"origin"`
	Category *string  `json:"category"`
	Region   *string  `json:"region"`
	Priority string   `json:"priority"`
	Status   *string  `json:"status"`
	// DuplicateOf is the number of the tip this one repeats (always an
	// original), null for an original.
	DuplicateOf *int64 `json:"duplicate_of"`
	// Reports counts an original's reports, itself included (1 until a
	// repeat comes), as its relayed header does; null for a repeat, whose
	// report is counted in its original's.
	Reports *int `json:"reports"`
	// OCRText is the text read from the tip's images, in message order,
	// those with text separated by a blank line; "" when the images read
	// had none; null when none was read (no image, or not read yet).
	OCRText *string `json:"ocr_text"`
	// Files are the tip's attachments in message order; never null.
	Files []File `json:"files"`
}

// File is one attachment of a tip and what became of its file.
type File struct {
	// Kind is the attachment's kind: photo, video, document, voice, ...
	Kind string `json:"kind"`
	// FileUniqueID is Telegram's stable id of the file.
	FileUniqueID string `json:"file_unique_id"`
	// SHA256 is the downloaded file's hash (lower-case hex); null until
	// it was downloaded, or when it could not be.
	SHA256 *string `json:"sha256"`
	// Size (bytes) and MIME are the downloaded file's, else what Telegram
	// announced; null when neither is known.
	Size *int64  `json:"size"`
	MIME *string `json:"mime"`
	// Download is where the download stands: pending, done, too_large
	// (over the Bot API's limit), gone (Telegram no longer has it) or
	// failed; null when the attachment has no download job.
	Download *string `json:"download"`
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

// NewRecord returns the record of it, with times in RFC 3339 in loc.
func NewRecord(it tip.ExportItem, loc *time.Location) Record {
	t := it.Tip
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
		Files:    make([]File, 0, len(it.Files)),
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
	if t.DuplicateOf != 0 {
		r.DuplicateOf = &t.DuplicateOf
	} else {
		r.Reports = &t.Reports
	}
	var texts []string
	for _, f := range it.Files {
		r.Files = append(r.Files, newFile(f))
		if f.OCRRead {
			texts = append(texts, strings.TrimSpace(f.OCRText))
		}
	}
	if texts != nil {
		joined := strings.Join(slices.DeleteFunc(texts, func(s string) bool { return s == "" }), "\n\n")
		r.OCRText = &joined
	}
	return r
}

// newFile returns the record of an attachment (see File).
func newFile(f tip.ExportFile) File {
	out := File{Kind: string(f.Kind), FileUniqueID: f.FileUniqueID, Download: optional(string(f.Download))}
	size, mime := f.FileSize, f.MimeType
	if f.Download == tip.DownloadDone {
		out.SHA256 = optional(f.SHA256)
		size, mime = f.Size, cmp.Or(f.MIME, mime)
	}
	if size > 0 {
		out.Size = &size
	}
	out.MIME = optional(mime)
	return out
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
