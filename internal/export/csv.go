package export

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// csvWriter writes the records as CSV the way the digest's CSV is written,
// so that Excel opens it correctly: UTF-8 with a byte order mark, RFC 4180
// quoting, CRLF line ends, a header row of Fields. A value that JSON gives
// as an object or an array is one cell:
//
//   - reporter: the name, then @username when the name is not already it,
//     then the user id in parentheses: "Made Wirawan @made_w (5123456789)";
//   - links: separated by spaces;
//   - origin: its label, then its link: "Info Contoh @contoh https://t.me/contoh/42";
//   - files: one line per file, its kind then its known facts as
//     key=value: "photo file_unique_id=AQADx download=done sha256=9f86…
//     size=48213 mime=image/jpeg";
//
// and a null is an empty cell. A line break inside a cell (text, ocr_text,
// files) is written CRLF, as the record ends are. Text cells that begin with =, +, -, @, a tab
// or a carriage return get a leading apostrophe, so that a spreadsheet
// never runs them as formulas (as the digest's CSV does).
type csvWriter struct {
	w   *csv.Writer
	loc *time.Location
	row []string
	err error
}

func newCSVWriter(w io.Writer, loc *time.Location) *csvWriter {
	c := &csvWriter{w: csv.NewWriter(w), loc: loc, row: make([]string, len(Fields))}
	c.w.UseCRLF = true
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		c.err = err
		return c
	}
	c.err = c.w.Write(Fields)
	return c
}

// Write writes it as the next row.
func (c *csvWriter) Write(it tip.ExportItem) error {
	if c.err != nil {
		return c.err
	}
	r := NewRecord(it, c.loc)
	row := c.row
	row[0] = strconv.FormatInt(r.Number, 10)
	row[1] = r.Time
	row[2] = cell(reporterCell(r.Reporter))
	row[3] = cell(r.Text)
	row[4] = cell(strings.Join(r.Links, " "))
	row[5] = ""
	if o := r.Origin; o != nil {
		row[5] = cell(strings.TrimSpace(o.Label + " " + o.Link))
	}
	row[6] = deref(r.Category)
	row[7] = deref(r.Region)
	row[8] = r.Priority
	row[9] = deref(r.Status)
	row[10] = ""
	if r.DuplicateOf != nil {
		row[10] = strconv.FormatInt(*r.DuplicateOf, 10)
	}
	row[11] = ""
	if r.Reports != nil {
		row[11] = strconv.Itoa(*r.Reports)
	}
	row[12] = cell(deref(r.OCRText))
	row[13] = cell(filesCell(r.Files))
	c.err = c.w.Write(row)
	return c.err
}

// Close flushes the rows written.
func (c *csvWriter) Close() error {
	if c.err != nil {
		return c.err
	}
	c.w.Flush()
	return c.w.Error()
}

// reporterCell is the reporter as one cell (see csvWriter).
func reporterCell(p Reporter) string {
	s := p.Name
	if p.Username != "" && s != "@"+p.Username {
		s += " @" + p.Username
	}
	return s + " (" + strconv.FormatInt(p.ID, 10) + ")"
}

// filesCell is the files as one cell (see csvWriter).
func filesCell(files []File) string {
	var b strings.Builder
	for i, f := range files {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(f.Kind)
		add := func(key, value string) {
			if value != "" {
				b.WriteString(" " + key + "=" + value)
			}
		}
		add("file_unique_id", f.FileUniqueID)
		add("download", deref(f.Download))
		add("sha256", deref(f.SHA256))
		if f.Size != nil {
			add("size", strconv.FormatInt(*f.Size, 10))
		}
		add("mime", deref(f.MIME))
	}
	return b.String()
}

// deref returns *s, or "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// cell guards a text cell against formula injection in spreadsheets, as
// the digest's CSV does (internal/digest/csv.go).
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
