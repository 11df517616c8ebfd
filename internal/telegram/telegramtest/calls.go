package telegramtest

import (
	"strings"
	"time"
)

// Call is one recorded Bot API request.
type Call struct {
	// Method is the canonical method name ("sendMessage") for known methods
	// and the name as requested otherwise.
	Method string
	// Params holds every parameter as text; non-string values are JSON text.
	Params map[string]string
	// Files lists the names of uploaded file parts.
	Files []string
	// Time is when the request arrived; Duration how long it took.
	Time     time.Time
	Duration time.Duration
	// Status is the HTTP status answered: 200, the error code, or 0 when no
	// answer was written (dropped connection, canceled request).
	Status int
	// Description is the error description, empty on success.
	Description string
}

// Upload is a file the bot uploaded in a multipart request.
type Upload struct {
	// Method is the canonical method name, e.g. "sendDocument".
	Method string
	// Field is the multipart field name; FileName and ContentType come from
	// the part header.
	Field       string
	FileName    string
	ContentType string
	Data        []byte
	// FileID is the file_id assigned to the stored file, and ChatID the
	// chat it was sent to.
	FileID string
	ChatID int64
}

func (s *Server) record(c Call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, c)
	s.notifyLocked()
}

// Calls returns every request received so far, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// CallsTo returns the requests to one method (case-insensitive), oldest
// first.
func (s *Server) CallsTo(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if strings.EqualFold(c.Method, method) {
			out = append(out, c)
		}
	}
	return out
}

// Uploaded returns the files uploaded with methods such as sendDocument and
// sendPhoto, oldest first.
func (s *Server) Uploaded() []Upload {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Upload(nil), s.uploads...)
}
