package telegramtest

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"
)

// apiError is a Bot API error answer.
type apiError struct {
	code       int
	desc       string
	retryAfter int
	migrateTo  int64
}

// errCanceled marks a request whose client went away; nothing is written.
var errCanceled = &apiError{code: 0, desc: "request canceled"}

func badRequest(desc string) *apiError { return &apiError{code: 400, desc: "Bad Request: " + desc} }
func forbidden(desc string) *apiError  { return &apiError{code: 403, desc: "Forbidden: " + desc} }
func conflict(desc string) *apiError   { return &apiError{code: 409, desc: "Conflict: " + desc} }

// request is what a method handler receives.
type request struct {
	ctx    context.Context
	method string
	p      *params
}

// methodSpec is one Bot API method.
type methodSpec struct {
	name string
	fn   func(s *Server, r *request) (any, *apiError)
}

// ServeHTTP answers Bot API requests; it is exported only so that Server is
// an http.Handler and may also be mounted elsewhere.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, "/file/bot"):
		s.serveFile(w, r)
	case strings.HasPrefix(r.URL.Path, "/bot"):
		s.serveMethod(w, r)
	default:
		writeError(w, &apiError{code: 404, desc: "Not Found"})
	}
}

func (s *Server) serveMethod(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	token, method, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	p, perr := parseParams(r)
	call := Call{Method: method, Params: p.values, Time: start}
	for field := range p.files {
		call.Files = append(call.Files, field)
	}
	spec, known := s.methods[strings.ToLower(method)]
	if known {
		call.Method = spec.name
	}
	finish := func(e *apiError) {
		if e != nil {
			call.Status, call.Description = e.code, e.desc
		} else {
			call.Status = http.StatusOK
		}
		call.Duration = time.Since(start)
		s.record(call)
	}
	switch {
	case token != s.token:
		e := &apiError{code: 401, desc: "Unauthorized"}
		writeError(w, e)
		finish(e)
		return
	case !known:
		e := &apiError{code: 404, desc: "Not Found"}
		writeError(w, e)
		finish(e)
		return
	case perr != nil:
		writeError(w, perr)
		finish(perr)
		return
	}

	f := s.pickFault(spec.name, p.values)
	if f != nil && f.Delay > 0 && !s.delay(r.Context(), f.Delay) {
		finish(errCanceled)
		return
	}
	if f != nil && !f.AfterEffect && f.fails() {
		finish(s.writeFault(w, r, f))
		return
	}
	if e := checkMarkup(p); e != nil {
		writeError(w, e)
		finish(e)
		return
	}
	result, aerr := spec.fn(s, &request{ctx: r.Context(), method: spec.name, p: p})
	if aerr == errCanceled {
		finish(aerr)
		return
	}
	if f != nil && f.AfterEffect && f.fails() {
		finish(s.writeFault(w, r, f))
		return
	}
	if aerr != nil {
		writeError(w, aerr)
		finish(aerr)
		return
	}
	writeResult(w, result)
	finish(nil)
}

// delay waits d and reports whether the request is still wanted.
func (s *Server) delay(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.done:
		return false
	}
}

// writeFault answers with f, or drops the connection, and returns the error
// to record.
func (s *Server) writeFault(w http.ResponseWriter, r *http.Request, f *Fault) *apiError {
	if f.Drop {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
			}
		}
		return &apiError{code: 0, desc: "connection dropped"}
	}
	if f.Page {
		code := f.Code
		if code == 0 {
			code = http.StatusNotFound
		}
		writePage(w, r, code)
		return &apiError{code: code, desc: "HTML error page"}
	}
	e := f.apiError()
	writeError(w, e)
	return e
}

// writePage answers with an Apache-style HTML error page that echoes the
// request path, as proxies and web servers in front of the Bot API do.
func writePage(w http.ResponseWriter, r *http.Request, code int) {
	w.Header().Set("Content-Type", "text/html; charset=iso-8859-1")
	w.WriteHeader(code)
	fmt.Fprintf(w, `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>%d %s</title>
</head><body>
<h1>%s</h1>
<p>The requested URL %s was refused by the proxy at this address.</p>
<p>Request: POST %s HTTP/1.1</p>
<hr>
<address>Apache/2.4.62 (Debian) Server at %s Port 443</address>
</body></html>
`, code, http.StatusText(code), http.StatusText(code), html.EscapeString(r.URL.Path), html.EscapeString(r.URL.String()), html.EscapeString(r.Host))
}

func writeResult(w http.ResponseWriter, result any) {
	body, err := json.Marshal(struct {
		OK     bool `json:"ok"`
		Result any  `json:"result"`
	}{true, result})
	if err != nil {
		writeError(w, &apiError{code: 500, desc: "Internal Server Error: " + err.Error()})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(body)
}

func writeError(w http.ResponseWriter, e *apiError) {
	type parameters struct {
		RetryAfter int   `json:"retry_after,omitempty"`
		MigrateTo  int64 `json:"migrate_to_chat_id,omitempty"`
	}
	env := struct {
		OK          bool        `json:"ok"`
		ErrorCode   int         `json:"error_code"`
		Description string      `json:"description"`
		Parameters  *parameters `json:"parameters,omitempty"`
	}{OK: false, ErrorCode: e.code, Description: e.desc}
	if e.retryAfter != 0 || e.migrateTo != 0 {
		env.Parameters = &parameters{RetryAfter: e.retryAfter, MigrateTo: e.migrateTo}
	}
	body, _ := json.Marshal(env)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.code)
	_, _ = w.Write(body)
}
