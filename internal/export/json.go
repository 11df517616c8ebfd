package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/tiprelay/tiprelay/internal/tip"
)

// jsonWriter writes a JSON array with one record per line:
//
//	[
//	{"number":1,...},
//	{"number":2,...}
//	]
//
// An export without tips is "[]".
type jsonWriter struct {
	w   io.Writer
	loc *time.Location
	n   int
	buf bytes.Buffer
	enc *json.Encoder
}

func newJSONWriter(w io.Writer, loc *time.Location) *jsonWriter {
	j := &jsonWriter{w: w, loc: loc}
	j.enc = json.NewEncoder(&j.buf)
	// Tips quote HTML and links with & in them: keep them readable.
	j.enc.SetEscapeHTML(false)
	return j
}

// Write writes it as the array's next element.
func (j *jsonWriter) Write(it tip.ExportItem) error {
	j.buf.Reset()
	if j.n == 0 {
		j.buf.WriteString("[\n")
	} else {
		j.buf.WriteString(",\n")
	}
	if err := j.enc.Encode(NewRecord(it, j.loc)); err != nil {
		return fmt.Errorf("encode tip %d: %w", it.Tip.ID, err)
	}
	// Encode ends the value with a newline; the separator comes first.
	j.buf.Truncate(j.buf.Len() - 1)
	j.n++
	_, err := j.w.Write(j.buf.Bytes())
	return err
}

// Close ends the array.
func (j *jsonWriter) Close() error {
	end := "\n]\n"
	if j.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(j.w, end)
	return err
}
