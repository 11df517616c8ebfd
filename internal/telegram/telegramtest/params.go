package telegramtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// maxBody caps one request body, like the 50 MB upload limit of Telegram.
const maxBody = 50 << 20

// params are the parameters of one request. Values are text: strings as
// they are, anything else as JSON text (message_ids=[1,2], chat_id=-100123).
type params struct {
	values map[string]string
	files  map[string]Upload
}

// parseParams reads the query string and a multipart, JSON or urlencoded
// body. Body values override query values of the same name.
func parseParams(r *http.Request) (*params, *apiError) {
	p := &params{values: make(map[string]string), files: make(map[string]Upload)}
	for k, v := range r.URL.Query() {
		p.values[k] = v[len(v)-1]
	}
	if r.Body == nil || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return p, nil
	}
	ct, ctParams, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	body := http.MaxBytesReader(nil, r.Body, maxBody)
	// Read to EOF (a multipart reader stops at the closing boundary, before
	// the chunked terminator) so that net/http starts watching the
	// connection and cancels the request context when the client goes away.
	defer func() { _, _ = io.Copy(io.Discard, body) }()
	switch ct {
	case "multipart/form-data":
		if err := p.readMultipart(body, ctParams["boundary"]); err != nil {
			return p, badRequest("can't parse multipart/form-data: " + err.Error())
		}
	case "application/json":
		if err := p.readJSON(body); err != nil {
			return p, badRequest("can't parse JSON object")
		}
	default:
		data, err := io.ReadAll(body)
		if err != nil {
			return p, badRequest("can't read request body")
		}
		form, err := url.ParseQuery(string(data))
		if err != nil {
			return p, badRequest("can't parse application/x-www-form-urlencoded body")
		}
		for k, v := range form {
			p.values[k] = v[len(v)-1]
		}
	}
	return p, nil
}

func (p *params) readMultipart(body io.Reader, boundary string) error {
	if boundary == "" {
		return errors.New("no boundary")
	}
	mr := multipart.NewReader(body, boundary)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return err
		}
		name := part.FormName()
		if part.FileName() != "" {
			p.files[name] = Upload{
				Field:       name,
				FileName:    part.FileName(),
				ContentType: part.Header.Get("Content-Type"),
				Data:        data,
			}
			continue
		}
		p.values[name] = string(data)
	}
}

func (p *params) readJSON(body io.Reader) error {
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(body)
	dec.UseNumber()
	if err := dec.Decode(&obj); err != nil {
		return err
	}
	for k, raw := range obj {
		raw = bytes.TrimSpace(raw)
		var s string
		if len(raw) > 0 && raw[0] == '"' && json.Unmarshal(raw, &s) == nil {
			p.values[k] = s
			continue
		}
		if string(raw) == "null" {
			continue
		}
		p.values[k] = string(raw)
	}
	return nil
}

// has reports whether the parameter was sent and is not empty.
func (p *params) has(name string) bool { return p.values[name] != "" }

// str returns the parameter text.
func (p *params) str(name string) string { return p.values[name] }

// int64 returns a numeric parameter; ok is false when it is absent, and err
// is set when it is present but not a number.
func (p *params) int64(name string) (v int64, ok bool, err *apiError) {
	s := strings.TrimSpace(p.values[name])
	if s == "" {
		return 0, false, nil
	}
	n, perr := strconv.ParseInt(strings.Trim(s, `"`), 10, 64)
	if perr != nil {
		return 0, true, badRequest("invalid " + name + " specified")
	}
	return n, true, nil
}

// bool returns a boolean parameter; absent means false.
func (p *params) bool(name string) bool {
	v, _ := strconv.ParseBool(strings.TrimSpace(p.values[name]))
	return v
}

// json decodes a JSON parameter into dst; ok is false when it is absent.
func (p *params) json(name string, dst any) (ok bool, err *apiError) {
	s := strings.TrimSpace(p.values[name])
	if s == "" {
		return false, nil
	}
	if jerr := json.Unmarshal([]byte(s), dst); jerr != nil {
		return true, badRequest("can't parse " + name + " JSON object")
	}
	return true, nil
}

// file returns an uploaded file part by field name; a value "attach://x"
// refers to the part named x.
func (p *params) file(field string) (Upload, bool) {
	if u, ok := p.files[field]; ok {
		return u, true
	}
	if name, ok := strings.CutPrefix(p.values[field], "attach://"); ok {
		u, ok := p.files[name]
		return u, ok
	}
	return Upload{}, false
}
